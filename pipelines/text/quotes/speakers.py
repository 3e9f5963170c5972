"""Speakers: who a quotation or a reported clause belongs to.

In: the parsed ``Doc``, the article's entity mentions and the quote-mark
spans. :class:`Resolver` maps subject tokens to canonical names (pronouns by
gender and salience, described speakers to the entity the article names for
them); the ``*_attribution`` functions find the speech verb that attributes a
quote (after the closing mark, before the opening mark, or governing a
partial quote).
"""

from __future__ import annotations

import bisect
import re

from spacy.symbols import nsubj, nsubjpass
from spacy.tokens import Doc, Span, Token

from pipelines.text.entities import EntityMention
from pipelines.text.lexicons import name_gender
from pipelines.text.quotes.marks import MarkSpan, paragraph_bounds
from pipelines.text.quotes.quote import described_speaker
from pipelines.text.vocab import (
    DOCUMENT_NOUNS,
    FEMALE_TITLES,
    ISSUE_VERBS,
    MALE_TITLES,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    REPORT_VERBS,
    ROLE_ORG_NOUNS,
    SPEECH_VERBS,
    TITLES,
)

# How a writer says who they are: "my name is Pamela Wilson", "I'm Pamela Wilson".
_WRITER_INTRO = re.compile(r"\b(?:[Mm]y name is|I am|I['’]m) ")


