"""The model's entities as spans: cut where a name ends, trimmed of what is not the name.

The small model runs a name into its neighbours (a line break, a handle, a score, a title, a second name after
"the"); these rules cut each of its entities back to the name. Span cuts take one span and return its parts
(``(Span, Context) -> list[Span]``); span rules take and return the article's spans
(``(list[Span], Context) -> list[Span]``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.text.entities.mention import Context
from pipelines.text.vocab import (
    DROP_LABELS,
    EPITHETS,
    LEADING_ARTICLES,
    ORG_HEADS,
    PARTICLES,
    POSSESSIVES,
    SENTENCE_OPENERS,
    TRADEMARKS,
)


def model_entities(ctx: Context) -> list[Span]:
    """The model's entities of the article, an inner possessive joined (``join_possessive_heads``), numeric and
    date labels (``DROP_LABELS``) left out: "Westminster Magistrate's" + "Court" -> one ORG; "Thursday" DATE
    -> nothing."""
    return [ent for ent in join_possessive_heads(list(ctx.doc.ents)) if ent.label_ not in DROP_LABELS]


def join_possessive_heads(ents: list[Span]) -> list[Span]:
    """The model cuts a name at an inner possessive: "Westminster Magistrate's" ORG + "Court" ORG. An ORG
    ending in 's followed at once by an ORG/FAC that is one organisation head word (``ORG_HEADS``: Court,
    Party, College, ...) is one ORG ("Westminster Magistrate's Court"; not "Lib Dems' Treasury"); the owner
    split (``split_possessive_owner``) still separates a place or person from what it owns. In: the
    model's entities; out: the same, joined.
    """
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ == "ORG" and ent.label_ in ("ORG", "FAC") and prev.end == ent.start
                and prev[-1].text in POSSESSIVES and len(ent) == 1 and ent[0].lower_ in ORG_HEADS):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


# --- span cuts: (Span, Context) -> list[Span] -----------------------------------------------------------------

def split_on_newlines(span: Span, ctx: Context) -> list[Span]:
    """A mention never crosses a line break: "Matthew Yglesias\\nObama" is two names."""
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            end = tok.i if "\n" in tok.text else tok.i + 1
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label_))
            start = tok.i + 1
    if span.end > start:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    return parts


def split_at_inner_the(span: Span, ctx: Context) -> list[Span]:
    """A lowercase "the" right after a capitalised word inside a name starts a second name: "told Billboard the
    Doobies have been" ORG -> "Billboard" + "the Doobies" (``trim`` then cuts "the"). A "the" after a
    lowercase link stays inside ("Bank of the West", "Church of the Holy Sepulchre"). A "to" between two
    capitalised words whose head is outside the name splits it too ("selling Hipcricket to Augme
    Technologies" ORG -> two ORGs).
    """
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        if (doc[k].text == "to" and doc[k - 1].is_title and doc[k + 1].is_title
                and not (span.start <= doc[k].head.i < span.end) and not (span.start <= doc[k - 1].head.i < span.end)):
            # "selling Hipcricket to Augme Technologies": "to" belongs to the verb, not to a name
            return [Span(doc, span.start, k, label=span.label_),
                    *split_at_inner_the(Span(doc, k + 1, span.end, label=span.label_), ctx)]
        if (doc[k].text == "the" and not doc[k - 1].is_lower and doc[k - 1].is_alpha
                and not (span.start <= doc[k - 1].head.i < span.end) and not (k <= doc[k].head.i < span.end
                                                                               and span.start <= doc[k].head.head.i < span.end)):
            return [Span(doc, span.start, k, label=span.label_),
                    *split_at_inner_the(Span(doc, k, span.end, label=span.label_), ctx)]
    return [span]


def cut_at_handles(span: Span, ctx: Context) -> list[Span]:
    """A name ends before an @handle or a web address ("Twitter @michaeldwall" PERSON -> "Twitter", a URL
    tagged PERSON -> nothing), and a mention with a trademark sign names a product ("Digital Intuition®"),
    not an organisation: nothing. Out: the part before the first handle/URL token, if any.
    """
    whole = span.text
    if not any(c in whole for c in "@®™/:."):
        return [span]  # the common case, without making a Token per word
    for tok in span:
        text = tok.text
        if any(mark in text for mark in TRADEMARKS):
            return []
        if text.startswith("@") or tok.like_url or "://" in text:
            return [Span(span.doc, span.start, tok.i, label=span.label_)] if tok.i > span.start else []
    return [span]


_SCORE = re.compile(r"\d+(?:[-–]\d+)*|[-–]")
# words after a number that make it a share of a poll, not part of a name ("favored Trump 58 percent to 21")
_SHARE_WORDS = frozenset({"percent", "per", "%", "points", "pct"})


def split_joint_names(span: Span, ctx: Context) -> list[Span]:
    """Two organisations joined by a slash or a hyphen are two names: "Washington Post-ABC News",
    "New York Times/CBS News" (a joint poll) ORG -> two ORGs. A slash always splits an ORG between
    capitalised words; a hyphen only when each side is two capitalised words or more ("NBC News-Wall Street
    Journal"), so one body's double name stays whole ("AFL-CIO", "Hewlett-Packard", "Mercedes-Benz USA",
    "Winston-Salem Journal", "the Anti-Defamation League").
    """
    if span.label_ != "ORG":
        return [span]
    doc = span.doc
    cuts = []
    for tok in span[1:-1]:
        left, right = doc[span.start:tok.i], doc[tok.i + 1:span.end]
        if not (tok.text in ("/", "-") and left[-1].text[:1].isupper() and right[0].text[:1].isupper()
                and not tok.whitespace_ and not doc[tok.i - 1].whitespace_):
            continue
        if tok.text == "/" or all(len(side) >= 2 and all(t.text[:1].isupper() for t in side) for side in (left, right)):
            cuts.append(tok.i)
    if not cuts:
        return [span]
    bounds = [span.start, *cuts, span.end]
    return [Span(doc, bounds[0] if n == 0 else bounds[n] + 1, bounds[n + 1], label="ORG")
            for n in range(len(bounds) - 1)]


def score_tail(span: Span, ctx: Context) -> list[Span]:
    """A results line glues the score to the name: "Mario Ancic 6-4 3-6" PERSON, "Rafael Nadal 6-2 6-7" ORG,
    "Frenchman Gilles Simon 7-6 6-3" ORG, and a poll its share: "favored Trump 58 percent to" ORG
    (cut before the number, label kept for the later rules). The trailing score tokens are cut off; a name so cut whose first (or,
    after a one-word epithet, second) word is a known first name (``first_names.csv``) is a PERSON, without
    the epithet. Out: the span without its score (unchanged when it has none).
    """
    given = ctx.first_names
    doc = span.doc
    share = next((t.i for t in span[1:] if t.is_digit and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _SHARE_WORDS),
                 None)
    if share is not None:
        return [Span(doc, span.start, share, label=span.label_)]  # "Trump 58 percent to": a share, not a result
    end = span.end
    while end - 1 > span.start and _SCORE.fullmatch(doc[end - 1].text):
        end -= 1
    if end == span.end:
        return [span]
    start, label = span.start, span.label_
    if end - start >= 3 and doc[start].text not in given and doc[start + 1].text in given:
        start += 1  # "Frenchman Gilles Simon", "American Abigail Spears"
    if doc[start].text in given and end - start >= 2:
        label = "PERSON"
    return [Span(doc, start, end, label=label)]


_DASHES = frozenset({"-", "--", "–", "—"})


def headline_words(span: Span, ctx: Context) -> list[Span]:
    """A person's name set in a headline or a caption takes the words around it (PolNeAR train): a capitalised
    common word before the name ("Billionaire Donald Trump", "Follow Adelle Nazarian", "Kill Trayvon Martin"), a
    label before a spaced dash ("POLLS -Donald Trump", "Weak - Rubio"), a headline's verb or adverb after it
    ("Hillary Clinton Wins", "Obama Just Pulled Out"). PERSON only. Out: the span without those words
    (unchanged when it has none). A known first name is never cut ("Will Smith", "Mark Warner"), nor a word
    of a hyphenated name ("Wasserman-Schultz": no space before the dash), nor the name before a dash ("Mark
    Lewis-Francis - runner-up")."""
    if span.label_ != "PERSON" or len(span) < 2:
        return [span]
    doc, given = span.doc, ctx.first_names
    start, end = span.start, span.end
    for tok in span[1:-1]:
        if (tok.text in _DASHES and tok.i == start + 1 and doc[start].whitespace_ and doc[start].text not in given
                and doc[tok.i + 1].text[:1].isupper()):
            start = tok.i + 1  # "POLLS -Donald Trump", "Weak - Rubio"; not "Mark Lewis-Francis - runner"
    while (end - start >= 3 and doc[start].text not in given and doc[start].pos_ in _NOT_NAME_POS
           and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[start + 1:start + 3])):
        start += 1  # "Billionaire Donald Trump" (NOUN), "Kill Trayvon Martin" (VERB)
    k = start + 1
    while k < end and not (doc[k].text[:1].isupper() and doc[k].text not in given and (
            (doc[k].tag_.startswith("VB") and k >= start + 2) or doc[k].tag_ == "RB")):
        k += 1
    end = k  # "Hillary Clinton Wins" -> "Hillary Clinton", "Obama Just Pulled Out" -> "Obama"
    if (start, end) == (span.start, span.end) or start >= end:
        return [span]
    return [Span(doc, start, end, label="PERSON")]


def stray_headline_word(span: Span, ctx: Context) -> list[Span]:
    """In a headline-case line (most words capitalised) the model runs a person's name into the next or previous
    capitalised word: "Derelict Obama", "Obama Seeks", "Standard Clinton", "Trump Face", "Injecting Clinton’s"
    (PolNeAR train and dev headlines). A two-word PERSON there, one of whose words the model tags as a person
    on its own elsewhere in the article and whose other word is neither a known first name nor a word of
    another PERSON of the article, is cut to the person's word; a word before it only when the article also
    writes it in lowercase, since it may be a first name the lexicon lacks ("Hillary Clinton" once in a
    headline stays). Out: the span, cut or unchanged."""
    words = [t for t in span if t.text not in POSSESSIVES]
    if span.label_ != "PERSON" or len(words) != 2 or not _headline_case(span):
        return [span]
    ents = [e for e in span.doc.ents if e.label_ == "PERSON" and e.start != span.start]
    alone = {e.text for e in ents if len(e) == 1} | {e[-1].text for e in ents if len(e) > 1}
    inside = {t.text for e in ents for t in e}
    a, b = words
    if a.text in alone and b.text not in inside and b.text not in ctx.first_names:
        return [Span(span.doc, a.i, a.i + 1, label="PERSON")]  # "Obama Seeks", "Trump Face"
    # a word before the name may be a first name the lexicon lacks ("Hillary"): cut only an ordinary word the
    # article also writes in lowercase ("Standard Clinton" next to "standard")
    if (b.text in alone and a.text not in inside and a.text not in ctx.first_names
            and any(t.lower_ == a.lower_ and t.is_lower for t in ctx.tokens)):
        return [Span(span.doc, b.i, b.i + 1, label="PERSON")]
    return [span]


def _headline_case(span: Span) -> bool:
    """Is ``span`` in a line whose words of four letters or more are mostly capitalised (a headline, a caption)?"""
    text = span.doc.text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    words = [w for w in text[start:end if end >= 0 else len(text)].split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


# parts of speech of a capitalised word before a name that is not part of it ("Billionaire", "Kill", "Weak")
_NOT_NAME_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "AUX"})


