"""Progress of long partitions (issue 19): counts, rate and time left, as plain lines and Dagster log lines."""

import re

from pipelines import progress


def test_log_lines_every_tenth_and_plain_lines_off_a_terminal(monkeypatch, capsys):
    monkeypatch.setenv(progress.MODE_ENV, "plain")
    monkeypatch.setattr(progress, "PLAIN_EVERY_S", 0.0)
    logged = []
    p = progress.PartitionProgress("2005-03-01 entities and quotes", 100, logged.append)
    for _ in range(100):
        p.advance()
    p.close()
    assert len(logged) == 10
    assert re.fullmatch(r"2005-03-01 entities and quotes: 10/100 articles, [\d.]+/s, about \d+ s left", logged[0])
    assert re.fullmatch(r"2005-03-01 entities and quotes: 100/100 articles, [\d.]+/s, done in [\d.]+ s", logged[-1])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 100 and err[-1].startswith("2005-03-01 entities and quotes: 100/100 articles")


def test_quiet_prints_nothing_but_still_logs(monkeypatch, capsys):
    monkeypatch.setenv(progress.MODE_ENV, "off")
    logged = []
    p = progress.PartitionProgress("day", 40, logged.append)
    for _ in range(40):
        p.advance()
    assert capsys.readouterr().err == "" and len(logged) == 10


def test_small_partitions_stay_silent(monkeypatch, capsys):
    monkeypatch.setenv(progress.MODE_ENV, "plain")
    logged = []
    p = progress.PartitionProgress("day", progress.MIN_ARTICLES - 1, logged.append)
    for _ in range(progress.MIN_ARTICLES - 1):
        p.advance()
    assert capsys.readouterr().err == "" and logged == []
