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
    source,
    wire,
    body,
    word_count,
    minhash,
    shingles
from {{ source('core', 'articles') }}
