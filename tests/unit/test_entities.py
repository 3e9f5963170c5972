"""Entity mentions and canonical names on real sentences.

Texts come from /work/shared/seeds (the two sample articles) and
/work/shared/corpora/bbc (file named in each comment). Each rule of
pipelines/text/entities.py has a test showing the model error it fixes.
"""

from __future__ import annotations

import pytest

from pipelines.text.entities import EntityMention, extract_entities
from pipelines.text.lexicons import load_aliases
from pipelines.text.nlp import load_nlp


@pytest.fixture(scope="module")
def ents_of():
    nlp = load_nlp()

    def run(text: str) -> list[EntityMention]:
        found = extract_entities(nlp(text))
        for m in found:
            assert text[m.start_char : m.end_char] == m.mention
        return found

    return run


def by_mention(ms: list[EntityMention]) -> dict[str, tuple[str, str]]:
    return {m.mention: (m.label, m.entity) for m in ms}


SEED_000_LEAD = (
    "French President Francois Hollande urged Russia to join world powers in creating a grand coalition "
    "to defeat the Islamic State militants who not only attacked Paris two weeks ago but control large "
    "areas of Iraq and Syria.\n\n"
    "Hollande, on a diplomatic offensive to build a large force against the militant Islamist group, met "
    "with Russian President Vladimir Putin Thursday to discuss coordinating more closely in the fight "
    "against their common enemy while seeking a political solution in Syria.\n\n"
    "Putin said Moscow was ready to unite with Paris against a 'mutual enemy' following the downing of "
    "the Russian airliner and the attacks in Paris."
)


def test_surname_resolves_to_full_name_and_model_label_is_fixed(ents_of):
    # seeds/000: the model labels "Hollande" ORG here; a surname of a PERSON named in full in the
    # same article is that person (_relabel_surnames); "Putin" -> "Vladimir Putin"
    ms = ents_of(SEED_000_LEAD)
    hollande = [m for m in ms if m.mention == "Hollande"]
    assert [(m.label, m.entity) for m in hollande] == [("PERSON", "Francois Hollande")]
    assert [(m.label, m.entity) for m in ms if m.mention == "Putin"] == [("PERSON", "Vladimir Putin")]
    # titles are not part of the name: "French President Francois Hollande" -> mention "Francois Hollande"
    assert ("PERSON", "Francois Hollande") == by_mention(ms)["Francois Hollande"]


def test_norp_is_not_merged_into_gpe(ents_of):
    # seeds/000: "Russian" is NORP and keeps its own name; "Russia" is the GPE
    ms = by_mention(ents_of(SEED_000_LEAD))
    assert ms["Russian"] == ("NORP", "Russian")
    assert ms["Russia"] == ("GPE", "Russia")


def test_titled_surname_without_full_name(ents_of):
    # seeds/003: "Mr Frydenberg" with no full name anywhere -> entity "Frydenberg"
    text = (
        "Mr Frydenberg described it as the “most serious incident between North Atlantic Treaty "
        "Organisation and Russian forces in almost half a century”."
    )
    ms = by_mention(ents_of(text))
    assert ms["Frydenberg"] == ("PERSON", "Frydenberg")
    assert ms["North Atlantic Treaty Organisation"] == ("ORG", "North Atlantic Treaty Organisation")


def test_aliases_from_csv(ents_of):
    # seeds/000 and seeds/003 sentences: ISIL (model says GPE), Daesh (model says GPE), Isis (model
    # misses it), Britain, Russian Federation, US/USA all resolve through pipelines/data/aliases.csv
    texts = {
        "'We have to deny a safe haven for ISIL in Syria,' Cameron said, using an acronym for the group.": "ISIL",
        "Daesh is the Arabic name for the militant group.": "Daesh",
        "But he stuck to his earlier line that Russia’s devastating air campaign was targeted at “moderate” "
        "opposition groups and not Isis – in apparent support for Turkish claims.": "Isis",
    }
    for text, form in texts.items():
        assert by_mention(ents_of(text))[form] == ("ORG", "Islamic State"), text
    ms = by_mention(
        ents_of(
            "Earlier this week, Hollande held talks in Washington with U.S. President Barack Obama on "
            "combating Islamic State, as well as in Paris with the leaders of Germany, Britain and Italy."
        )
    )
    assert ms["Britain"] == ("GPE", "United Kingdom")
    assert ms["U.S."] == ("GPE", "United States")
    ms = by_mention(ents_of("“Russia right now is a coalition of two – Iran and Russian Federation – supporting Assad”, Obama said."))
    assert ms["Russian Federation"] == ("GPE", "Russia")


def test_alias_csv_is_data():
    # the alias list is a CSV analysts extend; every row maps to a canonical name and a label
    table = load_aliases()
    assert table["ISIL"] == ("Islamic State", "ORG")
    assert table["USA"] == ("United States", "GPE")
    assert all(label in {"PERSON", "ORG", "GPE", "NORP", "LOC"} for _, label in table.values())


def test_islamic_norp_inside_islamic_state(ents_of):
    # seeds/000: the model tags "Islamic" NORP inside "the Islamic State group"; alias_ruler makes the
    # longer "Islamic State" ORG win
    text = "The Islamic State group claimed responsibility for the November 13 attacks in Paris."
    ms = ents_of(text)
    assert by_mention(ms)["Islamic State"] == ("ORG", "Islamic State")
    assert "Islamic" not in by_mention(ms)


