"""The outlet an article comes from, from what its record says: the URL's host, else the outlet it names.

Pure: strings in, a string out. The landing folder an operator files articles under (``2024-05-01/reuters/``)
is the last resort, read by :func:`pipelines.landing.outlet_folder`; ``pipelines.rows._article_row``
puts the three together.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SPACE = re.compile(r"\s+")


def url_host(url: str | None) -> str | None:
    """The host of an absolute http(s) URL, lower case, without "www.": "https://www.BBC.co.uk/news/x" ->
    "bbc.co.uk"; None for no URL or a relative one ("/news/x")."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") and host.count(".") > 1 else host


def outlet(url: str | None, named: str | None) -> str | None:
    """An article's outlet from its record: the URL's host (one spelling per site, whatever a page calls
    itself), else the outlet the record names (a page's og:site_name, a feed's ``source`` field), with its
    whitespace collapsed; None when the record says neither.

    Example: ``outlet(None, "BBC  News")`` -> "BBC News"; ``outlet("https://www.reuters.com/a", "Reuters")``
    -> "reuters.com".
    """
    host = url_host(url)
    if host:
        return host
    name = _SPACE.sub(" ", named or "").strip()
    return name or None


# A news agency's credit: the dateline's "(Reuters)" / "(AP)" ("LONDON (AP) — Britain's Conservative …",
# html-dev e7994d), Reuters's "Reporting by … Editing by …" footer, an AP copyright line.
_WIRES = {"reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
          "bloomberg": "Bloomberg", "pa": "PA", "dpa": "dpa", "upi": "UPI", "xinhua": "Xinhua", "efe": "EFE"}
_DATELINE = re.compile(r"\((Reuters|AP|Associated Press|AFP|Agence France-Presse|Bloomberg|PA|dpa|UPI|Xinhua|EFE)\)\s*[-—–:]")
_REUTERS_FOOTER = re.compile(r"\bReporting by [A-Z][^\n]{2,200}\b(?:Editing|Writing|Additional reporting) by\b")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?(?:The\s+)?(Associated Press|Reuters|Agence France-Presse)",
                        re.I)


def wire_credit(text: str | None) -> str | None:
    """The news agency an article credits, or None: "WASHINGTON (Reuters) - …" -> "Reuters", "LONDON (AP) — …"
    -> "AP", a "Reporting by X; Editing by Y" footer -> "Reuters", "Copyright 2019 The Associated Press" -> "AP".

    Syndicated copies of one agency story run on many sites; the credit says whose reporting they are.
    """
    if not text:
        return None
    found = _DATELINE.search(text)
    if found:
        return _WIRES[found.group(1).lower()]
    if _REUTERS_FOOTER.search(text):
        return "Reuters"
    found = _COPYRIGHT.search(text)
    if found:
        return _WIRES[found.group(1).lower()]
    return None
