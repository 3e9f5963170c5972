-- Pairs of people/organisations/places named in the same article (each pair once, a < b).
with per_article as (
    select distinct article_id, entity, label
    from {{ ref('int_entity_mentions') }}
    where label in ('PERSON', 'ORG', 'GPE')
)
select
    x.entity as entity_a,
    x.label as label_a,
    y.entity as entity_b,
    y.label as label_b,
    count(*) as articles,
    min(a.article_date) as first_seen,
    max(a.article_date) as last_seen
from per_article x
join per_article y
  on x.article_id = y.article_id
 and (x.entity, x.label) < (y.entity, y.label)
join {{ ref('int_articles') }} a on a.article_id = x.article_id
group by all
