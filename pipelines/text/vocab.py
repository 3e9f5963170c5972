"""Word lists the entity and quote rules read: titles, name particles, head nouns, cue verbs, pronouns.

One place for every hand-kept list, so a rule module imports words from here and
nothing else (no module imports another's rules for its words). Lists learned or
built from data live under ``pipelines/data/`` and load through
:mod:`pipelines.text.lexicons`.
"""

from __future__ import annotations

# --- entities ---------------------------------------------------------------------------------------------

DROP_LABELS = frozenset({"DATE", "CARDINAL", "MONEY", "PERCENT", "TIME", "ORDINAL", "QUANTITY"})

# Words that precede a name but are not part of it. Stripped from PERSON
# mentions (and used by quotes.py to recognise "Mr Frydenberg").
TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
    president vice prime minister chancellor senator sen. sen rep. rep gov. gov governor
    general gen. gen secretary king queen prince princess pope judge justice
    chairman chairwoman chief executive analyst coach captain capt. mayor deputy
    ambassador spokesman spokeswoman director manager boss striker midfielder
    defender goalkeeper singer actor actress star rev. rev reverend father
    foreign defence defense home finance economy trade health interior
    shadow state leader chief-executive commissioner inspector officer
    """.split()
)
# Job titles and epithets that the entity rules alone strip or drop (the quote rules read TITLES, not these): the
# C-suite acronyms ("its CEO", "COO and president Mike Siever") and role words written before a name
# ("Producer Aamir Khan", "Rapper Eminem", "Fellow Bath"; on PolNeAR train "Founder Beverly Bond", "Billionaire Donald
# Trump", "Archbishop Aris Shirvanian").
EPITHETS = TITLES | frozenset(
    """
    ceo coo cfo cto cio cmo producer rapper composer writer author editor presenter comedian fellow
    founder co-founder billionaire businessman businesswoman tycoon mogul magnate archbishop cardinal
    rabbi imam sheriff columnist pundit commentator strategist pollster lawmaker congressman
    congresswoman representative nominee candidate activist universe
    """.split()
)
# Acronyms of common nouns (technology, media, medicine, finance, honours, time zones), never a name on their
# own, which the small model tags ORG ("enhanced AI technology", "an open programmatic RTB exchange", "the
# highest CTR", "healthcare ICT", "at the ICU level"; on the BBC: "USB", "SMS", "GMT", "GDP", "DVD"). Read off
# the model's one-word all-capitals ORGs on 150 BBC files and all html-dev pages, plus their usual kin.
COMMON_ACRONYMS = frozenset(
    """
    ai api ar vr iot saas b2b b2c ctr cpm cpc cpa rtb roi kpi seo sem crm erp ict it icu hiv dna rna mri
    gps usb sms mms dvd cd tv hdtv lcd led oled pc cpu gpu suv ev awd rwd gmt bst est pst edt pdt utc gdp gnp
    cpi ipo etf eps rrp vat vip mep mp cbe obe mbe gcse phd mba http https url adsl dsl wifi aac mp3 pdf drm
    faq r&b 3d 4g 5g lte nft
    """.split()
)
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "spokesman", "chairman", "actor"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman", "actress"}
)
PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "al", "el", "bin",
                       "ben", "ibn", "dos", "das"})
ORG_HEADS = frozenset(
    """
    foundation institute institution council association party ministry department agency
    bank corporation company university college commission committee union organisation
    organization group inc inc. ltd ltd. plc corp corp. court authority office
    society trust club fund board network federation-of league coalition
    """.split()
)
# a capitalised word right after one of these is a place, not a person called by the first name ("in Orlando")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
# head words of names that are not organisations, and the label such a name has
NOT_ORG_HEADS = {"act": "LAW", "bill": "LAW", "award": "EVENT", "awards": "EVENT", "prize": "EVENT",
                 "show": "EVENT", "index": "PRODUCT", "telescope": "PRODUCT",
                 # buildings are FAC (OntoNotes): "Ameris Bank Amphitheatre", "PNC Music Pavilion" ORG for the
                 # model. Only words that name nothing but a building: a "Center" or a "Theater" is often
                 # the organisation too (Goddard Space Flight Center, Jeongdong Theater).
                 "amphitheatre": "FAC", "amphitheater": "FAC", "arena": "FAC", "stadium": "FAC",
                 "pavilion": "FAC", "ballpark": "FAC", "speedway": "FAC",
                 # on PolNeAR train: "Trump Tower" ORG, "Democratic National Convention" ORG
                 "tower": "FAC", "convention": "EVENT", "championship": "EVENT", "championships": "EVENT",
                 "tournament": "EVENT", "olympics": "EVENT",
                 # laws and treaties ("North American Free Trade Agreement", "Thrift Savings Plan" ORG; not a
                 # "Partnership" or a "Program", which can be an organisation's unit: "Nuclear Policy Program")
                 "agreement": "LAW", "treaty": "LAW", "amendment": "LAW", "accord": "LAW", "accords": "LAW",
                 "plan": "LAW"}
# Head words that make a name the model calls a person or a place an event or a building: "Wimbledon
# Championships" PERSON, "Las Vegas Convention Center" GPE. Not "bill" or "act" (a first name, a surname).
NOT_PERSON_HEADS = {head: label for head, label in NOT_ORG_HEADS.items() if head not in ("bill", "act")} | {
    "center": "FAC", "centre": "FAC", "airport": "FAC", "hotel": "FAC", "cup": "EVENT", "open": "EVENT"}
TITLE_NOUNS = frozenset({"minister", "secretary", "spokesman", "spokeswoman", "chief", "correspondent", "editor"})
# a name right after one of these is a person ("Mr Cable", "Dr Khoo")
HONORIFICS = MALE_TITLES | FEMALE_TITLES | {"dr", "dr."}

# Marks of a possessive, cut from a name's ends ("Putin's" -> "Putin") and looked for inside one ("Vietnam's
# Communist Party").
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Articles cut from a name's start ("the Asia-Pacific Foundation").
LEADING_ARTICLES = frozenset({"the", "The"})
# What a token before a sentence's or a quotation's first word can be: a capital "The" after one of these is an
# ordinary sentence start, not part of a name ("“The Doobie Brothers…").
SENTENCE_OPENERS = frozenset(".!?:;\"“‘'([—–-•")
# A name with one of these signs names a product, not an organisation ("Digital Intuition®").
TRADEMARKS = ("®", "™")
# Lowercase links inside a place's name before a river or region ("Braunau am Inn", "Newcastle upon Tyne").
PLACE_LINKS = frozenset({"am", "upon", "an", "im", "sur", "on"})
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                     "july august september october november december".split())
CALENDAR_SHORT = frozenset("mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov "
                           "dec".split())
# Plurals that name a party's members ("Virginia Democrats"): a NORP, not a person.
PARTY_PLURALS = frozenset({"democrats", "republicans", "conservatives", "liberals", "tories", "socialists",
                           "greens", "nationalists", "unionists"})
# Lowercase nouns after a name that make the name a product's or a building's ("the Digistat Patient Watch
# solution", "its popular 737 Max jet", "the Hazel Hen supercomputer", "Hoa Lo prison", "Belmarsh jail").
PRODUCT_NOUNS = frozenset("""
    solution solutions system systems software device devices app apps platform jet jets plane planes aircraft
    airliner airliners car cars sedan truck trucks phone phones smartphone smartphones supercomputer computer
    laptop tablet telescope satellite spacecraft rocket console drug vaccine bacterium