def test_name_particles_are_merged(ents_of):
    # seeds/000: the model splits "Ursula von" PERSON + "Leyen" GPE (_merge_particles); "Defense" ORG
    # inside the job title is dropped (_is_title_fragment)
    text = (
        "Also, German Defense Minister Ursula von der Leyen said Thursday the government had agreed to "
        "send reconnaissance aircrafts, tanker planes and a warship."
    )
    ms = by_mention(ents_of(text))
    assert ms["Ursula von der Leyen"] == ("PERSON", "Ursula von der Leyen")
    assert "Leyen" not in ms and "Defense" not in ms


def test_org_head_noun_and_dates_dropped(ents_of):
    # seeds/000: "the Asia-Pacific Foundation" is FAC in the model -> ORG (_org_by_head);
    # DATE "Thursday"-like labels never appear
    text = (
        "Analyst Sajjan Gohel of the Asia-Pacific Foundation said the airstrikes will not defeat the "
        "Islamic group, though."
    )
    ms = by_mention(ents_of(text))
    assert ms["Asia-Pacific Foundation"] == ("ORG", "Asia-Pacific Foundation")
    assert ms["Sajjan Gohel"] == ("PERSON", "Sajjan Gohel")
    text = "The Islamic State group claimed responsibility for the November 13 attacks in Paris, which killed 130 people."
    assert {m.label for m in ents_of(text)} <= {"ORG", "GPE"}


def test_honorific_and_untagged_surname(ents_of):
    # bbc/politics/338.txt: the model tags "Vincent Cable" and "Mr Cable" ORG; a name after "Mr" is a
    # person (_honorific_person), and the full name ending in it follows
    text = (
        "Vincent Cable says one in eight households already struggle with debt and that will worsen if "
        "there is a hike in interest rates or unemployment.\n\n"
        "Mr Cable said the government's Consumer Credit Bill would target some of the \"extreme problems\" "
        "such as loan sharking."
    )
    ms = ents_of(text)
    people = {(m.mention, m.label, m.entity) for m in ms if m.label == "PERSON"}
    assert ("Vincent Cable", "PERSON", "Vincent Cable") in people
    assert ("Cable", "PERSON", "Vincent Cable") in people


def test_surname_first_name(ents_of):
    # bbc/business/393.txt: "Dr Khoo" refers to "Dr Khoo Kay Peng" (family name first)
    text = (
        "Laura Ashley is majority-owned by Malaysia entrepreneur Dr Khoo Kay Peng. "
        "It has long been reported that Dr Khoo intends to take the company private."
    )
    ms = ents_of(text)
    assert {m.entity for m in ms if m.mention.startswith("Khoo")} == {"Khoo Kay Peng"}


def test_which_means_not_a_person(ents_of):
    # bbc/business/393.txt: the model tags the retailer "Laura Ashley" PERSON; ", which floated"
    # says it is a thing (_which_is_not_a_person). It was the reason "the company had said" went
    # to another firm (the most recent ORG).
    text = (
        "Laura Ashley, which floated on the London Stock Exchange for £200m ($376m) in 1995, is "
        "majority-owned by Malaysia entrepreneur Dr Khoo Kay Peng."
    )
    ms = by_mention(ents_of(text))
    assert ms["Laura Ashley"] == ("ORG", "Laura Ashley")
    assert ms["Khoo Kay Peng"] == ("PERSON", "Khoo Kay Peng")


def test_parenthesised_acronym_names_the_organisation(ents_of):
    # bbc/entertainment/366.txt: "The British Phonographic Industry (BPI)" -> a later "The BPI" is that
    # organisation (_parenthesised_acronyms: initials match); bbc/sport/054.txt "Greek Athletics
    # Federation (SEGAS)": an ORG's own acronym need not match its English initials
    text = (
        "The British Phonographic Industry (BPI) worked for two years on the case. The BPI welcomed the "
        "news of the prison sentence, but warned there are plenty of other active counterfeiters of "
        "Bollywood films."
    )
    bpi = [m for m in ents_of(text) if m.mention == "BPI"]
    assert [(m.label, m.entity) for m in bpi] == [("ORG", "British Phonographic Industry")] * 2
    text = (
        "The athletes' lawyer Grigoris Ioanidis said he believed the independent disciplinary committee set "
        "up by the Greek Athletics Federation (SEGAS) would find them innocent."
    )
    assert by_mention(ents_of(text))["SEGAS"] == ("ORG", "Greek Athletics Federation")


def test_untagged_acronym_is_an_organisation(ents_of):
    # bbc/sport/054.txt: the model leaves "the IAAF" untagged (_untagged_acronyms); bbc/business/452.txt
    # "his predecessor as CEO" is a role, not an organisation
    text = (
        "The Greek pair appeared at a hearing on Saturday which will determine whether their provisional "
        "bans from athletics' ruling body the IAAF should stand."
    )
    assert by_mention(ents_of(text))["IAAF"] == ("ORG", "IAAF")
    text = (
        "Mr Bell took over as chief executive after his predecessor as CEO, Jim Cantalupo, died suddenly "
        "of a heart attack."
    )
    assert "CEO" not in by_mention(ents_of(text))


