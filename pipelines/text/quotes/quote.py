"""The row a quotation becomes, and how its speaker was named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.text.vocab import NOT_SPEAKERS, SPEAKER_DETERMINERS, SPEAKER_PRONOUNS

SPEAKER_KINDS = ("named", "pronoun", "described", "unnamed")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``quote == body[start_char:end_char]``.

    ``speaker`` is an entity's canonical name, or for an ``unnamed`` speaker
    the description normalised ("an insider" -> "insider"), or None.
    ``speaker_kind`` says how the speaker was named in the text:
    ``named`` (a name: "Cameron", "chief executive James Skinner"),
    ``pronoun`` ("he", "it": resolved to a name, or None when nothing fits),
    ``described`` (a description resolved to the entity the article names:
    "the company" -> "Laura Ashley", "the ex-Wallaby" -> "David Campese"),
    ``unnamed`` (a description the article never names: "an insider",
    "the doctors"; ``speaker`` holds the description), None without a speaker.
    ``speaker_type`` says what the speaker is: ``person``, ``organisation``, ``group`` or ``unnamed``
    (:mod:`pipelines.text.quotes.speaker_types`), None without a speaker.
    ``continues_char`` is the ``start_char`` of the first part of the quotation this row goes on with (``"A," he
    said, "B."``: B's row points at A's), None for a first or only part (:mod:`pipelines.text.quotes.continuation`).
    """

    quote: str
    kind: str
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    start_char: int
    end_char: int
    speaker_kind: str | None = None
    speaker_type: str | None = None
    continues_char: int | None = None


_LEADING = re.compile(r"^(?:(?:" + "|".join(SPEAKER_DETERMINERS) + r")\s+)+", re.I)


def speaker_kind(speaker: str | None, written: str | None) -> str | None:
    """How ``written`` (the speaker as written) names ``speaker`` (see :class:`Quote`)."""
    if written is None:
        return None
    if written.lower() in SPEAKER_PRONOUNS:
        return "pronoun"
    if speaker is None:
        return "unnamed"
    words = {w.lower() for w in re.findall(r"\w+", speaker)}
    return "named" if words & {w.lower() for w in re.findall(r"\w+", written)} else "described"


def described_speaker(written: str) -> str | None:
    """_unnamed_speaker: a description that names nobody is the speaker, normalised.

    Why: "an insider said" is attributed speech; dropping the speaker would lose it. Examples: "an insider" ->
    "insider", "Prosecutors" -> "prosecutors", "A BBC spokeswoman" -> "BBC spokeswoman" (bbc/entertainment/202).

    Leading determiners go; a sentence-initial capital is lowered ("Aviation
    analysts") unless the word is an acronym or possessive ("BBC", "Sweden's").
    None for what is not a description of someone: pronouns, quantifiers
    ("all", "another"), figures ("44 percent"), a phrase holding a quote mark
    or a capitalised word after its first (a name the rules could not resolve).
    """
    text = _LEADING.sub("", written.strip())
    if not text or text.lower() in NOT_SPEAKERS or re.search(r"[\d\"“”‘]|'(?!s\b)|’(?!s\b)|\bper ?cent\b", text):
        return None
    words = text.split()
    if any(w[:1].isupper() for w in words[1:]):
        return None
    first = words[0]
    stripped = text != written.strip()
    if not stripped and first[:1].isupper() and first[1:].islower() and not first.endswith(("'s", "’s")):
        text = first.lower() + text[len(first):]
    return text


def quote_row(
    text: str, kind: str, sp: str | None, written: str | None, cue: str | None, start: int, end: int, unnamed: bool = False
) -> Quote:
    """A :class:`Quote` with its ``speaker_kind``; an unresolved description becomes the speaker (``unnamed``).

    ``unnamed``: ``sp`` is already the description a rule of :mod:`pipelines.text.quotes.descriptions` read off the
    text ("ntl spokesman" for "he"), kept as given.
    """
    if unnamed and sp is not None:
        return Quote(text, kind, sp, written, cue, start, end, "unnamed")
    how = speaker_kind(sp, written)
    if how == "unnamed":
        sp = described_speaker(written or "")
        if sp is None:
            how = None
    return Quote(text, kind, sp, written, cue, start, end, how)
