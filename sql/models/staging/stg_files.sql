-- Every landed file and what became of it.
select
    partition_date,
    source_path,
    status,
    reason,
    encoding,
    format,
    size_bytes,
    sha256,
    records,
    records_loaded
from {{ source('raw', 'files') }}
