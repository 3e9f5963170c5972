-- Each quote with its speaker, its article, and the entities named inside the quote.
select
    q.quote_id,
    q.article_id,
    a.article_date,
    a.title,
    q.speaker,
    q.speaker_mention,
    q.cue,
    q.kind,
    q.quote,
    list(distinct m.entity order by m.entity) filter (where m.entity is not null) as entities,
    list(distinct m.label || ':' || m.entity order by m.label || ':' || m.entity) filter (where m.entity is not null) as labelled_entities
from {{ ref('int_quotes') }} q
join {{ ref('int_articles') }} a using (article_id)
left join {{ ref('int_entity_mentions') }} m
  on m.article_id = q.article_id
 and m.start_char >= q.start_char
 and m.end_char <= q.end_char
group by all
