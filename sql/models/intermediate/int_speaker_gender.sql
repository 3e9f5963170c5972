-- Each person quoted by name (int_speaker_types), with a gender estimated from names and text, and where the estimate came from:
-- 1. `override`: pipelines/data/speaker_genders.csv (reference.speaker_genders), edited by hand;
-- 2. `text`: what the articles say of the person: the pronoun a quote was attributed through
--    ("…," she said), a gendered noun in the attribution ("a spokeswoman"), a gendered title right
--    before a mention of the name ("Ms Cooper", "Mr Cameron"); used when one gender has at least
--    two thirds of that evidence;
-- 3. `first_name`: for a speaker the warehouse tags as a person, with a first and a last name, the
--    first name in a lexicon derived from names-dataset (reference.first_names,
--    pipelines/data/first_names.csv), when at least 80% of its bearers have one gender;
-- 4. else `unknown`.
with speakers as (
    -- people only: an organisation or a group has no gender (int_speaker_types)
    select speaker from {{ ref('int_speaker_types') }} where speaker_type = 'person'
), attributions as (
    select speaker,
           count(*) filter (where regexp_matches(lower(speaker_mention),
               '^(she|her)$|\b(spokeswoman|chairwoman|businesswoman|congresswoman|actress|mother|daughter|wife|sister|grandmother|queen|princess|duchess|baroness|mrs|ms|miss|lady|dame|woman|girl)\b')) as female,
           count(*) filter (where regexp_matches(lower(speaker_mention),
               '^(he|him)$|\b(spokesman|chairman|businessman|congressman|actor|father|son|husband|brother|grandfather|king|prince|duke|baron|mr|sir|lord|man|boy)\b')) as male
    from {{ ref('int_quotes') }}
    where speaker is not null and speaker_mention is not null
    group by speaker
), titled as (
    select m.entity as speaker,
           substr(a.body, greatest(m.start_char - 5, 0) + 1, m.start_char - greatest(m.start_char - 5, 0)) as before
    from {{ ref('int_entity_mentions') }} m
    join {{ ref('int_articles') }} a using (article_id)
    where m.label = 'PERSON' and m.entity in (select speaker from speakers)
), titles as (
    select speaker,
           count(*) filter (where regexp_matches(before, '(^|[^A-Za-z])(Mrs|Ms|Miss|Lady|Dame)\.? $')) as female,
           count(*) filter (where regexp_matches(before, '(^|[^A-Za-z])(Mr|Sir|Lord)\.? $')) as male
    from titled
    group by speaker
), people as (
    -- the first name of a person's full name (NULL for one word), computed here so the lexicon join below
    -- stays a hash join (a LIKE in its ON clause made it a nested loop: 5 s on the BBC corpus)
    select speaker, case when speaker like '% %' then split_part(speaker, ' ', 1) end as first_word
    from (select distinct entity as speaker from {{ ref('int_entity_mentions') }} where label = 'PERSON')
), evidence as (
    select s.speaker,
           coalesce(a.female, 0) + coalesce(t.female, 0) as female_evidence,
           coalesce(a.male, 0) + coalesce(t.male, 0) as male_evidence
    from speakers s
    left join attributions a using (speaker)
    left join titles t using (speaker)
), decided as (
    -- each kind of evidence's answer, once: the text's (two thirds of it one way), the first name's (80%)
    select
        e.*,
        o.gender as override_gender,
        case
            when e.female_evidence >= 2 * e.male_evidence and e.female_evidence > 0 then 'female'
            when e.male_evidence >= 2 * e.female_evidence and e.male_evidence > 0 then 'male'
        end as text_gender,
        case when n.share >= 0.8 then case n.gender when 'F' then 'female' when 'M' then 'male' end end
            as name_gender,
        n.gender as first_name_gender,
        n.share as first_name_share
    from evidence e
    left join {{ ref('speaker_genders') }} o on o.speaker = e.speaker
    left join people p on p.speaker = e.speaker
    left join {{ ref('first_names') }} n on n.first_name = p.first_word
)
select
    speaker,
    coalesce(override_gender, text_gender, name_gender, 'unknown') as gender,
    case
        when override_gender is not null then 'override'
        when text_gender is not null then 'text'
        when name_gender is not null then 'first_name'
        else 'unknown'
    end as gender_source,
    female_evidence,
    male_evidence,
    first_name_gender,
    first_name_share
from decided