# Issue 15 rules. html-dev texts are articleBody lines of ../shared/corpora/html-dev/pages/<id>.json
# (the id's first characters are given); bbc texts are ../shared/corpora/bbc files.


def labels_of(ms: list[EntityMention], mention: str) -> list[str]:
    return [m.label for m in ms if m.mention == mention]


def test_one_label_per_name(ents_of):
    # html-dev 04a6 (NYT): the model tags "Trump" ORG before "said at a rally" and PERSON before "tweeted";
    # one article, one label: the one most mentions have (_one_label_per_name)
    text = (
        "“The people of this country aren’t buying” impeachment, Trump said at a rally in Louisiana last week.\n\n"
        "“Governor @MattBevin has done a wonderful job for the people of Kentucky!” Trump tweeted before "
        "Election Day.\n\nAlso, most Americans want Congress to investigate Trump if he “committed impeachable "
        "offenses”."
    )
    assert set(labels_of(ents_of(text), "Trump")) == {"PERSON"}


def test_social_platforms_are_organisations(ents_of):
    # html-dev 1567 (The Hill): "across Twitter" PERSON; ba4d (Express): "on Weibo" GPE, "of Twitter"
    # PERSON. Platform names come from trafilatura's share-button list (_platform_names)
    ms = ents_of(
        "The tagline drew a mix of criticism and ridicule across Twitter on Monday, but Noem cited the backlash "
        "as proof that efforts to raise awareness around South Dakota's methamphetamine crisis was, in fact, "
        "working."
    )
    assert by_mention(ms)["Twitter"] == ("ORG", "Twitter")
    ms = by_mention(ents_of(
        "According to AFP, one user on Weibo, which is essentially China’s version of Twitter, posted: “I just "
        "want to know how these two came to Beijing??”"
    ))
    assert ms["Weibo"] == ("ORG", "Weibo") and ms["Twitter"] == ("ORG", "Twitter")


def test_handles_end_a_name(ents_of):
    # html-dev 686b (Space.com): "Twitter @michaeldwall" was one PERSON (_cut_at_handles)
    ms = ents_of("Follow him on Twitter @michaeldwall. Follow us on Twitter @Spacedotcom or Facebook.")
    assert not [m for m in ms if "@" in m.mention]
    assert set(labels_of(ms, "Twitter")) == {"ORG"}


def test_possessive_owner_is_split_off(ents_of):
    # html-dev db6b (AP): "Vietnam’s Communist Party" was one ORG; bbc/entertainment/300.txt: "Bristol's
    # Old Vic Theatre School" was one ORG (_split_possessive_owner: the owner is a gazetteer place)
    ms = by_mention(ents_of(
        "Later, in remarks at Vietnam’s Communist Party headquarters, Esper said, “We strongly oppose violations "
        "of international law by China.”"
    ))
    assert ms["Vietnam"][0] == "GPE" and ms["Communist Party"] == ("ORG", "Communist Party")
    ms = by_mention(ents_of(
        "Picked from more than 200 girls in an audition in London, Bernath cut short her education at "
        "Bristol's Old Vic Theatre School to take up the opportunity."
    ))
    assert ms["Old Vic Theatre School"] == ("ORG", "Old Vic Theatre School") and ms["Bristol"][0] == "GPE"
    # the possessive stays inside a name whose owner is no name of its own (c7e3, BBC web: the model's
    # "Westminster Magistrate's" ORG + "Court" ORG are one ORG: _join_possessive_heads)
    ms = by_mention(ents_of(
        "Last month, a judge rejected Assange's attempt to delay the full extradition hearing, which is "
        "scheduled to take place at Westminster Magistrate's Court in London in February."
    ))
    assert ms["Westminster Magistrate's Court"][0] == "ORG" and "Court" not in ms


def test_company_possessive_kept_when_nothing_is_owned(ents_of):
    # html-dev 57e2 (my6sense): "Macy’s, Kellogg’s, NBC" - the 's is the name's (_name_possessive);
    # bbc/business/452.txt: "McDonald's, has died" and "giant McDonald's" agree (_possessive_names_agree)
    ms = by_mention(ents_of("Ivan led that company as it secured leading Fortune 100 brands as clients including "
                            "Ford, Macy’s, Kellogg’s, NBC, Fox and others."))
    assert ms["Macy’s"] == ("ORG", "Macy’s") and ms["Kellogg’s"] == ("ORG", "Kellogg’s")
    ms = by_mention(ents_of(
        "Charlie Bell, the straight-talking former head of fast-food giant McDonald's, has died of cancer aged "
        "44. A popular go-getter, he is credited with helping revive McDonald's sales."
    ))
    assert ms["McDonald"] == ("ORG", "McDonald's")


def test_first_name_makes_a_person(ents_of):
    # bbc/entertainment/300.txt: "model Sophie Dahl" ORG -> PERSON (_first_name_person); html-dev 7916 (Al
    # Jazeera): "The Afghan Taliban" stays an ORG because "Taliban" is an ORG of its own there
    ms = by_mention(ents_of(
        "From young heart-throbs like Nick Moran of Lock, Stock and Two Smoking Barrels to model Sophie Dahl, "
        "many non-Indian stars want to make the most of this opportunity."
    ))
    assert ms["Sophie Dahl"] == ("PERSON", "Sophie Dahl")
    ms = by_mention(ents_of(
        "The Afghan Taliban, however, claimed responsibility for shooting down the helicopter, which it said "
        "crashed in Logar province south of the capital Kabul.\n\nThe Taliban said it had shot it down."
    ))
    assert ms["Afghan Taliban"][0] == "ORG"


