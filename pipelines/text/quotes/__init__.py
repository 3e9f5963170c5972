"""Quotations (who said what) from a parsed article.

In: the ``Doc`` of an article body and the entity mentions
:func:`pipelines.text.entities.extract_entities` found in it. Out: :class:`Quote` rows in text order, each with
``body[start_char:end_char] == quote``, of kind ``direct`` (a sentence in marks), ``partial`` (a fragment in
marks inside the writer's sentence) or ``reported`` (indirect speech).

The passes, in the order :func:`extract_quotes` runs them:

1. **Marks** (:mod:`.marks`): pair opening and closing quote marks, paragraph by paragraph.
2. **Not speech by shape** (:data:`MARK_FILTERS`, :mod:`.filters`): subheads (numbered, or title case with a
   full stop), titles and nicknames (a show's title ending its sentence), scare quotes (after "so-called"), coined
   terms ("what doctors call …"), stray single marks.
3. **Slogans** (:func:`.terms.drop_slogans`): a short phrase quoted twice or more that nobody is said to say.
4. **Who is who** (:class:`.resolver.Resolver`): the article's subjects and speech events, in text order.
5. **Quotes in marks** (:func:`.quoted.quotes_in_marks`), for each span: its kind (:mod:`.kind`); its cue, by the
   :data:`CUE_FINDERS` of that kind in order (:mod:`.cues`), and the cue's speaker (:mod:`.attribution`); with
   no cue, the :data:`MENTION_RULES` (:mod:`.terms`) may drop it as a mentioned term; else the paragraph's
   latest speaker.
6. **Parts of one quotation** (:func:`.continuation.link_parts`): ``"A," he said, "B."`` and a quote carried into
   the next paragraph stay one row per pair of marks; each later part points at the first (``continues_char``).
7. **Reported speech** (:mod:`.reported`): what a speech verb or noun reports (:mod:`.clauses`, in the shapes
   learned from PolNeAR train), or the clause around "according to X", that is not already in marks; a report
   inside another's clause is part of it.

   Every cue's speaker, in marks or reported, is read by :func:`.descriptions.attribute`: the subject
   (:mod:`.attribution`), then the first of the :data:`DESCRIPTION_RULES` (:mod:`.descriptions`) that gives a better
   one for a speaker the article describes rather than names.
8. **Speaker types** (:func:`.speaker_types.type_speakers`): each speaker a person, an organisation, a group or
   an unnamed source.

Kinds of rule, one signature each:

- mark filter ``(body, span) -> bool``: True drops the span;
- cue finder ``(doc, body, span, lo, hi) -> Token | None``: the speech verb attributing the quote, looking no
  further back than ``lo`` (the previous quote's end) and no further on than ``hi`` (the next quote's start);
- mention rule ``(doc, body, span, kind) -> bool``: True drops a quote no cue was found for;
- description rule ``(descriptions, verb, found) -> Found | None``: a better speaker than ``found`` for cue ``verb``.

Methods and measured effects of the rules: ``docs/quality/quotes.md``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipelines.text.entities import EntityMention
from pipelines.text.quotes.continuation import link_parts
from pipelines.text.quotes.cues import (
    after_attribution,
    before_attribution,
    comma_attribution,
    governing_verb,
    named_lead_in,
    signature_line,
    signed_attribution,
)
from pipelines.text.quotes.descriptions import (
    DescriptionRule,
    Descriptions,
    counted_people,
    elliptical_speaker,
    masked_handle,
    name_modifies_description,
    outsider_role,
    pronoun_to_description,
    quoted_as_saying,
)
from pipelines.text.quotes.filters import (
    is_coined_term,
    is_heading,
    is_scare,
    is_title_or_nickname,
    is_unclosed_single,
)
from pipelines.text.quotes.marks import MarkSpan, find_quote_spans
from pipelines.text.quotes.possessed import possessed_speech_noun
from pipelines.text.quotes.quote import Quote
from pipelines.text.quotes.quoted import CueFinder, MentionRule, quotes_in_marks
from pipelines.text.quotes.reported import reported_speech
from pipelines.text.quotes.resolver import Resolver
from pipelines.text.quotes.speaker_types import type_speakers
from pipelines.text.quotes.tagline import colon_lead_in, inverted_tag_line, tag_line_verb
from pipelines.text.quotes.terms import drop_slogans, mentioned_phrase, unspoken_term, writers_phrase

__all__ = ["CUE_FINDERS", "DESCRIPTION_RULES", "MARK_FILTERS", "MENTION_RULES", "Quote", "extract_quotes"]

MARK_FILTERS = (is_heading, is_title_or_nickname, is_scare, is_coined_term, is_unclosed_single)

# A direct quote is attributed by the verb next to it, a partial one by the sentence it sits in.
CUE_FINDERS: dict[str, tuple[CueFinder, ...]] = {
    "direct": (
        after_attribution,
        tag_line_verb,
        inverted_tag_line,
        signed_attribution,
        signature_line,
        named_lead_in,
        colon_lead_in,
        before_attribution,
        governing_verb,
    ),
    "partial": (comma_attribution, possessed_speech_noun, governing_verb, after_attribution, named_lead_in, before_attribution),
}

MENTION_RULES: tuple[MentionRule, ...] = (unspoken_term, writers_phrase, mentioned_phrase)

# The first rule that answers wins. "X quoted Y as saying" comes first: it replaces the cue's subject, whose
# descriptions the other rules would otherwise read; each of the others reads one shape of description only.
DESCRIPTION_RULES: tuple[DescriptionRule, ...] = (
    quoted_as_saying,  # "…," Apcom quoted several lawmakers as saying -> "several lawmakers"
    pronoun_to_description,  # "… according to an ntl spokesman … "…?" he asked" -> "ntl spokesman"
    name_modifies_description,  # "Legitimate Bollywood film distributors have hailed" -> the distributors
    outsider_role,  # "The judge in the case … said that" (a story about the accused) -> "judge"
    counted_people,  # "a series of South Dakotans … declaring" -> "South Dakotans"
    elliptical_speaker,  # "one user on Weibo … posted … Another reportedly said:" -> "user"
    masked_handle,  # "“The show was really great. …”\n\n– Man**" -> "Man**"
)


def extract_quotes(doc: Doc, mentions: list[EntityMention], text: str | None = None) -> list[Quote]:
    """Direct, partial and reported quotes of ``doc`` with speakers resolved against ``mentions``, in text order.

    ``text`` is ``doc.text`` when the caller has it already (the string ``doc`` was parsed from): ``Doc.text``
    rebuilds the string from the tokens.
    """
    body = doc.text if text is None else text
    spans = [s for s in find_quote_spans(body) if not any(drop(body, s) for drop in MARK_FILTERS)]
    spans = drop_slogans(doc, body, spans)
    res = Resolver(doc, mentions, _mark_ranges(spans), body)
    desc = Descriptions(res)
    marked = quotes_in_marks(doc, body, spans, res, CUE_FINDERS, MENTION_RULES, desc, DESCRIPTION_RULES)
    out = link_parts(marked, spans, body)
    out.extend(reported_speech(doc, desc, sorted((q.start_char, q.end_char, q.kind) for q in out), DESCRIPTION_RULES))
    out.sort(key=lambda q: (q.start_char, q.end_char))
    return type_speakers(out, mentions, body)


def _mark_ranges(spans: list[MarkSpan]) -> list[tuple[int, int]]:
    """``(opening mark, after the closing mark)`` offsets of each span, sorted: what the resolver treats as quoted."""
    return sorted((s.open_at, (s.close_at + 1) if s.close_at is not None else s.end) for s in spans)
