"""What kind of speaker said each quote: a ``person``, an ``organisation``, a ``group`` or an ``unnamed`` source.

In: an article's quotes (speakers resolved), its entity mentions and its text. Out: the same quotes with
``speaker_type`` set. Analysts count people apart from companies, bodies and governments: the Gender Gap
Tracker's gender share counts people only, and "OECD said" or "Nestle added" is not a person's voice.

A named speaker is typed by votes, each kind of evidence counted once per article (:func:`named_type`):

- the lexicons: a listed company or an alias the project labels ORG (2), an organisation's head word in the
  name ("Vestey Group", "US Department of Energy", 2), a first name the lexicon knows ("Vincent Koen", 1), a
  name made of titles only ("Shadow Secretary", 2);
- how the speech names its speaker: "it" (2) or "he"/"she" (2), the head of the words around the name
  ("UK advertising giant WPP", "The South Yorkshire company" -> organisation; "Texas Judge Letitia Clark",
  "Menatep Group's managing director" -> person, 2), "the" and the name alone ("the OECD", 2);
- the article's other mentions of the name (:func:`context_votes`, 1 each): the word before it ("oil giant
  Yukos", "Mr Spindler"), the word after it ("Yukos boss Mikhail Khodorkovsky", "WPP's shares"), an apposition
  (2: "Jean-Philippe Cotis, the OECD's chief economist"), a pronoun after a speech verb ("Yukos said it would");
- the entity label the article gives the name most often (1), which also breaks a tie; with neither a label
  nor a vote, ``person`` (four in five of the BBC's quotes with a speaker are people's). A plural acronym
  ("MPs") is a group.

A speaker who is a description (``speaker_kind`` ``unnamed``) is typed by its head noun
(:func:`description_type`): "officials", "residents", "analysts" -> group; "the company", "a think tank", "the
prime minister's office" -> organisation; "a spokeswoman", "a source" -> unnamed. A quote with no speaker is typed
by how it is written (:func:`unnamed_type`: "he" -> person).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from pipelines.text.entities import EntityMention
from pipelines.text.lexicons import companies, load_aliases, name_gender
from pipelines.text.quotes.quote import Quote
from pipelines.text.vocab import (
    DOCUMENT_NOUNS,
    HONORIFICS,
    IRREGULAR_GROUP_NOUNS,
    ORG_AFTER_NAME,
    ORG_BEFORE_NAME,
    ORG_HEADS,
    ORG_SPEAKER_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    SPEAKER_DETERMINERS,
)

SPEAKER_TYPES = ("person", "organisation", "group", "unnamed")

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# Words that end the head noun phrase of a description or an apposition ("a senior economist with the OECD").
_PHRASE_END = frozenset("of for with at from in on to by who which that and or as".split())
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.-]*) +$")
_WORD_AFTER = re.compile(r"^(?:'s|’s|'|’)? +([a-z]+)\b")
_APPOSITION = re.compile(r"^, +((?:the|a|an|its|his|her|their|[A-Z][\w.-]*(?:'s|’s)) [^,.;:\n]{1,60})")
_SAID_PRONOUN = re.compile(
    r"^ +(?:said|says|claimed|claims|added|adds|argued|argues|insisted|insists|announced|announces|warned|warns|"
    r"stated|states|expects|expected|believes|believed)(?: that)? +(it|its|he|she|his|her)\b")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_LABEL_TYPE = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "FAC": "organisation",
               "LOC": "organisation", "NORP": "group"}


def type_speakers(quotes: list[Quote], mentions: list[EntityMention], text: str) -> list[Quote]:
    """``quotes`` with ``speaker_type`` set (see the module docstring); a quote without a speaker keeps None.

    Example: in bbc/business/050 "Nestle said that the strength of the Swiss franc …" -> organisation, and
    "chief executive Peter Brabeck-Letmathe" -> person.
    """
    by_entity: dict[str, list[EntityMention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    named: dict[tuple[str, str | None], str] = {}
    out = []
    for q in quotes:
        if q.speaker is not None and q.speaker_kind != "unnamed":
            key = (q.speaker, q.speaker_mention)
            if key not in named:
                named[key] = named_type(q.speaker, q.speaker_mention, by_entity.get(q.speaker, []), text)
            kind = named[key]
        elif q.speaker is not None:
            # the description itself, whatever it is written as at the quote: "ntl spokesman" for "he" is one
            # unnamed source, "South Dakotans" a group though every word is capitalised
            kind = description_type(q.speaker)
        else:
            kind = unnamed_type(q.speaker_mention)
        out.append(dataclasses.replace(q, speaker_type=kind))
    return out


def unnamed_type(written: str | None) -> str | None:
    """The type of a speaker the article does not name, from how it is written; None without one.

    "he"/"she" -> person, "it" -> organisation, "they"/"we" -> group; a description by
    :func:`description_type` ("Officials in Cojedes state" -> group); None for a name nobody was resolved to.
    """
    if not written:
        return None
    low = written.strip().lower()
    if low in PERSON_PRONOUNS or low == "i":
        return "person"
    if low == "it":
        return "organisation"
    if low in ("they", "them", "we"):
        return "group"
    words = _WORD.findall(written)
    if words and all(w[:1].isupper() for w in words):
        return None  # a name the speaker rules could not resolve ("Recep Tayyip Erdogan", seeds/wire-feed): unknown
    return description_type(written)


def description_type(description: str) -> str:
    """``group``, ``organisation`` or ``unnamed`` for a description of a speaker, by its head noun.

    The head is the last word before "of", "for", "with" …: "a spokesman for the firm" -> "spokesman". A plural
    head is a group ("officials", "Venezuelan authorities", "a group of residents"), an organisation's noun
    is an organisation ("the mining group", "the Paris-based economics think tank", "companies"), anything
    else one unnamed source ("a spokeswoman", "an insider", "a source close to the talks").
    """
    written = _WORD.findall(description)
    if len(written) == 1 and _PLURAL_ACRONYM.fullmatch(written[0]):
        return "group"  # "MPs said"
    words = [w.lower() for w in written]
    head_words: list[str] = []
    rest: list[str] = []
    for i, w in enumerate(words):
        if w in _PHRASE_END and head_words:
            rest = words[i + 1:]
            break
        head_words.append(w)
    if not head_words:
        return "unnamed"
    head = _POSSESSIVE.sub("", head_words[-1])
    if head in ("group", "number", "team", "panel", "couple", "crowd") and rest and _is_plural(rest[-1]):
        return "group"
    if head in ORG_SPEAKER_NOUNS:
        return "organisation"
    if head in IRREGULAR_GROUP_NOUNS:
        return "group"
    if _is_plural(head):
        one = _singular(head)
        if one in ORG_SPEAKER_NOUNS:
            return "organisation"
        return "unnamed" if one in DOCUMENT_NOUNS else "group"  # "reports said": no one is named
    return "unnamed"


def _is_plural(word: str) -> bool:
    """A regular English plural: "officials", "authorities"; not "boss", "status", "analysis"."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