def test_score_is_not_part_of_a_name(ents_of):
    # bbc/sport/480.txt: "Mario Ancic 6-4 3-6 6-3 6-4" gives PERSON "Mario Ancic 6" (_score_tail)
    ms = ents_of("Marat Safin survived an injury scare as he battled past Mario Ancic 6-4 3-6 6-3 6-4.")
    assert by_mention(ms).get("Mario Ancic") == ("PERSON", "Mario Ancic")
    assert not [m for m in ms if any(c.isdigit() for c in m.mention) and m.label == "PERSON"]


def test_lowercase_tail_is_not_part_of_a_name(ents_of):
    # html-dev 7916 (Al Jazeera): "Logar province" GPE -> "Logar" (_trim / _lowercase_tail)
    ms = by_mention(ents_of(
        "The Afghan Taliban, however, claimed responsibility for shooting down the helicopter, which it said "
        "crashed in Logar province south of the capital Kabul."
    ))
    assert "Logar province" not in ms and ms["Logar"][0] == "GPE"


def test_job_titles_are_not_entities(ents_of):
    # html-dev fde9 (Business Insider): "CEO" and "COO" ORG (_is_job_title; C-suite acronyms in TITLES)
    ms = by_mention(ents_of(
        "- T-Mobile CEO John Legere is stepping down in May 2020. Legere will hand over the reins to COO and "
        "president Mike Siever."
    ))
    assert "CEO" not in ms and "COO" not in ms
    assert ms["John Legere"][0] == "PERSON"


def test_country_is_not_a_person(ents_of):
    # html-dev ba4d (Express): "Madagascar" PERSON -> GPE (_country_not_person)
    ms = by_mention(ents_of(
        "Three countries where the plague still circulates are the Democratic Republic of Congo (DRC), "
        "Madagascar, and Peru."
    ))
    assert ms["Madagascar"] == ("GPE", "Madagascar")


def test_dateline_is_a_place(ents_of):
    # html-dev 776a (USA Today): "SIOUX FALLS, S.D. –" PERSON -> GPE "Sioux Falls"; c69e (Ascom press
    # release): "BAAR, SWITZERLAND" ORG -> GPE "Baar" (_dateline_place)
    ms = by_mention(ents_of("SIOUX FALLS, S.D. – People across the nation are talking about it: South Dakota is on "
                            "meth."))
    assert ms["SIOUX FALLS"] == ("GPE", "Sioux Falls")
    ms = by_mention(ents_of("BAAR, SWITZERLAND\n\nAscom, a global solutions provider focused on healthcare ICT, "
                            "announced a partnership."))
    assert ms["BAAR"] == ("GPE", "Baar")


def test_city_and_state_code(ents_of):
    # html-dev 9cb8 (Billboard): "Mountain View, CA" - "CA" ORG, the city untagged; 57e2 (my6sense):
    # "New York, NY –" - "NY" ORG (_city_state_code, codes from ISO 3166-2 via pycountry)
    ms = by_mention(ents_of(
        "Also, the Doobies will loop into Shoreline Amphitheatre at Mountain View, CA for a hometown show on "
        "Sept. 12."
    ))
    assert ms["CA"] == ("GPE", "California") and ms["Mountain View"][0] == "GPE"
    ms = by_mention(ents_of("New York, NY – With content engagement migrating from desktop to mobile devices, "
                            "my6sense is adding mobile marketing pioneer Ivan Braiker."))
    assert ms["NY"] == ("GPE", "New York")


def test_underscore_glued_role_label(ents_of):
    # html-dev 5211 (Jeongdong Theater): "Choreographer_Jeong Hye Jin" gives PERSON "Hye Jin", "Art
    # Director_Park Dong Woo" one PERSON with the role (_underscore_labels)
    ms = by_mention(ents_of(
        "Choreographer_Jeong Hye Jin, Director_Oh Kyeong Taek, Writer_Kyeong Min Seon, Composer_Kim Cheol "
        "Hwan, Art Director_Park Dong Woo, Lighting Design_Sin Ho"
    ))
    assert ms["Jeong Hye Jin"] == ("PERSON", "Jeong Hye Jin")
    assert ms["Park Dong Woo"] == ("PERSON", "Park Dong Woo")
    assert not [m for m in ms if "_" in m]


def test_capitalised_common_word_is_not_a_name(ents_of):
    # html-dev 776a (USA Today): the slogan's "Meth" is tagged PERSON while the article says "meth"
    # (_common_word_names)
    ms = by_mention(ents_of(
        "South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you guys OK?\n\n"
        "SIOUX FALLS, S.D. – People across the nation are talking about it: South Dakota is on meth."
    ))
    assert "Meth" not in ms


