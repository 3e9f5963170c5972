-- The same as gender_share_daily (people only, organisations apart) per source (the outlet) and day, where
-- the source is known.
with typed as (
    select a.source, a.article_date as day, t.speaker_type, g.gender
    from {{ ref('int_quotes') }} q
    join {{ ref('int_articles') }} a using (article_id)
    join {{ ref('int_speaker_types') }} t using (speaker)
    left join {{ ref('int_speaker_gender') }} g using (speaker)
    where q.speaker_kind is distinct from 'unnamed' and a.source is not null
)
select
    source,
    day,
    {{ gender_share_columns() }}
from typed
group by source, day
