-- One row per article: metadata, its story (the earliest copy of the near-duplicates it belongs to)
-- and what was extracted from it.
with mentions as (
    select article_id,
           count(*) as entity_mentions,
           count(distinct entity) as distinct_entities,
           count(distinct entity) filter (where label = 'PERSON') as people,
           count(distinct entity) filter (where label = 'ORG') as organisations,
           count(distinct entity) filter (where label = 'GPE') as places
    from {{ ref('int_entity_mentions') }}
    group by article_id
), quotes as (
    select article_id,
           count(*) as quotes,
           count(distinct speaker) as speakers
    from {{ ref('int_quotes') }}
    group by article_id
)
select
    a.article_id,
    s.story_id,
    a.source,
    a.partition_date,
    a.article_date,
    a.published_date,
    a.source_path,
    a.format,
    a.title,
    a.byline,
    a.word_count,
    coalesce(m.entity_mentions, 0) as entity_mentions,
    coalesce(m.distinct_entities, 0) as distinct_entities,
    coalesce(m.people, 0) as people,
    coalesce(m.organisations, 0) as organisations,
    coalesce(m.places, 0) as places,
    coalesce(q.quotes, 0) as quotes,
    coalesce(q.speakers, 0) as speakers
from {{ ref('int_articles') }} a
left join mentions m using (article_id)
left join quotes q using (article_id)
left join {{ ref('int_article_stories') }} s using (article_id)
