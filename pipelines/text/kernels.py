"""Matrix products on the CPU's own kernels when the BLIS that thinc ships falls back to its generic ones.

Most of spaCy's time on ``en_core_web_sm`` is matrix products (``ops.gemm``: the two tok2vec encoders, the
tagger, the parser's and the NER's precomputed layers), which thinc hands to the BLIS bundled with the
``blis`` wheel (BLIS 0.7). That BLIS picks its kernels from the CPU model it recognises; it does not know
AMD Zen 3 or later (family 0x19, this machine's EPYC) and falls back to its portable ``generic`` kernels, about
2.6 times slower than its own AVX2/FMA ``haswell`` kernels on a 5000x288 by 288x288 product (31 ms vs 12 ms).

:func:`fast_ops` returns thinc ``NumpyOps`` whose ``gemm`` asks the same library for the same product with the
``haswell`` context (``bli_sgemm_ex`` with the context of ``bli_gks_lookup_nat_cntx``), when BLIS chose
``generic`` and the CPU has AVX2 and FMA; else ``None`` (nothing to change). A row of the product does not
depend on the other rows of the call (BLIS pads edge tiles), so an article's result does not depend on the
articles batched with it. The sums are rounded differently from the generic kernels (fused multiply-add): the
measured effect on extraction is in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import os
from typing import Any

import numpy as np
from thinc.api import NumpyOps

_GENERIC = "generic"
_FAST_ARCH = "haswell"
_NO_TRANSPOSE, _TRANSPOSE = 0, 8  # BLIS trans_t values
_ONE = np.ones(1, dtype=np.float32)
_ZERO = np.zeros(1, dtype=np.float32)


def cpu_has_avx2_fma(cpuinfo: str = "/proc/cpuinfo") -> bool:
    """Whether the CPU's flags (Linux ``/proc/cpuinfo``) list both ``avx2`` and ``fma``; False when unreadable."""
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as fh:
            flags = next((line.split(":", 1)[1].split() for line in fh if line.startswith("flags")), [])
    except OSError:
        return False
    return "avx2" in flags and "fma" in flags


def _blis_library() -> ctypes.CDLL | None:
    """The BLIS inside thinc's ``blis`` package (already loaded by the interpreter), or None."""
    try:
        import blis
    except ImportError:
        return None
    found = glob.glob(os.path.join(os.path.dirname(blis.__file__), "cy.*.so"))
    if not found:
        return None
    lib = ctypes.CDLL(found[0])
    for name in ("bli_init", "bli_arch_query_id", "bli_arch_string", "bli_gks_lookup_nat_cntx", "bli_sgemm_ex"):
        if not hasattr(lib, name):
            return None
    return lib


def _arch_id(lib: ctypes.CDLL, name: str) -> int | None:
    """BLIS's ``arch_t`` number of the configuration called ``name``, or None."""
    lib.bli_arch_string.restype = ctypes.c_char_p
    for arch in range(64):
        label = lib.bli_arch_string(arch)
        if label is None:
            continue
        if label.decode() == name:
            return arch
        if label.decode() == _GENERIC:
            break
    return None


@functools.lru_cache(maxsize=1)
def _fast_gemm_context() -> tuple[ctypes.CDLL, int] | None:
    """(library, context pointer) for ``haswell`` kernels when BLIS fell back to ``generic`` on an AVX2/FMA CPU."""
    lib = _blis_library()
    if lib is None or not cpu_has_avx2_fma():
        return None
    lib.bli_init()
    generic, fast = _arch_id(lib, _GENERIC), _arch_id(lib, _FAST_ARCH)
    if generic is None or fast is None or lib.bli_arch_query_id() != generic:
        return None
    lib.bli_gks_lookup_nat_cntx.restype = ctypes.c_void_p
    lib.bli_gks_lookup_nat_cntx.argtypes = [ctypes.c_int]
    context = lib.bli_gks_lookup_nat_cntx(fast)
    if not context:
        return None
    ptr, dim = ctypes.c_void_p, ctypes.c_int64
    lib.bli_sgemm_ex.argtypes = [ctypes.c_int, ctypes.c_int, dim, dim, dim, ptr, ptr, dim, dim, ptr, dim, dim, ptr,
                                 ptr, dim, dim, ptr, ptr]
    lib.bli_sgemm_ex.restype = None
    return lib, context


class FastGemmOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` runs BLIS's ``haswell`` kernels (see the module docstring)."""

    name = "numpy"

    def __init__(self, lib: ctypes.CDLL, context: int) -> None:
        super().__init__()
        self._lib = lib
        self._context = context

    def __reduce__(self) -> tuple[Any, tuple]:
        """Pickle as "the ops this process would pick" (spaCy's ``n_process`` workers unpickle the pipeline)."""
        return _ops_here, ()

    def gemm(self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        """``x @ y`` (each optionally transposed) as float32, into ``out`` when given; same contract as thinc's."""
        if not (_plain(x) and _plain(y)):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        m, k = (x.shape[1], x.shape[0]) if trans1 else x.shape
        n = y.shape[0] if trans2 else y.shape[1]
        if out is None:
            out = np.empty((m, n), dtype=np.float32)
        elif out.dtype != np.float32 or out.shape != (m, n) or not out.flags.c_contiguous:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        if m == 0 or n == 0:
            return out
        if k == 0:
            out.fill(0)
            return out
        self._lib.bli_sgemm_ex(
            _TRANSPOSE if trans1 else _NO_TRANSPOSE, _TRANSPOSE if trans2 else _NO_TRANSPOSE, m, n, k,
            _ONE.ctypes.data, x.ctypes.data, x.strides[0] // 4, x.strides[1] // 4,
            y.ctypes.data, y.strides[0] // 4, y.strides[1] // 4,
            _ZERO.ctypes.data, out.ctypes.data, n, 1, self._context, None)
        return out


def _plain(a: Any) -> bool:
    """Whether ``a`` is a 2-d float32 numpy array with positive strides in whole elements (what BLIS takes)."""
    return (isinstance(a, np.ndarray) and a.dtype == np.float32 and a.ndim == 2
            and all(s > 0 and s % 4 == 0 for s in a.strides))


def fast_ops() -> FastGemmOps | None:
    """Ops with the faster matrix product for this machine, or None when BLIS's own choice stands."""
    found = _fast_gemm_context()
    return FastGemmOps(*found) if found is not None else None


def _ops_here() -> NumpyOps:
    """:func:`fast_ops` in the unpickling process, else thinc's stock ``NumpyOps``."""
    return fast_ops() or NumpyOps()
