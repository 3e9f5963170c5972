"""Reported (indirect) speech: the clause a speech verb reports, or the clause around "according to X"."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from pipelines.text.lexicons import report_verb_shapes
from pipelines.text.quotes.descriptions import DescriptionRule, Descriptions, attribute
from pipelines.text.quotes.marks import paragraph_bounds, trim_span
from pipelines.text.quotes.quote import Quote, quote_row
from pipelines.text.quotes.syntax import subject
from pipelines.text.vocab import REPORT_VERBS

# Token.lower is the hash of Token.lower_: comparing it skips a string lookup per token.
_ACCORDING = get_string_id("according")


# The shapes a speech verb's content takes, in the order clause_of tries them. The first three are indirect speech
# for every verb of REPORT_VERBS; the rest only for the (verb, shape) pairs learned from PolNeAR train
# (lexicons.report_verb_shapes): "urged North Korea to resume talks" yes, "wanted to win" no.
CLAUSE_SHAPES = ("that", "before", "aside", "to", "object", "about")
# Shapes read for any verb of REPORT_VERBS; the others only for learned pairs.
SPEECH_CLAUSE_SHAPES = frozenset({"that", "before", "aside"})
# Suffix of a shape read off a verb with no subject ("that_bare": "Asked whether …"); learned pairs only.
BARE = "_bare"
_TOPIC_PREPS = frozenset({"about", "on", "over"})


def clause_of(doc: Doc, tok: Token) -> tuple[int, int, str] | None:
    """Token range ``[lo, hi)`` of what verb ``tok`` reports, and its shape (:data:`CLAUSE_SHAPES`), or None.

    Read off the parse the pipeline already made. For a verb with a subject (its speaker):
    ``that``: ``X said (that) CLAUSE`` (a ccomp after the verb, or :func:`_misattached_that_clause`);
    ``before``: the inverted ``CLAUSE, X argued.`` (a ccomp before the verb and its subject);
    ``aside``: the parenthetical ``Now, he said, CLAUSE`` (the verb is a ``parataxis`` of the clause's root:
    the reported part is what follows the parenthetical);
    ``to``: an infinitive, with the person it is addressed to (``urged North Korea to resume talks``);
    ``object``: a noun phrase that is not a person or a pronoun (``noted the clot's existence``);
    ``about``: the topic (``asked him about his tax returns``).
    A verb with no subject reads only ``that``, ``to``, ``object`` or ``about``, named with the suffix
    :data:`BARE` (_bare_verb: ``Asked if he was ever bullied, the candidate said no``, PolNeAR train).
    Examples: ``Putin said Moscow was ready to unite …`` (seeds/000); ``…, then an extra five million lives could
    have been saved …, Mr Brown argued`` (bbc/politics/385); ``Now, he said, the gaming world rivals the movie
    industry`` (bbc/tech/100). Two ccomps of one verb are one clause (_split_complement: "said whether Trump
    will agree to remove tariffs depends largely on …", html-dev 39d5c4).
    """
    subj = subject(tok)
    if subj is None:
        # _bare_verb: no subject ("Asked if he was ever bullied, …", "rushing to TV to say he did not …"): only the
        # content after the verb, under its own shape name, so train decides whether such a verb reports
        found = _that_clause(doc, tok) or _complement(tok)
        return (found[0], found[1], found[2] + BARE) if found is not None else None
    found = _that_clause(doc, tok)
    if found is not None:
        return found
    before = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i and c.i < subj.i), None)
    if before is not None and before.right_edge.i < subj.left_edge.i:
        return before.left_edge.i, before.right_edge.i + 1, "before"
    head = tok.head
    if tok.dep_ == "parataxis" and head.i > tok.i and head.pos_ in ("VERB", "AUX"):
        lo = tok.right_edge.i + 1
        while lo < head.i and doc[lo].is_punct:
            lo += 1
        return lo, head.right_edge.i + 1, "aside"
    return _complement(tok)


def _that_clause(doc: Doc, tok: Token) -> tuple[int, int, str] | None:
    """The ``that`` shape of :func:`clause_of`: the ccomp after the verb (or :func:`_misattached_that_clause`),
    without its "that"; two ccomps of one verb are one clause (_split_complement)."""
    afters = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
    after = afters[0] if afters else _misattached_that_clause(tok)
    if after is None:
        return None
    left = after.left_edge.i
    while left <= after.i and doc[left].dep_ == "mark" and doc[left].lower_ == "that":
        left += 1
    # _split_complement: "said whether Trump will agree to remove tariffs depends largely on …" is
    # parsed as two ccomps of "said"; the reported clause runs to the end of the last one
    right = max(c.right_edge.i for c in afters) if afters else after.right_edge.i
    return left, right + 1, "that"


def _complement(tok: Token) -> tuple[int, int, str] | None:
    """The ``to``, ``object`` or ``about`` content of a verb with no clause (see :func:`clause_of`), or None.

    ``to``: an ``xcomp`` after the verb with its own "to", from the addressee (the verb's object, if any) to the
    infinitive's end. ``object``: the direct object's phrase, unless it is a pronoun or a PERSON (``told
    reporters`` names the audience, not the content). ``about``: the object of "about"/"on"/"over".
    """
    rights = [c for c in tok.rights if not c.is_punct]
    xcomp = next((c for c in rights if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    if xcomp is not None:
        first = min((c for c in rights if c.i <= xcomp.i and c.dep_ in ("dobj", "dative", "xcomp")), key=lambda c: c.i)
        return first.left_edge.i, xcomp.right_edge.i + 1, "to"
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if obj is not None and obj.pos_ not in ("PRON", "PROPN") and obj.ent_type_ != "PERSON":
        return obj.left_edge.i, obj.right_edge.i + 1, "object"
    prep = next((c for c in rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS), None)
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if pobj is not None and pobj.pos_ != "PRON":
        return pobj.left_edge.i, pobj.right_edge.i + 1, "about"
    return None


def _misattached_that_clause(verb: Token) -> Token | None:
    """_misattached_that_clause: the ``that``-clause of a speech verb the parser hung on a noun after it.

    In: a report verb with no ``ccomp`` after it. Out: the head of a clause
    inside the verb's right-hand phrases (its object or a prepositional
    phrase) that opens with the conjunction ``that`` and has a subject, else
    None: "Tim Clark told reporters at a press conference that the airline …
    will recommence its expansion" is parsed as a relative clause of
    "conference" (a relative "that" is the clause's subject or object, never
    its ``mark``); "Austria argued for decades that it was the first victim"
    as a clause of "decades". A ``that``-clause of the verb's object itself
    is the noun's complement and stays out ("the White House emphasized the
    longstanding sense among US officials that …", seeds/003).
    """
    for child in verb.rights:
        if child.dep_ not in ("dobj", "prep", "dative", "npadvmod"):
            continue
        for t in child.subtree:
            if t.pos_ not in ("VERB", "AUX") or not (t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.dep_ == "pobj")):
                continue  # an acl of the object is a noun's own complement ("emphasized the sense that …")
            kids = list(t.children)
            if any(k.dep_ == "mark" and k.lower_ == "that" for k in kids) and any(
                k.dep_ in ("nsubj", "nsubjpass") for k in kids
            ):
                return t
    return None


def reported_speech(
    doc: Doc, desc: Descriptions, quoted: list[tuple[int, int, str]], description_rules: Sequence[DescriptionRule]
) -> list[Quote]:
    """Indirect speech: the clause a speech verb reports (see :func:`clause_of`), or the clause around "according to X".

    In: the doc, its described speakers (with the resolver) and the ``(start, end, kind)`` of the quotes in marks
    already found, and the rules that read a cue's speaker (:func:`pipelines.text.quotes.descriptions.attribute`). Out: one
    ``reported`` :class:`Quote` per clause of 8 characters or more, cut to the cue's paragraph (the parser may
    run a clause across a line break), with a named speaker. "according to X" takes the longer side of its
    sentence within its paragraph (_according_in_paragraph: a page's headline links above made the wrong side
    longer, html-dev ba4dfe). A clause that repeats a quote in marks is not new speech: more than 30% of it a
    direct quote, or more than 60% quoted at all; one that only embeds a short partial quote stays ("said the
    IAAF would seek to contact Conte "for further information"", bbc/sport/088). A clause two verbs report is one row,
    under the first ("… says at least seven … have signed on – names he said would be publicly released soon – to the
    effort": "says" and "said" read the same clause, PolNeAR train politico_2016-06-22; two rows broke the
    warehouse's quote key).
    """
    res = desc.res
    body = res.text
    out: list[Quote] = []
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
    seen: set[tuple[int, int]] = set()
    for tok in tokens:
        clause: tuple[int, int] | None = None
        clause_shape: str | None = None
        if tok.pos == VERB and (tok.lemma_ in REPORT_VERBS or tok.lemma_ in learned):
            span = clause_of(doc, tok)
            if span is None or span[1] <= span[0]:
                continue
            lo, hi, clause_shape = span
            shape = clause_shape
            if not ((shape in SPEECH_CLAUSE_SHAPES and tok.lemma_ in REPORT_VERBS) or shape in learned.get(tok.lemma_, ())):
                continue
            clause = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        elif tok.lower == _ACCORDING and tok.i + 1 < len(doc) and tokens[tok.i + 1].lower_ == "to":
            sent = tok.sent
            phrase = tok.subtree
            idxs = [t.i for t in phrase]
            p_lo, p_hi = min(idxs), max(idxs)
            # _according_in_paragraph: the sentence cut at the paragraph of "according" before the longer
            # side is chosen ("… [NEWS]\n\nAccording to the Centre for Disease Control (CDC) in the US, the
            # plague is treatable": the parser's sentence starts at the headlines above, which won)
            s_lo, s_hi = sent.start, sent.end
            for k in range(p_lo - 1, s_lo - 1, -1):
                if "\n" in tokens[k].text:
                    s_lo = k + 1
                    break
            for k in range(p_hi + 1, s_hi):
                if "\n" in tokens[k].text:
                    s_hi = k
                    break
            before = (s_lo, p_lo)
            after = (p_hi + 1, s_hi)
            lo, hi = before if before[1] - before[0] >= after[1] - after[0] else after
            if hi <= lo:
                continue
            clause = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        else:
            continue
        a, b = clause
        # Keep the part in the verb's paragraph: the parser sometimes runs a
        # clause across a line break into the next or previous paragraph.
        p0, p1 = paragraph_bounds(body, tok.idx)
        a, b = max(a, p0), min(b, p1)
        a, b = trim_span(body, a, b)
        while b > a and body[b - 1] in ".,;:!?\"”'’ ":
            b -= 1
        while a < b and body[a] in "\"“'‘ ,":
            a += 1
        if b - a < 8 or "\n" in body[a:b] or overlaps_quote(a, b) or (a, b) in seen:
            continue  # the same clause under a second verb ("… – names he said would be released – …" under "says")
        found = attribute(desc, tok, description_rules)
        if found.written is None and not (clause_shape or "").endswith(BARE):
            continue
        seen.add((a, b))
        out.append(quote_row(body[a:b], "reported", *found[:3], a, b, unnamed=found.unnamed))
    return out

