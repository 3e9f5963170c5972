{#- The Gender Gap Tracker's counts over a relation of quotes with speaker_type and gender: people's quotes by
    gender, their total, the organisations' quotes apart, and the share of women with unknowns in the
    denominator. Groups and unnamed sources are in neither count. Used by gender_share_daily and
    gender_share_by_source, which differ only in what they group by. -#}
{% macro gender_share_columns() %}
    count(*) filter (where speaker_type = 'person' and gender = 'female') as female_quotes,
    count(*) filter (where speaker_type = 'person' and gender = 'male') as male_quotes,
    count(*) filter (where speaker_type = 'person' and (gender = 'unknown' or gender is null)) as unknown_quotes,
    count(*) filter (where speaker_type = 'person') as quotes,
    count(*) filter (where speaker_type = 'organisation') as organisation_quotes,
    round(count(*) filter (where speaker_type = 'person' and gender = 'female')
          / nullif(count(*) filter (where speaker_type = 'person'), 0), 4) as female_share
{% endmacro %}
