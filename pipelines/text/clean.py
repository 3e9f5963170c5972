"""Article text -> clean body, title, byline and published date.

Works on paragraphs (blocks separated by blank lines). Web copies of news
carry a site banner and section label above the headline, a byline/dateline
under it, and newsletter prompts and "related story" headlines below the
last paragraph. The rules below are layout rules, not lists of known sites:

- a paragraph matching a call-to-action pattern (subscribe, join now,
  mailing list, cookies, share this, ...) is boilerplate wherever it is;
- when a byline/dateline appears near the top, the headline is the
  paragraph right above it and everything above the headline goes;
- on web bodies (``clean_body``) also web promotions (follow-us boxes, e-mail lines, "[NEWS]" teasers)
  and a leading run of other stories' headlines;
- trailing paragraphs that are not sentences (short, no closing
  punctuation) are link/teaser boilerplate, unless they are a list: bulleted
  or numbered items, or lines that a paragraph ending in a colon announced
  ("Tour dates:" then "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL").
  Sentence ends include CJK punctuation, so a Japanese page is not all teaser.

Measured effects: ``docs/quality/quotes.md`` ("Text cleaning and HTML bodies").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipelines.text.dates import find_date

_CALL_TO_ACTION = re.compile(
    r"\b(subscribe|sign[ -]up|join now|log ?in|register now|mailing list|newsletter|advertisement|"
    r"cookies?|share (this|on)|follow us|read more|click here|all rights reserved|"
    r"related (articles|stories|content)|most (read|popular)|recommended for you|comments? \(\d+\)|"
    r"download (our|the) app|skip to (main )?content)\b|©",
    re.IGNORECASE,
)
# Web-page promotions that the call-to-action words miss, found on html-dev pages (``clean_body`` only, so
# the BBC text files are untouched): an author or section box that asks to be followed on a social network,
# a paragraph with an e-mail address (letters, tips), a teaser link tagged "[NEWS]" / "[INSIGHT]" and the
# "DON'T MISS" label above such links (UK tabloids).
_WEB_PROMO = re.compile(
    r"\bfollow\b[^.!?]{0,80}\bon (?:twitter|facebook|instagram|linkedin)\b|[\w.+-]+@[\w-]+\.[a-z]{2,}\b|"
    r"\[[A-Z][A-Z ]{2,}\]$|^(?:don'?t|do not) miss:?$",
    re.IGNORECASE,
)
_MAX_PROMO_WORDS = 60
_BYLINE = re.compile(r"^(?:by|written by|posted by|from)\s+(?P<who>\S.*)$", re.IGNORECASE)
_DATELINE_ONLY = re.compile(r"^(?:published|updated|posted|last updated)?[:\s]*$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?\"'”’)»…:。！？」』）")  # Latin and CJK closing punctuation
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►]\s|\(?\d{1,3}[.)]\s)")  # "- Wales (Group E)", "• ...", "22) ...", "3. ..."
_HEADER_WINDOW = 6
_MAX_HEADLINE_WORDS = 30
_MAX_TEASER_WORDS = 20
_MAX_TEASER_CHARS = 120  # the same length where words are not spaced (Chinese, Japanese)


@dataclass(frozen=True, slots=True)
class CleanArticle:
    title: str | None
    body: str
    published_date: dt.date | None
    byline: str | None
    removed: list[str] = field(default_factory=list)


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs with single-spaced whitespace.

    Blank lines separate paragraphs; when a text has none, each line is one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    out = []
    for block in blocks:
        para = re.sub(r"[ \t\n\f\v]+", " ", block).strip()
        if para:
            out.append(para)
    return out


def is_call_to_action(para: str) -> bool:
    """True for short promotional/navigation paragraphs (newsletter, cookies, share...)."""
    return len(para.split()) <= 25 and bool(_CALL_TO_ACTION.search(para))


def _is_sentence(para: str) -> bool:
    words = len(para.split())
    return (para.endswith(_SENTENCE_END) or words > _MAX_TEASER_WORDS
            or (len(para) > _MAX_TEASER_CHARS and len(para) > 15 * words))  # unspaced script: count characters


def drop_trailing_teasers(paras: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs -> (kept, dropped): the trailing run of short non-sentences goes (link and teaser lines),
    except a list: a run announced by a paragraph ending in ":" stays whole, and a run with two list items
    or more ("- ...", "• ...", "12) ...") stays up to its last item. One bulleted line alone ("- For the
    full interview tune into ...", bbc/sport/419) is a promotion, not a list.
    """
    start = len(paras)
    while start and not _is_sentence(paras[start - 1]):
        start -= 1
    if start == len(paras):
        return paras, []
    end = len(paras)
    if not (start and paras[start - 1].endswith(":")):  # "Tour dates:" + one line per date stay whole
        end = max((i + 1 for i in range(start, len(paras)) if _LIST_ITEM.match(paras[i])), default=start)
        if sum(1 for p in paras[start:end] if _LIST_ITEM.match(p)) < 2:
            end = start
    return paras[:end], paras[end:][::-1]


