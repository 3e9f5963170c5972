-- The warehouse-wide person name map: spellings, epithets and evidenced surnames (int_person_names).
select * from {{ ref('int_person_names') }}
