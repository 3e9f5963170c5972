-- Everyone quoted, with how much and when.
select
    q.speaker,
    count(*) as quotes,
    count(*) filter (where q.kind = 'direct') as direct_quotes,
    count(*) filter (where q.kind = 'partial') as partial_quotes,
    count(*) filter (where q.kind = 'reported') as reported_quotes,
    count(distinct q.article_id) as articles,
    min(a.article_date) as first_seen,
    max(a.article_date) as last_seen
from {{ ref('quotes') }} q
join {{ ref('articles') }} a using (article_id)
where q.speaker is not null
group by q.speaker