def _is_headline(para: str) -> bool:
    return len(para.split()) <= _MAX_HEADLINE_WORDS and not para.endswith((".", ":"))


def first_line_headline(text: str, para: str) -> str | None:
    """_first_line_headline: a plain-text file's first line is its headline, full stop or not (the README's layout).

    In: the raw text and its first kept paragraph. Out: the headline, or None. The headline is the text's first
    non-blank line when that line opens ``para``, has at most ``_MAX_HEADLINE_WORDS`` words and does not
    announce a list (":"); when the paragraph goes on below it (a deck under the headline, no blank line between:
    "Lawmaker urges retaliation on Russia;" then "Member of House panel says …", PolNeAR), the line must end in
    punctuation or the next start with a capital, so a hard-wrapped sentence is not cut. Why: a headline written
    as a sentence ("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.",
    PolNeAR; 71 of its 84 dev articles) stayed in the body and its words were read as news.
    """
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines or not para.startswith(lines[0]):
        return None
    first = lines[0]
    if len(first.split()) > _MAX_HEADLINE_WORDS or first.endswith(":"):
        return None
    if first != para:
        after = para[len(first):].lstrip()
        if not (first.endswith(tuple(".;!?)'’\"”")) or after[:1].isupper()):
            return None
    return first


def parse_byline(para: str) -> tuple[str | None, dt.date | None] | None:
    """Read a byline/dateline paragraph: ``by VOA News November 26, 2015``.

    Returns (byline, date) when the paragraph is a byline or a bare dateline,
    None when it is ordinary text.
    """
    if len(para.split()) > 15:
        return None
    found = find_date(para)
    date = found[0] if found else None
    rest = para if not found else (para[: found[1]] + " " + para[found[2] :])
    rest = re.sub(r"\s+", " ", rest).strip(" ,|·-–—")
    m = _BYLINE.match(rest)
    if m:
        who = re.split(r"\s*[|·]\s*", m.group("who"))[0].strip(" ,-–—")
        return (who or None), date
    if date is not None and _DATELINE_ONLY.match(rest):
        return None, date
    return None