def test_singular_party_alias(ents_of):
    # html-dev e799 (AP): "former Liberal Democrat leader Nick Clegg" gave ORG "Liberal" (aliases.csv:
    # "Liberal Democrat" and "Lib Dem" are the Liberal Democrats)
    ms = by_mention(ents_of("A confident 2010 appearance by former Liberal Democrat leader Nick Clegg sparked a "
                            "wave of “Cleggmania”."))
    assert ms["Liberal Democrat"] == ("ORG", "Liberal Democrats")


def test_epithet_before_a_name(ents_of):
    # bbc/entertainment/300.txt: "Actor and Producer Aamir Khan's" gave PERSON "Producer Aamir Khan"
    # (_trim with EPITHETS; lowercase epithets go too)
    ms = by_mention(ents_of(
        "Actor and Producer Aamir Khan's forthcoming venture The Rising is set against the backdrop of the "
        "Indian mutiny of 1857, with British actor Toby Stephens in a key role."
    ))
    assert ms["Aamir Khan"] == ("PERSON", "Aamir Khan")


def test_laws_events_and_indices_are_not_organisations(ents_of):
    # bbc/politics/338.txt "Consumer Credit Bill", html-dev 374a (CNBC) "the Dubai Air Show", d605 (CNN)
    # "Hang Seng Index": all ORG for the model (_org_by_head with NOT_ORG_HEADS)
    ms = ents_of(
        "Mr Cable said the government's Consumer Credit Bill would target some of the problems.\n\n"
        "Emirates Airline finalized a deal to purchase 30 of Boeing's 787-9 Dreamliner jets, executives of both "
        "companies announced Wednesday at the Dubai Air Show.\n\n"
        "Hong Kong's Hang Seng Index (HSI) started in the red, but was last trading up about 1%."
    )
    orgs = {m.mention for m in ms if m.label == "ORG"}
    assert not orgs & {"Consumer Credit Bill", "Dubai Air Show", "Hang Seng Index"}


def test_venues_are_facilities_not_organisations(ents_of):
    # html-dev 9cb8 (Billboard) tour dates: the model calls these venues ORG (NOT_ORG_HEADS: FAC); the city
    # and state after them stay GPE (_city_state_code)
    ms = by_mention(ents_of(
        "The Doobie Brothers 50th Anniversary Tour 2020 dates:\n\n"
        "June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA\n\n"
        "June 19 -- PNC Music Pavilion, Charlotte, NC"
    ))
    assert ms["Ameris Bank Amphitheatre"][0] == "FAC" and ms["PNC Music Pavilion"][0] == "FAC"
    assert ms["Charlotte"] == ("GPE", "Charlotte") and ms["NC"] == ("GPE", "North Carolina")


def test_phrase_without_proper_noun_is_not_a_name(ents_of):
    # html-dev 9e8c (PolitiFact): the rating "Mostly True" is an ORG for the model (_no_proper_noun)
    ms = by_mention(ents_of(
        "That’s smaller than what McKinley said, but his number is a reasonable approximation given the "
        "uncertainty stemming from value fluctuations and other limitations of the data.\n\n"
        "We rate the statement Mostly True."
    ))
    assert "Mostly True" not in ms


def test_publication_named_after_its_noun(ents_of):
    # html-dev 14cc (ScienceAlert) and 3c5b (Live Science): journals the model calls WORK_OF_ART; e799 (AP)
    # "website Full Fact" (_named_by_medium). bbc/tech/100.txt: "website Mr Molyneux" is a person
    ms = by_mention(ents_of(
        "According to a paper published in the journal Nature Astronomy on Monday, the NASA team discovered "
        "enough water vapor being released from Europa to fill an Olympic-size swimming pool within minutes."
    ))
    assert ms["Nature Astronomy"] == ("ORG", "Nature Astronomy")
    ms = by_mention(ents_of(
        "Their results are published in two articles to be featured in the December 2019 issue of the journal "
        "Monthly Notices of the Royal Astronomical Society.\n\nRelated"
    ))
    assert ms["Monthly Notices of the Royal Astronomical Society"][0] == "ORG"
    ms = by_mention(ents_of("Speaking to the BBC News website Mr Molyneux said receiving the honour was something of "
                            "a surprise."))
    assert ms["Molyneux"][0] == "PERSON"


def test_venue_before_city_and_state(ents_of):
    # html-dev 9cb8 (Billboard) tour dates: the venue before "City, ST" is a building, whatever the model
    # said ("Jiffy Lube Live" PERSON, "MIDFLORIDA" an untagged acronym); a gazetteer city inside the name
    # stays; "Toronto, ON": Canadian province codes too (_venue_before_city, _city_state_code)
    ms = by_mention(ents_of(
        "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL\n\n"
        "June 24 -- Jiffy Lube Live, Bristow, VA\n\n"
        "July 19 -- Budweiser Stage, Toronto, ON\n\n"
        "Aug. 8 -- Hollywood Casino Amphitheatre - Chicago, Tinley Park, IL"
    ))
    assert ms["MIDFLORIDA Credit Union Amphitheatre"][0] == "FAC" and "MIDFLORIDA" not in ms
    assert ms["Jiffy Lube Live"][0] == "FAC" and ms["Budweiser Stage"][0] == "FAC"
    assert ms["ON"] == ("GPE", "Ontario") and ms["Toronto"][0] == "GPE"
    assert ms["Chicago"] == ("GPE", "Chicago") and ms["Tinley Park"][0] == "GPE"


