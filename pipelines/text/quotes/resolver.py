"""Who a subject token names: the :class:`Resolver` of pronouns, role nouns, relative pronouns and documents.

Built once per article, in text order. Every main-clause subject outside quote marks that resolves to a named
PERSON or ORG is remembered, so "he" is the most recent compatible *subject* or speaker, not merely the last
name mentioned ("Cameron said Obama and Hollande have urged …. '…,' he said" -> Cameron). Speech events
(speech verb + resolved subject) are the fallback speaker of a quote no cue attributes.
"""

from __future__ import annotations

from spacy.symbols import nsubj, nsubjpass
from spacy.tokens import Doc, Span, Token

from pipelines.text.entities import EntityMention
from pipelines.text.quotes.cues import CUE_VERBS, subordinate_speech
from pipelines.text.quotes.mentions import Mentions
from pipelines.text.quotes.quote import described_speaker
from pipelines.text.quotes.syntax import paragraph_ancestors, subject
from pipelines.text.vocab import (
    DOCUMENT_NOUNS,
    FEMALE_TITLES,
    ISSUE_VERBS,
    MALE_TITLES,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    REPORT_VERBS,
    ROLE_ORG_NOUNS,
    SPEAKER_LABELS,
    SPEECH_NOUNS,
    TITLES,
)


