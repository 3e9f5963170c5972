-- Per day (article date): quotes of people quoted by name, by the person's estimated gender, and the share of
-- women among them with unknowns in the denominator. People only, as the Gender Gap Tracker counts: an
-- organisation's quotes ("the OECD said") are counted apart in organisation_quotes; groups ("officials") and
-- unnamed sources ("a spokeswoman") are in neither.
with typed as (
    select a.article_date as day, t.speaker_type, g.gender
    from {{ ref('int_quotes') }} q
    join {{ ref('int_articles') }} a using (article_id)
    join {{ ref('int_speaker_types') }} t using (speaker)
    left join {{ ref('int_speaker_gender') }} g using (speaker)
    where q.speaker_kind is distinct from 'unnamed'
)
select
    day,
    {{ gender_share_columns() }}
from typed
group by day