""".split())
FACILITY_NOUNS = frozenset("prison jail hotel airport stadium arena bridge mall".split())
# Common nouns for a publication or a news source, which name the organisation right after them ("the journal
# Nature Astronomy").
MEDIA_NOUNS = frozenset({"journal", "magazine", "newspaper", "website", "tabloid", "broadsheet", "agency", "blog"})
# last words of newspapers' names: "Orlando Sentinel", "Chicago Tribune" are papers, though "Orlando" is a first name
NEWSPAPER_HEADS = frozenset({"times", "post", "journal", "tribune", "herald", "gazette", "chronicle", "register",
                             "observer", "sentinel", "inquirer", "examiner", "dispatch", "courier", "bulletin"})
# Lowercase words inside an organisation's name ("Monthly Notices of the Royal Astronomical Society").
NAME_LINKS = frozenset({"of", "the", "and", "&"})
# words that carry a body's name on past its head word: "Committee on Benghazi", "Coalition for the Homeless"
TAIL_LINKS = frozenset({"of", "for", "on"})
# bodies named for what they are "on": "Committee on Benghazi", "Council on Foreign Relations"
TOPIC_BODY_HEADS = frozenset({"committee", "subcommittee", "commission", "council", "panel"})
# Words after which a name is where the news came from: "according to (the) X", "published by/on X", "told the X".
SOURCE_CUES = (("according", "to"), ("published", "by"), ("published", "on"), ("published", "in"),
               ("reported", "by"), ("analysis", "from"), ("survey", "from"), ("poll", "from"), ("told", None),
               ("owned", "by"))
# Nouns that say a name is a company's: "Hipcricket, a mobile marketing company", "Developer Valve called".
COMPANY_NOUNS = frozenset("""
    company firm startup start-up carrier airline developer automaker carmaker retailer lender insurer
    publisher broadcaster conglomerate manufacturer chipmaker supermarket giant miner refiner drugmaker brewer
