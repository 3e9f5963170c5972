{{ config(materialized='table') }}
-- Person names across the warehouse, from the names each article gives on its own. Two rules:
-- spellings that differ only in accents or case become the most used one ("François Hollande" and
-- "Francois Hollande"), and a bare surname becomes the full name when the full names ending in it
-- agree (one person has 3 in 4 of their mentions): "Obama" in an article that never gives his first
-- name is "Barack Obama". A bare surname the model tagged ORG becomes PERSON only when the warehouse
-- tags that word PERSON more often than ORG ("Hollande" yes, "Ford" the carmaker no).
-- Ties break by name, so the map depends only on what the warehouse holds.
with counted as (
    select m.*
    from {{ ref('stg_entity_mentions') }} m
    join {{ ref('articles') }} a using (article_id, partition_date)
), spellings as (
    select entity, strip_accents(lower(entity)) as name_key, count(*) as n
    from counted
    where label = 'PERSON' and entity like '% %'
    group by all
), person_spelling as (
    select
        name_key,
        sum(n) as n,
        min(entity) filter (where rank = 1) as full_name
    from (select *, row_number() over (partition by name_key order by n desc, entity) as rank from spellings)
    group by name_key
), surnames as (
    select *, regexp_extract(full_name, '(\S+)$', 1) as surname from person_spelling
), ranked as (
    select *,
           sum(n) over (partition by surname) as total,
           row_number() over (partition by surname order by n desc, full_name) as rank
    from surnames
), bare_labels as (
    -- how the model labels the bare surname across the warehouse
    select mention as surname,
           count(*) filter (where label = 'PERSON') as as_person,
           count(*) filter (where label = 'ORG') as as_org
    from counted
    where mention not like '% %'
    group by all
), surname_map as (
    select r.surname, r.full_name, coalesce(l.as_person, 0) > coalesce(l.as_org, 0) as mostly_person
    from ranked r
    left join bare_labels l using (surname)
    where r.rank = 1 and r.n >= 0.75 * r.total
)
select s.entity as name, 'PERSON' as from_label, p.full_name, 'PERSON' as label, 'spelling' as rule
from spellings s
join person_spelling p using (name_key)
union all
select surname, 'PERSON', full_name, 'PERSON', 'surname' from surname_map
union all
select surname, 'ORG', full_name, 'PERSON', 'surname' from surname_map where mostly_person
