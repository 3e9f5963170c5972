-- Every quote of a counted article, with `speaker` resolved across the warehouse
-- (int_quotes), `article_speaker` as the article gives it on its own, `speaker_type` the speaker's type across
-- the warehouse (int_speaker_types; the article's own in `article_speaker_type`) and
-- `quote_cluster_id`: the same quotation across articles (analytics.quote_clusters).
select
    q.* replace (coalesce(t.speaker_type, q.speaker_type) as speaker_type),
    q.speaker_type as article_speaker_type,
    f.quote_cluster_id,
    s.story_id
from {{ ref('int_quotes') }} q
left join {{ ref('int_speaker_types') }} t
  on t.speaker = q.speaker and q.speaker_kind is distinct from 'unnamed'
left join {{ ref('int_quote_forms') }} f using (quote_id)
left join {{ ref('int_article_stories') }} s using (article_id)
