"""What a warehouse holds, for the summary `news-warehouse run` prints: counts, rejected files, top names."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines import warehouse

# The speaker types the summary ranks apart (analytics.speakers.speaker_type), in the order it prints them.
SPEAKER_TYPES = ("person", "organisation")


@dataclass(frozen=True)
class Summary:
    """Counts across the warehouse (``analytics.*``, so each article counted once).

    ``files``: files by status (loaded / duplicate / rejected); ``rejected``: the first 10 (path, reason);
    ``quote_kinds``: quotes by kind (direct / partial / reported); ``top_speakers``: up to 5 (speaker, quotes) of
    each ``speaker_type`` in ``SPEAKER_TYPES`` (people apart from organisations: a company's quote count says
    nothing of who gets a voice); ``top_entities``: 8 (entity, label, mentions) of people, organisations and places.
    """

    files: dict[str, int]
    rejected: list[tuple[str, str]]
    articles: int
    mentions: int
    quote_kinds: dict[str, int]
    top_speakers: dict[str, list[tuple[str, int]]]
    top_entities: list[tuple[str, str, int]]


def summarize(target: str) -> Summary:
    """The :class:`Summary` of the warehouse at ``target`` (read-only; needs the dbt views built)."""
    con = warehouse.connect(target, read_only=True)
    try:
        q = lambda sql, params=None: con.execute(sql, params).fetchall()  # noqa: E731
        (articles,), = q("select count(*) from analytics.articles")
        (mentions,), = q("select count(*) from analytics.entity_mentions")
        return Summary(
            files=dict(q("select status, count(*) from analytics.files group by status")),
            rejected=q("select source_path, reason from analytics.files where status = 'rejected' order by 1 limit 10"),
            articles=articles,
            mentions=mentions,
            quote_kinds=dict(q("select kind, count(*) from analytics.quotes group by kind")),
            top_speakers={kind: q("""select speaker, quotes from analytics.speakers where speaker_type = ?
                                     order by quotes desc, speaker limit 5""", [kind]) for kind in SPEAKER_TYPES},
            top_entities=q("""select entity, label, count(*) n from analytics.entity_mentions
                              where label in ('PERSON','ORG','GPE') group by all order by n desc, entity limit 8"""),
        )
    finally:
        con.close()