class Resolver(Mentions):
    """Maps subject tokens to canonical speakers: names, pronouns, relative pronouns, role nouns, documents.

    In: as :class:`~pipelines.text.quotes.mentions.Mentions`. On construction it walks the doc's subjects in
    text order and records ``subjects`` and speech ``events``; :meth:`resolve` answers for any token after.
    """

    def __init__(self, doc: Doc, mentions: list[EntityMention], quoted: list[tuple[int, int]], text: str) -> None:
        super().__init__(doc, mentions, quoted, text)
        self._resolved: dict[int, tuple[str | None, str]] = {}
        person_names = {name for _, name in self.persons}
        for tok in self.tokens:
            if tok.dep not in (nsubj, nsubjpass) or self.in_quote(tok.idx):
                continue
            head = tok.head
            # a clause the parser hung on a word inside the quote it introduces ("Sen. X scolded him: “…”",
            # "scolded" a ccomp of the quote's verb) is the writer's main clause too
            # _paragraph_parse: a clause hung on a word of another paragraph is a misparse and is a main clause of
            # its own ("“… momentum.”\n\nJoe Bateman, who traveled …, says …" as a ccomp of the previous says)
            crossed = head.head is not head and "\n" in self.text[min(head.idx, head.head.idx) : max(head.idx, head.head.idx)]
            main = (
                head.dep_ == "ROOT"
                or crossed
                or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
                or (not self.in_quote(head.idx) and self.in_quote(head.head.idx))
            )
            speech = head.lemma_ in CUE_VERBS and not any(
                a.lemma_ in REPORT_VERBS for a in paragraph_ancestors(head, self.text)
            )
            if not (main or speech):
                continue
            sp, written = self.resolve(tok)
            m = self.by_token.get(tok.i)
            if m is not None and sp == m.entity:
                label = m.label
            else:
                label = "PERSON" if tok.lower_ in PERSON_PRONOUNS or sp in person_names else "ORG"
            if sp is not None and label in ("PERSON", "ORG"):
                self.subjects.append((tok.idx, sp, label))
            if speech and head.pos_ == "VERB" and not subordinate_speech(head):
                self.events.append((head.idx, sp, written, head.text))
            elif main and (spoken := speech_complement(head)) is not None:
                self.events.append((spoken.idx, sp, written, spoken.text))

    def resolve(self, subj: Token) -> tuple[str | None, str]:
        """(canonical speaker or None, speaker as written) for a subject token.

        In order: a relative pronoun is its antecedent (_relative_subject: "Mr Mandelson, who said …" -> Peter
        Mandelson, bbc/politics/297); "I" is the writer (:meth:`writer`); he/she the latest person of that gender,
        "it" the latest organisation (:meth:`recent`); a name is its entity, or the name apposed to a title
        (:meth:`apposed_name`); a noun is a role or document (:meth:`role`), a bare name part
        (:meth:`name_part`) or an untagged proper name (:meth:`proper_name`). Results are cached per token.
        """
        if subj.i in self._resolved:
            return self._resolved[subj.i]
        written = self.mention_text(subj)
        low = subj.lower_
        sp: str | None = None
        clause = _relative_clause(subj) if subj.tag_ in ("WP", "WDT") and low in ("who", "which", "that") else None
        if clause is not None:
            # _relative_subject: "Mr Mandelson, who said …" -> the noun the clause hangs on
            antecedent = clause.head
            if antecedent.dep_ == "appos" and antecedent.head.i in self.by_token:
                antecedent = antecedent.head  # "NAME, a Clinton endorser … who suggested": the name the noun apposes
            if antecedent.i != subj.i:
                sp, written = self.resolve(antecedent)
        elif low == "i":
            sp, written = self.writer(), subj.text
        elif low in PERSON_PRONOUNS:
            sp = self.reporting_person(subj, PERSON_PRONOUNS[low]) or self.recent(subj.idx, "PERSON", PERSON_PRONOUNS[low])
            written = subj.text
        elif low in ORG_PRONOUNS:
            sp, written = (self.recent(subj.idx, "ORG", None) if low == "it" else None), subj.text
        else:
            m = self.mention_for(subj)
            verb = subj.head
            if m is not None and m.label != "PERSON" and verb.pos_ == "VERB" and m.start_char <= verb.idx < m.end_char:
                # _mention_over_verb: "Trump accused Holt" tagged WORK_OF_ART is a misparse, not a name: read "Trump"
                m, written = None, subj.text
            left = self.by_token.get(verb.i - 1) if verb.i > subj.i else None
            if m is None and subj.is_title and left is not None and left.label == "PERSON":
                # misparsed name-like subject ("War on Want's John Hilary said:"
                # -> nsubj "War"): the person right before the verb speaks
                m = left
                written = left.mention
            if m is not None and m.label == "GPE":
                # _dateline_subject: "WASHINGTON -- President Obama, …, said": the parser makes the dateline the
                # subject and the speaker its apposition
                person = self.dateline_person(subj)
                if person is not None:
                    m, written = person, person.mention
            if m is None and subj.pos_ == "NOUN":
                m = self.apposed_name(subj)
                if m is None:
                    m = self.comma_name(subj)
                    if m is not None:
                        written = self.text[subj.left_edge.idx : m.end_char]
                if m is None:
                    m = self.name_before(subj)
                    if m is not None:
                        written = m.mention
            if m is not None and m.label == "ORG" and subj.i in self.by_token:
                person = self.person_after_org(m)
                if person is not None:
                    m, written = person, self.text[m.start_char : person.end_char]
            if m is not None and m.label in SPEAKER_LABELS:
                sp = m.entity
            elif subj.pos_ in ("NOUN", "PROPN") and m is None:
                sp = self.role(subj)
                if sp is None:
                    sp = self.name_part(subj)
                if sp is None and subj.pos_ == "PROPN":
                    sp = self.proper_name(subj)
                if sp is None and subj.pos_ == "NOUN":
                    sp = self.capitalised_noun(subj)
            elif m is None and subj.is_alpha and subj.text[:1].isupper() and not subj.is_sent_start:
                # _name_read_as_verb: the tagger reads a surname as a verb ("“…,” Trump shot back.", PolNeAR train
                # huff-post_2016-02-07): a word that is the first or last name of one person of the article is that person
                sp = self.name_part(subj)
        self._resolved[subj.i] = (sp, written)
        return sp, written

    def role(self, tok: Token) -> str | None:
        """A definite role noun phrase that names one entity, or None.

        Tried in order: a document noun speaks for its author (:meth:`author`); a name among sibling subjects
        decides ("daughter Emily"); an organisation noun is the latest organisation ("the company" -> Laura
        Ashley); the person whose own role words fit ("the judge" after "US district court judge Susan Ilston",
        bbc/sport/045); an epithet with a capitalised word is the person the text is about (_epithet_speaker:
        "the ex-Wallaby added" -> David Campese, bbc/sport/330); a title word is the salient person
        (:meth:`salient_person`). Lowercase descriptions with no fitting role ("The judge said", no judge named)
        are not guessed: they may introduce someone new.
        """
        doc = tok.doc
        first, last = tok.left_edge.i, tok.i
        # a hyphenated description the parser split into sibling subjects
        # ("the ex - Wallaby" -> nsubj x3): read it as one phrase headed by the last
        while last + 1 < len(doc) and doc[last + 1].dep_ == tok.dep_ and doc[last + 1].head.i == tok.head.i:
            last += 1
        has_the = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts) or (
            first > 0 and doc[first - 1].lower_ == "the" and doc[first - 1].head.i == tok.head.i
        )
        poss = next((c for c in tok.lefts if c.dep_ == "poss"), None)
        if tok.lemma_.lower() in DOCUMENT_NOUNS:
            return self.author(tok, poss)
        if poss is not None and tok.lower_ in SPEECH_NOUNS and _speaks(tok):
            # _owned_words: "When Mr. Trump tried to defend his remarks calling the Chinese government ''strong''"
            # (PolNeAR train nyt_2016-03-12): the words a speech participle describes are their owner's
            return self.owner(poss)
        if not has_the and poss is None:
            return None
        for t in doc[tok.i + 1 : last + 1]:
            if t.i in self.by_token:  # "daughter Emily" parsed as two subjects: the name decides
                return self.by_token[t.i].entity
        head_tok = doc[last]
        head = head_tok.lower_
        if (
            head_tok.pos_ == "PROPN"
            and head_tok.text[:1].isupper()
            and head_tok.ent_type_ in ("ORG", "GPE")
            and head_tok.i not in self.by_token
            and poss is None
        ):
            # _short_org_name: "the Times wrote" is the "New York Times" named before, never an epithet
            return self.org_ending(head_tok.text, tok.idx) or head_tok.text
        if head_tok.tag_ not in ("NN", "NNP") or (head_tok.tag_ == "NNP" and (head_tok.i in self.by_token or not has_the)):
            return None  # plural or a name: "the three firms" is not one entity
        if head_tok.tag_ == "NNP" and _is_multiword_name(doc[first : last + 1]):
            return None  # a name, not a role: Resolver.proper_name names it
        if head in ROLE_ORG_NOUNS and poss is None:
            return self.recent(tok.idx, "ORG", None)
        mods = {c.lower_ for c in head_tok.lefts if c.dep_ in ("amod", "compound") and c.is_alpha}
        fits = [p for p, words in self.roles.items() if head in words and mods <= words]
        if len(fits) == 1:
            return fits[0]
        if head_tok.pos_ == "PROPN" and _title_case_the(doc[first]):
            # _outlet_title: "“…,” The Blaze reported." (PolNeAR train west-journal_2016-02-02): a capitalised "The"
            # inside a sentence belongs to a name, not an epithet for the article's main person
            return self.proper_name(head_tok) or head_tok.text
        if has_the and poss is None and self._is_epithet(doc[first : last + 1]):
            # _epithet_speaker: "the ex-Wallaby added", "the Conservative
            # leader said": a definite description built on a proper name
            # refers back to the person the text is about: the person named
            # most often so far (ties: the latest subject).
            return self.topic_person(tok.idx)
        if has_the and poss is None and head in TITLES:
            return self.salient_person(tok.idx, "f" if head in FEMALE_TITLES else "m" if head in MALE_TITLES else None)
        return None

    def reporting_person(self, pron: Token, gender: str) -> str | None:
        """_reported_pronoun: he/she right after "NAME said/told reporters (on DAY)" is NAME, whatever the parse.

        Why: "with Republican Senator John McCain telling reporters on Thursday he viewed Obama as “directly
        responsible”" (PolNeAR train huff-post_2016-06-16): the parser hangs "viewed" on the main clause and McCain
        is no subject the resolver recalls, so "he" went to an earlier person. Out: the PERSON subject (same gender)
        of a speech verb at most six tokens before ``pron`` in its sentence, with only the verb's own dependants
        between; else None.
        """
        doc = pron.doc
        for k in range(pron.i - 1, max(pron.sent.start, pron.i - 7) - 1, -1):
            verb = doc[k]
            if verb.lemma_ in CUE_VERBS and verb.pos_ == "VERB":
                if any(not (t.head.i == verb.i or t.head.head.i == verb.i) for t in doc[k + 1 : pron.i]):
                    return None
                subj = subject(verb)
                m = self.by_token.get(subj.i) if subj is not None else None
                if m is not None and m.label == "PERSON" and self.gender.get(m.entity, gender) == gender:
                    return m.entity
                return None
        return None

    def owner(self, poss: Token) -> str | None:
        """Who a possessor names: "his"/"her" on an object is the subject of its clause when that is a person of the
        same gender ("Mr. Trump tried to defend his remarks" -> Trump, who is no main-clause subject to recall), else
        the latest such person; a name is resolved as a subject is."""
        gender = {"his": "m", "her": "f"}.get(poss.lower_)
        if gender is None:
            return self.resolve(poss)[0]
        noun = poss.head
        if noun.dep_ in ("dobj", "pobj") and (subj := subject(noun.head if noun.dep_ == "dobj" else noun.head.head, reach=True)):
            m = self.by_token.get(subj.i)
            if m is not None and m.label == "PERSON" and self.gender.get(m.entity, gender) == gender:
                return m.entity
        return self.recent(poss.idx, "PERSON", gender)

    def dateline_person(self, subj: Token) -> EntityMention | None:
        """The person after a dateline the parser made the subject ("WASHINGTON (AP) — Donald Trump has said").

        In: a place subject. Out: the PERSON mention it has as an apposition, or the first one after a dash that
        follows it and comes before its verb; None when there is no dash or no such person (a place that speaks:
        "Japan branded North Korea …").
        """
        for c in subj.children:
            if c.dep_ == "appos" and c.i in self.by_token and self.by_token[c.i].label == "PERSON":
                return self.by_token[c.i]
        verb = subj.head
        tokens = self.tokens
        dash = next((k for k in range(subj.i + 1, min(verb.i, subj.i + 6)) if tokens[k].text in ("—", "–", "--", "-")), None)
        if dash is None:
            return None
        for k in range(dash + 1, verb.i):
            m = self.by_token.get(k)
            if m is not None and m.label == "PERSON":
                return m
        return None

    def org_ending(self, word: str, at: int) -> str | None:
        """The latest organisation before offset ``at`` whose name ends in ``word`` ("Times" -> "New York Times")."""
        for off, name in reversed(self.orgs):
            if off < at and name.split()[-1] == word:
                return name
        return None

    @staticmethod
    def _is_epithet(words: Span) -> bool:
        """"the Conservative leader", "the ex-Wallaby", "The Judge": a definite singular description with a capitalised word.

        Lowercase descriptions ("the sentencing judge", "the veteran game
        maker") may introduce someone new and stay unresolved.
        """
        start = words[0].sent.start
        return any(t.is_alpha and t.text[0].isupper() and t.i != start and t.lower_ != "the" for t in words)

    def author(self, tok: Token, poss: Token | None) -> str | None:
        """_document_author: a document speaks for its author.

        In: a document noun (:data:`pipelines.text.vocab.DOCUMENT_NOUNS`) and its possessor. Out: the possessor
        or ``from/by X`` owner ("Chelsea's statement added" -> Chelsea, bbc/sport/199), else who issued it
        (:meth:`_issuer`), else who issued the same document named earlier (:meth:`document_antecedent`).
        """
        owner = poss or self._document_owner(tok)
        if owner is not None:
            return self.resolve(owner)[0]
        issuer = self._issuer(tok)
        if issuer is not None:
            return issuer
        return self.document_antecedent(tok)

    def _issuer(self, d: Token) -> str | None:
        """Who put out document ``d`` by the verb it hangs on: "X said in a statement", "X issued a statement"."""
        head = d.head
        owner = None
        if d.dep_ == "pobj" and head.lower_ in ("in", "through") and head.head.pos_ == "VERB":
            owner = subject(head.head)
        elif d.dep_ == "dobj" and head.lower_ in ISSUE_VERBS:
            owner = subject(head)
        if owner is None or owner.dep_ == "nsubjpass" or owner.i == d.i or owner.lemma_.lower() in DOCUMENT_NOUNS:
            return None
        sp, written = self.resolve(owner)
        return sp if sp is not None else described_speaker(written)

    def _document_owner(self, tok: Token) -> Token | None:
        """The author of document noun ``tok`` in its own phrase: ``from/by/of X``, ``compiled by X``, "a BBC story".

        Example of the compound owner: "a BBC story claiming Downing Street "sexed up" …" -> BBC.
        """
        for child in tok.lefts:
            if child.dep_ == "compound" and child.i in self.by_token:
                return child
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ == "acl":  # "a report compiled by Transparency International"
                for g in child.children:
                    if g.dep_ == "agent":
                        return next((o for o in g.children if o.dep_ == "pobj"), None)
        return None

    def document_antecedent(self, tok: Token) -> str | None:
        """_document_antecedent: "the statement said" -> who issued the statement named earlier in the article.

        In: a document noun with no owner of its own ("the statement",
        "the suit"). Out: the speaker of the nearest earlier mention of the
        same document (same noun, or one ending in it: "lawsuit" for "the
        suit") that has an issuer: its possessor or ``from/by`` phrase ("Her
        lawsuit"), the subject of the verb it was said in ("the US military
        said in a statement"), or the subject of a verb that put it out
        ("the Electoral Commission issued a statement"). An issuer the
        article does not name is returned as its description ("US
        military", html-dev 7916ec). None when no earlier mention has an issuer.
        """
        word = tok.lower_
        tokens = self.tokens
        for k in range(tok.i - 1, -1, -1):
            d = tokens[k]
            low = d.lower_
            if d.pos_ != "NOUN" or not (low == word or low.endswith(word) or low.rstrip("s") == word):
                continue
            owner = next((c for c in d.lefts if c.dep_ == "poss"), None) or self._document_owner(d)
            if owner is not None:
                if owner.lemma_.lower() in DOCUMENT_NOUNS:
                    continue
                sp, written = self.resolve(owner)
                return sp if sp is not None else described_speaker(written)
            issuer = self._issuer(d)
            if issuer is not None:
                return issuer
        return None


