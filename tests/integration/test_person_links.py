"""Cross-article name linking (issue 15): a bare surname links to a full name only with evidence.

One landing of nine BBC files (never copied into the repo), through the real CLI:
- sport/095.txt, Manchester United v Everton, ends with "Subs: Howard, Giggs, Smith, Miller, Spector": the
  article never gives a first name for either. sport/101.txt (Man City v Man Utd) names Ryan Giggs in full
  and shares the rest of the squad with it (Scholes, Rooney, Gary Neville, Alex Ferguson, ...).
- politics/014.txt says only "Mr Howard"; politics/049, 102, 141 and 416 name Michael Howard in full and
  share David Davis, Mark Oaten, the Liberal Democrats, the Conservative Party with it.
- entertainment/151.txt gives "Rapper Eminem"; sport/334.txt opens "Fellow Bath prop Duncan Bell ...".
So the line-up's "Giggs" is Ryan Giggs and politics/014's "Howard" is Michael Howard, but the line-up's
"Howard" shares nothing with Michael Howard's articles and stays unlinked, which keeps "Howard" out of the
warehouse-wide map. The old frequency rule made every bare "Howard" Michael Howard.
"""

import shutil

import pytest

from tests.helpers import BBC, rows, run_cli

FILES = ["sport/095.txt", "sport/101.txt", "politics/014.txt", "politics/049.txt", "politics/102.txt",
         "politics/141.txt", "politics/416.txt", "entertainment/151.txt", "sport/334.txt"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("person-links") / "landing"
    day = root / "2005-03-01"
    day.mkdir(parents=True)
    for name in FILES:
        shutil.copy(BBC / name, day / name.replace("/", "_"))
    db = root.parent / "w.duckdb"
    run_cli("run", "--landing", str(root), "--warehouse", str(db), "--quiet")
    return db




def link(db, file, name):
    """(candidate, linked, full_name) for a bare name in one landed file."""
    found = rows(db, "select l.candidate, l.linked, l.full_name from intermediate.int_person_surname_links l "
                     "join analytics.articles a using (article_id) "
                     "where a.source_path like ? and l.name = ? and l.from_label = 'PERSON'",
                 (f"%/{file.replace('/', '_')}", name))
    assert len(found) == 1, found
    return found[0]


def entities(db, file, mention):
    return sorted({r[0] for r in rows(db, "select m.entity from analytics.entity_mentions m "
                                          "join analytics.articles a using (article_id) "
                                          "where a.source_path like ? and m.mention = ?",
                                      (f"%/{file.replace('/', '_')}", mention))})


def test_line_up_surname_without_shared_entities_stays_unlinked(warehouse):
    # "Subs: Howard, Giggs": Michael Howard is the only Howard in full, but his articles share nothing with it.
    candidate, linked, full_name = link(warehouse, "sport/095.txt", "Howard")
    assert (candidate, linked, full_name) == ("Michael Howard", False, None)
    assert entities(warehouse, "sport/095.txt", "Howard") == ["Howard"]


def test_politicians_surname_with_shared_co_mentions_links(warehouse):
    candidate, linked, full_name = link(warehouse, "politics/014.txt", "Howard")
    assert (linked, full_name) == (True, "Michael Howard")
    (shared,), = rows(warehouse, "select shared from intermediate.int_person_surname_links l "
                                 "join analytics.articles a using (article_id) "
                                 "where a.source_path like '%politics_014.txt' and l.name = 'Howard'")
    assert {"david davis", "mark oaten"} <= set(shared.split("; "))


def test_team_mate_in_the_same_line_up_links(warehouse):
    assert link(warehouse, "sport/095.txt", "Giggs")[1:] == (True, "Ryan Giggs")
    assert entities(warehouse, "sport/095.txt", "Giggs") == ["Ryan Giggs"]


def test_the_name_map_holds_a_surname_only_when_every_article_agrees(warehouse):
    surnames = dict(rows(warehouse, "select name, full_name from analytics.person_names "
                                    "where rule = 'surname' and from_label = 'PERSON'"))
    assert surnames.get("Giggs") == "Ryan Giggs"
    # politics/014 links Howard, the line-up does not: the map (keyed by name alone) leaves Howard out, and
    # each article's mentions take its own link (analytics.entity_mentions reads int_person_surname_links).
    assert "Howard" not in surnames
    assert set(entities(warehouse, "politics/014.txt", "Howard")) == {"Michael Howard"}
    (unique,), = rows(warehouse, "select count(*) = count(distinct (name, from_label)) from analytics.person_names")
    assert unique


def test_epithets_are_trimmed_from_full_names_only_when_a_name_is_left(warehouse):
    names = dict(rows(warehouse, "select name, full_name from analytics.person_names where from_label = 'PERSON'"))
    # the entity rules (pipelines/text/entities/) now strip a role word before a name in the article itself; the SQL rule
    # is the warehouse-wide second pass for what an article leaves ("Rapper Eminem" from older rows).
    assert names.get("Rapper Eminem", "Eminem") == "Eminem"
    assert entities(warehouse, "entertainment/151.txt", "Eminem") == ["Eminem"]
    # "Fellow Bath prop Duncan Bell": "Bath" is a club, not a person's name; the span is left as it is.
    assert names.get("Fellow Bath", "Fellow Bath") == "Fellow Bath"
    (like,), = rows(warehouse, "select bool_or(person_like) from intermediate.int_person_full_names "
                               "where full_name in ('Fellow Bath', 'Bath')")
    assert like is not True
