-- Bare surnames linked to a full name from other articles, one row per article and bare name, only with
-- evidence that the articles are about the same person. An article that gives a one-word name ("Howard",
-- tagged PERSON, or ORG, when the warehouse tags the word PERSON more often than anything else) and no full
-- name ending in it is compared with each person-like full name ending in that word (int_person_full_names)
-- through the other entities they mention: the entities the article shares with the articles that give the
-- full name, each weighted by its rarity, ln(counted articles / articles mentioning it) / ln(counted
-- articles / 2) (1 for an entity only two articles mention). The best candidate links when it shares at
-- least `person_link_min_shared` (3) entities, `person_link_min_non_places` (1) of them not a place or
-- nationality, weighing `person_link_min_score` (2.15) in all and at least `person_link_margin` (2) times
-- the runner-up. "Subs: Howard, Giggs" in a Manchester United report shares Giggs, Scholes, Rooney, Alex
-- Ferguson with Tim Howard's articles (8.7) and next to nothing with Michael Howard's (0.3); a politics
-- article's "Mr Howard" shares David Davis, Mark Oaten, the Conservative Party with Michael Howard's.
-- Ties break by score, shared entities, then name. Measured on the BBC corpus: README "Cross-article name
-- linking", tests/fixtures/person_links_sample.md.
with mentions as (
    select m.article_id, m.mention, m.entity, m.label
    from {{ ref('stg_entity_mentions') }} m
    join {{ ref('int_articles') }} a using (article_id, partition_date)
), counted_articles as (
    select count(*) as n from {{ ref('int_articles') }}
), article_entities as (
    -- `place`: a place, nationality or language ("Argentina", "Italian"), which many unrelated people share
    select article_id, strip_accents(lower(entity)) as entity_key,
           bool_and(label in ('GPE', 'LOC', 'NORP', 'LANGUAGE')) as place
    from mentions
    group by all
), rarity as (
    -- ln(counted articles / articles mentioning it), in units of the rarest an entity two articles share can
    -- be, ln(counted articles / 2): 1 for an entity only the two articles mention, whatever the warehouse size
    -- (in a warehouse of two articles every shared entity is that)
    select entity_key,
           case when n > 2 then ln(n / count(*)) / ln(n / 2) else 1 end as weight
    from article_entities, counted_articles
    group by entity_key, n
), bare_labels as (
    -- how the model labels the word written alone across the warehouse (also where the article resolves it)
    {{ person_word_labels('mentions') }}
), bare as (
    -- a one-word PERSON or ORG the warehouse tags PERSON more often than anything else ("Hollande";
    -- not "England", "Wales", "Universal" when a line-up or a credit tags them PERSON once)
    select m.article_id, m.entity as surname, m.label as from_label, count(*) as mentions
    from mentions m
    join bare_labels l on l.word = m.entity
    where m.entity not like '% %'
      and m.label in ('PERSON', 'ORG')
      and l.as_person > l.as_other
    group by all
), names as (
    select * from {{ ref('int_person_full_names') }}
), full_articles as (
    -- the articles that give each person-like full name, in any spelling
    select distinct n.full_name, n.surname, m.article_id
    from names n
    join mentions m on m.entity = n.entity and m.label = 'PERSON'
    where n.person_like
), candidates as (
    select b.article_id, b.surname, b.from_label, b.mentions, f.full_name, count(*) as full_articles
    from bare b
    join full_articles f on f.surname = b.surname and f.article_id <> b.article_id
    -- an article that gives a full name ending in the word itself is left to its own resolution
    where not exists (select 1 from names n2 join mentions m2 on m2.entity = n2.entity and m2.label = 'PERSON'
                      where m2.article_id = b.article_id and n2.surname = b.surname)
    group by all
), full_entities as (
    -- every entity of the articles that give each full name (a candidate article is never one of them:
    -- candidates give no full name ending in the word)
    select distinct f.full_name, o.entity_key
    from full_articles f
    join article_entities o using (article_id)
), candidate_entities as materialized (
    -- each candidate's own entities, the name's own words left out; materialised so the join below starts
    -- from these few rows (left to the planner, it joined every full name's entities by entity first: 4.6M
    -- rows, 8 s on the BBC corpus)
    select c.article_id, c.surname, c.from_label, c.full_name, e.entity_key, e.place
    from candidates c
    join article_entities e on e.article_id = c.article_id
    where e.entity_key <> lower(strip_accents(c.surname))
      and not e.entity_key like '% ' || lower(strip_accents(c.surname))
), shared as (
    -- entities the article shares with the full name's articles
    select ce.*
    from candidate_entities ce
    join full_entities fe on fe.full_name = ce.full_name and fe.entity_key = ce.entity_key
), evidence as (
    select c.article_id, c.surname, c.from_label, c.mentions, c.full_name, c.full_articles,
           count(s.entity_key) as shared_entities,
           count(s.entity_key) filter (where not s.place) as shared_non_places,
           coalesce(sum(r.weight), 0) as score,
           string_agg(s.entity_key, '; ' order by r.weight desc, s.entity_key) as shared_list
    from candidates c
    left join shared s using (article_id, surname, from_label, full_name)
    left join rarity r using (entity_key)
    group by all
), ranked as (
    select *,
           row_number() over (partition by article_id, surname, from_label
                              order by score desc, shared_entities desc, full_name) as rank,
           count(*) over (partition by article_id, surname, from_label) as candidates
    from evidence
), best as (
    select b.*, coalesce(r2.score, 0) as runner_up_score, r2.full_name as runner_up
    from ranked b
    left join ranked r2
      on r2.article_id = b.article_id and r2.surname = b.surname and r2.from_label = b.from_label and r2.rank = 2
    where b.rank = 1
)
select
    b.article_id,
    b.surname as name,
    b.from_label,
    b.mentions,
    e.full_name as candidate,
    coalesce(e.candidates, 0) as candidates,
    e.full_articles,
    e.shared_entities,
    e.shared_non_places,
    round(e.score, 3) as score,
    e.runner_up,
    round(e.runner_up_score, 3) as runner_up_score,
    e.shared_list as shared,
    coalesce(e.shared_entities >= {{ var('person_link_min_shared', 3) }}
             and e.shared_non_places >= {{ var('person_link_min_non_places', 1) }}
             and e.score >= {{ var('person_link_min_score', 2.15) }}
             and e.score >= {{ var('person_link_margin', 2) }} * e.runner_up_score, false) as linked,
    case when linked then e.full_name end as full_name
from bare b
left join best e using (article_id, surname, from_label)
