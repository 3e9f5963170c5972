-- Articles with the date analysts filter on: published when known, else landed.
select
    article_id,
    partition_date,
    source_path,
    format,
    title,
    published_date,
    coalesce(published_date, partition_date) as article_date,
    byline,
    url,
    body,
    word_count
from {{ source('core', 'articles') }}
