{# Relations inside the views are written without their catalog ("staging.stg_files", not
   "warehouse"."staging"."stg_files"): DuckDB resolves them in the view's own catalog, so the views
   keep working on a copied or renamed warehouse file and on a DuckLake attached under any alias.
   dbt-duckdb would otherwise write the file's stem into every view. #}
{% macro ref() -%}
    {%- do return(builtins.ref(*varargs, **kwargs).include(database=False)) -%}
{%- endmacro %}

{% macro source() -%}
    {%- do return(builtins.source(*varargs, **kwargs).include(database=False)) -%}
{%- endmacro %}
