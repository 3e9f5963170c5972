-- Per day (article date): quotes with a named speaker (unnamed sources left out) by the speaker's estimated gender, and the
-- share of women among them with unknowns in the denominator, as the Gender Gap Tracker reports it.
select
    a.article_date as day,
    count(*) filter (where g.gender = 'female') as female_quotes,
    count(*) filter (where g.gender = 'male') as male_quotes,
    count(*) filter (where g.gender = 'unknown' or g.gender is null) as unknown_quotes,
    count(*) as quotes,
    round(count(*) filter (where g.gender = 'female') / count(*), 4) as female_share
from {{ ref('int_quotes') }} q
join {{ ref('int_articles') }} a using (article_id)
left join {{ ref('int_speaker_gender') }} g using (speaker)
where q.speaker is not null and q.speaker_kind is distinct from 'unnamed'
group by a.article_date