def speech_complement(verb: Token) -> Token | None:
    """_speech_complement: the speech verb a main clause's verb or adjective completes ("was quick to add", "went on to
    say"), or None.

    Why: "Trump was quick to add that the negotiation does not include nixing the idea altogether.\n\n“Building it?
    Not negotiable.”" (PolNeAR train politico_2016-03-01): the subject's verb is "was", so no speech event was
    recorded and the next paragraph's quote had no speaker. Out: a speech verb reached from ``verb`` through at most
    two ``xcomp``/``acomp`` links.
    """
    frontier = [verb]
    for _ in range(2):
        nxt = []
        for v in frontier:
            for c in v.children:
                if c.dep_ not in ("xcomp", "acomp"):
                    continue
                if c.lemma_ in CUE_VERBS and c.pos_ == "VERB":
                    return c
                nxt.append(c)
        frontier = nxt
    return None


def _speaks(noun: Token) -> bool:
    """Is ``noun`` who speaks a speech verb: its subject, or the noun a speech participle hangs on ("his remarks
    calling …")? A possessed speech noun elsewhere ("Kasich's speech was interrupted by …") names no speaker."""
    return any(c.dep_ == "acl" and c.lemma_ in CUE_VERBS for c in noun.children) or (
        noun.dep_ == "nsubj" and noun.head.lemma_ in CUE_VERBS
    )


