-- One row per distinct quotation across the warehouse (Quotebank's unit): its longest form, who said
-- it (the most frequent resolved speaker and that speaker's share of the occurrences), how many
-- articles and stories carried it, on which sites, and when it was first and last seen.
with occurrences as (
    -- a quote with no letters or digits has no form, so no cluster
    select f.quote_cluster_id, q.quote, q.speaker, q.article_id, s.story_id, a.article_date, a.source
    from {{ ref('int_quotes') }} q
    join {{ ref('int_quote_forms') }} f using (quote_id)
    join {{ ref('int_articles') }} a using (article_id)
    left join {{ ref('int_article_stories') }} s using (article_id)
), speakers as (
    select quote_cluster_id, speaker, count(*) as n
    from occurrences
    where speaker is not null
    group by all
), top_speaker as (
    select quote_cluster_id,
           max({n: n, speaker: speaker}).speaker as speaker,
           max(n) as speaker_quotes
    from speakers
    group by quote_cluster_id
)
select
    o.quote_cluster_id,
    max({len: length(o.quote), quote: o.quote}).quote as quote,
    t.speaker,
    round(coalesce(t.speaker_quotes, 0) / count(*), 3) as speaker_share,
    count(*) as occurrences,
    count(distinct o.article_id) as articles,
    count(distinct o.story_id) as stories,
    count(distinct o.source) as sources,
    list(distinct o.source order by o.source) filter (where o.source is not null) as source_list,
    min(o.article_date) as first_seen,
    max(o.article_date) as last_seen
from occurrences o
left join top_speaker t using (quote_cluster_id)
group by o.quote_cluster_id, t.speaker, t.speaker_quotes
