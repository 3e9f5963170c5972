select
    quote_id,
    article_id,
    partition_date,
    quote,
    kind,
    speaker,
    speaker_kind,
    speaker_type,
    speaker_mention,
    cue,
    start_char,
    end_char,
    continues_quote_id
from {{ source('core', 'quotes') }}
