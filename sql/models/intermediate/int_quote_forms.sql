-- Every quotation's normalised form (Quotebank's: lower case, punctuation dropped, spaces collapsed)
-- and the quotation it belongs to: the longest form in the warehouse that contains it word for word
-- (a partial quote joins the full quotation it is part of), else itself. Forms of 4 words or more join
-- longer ones; candidates are found through the short form's first three words.
with forms as (
    select quote_id,
           trim(regexp_replace(regexp_replace(lower(quote), '[^\p{L}\p{N}\s]', ' ', 'g'), '\s+', ' ', 'g')) as norm
    from {{ ref('int_quotes') }}
), distinct_forms as (
    select norm, string_split(norm, ' ') as words, len(string_split(norm, ' ')) as n_words
    from forms
    where norm <> ''
    group by norm
), grams as (
    select norm, n_words, unnest(list_transform(range(1, n_words - 1),
                                                i -> array_to_string(list_slice(words, i, i + 2), ' '))) as gram
    from distinct_forms
    where n_words >= 5
), containing as (
    select s.norm, l.norm as longer, l.n_words
    from distinct_forms s
    join grams l
      on l.gram = array_to_string(list_slice(s.words, 1, 3), ' ')
     and l.n_words > s.n_words
    where s.n_words >= 4
      and contains(' ' || l.norm || ' ', ' ' || s.norm || ' ')
), roots as (
    select d.norm,
           coalesce(max({n: c.n_words, longer: c.longer}).longer, d.norm) as root
    from distinct_forms d
    left join containing c using (norm)
    group by d.norm
)
select f.quote_id, f.norm, r.root, substr(md5(r.root), 1, 16) as quote_cluster_id
from forms f
join roots r using (norm)
