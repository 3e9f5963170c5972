-- Every landed file with its status across the warehouse: a file its partition loaded whose
-- articles all count elsewhere (an earlier copy) is a duplicate of that copy.
with per_file as (
    select
        partition_date,
        source_path,
        count(*) filter (where counted) as counted_records,
        min(first_copy) filter (where not counted) as first_copy
    from {{ ref('int_article_copies') }}
    group by all
)
select
    f.partition_date,
    f.source_path,
    case when f.status = 'loaded' and p.counted_records = 0 then 'duplicate' else f.status end as status,
    case when f.status = 'loaded' and p.counted_records = 0 then 'same text as ' || p.first_copy
         else f.reason end as reason,
    f.encoding,
    f.format,
    f.size_bytes,
    f.sha256,
    f.records,
    case when f.status = 'loaded' then p.counted_records else f.records_loaded end as records_loaded,
    f.status as partition_status
from {{ ref('stg_files') }} f
left join per_file p using (partition_date, source_path)
