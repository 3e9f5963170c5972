-- Words that open a PERSON span without being part of the name, which int_person_full_names trims from the
-- front of a name. `kind`: `role` for job titles, roles, honorifics and ranks ("Rapper Eminem", "Chancellor
-- Gordon Brown", "Keeper Petr Cech", "Mr", "Gen Pervez Musharraf"), which may leave a one-word name
-- ("Eminem"); `descriptor` for relations, age and origin ("Fellow", "Former", "Russian Igor Andreev", "Tory
-- Neil Hamilton"), trimmed only when two words or more are left ("Fellow Bath", "Scottish Borderers" stay).
-- Lower case; compared with lower(first word). Not "Sir", "Lord", "St": those are part of how a name is
-- written ("Sir Alex Ferguson", "St Mary" the church).
select word, 'role' as kind from (values
    ('mr'), ('mrs'), ('ms'), ('miss'), ('dr'), ('prof'), ('professor'), ('rev'), ('doctor'),
    ('gen'), ('col'), ('capt'), ('sgt'), ('lt'), ('maj'), ('insp'), ('det'), ('supt'), ('cllr'),
    ('newcomer'),
    ('rapper'), ('singer'), ('star'), ('actor'), ('actress'), ('comedian'), ('producer'), ('director'), ('presenter'),
    ('host'), ('dj'), ('model'), ('designer'), ('artist'), ('author'), ('writer'), ('novelist'), ('playwright'),
    ('photographer'), ('journalist'), ('editor'), ('reporter'), ('critic'), ('columnist'), ('filmmaker'),
    ('film-maker'), ('songwriter'), ('drummer'), ('guitarist'), ('bassist'), ('frontman'), ('frontwoman'),
    ('vocalist'), ('dancer'), ('celebrity'),
    ('coach'), ('manager'), ('boss'), ('captain'), ('skipper'), ('striker'), ('midfielder'), ('defender'),
    ('goalkeeper'), ('keeper'), ('winger'), ('forward'), ('centre'), ('wing'), ('full-back'), ('fly-half'),
    ('scrum-half'), ('hooker'), ('prop'), ('flanker'), ('lock'), ('sprinter'), ('athlete'), ('champion'),
    ('holder'), ('boxer'), ('batsman'), ('bowler'), ('jockey'), ('trainer'), ('seed'),
    ('chancellor'), ('minister'), ('president'), ('premier'), ('chairman'), ('chairwoman'), ('chief'),
    ('secretary'), ('spokesman'), ('spokeswoman'), ('leader'), ('senator'), ('governor'), ('mayor'), ('general'),
    ('prosecutor'), ('lawyer'), ('judge'), ('detective'), ('inspector'), ('sergeant'), ('officer'),
    ('backbencher'), ('mp'), ('mep'), ('analyst'), ('economist'), ('bookmaker')
) as t(word)
union all
select word, 'descriptor' from (values
    ('former'), ('ex'), ('fellow'), ('colleague'), ('team-mate'), ('teammate'), ('compatriot'), ('countryman'),
    ('countrywoman'), ('rival'), ('opponent'), ('veteran'), ('teenager'), ('young'), ('legend'), ('ace'), ('tory'),
    ('american'), ('british'), ('english'), ('scottish'), ('welsh'), ('irish'), ('french'), ('german'),
    ('italian'), ('spanish'), ('dutch'), ('russian'), ('australian'), ('european'), ('briton'), ('scot'),
    ('welshman'), ('irishman'), ('englishman'), ('frenchman'), ('spaniard'), ('zealander')
) as t(word)
