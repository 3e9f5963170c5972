"""Development tooling kept out of the installed ``pipelines`` package: used by tests, benchmarks and the Makefile.

Importable from the repository root (``from devtools import throwaway_postgres``), where pytest, ``make``
and ``python -m bench.<script>`` run.
"""
