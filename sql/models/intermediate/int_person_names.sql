-- Person names across the warehouse, from the names each article gives on its own. Three rules:
-- `spelling`: spellings that differ only in accents or case become the most used one ("Francois Hollande"
-- -> "François Hollande"); `epithet`: a role or title in front of a name is trimmed ("Rapper Eminem" ->
-- "Eminem", "Chancellor Gordon Brown" -> "Gordon Brown"), both from int_person_full_names; `surname`: a bare
-- surname becomes a full name from other articles only with evidence (int_person_surname_links: the
-- articles share rarer entities with the articles that give the full name, and the name looks like a
-- person's). The map is keyed by the name alone, as int_entity_mentions and int_quotes read it, so a
-- surname row is written only when every article that gives the bare word links it, to the same full name:
-- one football line-up's "Howard" keeps "Howard" out of the map, whatever the politics articles say.
-- A bare surname the model tagged ORG is linked only when the warehouse tags the word PERSON more often
-- ("Hollande" yes, "Ford" the carmaker no). Ties break by name, so the map depends only on what the
-- warehouse holds.
with surnames as (
    select name, from_label, min(full_name) as full_name
    from {{ ref('int_person_surname_links') }}
    group by name, from_label
    having bool_and(linked) and count(distinct full_name) = 1
)
select entity as name, 'PERSON' as from_label, full_name, 'PERSON' as label, rule
from {{ ref('int_person_full_names') }}
union all
select name, from_label, full_name, 'PERSON', 'surname' from surnames
