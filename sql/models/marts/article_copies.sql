-- Every copy of an article that its partition loaded, and which one counts across the warehouse
-- (int_article_copies decides it).
select * from {{ ref('int_article_copies') }}
