"""A quote's tag line with a verb no list holds: ``"…?" Beck questioned.``, ``"…," Trump barked and …``.

A cue finder (``(doc, body, span, lo, hi) -> Token | None``, see :mod:`pipelines.text.quotes.cues`). News tags a
quote with a name and a verb of manner ("barked", "questioned", "fumed", "snapped") more often than any lexicon
lists; in the tag-line shape the verb is the attribution whatever it is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.text.quotes.cues import outer_speech
from pipelines.text.quotes.marks import MarkSpan, is_mark_text, paragraph_bounds
from pipelines.text.quotes.syntax import subject, tokens_between
from pipelines.text.vocab import PERSON_PRONOUNS

# what may follow the verb of a tag line: the sentence or clause ends, or another clause joins
_AFTER_TAG = frozenset({".", ",", "!", "?", ";", "and"})


def tag_line_verb(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_tag_line_verb: the finite verb of ``"…," NAME VERB`` right after a quote, whatever the verb.

    Why: PolNeAR train tags quotes with verbs outside the cue lexicon (``“Go back to Univision,” Trump barked and a
    security guard escorted Ramos out``; ``“What was the massive pivot point …?” Beck questioned.``) and those quotes
    fell back on an earlier, wrong speaker. Out: the verb when the quote ends in a comma, question or exclamation
    mark, the verb (past or present tense, or a participle without an auxiliary, which is how the tagger reads some
    tag lines; no object or clause of its own) comes within five tokens after the
    closing mark with only its subject before it, the subject is a name or he/she, and the clause ends right
    after the verb; else None.
    """
    if s.close_at is None:
        return None
    inner = body[s.start : s.close_at].rstrip()
    tail = body[s.close_at + 1 : s.close_at + 3]
    if not inner.endswith((",", "?", "!")) and not tail.lstrip().startswith(","):
        return None
    _, p1 = paragraph_bounds(body, s.open_at)
    toks = [t for t in tokens_between(doc, s.close_at + 1, min(hi, p1)) if not t.is_space and t.text != ","]
    for n, tok in enumerate(toks[:6]):
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "nsubj":
            continue  # a name the tagger reads as a verb ("“…,” Trump shot back.") is the subject
        if n == 0 or not (tok.tag_ in ("VBD", "VBZ") or tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children)):
            return None
        subj = subject(tok)
        if subj is None and all(t.dep_ == "compound" and t.head.i == tok.i and _is_named(t) for t in toks[:n]):
            subj = toks[n - 1]  # "Trump barked" read as a compound of a participle: the name is the subject
        if subj is None or subj.dep_ not in ("nsubj", "compound") or not _is_named(subj):
            return None
        if any(t.i not in {x.i for x in subj.subtree} for t in toks[:n]):
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and c.idx > s.close_at for c in tok.children):
            return None  # "…," Trump won the state: a clause of its own, not a tag
        rest = [t for t in toks[n + 1 : n + 4] if not (t.head.i == tok.i and t.dep_ in ("prt", "advmod", "npadvmod"))]
        nxt = rest[0] if rest else None  # "shot back", "fired back Tuesday": the clause still ends with the verb
        return tok if nxt is None or nxt.lower_ in _AFTER_TAG else None
    return None


