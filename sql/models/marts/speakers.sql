-- Everyone quoted by name (not the unnamed sources: "insider", "prosecutors"), with how much and when, per article
-- and per story, what kind of speaker they are (intermediate.int_speaker_types: person / organisation / group)
-- and, for people only, their estimated gender (intermediate.int_speaker_gender: from the articles' own words,
-- else the first name, else unknown). `quotations` counts a quotation written in parts ("A," he said, "B.") once.
select
    q.speaker,
    any_value(t.speaker_type) as speaker_type,
    count(*) as quotes,
    count(*) filter (where q.kind = 'direct') as direct_quotes,
    count(*) filter (where q.kind = 'partial') as partial_quotes,
    count(*) filter (where q.kind = 'reported') as reported_quotes,
    count(distinct coalesce(q.continues_quote_id, q.quote_id)) as quotations,
    count(distinct q.article_id) as articles,
    count(distinct s.story_id) as stories,
    min(a.article_date) as first_seen,
    max(a.article_date) as last_seen,
    any_value(g.gender) as gender,
    any_value(g.gender_source) as gender_source
from {{ ref('int_quotes') }} q
join {{ ref('int_articles') }} a using (article_id)
left join {{ ref('int_article_stories') }} s using (article_id)
left join {{ ref('int_speaker_types') }} t using (speaker)
left join {{ ref('int_speaker_gender') }} g using (speaker)
where q.speaker is not null and q.speaker_kind is distinct from 'unnamed'
group by q.speaker
