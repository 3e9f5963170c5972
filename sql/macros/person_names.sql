{# Shared by int_person_full_names and int_person_surname_links. #}

{% macro person_word_labels(mentions) -%}
    {#- How the warehouse labels each word written alone (also where the article resolves it to a longer
        name): `word`, `as_person`, `as_other`, over a relation of counted mentions (mention, label). -#}
    select mention as word,
           count(*) filter (where label = 'PERSON') as as_person,
           count(*) filter (where label <> 'PERSON') as as_other
    from {{ mentions }}
    where mention not like '% %'
    group by mention
{%- endmacro %}