def clean_article(text: str) -> CleanArticle:
    """Plain article text -> title, byline, published date and clean body.

    ``body`` is the article's paragraphs joined by blank lines, without the
    headline, byline and boilerplate; ``removed`` lists what was dropped.
    """
    paras = paragraphs(text)
    removed: list[str] = []
    kept: list[str] = []
    for para in paras:
        (removed if is_call_to_action(para) else kept).append(para)

    title = byline = None
    published: dt.date | None = None
    start = 0
    for i, para in enumerate(kept[:_HEADER_WINDOW]):
        parsed = parse_byline(para)
        if parsed is None or (i == 0 and first_line_headline(text, para) is not None):
            continue  # a first-line headline is not a byline ("From failed hopefuls, bold ideas …", PolNeAR)
        byline, published = parsed
        headline = next((j for j in range(i - 1, -1, -1) if _is_headline(kept[j])), None)
        if headline is None and i and first_line_headline(text, kept[0]) == kept[0]:
            headline = 0
        if headline is not None:
            title = kept[headline]
            removed.extend(kept[:headline])
        else:
            removed.extend(kept[:i])
        start = i + 1
        # A dateline may sit in its own paragraph right under the byline.
        if published is None and start < len(kept):
            nxt = parse_byline(kept[start])
            if nxt is not None and nxt[0] is None and nxt[1] is not None:
                published = nxt[1]
                start += 1
        break
    else:
        first_line = first_line_headline(text, kept[0]) if len(kept) > 1 else None
        if first_line is not None:
            # a deck right under the headline (same paragraph) stays as the body's first paragraph
            title, deck = first_line, kept[0][len(first_line):].strip()
            kept = ([deck] if deck else []) + kept[1:]
        elif kept and _is_headline(kept[0]):
            title = kept[0]
            start = 1

    body_paras, teasers = drop_trailing_teasers(kept[start:])
    removed.extend(teasers)
    body = "\n\n".join(body_paras)
    return CleanArticle(title=title, body=body, published_date=published, byline=byline, removed=removed)


def is_web_promo(para: str) -> bool:
    """True for a web page's promotion paragraph (``_WEB_PROMO``): "Follow him on Twitter @michaeldwall",
    "And here's our email: letters@nytimes.com.", "Plane passengers quarantined after BUBONIC PLAGUE
    outbreak [NEWS]", "DON'T MISS". At most ``_MAX_PROMO_WORDS`` words."""
    return len(para.split()) <= _MAX_PROMO_WORDS and bool(_WEB_PROMO.search(para))


def _is_headline_line(para: str) -> bool:
    """A title-case line that is not a sentence: most of its words capitalised (at least 3, 70%), no
    closing punctuation ("Jonas Brothers Added to 2019 American Music Awards Performance Lineup")."""
    words = [w for w in para.split() if w[:1].isalpha()]
    return (len(words) >= 3 and len(para.split()) <= _MAX_TEASER_WORDS and not para.endswith(_SENTENCE_END)
            and sum(w[:1].isupper() for w in words) >= 0.7 * len(words))


def drop_headline_runs(paras: list[str]) -> tuple[list[str], list[str]]:
    """Web pages put other stories' headlines above the article ("2019 American Music Awards" then four
    headlines, Billboard). A leading run of four or more paragraphs that are all title-case headlines
    (``_is_headline_line``) goes; a run holding a lowercase line ("High School Roundup: Viera defeats
    Rockledge to remain undefeated", then results) stays, and so do three title lines over a show's page
    (jeongdongtheater.com: its title, series and festival). In: paragraphs; out: (kept, dropped)."""
    start = 0
    while start < len(paras) and _is_headline_line(paras[start]):
        start += 1
    if start < 4 or start == len(paras):
        return paras, []
    return paras[start:], paras[:start]


def clean_body(text: str) -> tuple[str, list[str]]:
    """Body text that already has its metadata (HTML, feeds): drop boilerplate paragraphs only (calls to
    action, web promotions, other stories' headlines above the article, trailing teasers).

    Why: footers, author boxes and teasers of web pages hold names that are not the article's entities. The
    BBC and seed text files do not pass here.
    """
    removed: list[str] = []
    kept: list[str] = []
    for para in paragraphs(text):
        (removed if is_call_to_action(para) or is_web_promo(para) else kept).append(para)
    kept, teasers = drop_trailing_teasers(kept)
    kept, headlines = drop_headline_runs(kept)
    return "\n\n".join(kept), removed + teasers + headlines
