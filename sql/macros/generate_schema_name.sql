{# Use the configured schema name as-is (`analytics`, not `main_analytics`):
   analysts and the warehouse contract refer to `analytics.*`. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
