select
    article_id,
    partition_date,
    mention,
    label,
    entity,
    start_char,
    end_char
from {{ source('core', 'entity_mentions') }}
