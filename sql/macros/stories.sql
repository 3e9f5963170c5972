{# Incremental story comparison (int_story_pairs): which landing dates need comparing, and forgetting them. #}

{% macro story_date_versions() -%}
    {#- Each landing date's comparable articles as one version: a hash of its (article_id, minhash) set. -#}
    select partition_date, bit_xor(hash(article_id, minhash)) as version
    from {{ ref('stg_articles') }}
    where shingles > 0
    group by partition_date
{%- endmacro %}

{% macro story_changed_dates(versions=none) -%}
    {#- Landing dates whose articles changed since int_story_pairs last compared them (every date on a first
        or full build): partition_date and the version to record. `versions`: a relation already holding
        story_date_versions(), else it is computed here. -#}
    select v.partition_date, v.version
    from {{ versions if versions else '(' ~ story_date_versions() ~ ')' }} v
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} t
        where t.article_a is null and t.compared_date = v.partition_date and t.compared_version = v.version
    )
    {%- endif %}
{%- endmacro %}

{% macro story_forget_changed_dates() -%}
    {#- Pre-hook of int_story_pairs: delete the pairs and marker rows of every date about to be compared, and
        of dates that no longer have comparable articles. -#}
    {%- if is_incremental() -%}
    with versions as (
        {{ story_date_versions() }}
    ), forget as (
        {{ story_changed_dates('versions') }}
    )
    delete from {{ this }}
    where coalesce(compared_date, date_a) in (select partition_date from forget)
       or date_b in (select partition_date from forget)
       or coalesce(compared_date, date_a) not in (select partition_date from versions)
       or date_b not in (select partition_date from versions)
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