def inverted_tag_line(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_inverted_tag_line: the verb of ``"…?" VERB NAME.`` right after a quote, whatever the verb.

    Why: news inverts a tag line with verbs outside the cue lexicon as often as with "said" (``“… Is Obama
    profiling?” reacted Trump.``; ``"It's about time that we had a woman running this country," exhorted Clinton's
    introducer, actress Jamie Lee Curtis.``, PolNeAR train), and the quote then took an earlier speaker. Out: the
    verb when the quote ends in a comma, question or exclamation mark, the verb (past or present tense) is the first
    word after the closing mark, and what follows it up to the end of its sentence is a noun phrase holding a
    PERSON name (at most twelve tokens, no other verb); else None.
    """
    if s.close_at is None:
        return None
    inner = body[s.start : s.close_at].rstrip()
    if not inner.endswith((",", "?", "!")) and not body[s.close_at + 1 : s.close_at + 3].lstrip().startswith(","):
        return None
    _, p1 = paragraph_bounds(body, s.open_at)
    toks = [t for t in tokens_between(doc, s.close_at + 1, min(hi, p1)) if not t.is_space]
    while toks and (toks[0].text == "," or is_mark_text(toks[0].text)):
        toks = toks[1:]
    if len(toks) < 2 or toks[0].pos_ != "VERB" or toks[0].tag_ not in ("VBD", "VBZ"):
        return None
    verb = toks[0]
    phrase = []
    for tok in toks[1:14]:
        if tok.text in (".", "!", "?", ";"):
            break
        phrase.append(tok)
    else:
        return None
    if not phrase or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    return verb if any(t.ent_type_ == "PERSON" for t in phrase) else None


def _is_named(subj: Token) -> bool:
    """A person's name (a PERSON entity, a capitalised proper noun, or a capitalised singular noun right after a
    quote's closing mark: the tagger reads some surnames as nouns, "“…?” Hannity pressed.", PolNeAR train
    politico_2016-03-01) or he/she."""
    if subj.ent_type_ == "PERSON" or (subj.pos_ == "PROPN" and subj.text[:1].isupper()) or subj.lower_ in PERSON_PRONOUNS:
        return True
    before = subj.doc[subj.i - 1] if subj.i > 0 else None
    if before is not None and before.text == "," and subj.i > 1:
        before = subj.doc[subj.i - 2]
    # right after the mark the tagger may read a surname as a singular noun or even a verb ("“…,” Trump shot back")
    after_mark = before is not None and is_mark_text(before.text) and subj.is_alpha and subj.tag_ not in ("NNS", "NNPS")
    return after_mark and subj.text[:1].isupper() and subj.pos_ in ("NOUN", "VERB")


def colon_lead_in(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_colon_lead_in: the verb of the clause a colon ends right before the quote, when its subject is named.

    Why: news introduces a quote with whatever its subject did (``Rubio fired back forcefully: “…”``, ``One early
    supporter, Representative Lee Zeldin, …, gave the technique a whirl in an interview with CNN on Tuesday:
    ''…''``, PolNeAR train); without a speech verb there, the nearest earlier one in the paragraph ("When Trump
    suggested that …") gave a wrong name. The colon may end the previous paragraph when the quote fills its own
    (``17-year-old Jared Potts echoed:`` then the quote). Out: the first verb among the word before the colon and
    its ancestors before the colon, after ``lo``, when its subject (:func:`pipelines.text.quotes.syntax.subject`)
    is a name, he/she, or a noun with a name in apposition; else None.
    """
    colon = _lead_in_colon(doc, body, s, lo)
    if colon is None:
        return None
    verb = doc[colon.i - 1]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.head.i < colon.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.idx < lo or "\n" in body[verb.idx : colon.idx]:
        return None
    subj = subject(verb)
    if subj is None or subj.dep_ != "nsubj" or subj.idx < lo or "\n" in body[subj.idx : colon.idx]:
        return None
    if _is_named(subj) or any(c.dep_ == "appos" and _is_named(c) for c in subj.children):
        return outer_speech(verb) or verb
    return None


def _lead_in_colon(doc: Doc, body: str, s: MarkSpan, lo: int) -> Token | None:
    """The colon right before the opening mark, or ending the previous paragraph when the quote opens its own."""
    p0, _ = paragraph_bounds(body, s.open_at)
    if body[p0 : s.open_at].strip():
        toks = [t for t in tokens_between(doc, max(p0, lo), s.open_at) if not t.is_space]
    else:
        before = body[:p0].rstrip()
        toks = [t for t in tokens_between(doc, max(lo, before.rfind("\n") + 1), len(before)) if not t.is_space]
    if len(toks) < 3 or toks[-1].text != ":":
        return None
    return toks[-1]
