"""Reported (indirect) speech: the clause a speech verb reports (:mod:`.clauses`), or the clause around "according to X"."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Token

from pipelines.text.lexicons import report_verb_shapes
from pipelines.text.quotes.attribution import passive_speaker
from pipelines.text.quotes.clauses import SPEECH_CLAUSE_SHAPES, Clause, clause_of, controller, noun_clause_of, noun_speaker
from pipelines.text.quotes.descriptions import DescriptionRule, Descriptions, Found, attribute
from pipelines.text.quotes.marks import paragraph_bounds, trim_span
from pipelines.text.quotes.quote import Quote, quote_row
from pipelines.text.quotes.syntax import subject
from pipelines.text.vocab import REPORT_VERBS

__all__ = ["reported_speech"]

# Token.lower is the hash of Token.lower_: comparing it skips a string lookup per token.
_ACCORDING = get_string_id("according")
# A clause cut before the direct quote it runs into keeps at least this many characters ("he responded", "For
# example" are what is left of a clause that is the quote).
_MIN_BEFORE_QUOTE = 25
# The forms of "say" (_coordinated_say, _counted_say).
_SAY = frozenset({"say", "says", "said", "saying"})
# Nouns a poll counts people by ("61 percent said", "the same number who said"; _counted_say).
_COUNT_NOUNS = frozenset("percent number half third quarter majority plurality minority share".split())


def reported_speech(
    doc: Doc, desc: Descriptions, quoted: list[tuple[int, int, str]], description_rules: Sequence[DescriptionRule]
) -> list[Quote]:
    """Indirect speech: the clause a speech verb reports (see :func:`clause_of`), or the clause around "according to X".

    In: the doc, its described speakers (with the resolver), the ``(start, end, kind)`` of the quotes in marks
    already found, and the rules that read a cue's speaker (:func:`pipelines.text.quotes.descriptions.attribute`).
    Out: one ``reported`` :class:`Quote` per clause of 8 characters or more, cut to the cue's paragraph (the parser
    may run a clause across a line break), with its speaker, or none when the cue names none (_speakerless_report).
    "according to X" takes the longer side of its sentence within its paragraph (_according_in_paragraph: a
    page's headline links above made the wrong side longer, html-dev ba4dfe). A clause that repeats a quote in
    marks is not new speech: more than 30% of it a direct quote, or more than 60% quoted at all; one that only
    embeds a short partial quote stays ("said the IAAF would seek to contact Conte "for further information"",
    bbc/sport/088). A clause two verbs report is one row, under the first ("… says at least seven … have signed on
    – names he said would be publicly released soon – to the effort": PolNeAR train politico_2016-06-22; two rows
    broke the warehouse's quote key).
    """
    res = desc.res
    body = res.text
    seen: set[tuple[int, int]] = set()
    out: list[Quote] = []
    cues: list[int] = []
    siblings: list[bool] = []
    starts = [a for a, _, _ in quoted]

    def overlaps_quote(a: int, b: int) -> bool:
        # A clause that repeats a direct quote is not new speech; one that only
        # embeds a short partial quote ("said the IAAF would seek to contact
        # Conte "for further information"") still is.
        direct = anyq = 0
        i = bisect.bisect_right(starts, b)
        for qa, qb, kind in quoted[max(0, i - 20) : i]:
            c = max(0, min(b, qb) - max(a, qa))
            anyq += c
            if kind == "direct":
                direct += c
        return direct > 0.3 * (b - a) or anyq > 0.6 * (b - a)

    tokens = res.tokens
    learned = report_verb_shapes()
    for tok in tokens:
        if tok.pos == VERB and (tok.lemma_ in REPORT_VERBS or tok.lemma_ in learned):
            found = _verb_clause(doc, tok, learned)
        elif tok.pos == NOUN and tok.lemma_ in learned:  # the speech nouns of report_verb_shapes (in lemma_words)
            found = _noun_clause(doc, tok, learned)
        elif tok.lower == _ACCORDING and tok.i + 1 < len(doc) and tokens[tok.i + 1].lower_ == "to":
            found = _according_clause(doc, tok)
        else:
            continue
        if found is None:
            continue
        lo, hi, _shape = found
        clause = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        a, b = clause
        # Keep the part in the verb's paragraph: the parser sometimes runs a
        # clause across a line break into the next or previous paragraph.
        p0, p1 = paragraph_bounds(body, tok.idx)
        a, b = max(a, p0), min(b, p1)
        # _before_direct_quote: "Lazar said he welcomed extradition … and added, "I'll plead guilty, no problem.""
        # (PolNeAR train): the clause ends where a direct quote it runs into begins
        b = next((qa for qa, _, kind in quoted if kind == "direct" and a + _MIN_BEFORE_QUOTE < qa < b), b)
        a, b = trim_span(body, a, b)
        while b > a and body[b - 1] in ".,;:!?\"“”'‘’ ":
            b -= 1
        while a < b and body[a] in "\"“'‘ ,":
            a += 1
        if b - a < 8 or "\n" in body[a:b] or overlaps_quote(a, b) or (a, b) in seen:
            continue
        # _speakerless_report: a clause a speech verb reports is speech whether or not its speaker is found ("About 4
        # in 10 say they want the next president to have more liberal policies": the parser left "say" without a
        # subject; "Trump was asked what he thought …": the writer names none); it is kept with no speaker
        found = _speaker(desc, tok, description_rules)
        seen.add((a, b))
        out.append(quote_row(body[a:b], "reported", *found[:3], a, b, unnamed=found.unnamed))
        cues.append(tok.idx)
        siblings.append(_coordinated_say(tok) or _counted_say(tok))
    return _outermost(out, cues, siblings)


def _verb_clause(doc: Doc, tok: Token, learned: dict[str, frozenset[str]]) -> Clause | None:
    """The clause of speech verb ``tok`` (:func:`.clauses.clause_of`) when its shape reports speech: a speech shape
    of a hand-kept report verb, or a (verb, shape) pair learned from PolNeAR train; else None."""
    found = clause_of(doc, tok)
    if found is None or found[1] <= found[0]:
        return None
    shape = found[2]
    if (shape in SPEECH_CLAUSE_SHAPES and tok.lemma_ in REPORT_VERBS) or shape in learned.get(tok.lemma_, ()):
        return found
    return None


def _noun_clause(doc: Doc, tok: Token, learned: dict[str, frozenset[str]]) -> Clause | None:
    """The content of speech noun ``tok`` (:func:`.clauses.noun_clause_of`) in a (noun, shape) pair learned from
    PolNeAR train ("his promise to build a wall"), else None."""
    found = noun_clause_of(doc, tok)
    return found if found is not None and found[2] in learned.get(tok.lemma_, ()) else None  # report_verb_shapes


def _according_clause(doc: Doc, tok: Token) -> Clause | None:
    """The longer side of the sentence around "according to X", within the paragraph of "according", or None.

    _according_in_paragraph: the sentence is cut at the paragraph of "according" before the longer side is chosen
    ("… [NEWS]\n\nAccording to the Centre for Disease Control (CDC) in the US, the plague is treatable": the
    parser's sentence starts at the headlines above, which won, html-dev ba4dfe).
    """
    idxs = [t.i for t in tok.subtree]
    p_lo, p_hi = min(idxs), max(idxs)
    s_lo, s_hi = tok.sent.start, tok.sent.end
    for k in range(p_lo - 1, s_lo - 1, -1):
        if "\n" in doc[k].text:
            s_lo = k + 1
            break
    for k in range(p_hi + 1, s_hi):
        if "\n" in doc[k].text:
            s_hi = k
            break
    before = (s_lo, p_lo)
    after = (p_hi + 1, s_hi)
    lo, hi = before if before[1] - before[0] >= after[1] - after[0] else after
    return (lo, hi, "according") if hi > lo else None


def _outermost(rows: list[Quote], cues: list[int], siblings: list[bool]) -> list[Quote]:
    """The rows whose cue is not inside another row, and the rows of a coordinated or counted "said" (``siblings``,
    :func:`_coordinated_say`, :func:`_counted_say`): "Song said Clinton had said Sanders' plan wouldn't happen" is
    one report (PolNeAR train), its inner one part of the outer's content."""
    def inside(c: int, r: Quote) -> bool:
        return r.start_char <= c < r.end_char

    pairs = list(zip(rows, cues, strict=True))
    return [r for (r, c), own in zip(pairs, siblings, strict=True)
            if own or not any(inside(c, o) and not inside(oc, r) for o, oc in pairs if o is not r)]


def _coordinated_say(verb: Token) -> bool:
    """_coordinated_say: a "say" coordinated with a verb and no subject of its own reports for itself, even when the
    parser hangs it inside another report's clause.

    Example (PolNeAR train, politico_2016-08-17): "But Podesta said Gates was not working for Yanukovych's political party
    and said Manafort was not involved." ("said Manafort …" is a conj of "working"): two reports, and the second
    row was dropped as a part of the first. Other verbs in that place are kept out: on train halves their rows
    matched an attribution about half the time, the coordinated "said" four times in five.
    """
    return verb.lower_ in _SAY and verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _counted_say(verb: Token) -> bool:
    """_counted_say: a poll's share that "said" something reports for itself, even inside another report's clause.

    A "say" in a relative, adverbial or coordinated clause whose subject (or, for "who", the noun it refers to) is
    a count of people. Example (PolNeAR train, politico_2016-04-06): "Among Kasich supporters, however, 61 percent
    said they have their minds made up compared to nearly four in 10 — 38 percent — who said they could change
    their mind." (two answers, two attributions; the second row was dropped as a part of the first). On train
    halves 5 of 7 such rows were attributions.
    """
    if verb.lower_ not in _SAY or verb.dep_ not in ("relcl", "advcl", "conj"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subj = verb.head
    return subj.lower_ in _COUNT_NOUNS or subj.tag_ == "CD" or any(c.tag_ == "CD" for c in subj.children)


def _speaker(desc: Descriptions, verb: Token, rules: Sequence[DescriptionRule]) -> Found:
    """The speaker of a reported clause: :func:`.descriptions.attribute`, except that a coordinated "said" inside
    another report speaks for that report's speaker (:func:`_coordinated_say`), and that a verb with no subject
    speaks for its agent ("As reported by Western Journalism, …") or, an infinitive or gerund, for the subject that
    controls it (:func:`.clauses.controller`: "Cruz pivoted to arguing that …" -> Cruz); a speech noun for
    :func:`.clauses.noun_speaker`."""
    res = desc.res
    if verb.pos == NOUN:
        by = noun_speaker(verb)
        if by is None:
            return Found(None, None, verb.text)
        return Found(*res.resolve(by), verb.text)
    if _coordinated_say(verb):
        # "Podesta said Gates was not working … and said Manafort was not involved": the subject the parse gives
        # (through the conj, "Gates") is the first report's; the speaker is that report's
        outer = next((a for a in verb.ancestors if a.pos == VERB and a.lemma_ in REPORT_VERBS), None)
        if outer is not None:
            return attribute(desc, outer, rules)._replace(cue=verb.text)
    if verb.lower != _ACCORDING and subject(verb) is None:
        agent = passive_speaker(verb)
        if agent is not None:
            return Found(*res.resolve(agent), verb.text)
        ctrl = controller(verb)
        if ctrl is not None:
            return Found(*res.resolve(ctrl), verb.text)
    return attribute(desc, verb, rules)
