-- One row per distinct article across the warehouse, the copy that counts, with `source` (int_articles).
select * from {{ ref('int_articles') }}
