{#- Near-duplicate article pairs, compared incrementally: each build compares only the landing dates whose
   articles changed since their last comparison (macros/stories.sql: a date's version is a hash of its
   article ids and MinHash signatures) with the articles of their date window, and leaves every other pair
   as it was. A changed date's old pairs go
   first (pre-hook), then its new pairs and its marker row are appended. `dbt build --full-refresh` compares
   everything again and gives the same rows. -#}
{#- Configured here, not per folder in dbt_project.yml: the pre-hook and the is_incremental() branches below are this SQL's own. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ story_forget_changed_dates() }}"
) }}
-- Pairs of article copies that tell the same story: near-duplicate bodies, landed at most
-- `story_window_days` apart. Candidates share one of `story_bands` LSH bands of their MinHash
-- signatures (pipelines/text/similarity.py); a candidate is kept when the estimated containment of the
-- smaller body's shingles in the larger reaches `story_containment`. Every copy takes part (which copy
-- counts is decided across the warehouse, downstream in int_article_stories), so a date's pairs depend
-- only on the articles of its window. One marker row per compared date (article_a NULL) records the
-- version of the date's articles that was compared.
{% set rows = var('story_rows') %}
{% set window = var('story_window_days') %}
with changed as (
    {{ story_changed_dates() }}
), signed as (
    select a.article_id, a.partition_date, a.minhash, a.shingles
    from {{ ref('stg_articles') }} a
    where a.shingles > 0
      and exists (select 1 from changed c
                  where a.partition_date between c.partition_date - {{ window }} and c.partition_date + {{ window }})
), banded as (
    select article_id, partition_date, band,
           hash(list_slice(minhash, band * {{ rows }} + 1, (band + 1) * {{ rows }})) as bucket
    from signed, range({{ var('story_bands') }}) t(band)
), candidates as (
    -- a pair with at least one copy in a changed date, written smaller id first
    select distinct
        case when x.article_id < y.article_id then x.article_id else y.article_id end as article_a,
        case when x.article_id < y.article_id then x.partition_date else y.partition_date end as date_a,
        case when x.article_id < y.article_id then y.article_id else x.article_id end as article_b,
        case when x.article_id < y.article_id then y.partition_date else x.partition_date end as date_b
    from banded x
    join banded y
      on y.band = x.band
     and y.bucket = x.bucket
     and y.article_id <> x.article_id
     and y.partition_date between x.partition_date - {{ window }} and x.partition_date + {{ window }}
    where x.partition_date in (select partition_date from changed)
), scored as (
    select c.*,
           len(list_filter(list_zip(x.minhash, y.minhash), p -> p[1] = p[2])) / len(x.minhash) as jaccard,
           x.shingles as shingles_a, y.shingles as shingles_b
    from candidates c
    join signed x on x.article_id = c.article_a and x.partition_date = c.date_a
    join signed y on y.article_id = c.article_b and y.partition_date = c.date_b
), pairs as (
    select article_a, date_a, article_b, date_b, jaccard,
           least(1.0, jaccard * (shingles_a + shingles_b) / (1 + jaccard) / least(shingles_a, shingles_b))
               as containment
    from scored
)
select article_a, date_a, article_b, date_b, jaccard, containment,
       null::date as compared_date, null::ubigint as compared_version
from pairs
where containment >= {{ var('story_containment') }}
union all
select null, null, null, null, null, null, partition_date, version
from changed
