-- One row per story: an article and its near-duplicate copies (syndicated, re-sent with a new
-- headline, edited), named by its earliest copy's article_id.
select
    s.story_id,
    any_value(a.title) filter (where a.article_id = s.story_id) as title,
    count(*) as articles,
    list(a.article_id order by a.partition_date, a.source_path) as article_ids,
    count(distinct a.source) as sources,
    list(distinct a.source order by a.source) filter (where a.source is not null) as source_list,
    min(a.article_date) as first_seen,
    max(a.article_date) as last_seen,
    min(a.partition_date) as first_landed,
    max(a.partition_date) as last_landed
from {{ ref('int_article_stories') }} s
join {{ ref('int_articles') }} a using (article_id)
group by s.story_id
