-- Every quote of a counted article, with `speaker` resolved across the warehouse: a bare surname the
-- article links on its own evidence (int_person_surname_links), else int_person_names;
-- `article_speaker` is the name the article gives on its own.
with people as (
    select distinct name, full_name from {{ ref('int_person_names') }} where from_label = 'PERSON'
), links as (
    select article_id, name, min(full_name) as full_name
    from {{ ref('int_person_surname_links') }}
    where linked
    group by article_id, name
)
select
    q.quote_id,
    q.article_id,
    q.partition_date,
    q.quote,
    q.kind,
    coalesce(l.full_name, n.full_name, q.speaker) as speaker,
    q.speaker_kind,
    q.speaker_type,
    q.speaker as article_speaker,
    q.speaker_mention,
    q.cue,
    q.start_char,
    q.end_char,
    q.continues_quote_id
from {{ ref('stg_quotes') }} q
join {{ ref('int_articles') }} a using (article_id, partition_date)
left join links l
  on l.article_id = q.article_id and l.name = q.speaker and q.speaker_kind is distinct from 'unnamed'
left join people n on n.name = q.speaker and q.speaker_kind is distinct from 'unnamed'
