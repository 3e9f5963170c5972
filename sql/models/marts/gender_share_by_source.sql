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
    count(*) filter (where speaker_type = 'person' and gender = 'female') as female_quotes,
    count(*) filter (where speaker_type = 'person' and gender = 'male') as male_quotes,
    count(*) filter (where speaker_type = 'person' and (gender = 'unknown' or gender is null)) as unknown_quotes,
    count(*) filter (where speaker_type = 'person') as quotes,
    count(*) filter (where speaker_type = 'organisation') as organisation_quotes,
    round(count(*) filter (where speaker_type = 'person' and gender = 'female')
          / nullif(count(*) filter (where speaker_type = 'person'), 0), 4) as female_share
from typed
group by source, day
