-- One row per distinct article across the warehouse: the copy that counts (int_article_copies), with
-- `source` (the outlet: URL host, named outlet or landing folder). Every model that counts articles reads this one.
select a.* exclude (minhash, shingles)
from {{ ref('stg_articles') }} a
join {{ ref('int_article_copies') }} c
  on c.article_id = a.article_id
 and c.partition_date = a.partition_date
 and c.counted
