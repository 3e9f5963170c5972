{{ config(materialized='table') }}
-- Pairs of counted articles that tell the same story: near-duplicate bodies, landed at most
-- `story_window_days` apart. Candidates share one of `story_bands` LSH bands of their MinHash
-- signatures (pipelines/text/similarity.py); a candidate is kept when the estimated containment of the
-- smaller body's shingles in the larger reaches `story_containment`. A table, not a view: stories are
-- read often and this is the one costly join; each article is only compared within its date window.
{% set rows = var('story_rows') %}
with signed as (
    select a.article_id, a.partition_date, a.minhash, a.shingles
    from {{ ref('stg_articles') }} a
    join {{ ref('article_copies') }} c
      on c.article_id = a.article_id and c.partition_date = a.partition_date and c.counted
    where a.shingles > 0
), banded as (
    select article_id, partition_date, band,
           hash(list_slice(minhash, band * {{ rows }} + 1, (band + 1) * {{ rows }})) as bucket
    from signed, range({{ var('story_bands') }}) t(band)
), candidates as (
    select distinct x.article_id as article_a, y.article_id as article_b
    from banded x
    join banded y
      on y.band = x.band
     and y.bucket = x.bucket
     and y.article_id > x.article_id
     and y.partition_date between x.partition_date - {{ var('story_window_days') }}
                              and x.partition_date + {{ var('story_window_days') }}
), scored as (
    select c.article_a, c.article_b,
           len(list_filter(list_zip(x.minhash, y.minhash), p -> p[1] = p[2])) / len(x.minhash) as jaccard,
           x.shingles as shingles_a, y.shingles as shingles_b
    from candidates c
    join signed x on x.article_id = c.article_a
    join signed y on y.article_id = c.article_b
)
select article_a, article_b, jaccard,
       least(1.0, jaccard * (shingles_a + shingles_b) / (1 + jaccard) / least(shingles_a, shingles_b)) as containment
from scored
where least(1.0, jaccard * (shingles_a + shingles_b) / (1 + jaccard) / least(shingles_a, shingles_b))
      >= {{ var('story_containment') }}
