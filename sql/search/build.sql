-- The BM25 search index over analytics.articles and analytics.quotes, and the two table macros analysts call.
--
-- pipelines/search.py runs this whole file inside ONE transaction (after every run that changed data), so a
-- reader sees the previous index or the new one, never half of one; a killed build rolls back. DuckDB's fts
-- indexes are tables built from a snapshot: they do not follow inserts, hence the rebuild.
--
-- Tokens: lower-cased, accents stripped, split on anything that is not a-z or 0-9 (fts's default ignore
-- pattern '(\\.|[^a-z])+' drops digits, and "G8", "2005", "9/11" would be unsearchable). Porter stemming
-- ("havens" = "haven", "talks" = "talk"), fts's English stopword list (571 words: "for", "the", "and", ...).
-- No catalog name anywhere: the index and the macros work on a copied or renamed warehouse file.

create schema if not exists search;

-- fts indexes tables, not views: a snapshot of what a hit shows, taken with the index, so a search reads
-- these tables only (analytics.quotes resolves speakers across the warehouse: 0.45 s a scan on the BBC corpus).
create or replace table search.articles as
    select article_id, article_date, coalesce(title, '') as title, byline, source_path, body
    from analytics.articles;

pragma create_fts_index('search.articles', 'article_id', 'title', 'body',
    stemmer = 'porter', stopwords = 'english', ignore = '[^a-z0-9]+',
    strip_accents = 1, lower = 1, overwrite = 1);

-- A quote is found by its words and by who said it ("Cameron haven").
create or replace table search.quotes as
    select q.quote_id, q.quote, coalesce(q.speaker, '') as speaker, q.kind, q.article_id, a.article_date, a.title
    from analytics.quotes as q
    join analytics.articles as a using (article_id);

pragma create_fts_index('search.quotes', 'quote_id', 'quote', 'speaker',
    stemmer = 'porter', stopwords = 'english', ignore = '[^a-z0-9]+',
    strip_accents = 1, lower = 1, overwrite = 1);

-- BM25 as fts's own match_bm25 computes it (k1 = 1.2, b = 0.75, the same idf), but read from the index's
-- postings for the query's terms only, instead of one match_bm25 call per document: on the BBC corpus
-- (17,000 quotes) that is milliseconds instead of a second. Query words are tokenized and stemmed as the
-- documents were; a word that is a stopword or not in any document adds nothing. Any word may match;
-- all_terms := true keeps only documents that contain every query word that is not a stopword.

-- select * from analytics.search_articles('Hollande Putin Kremlin coalition');
create or replace macro analytics.search_articles(query_text, all_terms := false) as table
    with query_words as (
        select distinct stem(token, 'porter') as term
        from (select unnest(fts_search_articles.tokenize(query_text)) as token)
        where token <> '' and token not in (select sw from fts_search_articles.stopwords)
    ),
    query_terms as (
        select dict.termid, dict.df from fts_search_articles.dict as dict join query_words using (term)
    ),
    tf as (
        select docid, termid, count(*) as tf from fts_search_articles.terms
        where termid in (select termid from query_terms) group by docid, termid
    ),
    scored as (
        select tf.docid,
               sum(log(((st.num_docs - qt.df + 0.5) / (qt.df + 0.5)) + 1)
                   * tf.tf * (1.2 + 1) / (tf.tf + 1.2 * (1 - 0.75 + 0.75 * docs.len / st.avgdl))) as score,
               count(*) as words_matched
        from tf
        join query_terms as qt using (termid)
        join fts_search_articles.docs as docs using (docid)
        cross join fts_search_articles.stats as st
        group by tf.docid
    )
    select a.article_id, a.article_date, a.title, a.byline, a.source_path, s.score
    from scored as s
    join fts_search_articles.docs as docs using (docid)
    join search.articles as a on a.article_id = docs.name
    where not all_terms or s.words_matched = (select count(*) from query_words)
    order by s.score desc, a.article_date desc, a.article_id;

-- select * from analytics.search_quotes('safe haven for ISIL');
create or replace macro analytics.search_quotes(query_text, all_terms := false) as table
    with query_words as (
        select distinct stem(token, 'porter') as term
        from (select unnest(fts_search_quotes.tokenize(query_text)) as token)
        where token <> '' and token not in (select sw from fts_search_quotes.stopwords)
    ),
    query_terms as (
        select dict.termid, dict.df from fts_search_quotes.dict as dict join query_words using (term)
    ),
    tf as (
        select docid, termid, count(*) as tf from fts_search_quotes.terms
        where termid in (select termid from query_terms) group by docid, termid
    ),
    scored as (
        select tf.docid,
               sum(log(((st.num_docs - qt.df + 0.5) / (qt.df + 0.5)) + 1)
                   * tf.tf * (1.2 + 1) / (tf.tf + 1.2 * (1 - 0.75 + 0.75 * docs.len / st.avgdl))) as score,
               count(*) as words_matched
        from tf
        join query_terms as qt using (termid)
        join fts_search_quotes.docs as docs using (docid)
        cross join fts_search_quotes.stats as st
        group by tf.docid
    )
    select q.quote_id, q.quote, nullif(q.speaker, '') as speaker, q.kind, q.article_date, q.title, q.article_id,
           s.score
    from scored as s
    join fts_search_quotes.docs as docs using (docid)
    join search.quotes as q on q.quote_id = docs.name
    where not all_terms or s.words_matched = (select count(*) from query_words)
    order by s.score desc, q.article_date desc, q.quote_id;

-- What the index was built from (pipelines/search.py fills in the stamp: see sql/search/stamp.sql).
create or replace table search.state (
    stamp varchar not null,
    built_at timestamp not null,
    articles bigint not null,
    quotes bigint not null
);
