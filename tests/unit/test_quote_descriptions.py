"""Described and unnamed speakers (issue 29, strict yardstick): :mod:`pipelines.text.quotes.descriptions`.

Each case is a passage from the source it names (../shared/corpora/bbc/<folder>/<file>, ../shared/corpora/html-dev/
pages/<id>.json's articleBody, ../shared/corpora/polnear/train/text/<file>.txt), cut to the sentences the rule
reads, and says what the quote's speaker must be. Each fails if its rule is removed: without it the speaker is a
wrong name ("Wanadoo", "CFA", the accused, "Legitimate Bollywood", "Apcom"), a wrong description ("series") or NULL.
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

LAST_QUOTE = [
    # pronoun_to_description: "he" is the ntl spokesman described after Wanadoo (tagged a person) was named
    case("he-after-a-described-spokesman", "bbc/tech/352.txt",
         "\"It has been losing market share and this could be one way of gaining some of that back,\" said Ms Finger. "
         "Wanadoo is set to trial an 8Mbps service in the summer and also plans to roll out unbundled services - "
         "which means it takes over the network from BT - which will provide speeds of up to 15Mbps. There is no "
         "timetable for this at the moment. Cable firms ntl and Telewest are also bound to increase bandwidth at "
         "some time in the future and, according to an ntl spokesman, are in a better position than BT in the long "
         "term. \"BT's network is limited compared to that of cable. With all the other services coming on stream "
         "such as video on demand, the question is will 8Mbps be enough?\" he asked.",
         speaker="ntl spokesman", speaker_kind="unnamed", speaker_type="unnamed"),
    # pronoun_to_description: "It" is the prime minister's office, the subject since CFA francs were named
    case("it-after-a-described-office", "bbc/business/133.txt",
         "Cameroon says widespread corruption in its finance ministry has cost it 1bn CFA francs ($2m; £1m) a "
         "month.\n\nThe prime minister's office said the alleged fraud was uncovered during an investigation into the "
         "payroll at the ministry. The prime minister's office said auditors had found \"irregularities in the career "
         "structure of certain civil servants\". It added that the staff in question \"appear to have received "
         "unearned salaries, boosting the payroll\".",
         speaker="prime minister's office", speaker_kind="unnamed", speaker_type="organisation"),
    # name_modifies_description: "Bollywood" only says which distributors
    case("name-modifying-a-plural-description", "bbc/entertainment/366.txt",
         "Buhecha was previously a legitimate distributor of Bollywood films, but was suspended and sued by his "
         "employers for dealing in illegal copies of Bollywood classic Mohabbatein. Legitimate Bollywood film "
         "distributors have hailed the conviction as \"a major boost\".",
         speaker="legitimate Bollywood film distributors", speaker_kind="unnamed", speaker_type="group"),
    # outsider_role: the judge of a story about the accused is not the accused
    case("judge-is-not-the-accused", "bbc/entertainment/366.txt",
         "Jayanti Amarishi Buhecha from Cambridge was found guilty of two trademark offences last month, and "
         "sentenced at Harrow Crown Court, London, on Tuesday.\n\nAn operation was launched against Buhecha in 2002 "
         "after complaints were received about his activities. The judge in the case, which lasted seven days, said "
         "that \"a heavy penalty was called for because of the enormous damage Buhecha caused to legitimate "
         "business\".",
         speaker="judge", speaker_kind="unnamed"),
    # counted_people: the people a quantity noun counts speak
    case("series-of-people", "html-dev 156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38",
         "One campaign video featured a series of South Dakotans — including both adults and children — declaring, "
         "“I’m on meth.”",
         speaker="South Dakotans", speaker_kind="unnamed", speaker_type="group"),
    # elliptical_speaker: "Another" is another of the users described in the paragraph before
    case("another-goes-on-with-the-description", "html-dev ba4dfe2d3e817ff7b8b01172ccc307850fc5469bcdd26c3c48ca046cb88ab7cf",
         "According to AFP, one user on Weibo, which is essentially China’s version of Twitter, posted: “I just want "
         "to know how these two came to Beijing?? By train, airplane, or did they drive themselves?”\n\nAnother "
         "reportedly said: ”Bird flu in the year of the rooster... swine fever in the year of the pig. Next year is "
         "the year of the rat...the plague is coming.”",
         speaker="user", speaker_kind="unnamed", speaker_mention="Another"),
    # quoted_as_saying: the agency passes on the lawmakers' words
    case("agency-quoted-lawmakers-as-saying", "bbc/business/048.txt",
         "\"Bondi supplied us with elements of positive results on the industrial positions and on the history of "
         "debt which will find a point of solution through the Parmalat group's quotation on the market in July,\" "
         "Italian news agency Apcom quoted several lawmakers as saying in a statement.",
         speaker="several lawmakers", speaker_kind="unnamed", speaker_type="group"),
    # pronoun_to_description: "she" is the unnamed woman who just spoke, not a woman named further up
    case("she-after-an-unnamed-woman", "polnear train wash-post_2016-06-14_we-are-in-shock-horrified-a-mosq",
         "\"This is little Fort Pierce!\" said Donna Lages, 39, a waitress at the Golden Bear restaurant, which serves "
         "a $4 breakfast special. She said the place prides itself on its blend of races and religions.\n\nAt a drugstore near the mosque, a middle-aged cashier was "
         "shaken by the harsh talk about Muslims she has heard since the shooting. \"One guy came in and said maybe we "
         "should start killing them if they are killing us,\" said the woman, who like many in the town did not want "
         "to be quoted by name because of the sensitivity of the issue. \"Too much hate,\" she said.",
         speaker="woman", speaker_kind="unnamed"),
    # cues._described_source + cues._reports: a judge described by role rules; the that-clause's subject is not it
    case("judge-ruled-partial", "html-dev c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23",
         "Assange was due to be released from HMP Belmarsh in September after serving the custody period of his jail "
         "term.\n\nBut a judge ruled that Assange should remain in jail until his extradition hearing because of his "
         "\"history of absconding\".",
         speaker="judge", speaker_kind="unnamed"),
    # cues._described_source: a poll speaks for its author, not for the Americans or Congress it is about
    case("poll-shows-partial", "html-dev 04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34",
         "A similarly fresh Reuters poll has lower numbers for removal (44 percent of Americans say they want the "
         "House to impeach and the Senate to convict), but also shows that most Americans want Congress to "
         "investigate Trump if he “committed impeachable offenses during his conversation with the president of "
         "Ukraine.”",
         speaker="Reuters"),
    # signature_line + masked_handle: a review signed on the next line with a masked handle
    case("review-signed-with-a-masked-handle", "html-dev 5211188428849a31e309ef2475746563ff788b1591c89818c08d5abedec4ef5e",
         "We have brought some of these memorable reviews here!\n\n“A gorgeous play with an interesting storytelling "
         "style. The actors were very happy and interactive with the audience.”\n\n– Tur**\n\n“Beautiful spectacle! "
         "Dance, music, acting is amazing! Wonderful costume! Funny moments! We recommend at 100%”\n\n– Mel****",
         speaker="Mel****", cue="–"),
    # signature_line: a debate claim signed on the next line with a hyphen, in a fact-check list
    case("claim-signed-on-the-next-line", "polnear train wash-post_2016-02-05_in-the-democrats-debate-some-fam",
         "MSNBC aired the fifth Democratic presidential debate on Thursday night, a showdown between former secretary "
         "of state Hillary Clinton and Sen. Bernie Sanders of Vermont.\n\n\"[Americans are] worried about the future "
         "of their kids, and yet almost all new income and wealth is going to the top 1 percent.\"\n\n- Bernie "
         "Sanders.\n\nThe senator is relying on an outdated statistic.",
         speaker="Bernie Sanders", cue="-"),
]


@pytest.mark.parametrize("source,text,expect", LAST_QUOTE)
def test_last_quote_speaker(nlp, source: str, text: str, expect: dict) -> None:
    """The last quote in marks of the passage has the speaker the article gives it."""
    qs = in_marks(quotes_in(nlp, text))
    assert qs, source
    check(qs[-1], expect)


NOT_DESCRIPTIONS = [
    # outsider_role: a judge written with the role keeps the name ("Judge James Kleinberg" … "The Judge wrote")
    case("named-judge-keeps-the-name", "bbc/tech/355.txt",
         "In the ruling handed down this week by Santa Clara County Superior Court Judge James Kleinberg, Apple can "
         "now get its hands on e-mail records from the bloggers' net providers. In making his ruling, Judge Kleinberg "
         "said that laws covering the divulging of trade secrets outweighed considerations of public interest. The "
         "Judge wrote: \"...it is not surprising that hundreds of thousands of 'hits' on a website about Apple have "
         "and will happen.\"",
         speaker="James Kleinberg"),
    # pronoun_to_description: "the businessman" is an epithet of the man named before, not a new speaker for "he"
    case("he-after-an-epithet", "polnear train huff-post_2015-11-20_trump-may-not-have-suggested-a-m",
         "Donald Trump, who is vying to be the next president, tweeted on Friday to say he had never suggested the "
         "U.S. should use a database to track Muslims.\n\n"
         "But while he may not have made the initial suggestion, Trump did support the idea of such a database on "
         "Thursday, and NBC News has proof:\n\n"
         "“Should there be a database system that tracks the Muslims here in this country?” a reporter can be heard "
         "asking Trump after an event in Iowa.\n\n“There should be a lot of systems, beyond databases,” the "
         "businessman replied. “We should have a lot of systems, and today you can do it.”\n\n“I would certainly "
         "implement that, absolutely,” he added.",
         speaker="Donald Trump"),
    # pronoun_to_description: a name after the description is what "he" refers back to
    case("he-after-a-name-that-follows-the-description", "bbc/tech/352.txt",
         "Cable firms ntl and Telewest are also bound to increase bandwidth and, according to an ntl spokesman, "
         "are in a better position than BT. \"If the bandwidth is there then ISPs will buy it,\" said Jill Finger, a "
         "research director at analyst firm IDC. \"It has been losing market share,\" she said.",
         speaker="Jill Finger"),
]


@pytest.mark.parametrize("source,text,expect", NOT_DESCRIPTIONS)
def test_named_speaker_stays(nlp, source: str, text: str, expect: dict) -> None:
    """Where the article names the speaker after (or with) the description, the name stays."""
    qs = in_marks(quotes_in(nlp, text))
    assert qs, source
    check(qs[-1], expect)


def test_one_reported_row_per_clause(nlp) -> None:
    """A clause that two verbs report ("says" and the "he said" inside it) is one reported row, under the first.

    From polnear train politico_2016-06-22_trump-s-stumbles-fuel-convention (two rows broke the warehouse's quote key).
    """
    text = ("Bill Bruch, a Washington state delegate who is part of the anti-Trump drive, said he called Haugland earlier "
            "this month to learn more about the nuances of his argument. Now, he says, at least seven of Washington "
            "state’s 44 delegates have signed on – names he said would be publicly released soon – to the effort.")
    rows = [q for q in quotes_in(nlp, text) if q.kind == "reported"]
    spans = [(q.start_char, q.end_char) for q in rows]
    assert rows and len(spans) == len(set(spans)), rows