class Resolver:
    """Maps tokens to entity mentions, and pronouns/role nouns to people named earlier.

    Built once per doc in text order: every main-clause subject outside quote
    marks that resolves to a named PERSON/ORG is remembered (offset, name,
    label), so "he" resolves to the most recent compatible *subject* or
    speaker, not merely the last name mentioned ("Cameron said Obama and
    Hollande have urged …. '…,' he said" -> Cameron). Speech events (speech
    verb + resolved subject) feed the fallback for unattributed quotes.
    """

    def __init__(self, doc: Doc, mentions: list[EntityMention], quoted: list[tuple[int, int]], text: str) -> None:
        self.doc = doc
        self.text = text  # doc.text, passed in: Doc.text rebuilds the string on every access
        # doc[i] and iterating a Doc make a new Token object every time: make them once
        self.tokens: list[Token] = list(doc)
        tokens = self.tokens
        self._quoted = quoted
        self._quoted_starts = [a for a, _ in quoted]
        self.by_token: dict[int, EntityMention] = {}
        mention_spans = [(m, doc.char_span(m.start_char, m.end_char, alignment_mode="expand")) for m in mentions]
        for m, span in mention_spans:
            if span is not None:
                for i in range(span.start, span.end):
                    self.by_token.setdefault(i, m)
        self.gender: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}  # person -> lowercase role words written before the name
        for m, span in mention_spans:
            if m.label != "PERSON":
                continue
            if span is None or span.start == 0:
                continue
            title = tokens[span.start - 1].lower_
            if title in MALE_TITLES:
                self.gender.setdefault(m.entity, "m")
            elif title in FEMALE_TITLES:
                self.gender.setdefault(m.entity, "f")
            # role words: the nouns/adjectives of the name's own noun phrase
            # ("Communications director Nick Davies"), never a verb or
            # preposition before it ("…medallist says Conte" gives Conte nothing)
            k = span.start - 1
            while (
                k >= 0
                and k >= span.start - 5
                and tokens[k].is_alpha
                and k not in self.by_token
                and tokens[k].pos_ in ("NOUN", "PROPN", "ADJ")
            ):
                self.roles.setdefault(m.entity, set()).add(tokens[k].lower_)
                k -= 1
        # _first_name_gender: a person with no title evidence gets the gender of
        # their first name when the lexicon is clear about it (share >= 0.8),
        # so "she said" skips "Donald Trump" for "Kristi Noem".
        for m in mentions:
            if m.label == "PERSON" and m.entity not in self.gender and " " in m.entity:
                g = name_gender(m.entity)
                if g is not None:
                    self.gender[m.entity] = g
        self.persons = sorted((m.start_char, m.entity) for m in mentions if m.label == "PERSON")
        person_names = {name for _, name in self.persons}
        self.orgs = sorted((m.start_char, m.entity) for m in mentions if m.label == "ORG")
        self.subjects: list[tuple[int, str, str]] = []  # (offset, name, label) in text order
        self.events: list[tuple[int, str | None, str, str]] = []  # (offset, speaker, written, cue)
        self._resolved: dict[int, tuple[str | None, str]] = {}
        self._writer: str | None | bool = False  # not looked for yet
        for tok in tokens:
            if tok.dep not in (nsubj, nsubjpass) or self.in_quote(tok.idx):
                continue
            head = tok.head
            main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
            speech = head.lemma_ in SPEECH_VERBS and not any(a.lemma_ in REPORT_VERBS for a in head.ancestors)
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
            if speech and head.pos_ == "VERB":
                self.events.append((head.idx, sp, written, head.text))

    def in_quote(self, at: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, at) - 1
        return i >= 0 and self._quoted[i][0] <= at < self._quoted[i][1]

    def mention_for(self, tok: Token) -> EntityMention | None:
        """The mention covering ``tok``, or one among its name-like children ("spokeswoman Jane Doe")."""
        m = self.by_token.get(tok.i)
        if m is not None:
            return m
        for child in tok.children:
            if child.dep_ in ("appos", "compound", "flat") and child.i in self.by_token:
                cm = self.by_token[child.i]
                if cm.label == "PERSON":
                    return cm
        return None

    def apposed_name(self, tok: Token) -> EntityMention | None:
        """_apposed_speaker: "Sweden's deputy director of public prosecution, Eva-Marie Persson, said": the name in apposition.

        The name must be the head noun's ``appos`` and a PERSON, or any
        mention when the head noun is a person's title ("director", "spokesman":
        the small model tags "Eva-Marie Persson" ORG there).
        """
        for t in tok.children:
            if t.dep_ != "appos":
                continue
            m = self.by_token.get(t.i)
            if m is not None and (m.label == "PERSON" or tok.lower_ in TITLES):
                return m
        return None

    @staticmethod
    def subject(verb: Token) -> Token | None:
        """nsubj of ``verb``, inherited through ``conj`` ("… and added") and participles (_participle_subject).

        _participle_subject: a speech participle without a subject of its own
        speaks for the clause it hangs on: ``Noem later tweeted …, adding
        "…"`` (advcl/xcomp ``-ing`` form: the head verb's subject), ``issued a
        statement warning that "…"`` (acl of a noun: the noun, so a document
        speaks for its issuer). html-dev: speaker 1 fix (Electoral Commission);
        BBC dev: no change.
        """
        v: Token | None = verb
        for _ in range(3):
            if v is None:
                return None
            for child in v.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child
            if v.tag_ == "VBG" and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head
            if v.head is v:
                return None
            if v.dep_ == "conj" or (v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp")):
                v = v.head
            else:
                return None
        return None

    def mention_text(self, tok: Token) -> str:
        """The subject as written: the token with its determiners, titles and name parts."""
        m = self.by_token.get(tok.i)
        left = tok.i
        for child in tok.lefts:
            if child.dep_ in ("det", "compound", "amod", "flat", "poss", "nmod", "nummod"):
                left = min(left, child.left_edge.i)
        tokens = self.tokens
        while left < tok.i and any("\n" in t.text for t in tokens[left : tok.i]):
            left += 1  # never reach back across a paragraph break
        right = tok.i
        while (
            tok.dep_ in ("nsubj", "nsubjpass")
            and right + 1 < len(tokens)
            and tokens[right + 1].dep_ == tok.dep_
            and tokens[right + 1].head.i == tok.head.i
        ):
            right += 1  # "the ex - Wallaby": sibling subjects are one phrase
        if right > tok.i and left == tok.i and tok.i > 0 and tokens[tok.i - 1].lower_ == "the":
            left -= 1
        start = tokens[left].idx
        end = tokens[right].idx + len(tokens[right].text)
        if m is not None:
            start, end = min(start, m.start_char), max(end, m.end_char)
        return self.text[start:end]

    def recent(self, at: int, want: str, gender: str | None) -> str | None:
        """Most recent subject before ``at`` of label ``want`` (and compatible gender), else the last such mention."""
        for off, name, label in reversed(self.subjects):
            if off >= at or label != want:
                continue
            if want == "PERSON" and gender and self.gender.get(name, gender) != gender:
                continue
            return name
        pool = self.persons if want == "PERSON" else self.orgs
        j = bisect.bisect_left([o for o, _ in pool], at)
        for _off, name in reversed(pool[:j]):
            if want == "PERSON" and gender and self.gender.get(name, gender) != gender:
                continue
            return name
        return None

    def topic_person(self, at: int) -> str | None:
        """The person mentioned most often before ``at``; ties go to the most recent subject."""
        counts: dict[str, int] = {}
        for off, name in self.persons:
            if off >= at:
                break
            counts[name] = counts.get(name, 0) + 1
        if not counts:
            return None
        top = max(counts.values())
        best = {n for n, c in counts.items() if c == top}
        if len(best) == 1:
            return best.pop()
        for off, name, _label in reversed(self.subjects):
            if off < at and name in best:
                return name
        return None

    def role(self, tok: Token) -> str | None:
        """A definite role noun phrase ("the Conservative leader", "the company") that names one entity."""
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
        if not has_the and poss is None:
            return None
        for t in doc[tok.i + 1 : last + 1]:
            if t.i in self.by_token:  # "daughter Emily" parsed as two subjects: the name decides
                return self.by_token[t.i].entity
        head_tok = doc[last]
        head = head_tok.lower_
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
        if has_the and poss is None and self._is_epithet(doc[first : last + 1]):
            # _epithet_speaker: "the ex-Wallaby added", "the Conservative
            # leader said": a definite description built on a proper name
            # refers back to the person the text is about: the person named
            # most often so far (ties: the latest subject).
            return self.topic_person(tok.idx)
        if has_the and poss is None and head in TITLES:
            return self.salient_person(tok.idx, "f" if head in FEMALE_TITLES else "m" if head in MALE_TITLES else None)
        return None

    def writer(self) -> str | None:
        """_first_person_writer: "I" outside quote marks is the writer, named when the text says who that is.

        In: the article (once per article, on the first "I" subject). Out: the
        PERSON the writer introduces herself as ("If we haven’t met yet, my
        name is Pamela Wilson — …"; also "I am X" / "I'm X" not followed by
        a possessive), else None: a byline is not part of the body, so a
        columnist's "I" stays unresolved. html-dev: speaker 1 fix (a blog's
        "I was telling myself, "This dream matters…""); BBC dev: no change
        (no first person outside quotes).
        """
        if self._writer is not False:
            return self._writer
        self._writer = None
        starts = {m.start_char: m for m in self.by_token.values() if m.label == "PERSON"}
        for hit in _WRITER_INTRO.finditer(self.text):
            m = starts.get(hit.end())
            if m is not None and not self.text.startswith(("'s", "’s"), m.end_char):
                self._writer = m.entity
                break
        return self._writer

    def name_part(self, tok: Token) -> str | None:
        """_name_part_subject: a bare first name or surname the entity pass missed -> the one person it is part of.

        In: a capitalised subject that no mention covers ("Simmons teased the
        tour" after "founding members … Pat Simmons and John McFee"; the
        tagger even reads "Simmons" as a plural noun there). Out: the
        PERSON entity of the article whose first or last word it is, when
        exactly one fits; else None. html-dev: speaker 1 fix (with
        :meth:`salient_person`: "the singer and guitarist" -> Pat Simmons);
        BBC dev: no change.
        """
        word = tok.text
        if not word[:1].isupper() or not word.isalpha():
            return None
        fits = {name for _, name in self.persons if word in (name.split()[0], name.split()[-1]) and " " in name}
        return fits.pop() if len(fits) == 1 else None

    def proper_name(self, tok: Token) -> str | None:
        """_unrecognised_name: a proper-noun subject the entity pass missed is named by its own words.

        In: a PROPN subject (tag NNP) that no mention, role or name part
        covers ("Developer Valve called 'Half Life: Alyx' "a flagship VR
        game.""). Out: the run of capitalised proper nouns it heads ("Valve"),
        leaving out a sentence-initial first word before another name, which
        is a descriptor ("Developer", "Rapper", "Chipmaker"). None for a single
        sentence-initial word (capitalised because it starts the sentence:
        "Police said") or a word not written with a capital. html-dev:
        speaker 1 fix (Valve); BBC dev: no change.
        """
        if tok.tag_ != "NNP" or not tok.text[:1].isupper():
            return None
        tokens = self.tokens
        lo = tok.i
        while (
            lo - 1 >= tok.left_edge.i
            and tokens[lo - 1].pos_ == "PROPN"
            and tokens[lo - 1].text[:1].isupper()
            and tokens[lo - 1].dep_ in ("compound", "flat")
        ):
            lo -= 1  # "Sioux Falls Argus Leader": compounds of compounds
        hi = tok.i
        while hi + 1 <= tok.right_edge.i and tokens[hi + 1].dep_ == "flat" and tokens[hi + 1].pos_ == "PROPN":
            hi += 1
        parts = tokens[lo : hi + 1]
        if parts[0].is_sent_start:
            if len(parts) == 1:
                return None
            parts = parts[1:]
        return " ".join(t.text for t in parts)

    def salient_person(self, at: int, gender: str | None) -> str | None:
        """_salient_role: "the singer and guitarist told the audience" -> the person the text is about right now.

        In: the offset of a definite person-role description (a title word:
        "the singer", "the coach", "the actress") that no role word of a
        named person fits, and the gender the title implies. Out: the person
        who is the subject of the latest main clause before it, when that
        clause is in the same or the previous paragraph and the gender does not
        clash ("Simmons teased the tour …\n\nAfter hitting …, the singer and
        guitarist told the audience"); else None. html-dev: speaker 1 fix
        (Pat Simmons); BBC dev: no change.
        """
        p0, _ = paragraph_bounds(self.text, at)
        before = self.text[:p0].rstrip()
        floor = before.rfind("\n") + 1 if before else 0  # start of the previous paragraph
        for off, name, label in reversed(self.subjects):
            if off >= at:
                continue
            if off < floor:
                return None
            if label != "PERSON":
                continue
            if gender and self.gender.get(name, gender) != gender:
                return None
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
        """_document_author: "Her lawsuit said", "Chelsea's statement added", "a report by X": a document speaks
        for its author."""
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
            owner = self.subject(head.head)
        elif d.dep_ == "dobj" and head.lower_ in ISSUE_VERBS:
            owner = self.subject(head)
        if owner is None or owner.dep_ == "nsubjpass" or owner.i == d.i or owner.lemma_.lower() in DOCUMENT_NOUNS:
            return None
        sp, written = self.resolve(owner)
        return sp if sp is not None else described_speaker(written)

    def _document_owner(self, tok: Token) -> Token | None:
        """The author of document noun ``tok`` in its own phrase: ``from/by/of X``, ``compiled by X``, "a BBC story".

        The compound owner ("a BBC story claiming Downing Street "sexed up"
        …", with ``story`` added to :data:`DOCUMENT_NOUNS`): BBC dev speaker
        1 fix; html-dev no change.
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
        military"). None when no earlier mention has an issuer. html-dev:
        speaker 1 fix ("the statement" -> US military); BBC dev: 1 fix
        ("the suit added" -> Marion Jones).
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

    def resolve(self, subj: Token) -> tuple[str | None, str]:
        """(canonical speaker or None, speaker as written) for a subject token."""
        if subj.i in self._resolved:
            return self._resolved[subj.i]
        written = self.mention_text(subj)
        low = subj.lower_
        sp: str | None = None
        if subj.tag_ in ("WP", "WDT") and low in ("who", "which", "that") and subj.head.dep_ == "relcl":
            # _relative_subject: "Mr Mandelson, who said …" -> the noun the clause hangs on
            antecedent = subj.head.head
            if antecedent.i != subj.i:
                sp, written = self.resolve(antecedent)
        elif low == "i":
            sp, written = self.writer(), subj.text
        elif low in PERSON_PRONOUNS:
            sp, written = self.recent(subj.idx, "PERSON", PERSON_PRONOUNS[low]), subj.text
        elif low in ORG_PRONOUNS:
            sp, written = (self.recent(subj.idx, "ORG", None) if low == "it" else None), subj.text
        else:
            m = self.mention_for(subj)
            verb = subj.head
            left = self.by_token.get(verb.i - 1) if verb.i > subj.i else None
            if m is None and subj.is_title and left is not None and left.label == "PERSON":
                # misparsed name-like subject ("War on Want's John Hilary said:"
                # -> nsubj "War"): the person right before the verb speaks
                m = left
                written = left.mention
            if m is None and subj.pos_ == "NOUN":
                m = self.apposed_name(subj)
            if m is not None and m.label in ("PERSON", "ORG", "GPE", "NORP"):
                sp = m.entity
            elif subj.pos_ in ("NOUN", "PROPN") and m is None:
                sp = self.role(subj)
                if sp is None:
                    sp = self.name_part(subj)
                if sp is None and subj.pos_ == "PROPN":
                    sp = self.proper_name(subj)
        self._resolved[subj.i] = (sp, written)
        return sp, written

    def last_event(self, before: int, not_before: int) -> tuple[str | None, str, str] | None:
        """The latest speech event with a named speaker in ``[not_before, before)``."""
        for off, sp, written, cue in reversed(self.events):
            if off >= before:
                continue
            if off < not_before:
                return None
            if sp is not None:
                return sp, written, cue
        return None


def _is_multiword_name(words: Span) -> bool:
    """_name_not_epithet: "the Sioux Falls Argus Leader" is a name the entity pass missed, not an epithet.

    In: a definite description. Out: True when every word after the
    determiner is a capitalised proper noun and there are at least two of
    them; such a phrase is named by :meth:`Resolver.proper_name` instead of
    being read as a role ("according to the Sioux Falls Argus Leader" was
    Kristi Noem, through the title word "leader"). Epithets have a common noun ("the
    Conservative leader", "the ex-Wallaby") or one word ("The Judge").
    html-dev: reported 1 fix; BBC dev: no change.
    """
    names = [t for t in words if t.lower_ != "the"]
    return len(names) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names)


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def after_attribution(doc: Doc, body: str, s: MarkSpan, next_open: int) -> Token | None:
    """A speech verb just after the closing mark: ``…,' Hollande said``, ``…” said Mr Cameron``."""
    if s.close_at is None:
        return None
    inner = body[s.start : s.end].rstrip()
    p0, p1 = paragraph_bounds(body, s.open_at)
    end = min(next_open, p1)
    tail = body[s.close_at + 1 : end]
    if inner.endswith((".",)) or re.match(r"\s*\.", tail):
        # the quote ended its sentence; only a lowercase continuation attributes it
        if not re.match(r"[\s,]*[a-z]", tail):
            return None
    toks = tokens_between(doc, s.close_at + 1, end)
    for n, tok in enumerate(toks[:10]):
        if tok.text in (".", "!", "?") or "\n" in tok.text:
            break
        if tok.lower_ == "according" and n + 1 < len(toks) and toks[n + 1].lower_ == "to":
            return tok
        if tok.lemma_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def before_attribution(doc: Doc, body: str, s: MarkSpan, prev_close: int) -> Token | None:
    """A speech verb in the same paragraph before the opening mark, nearest first."""
    p0, _ = paragraph_bounds(body, s.open_at)
    start = max(p0, prev_close)
    toks = tokens_between(doc, start, s.open_at)
    for tok in reversed(toks):
        if tok.lemma_ in SPEECH_VERBS and tok.pos_ == "VERB":
            return tok
        if tok.lower_ == "according":
            return tok
    return None


def paragraph_ancestors(root: Token, body: str | None) -> list[Token]:
    """_paragraph_parse: ``root``'s ancestors up to the first one outside its paragraph.

    The parser sometimes runs one sentence over several paragraphs (a bullet
    list: "- I can “dial up” or “dial back” my working hours" hung on "I am
    asked to speak" two bullets up); a head across a line break is a misparse,
    so it and everything above it are ignored. Without ``body`` all
    ancestors. html-dev: 2 extras dropped ("dial up", "dial back" were kept
    by that "asked"), 0 gold lost; BBC dev and seeds: no change.
    """
    if body is None:
        return list(root.ancestors)
    p0, p1 = paragraph_bounds(body, root.idx)
    out = []
    for anc in root.ancestors:
        if not p0 <= anc.idx < p1:
            break
        out.append(anc)
    return out


def governing_verb(doc: Doc, s: MarkSpan, body: str | None = None) -> Token | None:
    """For a quote inside the author's sentence: the nearest ancestor speech verb, else an ancestor verb with a named subject."""
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    fallback = None
    for anc in paragraph_ancestors(root, body):
        if anc.i in inside:
            continue
        if anc.pos_ in ("VERB", "AUX"):
            subj = Resolver.subject(anc)
            if anc.lemma_ in SPEECH_VERBS and (subj is not None or anc.dep_ in ("advcl", "xcomp", "conj")):
                if subj is not None:
                    return anc
            elif subj is not None and fallback is None and (subj.ent_type_ == "PERSON" or subj.lower_ in PERSON_PRONOUNS):
                fallback = anc
    return fallback


def under_speech_verb(doc: Doc, s: MarkSpan, body: str | None = None) -> bool:
    """Does a speech verb or noun outside the marks govern the quote?

    With or without a subject: ``describing … the "physical fight"``, ``amid
    claims that Mr Campbell is part of a Labour "dirty tricks" campaign``.
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return False
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    return any(
        anc.lemma_ in SPEECH_VERBS and anc.pos_ in ("VERB", "NOUN")
        for anc in paragraph_ancestors(root, body)
        if anc.i not in inside
    )


def is_voiced(doc: Doc, body: str, s: MarkSpan) -> bool:
    """Is quote ``s`` attributed by a speech verb: after it, before it in its paragraph, or above it in the parse?

    In: the doc, the body and a quote span. Out: True when
    :func:`after_attribution` or :func:`before_attribution` (paragraph-wide)
    finds a speech verb, or :func:`under_speech_verb` does. Used to keep a
    repeated phrase (:func:`pipelines.text.quotes.marks.repeated_terms`) that
    somebody is said to have said.
    """
    p0, p1 = paragraph_bounds(body, s.open_at)
    return (
        under_speech_verb(doc, s, body)
        or after_attribution(doc, body, s, p1) is not None
        or before_attribution(doc, body, s, p0) is not None
    )


_READER = frozenset({"you", "yourself", "yourselves"})


def said_by_reader(doc: Doc, s: MarkSpan, body: str | None = None) -> bool:
    """_reader_speech: is the speech verb above the quote one the reader is told to say ("tell yourself “no.”")?

    In: the doc and a partial quote's span. Out: True when the nearest speech
    verb above the quote (in its paragraph) has "you"/"yourself" as subject,
    object or dative, itself or through the verbs it is the complement of
    ("you’re terrified to say “yes.”", "without having to tell yourself
    “no.”"): a word the writer imagines the reader saying is a mentioned
    word, not a quotation. Used only for one- or two-word quotes, so an
    imagined utterance of the reader's in full stays. html-dev: 2 extras
    dropped ("yes.", "no."), 0 gold lost; BBC dev: no change.
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return False
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    verb = next(
        (a for a in paragraph_ancestors(root, body) if a.i not in inside and a.lemma_ in SPEECH_VERBS and a.pos_ == "VERB"),
        None,
    )
    for _ in range(4):
        if verb is None:
            return False
        if any(c.lower_ in _READER and c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") for c in verb.children):
            return True
        verb = verb.head if verb.dep_ in ("xcomp", "acomp", "conj", "ccomp") and verb.head is not verb else None
    return False


_WRITER_OR_READER = frozenset({"i", "we", "you"})


def under_third_person(doc: Doc, s: MarkSpan, body: str | None = None) -> bool:
    """_writers_phrase guard: does a verb above the quote have a third-person subject outside the marks?

    In: the doc and a partial quote's span. Out: True when some ancestor verb
    of the quote has a noun, proper noun or he/she subject ("a judge ruled
    that Assange should remain in jail because of his "history of
    absconding"": the judge's words; "It also plans to develop a "worldwide
    entertainment concept"": the company's; the quoted predicate of "MSPs'
    Code of Conduct "recognises a wider definition""), and when no subject
    is the writer or the reader (a bulleted summary of proposals:
    "- Compelling "failing and rogue states", …"). False when the subjects
    above it are the writer or the reader (I, you, we) only: then a short
    phrase in marks that no speech verb governs is the writer's own term
    ("I'd need to "put myself out there"", "you're secretly terrified to "put
    yourself out there"", "Have you experienced these "moments of personal
    growth?""). With :func:`pipelines.text.quotes.marks.is_short_phrase`,
    3-4-word partials: html-dev 3 extras dropped, 0 gold lost; BBC dev and
    seeds: no change.
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return True
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    personal = False  # a subject that is the writer or the reader
    for anc in [root, *paragraph_ancestors(root, body)]:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        for child in anc.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside:
                if child.pos_ in ("NOUN", "PROPN") or child.lower_ in PERSON_PRONOUNS or child.lower_ in ORG_PRONOUNS:
                    return True
                personal = personal or child.lower_ in _WRITER_OR_READER
    return not personal


def _according_to(tok: Token) -> Token | None:
    """The object of "to" in "according to X"."""
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def passive_speaker(verb: Token) -> Token | None:
    """_passive_speech: the speaker of a passive speech verb is its agent, never its subject.

    In: a speech verb whose subject is ``nsubjpass``. Out: the ``by X``
    agent ("it was announced by the ministry"), else a document it was said
    in ("In a report compiled by Transparency International, graft was said to
    be "pervasive"": the report, whose author :meth:`Resolver.author` finds),
    else None: "graft was said", "he was told" do not name who spoke, so
    the other attributions (a verb before or after the quote, the paragraph's
    speaker) are tried. BBC dev: speaker 1 fix ("pervasive" was "graft");
    html-dev: no change.
    """
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "prep" and child.lower_ == "in":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in DOCUMENT_NOUNS:
                return obj
    return None


def speaker_of(res: Resolver, verb: Token) -> tuple[str | None, str | None, str]:
    """(speaker, speaker_mention, cue) for a speech verb or "according"."""
    if verb.lower_ == "according":
        obj = _according_to(verb)
        if obj is None:
            return None, None, "according to"
        sp, written = res.resolve(obj)
        return sp, written, "according to"
    subj = Resolver.subject(verb)
    if subj is not None and res.in_quote(subj.idx):
        # _unquoted_subject: the words inside the marks are not the speaker
        # ('"The government, … forward," he said' parses "government" as a
        # second subject of "said"): take a subject outside the marks
        subj = next(
            (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not res.in_quote(c.idx)), None
        )
    if subj is not None and subj.dep_ == "nsubjpass":
        subj = passive_speaker(verb)
        if subj is None:
            return None, None, verb.text
    if subj is None:
        # parser missed the subject: take an adjacent name or pronoun
        for cand in (verb.nbor(-1) if verb.i > 0 else None, verb.nbor(1) if verb.i + 1 < len(verb.doc) else None):
            if cand is not None and (cand.i in res.by_token or cand.lower_ in PERSON_PRONOUNS):
                subj = cand
                break
    if subj is None:
        return None, None, verb.text
    sp, written = res.resolve(subj)
    return sp, written, verb.text

