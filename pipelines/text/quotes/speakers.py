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

from pipelines.text.entities import FEMALE_TITLES, MALE_TITLES, TITLES, EntityMention
from pipelines.text.lexicons import name_gender
from pipelines.text.quotes.cues import ORG_PRONOUNS, PERSON_PRONOUNS, REPORT_VERBS, SPEECH_VERBS
from pipelines.text.quotes.marks import MarkSpan, paragraph_bounds

ROLE_ORG_NOUNS = frozenset(
    "company firm group club bank retailer airline carrier maker giant operator business "
    "organisation organization association body agency ministry department government party "
    "union committee council federation board watchdog regulator network broadcaster".split()
)
# Documents that "say" things on behalf of whoever wrote or filed them.
DOCUMENT_NOUNS = frozenset(
    "statement report lawsuit suit letter email e-mail memo ruling complaint filing release study survey".split()
)


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
        self.orgs = sorted((m.start_char, m.entity) for m in mentions if m.label == "ORG")
        self.subjects: list[tuple[int, str, str]] = []  # (offset, name, label) in text order
        self.events: list[tuple[int, str | None, str, str]] = []  # (offset, speaker, written, cue)
        self._resolved: dict[int, tuple[str | None, str]] = {}
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
            label = m.label if m is not None and sp == m.entity else ("PERSON" if tok.lower_ in PERSON_PRONOUNS else "ORG")
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
        """nsubj of ``verb``, inherited through ``conj`` ("… and added"); "according to X" -> X."""
        v: Token | None = verb
        for _ in range(3):
            if v is None:
                return None
            for child in v.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child
            v = v.head if v.dep_ == "conj" and v.head is not v else None
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
        owner = poss
        if owner is None:
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                    owner = next((g for g in child.children if g.dep_ == "pobj"), None)
                    break
        if owner is None:
            return None
        return self.resolve(owner)[0]

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


def governing_verb(doc: Doc, s: MarkSpan) -> Token | None:
    """For a quote inside the author's sentence: the nearest ancestor speech verb, else an ancestor verb with a named subject."""
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    fallback = None
    for anc in root.ancestors:
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


def under_speech_verb(doc: Doc, s: MarkSpan) -> bool:
    """Does a speech verb or noun outside the marks govern the quote?

    With or without a subject: ``describing … the "physical fight"``, ``amid
    claims that Mr Campbell is part of a Labour "dirty tricks" campaign``.
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return False
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    return any(anc.lemma_ in SPEECH_VERBS and anc.pos_ in ("VERB", "NOUN") for anc in root.ancestors if anc.i not in inside)


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

