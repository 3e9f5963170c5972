-- Each counted article's story: the connected group of near-duplicate pairs it belongs to
-- (int_story_pairs), named by its earliest copy (landing date, then path, then id). Pairs are between
-- copies; an article id is its body's hash, so a pair's ids are the counted articles of those bodies.
with recursive pairs as (
    select article_a, article_b from {{ ref('int_story_pairs') }} where article_a is not null
), edges as (
    select article_a as src, article_b as dst from pairs
    union
    select article_b, article_a from pairs
), reach(article_id, other) as (
    select article_id, article_id from {{ ref('int_articles') }}
    union
    select r.article_id, e.dst from reach r join edges e on e.src = r.other
)
select
    r.article_id,
    min({partition_date: a.partition_date, source_path: a.source_path, article_id: a.article_id}).article_id
        as story_id
from reach r
join {{ ref('int_articles') }} a on a.article_id = r.other
group by r.article_id