def test_capital_the_inside_a_sentence(ents_of):
    # html-dev 1567 (The Hill): "to The Hill's request" - "Hill" ORG; 9cb8 (Billboard): a line-initial "The
    # Doobie Brothers" is the same band (_capital_the, _the_names_agree)
    ms = by_mention(ents_of("The governor's office didn't immediately respond to The Hill's request for comment."))
    assert ms["The Hill"] == ("ORG", "The Hill")
    ms = ents_of("A half century on, The Doobie Brothers are still smoking.\n\n"
                 "The Doobie Brothers 50th Anniversary Tour 2020 dates:")
    assert {m.entity for m in ms if m.label == "ORG"} == {"The Doobie Brothers"}


def test_inner_the_starts_a_second_name(ents_of):
    # html-dev 9cb8 (Billboard): "told Billboard the Doobies have been" is one ORG for the model; html-dev
    # ad9e (GiveWell) "Deworm the World Initiative" is one name (_split_at_inner_the)
    ms = by_mention(ents_of("Earlier this year, Johnston told Billboard the Doobies have been in the studio with "
                            "producer John Shanks."))
    assert ms["Billboard"][0] == "ORG" and ms["Doobies"][0] == "ORG"
    ms = by_mention(ents_of("Action, leads two of our top charities (Deworm the World Initiative and No Lean "
                            "Season) and one standout."))
    assert "Deworm" not in ms


def test_named_as_source(ents_of):
    # html-dev 9e8c (PolitiFact) "according to the Intelligencer" PERSON; 1567 (The Hill) "the Sioux Falls
    # Argus" ORG without "Leader"; dfd4 (my6sense) "analysis from Poynter" GPE; 14cc (ScienceAlert)
    # "published by Futurism" untagged; ba4d (Express) the model's longer ORG stays (_named_as_source)
    ms = by_mention(ents_of('"It\'s crossing the border in drugs," he said, according to the Intelligencer, the '
                            "Wheeling News-Register."))
    assert ms["Intelligencer"][0] == "ORG"
    ms = by_mention(ents_of("The campaign cost the state roughly $449,000, according to the Sioux Falls Argus "
                            "Leader.\n\nNative ad spending grew in 2017, according to analysis from Poynter."))
    assert ms["Sioux Falls Argus Leader"][0] == "ORG" and ms["Poynter"][0] == "ORG"
    ms = by_mention(ents_of("This article was originally published by Futurism. Read the original article."))
    assert ms["Futurism"][0] == "ORG"
    ms = by_mention(ents_of("According to the Centre for Disease Control (CDC) in the US, the plague is treatable."))
    assert ms["CDC"] == ("ORG", "Centre for Disease Control")
    ms = by_mention(ents_of("The figures are wrong, according to Sarah Jones, a lawyer."))
    assert ms["Sarah Jones"][0] == "PERSON"


def test_listed_company_names(ents_of):
    # html-dev fde9 (Business Insider): "- T-Mobile CEO John Legere" untagged, "Apple's AirPods" one ORG;
    # 2f42 (Fast Company) "Uber got into" untagged; a city that is also a company stays a place, and a
    # company name running on into a venue is not the company (_company_names, companies.tsv)
    ms = by_mention(ents_of("- T-Mobile CEO John Legere is stepping down in May 2020.\n\n"
                            "- Teens love Apple's AirPods, and they're putting them on their holiday wish lists."))
    assert ms["T-Mobile"] == ("ORG", "T-Mobile") and ms["Apple"] == ("ORG", "Apple")
    ms = by_mention(ents_of("Uber got into the financial services game recently."))
    assert ms["Uber"] == ("ORG", "Uber")
    ms = by_mention(ents_of("A BART train pulling into a station in Hayward.\n\n"
                            "June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA"))
    assert ms["Hayward"][0] == "GPE" and "Verizon" not in ms


def test_common_noun_acronyms_are_not_names(ents_of):
    # html-dev 57e2 / dfd4 (my6sense press releases): "AI", "RTB", "CTR" ORG for the model; 5ae1 (Ascom):
    # "healthcare ICT" (_is_common_acronym, COMMON_ACRONYMS); "NASA" stays
    ms = by_mention(ents_of("“With our enhanced AI technology and strong growth in Europe, we offer an open "
                            "programmatic RTB exchange,” said the NASA veteran. In-feed ads generate the highest "
                            "CTR and user engagement."))
    assert not {"AI", "RTB", "CTR"} & set(ms) and ms["NASA"][0] == "ORG"


def test_tickers_and_index_acronyms(ents_of):
    # html-dev 5ae1 / c69e (Ascom): "registered shares (ASCN)" ORG; d605 (CNN): "Kospi Index (KOSPI)" and
    # "Hang Seng Index (HSI)" ORG acronyms of indices (_ticker_symbols, _parenthesised_acronyms)
    ms = by_mention(ents_of("Ascom registered shares (ASCN) are listed on the SIX Swiss Exchange in Zurich."))
    assert "ASCN" not in ms
    ms = ents_of("Japan's Nikkei declined 0.3%, while South Korea's Kospi Index (KOSPI) fell 0.5%. Hong Kong's "
                 "Hang Seng Index (HSI) started in the red.")
    assert not {m.mention for m in ms if m.label == "ORG"} & {"KOSPI", "HSI"}


