"""Entry point: marks, speakers and reported speech put together for one ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc

from pipelines.text.entities import EntityMention
from pipelines.text.quotes.marks import (
    MarkSpan,
    find_quote_spans,
    is_heading,
    is_phrase_in_sentence,
    is_repeated_term,
    is_scare,
    is_short_phrase,
    is_title_or_nickname,
    is_unclosed_single,
    is_unspoken_term,
    paragraph_bounds,
    quote_kind,
    repeated_terms,
    term_key,
)
from pipelines.text.quotes.quote import Quote, quote_row
from pipelines.text.quotes.reported import reported_speech
from pipelines.text.quotes.speakers import (
    Resolver,
    after_attribution,
    before_attribution,
    governing_verb,
    is_voiced,
    said_by_reader,
    speaker_of,
    tokens_between,
    under_speech_verb,
    under_third_person,
)


def extract_quotes(doc: Doc, mentions: list[EntityMention], text: str | None = None) -> list[Quote]:
    """Direct, partial and reported quotes of ``doc`` with speakers resolved against ``mentions``.

    ``text`` is ``doc.text`` when the caller has it already (the string ``doc``
    was parsed from): ``Doc.text`` rebuilds the string from the tokens.
    """
    body = doc.text if text is None else text
    spans = [
        s
        for s in find_quote_spans(body)
        if not (
            is_heading(body, s) or is_title_or_nickname(body, s) or is_scare(body, s) or is_unclosed_single(body, s)
        )
    ]
    repeated = repeated_terms(body, spans)  # a subhead repeating a quote ("'Mutual enemy'") is not counted
    if repeated:
        voiced = {
            term_key(body[s.start : s.end])
            for s in spans
            if is_repeated_term(body, s, repeated) and is_voiced(doc, body, s)
        }
        spans = [s for s in spans if not is_repeated_term(body, s, repeated - voiced)]
    quoted_marks = sorted((s.open_at, (s.close_at + 1) if s.close_at is not None else s.end) for s in spans)
    res = Resolver(doc, mentions, quoted_marks, body)
    out: list[Quote] = []
    last_by_para: dict[int, tuple[str | None, str | None, str | None]] = {}
    prev_para: dict[int, int] = {}
    last_nonblank = -1
    line_starts: list[int] = []
    pos = 0
    for i, line in enumerate(body.split("\n")):
        line_starts.append(pos)
        pos += len(line) + 1
        if line.strip():
            prev_para[i] = last_nonblank
            last_nonblank = i
    prev_close = 0
    for n, s in enumerate(spans):
        next_open = spans[n + 1].open_at if n + 1 < len(spans) else len(body)
        tok_before = None
        toks_before = tokens_between(doc, max(0, s.open_at - 40), s.open_at)
        toks_before = [t for t in toks_before if not t.is_punct and not t.is_space]
        if toks_before:
            tok_before = toks_before[-1]
        kind = quote_kind(body, s, tok_before)
        found: tuple[str | None, str | None, str | None] | None = None
        spoken = False  # attributed through the parse (a verb found for it)
        order = ("gov", "after", "before") if kind == "partial" else ("after", "before", "gov")
        for how in order:
            verb = None
            if how == "after":
                verb = after_attribution(doc, body, s, next_open)
            elif how == "before":
                verb = before_attribution(doc, body, s, prev_close)
            else:
                verb = governing_verb(doc, s, body)
            if verb is not None:
                sp, written, cue = speaker_of(res, verb)
                if written is not None:
                    found = (sp, written, cue)
                    spoken = True
                    break
        if (
            not spoken
            and (
                (
                    kind == "partial"
                    and (is_unspoken_term(body, s) or (is_short_phrase(body, s) and not under_third_person(doc, s, body)))
                )
                or (kind == "direct" and is_phrase_in_sentence(body, s))
            )
            and (
                not under_speech_verb(doc, s, body)
                or (kind == "partial" and is_unspoken_term(body, s) and said_by_reader(doc, s, body))
            )
        ):
            prev_close = (s.close_at + 1) if s.close_at is not None else s.end
            continue
        if found is None:
            # the latest speech event in this paragraph or, for a paragraph that
            # opens with a quote, in the previous one ("… Mr Howard said.\n\n"…")
            p0, _ = paragraph_bounds(body, s.open_at)
            floor = p0
            if s.continues or _starts_paragraph(body, s):
                pp = prev_para.get(s.para, -1)
                floor = line_starts[pp] if pp >= 0 else p0
            found = res.last_event(s.open_at, floor)
        if found is None and s.para in last_by_para:
            found = last_by_para[s.para]  # a later sentence of the same speaker's paragraph
        if found is None:
            found = (None, None, None)
        sp, written, cue = found
        if sp is not None or written is not None:
            last_by_para[s.para] = found
        out.append(quote_row(body[s.start : s.end], kind, sp, written, cue, s.start, s.end))
        prev_close = (s.close_at + 1) if s.close_at is not None else s.end
    quoted = sorted((q.start_char, q.end_char, q.kind) for q in out)
    out.extend(reported_speech(doc, res, quoted))
    out.sort(key=lambda q: (q.start_char, q.end_char))
    return out


def _starts_paragraph(body: str, s: MarkSpan) -> bool:
    p0, _ = paragraph_bounds(body, s.open_at)
    return not body[p0 : s.open_at].strip()
