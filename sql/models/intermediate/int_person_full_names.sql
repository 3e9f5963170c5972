-- Every name of two words or more that an article tags PERSON, as the article gives it (`entity`), and the
-- full name it stands for across the warehouse (`full_name`):
-- 1. up to two epithets are trimmed from the front (int_person_epithets: "Rapper Eminem" -> "Eminem",
--    "Chancellor Gordon Brown" -> "Gordon Brown"), when what is left is still a name: two words or more,
--    or, after a role, one word the warehouse tags PERSON more often than anything else and never writes
--    in lower case ("Fellow Bath", "Scottish Borderers", "American Idol" stay);
-- 2. spellings that differ only in accents or case become the most mentioned one ("Francois Hollande").
-- `person_like` says whether the full name looks like a person's, the only names a bare surname may link to
-- (int_person_surname_links): two words or more, capitalised words (particles such as "de", "van" allowed),
-- the first a first name from reference.first_names or at least a word no article writes in lower case
-- and the warehouse does not tag as something else ("Gordon", "Lleyton"; not "Dirty Harry", "St Mary",
-- "European Elvis", "Vivendi Universal"), and the full name tagged PERSON more often than anything else.

{#- A word that can open a person's name: a first name from reference.first_names, or a word that is no
    epithet, that no article writes in lower case and that the warehouse does not tag as something else. -#}
{%- set first_word_ok -%}
(@W in (select first_name from {{ ref('first_names') }})
 or (lower(@W) not in (select word from {{ ref('int_person_epithets') }})
     and lower(@W) not in (select word from lower_words)
     and @W not in (select entity from other_words)))
{%- endset -%}
{#- What is left after trimming epithets is still a name: two words or more, the first one that can open a
    name, or one word the warehouse tags PERSON more often than anything else and never writes in lower case. -#}
{%- set name_like -%}
coalesce(case when @N like '% %' then {{ first_word_ok | replace('@W', "split_part(@N, ' ', 1)") }}
              else @N in (select entity from person_words) and lower(@N) not in (select word from lower_words) end,
         false)
{%- endset %}
with mentions as (
    select m.article_id, m.mention, m.entity, m.label
    from {{ ref('stg_entity_mentions') }} m
    join {{ ref('int_articles') }} a using (article_id, partition_date)
), labels as (
    -- how the warehouse labels each entity string
    select entity,
           count(*) filter (where label = 'PERSON') as as_person,
           count(*) filter (where label <> 'PERSON') as as_other
    from mentions
    group by entity
), word_labels as (
    -- how the warehouse labels each word written alone, also where the article resolves it ("Eminem" in an
    -- article that says "Rapper Eminem" first)
    {{ person_word_labels('mentions') }}
), person_words as (
    select word as entity from word_labels where as_person > as_other
), other_words as (
    select word as entity from word_labels where as_other > as_person
), lower_words as (
    -- words written in lower case somewhere ("rapper", "dirty", "mark"): such a first word is a name only
    -- when reference.first_names has it
    select distinct word
    from (select unnest(regexp_extract_all(body, '\b[a-z]+\b')) as word from {{ ref('int_articles') }})
), people as (
    select entity, count(*) as n
    from mentions
    where label = 'PERSON' and entity like '% %'
    group by entity
), trim1 as (
    select p.entity, p.n, e.kind as kind1,
           case when e.word is not null then regexp_replace(p.entity, '^\S+\s+', '') end as t1
    from people p
    left join {{ ref('int_person_epithets') }} e on e.word = lower(split_part(p.entity, ' ', 1))
), trim2 as (
    select t.*, e.kind as kind2,
           case when t.t1 like '% %' and e.word is not null then regexp_replace(t.t1, '^\S+\s+', '') end as t2
    from trim1 t
    left join {{ ref('int_person_epithets') }} e on e.word = lower(split_part(t.t1, ' ', 1))
), trimmed as (
    -- the longest trim that leaves a name: two words or more, or one after a role ("Rapper Eminem" ->
    -- "Eminem"; "Fellow Bath", "Scottish Borderers", "American Idol" stay)
    select entity, n,
           case when {{ name_like | replace('@N', 't2') }} and (t2 like '% %' or kind2 = 'role') then t2
                when {{ name_like | replace('@N', 't1') }} and (t1 like '% %' or kind1 = 'role') then t1
                else entity end as name
    from trim2
), spellings as (
    select name, strip_accents(lower(name)) as name_key, sum(n) as n
    from trimmed
    group by name
), canonical as (
    select name_key, name as full_name
    from (select *, row_number() over (partition by name_key order by n desc, name) as rank from spellings)
    where rank = 1
), named as (
    select t.entity, c.full_name, t.n,
           case when t.name <> t.entity then 'epithet' else 'spelling' end as rule
    from trimmed t
    join canonical c on c.name_key = strip_accents(lower(t.name))
), full_labels as (
    select n.full_name, sum(coalesce(l.as_person, 0)) as as_person, sum(coalesce(l.as_other, 0)) as as_other
    from named n
    left join labels l on l.entity = n.entity
    group by n.full_name
)
select
    n.entity,
    n.full_name,
    n.rule,
    regexp_extract(n.full_name, '(\S+)$', 1) as surname,
    n.full_name like '% %'
      and regexp_matches(n.full_name,
            '^[A-Z][A-Za-z''.-]*[a-z][A-Za-z''-]*( (de|da|van|von|der|den|la|le|du|di|del|bin|al|dos|das|[A-Z][A-Za-z''.-]*[a-z][A-Za-z''-]*))+$')
      and {{ first_word_ok | replace('@W', "split_part(n.full_name, ' ', 1)") }}
      and fl.as_person > fl.as_other as person_like
from named n
join full_labels fl using (full_name)
