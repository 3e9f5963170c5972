"""One partition on every core (issue 16): the worker pool gives exactly what one process gives."""

from pipelines import nlp_pool
from pipelines.text.clean import clean_article
from pipelines.text.decode import decode_bytes
from pipelines.text.extract import extract_all
from tests.helpers import BBC


def test_pool_of_two_gives_the_rows_of_one_process_in_order():
    # 60 BBC bodies (more than MIN_POOL_TEXTS, so the pool is used): three chunks over two workers must
    # come back in input order with the same mentions and quotes, offsets included.
    paths = sorted((BBC / "politics").glob("*.txt"))[:60]
    bodies = [clean_article(decode_bytes(p.read_bytes()).text).body for p in paths]
    assert len(bodies) >= nlp_pool.MIN_POOL_TEXTS
    pool = nlp_pool.NlpPool(2)
    try:
        pooled = list(pool.extract(bodies))
    finally:
        pool.close()
    alone = list(extract_all(bodies))
    assert len(pooled) == len(bodies)
    assert pooled == alone
    assert sum(len(e.quotes) for e in pooled) > 100


def test_small_batches_stay_in_the_calling_process():
    pool = nlp_pool.NlpPool(2)
    assert list(pool.extract(["Tony Blair said it was \"a good day\"."])) == list(
        extract_all(["Tony Blair said it was \"a good day\"."]))
    assert pool._pool is None  # no workers started for one text


def test_default_processes_is_at_least_one_and_at_most_the_cores():
    import os

    n = nlp_pool.default_processes()
    assert 1 <= n <= len(os.sched_getaffinity(0))


def test_warm_starts_the_workers_only_when_the_pool_will_be_used():
    # partition_tables warms the pool before reading the files, so the model loads meanwhile; a partition too
    # small for the pool (parsed in the calling process) must not start workers at all.
    pool = nlp_pool.NlpPool(2)
    try:
        pool.warm(nlp_pool.MIN_POOL_TEXTS - 1)
        assert pool._pool is None
        pool.warm(nlp_pool.MIN_POOL_TEXTS)
        started = pool._pool
        assert started is not None
        text = "Tony Blair said it was \"a good day\"."
        assert list(pool.extract([text] * nlp_pool.MIN_POOL_TEXTS)) == list(extract_all([text] * nlp_pool.MIN_POOL_TEXTS))
        assert pool._pool is started  # the warmed workers did the parsing
    finally:
        pool.close()
