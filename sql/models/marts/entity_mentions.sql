{{ config(materialized='table') }}
-- Every mention of a counted article, with `entity` and `label` resolved across the warehouse
-- (analytics.person_names); `article_entity` / `article_label` are what the article says on its own.
select
    m.article_id,
    m.partition_date,
    m.mention,
    coalesce(n.label, m.label) as label,
    coalesce(n.full_name, m.entity) as entity,
    m.entity as article_entity,
    m.label as article_label,
    m.start_char,
    m.end_char
from {{ ref('stg_entity_mentions') }} m
join {{ ref('articles') }} a using (article_id, partition_date)
left join {{ ref('person_names') }} n
  on n.name = m.entity
 and n.from_label = m.label