def named_type(speaker: str, written: str | None, mentions: list[EntityMention], text: str) -> str:
    """``person``, ``organisation`` or ``group`` for a named speaker, by the votes of the module docstring.

    In: the canonical speaker, the speaker as written at this quote, the article's mentions of that entity and
    the article's text. Example: "Yukos" (tagged PERSON nine times in bbc/business/025) -> organisation, from
    "Russian oil giant Yukos", "former Yukos boss" and "Yukos said it would consider its options".
    """
    if _PLURAL_ACRONYM.fullmatch(speaker):
        return "group"  # "MPs said", "MEPs" (bbc/politics/048): several people the rules kept as a name
    votes: Counter[str] = Counter()
    votes.update(lexicon_votes(speaker))
    votes.update(written_votes(speaker, written))
    votes.update(context_votes(mentions, text))
    labels = Counter(m.label for m in mentions)
    label = labels.most_common(1)[0][0] if labels else None
    by_label = _LABEL_TYPE.get(label or "")
    if by_label is not None:
        votes["person" if by_label == "person" else "organisation"] += 1
    person, org = votes["person"], votes["organisation"]
    if person != org:
        return "person" if person > org else "organisation"
    # no label and no evidence: most speakers are people (four in five quotes with a speaker on the BBC)
    return by_label or "person"


def lexicon_votes(speaker: str) -> Counter[str]:
    """Votes from the lexicons: a listed company or ORG alias, an organisation's head word, a known first name.

    "Vestey Group" -> organisation 2 ("group"); "Vincent Koen" -> person 1 ("Vincent" is a first name).
    """
    votes: Counter[str] = Counter()
    alias = load_aliases().get(speaker)
    if speaker in companies() or (alias is not None and alias[1] == "ORG"):
        votes["organisation"] += 2
    words = speaker.split()
    if any(w.lower() in ORG_HEADS and w[:1].isupper() for w in words[1:]) or (
            len(words) > 1 and words[0].lower() in ORG_HEADS):
        votes["organisation"] += 2
    if len(words) > 1 and _first_name(words[0]):
        votes["person"] += 1
    if _role_headed(speaker):
        votes["person"] += 2
    elif words and words[-1].lower() in ORG_SPEAKER_NOUNS:
        votes["organisation"] += 2  # a description the rules kept as the name: "government's finance watchdog"
    return votes


