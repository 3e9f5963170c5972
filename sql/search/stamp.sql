-- What the data the index covers was made from: every landing date's last run (fingerprint, pipeline
-- version, when) and the last dbt build. A partition that ran or a dbt build changes it; a no-op run does
-- not. pipelines/search.py adds a hash of build.sql, so a changed index definition rebuilds too.
select md5(
    coalesce((select string_agg(concat_ws(':', partition_date, fingerprint, pipeline_version, updated_at), ','
                                order by partition_date)
              from meta.partition_state), '')
    || '|' ||
    coalesce((select concat_ws(':', version, built_at) from meta.builds where name = 'dbt'), '')
) as stamp;
