{{ config(materialized='table') }}
-- Each counted article's story: the connected group of near-duplicate pairs it belongs to
-- (int_story_pairs), named by its earliest copy (landing date, then path, then id).
with recursive edges as (
    select article_a as src, article_b as dst from {{ ref('int_story_pairs') }}
    union
    select article_b, article_a from {{ ref('int_story_pairs') }}
), reach(article_id, other) as (
    select article_id, article_id from {{ ref('articles') }}
    union
    select r.article_id, e.dst from reach r join edges e on e.src = r.other
)
select
    r.article_id,
    min({partition_date: a.partition_date, source_path: a.source_path, article_id: a.article_id}).article_id
        as story_id
from reach r
join {{ ref('articles') }} a on a.article_id = r.other
group by r.article_id