def test_name_cut_at_unbalanced_bracket(ents_of):
    # html-dev d605 (CNN): the dateline glues the story to the credit: "(CNN Business)A muddled" is one token
    # (_cut_at_brackets)
    ms = by_mention(ents_of("Hong Kong (CNN Business)A muddled view of US-China trade talks once again weighed on "
                            "markets."))
    assert ms["CNN Business"] == ("ORG", "CNN Business")


def test_name_before_a_product_or_building_noun(ents_of):
    # html-dev 374a (Reuters via Al Arabiya): "737 Max jet" - "Max" PERSON; c7e3 (BBC web): "Belmarsh jail"
    # GPE; 5ae1 (Ascom): "the Digistat Patient Watch solution" ORG, and its other mentions; seeds/003:
    # "Obama suggested the solution" stays a person (_thing_before_noun)
    ms = ents_of("Boeing faces two catastrophic crashes of its popular 737 Max jet.\n\n"
                 "From behind bars in Belmarsh jail, Assange is trying to prepare for his case.")
    assert not {m.mention for m in ms if m.label in ("PERSON", "ORG", "GPE")} & {"Max", "Belmarsh"}
    ms = ents_of("Based on Ascom’s expertise, the Digistat Patient Watch solution provides clinicians with an "
                 "innovative solution.\n\n“Digistat Patient Watch helps clinicians leverage patient data,” he said.")
    assert all(m.label != "ORG" for m in ms if m.mention == "Digistat Patient Watch")
    ms = by_mention(ents_of("At the G20, Obama suggested the solution was a political one."))
    assert ms["Obama"][0] == "PERSON"
    # html-dev 686b (Space.com): "Keck Observatory: Twin Telescopes on Mauna Kea" - "Twin Telescopes" PERSON
    ms = by_mention(ents_of("Related:\n\n- Keck Observatory: Twin Telescopes on Mauna Kea"))
    assert ms.get("Twin Telescopes", ("PRODUCT",))[0] != "PERSON"


def test_person_sharing_an_organisation_word(ents_of):
    # html-dev 14cc (ScienceAlert): "Goddard planetary scientist Avi Mandell" - "Goddard" PERSON next to
    # "Goddard Space Flight Center"; c69e (Ascom): "President Ascom North America" PERSON next to "Ascom"
    # (_names_sharing_an_org_word)
    ms = by_mention(ents_of(
        "The team was led by NASA's Goddard Space Flight Center in Greenbelt, Maryland. \"Ground-based "
        "observations are hard,\" Goddard planetary scientist Avi Mandell said."))
    assert ms["Goddard"][0] == "ORG" and ms["Avi Mandell"][0] == "PERSON"
    ms = by_mention(ents_of(
        "Ascom announced a partnership with Dräger. Ascom’s Unite Connect recently received clearance. Ascom "
        "is a global solutions provider.\n\nRob Goldman, President Ascom North America, says: “By collaborating "
        "with Dräger, Ascom can reduce alarm fatigue.”"))
    assert ms["Ascom North America"][0] == "ORG" and ms["Rob Goldman"][0] == "PERSON"


def test_names_inside_a_quoted_title(ents_of):
    # html-dev 9cb8 (Billboard): song titles "China Grove", "Takin’ It To the Streets"; e799 (AP) "CCHQ
    # Press"; bbc/entertainment/061.txt: straight quotes around speech are not a title (_inside_quoted_title)
    ms = by_mention(ents_of("Expect to hear the band's hits, including “Listen To The Music,” “Takin’ It To The "
                            "Streets,” “China Grove” and others."))
    assert not {"China", "Streets", "Takin"} & set(ms)
    ms = by_mention(ents_of('"They had distributed Monsoon Wedding," Nair told BBC World Service\'s Masterpiece '
                            'programme. "They offered us a deal."'))
    assert ms["BBC World Service"][0] == "ORG"


def test_names_listed_with_organisations(ents_of):
    # html-dev 2f42 (Fast Company): "Uber or Lyft or Postmates" (Lyft, Postmates untagged), "Enter Lugg,
    # Instacart, DoorDash" (Lugg PERSON); bbc/sport/383.txt: a team sheet stays people (_listed_with_orgs)
    ms = by_mention(ents_of("It was super cool back in 2016, when driving for Uber or Lyft or Postmates, or "
                            "shopping for TaskRabbit.\n\nThe model spread. Enter Lugg, Instacart, DoorDash, "
                            "GrubHub, Prime Now, and Homejoy."))
    assert ms["Lyft"][0] == "ORG" and ms["Postmates"][0] == "ORG" and ms["Lugg"][0] == "ORG"
    ms = by_mention(ents_of("England: Chuter, Thompson, Titterrell, Rowntree, Sheridan, Stevens, Vickery, White, "
                            "Borthwick, Brown, L Deacon, Grewcock, Kay."))
    assert all(label != "ORG" for label, _ in ms.values() if _ in ("Sheridan", "Stevens", "Borthwick"))