def _first_name(word: str) -> bool:
    """Is ``word`` a first name the lexicon knows ("Vincent"; "Jean-Philippe" as the lexicon writes it, "Jeanphilippe")?"""
    return name_gender(word) is not None or ("-" in word and name_gender(word.replace("-", "").capitalize()) is not None)


def _role_headed(speaker: str) -> bool:
    """A speaker the rules named by titles alone: "Shadow Secretary", "Secretary" (bbc/politics/001, 003), not
    "Scottish Executive"."""
    words = speaker.lower().split()
    return bool(words) and all(w in PERSON_ROLE_NOUNS for w in words)


def written_votes(speaker: str, written: str | None) -> Counter[str]:
    """Votes from how the speech names its speaker: a pronoun, the head of the words around the name, "the X".

    "UK advertising giant WPP" -> organisation 2; "Texas Judge Letitia Clark" -> person 2; "it" ->
    organisation 2; "the OECD", "the Sunday Telegraph" -> organisation 2 (people are not written "the" and their name).
    """
    votes: Counter[str] = Counter()
    if not written:
        return votes
    low = written.strip().lower()
    if low in PERSON_PRONOUNS:
        votes["person"] += 2
        return votes
    if low == "it":
        votes["organisation"] += 2
        return votes
    name_words = {w.lower() for w in _WORD.findall(speaker)}
    others = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(written) if w.lower() not in name_words]
    others = [w for w in others if w and w not in name_words]
    if others == ["the"] and not _role_headed(speaker):
        votes["organisation"] += 2
        return votes
    head = next((w for w in reversed(others) if w not in SPEAKER_DETERMINERS), None)
    if head in PERSON_ROLE_NOUNS or head in HONORIFICS:
        votes["person"] += 2
    elif head in ORG_SPEAKER_NOUNS:
        votes["organisation"] += 2
    return votes


def context_votes(mentions: list[EntityMention], text: str) -> Counter[str]:
    """Votes from the words around the article's mentions of a speaker; each kind of evidence counts once.

    Kinds (an apposition counts 2): the word before ("oil giant Yukos" -> organisation, "Mr Spindler" -> person); the word after
    ("Yukos boss", "WPP's shares" -> organisation); the head of an apposition ("Jean-Philippe Cotis, the OECD's
    chief economist" -> person; "Umbro, the sportswear firm" -> organisation); a pronoun after a speech verb
    ("Yukos claimed it sought help" -> organisation, "Smith said he" -> person).
    """
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        before = _WORD_BEFORE.search(text[max(0, m.start_char - 30):m.start_char])
        if before:
            word = before.group(1).lower()
            if word in HONORIFICS or word in PERSON_ROLE_NOUNS:
                seen.add(("before", "person"))
            elif word in ORG_BEFORE_NAME:
                seen.add(("before", "organisation"))
        after_text = text[m.end_char:m.end_char + 80]
        after = _WORD_AFTER.match(after_text)
        if after and after.group(1) in ORG_AFTER_NAME:
            seen.add(("after", "organisation"))
        appos = _APPOSITION.match(after_text)
        if appos:
            kind = description_type(appos.group(1))
            head = _appositive_head(appos.group(1))
            if head in PERSON_ROLE_NOUNS:
                seen.add(("apposition", "person"))
            elif kind == "organisation":
                seen.add(("apposition", "organisation"))
        said = _SAID_PRONOUN.match(after_text)
        if said:
            seen.add(("pronoun", "organisation" if said.group(1) in ("it", "its") else "person"))
    votes: Counter[str] = Counter()
    for where, kind in seen:
        votes[kind] += 2 if where == "apposition" else 1
    return votes


def _appositive_head(phrase: str) -> str | None:
    """The head noun of an apposition: "the OECD's chief economist" -> "economist", "a senior economist with …"."""
    head = None
    for w in _WORD.findall(phrase):
        low = w.lower()
        if low in _PHRASE_END:
            break
        head = _POSSESSIVE.sub("", low)
    return head
