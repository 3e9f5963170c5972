{# A relation's row-level rules in one test (one dbt node, one Dagster asset check, one pass over the
   relation for its column rules): rows with a NULL in a `not_null` column, values outside `accepted`
   (column -> accepted values; NULL is not checked there, as dbt's accepted_values), and each key of
   `keys` (a list of column lists) that occurs more than once (a one-column key ignores NULLs, as dbt's
   `unique`; a several-column key does not, as dbt_utils' unique_combination_of_columns).
   It replaced 81 tests of those four kinds (one per column, key or value list; 86 -> 41 dbt tests, the
   same 117 rules, compared from the manifests). Each test is a dbt node with its own start-up, catalog
   transaction and Dagster event: `dbt build` 23.9 -> 21.6 s on a 1,000-file DuckLake and 17.5 -> 15.3 s on
   the seeds file (3 alternating runs each). The failing rows say which rule they break and how many rows
   (or duplicated keys) break it; the test fails on their sum. #}
{% test row_rules(model, keys=[], not_null=[], accepted={}) %}
{{ config(fail_calc="coalesce(sum(failures), 0)") }}
{%- set row_checks = [] -%}
{%- for column in not_null -%}
  {%- do row_checks.append("case when " ~ column ~ " is null then '" ~ column ~ " is null' end") -%}
{%- endfor -%}
{%- for column, values in accepted.items() -%}
  {%- set literals = [] -%}
  {%- for value in values -%}{%- do literals.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}{%- endfor -%}
  {%- do row_checks.append("case when " ~ column ~ " not in (" ~ literals | join(", ") ~ ") then '"
                            ~ column ~ " not in (" ~ values | join(", ") ~ ")' end") -%}
{%- endfor -%}
{%- set branches = [] -%}
{%- if row_checks -%}
  {%- do branches.append("select rule, count(*) as failures from (select unnest([" ~ row_checks | join(", ")
                         ~ "]) as rule from " ~ model ~ ") where rule is not null group by rule") -%}
{%- endif -%}
{%- for key in keys -%}
  {%- set columns = key | join(", ") -%}
  {%- do branches.append("select 'duplicate (" ~ columns ~ ")' as rule, count(*) as failures from (select "
                         ~ columns ~ " from " ~ model ~ (" where " ~ key[0] ~ " is not null" if key | length == 1 else "")
                         ~ " group by all having count(*) > 1) having count(*) > 0") -%}
{%- endfor -%}
{{ branches | join("\nunion all\n") if branches else "select null as rule, 0 as failures where false" }}
{% endtest %}
