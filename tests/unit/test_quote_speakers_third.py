"""Who speaks, third speaker round (issue 29): constructions counted on a fresh 199-article PolNeAR train sample.

Passages are copied from ../shared/corpora/polnear/train/text/<file>.txt (the case's source; a lead-in sentence
added for context or a passage shortened says so). Each case names the rule it checks and fails without it: before
it, the quote had a wrong name (an earlier speaker, the object of a verb, a thing) or none.
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

CASES = [
    # marks.is_mark_text: NYT's doubled '' before an inverted "said NAME" is a closing mark
    case("doubled-mark-then-said-name", "polnear train nyt_2016-03-21_factory-workers-feel-sting-of-gl",
         "''I'm more skilled with my hands than I am with my brain,'' said Robin Maynard, half joking. He holds two "
         "associate degrees, oversees a team of 15 and has worked at Carrier almost 24 years.",
         index=0, speaker="Robin Maynard", cue="said"),
    # syntax._inherits: a participle after a preposition speaks for the verb the preposition hangs on, and the
    # passive subject it inherits speaks (attribution._own_subject), not the passive verb's agent
    case("participle-after-preposition", "polnear train politico_2016-07-25_sarah-silverman-heckles-s",
         "Comedian Sarah Silverman was booed and shouted down by Bernie Sanders supporters after telling holdouts for "
         "the Vermont senator that they were “being ridiculous.”",
         index=0, speaker="Sarah Silverman", cue="telling"),
    # syntax._inherits: a participle hung on an idea noun ("the notion") speaks for the verb's subject
    case("participle-on-an-idea-noun", "polnear train politico_2016-02-05_carson-cruz-taking-bengha",
         "Continuing to explain his perspective, Carson rejected the notion that the episode should be water under the "
         "bridge, saying that if he \"found something that was rotten and that I didn't agree with, I would fix it.\"",
         index=0, speaker="Carson", cue="saying"),
    # syntax._inherits: an infinitive speaks for the verb it completes, through "so far as"
    case("infinitive-after-so-far-as", "polnear train nyt_2016-06-17_as-its-rivals-pair-up-will-twi (shortened)",
         "Investors fled, driving the stock to new lows, and media critics piled on. The Slate technology columnist "
         "David Auerbach went so far as to say: ''Twitter as we know it is over.''",
         index=0, speaker="David Auerbach", cue="say"),
    # syntax.subject: of two subjects the parser gave "said", the person's name
    case("two-subjects-the-name-wins", "polnear train wash-post_2016-06-07_cleveland-shakes-off-rus",
         "Couple global exposure with a \"candidate who is a lightning rod\" and Clevelanders get nervous, said "
         "Christine Link, executive director of the American Civil Liberties Union in Ohio.",
         index=0, speaker="Christine Link", cue="said"),
    # cues.dash_label: a digest labels each excerpt "… - NAME:"; the heading's verb is not the attribution
    case("dash-label-person", "polnear train huff-post_2016-02-03_huffpollster-a-seismic-s (shortened)",
         "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: Keep on contacting voters as "
         "late as possible.”",
         index=0, speaker="Carl Bialik", cue=":"),
    case("dash-label-untagged-name", "polnear train huff-post_2016-02-03_huffpollster-a-seismic-s (shortened)",
         "Media shares blame in Iowa poll overhype - HuffPollster: “Pollsters are taking a lot of heat from the public "
         "and the media for not anticipating Sen. Ted Cruz’s (R-Texas) victory in Monday night’s Iowa caucus.”",
         index=0, speaker="HuffPollster", cue=":"),
    # subjectless.speech_participle_speaker: a speech participle that inherits a thing or a party from the reported
    # clause is the outer speaker's (subjectless._thing_subject)
    case("participle-inherits-it", "polnear train politico_2016-07-24_al-gore-to-skip-democrati",
         "In a 2014 interview with POLITICO Magazine, Gore insisted it was “premature” to back Clinton’s campaign for "
         "president while adding on climate change matters, “I don’t have any doubt that her heart is in the right "
         "place on the issue and that she would like to be an agent for positive change on the issue.”",
         index=1, speaker="Gore", cue="adding"),
    case("participle-inherits-a-party", "polnear train wash-post_2016-07-16_new-iran-sanctions-",
         "Cardin said Wednesday that Republicans rejected his attempts to include language to strengthen enforcement "
         "of the nuclear agreement, calling it an \"area of contention.\"",
         index=0, speaker="Cardin", cue="calling"),
    # cues._name_and_apposition: a name and its apposition between the quote and a subjectless verb are its subject
    case("name-apposition-then-verb", "polnear train breitbart_2016-01-19_long-time-leaders-of-con (with the paragraph before)",
         "76-year-old Morton Blackwell, founder of the Leadership Institute, YAF member in the 1960s and long time "
         "Republican National Committeeman from Virginia, endorsed Cruz last week, saying he “has consistently "
         "demonstrated his deep commitment to conservative principles.”\n\n"
         "“Yes, I support Ted Cruz,” Brent Bozell III, founder of the Media Research Center, tells Breitbart News in an "
         "exclusive interview.",
         index=1, speaker="Brent Bozell III", cue="tells"),
    # subjectless.name_after_quote: the name right after the closing mark speaks for a verb the parser left subjectless
    case("name-after-quote-relative-clause", "polnear train politico_2016-09-01_debating-clinton-s-charac",
         "“Clinton needs a strategy for targeting [Libertarian candidate Gary] Johnson & [Green Party hopeful Jill] "
         "Stein voters,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted on Wednesday. “They're "
         "clearly drawing more from her side of the ledger now.”",
         index=0, speaker="Nate Silver", cue="tweeted"),
    # mentions.comma_name: after an inverted verb the name set off by a comma after the description speaks
    case("inverted-description-then-name", "polnear train nyt_2016-08-02_how-an-aide-to-trump-held-sway (shortened)",
         "Mr. Manafort and his colleagues Phil Griffin and Catherine Barnes frequently pressed American diplomats in "
         "Ukraine to treat Mr. Yanukovych and his supporters equally. With Mr. Manafort's help, the party was "
         "''working to change its image from that of a haven for mobsters into that of a legitimate political party,'' "
         "wrote the American ambassador at the time, John E. Herbst.",
         index=0, speaker="John E. Herbst", cue="wrote"),
    # vocab.DOCUMENT_NOUNS: an ad speaks for who released it (Resolver.author), not as "new radio ad"
    case("an-ad-speaks-for-who-released-it", "polnear train usa-today_2015-11-27_trump-s-isil-tone-belies",
         "After the Paris attacks, Trump released a new radio ad calling it \"dangerous\" that Obama \"has no "
         "strategy to defeat ISIS.\"",
         index=1, speaker="Trump", cue="calling"),
    # cues._BARE_TAG: a sentence that is only a name and a speech verb tags the quote before it
    case("bare-tag-sentence", "polnear train breitbart_2016-07-27_obama-to-frame-election- (lead-in added)",
         "Donald Trump spoke at a news conference in Florida.\n\n“Russia, if you’re listening, I hope you’re able to "
         "find the 30,000 emails that are missing.” Trump said.",
         index=0, speaker="Donald Trump", cue="said"),
    # resolver.speech_complement: "was quick to add" is a speech event, so the next paragraph's quote goes on with it
    case("speech-complement-event", "polnear train politico_2016-03-01_trump-my-immigration-plan",
         "Trump was quick to add that the negotiation does not include nixing the idea altogether.\n\n“Building it? "
         "Not negotiable.”",
         index=0, speaker="Trump"),
    # tagline._is_named, Mentions.capitalised_noun: a surname the tagger reads as a noun, right after the quote
    case("tag-line-untagged-surname", "polnear train politico_2016-03-01_trump-my-immigration-plan",
         "“Would it be negotiable about the 11 million?” Hannity pressed. “Maybe let some people stay if they "
         "register in a period of time?”",
         index=0, speaker="Hannity", cue="pressed"),
]


@pytest.mark.parametrize("source,text,expect", CASES)
def test_quote_speaker_third(nlp, source, text, expect):
    expect = dict(expect)
    index = expect.pop("index")
    check(in_marks(quotes_in(nlp, text))[index], expect)
