{{ config(materialized='table') }}
-- One row per distinct article across the warehouse: the copy that counts (analytics.article_copies),
-- with `source` (the site, from its URL, when known).
select a.* exclude (minhash, shingles)
from {{ ref('stg_articles') }} a
join {{ ref('article_copies') }} c
  on c.article_id = a.article_id
 and c.partition_date = a.partition_date
 and c.counted
