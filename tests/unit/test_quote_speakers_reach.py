"""Named speakers the parse does not hand over as a subject (issue 29), each on a passage of PolNeAR train.

Passages are copied from ../shared/corpora/polnear/train/text/<file>.txt (the case's source; a lead-in sentence
added for context says so). Each case names the rule it checks and fails if that rule is removed: before it, the
quote had no speaker or a wrong name; "verb-first-in-its-line" and "quoted-evaluation-is-not-the-possessor" guard
the limits of two rules (they fail if the rule reaches too far).
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

# (case, quote index among the quotes in marks, expected fields)
CASES = [
    # subjectless.aside_subject: a participle aside between the name and "had said"
    case("name-before-a-participle-aside", "polnear train nyt_2015-12-22_trump-says-praise-from-putin-h",
         "The issue had come up Friday after Mr. Trump, asked about the deaths of journalists under Mr. Putin, had "
         "said, ''I think our country does plenty of killing also.''",
         index=0, speaker="Trump", cue="said"),
    # subjectless.aside_subject: an apposition between the name and "tweeted"
    case("name-before-an-apposition", "polnear train nyt_2015-12-22_trump-says-praise-from-putin-h",
         "Mitt Romney, the 2012 Republican presidential nominee, tweeted in response: ''Important distinction: thug "
         "Putin kills journalists and opponents; our presidents kill terrorists and enemy combatants.''",
         index=0, speaker="Mitt Romney"),
    # subjectless.participle_subject + attribution.inverted_subject stopping at "of": not the man spoken about
    case("said-adding-of-someone", "polnear train nyt_2016-04-23_campaign-for-trump-says-he-ll- (lead-in added)",
         "Paul Manafort met Republicans on Thursday. ''We've started all those conversations,'' Mr. Manafort said, "
         "adding of Mr. Trump, ''He cares about the united team.''",
         index=1, speaker="Paul Manafort"),
    # attribution.speaker_of: the name after "to describe" is its object, not the subject of a subjectless verb
    case("object-after-an-infinitive", "polnear train politico_2016-08-23_top-senate-candidates-poi",
         "“Who is the real con man here?” said Murphy, using a term Rubio has used to describe Donald Trump, on a "
         "conference call with reporters. “Senator Rubio and the Republican Congress produced partisan bills that "
         "shortchanged the crisis and played politics with women’s health and contraceptive funding.”",
         index=1, speaker="Murphy"),
    # attribution.speaker_of: a verb first in its line is inverted: "Continued Stone:" is Stone's
    case("verb-first-in-its-line", "polnear train breitbart_2016-08-08_exclusive-roger-stone-don-t-trus (lead-in added)",
         "Roger Stone spoke on Breitbart News Daily.\n\nContinued Stone: “So I think it’s a very real problem.”",
         index=0, speaker="Roger Stone"),
    # resolver._relative_clause: "who" of a verb coordinated with the relative clause, the noun apposed to a name
    case("relative-pronoun-through-a-conjunct", "polnear train wash-post_2016-06-27_the-revolutionary-s-next",
         "\"The intensity of his supporters is so much greater than the intensity for any other candidate, including "
         "Hillary Clinton,\" said Rep. Beto O'Rourke (D-Tex.), a Clinton endorser whose El Paso-based district went "
         "strongly for her but who suggested that Sanders could pull out voters who might normally skip elections. "
         "\"In El Paso, she crushed him, and yet in terms of incoming calls and emails to our office, asking where to "
         "vote, it was like 3 to 1 Bernie.\"",
         index=1, speaker="Beto O'Rourke"),
    # Mentions.capitalised_noun: a surname the model tags as a common noun, with no entity
    case("surname-tagged-as-a-noun", "polnear train west-journal_2015-12-19_dinesh-d-souza-just-m",
         "After BlazeTV’s Glenn Beck asked the conservative who he thought would win the presidency, D’Souza "
         "replied, “If I had to bet now, I regret to say, I would bet on Hillary.”",
         index=0, speaker="D’Souza"),
    # Mentions.person_after_org: organisation, rank and name, the organisation tagged as the subject
    case("organisation-rank-name", "polnear train west-journal_2016-05-10_trump-s-support-twice",
         "“I really don’t understand how a better candidate didn’t jump into the race,” said Air Force 1st Lt. Tyler "
         "Livingston. “I was hoping we’d see something else.”",
         index=0, speaker="Tyler Livingston"),
    # Resolver.resolve (_mention_over_verb): "Trump told Business Insider" tagged WORK_OF_ART is not a name
    case("mention-over-the-verb", "polnear train wash-post_2016-08-09_ivanka-trump-champions-s",
         "\"I think parental leave is enormously important - and it's a personal decision,\" Trump told Business "
         "Insider in March. \"Part of building a company whose goal is to empower women in all aspects of life is "
         "that I've given my team some leeway to determine what parental leave looks like for each of them "
         "individually.\"",
         index=0, speaker="Trump", speaker_mention="Trump"),
    # possessed.possessed_speech_noun: the words held by "Clinton's assertion" are Clinton's; the quoted
    # evaluation after it stays the verb's subject's
    case("possessed-speech-noun", "polnear train wash-post_2016-07-13_after-review-clinton-s-e (lead-in added)",
         "Hillary Clinton kept her emails. In a statement Tuesday, Judicial Watch President Tom Fitton called "
         "Clinton's assertion of a \"claim of right\" over her recovered emails \"significant and disturbing.\"",
         index=0, speaker="Hillary Clinton"),
    case("quoted-evaluation-is-not-the-possessor", "polnear train wash-post_2016-07-13_after-review-clinton-s-e (lead-in added)",
         "Hillary Clinton kept her emails. In a statement Tuesday, Judicial Watch President Tom Fitton called "
         "Clinton's assertion of a \"claim of right\" over her recovered emails \"significant and disturbing.\"",
         index=1, speaker="Tom Fitton"),
    # subjectless.aside_subject past a relative clause; the name a bare surname the model tags a plural noun
    case("name-before-a-relative-aside", "polnear train politico_2015-11-09_sanders-endorsements-prov",
         "Hillary Clinton has 31 endorsements in the United States Senate, a body in which her chief rival Bernie "
         "Sanders serves. Sanders, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about "
         "which of the two Democratic presidential candidates is \"prepared to take on the establishment.\"",
         index=0, speaker="Bernie Sanders"),
    # cues.comma_attribution: a partial quote closed by a comma is the words of the verb right after it
    case("partial-quote-then-said-name", "polnear train usa-today_2016-03-24_nabisco-rolls-out-layoff",
         "Nabisco issued a 60-day notice to affected employees in mid-January about the layoffs and \"that group of "
         "employees are now leaving the business,\" said Laurie Guzzinati, a spokeswoman for Nabisco's parent "
         "company, Mondelez International.",
         index=0, speaker="Laurie Guzzinati", cue="said"),
    # cues.comma_attribution stops at a participle: "blaming" goes on with Mr. Trump's sentence
    case("participle-after-a-partial-quote", "polnear train nyt_2016-06-26_the-battle-of-the-billionaire-",
         "None may be more competitive about their wealth ranking than Donald J. Trump. Bloomberg pegged him at "
         "$2.9 billion, which Mr. Trump called ''a disgrace,'' blaming Michael R. Bloomberg.",
         index=0, speaker="Donald J. Trump"),
    # cues._quoted_antecedent: "that would respond" is said of the quoted records; the writer's verb comes after
    case("relative-clause-about-the-quote", "polnear train wash-post_2016-07-13_after-review-clinton-s-e",
         "\"If State obtains additional State Department records, it intends to search them for records\" that would "
         "respond to requests from Judicial Watch, Justice Department senior trial counsel Caroline Lewis Wolverton "
         "wrote in a court filing.",
         index=0, speaker="Caroline Lewis Wolverton", cue="wrote"),
    # cues.comma_attribution stops at a subordinating conjunction: "while the Tories say" is a new clause
    case("partial-quote-then-while-clause", "bbc/politics/338.txt",
         "Labour say a Lib Dem vote could \"let the Tories in\", while the Tories say the Lib Dems would mean "
         "\"higher taxes, soft crime laws, more power to Europe\".",
         index=0, speaker="Labour"),
    # marks._spaced_nested_close: ,' " closes the outer quote, so "Reeves wrote" attributes it
    case("closing-mark-after-a-space", "polnear train wash-post_2016-07-02_judge-blocks-mississippi (name added)",
         "U.S. District Judge Carlton W. Reeves blocked the law. \"The State has put its thumb on the scale to favor "
         "some religious beliefs over others. Showing such favor tells 'nonadherents that they are outsiders, not full "
         "members of the political community, and . . . adherents that they are insiders, favored members of the "
         "political community,' \" Reeves wrote, citing precedent.",
         index=0, speaker="Carlton W. Reeves", cue="wrote"),
    # quoted.quotes_in_marks: a person's own verb voices a short quote though the subject token has no PERSON tag
    case("named-person-voices-a-short-quote", "polnear train huff-post_2016-08-03_francois-hollande-says-d (lead-in added)",
         "French President François Hollande spoke on Wednesday.\n\nHollande denounced Trump’s remarks as “hurtful "
         "and humiliating” and warned of the global implications a Trump presidency would have.",
         index=0, speaker="François Hollande"),
    # Resolver (_paragraph_parse): "Joe Bateman … says" hung on the previous paragraph's "says" is a main clause,
    # so "he" is Bateman, not the previous paragraph's speaker
    case("subject-of-a-clause-hung-across-paragraphs", "polnear train breitbart_2016-02-20_the-latest-hillary-clint",
         "Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says Cruz will “leave here with "
         "momentum.”\n\nJoe Bateman, who traveled from Illinois to help the campaign in South Carolina, says there’s a "
         "“long road ahead” but he feels confident that Cruz will “blow away people’s expectations.”",
         index=2, speaker="Joe Bateman", speaker_mention="he"),
    # quoted._paragraph_subject: a quote set off by dashes, no speech verb, in a paragraph about Trump
    case("paragraph-subject", "polnear train breitbart_2016-07-21_trump-fever-infects-conv",
         "When Trump finally wrapped up — “I will fight for you, and I will win for you!” — the balloons cascaded "
         "down on the crowd.",
         index=0, speaker="Trump"),
]


@pytest.mark.parametrize("source, text, expect", CASES)
def test_named_speaker_in_reach(nlp, source, text, expect):
    expect = dict(expect)
    q = in_marks(quotes_in(nlp, text))[expect.pop("index")]
    check(q, expect)
