"""Across articles (issue 18): the same story, the same quotation, and who gets quoted, through the real CLI.

One landing over three dates, built from BBC files (never copied into the repo):
- business/015.txt and, the next day, a wire copy of it made as a wire desk would: a new headline,
  the last paragraph dropped, a few words changed, a credit line. It must join the original's story.
- business/007.txt and business/253.txt: byte-identical in the corpus, landed on different dates:
  one story (and one counted article).
- politics/176.txt ("… said housing minister Yvette Cooper", then "Ms Cooper said"): her quotation,
  repeated word for word in two short reports on later dates, is one quote cluster of 3 articles.
- business/001.txt, sport/001.txt: unrelated; each its own story.
"""

import shutil

import duckdb
import pytest

from pipelines import versions
from tests.helpers import BBC, rows, run_cli

QUOTE = ("There are two major problems in the planning system at the moment concerning Gypsy and "
         "traveller sites")
REPORTS = [
    "Traveller sites plan for councils\n\nCouncils in England will be told to find land for traveller "
    "sites under plans set out by ministers on Tuesday.\n\n\"" + QUOTE + ",\" said housing minister "
    "Yvette Cooper.\n\nThe plans will be consulted on until the spring.\n",
    "Ministers act on Gypsy site rows\n\nA consultation on new powers over unauthorised camps opened "
    "after a year of disputes in rural areas.\n\n\"" + QUOTE + ",\" said housing minister Yvette Cooper."
    "\n\nCouncil leaders said they would study the details.\n",
]


def wire_copy(raw: str) -> str:
    """New headline, last paragraph dropped, three words changed, a credit line."""
    paragraphs = [p for p in raw.split("\n\n") if p.strip()]
    body = "\n\n".join(paragraphs[1:-1]).replace(" the ", " a ", 3)
    return f"Wire: {paragraphs[0].strip()} - update\n\n{body}\n\n(Reporting by Wire Staff; editing by the desk)\n"


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    """The three dates' files (the module docstring), not yet run."""
    root = tmp_path_factory.mktemp("across") / "landing"
    days = [root / d for d in ("2005-02-01", "2005-02-02", "2005-02-03")]
    for d in days:
        d.mkdir(parents=True)
    for name in ("business/015.txt", "business/007.txt", "business/001.txt", "sport/001.txt", "politics/176.txt"):
        shutil.copy(BBC / name, days[0] / name.replace("/", "_"))
    original = (BBC / "business" / "015.txt").read_bytes().decode("latin-1")
    (days[1] / "wire_business_015.txt").write_text(wire_copy(original), encoding="utf-8")
    shutil.copy(BBC / "business" / "253.txt", days[1] / "business_253.txt")
    for day, text in zip(days[1:], REPORTS):
        (day / "cooper_report.txt").write_text(text, encoding="utf-8")
    return root


PAIRS = "select * from intermediate.int_story_pairs order by all"
SENTINEL = "select count(*) from intermediate.int_story_pairs where article_a = '0'"


def plant_sentinel(db) -> None:
    """A pair between two first-date articles that no build computes: a build that compares only the new
    dates keeps it; one that compares every date again drops it."""
    con = duckdb.connect(str(db))
    try:
        con.execute("insert into intermediate.int_story_pairs (article_a, date_a, article_b, date_b, jaccard, "
                    "containment) values ('0', '2005-02-01', '1', '2005-02-01', 0.0, 0.0)")
    finally:
        con.close()


@pytest.fixture(scope="module")
def day_by_day(landing, tmp_path_factory):
    """The landing run as it arrives: the first date alone, then the two later dates, a sentinel pair
    planted between the runs."""
    root = tmp_path_factory.mktemp("across_days") / "landing"
    db = root.parent / "w.duckdb"
    days = sorted(landing.iterdir())
    shutil.copytree(days[0], root / days[0].name)
    run_cli("run", "--landing", str(root), "--warehouse", str(db), "--quiet")
    plant_sentinel(db)
    for day in days[1:]:
        shutil.copytree(day, root / day.name)
    run_cli("run", "--landing", str(root), "--warehouse", str(db), "--quiet")
    return db


@pytest.fixture(scope="module")
def warehouse(day_by_day, tmp_path_factory):
    """Every pair and view computed again from all three dates: a copy of ``day_by_day`` (its sentinel
    included) recorded as built by another version of the dbt project, run again. When the project differs
    from the one in meta.builds, the run rebuilds the incremental model whole (--full-refresh), as a first
    build of the three dates would. The stories, clusters and speakers below are read from it."""
    db = tmp_path_factory.mktemp("across_rebuilt") / "w.duckdb"
    shutil.copyfile(day_by_day, db)
    con = duckdb.connect(str(db))
    try:
        con.execute("update meta.builds set version = 'an older project' where name = 'dbt'")
    finally:
        con.close()
    run_cli("run", "--landing", str(day_by_day.parent / "landing"), "--warehouse", str(db), "--quiet")
    return db


