-- Every copy of an article that its partition loaded, and which one counts across the warehouse:
-- the first by (landing date, path, locator). A partition settles duplicates among its own files;
-- a copy landed on another date is settled here, so the answer does not depend on the order
-- partitions ran in, or on how many ran at once.
select
    article_id,
    partition_date,
    source_path,
    locator,
    row_number() over copies as copy_number,
    row_number() over copies = 1 as counted,
    first_value(source_path || locator) over copies as first_copy,
    first_value(partition_date) over copies as first_landed
from {{ ref('stg_raw_articles') }}
where status = 'loaded'
window copies as (partition by article_id order by partition_date, source_path, locator)
