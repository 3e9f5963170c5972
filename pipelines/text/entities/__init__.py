"""Named-entity mentions with canonical names, from a parsed spaCy ``Doc``.

In: a ``Doc`` made by :func:`pipelines.text.nlp.load_nlp` (its ``doc.text`` is the article body). Out: one
:class:`EntityMention` per kept entity, in text order, with ``doc.text[start_char:end_char] == mention``.

Canonical names are decided per article: a surname or a titled surname ("Putin", "Mr Putin") becomes the full
name found in the same article ("Vladimir Putin"); a form in ``pipelines/data/aliases.csv`` becomes its
canonical name and label ("ISIL" -> "Islamic State", ORG). Numeric and date labels are dropped.

The small model's entities go through the rules below, in this order; each rule mends one kind of model
error, and its docstring says which, with an example. Five kinds, one signature each (see
:mod:`pipelines.text.entities.mention` for the shapes):

- ``SPAN_CUTS``, ``(Span, Context) -> list[Span]``: cut one model entity to the name(s) in it;
- ``NOT_NAMES``, ``(Span, Context) -> bool``: drop a cut span that is not a name;
- ``SPAN_RULES``, ``(list[Span], Context) -> list[Span]``: join or split the article's spans;
- ``LABEL_RULES`` then ``LABEL_RULES_AFTER_FULL_NAMES``, ``(list[Labelled], Context) -> list[Labelled]``: label
  the spans (the tables first, in ``table_labels``); the second group reads the people the article names in
  full (``Context.full_names``), known once the first group has labelled them;
- ``MENTION_RULES``, ``(list[EntityMention], Context) -> list[EntityMention]``: mend the finished mentions.

The order matters: a later rule reads what an earlier one decided. How each rule was measured, and the score
history, are in ``docs/quality/entities.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from spacy.tokens import Doc, Span

from pipelines.text.entities import (
    acronyms,
    labels,
    model,
    names,
    non_names,
    organisations,
    people,
    places,
    sources,
    things,
)
from pipelines.text.entities.mention import Context, EntityMention, Labelled

__all__ = ["EntityMention", "extract_entities"]

SpanCut = Callable[[Span, Context], list[Span]]
NotAName = Callable[[Span, Context], bool]
SpanRule = Callable[[list[Span], Context], list[Span]]
LabelRule = Callable[[list[Labelled], Context], list[Labelled]]
MentionRule = Callable[[list[EntityMention], Context], list[EntityMention]]

SPAN_CUTS: tuple[SpanCut, ...] = (
    model.split_on_newlines,         # "Matthew Yglesias\nObama" -> two names
    model.split_at_inner_the,        # "told Billboard the Doobies" -> "Billboard", "the Doobies"
    model.cut_at_handles,            # "Twitter @michaeldwall" -> "Twitter"
    model.split_joint_names,         # "Washington Post-ABC News" poll -> "Washington Post", "ABC News"
    model.score_tail,                # "Mario Ancic 6-4 3-6" -> "Mario Ancic"
    model.headline_words,            # "Billionaire Donald Trump", "Hillary Clinton Wins" -> the name
    model.stray_headline_word,       # "Derelict Obama" in a headline -> "Obama"
    model.trim,                      # "the", "President", "Logar province" -> "Logar"
)
NOT_NAMES: tuple[NotAName, ...] = (
    non_names.is_title_fragment,     # "Defense" of "Defense Minister"
    non_names.is_job_title,          # "CEO"
    non_names.no_proper_noun,        # "Mostly True"
    non_names.is_common_acronym,     # "AI", "GDP"
    non_names.not_a_name_shape,      # "🙂", "Sun & Mon"
    non_names.masked_or_not_a_noun,  # "Ali***", "Seek out"
    non_names.place_pair,            # "U.S.-Mexico"
)
SPAN_RULES: tuple[SpanRule, ...] = (
    model.name_possessive,           # "Macy’s, Kellogg’s" keep their 's
    model.capital_the,               # "to The Hill's request" -> "The Hill"
    model.split_possessive_owner,    # "Vietnam's Communist Party" -> "Vietnam", "Communist Party"
    model.merge_particles,           # "Ursula von" + "Leyen" -> "Ursula von der Leyen"
    places.place_particles,          # "Braunau" + "am Inn" -> "Braunau am Inn"
    organisations.name_tails,        # "House Select Committee" + "on Benghazi" -> one ORG
)
LABEL_RULES: tuple[LabelRule, ...] = (
    places.country_not_person,       # "Madagascar" PERSON -> GPE
    places.not_a_place_shape,        # "I.R.S." GPE -> ORG, "Ukrainian" GPE -> NORP
    people.plural_not_person,        # "Virginia Democrats" PERSON -> NORP
    things.thing_before_noun,        # "737 Max jet" -> PRODUCT
    places.dateline_place,           # "SIOUX FALLS, S.D. –" -> GPE "Sioux Falls"
    places.city_state_code,          # "Mountain View, CA" -> two GPEs
    places.ap_state_abbreviation,    # "R-W.Va." -> GPE "West Virginia"
    places.venue_before_city,        # "June 24 -- Jiffy Lube Live, Bristow, VA" -> FAC
    sources.named_by_medium,         # "the journal Nature Astronomy" -> ORG
    sources.named_as_source,         # "according to the Intelligencer" -> ORG
    sources.wire_credit,             # "FLINT, Mich., Oct. 4 (UPI) —" NORP -> ORG
    sources.described_as_company,    # "Hipcricket, a mobile marketing company" -> ORG
    people.honorific_person,         # "Mr Cable" -> PERSON
    people.first_name_person,        # "Sophie Dahl" ORG -> PERSON
    people.which_is_not_a_person,    # "Laura Ashley, which floated" -> ORG
)
LABEL_RULES_AFTER_FULL_NAMES: tuple[LabelRule, ...] = (
    people.untagged_surnames,               # "says Adarsh" after "Taran Adarsh" -> PERSON
    people.lone_first_names,                # "killed Trayvon" GPE after "Trayvon Martin" -> PERSON
    acronyms.untagged_acronyms,             # "the IAAF" -> ORG
    acronyms.acronyms_not_people,           # "FBN has always been a gem" PERSON -> ORG
    acronyms.parenthesised_acronyms,        # "British Phonographic Industry (BPI)": every "BPI"
    acronyms.ticker_symbols,                # "shares (ASCN)" dropped
    organisations.platform_names,           # "across Twitter" PERSON -> ORG
    organisations.company_names,            # "Uber got into" -> ORG
    organisations.names_sharing_an_org_word,  # "Goddard" next to "Goddard Space Flight Center" -> ORG
    organisations.listed_with_orgs,         # "Uber or Lyft or Postmates" -> ORGs
    organisations.owner_of_company_things,  # "Yukos' key production unit" -> ORG
    organisations.demonym_before_org,       # "Afghan Taliban" -> "Taliban"
    labels.one_label_per_name,              # "Trump" PERSON x6, ORG x3 -> PERSON
    labels.common_word_names,               # "Meth" next to "meth" dropped
    labels.inside_quoted_title,             # "China" of "“China Grove”" dropped
)
MENTION_RULES: tuple[MentionRule, ...] = (
    names.possessive_names_agree,    # "McDonald" -> "McDonald's"
    names.the_names_agree,           # "Doobie Brothers" -> "The Doobie Brothers"
    names.underscore_labels,         # "Choreographer_Jeong Hye Jin" -> "Jeong Hye Jin"
    names.cut_at_brackets,           # "CNN Business)A" -> "CNN Business"
    names.glued_surnames,            # "Kristi NoemKristi" -> "Kristi Noem"
)


def extract_entities(doc: Doc) -> list[EntityMention]:
    """Entity mentions of ``doc`` with canonical names: the model's entities through the rules above, in order.

    "Hollande, on a diplomatic offensive..." after "French President Francois Hollande" ->
    ``EntityMention("Hollande", "PERSON", "Francois Hollande", ...)`` (the model says ORG).
    """
    ctx = Context.of(doc)
    spans: list[Span] = []
    for ent in model.model_entities(ctx):
        parts = [ent]
        for cut in SPAN_CUTS:
            parts = [piece for part in parts for piece in cut(part, ctx)]
        spans += [part for part in parts if not any(is_not_a_name(part, ctx) for is_not_a_name in NOT_NAMES)]
    for span_rule in SPAN_RULES:
        spans = span_rule(spans, ctx)
    labelled = labels.table_labels(spans, ctx)
    for label_rule in LABEL_RULES:
        labelled = label_rule(labelled, ctx)
    ctx = dataclasses.replace(ctx, full_names=people.full_names(labelled))
    for label_rule in LABEL_RULES_AFTER_FULL_NAMES:
        labelled = label_rule(labelled, ctx)
    mentions = names.canonical_mentions(labelled, ctx)
    for mention_rule in MENTION_RULES:
        mentions = mention_rule(mentions, ctx)
    return mentions