""".split())
# Plurals of company nouns before "such as" / "like" / "including" and a name: "companies such as oil giant
# Yukos", "firms like Yukos".
COMPANY_PLURALS = frozenset("companies firms carriers airlines retailers lenders insurers banks giants".split())
# Nouns that only a company has, after a name or its possessive: "Yukos' key production unit", "Yukos shares",
# "Yukos' largest shareholder", "Yukos' oil output" (a person has no shareholders, subsidiaries or output), and
# "chief executive" ("Yukos chief executive Steven Theede"; "executive" alone is also "Obama's executive action").
CORPORATE_NOUNS = frozenset("""
    share shares shareholder shareholders stockholders subsidiary subsidiaries unit units division divisions
    output asset assets executives
""".split())
# Stock exchanges written before a ticker: "(NYSE: BA)", "(Nasdaq: AAPL)".
EXCHANGES = frozenset({"nyse", "nasdaq", "lse", "tsx", "asx", "otc", "amex", "six", "euronext", "xetra"})
# Labels of names whose bracketed acronym stands for them later ("Hang Seng Index (HSI)").
ACRONYM_OWNERS = frozenset({"ORG", "GPE", "FAC", "NORP", "PRODUCT", "EVENT", "LAW"})
# Endings of a nationality word ("Afghan", "Pakistani", "Chinese", "Turkish", "Israeli").
DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i")
# Words that join the items of a list of names ("Uber or Lyft or Postmates").
LIST_LINKS = frozenset({",", "and", "or", "&"})
# Marks that end a listing line's head ("June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL").
LISTING_DASHES = frozenset({"-", "--", "–", "—", "|", ":"})
# Lowercase words and marks inside a venue's name ("Hollywood Casino Amphitheatre - Chicago").
VENUE_LINKS = frozenset({"at", "of", "the", "and", "&", "on", "(", ")", "-", "–", "'s", "’s", "."})

# --- quotes: speakers, cues and pronouns -------------------------------------------------------------

# Verbs that attribute a quote placed next to them.
SPEECH_VERBS = frozenset(
    """
    say tell add warn claim insist argue explain state announce declare note suggest
    admit acknowledge deny confirm predict stress emphasise emphasize maintain reveal
    report write reply respond ask answer comment continue conclude observe agree
    complain vow promise recall urge describe call accuse concede caution point
    told said added quip joke boast remark retort shout cry whisper mutter
    tweet tweeted post testify pledge hail blame
    """.split()
)
# Verbs whose clausal complement is indirect speech.
REPORT_VERBS = frozenset(
    """
    say tell warn claim insist argue explain state announce declare note suggest
    admit acknowledge deny confirm predict stress emphasise emphasize maintain reveal
    report write reply respond add concede caution complain
    tweet testify pledge
    """.split()
)
# Prepositions whose object is what was said about something ("asked about his tax returns"): the ``about`` shape of
# reported speech (quotes.clauses); any other preposition is a shape of its own ("prep_against").
TOPIC_PREPOSITIONS = frozenset({"about", "on", "over"})
# Pronouns that can control a speech infinitive or gerund ("they were likely to say …"); "it", "that" cannot.
CONTROLLER_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})
# A clause opening with one of these after "declared"/"called" is a naming ("declared himself an independent").
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"})
# Verbs that name a speech act but seldom introduce a quotation in marks, so the quotation test of
# lexicons.is_speech_verb misses them ("mentioned CNN five times", "reminded voters that …", PolNeAR train).
SPEECH_ACT_VERBS = frozenset(
    "mention remind repeat reiterate restate reaffirm disclose inform notify recount".split()
)
# Entity labels a speaker's name can carry: the small model tags a website or a show WORK_OF_ART ("Zero Hedge
# said"), a newspaper sometimes PRODUCT.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "WORK_OF_ART", "PRODUCT"})

# Dashes that sign a quote with its source (``"…" ― NAME``): the cue of :func:`pipelines.text.quotes.cues.signed_attribution`.
SIGNATURE_DASHES = frozenset({"―", "—", "–", "--"})
# the dash after a dateline's wire credit: "WASHINGTON (Reuters) - ", "NEW YORK (AP) — "
WIRE_DASHES = frozenset({"-", "--", "–", "—"})
# Marks that set a quote after the name of its source (``NAME: "…"``, ``NAME -- ''…''``): the cue of
# :func:`pipelines.text.quotes.cues.named_lead_in`.
LEAD_IN_MARKS = frozenset({":", "--", "—", "–"})
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
ORG_PRONOUNS = {"it", "they"}
ROLE_ORG_NOUNS = frozenset(
    "company firm group club bank retailer airline carrier maker giant operator business "
    "organisation organization association body agency ministry department government party "
    "union committee council federation board watchdog regulator network broadcaster".split()
)
# Nouns of an organisation: an ORG apposed to one is its name ("the Israeli newspaper Haaretz").
ORG_NOUNS = MEDIA_NOUNS | ROLE_ORG_NOUNS
# Documents that "say" things on behalf of whoever wrote or filed them (an ad or video speaks for who released it:
# "Trump released a new radio ad calling it "dangerous"", PolNeAR train usa-today_2015-11-27).
DOCUMENT_NOUNS = frozenset(
    "statement report lawsuit suit letter email e-mail memo ruling complaint filing release study survey "
    "story article tweet analysis research poll estimate figure review paper audit investigation "
    "assessment data datum ad advertisement commercial video".split()
)


# Nouns for words someone said or wrote, written forms: their possessor is the speaker of a quote they hold ("Trump's
# claim that there have been "thousands of shootings""; :mod:`pipelines.text.quotes.possessed`), and they are the
# candidates of the noun shapes of reported speech ("his promise to …"; quotes.clauses.noun_clause_of), which train
# keeps or drops per noun like a verb's (lexicons.report_verb_shapes).
SPEECH_NOUNS = frozenset(
    """
    claim claims statement statements promise promises remark remarks words comment comments assertion
    prediction predictions pledge vow warning warnings description post posts tweet tweets letter missive
    message speech argument slogan phrase motto response reply quip boast suggestion insistence charge
    accusation declaration admission pronouncement rhetoric language call calls line lines
    """.split()
)
# Speech-act nouns the reported-speech learner also counts, lemmas ("made no mention of Jeb Bush", "his denial that
# …", "a complaint that …", PolNeAR train): with SPEECH_NOUNS, the candidate nouns whose (noun, shape) pairs
# scripts/build_report_verbs.py counts and lexicons.learned_shapes keeps when train supports them
# (quotes.possessed reads SPEECH_NOUNS only).
REPORT_NOUNS = SPEECH_NOUNS | frozenset(
    """
    mention answer denial threat demand plea announcement allegation criticism complaint request question
    remark reminder appeal confirmation disclosure revelation testimony explanation acknowledgment concession
    retort rebuttal joke praise endorsement report note insistence recollection proposal
    """.split()
)

# Verbs that put a document out: its subject is the document's issuer ("X issued a statement").
# Written forms, not lemmas: the pipeline lemmatizes only the words of the cue lists (pipelines.text.attributes).
ISSUE_VERBS = frozenset(
    """
    issue issues issued issuing release releases released releasing publish publishes published publishing
    file files filed filing send sends sent sending post posts posted posting sign signs signed signing
    write writes wrote written writing put puts putting
    """.split()
)

# Small words a title keeps in lower case: a quote whose other words are all capitalised is a title or a name
# ("Takin' It To The Streets", "Save Star Trek"), not speech.
TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as vs v de la le du von van".split())
# Words before a quoted title that name where it runs or what it is ("on CNN's "State of the Union."", "in his book
# "Make Your Kid a Millionaire."", "an interview with "Fox News Sunday.""); a possessive before the marks counts too
# (filters._title_with_stop).
TITLE_LEAD_WORDS = frozenset(
    "on in with book books show program programme film series documentary movie novel memoir biography album song "
    "anthem column segment".split()
)
# What a text writes before a term it names, as regular expressions over the lower-cased text before the opening
# mark (filters.is_coined_term). Only impersonal naming: "what he called a "brazen breach"" is speech and stays.
NAMING_PHRASES = (
    r"\b(?:known|referred to|billed|branded|marketed) as(?: an?| the)?",
    r"\bwhat (?:is|are|was|were|has been|have been|had been|has become|have become|became|came to be|is now|are now) "
    r"(?:known as|called|dubbed|termed)(?: an?| the)?",
    r"\bwhat (?:some |many |most )?(?:doctors|experts|scientists|economists|researchers|analysts|people|insiders) "
    r"(?:call|called|dub|dubbed|term|termed)(?: an?| the)?",
    r"\b(?:the|a|this|that) (?:term|phrase|label|hashtag|expression|nickname|catchphrase|moniker),?",
    r"\b(?:dubbed|nicknamed|coined|christened)(?: an?| the| it| them)?",
)
# Pronouns a speaker can be written as; Quote.speaker_kind calls such a speaker "pronoun".
SPEAKER_PRONOUNS = frozenset("he she it they him her i we you them".split())
# Words that stand where a speaker would but describe nobody ("what", "all", "these"): never a speaker's name.
NOT_SPEAKERS = SPEAKER_PRONOUNS | frozenset(
    "what who which all another both many some none this that these those 's ’s".split()
)
# Leading words of a description that a normalised unnamed speaker drops ("an insider" -> "insider"), in the
# order the pattern tries them.
SPEAKER_DETERMINERS = ("a", "an", "the", "this", "that", "these", "those", "one", "another", "some", "its", "his",
                       "her", "their")
# The reader as subject or object of a speech verb ("tell yourself “no.”"): a word the reader is told to say.
READER_WORDS = frozenset({"you", "yourself", "yourselves"})
# The writer or the reader as a subject ("I'd need to “put myself out there”"): their own phrase, not a quote.
WRITER_OR_READER = frozenset({"i", "we", "you"})

# --- quotes: speaker types ---------------------------------------------------------------------------

# Head nouns of a description that names a body, not a person ("the company", "the mining group", "a Paris-based
# think tank", "the government"): its speaker is an organisation.
ORG_SPEAKER_NOUNS = ROLE_ORG_NOUNS | COMPANY_NOUNS | MEDIA_NOUNS | frozenset(
    """
    tank institute commission court police army military administration authority exchange fund ministry
    government cabinet parliament congress senate charity giant producer supplier operator chain maker office
    """.split()
)
# Words right before a name that make it an organisation's ("oil giant Yukos", "carmaker Fiat", "the group WPP").
ORG_BEFORE_NAME = ORG_SPEAKER_NOUNS - {"producer", "police", "army", "military", "court", "office"}
# Words right after a name (or its possessive) that only an organisation has: "Yukos boss Mikhail Khodorkovsky",
# "WPP's shares", "Umbro shareholders".
ORG_AFTER_NAME = frozenset(
    """
    boss bosses shares shareholders shareholder stock profits profit revenues revenue sales turnover subsidiary
    subsidiaries unit division staff employees workforce headquarters spokesman spokeswoman spokesperson
    chairman chairwoman chief executive ceo cfo board stake brand brands customers
    """.split()
)
# Words that say a named speaker is a person when they stand right before the name or head its apposition
# ("Mr Spindler", "energy analyst Orin Middleton", "Jean-Philippe Cotis, the OECD's chief economist").
PERSON_ROLE_NOUNS = EPITHETS | frozenset(
    """
    economist lawyer attorney banker trader founder co-founder chairman executive president professor scientist
    researcher spokesman spokeswoman spokesperson consultant adviser advisor strategist partner officer official
    prosecutor judge minister mp senator councillor politician campaigner activist teacher doctor nurse
    """.split()
)
# Plural nouns without an "s" that describe several people ("residents" and "officials" end in one):
# their speaker is a ``group``.
IRREGULAR_GROUP_NOUNS = frozenset("people staff men women children folk crew personnel".split())

# --- quotes: described speakers (pipelines.text.quotes.descriptions) ------------------------------------------

# Singular nouns for one unnamed person that a later "he"/"she" can refer back to, besides the role nouns
# ("an insider", "a source close to the talks", "a witness").
SOURCE_NOUNS = frozenset(
    "source insider witness person man woman resident user visitor reviewer viewer reader aide staffer employee "
    "supporter volunteer".split()
)
# Nouns for one person of a gender ("a woman said … she added"), besides the gendered titles.
FEMALE_NOUNS = frozenset("woman girl mother daughter wife sister grandmother widow".split())
MALE_NOUNS = frozenset("man boy father son husband brother grandfather widower".split())
# Roles of the people a story's subject deals with, never an epithet of that subject: "the judge" in a story about
# the accused is somebody else, unless the person was written with the role ("Judge James Kleinberg").
OUTSIDER_ROLES = frozenset(
    """
    judge justice magistrate coroner prosecutor lawyer attorney solicitor barrister spokesman spokeswoman
    spokesperson official officer detective inspector police analyst doctor witness juror jury
    """.split()
)
# Nouns that count people rather than name them: "a series of South Dakotans" speak as the South Dakotans.
QUANTITY_NOUNS = frozenset("series number handful couple host string majority minority lot dozens hundreds thousands".split())
# A bare quantifier as subject, going on with the description before it ("one user … Another said").
ELLIPTICAL_SPEAKERS = frozenset("another one others some many several".split())