def test_story_pairs_compare_only_the_new_dates_and_match_a_full_build(day_by_day, warehouse):
    assert rows(day_by_day, SENTINEL) == [(1,)]  # the first date was not compared again
    con = duckdb.connect(str(day_by_day))
    try:
        con.execute("delete from intermediate.int_story_pairs where article_a = '0'")
    finally:
        con.close()
    # Incremental pairs (and each date's marker) are exactly those of a build that compares every date.
    assert rows(day_by_day, PAIRS) == rows(warehouse, PAIRS)
    assert len(rows(warehouse, PAIRS)) > 3  # the wire copy's pair, the exact copies' pair, 3 markers
    # ... and the wire copy, landed a day after its original's comparison, still joins its story.
    assert story_of(day_by_day, "wire_business_015.txt") == story_of(day_by_day, "business_015.txt")


def test_a_changed_dbt_project_compares_every_date_again(warehouse):
    """Kept pairs were computed by the SQL of their build: when the project differs from the one recorded in
    meta.builds (changed SQL or vars), the next run rebuilds the incremental model whole."""
    assert rows(warehouse, SENTINEL) == [(0,)]  # planted before the rebuild, dropped by it
    assert rows(warehouse, "select version from meta.builds where name = 'dbt'") == [(versions.dbt_version(),)]


def story_of(db, name):
    (story,), = rows(db, f"select story_id from analytics.article_facts where '/' || source_path like '%/{name}'")
    return story


def test_a_wire_copy_the_next_day_joins_the_original_story(warehouse):
    original = story_of(warehouse, "business_015.txt")
    assert story_of(warehouse, "wire_business_015.txt") == original
    # The story is named by its earliest copy: the original's own article id.
    assert rows(warehouse, "select article_id from analytics.article_facts where source_path like '%/business_015.txt'") == [
        (original,)]
    assert rows(warehouse, f"select articles, first_landed::varchar, last_landed::varchar from analytics.stories "
                           f"where story_id = '{original}'") == [(2, "2005-02-01", "2005-02-02")]


def test_unrelated_articles_are_stories_of_their_own(warehouse):
    stories = {story_of(warehouse, n) for n in ("business_015.txt", "business_001.txt", "sport_001.txt",
                                                "politics_176.txt", "business_007.txt")}
    assert len(stories) == 5
    # The two short reports share one quoted sentence, not a story.
    assert story_of(warehouse, "2005-02-02/cooper_report.txt") != story_of(warehouse, "2005-02-03/cooper_report.txt")


def test_exact_copies_on_two_dates_are_one_article_and_one_story(warehouse):
    assert rows(warehouse, "select count(*) from analytics.article_facts where source_path like '%business_007.txt' "
                           "or source_path like '%business_253.txt'") == [(1,)]
    assert rows(warehouse, "select status from analytics.files where source_path like '%business_253.txt'") == [
        ("duplicate",)]


def test_a_quotation_in_three_articles_is_one_cluster_with_its_speaker(warehouse):
    clusters = rows(warehouse, "select quote, speaker, speaker_share, articles, stories, first_seen::varchar, "
                               f"last_seen::varchar from analytics.quote_clusters where quote like '{QUOTE[:30]}%'")
    assert clusters == [(QUOTE, "Yvette Cooper", 1.0, 3, 3, "2005-02-01", "2005-02-03")]
    # The wire copy repeats the original's quotations: 2 articles each, but 1 story.
    assert set(rows(warehouse, "select articles, stories from analytics.quote_clusters where articles > 1 "
                               f"and quote not like '{QUOTE[:30]}%'")) == {(2, 1)}
    # analytics.quotes carries the cluster on each of the three occurrences.
    assert rows(warehouse, f"select count(distinct quote_cluster_id), count(*) from analytics.quotes "
                           f"where quote = '{QUOTE}'") == [(1, 3)]


def test_speaker_gender_from_the_text_and_the_share_adds_up(warehouse):
    # "Ms Cooper" in politics/176.txt is the article's own evidence.
    assert rows(warehouse, "select gender, gender_source from analytics.speakers where speaker = 'Yvette Cooper'") == [
        ("female", "text")]
    for _day, female, male, unknown, quotes in rows(warehouse, "select * exclude (female_share, organisation_quotes) "
                                                              "from analytics.gender_share_daily"):
        assert female + male + unknown == quotes
    # people only (issue 30): the quotes of named speakers typed person, organisations counted apart
    assert rows(warehouse, "select sum(quotes), sum(organisation_quotes) from analytics.gender_share_daily") == rows(
        warehouse, "select count(*) filter (where speaker_type = 'person'), "
                   "count(*) filter (where speaker_type = 'organisation') from analytics.quotes "
                   "where speaker is not null and speaker_kind is distinct from 'unnamed'")


def test_seed_speakers_gender(seeds_warehouse):
    db, _ = seeds_warehouse
    genders = dict(rows(db, "select speaker, gender from analytics.speakers"))
    assert genders["David Cameron"] == "male" and genders["Angela Merkel"] == "female"
