#!/usr/bin/env python3
"""Derive pipelines/data/us_states.tsv (postal code -> US state or Canadian province) from pycountry's ISO 3166-2
data, once.

    pip install --target /tmp/pyc pycountry==26.2.16    # LGPL-2.1; not a project dependency
    PYTHONPATH=/tmp/pyc python scripts/build_state_codes.py [OUT]

pycountry 26.2.16 (LGPL-2.1-only, https://pypi.org/project/pycountry/) ships the ISO 3166-2
subdivision table from Debian's iso-codes. The US subdivisions of type State or District are kept
("US-CA" -> "CA", "California"; "US-DC" -> "DC", "District of Columbia"); outlying areas are not.
So are Canada's provinces and territories ("CA-ON" -> "ON", "Ontario"): US listings write
"Toronto, ON" in the same lists as "Tampa, FL". No Canadian code is also a US one.

Read by ``pipelines.text.entities.places.city_state_code``: in "Mountain View, CA" or "New York, NY –"
the code is that state and the words before the comma are a city.

Out: ``code<TAB>state``, sorted, after ``#`` header lines. Not a .csv: every pipelines/data/*.csv
is a dbt seed.
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "pipelines" / "data" / "us_states.tsv"


def main() -> int:
    import pycountry  # imported here: only this script needs the package

    rows = {
        sub.code.split("-", 1)[1]: sub.name
        for sub in pycountry.subdivisions.get(country_code="US")
        if sub.type in ("State", "District")
    }
    provinces = {sub.code.split("-", 1)[1]: sub.name for sub in pycountry.subdivisions.get(country_code="CA")}
    assert not set(rows) & set(provinces), "a Canadian code that is also a US one"
    rows.update(provinces)
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# US state and Canadian province postal codes for pipelines.text.entities, made by "
                "scripts/build_state_codes.py.\n")
        f.write("# Data: ISO 3166-2 via pycountry 26.2.16 (LGPL-2.1-only; Debian iso-codes).\n")
        f.write("# code\tstate\n")
        for code in sorted(rows):
            f.write(f"{code}\t{rows[code]}\n")
    print(f"{len(rows)} state and province codes -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