def _title_case_the(det: Token) -> bool:
    """Is ``det`` a capitalised "The" that does not open its sentence (or opens it right after a quote's closing mark)?"""
    if det.text != "The" or det.i == 0:
        return False
    before = det.doc[det.i - 1]
    return not det.is_sent_start or before.text == "," or (before.is_punct and before.text in "\"”’'")


def _relative_clause(pron: Token) -> Token | None:
    """The relative clause a relative pronoun subject belongs to, through coordinated verbs, or None.

    Why: in "Rep. Beto O'Rourke (D-Tex.), a Clinton endorser whose … district went strongly for her but who
    suggested that …" (PolNeAR train wash-post_2016-06-27) the parser makes "suggested" a ``conj`` of the
    ``relcl`` "went", so "who" has no antecedent unless the ``conj`` chain is climbed to the relative clause.
    """
    clause = pron.head
    for _ in range(4):
        if clause.dep_ == "relcl":
            return clause
        if clause.dep_ != "conj" or clause.head is clause:
            return None
        clause = clause.head
    return None


def _is_multiword_name(words: Span) -> bool:
    """_name_not_epithet: "the Sioux Falls Argus Leader" is a name the entity pass missed, not an epithet.

    In: a definite description. Out: True when every word after the
    determiner is a capitalised proper noun and there are at least two of
    them; such a phrase is named by :meth:`Resolver.proper_name` instead of
    being read as a role ("according to the Sioux Falls Argus Leader" was
    Kristi Noem, through the title word "leader"). Epithets have a common noun ("the
    Conservative leader", "the ex-Wallaby") or one word ("The Judge").
    """
    names = [t for t in words if t.lower_ != "the"]
    return len(names) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names)
