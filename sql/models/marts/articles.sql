-- One row per distinct article across the warehouse: the copy that counts (analytics.article_copies).
select a.*
from {{ ref('stg_articles') }} a
join {{ ref('article_copies') }} c
  on c.article_id = a.article_id
 and c.partition_date = a.partition_date
 and c.counted
