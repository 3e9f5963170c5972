"""What the quote rules read off the dependency parse: the tokens of a quote, its root, its ancestors, a verb's subject."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.text.quotes.marks import MarkSpan, paragraph_bounds


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens wholly inside characters ``[start, end)`` of ``doc`` (none for an empty range)."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def quote_root(doc: Doc, s: MarkSpan) -> tuple[Token, set[int]] | None:
    """The quote's top token (the first whose head is outside the quote) and the indices of its tokens.

    In: the doc and a span. Out: ``(root, inside)``, or None when no token lies inside the marks. The root's
    ancestors are the words the writer's sentence hangs the quote on (``described it as the “most serious
    incident …”``: "incident" hangs on "as", "as" on "described").
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    return root, inside


def paragraph_ancestors(root: Token, body: str) -> list[Token]:
    """``root``'s ancestors up to the first one outside its paragraph (_paragraph_parse).

    Why: the parser sometimes runs one sentence over several paragraphs, and a head across a line break is a
    misparse, so it and everything above it are ignored. Example: a bullet list where "- I can “dial up” or
    “dial back” my working hours" was hung on "I am asked to speak" two bullets up (html-dev c582d3), so the
    speech verb "asked" voiced the two terms.
    """
    p0, p1 = paragraph_bounds(body, root.idx)
    out = []
    for anc in root.ancestors:
        if not p0 <= anc.idx < p1:
            break
        out.append(anc)
    return out


def subject(verb: Token) -> Token | None:
    """nsubj of ``verb``, inherited through ``conj`` ("… and added") and participles (_participle_subject).

    A speech participle without a subject of its own speaks for the clause it hangs on. Examples: ``And Mutu
    agreed, adding: "…"`` (advcl/xcomp ``-ing`` form: the head verb's subject, "Mutu", bbc/sport/201);
    ``issued a statement warning that “…”`` (acl of a noun: the noun, so a document speaks for its issuer,
    html-dev e7994d). None when three steps up find no subject.
    """
    v: Token | None = verb
    for _ in range(3):
        if v is None:
            return None
        for child in v.children:
            # a dash or mark the parser made a subject ("― Trump boasted": "―" nsubj) is not one
            if child.dep_ in ("nsubj", "nsubjpass") and any(c.isalnum() for c in child.text):
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
