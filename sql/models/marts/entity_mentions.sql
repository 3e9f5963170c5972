-- Every mention of a counted article, with `entity` and `label` resolved across the warehouse
-- (int_entity_mentions).
select * from {{ ref('int_entity_mentions') }}
