-- Every article record of every landed file, with its status within its own partition.
select
    partition_date,
    source_path,
    locator,
    article_id,
    format,
    status,
    reason
from {{ source('raw', 'articles') }}
