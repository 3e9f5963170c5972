"""Quote extraction on real sentences, one case per quote form of issue 4.

Every text is copied from ../shared/seeds (the two sample articles) or ../shared/corpora/bbc (the file is the
case's source). Each case asserts the exact quote text (or its ends), kind and speaker, and every quote's
offsets reproduce its text (``quotes_in``).
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in, reported

HOLLANDE = (
    "French President Francois Hollande urged Russia to join world powers in creating a grand coalition "
    "to defeat the Islamic State militants who not only attacked Paris two weeks ago but control large "
    "areas of Iraq and Syria.\n\n"
)
# first sentence shortened from the seed's "… made an urgent appeal for his country to join …"
CAMERON = "In a speech to Parliament, British Prime Minister David Cameron made an urgent appeal.\n\n"
MOLYNEUX = "Leading British computer games maker Peter Molyneux has been made an OBE in the New Year Honours list.\n\n"
HOWARD = (
    "Tony Blair has had the chance to tackle the problems facing Britain and has failed, Michael "
    "Howard has said.\n\n"
    '"Britain is heading in the wrong direction", the Conservative leader said in his New Year message.'
)
JUDGE = (
    "A firm decision on whether the trial takes place is expected in January. The judge said that she "
    "may conduct hearings in January into whether federal agents illegally searched the Balco "
    "headquarters and wrongfully obtained statements from the company's founder Victor Conte."
)

ONE_QUOTE = [
    case("straight-double-role-after", "bbc/business/452.txt",  # "chief executive X said" after the quote
         '"As we mourn his passing, I ask you to keep Charlie\'s family in your hearts and prayers," '
         "chief executive James Skinner said in a statement.",
         quote="As we mourn his passing, I ask you to keep Charlie's family in your hearts and prayers",
         kind="direct", speaker="James Skinner", cue="said"),
    case("curly-double-comma-outside", "seeds/003_aeb0b849679dcb8d.txt",
         "“Russia right now is a coalition of two – Iran and Russian Federation – supporting Assad”, Obama said.",
         quote="Russia right now is a coalition of two – Iran and Russian Federation – supporting Assad",
         kind="direct", speaker="Obama", speaker_mention="Obama"),
    case("single-marks-apostrophe-inside", "seeds/000_fd20b0775c6aaf20.txt",  # "Hollande" -> the full name
         HOLLANDE + "'I'm in Moscow with you to see how we can act together and coordinate so that we can "
         "strike this terrorist group, but also reach a solution for peace,' Hollande said.",
         quote="I'm in Moscow with you to see how we can act together and coordinate so that we can strike "
         "this terrorist group, but also reach a solution for peace",
         kind="direct", speaker="Francois Hollande", speaker_mention="Hollande"),
    # the same sentence as printed with typographic ‘…’ and ’ apostrophe (no English ‘…’ speech quote exists
    # in the shared corpora)
    case("curly-single-marks", "seeds/000_fd20b0775c6aaf20.txt",
         HOLLANDE + "‘I’m in Moscow with you to see how we can act together and coordinate so that we can "
         "strike this terrorist group, but also reach a solution for peace,’ Hollande said.",
         starts="I’m in Moscow", ends="a solution for peace", kind="direct", speaker="Francois Hollande"),
    case("mismatched-marks", "seeds/000_fd20b0775c6aaf20.txt",  # opened with " and closed with '
         "Striking Islamic State from the skies over Syria may reduce the threat, but it won't make the West "
         "safe from attacks like those in Paris, said Michael Stephens of the Royal United Services Institute.\n\n"
         '"What we need to be careful about here is to overemphasize the control that Islamic State has on '
         "attacks which occur in Europe, or even in the Sinai. I think there is some evidence that those were "
         "slightly autonomous – and that's a completely different issue. That's a homeland security issue,' "
         "Stephens said.",
         starts="What we need to be careful", ends="That's a homeland security issue",
         kind="direct", speaker="Michael Stephens"),
    case("attribution-before-colon-title", "bbc/politics/001.txt",  # 'Ms Hewitt said: "…'
         "Maternity pay for new mothers is to rise by £1,400 as part of new proposals announced by the "
         "Trade and Industry Secretary Patricia Hewitt.\n\n"
         'Ms Hewitt said: "We have already doubled the length of maternity pay, it was 13 weeks when we '
         'were elected, we have already taken it up to 26 weeks."',
         starts="We have already doubled", ends="up to 26 weeks.",
         kind="direct", speaker="Patricia Hewitt", speaker_mention="Ms Hewitt", cue="said"),
    case("inverted-attribution", "bbc/business/393.txt",  # '…," said retail analyst Nick Bubb of …'
         '"Laura Ashley is a bit of a shrivelled husk of a company," said retail analyst Nick Bubb of '
         "Evolution Securities.",
         quote="Laura Ashley is a bit of a shrivelled husk of a company", kind="direct", speaker="Nick Bubb",
         cue="said"),
    # the opening mark is missing in the source; the sentence ending at the closing mark, then "he said"
    case("missing-opening-mark", "bbc/tech/100.txt",
         MOLYNEUX + "Speaking to the BBC News website Mr Molyneux said receiving the honour was something of a "
         'surprise. It\'s come completely out of the blue," he said.',
         quote="It's come completely out of the blue", kind="direct", speaker="Peter Molyneux"),
    # a fragment inside the writer's sentence is partial (its reported clause: REPORTED below)
    case("partial-in-reported-clause", "seeds/000_fd20b0775c6aaf20.txt",
         "Hollande met with Russian President Vladimir Putin Thursday.\n\n"
         "Putin said Moscow was ready to unite with Paris against a 'mutual enemy' following the downing "
         "of the Russian airliner and the attacks in Paris.",
         quote="mutual enemy", kind="partial", speaker="Vladimir Putin"),
    case("partial-title-no-full-name", "seeds/003_aeb0b849679dcb8d.txt",  # "Mr Frydenberg described it as …"
         "Mr Frydenberg described it as the “most serious incident between North Atlantic Treaty "
         "Organisation and Russian forces in almost half a century”.",
         starts="most serious incident", ends="half a century", kind="partial", speaker="Frydenberg",
         speaker_mention="Mr Frydenberg"),
    # "he" is Cameron (who is speaking), not Hollande (the last name)
    case("pronoun-is-recent-speaker", "seeds/000_fd20b0775c6aaf20.txt",
         CAMERON + "Cameron said Obama and Hollande have urged London to join the campaign. "
         "'These are our closest allies, and they want help,' he said.",
         quote="These are our closest allies, and they want help", speaker="David Cameron", speaker_mention="he"),
    # "A BBC spokeswoman" names nobody: the description without its article is the speaker, flagged unnamed
    case("role-noun-unnamed-speaker", "bbc/entertainment/202.txt",
         'A BBC spokeswoman said: "We share the committee\'s interest in ensuring the public money we '
         'receive is spent well."',
         speaker="BBC spokeswoman", speaker_kind="unnamed", speaker_mention="A BBC spokeswoman", kind="direct"),
    case("document-speaks-for-owner", "bbc/sport/199.txt",  # "Chelsea's statement added:" -> Chelsea
         "Chelsea have sacked Adrian Mutu after he failed a drugs test. Chelsea's statement added: "
         '"This applies to both performance-enhancing drugs or so-called \'recreational\' drugs."',
         speaker="Chelsea", speaker_mention="Chelsea's statement", cue="added"),
    # "the ex-Wallaby" (parsed as three sibling subjects): a definite description with a capitalised word is
    # the most-mentioned person
    case("epithet-ex-wallaby", "bbc/sport/330.txt",
         "David Campese says England are not world class. Campese, though, defended coach Andy Robinson. "
         "England face a potential wooden spoon match against Italy on 12 March. And the ex-Wallaby "
         "added: \"If England lost that, they'd be in bloody turmoil.\"",
         speaker="David Campese", speaker_mention="the ex-Wallaby"),
    case("epithet-conservative-leader", "bbc/politics/110.txt", HOWARD,
         speaker="Michael Howard", speaker_mention="the Conservative leader"),
]


@pytest.mark.parametrize("source, text, expect", ONE_QUOTE)
def test_one_quote_in_marks(nlp, source, text, expect):
    [q] = in_marks(quotes_in(nlp, text))
    check(q, expect)


SEVERAL_QUOTES = [
    # "A," Cameron said, "B." -> two rows, one speaker; the full stop inside the second mark stays
    pytest.param(
        "seeds/000_fd20b0775c6aaf20.txt",
        CAMERON + "'We have to deny a safe haven for ISIL in Syria,' Cameron said, using an acronym for the group. "
        "'The longer ISIL is allowed to grow in Syria, the greater the threat it will pose.'",
        [{"quote": "We have to deny a safe haven for ISIL in Syria", "kind": "direct", "speaker": "David Cameron"},
         {"quote": "The longer ISIL is allowed to grow in Syria, the greater the threat it will pose.",
          "kind": "direct", "speaker": "David Cameron"}],
        id="split-quote-punctuation-inside",
    ),
    # '"A," he said, "b."' where the second half starts lower-case (lines 3 and 9 of the file)
    pytest.param(
        "bbc/tech/100.txt",
        MOLYNEUX + '"It was thought to be like skateboarding," he said, "a craze that everyone thought would go away."',
        [{"quote": "It was thought to be like skateboarding", "speaker": "Peter Molyneux"},
         {"quote": "a craze that everyone thought would go away.", "speaker": "Peter Molyneux"}],
        id="split-quote-mid-sentence",
    ),
    # a quote left open at the end of a paragraph continues in the next, which opens with a mark
    pytest.param(
        "bbc/sport/088.txt",
        "After the ABC television program earlier this month, Jones' lawyer Richard Nicholls said: "
        '"Marion has steadfastly maintained her position throughout: she has never, ever used '
        'performance-enhancing drugs. "Mr Conte chose to make unsubstantiated allegations on television, '
        "while Marion Jones demanded to take and then passed a lie detector examination.\n\n"
        '"Mr Conte is simply not credible. We challenge him to submit to the same lie detector procedure '
        'that Marion Jones passed."',
        [{"quote": "Marion has steadfastly maintained her position throughout: she has never, ever used "
          "performance-enhancing drugs.", "speaker": "Richard Nicholls", "kind": "direct"},
         {"quote": "Mr Conte chose to make unsubstantiated allegations on television, while Marion Jones demanded "
          "to take and then passed a lie detector examination.", "speaker": "Richard Nicholls", "kind": "direct"},
         {"quote": "Mr Conte is simply not credible. We challenge him to submit to the same lie detector procedure "
          "that Marion Jones passed.", "speaker": "Richard Nicholls", "kind": "direct"}],
        id="multi-paragraph-quote",
    ),
    # two quotes in a paragraph with no speech verb anywhere near: kept, without a speaker
    pytest.param(
        "seeds/003_aeb0b849679dcb8d.txt",
        "But it was unclear whether Obama’s words of support Tuesday would satisfy France.\n\n"
        "“So when tragedy struck that evening, our hearts broke, too”. “But that’s not enough”.",
        [{"quote": "So when tragedy struck that evening, our hearts broke, too", "kind": "direct", "speaker": None},
         {"quote": "But that’s not enough", "kind": "direct", "speaker": None}],
        id="unattributed-quotes-kept",
    ),
    # a paragraph that is only a short quoted phrase is a subhead
    pytest.param(
        "seeds/000_fd20b0775c6aaf20.txt",
        "'I'm in Moscow with you,' Hollande said.\n\n'Mutual enemy'\n\nPutin said Moscow was ready to unite with Paris.",
        [{"quote": "I'm in Moscow with you"}],
        id="subheading-is-not-a-quote",
    ),
]


@pytest.mark.parametrize("source, text, expects", SEVERAL_QUOTES)
def test_quotes_in_marks(nlp, source, text, expects):
    qs = in_marks(quotes_in(nlp, text))
    assert len(qs) == len(expects), [q.quote for q in qs]
    for q, expect in zip(qs, expects):
        check(q, expect)


NOT_QUOTES = [
    case("so-called-scare-quote", "bbc/tech/355.txt",
         'California has so-called "shield" laws which protect journalists from prosecution.'),
    case("nickname", "bbc/entertainment (grep)",
         'A film based on the internet musings of the "Baghdad Blogger" has been shown at the Rotterdam Film Festival.'),
    case("headline-title", "bbc/entertainment (grep)",
         'But fans around the world have pitched in to pay for the advert, which had the headline "Save Star Trek".'),
]


@pytest.mark.parametrize("source, text, expect", NOT_QUOTES)
def test_scare_quotes_titles_and_nicknames_are_not_quotes(nlp, source, text, expect):
    assert in_marks(quotes_in(nlp, text)) == []


REPORTED = [
    case("partial-in-reported-clause", "seeds/000_fd20b0775c6aaf20.txt",  # the clause after "said"
         "Hollande met with Russian President Vladimir Putin Thursday.\n\n"
         "Putin said Moscow was ready to unite with Paris against a 'mutual enemy' following the downing "
         "of the Russian airliner and the attacks in Paris.",
         starts="Moscow was ready to unite with Paris", speaker="Vladimir Putin", cue="said"),
    # an organisation as the subject of "said"; nothing in marks
    case("organisation-speaker", "bbc/tech/190.txt",
         "IBM said it would start producing the chip in early 2005 at manufacturing plants in the US.",
         in_marks=[], quote="it would start producing the chip in early 2005 at manufacturing plants in the US",
         speaker="IBM", speaker_mention="IBM", cue="said"),
    # "…, according to Mr Cable." -> the clause before it; "Mr Cable" is the full name used earlier
    case("according-to", "bbc/politics/054.txt",
         "Vince Cable, the party's Treasury spokesman, said raising the threshold to £150,000 would prevent "
         "over 400,000 home-buyers from paying the tax.\n\n"
         "Under the proposals, the average saving for a new buyer would be more than £1,000, according to Mr Cable.",
         select_cue="according to", kind="reported",
         quote="Under the proposals, the average saving for a new buyer would be more than £1,000",
         speaker="Vince Cable", speaker_mention="Mr Cable", cue="according to"),
    # the reported clause first, "…, Mr Brown argued." (a ccomp before the verb and its subject)
    case("inverted-attribution", "bbc/politics/385.txt",
         "Chancellor Gordon Brown spoke in London. If Gavi could increase its funding for immunisation by an "
         "extra £4bn ($7.4bn) over 10 years, then an extra five million lives could have been saved by 2015 "
         "and five million thereafter, Mr Brown argued.",
         starts="If Gavi could increase its funding", ends="five million thereafter",
         speaker="Gordon Brown", speaker_mention="Mr Brown", cue="argued"),
    # "Now, he said, CLAUSE": "said" is a parataxis of the clause's root
    case("parenthetical-attribution", "bbc/tech/100.txt",
         "Peter Molyneux spoke at the ceremony. Now, he said, the gaming world rivals the movie industry "
         "for sales and cultural influence.",
         quote="the gaming world rivals the movie industry for sales and cultural influence",
         speaker="Peter Molyneux", speaker_mention="he", cue="said"),
    # the parser runs the ccomp of "reported" into the next paragraph: the clause is cut at the line break
    case("clause-stops-at-paragraph-end", "bbc/business/393.txt",
         "In recent times, Laura Ashley has put renewed focus on home furnishings rather than clothing, "
         "but last September it reported that interim six month losses had risen from £1m to £1.2m, "
         "while sales had fallen from £138m to £118m.\n\n"
         "Laura Ashley, which floated on the London Stock Exchange for £200m ($376m) in 1995, is "
         "majority-owned by Malaysia entrepreneur Dr Khoo Kay Peng.",
         quote="interim six month losses had risen from £1m to £1.2m, while sales had fallen from £138m to £118m",
         speaker_mention="it", cue="reported"),
    # a short partial quote inside the clause does not hide the reported speech
    case("clause-embeds-a-partial-quote", "bbc/sport/088.txt",
         "Communications director Nick Davies said the IAAF would seek to contact Conte "
         '"for further information".',
         in_marks=[("partial", "for further information")],
         quote='the IAAF would seek to contact Conte "for further information', speaker="Nick Davies"),
    # "Mr Mandelson, who said …" -> "who" stands for Mr Mandelson
    case("relative-pronoun-antecedent", "bbc/politics/297.txt",
         "Peter Mandelson has defended Alastair Campbell. That charge was denied by Mr Mandelson, who said "
         "the Tories were afraid of Mr Campbell's campaigning skills.",
         quote="the Tories were afraid of Mr Campbell's campaigning skills", speaker="Peter Mandelson"),
    # "Her lawsuit … said" -> the woman the pronoun names
    case("document-speaks-for-possessor", "bbc/sport/088.txt",
         "Marion Jones has filed a lawsuit for defamation against Victor Conte. Her lawsuit, filed in the "
         "US District Court in San Francisco, said the sprinter had passed a lie detector test.",
         quote="the sprinter had passed a lie detector test", speaker="Marion Jones", speaker_mention="Her lawsuit"),
    # the lead of the "Conservative leader" article is inverted reported speech
    case("inverted-lead", "bbc/politics/110.txt", HOWARD,
         quote="Tony Blair has had the chance to tackle the problems facing Britain and has failed",
         speaker="Michael Howard"),
    # the sentence naming the judge (Susan Ilston) left out: "The judge" is not sent to the topic person
    case("lowercase-description-not-guessed", "bbc/sport/045.txt", JUDGE,
         starts="she may conduct hearings in January", speaker="judge", speaker_mention="The judge",
         speaker_kind="unnamed"),
    # with the naming sentence, the role words resolve it to her
    case("role-words-name-the-judge", "bbc/sport/045.txt",
         "US district court judge Susan Ilston rejected an attempt by the defence team to have the case dismissed. "
         + JUDGE,
         speaker="Susan Ilston", speaker_kind="described"),
    # "The Sydney Olympic gold medallist says Conte …" used to give Conte the role words "medallist", "says"
    case("role-words-from-the-name-phrase", "bbc/sport/088.txt",
         "Marion Jones has filed a lawsuit for defamation against Balco boss Victor Conte.\n\n"
         "The Sydney Olympic gold medallist says Conte damaged her reputation.",
         quote="Conte damaged her reputation", speaker="Marion Jones"),
]


@pytest.mark.parametrize("source, text, expect", REPORTED)
def test_reported_speech(nlp, source, text, expect):
    expect = dict(expect)
    qs = quotes_in(nlp, text)
    if "in_marks" in expect:
        assert [(q.kind, q.quote) for q in in_marks(qs)] == expect.pop("in_marks")
    cue = expect.pop("select_cue", None)
    [q] = [q for q in qs if q.cue == cue] if cue else reported(qs)
    check(q, expect)


def test_words_inside_the_marks_are_not_the_speaker(nlp):
    # bbc/politics/297.txt: "said" gets two subjects, "government" inside the quote and "he" after it; the
    # speaker was "Labour" (via "the government"), it is the pronoun's Liam Fox
    text = (
        "Conservative co-chairman Liam Fox said the posters were a sign of \"abusive politics\". "
        '"The government, despite the fact that they would say want to go forward, not back, seem '
        'intent on talking about history rather than their own record," he said on Sunday.'
    )
    q = next(q for q in in_marks(quotes_in(nlp, text)) if q.quote.startswith("The government"))
    assert (q.speaker, q.speaker_mention) == ("Liam Fox", "he")


def test_giant_body_is_cut_at_paragraphs_and_offsets_point_into_the_whole(monkeypatch):
    # A body over spaCy's max_length (1,000,000 characters: a wire dump) made the whole partition fail
    # (E088). It is parsed in paragraph-aligned chunks; offsets are shifted back into the whole body.
    # Checked with a small chunk limit so the test parses a few paragraphs, not a megabyte.
    from pipelines.text import extract

    para = '"We are not there yet," Eurogroup president Jeroen Dijsselbloem told reporters in Brussels.'
    giant = "\n\n".join([para] * 12_000)
    pieces = extract.chunks(giant)
    assert len(giant) > 1_000_000 and len(pieces) == 12
    assert all(len(c) <= extract.MAX_CHUNK_CHARS for _, c in pieces) and "".join(c for _, c in pieces) == giant
    assert all(c.startswith('"We') for _, c in pieces)  # cut at paragraph breaks

    monkeypatch.setattr(extract, "MAX_CHUNK_CHARS", 300)
    body = "\n\n".join([para] * 6)
    (ex,) = list(extract.extract_all([body]))
    assert len(ex.quotes) == 6
    for q in ex.quotes:
        assert body[q.start_char:q.end_char] == q.quote
        assert q.quote.startswith("We are not there yet") and q.speaker == "Jeroen Dijsselbloem"
    assert ex.quotes[-1].start_char > 5 * len(para)
