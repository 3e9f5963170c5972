"""Who speaks, fifth speaker round (issue 29): constructions counted on a fresh 200-article PolNeAR train sample.

Passages are copied from ../shared/corpora/polnear/train/text/<file>.txt (the case's source; a passage shortened
says so). Each case names the rule it checks: before it, the quote had a wrong name (a person inside the reported
clause, a speaker the parser hung elsewhere) or none.
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

CASES = [
    # cues.outer_speech: a speech verb deep inside what a named source reports ("will continue to be") is the outer
    # speaker's account, through a copula and an adjective
    case("outer-speech-through-a-copula", "polnear train breitbart_2016-03-15_the-latest-sanders-decla",
         "In a statement released shortly after the Florida senator suspended his presidential campaign, Cruz said "
         "he’s certain Rubio will continue to be “a champion for limitless opportunity in America.”",
         index=0, speaker="Cruz", cue="said"),
    # cues.outer_speech: through a coordinated that-clause and an infinitive ("expects Obama to announce")
    case("outer-speech-through-a-coordinated-clause", "polnear train politico_2015-12-06_clinton-time-for-intensif",
         "Hillary Clinton says the Obama administration should be taking additional measures against the Islamic "
         "State and that she expects President Barack Obama to announce an “intensification” in the U.S. campaign.",
         index=0, speaker="Hillary Clinton", cue="says"),
    # tagline.colon_lead_in + cues.outer_speech: the colon ends a clause reported by a named source
    case("colon-lead-in-of-a-reported-clause", "polnear train wash-post_2016-01-31_clinton-team-quietly-lin (shortened)",
         "Robby Mook ran the campaign. David Axelrod said this was a \"fatal miscalculation\" and that she has learned "
         "her lesson: \"They are fortified for a longer fight if they need to be in one.\"",
         index=1, speaker="David Axelrod", cue="said"),
    # syntax.before_brackets: the party and state in brackets between the name and "said"
    case("bracketed-affiliation-partial", "polnear train breitbart_2016-06-05_elizabeth-warren-donald-",
         "Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth Warren (D-MA) said "
         "presumptive Republican presidential nominee Donald Trump was a “proven failure” in business.",
         index=0, speaker="Elizabeth Warren", cue="said"),
    case("bracketed-affiliation-direct", "polnear train breitbart_2016-07-05_ryan-anti-semitic-images (shortened)",
         "Tuesday on WTMJ’s “Midday with Charlie Sykes,” while discussing a controversial tweet from presumptive "
         "Republican presidential nominee Donald Trump, Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic "
         "images, they’ve got no place in a presidential campaign.”",
         index=0, speaker="Paul Ryan", cue="said"),
    # tagline.inverted_tag_line: "…?" VERB NAME. with a verb outside the lexicon
    case("inverted-tag-line-any-verb", "polnear train west-journal_2015-12-07_immediately-after-oba (name in full)",
         "Although Americans look to the president for leadership against ISIS, Obama spoke about the need for "
         "Americans to recognize the positive contributions of Muslims in America.\n\n“Obama said in his speech that "
         "Muslims are our sports heroes. What sport is he talking about, and who? Is Obama profiling?” reacted Donald "
         "Trump.",
         index=0, speaker="Donald Trump", cue="reacted"),
    # attribution._phrase_head: after an inverted verb a possessor only qualifies the speaker; the role's apposed name speaks
    case("inverted-possessor-then-apposed-name", "polnear train wash-post_2016-06-01_voters-skeptical-as-clin (shortened)",
         "A Clinton presidency, she vowed, would bring better-paying jobs. Then there was the most obvious change of "
         "all: \"It's about time that we had a woman running this country,\" exhorted Clinton's introducer, actress "
         "Jamie Lee Curtis.",
         index=0, speaker="Jamie Lee Curtis", cue="exhorted"),
    # attribution._phrase_head: the first name after "tweeted" modifies the spokesman it names
    case("inverted-name-modifies-role", "polnear train wash-post_2015-11-16_clinton-s-missteps-at-de (shortened)",
         "Marco Rubio spoke about the future. \"Debate recap,\" tweeted Rubio spokesman Alex Conant.",
         index=0, speaker="Alex Conant", cue="tweeted"),
    # tag_line_verb (a surname tagged as a verb, "shot back") + Resolver._name_read_as_verb
    case("tag-line-name-read-as-verb", "polnear train huff-post_2016-02-07_the-latest-gop-debate-ki (shortened)",
         "Donald Trump and Jeb Bush sparred on eminent domain. \"Jeb wants to be a tough guy tonight,\" Trump shot "
         "back. \"Let me talk.\"",
         index=0, speaker="Donald Trump", cue="shot"),
    # cues.parenthetical_speech: "X, NAME said, VERB …" is NAME's account of X
    case("parenthetical-speech-verb", "polnear train huff-post_2016-02-07_the-latest-gop-debate-ki",
         "Cruz claimed that his campaign had misinterpreted a CNN report that Carson would not be continuing on to New "
         "Hampshire and South Carolina after the Iowa caucus. CNN, Cruz said, called the announcement “highly "
         "significant.\"",
         index=0, speaker="Cruz", cue="said"),
    case("parenthetical-speech-verb-over-a-name", "polnear train huff-post_2016-02-07_the-latest-gop-debate-ki",
         "Vice President Joe Biden, Rubio said, had been in the Senate for \"a thousand years\" and passed \"hundreds "
         "of bills.\"",
         index=0, speaker="Rubio", cue="said"),
    # syntax.subject: a preposition with its object is no subject ("Of Carson, Levine, …, said")
    case("preposition-parsed-as-subject", "polnear train politico_2015-12-03_trump-carson-flop-with-je",
         "“He’s funny. And if I went to the Catskills for vacation, I’d love to see him,” New York attorney Eric Levine "
         "said of Trump. “But as president, his lack of knowledge is disturbing to me. … He’s a circus act.” Of Carson, "
         "Levine, who has given money to Marco Rubio, said, “He’s flat-out scary. I think he’s a wonderful man … But "
         "he’s totally vapid.”",
         index=2, speaker="Eric Levine", cue="said"),
    # syntax._named_first: a dateline parsed as a second subject does not speak; the organisation does
    case("dateline-second-subject", "polnear train breitbart_2016-07-25_dnc-issues-deep-and-sinc",
         "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee released a statement at the outset of the "
         "party’s convention Monday, offering “a deep and sincere apology” to Sen. Bernie Sanders after leaked emails "
         "showed DNC staff favoring Hillary Clinton.",
         index=0, speaker="Democratic National Committee", cue="offering"),
    # Resolver._outlet_title: "The Blaze" after a quote is an outlet's name, not an epithet of the main person
    case("outlet-with-capital-the", "polnear train west-journal_2016-02-02_there-s-something-fun (shortened)",
         "Hillary Clinton won the Iowa caucuses by a hair. “Clinton’s final delegate count was 699.57, according to the "
         "Iowa Democratic Party. Sanders’ was 695.49,” The Blaze reported.",
         index=0, speaker="Blaze", cue="reported"),
    # cues.outer_speech through an adjective complement ("was right to urge")
    case("outer-speech-through-an-adjective", "polnear train wash-post_2016-07-06_understated-perez-raises",
         "In a year when Trump is talking about deporting millions of undocumented immigrants, Yepez said Perez was "
         "right to urge Latino leaders \"to stand up and be active.\"",
         index=0, speaker="Yepez", cue="said"),
    # cues.outer_speech: a speech verb after the clause (the parser hung "added" on the next paragraph's "said") is
    # no outer speaker
    case("outer-speech-not-after-the-clause", "polnear train wash-post_2016-03-18_rabbis-vow-to-boycott-tr (shortened)",
         "Trump campaign spokeswoman Hope Hicks said in a statement that Trump has a long history of being a strong "
         "supporter of Israel.\n\nHicks, his campaign spokeswoman, added that \"many of [Trump's] top executives and closest friends are "
         "Jewish\" and \"there will be no one stronger on Israeli-American relations than him, and his consistent "
         "support and advocacy for Israel over many years is proof of this.\"\n\nAri Fleischer, a former Bush "
         "administration official who also sits on the board of the Republican Jewish Coalition, said Trump's "
         "seemingly confused messages have given \"normally reliably Republican Jewish voters reasons to doubt him and "
         "question him.\"",
         index=0, speaker="Hope Hicks", cue="added"),
    # Resolver._owned_words / Resolver.owner: a possessed speech noun a speech participle hangs on speaks for its
    # owner, "his" on an object being the clause's subject
    case("owned-words-participle", "polnear train nyt_2016-03-12_republicans-lower-volume-in-de",
         "While the two men barely sparred, Mr. Kasich did look for subtle opportunities to present himself as a strong, "
         "conservative executive with experience balancing budgets and tackling foreign policy challenges. When Mr. "
         "Trump tried to defend his remarks calling the Chinese government ''strong'' when it violently ended the "
         "democracy movement in Tiananmen Square in 1989, Mr. Kasich forcefully differed.",
         index=0, speaker="Trump", cue="calling"),
    # Resolver.reporting_person: "he" right after "NAME telling reporters on Thursday" is NAME, whatever the parse
    case("pronoun-after-a-speech-verb", "polnear train huff-post_2016-06-16_obama-families-of-gun-vi (paragraphs 15, 26, 28, shortened)",
         "Police killed the gunman, Omar Mateen, 29.\n\nDuring his attack, Mateen also posted messages on Facebook."
         "\n\nThe attack sparked a fresh debate over how the United "
         "States responds to Islamist militant violence at home and abroad, with Republican Senator John McCain "
         "telling reporters on Thursday he viewed Obama as “directly responsible” for the Orlando attack due to his "
         "failure to prevent the rise of Islamic State.",
         index=0, speaker="John McCain"),
]


@pytest.mark.parametrize("source,text,expect", CASES)
def test_quote_speaker_fifth(nlp, source, text, expect):
    expect = dict(expect)
    index = expect.pop("index")
    check(in_marks(quotes_in(nlp, text))[index], expect)
