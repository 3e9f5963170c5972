"""pipelines.retry: the back-off the three retrying callers rely on (DuckLake conflicts, a held DuckDB file, dbt)."""

import pytest

from pipelines import retry


def test_backoff_doubles_from_first_to_cap():
    # dbt's: "waits 2, 4, 8, 16, 30 s" between its 6 tries.
    assert [retry.Backoff(first_s=2, cap_s=30, attempts=6).delay(n) for n in range(1, 6)] == [2, 4, 8, 16, 30]
    jittered = [retry.Backoff(first_s=0.2, cap_s=5.0, jitter=True).delay(n) for n in (1, 8)]
    assert 0.1 <= jittered[0] < 0.3 and 2.5 <= jittered[1] < 7.5


def test_call_retries_accepted_errors_then_returns(monkeypatch):
    waits, tries = [], []
    monkeypatch.setattr(retry.time, "sleep", waits.append)

    def flaky():
        tries.append(1)
        if len(tries) < 3:
            raise OSError("lock held")
        return "opened"

    announced = []
    result = retry.call(flaky, retry.Backoff(first_s=0.1, cap_s=2.0, attempts=5), lambda e: "lock" in str(e),
                        on_retry=lambda n, s: announced.append((n, s)))
    assert result == "opened" and waits == [0.1, 0.2] and announced == [(1, 0.1), (2, 0.2)]


def test_call_raises_the_last_error_and_never_retries_others(monkeypatch):
    monkeypatch.setattr(retry.time, "sleep", lambda s: None)
    tries = []

    def conflict():
        tries.append(1)
        raise OSError(f"conflict {len(tries)}")

    with pytest.raises(OSError, match="conflict 3"):
        retry.call(conflict, retry.Backoff(first_s=0.1, cap_s=1, attempts=3), lambda e: True)
    tries.clear()
    with pytest.raises(OSError, match="conflict 1"):
        retry.call(conflict, retry.Backoff(first_s=0.1, cap_s=1, attempts=3), lambda e: False)
    with pytest.raises(ValueError):
        retry.call(conflict, retry.Backoff(first_s=0.1, cap_s=1, attempts=0), lambda e: True)


def test_deadline_stops_the_tries(monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(retry.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(retry.time, "sleep", lambda s: clock.__setitem__(0, clock[0] + s))
    numbers = [a.number for a in retry.attempts(retry.Backoff(first_s=1, cap_s=1, deadline_s=3.5))]
    assert numbers == [1, 2, 3, 4, 5]  # the 5th starts at 4 s, past the deadline: it is the last
