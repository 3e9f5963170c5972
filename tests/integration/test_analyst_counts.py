"""Issue 30's acceptance check, on six of its fifty files: people apart from organisations, and every outlet.

The issue landed bbc/business/001-050 in one date and found organisations ranked among the top speakers with
gender "unknown", in the denominator of gender_share_daily, and no outlet for any .txt article. These six files
(never copied into the repo) hold the organisations it named: Yukos (025, which the model tags PERSON), the
OECD (030), WPP (035), Umbro (040), UK Coal (042) and Nestle (050), each quoted beside named people. They land
under 2024-05-01/bbc-news/, one run; the views are what is checked.
"""

import shutil

import pytest

from tests.helpers import BBC, rows, run_cli

FILES = ["025", "030", "035", "040", "042", "050"]
ORGANISATIONS = ["Nestle", "OECD", "UK Coal", "Umbro", "WPP", "Yukos"]
PEOPLE = ["Gerry Spindler", "Jean-Philippe Cotis", "Letitia Clark", "Martin Sorrell", "Peter Brabeck-Letmathe",
          "Peter McGuigan", "Steven Theede", "Vincent Koen"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("analyst-counts") / "landing"
    outlet = root / "2024-05-01" / "bbc-news"
    outlet.mkdir(parents=True)
    for name in FILES:
        shutil.copy(BBC / "business" / f"{name}.txt", outlet / f"{name}.txt")
    db = root.parent / "w.duckdb"
    run_cli("run", "--landing", str(root), "--warehouse", str(db), "--quiet")
    return db


def test_organisations_and_people_are_typed_apart(warehouse):
    typed = dict(rows(warehouse, "select speaker, speaker_type from analytics.speakers"))
    assert {s: typed.get(s) for s in ORGANISATIONS} == dict.fromkeys(ORGANISATIONS, "organisation")
    assert {s: typed.get(s) for s in PEOPLE} == dict.fromkeys(PEOPLE, "person")
    # gender is estimated for people only
    assert rows(warehouse, "select count(*) from analytics.speakers where speaker_type <> 'person' "
                           "and gender is not null") == [(0,)]
    # one speaker, one type, in every quote row
    assert rows(warehouse, "select count(*) from analytics.quotes q join analytics.speakers s using (speaker) "
                           "where q.speaker_kind is distinct from 'unnamed' and q.speaker_type <> s.speaker_type") == [(0,)]


def test_gender_share_counts_people_only(warehouse):
    (day,) = rows(warehouse, "select * from analytics.gender_share_daily")
    _, female, male, unknown, quotes, organisation_quotes, share = day
    people, orgs = rows(warehouse, """
        select count(*) filter (where speaker_type = 'person'), count(*) filter (where speaker_type = 'organisation')
        from analytics.quotes where speaker is not null and speaker_kind is distinct from 'unnamed'""")[0]
    assert female + male + unknown == quotes == people
    assert organisation_quotes == orgs > 0
    assert share == round(female / quotes, 4)


def test_every_article_has_its_outlet_from_the_landing_folder(warehouse):
    assert rows(warehouse, "select source, count(*) from analytics.articles group by source") == [("bbc-news", 6)]
    assert rows(warehouse, "select distinct sources from analytics.stories") == [(1,)]
