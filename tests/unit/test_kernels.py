"""The faster matrix product (pipelines/text/kernels.py): same products, rows independent of the batch.

spaCy's results for an article must not depend on which articles share its batch (the NLP pool cuts a
partition into chunks; the extraction cache stores each article alone), so the product of a row must be the
same bits whatever the other rows of the call. The stock BLIS generic kernels have that property; these tests
hold the faster kernels to it, on random matrices and on real articles end to end.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from thinc.api import NumpyOps

from pipelines.text import kernels
from pipelines.text.extract import extract_all
from pipelines.text.nlp import load_nlp
from tests.helpers import SHARED

FAST = kernels.fast_ops()
needs_fast = pytest.mark.skipif(FAST is None, reason="BLIS chose optimised kernels itself (or no AVX2/FMA)")


@pytest.mark.parametrize(("flags", "expected"), [
    ("fpu vme sse2 avx avx2 fma bmi2", True),   # this machine's EPYC (Zen 3): both
    ("fpu vme sse2 avx avx2 bmi2", False),      # no FMA: the haswell kernels would fault
    ("fpu vme sse2 sse4_2", False),             # an old CPU
])
def test_cpu_flags(tmp_path, flags: str, expected: bool) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(f"processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: {flags}\n\n", encoding="ascii")
    assert kernels.cpu_has_avx2_fma(str(info)) is expected


def test_cpu_flags_unreadable(tmp_path) -> None:
    assert kernels.cpu_has_avx2_fma(str(tmp_path / "missing")) is False


@needs_fast
@pytest.mark.parametrize(("m", "k", "n"), [(1, 5, 3), (7, 96, 288), (300, 288, 96), (0, 4, 4), (3, 0, 4)])
@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_numpy(m: int, k: int, n: int, trans1: bool, trans2: bool) -> None:
    rng = np.random.default_rng(m * 1000 + k + n)
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((k, n)).astype(np.float32)
    x = np.ascontiguousarray(a.T) if trans1 else a
    y = np.ascontiguousarray(b.T) if trans2 else b
    want = a.astype(np.float64) @ b.astype(np.float64)
    got = FAST.gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (m, n) and got.dtype == np.float32
    np.testing.assert_allclose(got, want, atol=1e-3)
    out = np.full((m, n), np.nan, dtype=np.float32)
    assert FAST.gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    np.testing.assert_allclose(out, want, atol=1e-3)


@needs_fast
def test_gemm_of_strided_views() -> None:
    rng = np.random.default_rng(7)
    a = rng.standard_normal((50, 40)).astype(np.float32)
    b = rng.standard_normal((40, 30)).astype(np.float32)
    np.testing.assert_allclose(FAST.gemm(a[::2, 1:], b[1:, ::3]), a[::2, 1:] @ b[1:, ::3], atol=1e-3)


@needs_fast
@pytest.mark.parametrize(("start", "end"), [(0, 1), (0, 7), (3, 1003), (17, 18), (1, 5000)])
def test_rows_do_not_depend_on_the_batch(start: int, end: int) -> None:
    """The tok2vec encoder's shape (tokens x 288 by 288 x 288): a slice of the rows alone gives the same bits."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((5000, 288)).astype(np.float32)
    b = rng.standard_normal((288, 288)).astype(np.float32)
    assert np.array_equal(FAST.gemm(a, b)[start:end], FAST.gemm(np.ascontiguousarray(a[start:end]), b))


@needs_fast
def test_pipeline_models_use_the_fast_ops() -> None:
    nlp = load_nlp()
    for name in ("tok2vec", "tagger", "parser", "ner"):
        assert all(isinstance(node.ops, kernels.FastGemmOps) for node in nlp.get_pipe(name).model.walk()), name


@needs_fast
def test_pickles_as_the_ops_of_the_process() -> None:
    assert isinstance(pickle.loads(pickle.dumps(FAST)), kernels.FastGemmOps)


def test_no_fast_ops_means_stock_numpy_ops() -> None:
    assert isinstance(kernels._ops_here(), NumpyOps)


# Real articles: a BBC politics story with quotes and a sport report, and the first seed (quotes, "he said").
ARTICLES = [
    SHARED / "corpora" / "bbc" / "politics" / "176.txt",
    SHARED / "corpora" / "bbc" / "sport" / "176.txt",
    SHARED / "seeds" / "000_fd20b0775c6aaf20.txt",
]


def test_an_article_extracts_the_same_alone_and_in_a_batch() -> None:
    texts = [p.read_text(encoding="latin-1") for p in ARTICLES]
    together = list(extract_all(texts))
    for text, batched in zip(texts, together, strict=True):
        alone = next(extract_all([text]))
        assert alone == batched
    assert sum(len(e.mentions) for e in together) > 20 and sum(len(e.quotes) for e in together) > 3