def test_ap_state_abbreviations(ents_of):
    # html-dev 9e8c (PolitiFact): "R-W.Va." untagged, "Orange County, Calif." (_ap_state_abbreviation)
    ms = by_mention(ents_of("In October, Rep. David McKinley, R-W.Va., visited the border near McAllen, Texas, "
                            "and the Orange County, Calif., sheriff’s office agreed."))
    assert ms["W.Va."] == ("GPE", "West Virginia") and ms["Calif."] == ("GPE", "California")


def test_shapes_that_are_not_names(ents_of):
    # html-dev 5211 (Jeongdong Theater): "🙂" and "Sun & Mon" ORG; 04a6 (NYT): "Virginia Democrats" PERSON;
    # 5a82 (AP): "Braunau am Inn" GPE + PERSON "Inn"; bbc/tech/022.txt: "Sun" the company stays
    # (_not_a_name_shape, _plural_not_person, _place_particles)
    ms = by_mention(ents_of("We hope to see you soon! 🙂\n\nTue – Sat 4PM (Closed on Sun & Mon)"))
    assert not {"🙂", "Sun & Mon"} & set(ms)
    ms = by_mention(ents_of("Instead, they did the opposite. Virginia Democrats won a legislative majority for the "
                            "first time since 1993."))
    assert ms["Virginia Democrats"][0] == "NORP"
    ms = by_mention(ents_of("Austria's government decided on a compulsory purchase of the house in Braunau am Inn, "
                            "a town on the border with Germany."))
    assert ms["Braunau am Inn"][0] == "GPE" and "Inn" not in ms
    ms = by_mention(ents_of("Sun likened grid computing to the way electricity and water have developed."))
    assert ms["Sun"][0] == "ORG"


def test_inner_to_and_companies_described_as_such(ents_of):
    # html-dev 57e2 (my6sense): "selling Hipcricket to Augme Technologies" one ORG, "Hipcricket, a mobile
    # marketing company" GPE; fde9 (Business Insider): "Developer Valve called" untagged, "CloudSimple, a
    # startup" PRODUCT; bbc/entertainment/316.txt: "film-maker Wood" is a person (_split_at_inner_the,
    # _described_as_company)
    ms = by_mention(ents_of("Ivan served as the CEO of Hipcricket, a mobile marketing company which innovated mobile "
                            "marketing, and he produced a successful exit by selling Hipcricket to Augme "
                            "Technologies in 2011."))
    assert ms["Hipcricket"][0] == "ORG" and ms["Augme Technologies"][0] == "ORG"
    ms = by_mention(ents_of("- Google has bought CloudSimple, a startup that was once a key part of Microsoft's "
                            "cloud strategy.\n\n- It's for virtual reality only. Developer Valve called 'Half "
                            "Life: Alyx' a flagship VR game."))
    assert ms["CloudSimple"][0] == "ORG" and ms["Valve"][0] == "ORG"
    ms = ents_of("Another role under Burton, Ed Wood, starred Depp as the crazed cult film-maker Wood, in 1994.")
    assert [(m.label, m.entity) for m in ms if m.mention == "Wood"] == [("PERSON", "Ed Wood")]


def test_masked_reviewers_and_sentence_initial_words(ents_of):
    # html-dev 5211 (Jeongdong Theater): "– Ali***" PERSON, "Super fun!" ORG; ec38 (Beachbody): "Seek out"
    # PERSON; bbc/politics/305.txt: "Labour" opening a sentence stays (_masked_or_not_a_noun)
    ms = by_mention(ents_of("“We also won cosmetics which was a plus!”\n\n– Ali***\n\n“Very talented people! Super fun "
                            "& entertaining!”\n\nSeek out the healthy game day snacks."))
    assert not {"Ali", "Super", "Seek"} & set(ms)
    ms = by_mention(ents_of("Labour will fight the election on the economy. Labour election chief Alan Milburn "
                            "said the party would win."))
    assert ms["Labour"][0] == "ORG"


def test_glued_widget_names_and_place_pairs(ents_of):
    # html-dev 1567 (The Hill): a widget glues "Kristi Noem" to "Kristi Lynn Noem" and "South Dakota";
    # 9e8c (PolitiFact): "the U.S.-Mexico border" ORG; dc7c (Al Jazeera): "Eva-Marie Persson" ORG;
    # 7916 (Al Jazeera): "The Afghan Taliban" next to "Taliban" (_glued_surnames, _place_pair,
    # _first_name_person, _demonym_before_org)
    ms = ents_of("South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on the slogan."
                 "\n\nGovernor Kristi Noem defended the campaign on Tuesday.")
    assert {(m.mention, m.label) for m in ms if m.start_char < 80} >= {("Kristi Noem", "PERSON"),
                                                                       ("South Dakota", "GPE")}
    ms = by_mention(ents_of("In October, Rep. David McKinley visited the U.S.-Mexico border near McAllen, Texas."))
    assert "U.S.-Mexico" not in ms
    ms = by_mention(ents_of("“The investigation has been discontinued,” Sweden’s deputy director of public "
                            "prosecutions, Eva-Marie Persson, said on Tuesday."))
    assert ms["Eva-Marie Persson"][0] == "PERSON"
    ms = ents_of("The Taliban said it shot down the helicopter. The Afghan Taliban, however, claimed responsibility.")
    assert {m.entity for m in ms if m.label == "ORG"} == {"Taliban"}