def trim(span: Span, ctx: Context) -> list[Span]:
    """Drop a leading "the" and stray possessives/punctuation, titles and epithets (PERSON only: "President
    Trump" -> "Trump", "producer Aamir Khan" -> "Aamir Khan"), trailing possessives/punctuation and lowercase
    words ("Logar province" -> "Logar"); nothing when nothing is left. An ORG keeps a mid-sentence capital
    "The" (``is_capital_the``: "to The Hill's request")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].text in LEADING_ARTICLES or doc[start].is_space or doc[start].text in POSSESSIVES
                           or doc[start].is_punct):
        if (span.label_ == "ORG" and is_capital_the(doc[start]) and end - start > 1
                and not _known_without_the(doc[start + 1:end], ctx)):
            break  # "to The Hill's request": the name is "The Hill" (``capital_the``)
        start += 1  # "the", and a stray possessive or mark before the name ("’s Hoa Lo")
    if span.label_ == "PERSON":
        while end - start > 1 and (doc[start].lower_ in EPITHETS or lowercase_tail(doc[start])):
            start += 1  # "President Trump", and a lowercase epithet: "producer Aamir Khan"
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space
                           or lowercase_tail(doc[end - 1])):
        end -= 1
    if start >= end:
        return []
    return [Span(doc, start, end, label=span.label_)]


def is_capital_the(tok: Token) -> bool:
    """Is ``tok`` a capitalised "The" inside a sentence ("respond to The Hill's request", "A half century on,
    The Doobie Brothers are")? A writer capitalises "the" there only when it is part of a name, so an ORG
    keeps it (``trim``, ``capital_the``). Not at a paragraph's or a sentence's start, nor after a quotation
    mark or a bracket."""
    if tok.text != "The" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not ("\n" in prev.whitespace_ or "\n" in prev.text or prev.text[-1] in SENTENCE_OPENERS or prev.is_space)


def _known_without_the(rest: Span, ctx: Context) -> bool:
    """Is the name after a capital "The" one the alias table knows without it ("The White House" is "White
    House"), or a chamber ("The House", "The Senate")? Then "The" is a sentence's habit, not part of the name."""
    name = rest.text.strip()
    return name in ctx.aliases or name in ("House", "Senate")


def lowercase_tail(tok: Token) -> bool:
    """Is ``tok`` a lowercase common word ending a name, which is not part of it ("Logar province" GPE ->
    "Logar", "Kospi index")? Name particles ("Ursula von" before "der Leyen") are kept for
    ``merge_particles``."""
    return tok.is_lower and tok.is_alpha and tok.lower_ not in PARTICLES


# --- span rules: (list[Span], Context) -> list[Span] -------------------------------------------------------

def name_possessive(spans: list[Span], ctx: Context) -> list[Span]:
    """A company named with a possessive keeps it when nothing is possessed: "Macy’s, Kellogg’s, NBC" (the 's
    is followed by , ; . : ! ? or "and"/"or", not by a bracket: "Apple’s (issue-laden) credit card") -> ORG
    "Macy’s", where ``trim`` had cut "Macy"."""
    out: list[Span] = []
    for span in spans:
        doc = span.doc
        e = span.end
        if (span.label_ == "ORG" and e + 1 < len(doc) and doc[e].text in ("'s", "’s")
                and (doc[e + 1].text in (",", ";", ".", ":", "!", "?") or doc[e + 1].lower_ in ("and", "or"))):
            span = Span(doc, span.start, e + 1, label=span.label_)
        out.append(span)
    return out


def capital_the(spans: list[Span], ctx: Context) -> list[Span]:
    """An ORG right after a mid-sentence capital "The" (``is_capital_the``) takes it into its name: "to The
    Hill's request" ("Hill" ORG for the model) -> "The Hill"; not before a name the alias table knows without
    it ("The White House") or a chamber ("The House")."""
    out: list[Span] = []
    for span in spans:
        if (span.label_ == "ORG" and span.start > 0 and is_capital_the(span.doc[span.start - 1])
                and not _known_without_the(span, ctx)):
            span = Span(span.doc, span.start - 1, span.end, label="ORG")
        out.append(span)
    return out


def split_possessive_owner(spans: list[Span], ctx: Context) -> list[Span]:
    """A model entity that runs over a possessive is two names when the owner is one on its own: "Vietnam's
    Communist Party" -> GPE "Vietnam" + ORG "Communist Party", "Darren Rowse's ProBlogger" -> PERSON "Darren
    Rowse" + ORG "ProBlogger". The owner is a name when it is a gazetteer place (GPE), a listed company
    ("Apple's AirPods" -> ORG "Apple" + "AirPods"), starts with a known first name (PERSON), or is the text
    of another entity of the article (its label). An ORG whose owned part is a person's name (2-3 capitalised
    words, a known first name first) is an organisation and its person: "Green Party's Jill Stein", "National
    Review’s Jonah Goldberg" -> ORG + PERSON. Otherwise the possessive is part of the name ("Westminster
    Magistrate's Court").
    """
    if not any(tok.text in POSSESSIVES for span in spans for tok in span[1:-1]):
        return spans
    gazetteer, given = ctx.places, ctx.first_names
    texts = {span.text: span.label_ for span in spans}
    out: list[Span] = []
    for span in spans:
        cut = next((t.i for t in span[1:-1] if t.text in POSSESSIVES and t.text.endswith("s")), None)
        rest = cut + 1 if cut is not None else 0
        doc = span.doc
        while cut is not None and rest < span.end and doc[rest].lower_ == "the":
            rest += 1
        if cut is None or rest >= span.end or not doc[rest].text[:1].isupper():
            out.append(span)
            continue
        owner, owned = doc[span.start:cut], doc[rest:span.end]
        owned_label = "ORG" if span.label_ == "PERSON" else span.label_
        if span.label_ == "ORG" and _person_name(owned, given):
            owner_label, owned_label = "ORG", "PERSON"  # "National Review’s Jonah Goldberg"
        elif owner.text in gazetteer:
            owner_label = "GPE"
        elif owner.text in ctx.companies:
            owner_label = "ORG"  # "Apple's AirPods" -> "Apple" + "AirPods"
        elif owner[0].text in given and len(owner) >= 2 and span.label_ != "PERSON":
            owner_label = "PERSON"
        elif owner.text in texts:
            owner_label = texts[owner.text]
        else:
            out.append(span)
            continue
        out.append(Span(doc, span.start, cut, label=owner_label))
        out.append(Span(doc, rest, span.end, label=owned_label))
    return out


def _person_name(words: Span, given: frozenset[str]) -> bool:
    """2-3 capitalised words starting with a known first name: "Jill Stein", "Ben Shapiro"."""
    return 2 <= len(words) <= 3 and words[0].text in given and all(t.is_title and t.is_alpha for t in words)


def merge_particles(spans: list[Span], ctx: Context) -> list[Span]:
    """A PERSON ending in or followed by lowercase name particles (von, van, der, al, ...) takes them and the
    capitalised word after them: "Ursula von" PERSON + "Leyen" GPE -> "Ursula von der Leyen"."""
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue  # swallowed by the previous extension
        if span.label_ == "PERSON":
            doc = span.doc
            k = span.end
            while k - 1 > span.start and doc[k - 1].lower_ in PARTICLES and doc[k - 1].is_lower:
                k -= 1
            j = k
            while j < len(doc) and j - k < 3 and doc[j].lower_ in PARTICLES and doc[j].is_lower:
                j += 1
            if j > k and j < len(doc) and doc[j].is_title and j + 1 > span.end:
                span = Span(doc, span.start, j + 1, label="PERSON")
        out.append(span)
    return out
