-- How often each entity is mentioned per day (article date: published, else landed), counted per
-- mention, per article and per story (syndicated copies of one story count once).
select
    a.article_date as day,
    m.entity,
    m.label,
    count(*) as mentions,
    count(distinct m.article_id) as articles,
    count(distinct s.story_id) as stories
from {{ ref('int_entity_mentions') }} m
join {{ ref('int_articles') }} a using (article_id)
left join {{ ref('int_article_stories') }} s using (article_id)
group by all
