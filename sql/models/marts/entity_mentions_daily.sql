-- How often each entity is mentioned per day (article date: published, else landed).
select
    a.article_date as day,
    m.entity,
    m.label,
    count(*) as mentions,
    count(distinct m.article_id) as articles
from {{ ref('entity_mentions') }} m
join {{ ref('articles') }} a using (article_id)
group by all
