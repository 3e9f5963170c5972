"""Products and buildings the model calls people, organisations or places: "its popular 737 Max jet".

One label rule (``(list[Labelled], Context) -> list[Labelled]``): the lowercase noun after a name
(``PRODUCT_NOUNS``, ``FACILITY_NOUNS``) says what the name is.
"""

from __future__ import annotations

from spacy.symbols import ADJ, NOUN, PROPN

from pipelines.text.entities.mention import Context, Labelled, clean_name
from pipelines.text.vocab import FACILITY_NOUNS, ORG_HEADS, PRODUCT_NOUNS

# lowercase nouns after a name's modifiers that still name the product: "Dräger Infinity patient monitoring systems"
_PRODUCT_HEADS = ("system", "systems", "solution", "solutions", "software")


def thing_before_noun(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A name right before a lowercase noun for a product or a building (``PRODUCT_NOUNS``,
    ``FACILITY_NOUNS``) names that thing: "the Digistat Patient Watch solution" ORG, "Dräger Infinity patient
    monitoring systems" ORG, "its popular 737 Max jet" ("Max" PERSON), "the Yersinia pestis bacterium" GPE,
    "the Hazel Hen supercomputer" ("Hazel" PERSON), "Hoa Lo prison" PERSON, "Belmarsh jail" GPE -> PRODUCT /
    FAC. Kept: a one-word ORG ("Webb's Ford sedan", "a Google device": the maker), a listed company, an
    organisation head ("Ascom Unite Connect" is not one, "Boeing Company jets" is), and a gazetteer place
    ("a Texas prison"). A PERSON whose own last word is such a noun is that thing too ("Twin Telescopes").
    The article's other mentions of the name are the same thing.
    """
    tokens, names, gazetteer = ctx.tokens, ctx.companies, ctx.places
    n = len(tokens)
    things: dict[str, str] = {}
    for span, label, canon in labelled:
        e = span.end
        if canon is not None or label not in ("PERSON", "ORG", "GPE"):
            continue
        head = span[-1].lower_
        if label == "PERSON" and len(span) > 1 and (head in PRODUCT_NOUNS or head.rstrip("s") in PRODUCT_NOUNS
                                                    or head.rstrip("s") in FACILITY_NOUNS):
            # a person is never named after a thing: "Keck Observatory: Twin Telescopes on Mauna Kea" PERSON
            things[clean_name(span.text)] = "FAC" if head.rstrip("s") in FACILITY_NOUNS else "PRODUCT"
            continue
        j = e
        while j < n and j - e < 2 and tokens[j].is_title and tokens[j].pos == PROPN and tokens[j].ent_type == 0:
            j += 1  # the rest of the name, untagged: "the Hazel Hen supercomputer" ("Hazel" PERSON)
        e2 = j
        while (j < n and j - e2 < 2 and tokens[j].is_lower and tokens[j].lower_ not in PRODUCT_NOUNS
               and tokens[j].lower_ not in FACILITY_NOUNS and tokens[j].pos in (NOUN, ADJ, PROPN)
               and tokens[j].tag_ != "VBG" and tokens[j].dep_ in ("compound", "amod", "nmod")):
            j += 1  # "Dräger Infinity patient monitoring systems" (modifiers of the noun, not "suggested the")
        if not (j < n and tokens[j].is_lower and (j == e2 or tokens[j].lower_ in _PRODUCT_HEADS)):
            continue
        noun = tokens[j].lower_
        if noun not in PRODUCT_NOUNS and noun not in FACILITY_NOUNS:
            continue
        text = clean_name(span.text)
        if (label == "ORG" and (len(span) == 1 or span[-1].lower_ in ORG_HEADS)) or text in names or text in gazetteer:
            continue
        things[text] = "FAC" if noun in FACILITY_NOUNS else "PRODUCT"
    if not things:
        return labelled
    # the article's other mentions of that name are the same thing ("Digistat Patient Watch helps clinicians")
    return [(span, things.get(clean_name(span.text), label), canon)
            if canon is None and label in ("PERSON", "ORG", "GPE") else (span, label, canon)
            for span, label, canon in labelled]
