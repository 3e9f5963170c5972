{# Fails for every combination of `columns` that occurs more than once
   (a local twin of dbt_utils.unique_combination_of_columns: no package download here). #}
{% test unique_combination_of_columns(model, columns) %}
select {{ columns }}, count(*) as n
from {{ model }}
group by {{ columns }}
having count(*) > 1
{% endtest %}
