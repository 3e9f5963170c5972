-- Every mention of a counted article, with `entity` and `label` resolved across the warehouse: a bare
-- surname the article links to a full name on its own evidence (int_person_surname_links), else the
-- warehouse-wide map (int_person_names: spellings, epithets); `article_entity` / `article_label`
-- are what the article says on its own.
select
    m.article_id,
    m.partition_date,
    m.mention,
    case when l.full_name is not null then 'PERSON' else coalesce(n.label, m.label) end as label,
    coalesce(l.full_name, n.full_name, m.entity) as entity,
    m.entity as article_entity,
    m.label as article_label,
    m.start_char,
    m.end_char
from {{ ref('stg_entity_mentions') }} m
join {{ ref('int_articles') }} a using (article_id, partition_date)
left join {{ ref('int_person_surname_links') }} l
  on l.article_id = m.article_id
 and l.name = m.entity
 and l.from_label = m.label
 and l.linked
left join {{ ref('int_person_names') }} n
  on n.name = m.entity
 and n.from_label = m.label
