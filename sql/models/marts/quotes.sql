-- Every quote of a counted article, with `speaker` resolved across the warehouse
-- (int_quotes), `article_speaker` as the article gives it on its own, and
-- `quote_cluster_id`: the same quotation across articles (analytics.quote_clusters).
select q.*, f.quote_cluster_id, s.story_id
from {{ ref('int_quotes') }} q
left join {{ ref('int_quote_forms') }} f using (quote_id)
left join {{ ref('int_article_stories') }} s using (article_id)
