"""Spans the model tags that are not names: job titles, common acronyms, phrases in title case, masked handles.

Each test takes one trimmed span and the article's context and says whether to drop it
(``(Span, Context) -> bool``).
"""

from __future__ import annotations

from spacy.symbols import ADJ, INTJ, PROPN, VERB
from spacy.tokens import Span, Token

from pipelines.text.entities.mention import Context
from pipelines.text.vocab import CALENDAR, CALENDAR_SHORT, COMMON_ACRONYMS, EPITHETS, TITLE_NOUNS


def is_title_fragment(span: Span, ctx: Context) -> bool:
    """An ORG/GPE word that is part of a job title: "Defense" in "German Defense Minister", "State" in
    "Secretary of State"."""
    if span.label_ not in {"ORG", "GPE"} or len(span) > 2:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in TITLE_NOUNS:
        return True
    if (span.start >= 2 and doc[span.start - 1].lower_ in {"of", "for"}
            and doc[span.start - 2].lower_ in {"secretary", "minister"}):
        return True
    return False


def is_job_title(span: Span, ctx: Context) -> bool:
    """A mention that is only a job title is not an entity: "CEO" / "COO" ORG (the C-suite acronyms are in
    ``EPITHETS``), "Chief Executive" PERSON."""
    return len(span) <= 2 and all(t.lower_ in EPITHETS for t in span)


def no_proper_noun(span: Span, ctx: Context) -> bool:
    """A mention of two or more words none of which the tagger calls a proper noun is a phrase in title case
    ("Mostly True" ORG, a PolitiFact rating; "Kind of Scary" ORG, a blog's emphasis), not a name."""
    return len(span) > 1 and span.label_ in ("PERSON", "ORG", "GPE") and not any(t.pos == PROPN for t in span)


def is_common_acronym(span: Span, ctx: Context) -> bool:
    """A one-word mention that is the acronym of a common noun (``COMMON_ACRONYMS``: "AI", "RTB", "ICT",
    "ICUs", "GDP") is not a name: the small model tags them ORG ("enhanced AI technology")."""
    if len(span) != 1:
        return False
    low = span[0].lower_
    return low in COMMON_ACRONYMS or (low.endswith("s") and low[:-1] in COMMON_ACRONYMS and span[0].text[-1] == "s")


def not_a_name_shape(span: Span, ctx: Context) -> bool:
    """A mention without a letter ("🙂" ORG), without a capital letter or a digit ("n’t" GPE), or made of two or
    more weekday and month names alone ("Closed on Sun & Mon" ORG; "Sun" alone may be Sun Microsystems) is not
    a name."""
    if not any(c.isalpha() for c in span.text):
        return True
    if not any(c.isupper() or c.isdigit() for c in span.text):
        return True  # "n’t" GPE (PolNeAR train); a lowercase name keeps a digit ("my6sense")
    words = [t.lower_.rstrip(".") for t in span if any(c.isalpha() for c in t.text)]
    return len(words) >= 2 and all(w in CALENDAR or w in CALENDAR_SHORT for w in words)  # "Sun" alone is Sun


def masked_or_not_a_noun(span: Span, ctx: Context) -> bool:
    """A name masked with asterisks is a reviewer's or commenter's handle, not a name ("– Ali***", "– Jo**
    Al****" PERSON); a one-word mention that opens a sentence and is a verb, adjective or interjection for
    the tagger is an ordinary word ("Seek out the healthy snacks" PERSON, "Super fun!" ORG), unless the
    article also writes it capitalised inside a sentence ("Labour")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text.startswith("*") and span.label_ == "PERSON":
        return True
    tok = span[0]
    if len(span) != 1 or tok.pos not in (VERB, ADJ, INTJ) or not _opens_sentence(tok):
        return False
    # a name the article also writes inside a sentence stays ("Labour election chief Alan Milburn")
    if doc.text.count(tok.text) < 2:
        return True
    inside = doc.user_data.get("_entities_words_inside_sentences")
    if inside is None:  # once per doc, and only for a doc that has such a word
        inside = doc.user_data["_entities_words_inside_sentences"] = {
            t.text for t in doc if not t.is_lower and not t.is_punct and not _opens_sentence(t)}
    return tok.text not in inside


def _opens_sentence(tok: Token) -> bool:
    """Is ``tok`` the first word of the text, a sentence, a quotation or a line?"""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i else None
    return prev is None or prev.text in (".", "!", "?", "“", '"') or "\n" in prev.whitespace_ or prev.is_space


def place_pair(span: Span, ctx: Context) -> bool:
    """"U.S.-Mexico border", "US-China trade talks": two places joined by a hyphen are a modifier, not an
    organisation (the model's ORG); each place is found on its own elsewhere."""
    if span.label_ == "GPE" or "-" not in span.text:
        return False
    parts = [p for p in span.text.split("-") if p]
    aliases = ctx.aliases
    return len(parts) == 2 and all(p in ctx.places or (p in aliases and aliases[p][1] == "GPE") for p in parts)
