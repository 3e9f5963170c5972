-- Each named speaker's type across the warehouse (person / organisation / group): the type most of its quotes
-- have in their own articles, so "Yukos" is one kind of speaker in every row and every count. A tie goes to
-- organisation, then person: an organisation's type comes from evidence the article gives ("oil giant Yukos",
-- "Yukos said it"), while "person" is also what a name with no evidence and a PERSON label gets.
-- Unnamed sources ("a spokeswoman", "officials") are descriptions, not one speaker: they keep their own type.
with counts as (
    select speaker, speaker_type, count(*) as quotes
    from {{ ref('int_quotes') }}
    where speaker is not null and speaker_kind is distinct from 'unnamed' and speaker_type is not null
    group by speaker, speaker_type
)
select
    speaker,
    arg_max(speaker_type, quotes * 4 + case speaker_type when 'organisation' then 3 when 'person' then 2
                                                         when 'group' then 1 else 0 end) as speaker_type,
    sum(quotes) as quotes
from counts
group by speaker
