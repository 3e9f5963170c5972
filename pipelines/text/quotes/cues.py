"""The cue of a quote: the speech verb (or "according to") that attributes it.

Every cue finder has one signature, ``(doc, body, span, lo, hi) -> Token | None``: the quote's span and the
stretch of its paragraph it may look in, ``lo`` (the end of the previous quote) to ``hi`` (the start of the
next one). It returns the cue token; :func:`pipelines.text.quotes.attribution.speaker_of` reads its speaker.
Which finders run, in which order, is :data:`pipelines.text.quotes.CUE_FINDERS`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipelines.text.lexicons import quote_cue_verbs
from pipelines.text.quotes.marks import ALL_MARKS, MarkSpan, is_mark_text, paragraph_bounds
from pipelines.text.quotes.syntax import before_brackets, paragraph_ancestors, quote_root, subject, tokens_between
from pipelines.text.vocab import DOCUMENT_NOUNS, LEAD_IN_MARKS, OUTSIDER_ROLES, PERSON_PRONOUNS, SIGNATURE_DASHES, SPEECH_VERBS

# The verbs that attribute a quote: the typed speech verbs and those learned from PolNeAR train's annotated cues
# ("demand", "proclaim", "lament", "interject"; :func:`pipelines.text.lexicons.quote_cue_verbs`).
CUE_VERBS = SPEECH_VERBS | quote_cue_verbs()


def after_attribution(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """A speech verb just after the closing mark, before ``hi`` and the paragraph's end.

    Why: the commonest attribution follows the quote. Examples: ``…,' Hollande said``, ``…" said retail analyst
    Nick Bubb``, ``…, according to Mr Cable``. A quote that ended its sentence is attributed only by a lowercase
    continuation (``…." he said``), never by the next sentence's verb. Looks at ten tokens at most, up to the
    first sentence end or line break.
    """
    if s.close_at is None:
        return None
    inner = body[s.start : s.end].rstrip()
    p0, p1 = paragraph_bounds(body, s.open_at)
    end = min(hi, p1)
    tail = body[s.close_at + 1 : end]
    if inner.endswith((".",)) or re.match(r"\s*\.", tail):
        # the quote ended its sentence; only a lowercase continuation attributes it, or a sentence that is only a
        # tag line (_bare_tag_sentence: "“… 30,000 emails that are missing.” Trump said.", PolNeAR train
        # breitbart_2016-07-27: a comma typed as a full stop)
        if not re.match(r"[\s,]*[a-z]", tail) and not _BARE_TAG.match(tail):
            return None
    toks = tokens_between(doc, s.close_at + 1, end)
    about_quote: set[int] = set()  # a relative clause about a quoted word is read past, like an apposition
    for n, tok in enumerate(toks[:40]):
        if tok.text in (".", "!", "?") or "\n" in tok.text:
            break
        if n < 10 and tok.lower_ == "according" and n + 1 < len(toks) and toks[n + 1].lower_ == "to":
            return tok
        if tok.i in about_quote:
            continue
        if tok.dep_ == "relcl" and _quoted_antecedent(tok, s):
            about_quote |= {t.i for t in tok.subtree}
            continue
        if (tok.lemma_ in CUE_VERBS and tok.pos_ in ("VERB", "AUX") or as_x_puts_it(tok)) and (
            n < 10 or _subject_fills(tok, [t for t in toks[:n] if t.i not in about_quote])
        ):
            return tok
    return None


# A sentence that is only a name and a verb: " Trump said.", " Mr. Obama added." (up to four capitalised words).
_BARE_TAG = re.compile(r"[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){1,4}[a-z]+[.!]")


def comma_attribution(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_comma_then_verb: the speech verb of ``…," said NAME`` / ``…," NAME said`` right after a quote closed by a comma.

    Why: a partial quote set off by a comma and followed by its attribution is that source's words, whatever
    verb the sentence around it has ("Nabisco issued a 60-day notice … and "that group of employees are now
    leaving the business," said Laurie Guzzinati, a spokeswoman …", PolNeAR train usa-today_2016-03-24). Out:
    :func:`after_attribution`'s verb when the quote ends in a comma and the verb, finite, is at most four tokens
    after the closing mark with no conjunction between; else None.
    """
    if s.close_at is None:
        return None
    if not body[s.start : s.close_at].rstrip().endswith(",") and not body.startswith(",", s.close_at + 1):
        return None
    verb = after_attribution(doc, body, s, lo, hi)
    if verb is None or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle goes on with the writer's sentence: "which Mr. Trump called ''a disgrace,'' blaming"
    between = tokens_between(doc, s.close_at + 1, verb.idx)
    if len(between) > 4 or any(t.pos_ in ("CCONJ", "SCONJ") for t in between):
        return None  # "…a gun," but he said …, "let the Tories in", while the Tories say …: a new clause
    return verb


def as_x_puts_it(tok: Token) -> bool:
    """_as_x_puts_it: "As Ms. Simonyan put it in a statement, RT is ''providing a perspective …''".

    In: a token. Out: True for "put(s)" with the object "it" and a subordinating "as": a way of saying "said"
    that no verb list holds, since "put" alone is not speech.
    """
    if tok.lower_ not in ("put", "puts") or tok.pos_ != "VERB":
        return False
    kids = {(c.lower_, c.dep_) for c in tok.children}
    return ("it", "dobj") in kids and any(w == "as" for w, _ in kids)


def _quoted_antecedent(verb: Token, s: MarkSpan) -> bool:
    """_quoted_antecedent: is ``verb`` in a relative clause about a word of the quote ("…records" that would respond)?

    Why: in ``"If State obtains additional … records" that would respond to requests …, NAME wrote`` (PolNeAR train
    wash-post_2016-07-13) "respond" is said of the quoted "records", not by anyone; its subject is a relative
    pronoun whose antecedent lies inside the marks.
    """
    subj = subject(verb)
    return subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and s.start <= verb.head.idx < s.end


def _subject_fills(verb: Token, between: list[Token]) -> bool:
    """_long_apposition: is everything between the closing mark and ``verb`` the verb's subject phrase?

    Why: a name with a long apposition puts the verb far from the quote (``'…,' Douglas Holtz-Eakin, an
    economist and tax expert, told me``; PolNeAR train: ``"…," a Republican pollster, NAME, part of the team
    that ran the survey, told a network``). Beyond ten tokens a verb attributes the quote only when the words
    before it are its subject's phrase (or punctuation, or an adverb: "recently").
    """
    subj = subject(verb)
    if subj is None:
        return _name_and_apposition(between)
    phrase = {t.i for t in subj.subtree}
    return all(t.i in phrase or t.is_punct or t.is_space or t.pos_ == "ADV" for t in between)


def _name_and_apposition(between: list[Token]) -> bool:
    """_name_then_apposition: are the words before a subjectless verb a person's name and its apposition?

    Why: the parser hangs the name after a quote on a word of the quote and leaves the verb without a subject
    (``“Yes, I support Ted Cruz,” Brent Bozell III, founder of the Media Research Center, tells Breitbart News``,
    PolNeAR train breitbart_2016-01-19; ``…,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted``).
    Out: True when the first word is part of a PERSON entity and a comma follows the name.
    """
    words = [t for t in between if not (t.is_space or is_mark_text(t.text))]
    if not words or words[0].ent_type_ != "PERSON":
        return False
    k = 0
    while k < len(words) and words[k].ent_type_ == "PERSON":
        k += 1
    return k < len(words) and words[k].text == ","


# A quote signed with its source after a dash: ``"…" ― Sonya Herridge``, ``"…" -- Mr. Obama``. The signature
# is a few capitalised words and ends the stretch (the paragraph, or the next quote).
_SIGNATURE = re.compile(r"[\s.,]*(?:[―—–]|--)[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,5}?)[\s.,]*$")


def signed_attribution(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """The dash of a signature line right after the closing mark: the words after it name the source.

    Why: readers' comments, letters and pull quotes are signed, not introduced by a verb, and a signed quote
    that takes the previous paragraph's speaker gets a wrong name. Example: ``“The most unqualified child to ever
    run for president.” ― NAME`` (a list of readers' reactions, PolNeAR train has the same form). Only a
    signature that ends the stretch up to ``hi`` (the next quote) or the paragraph end counts, so a dash that
    opens an aside (``''That makes me smart'' -- and, when questioned, …``) is not a signature.
    """
    if s.close_at is None:
        return None
    _, p1 = paragraph_bounds(body, s.open_at)
    end = min(hi, p1)
    m = _SIGNATURE.match(body, s.close_at + 1, end)
    if m is None:
        return None
    span = doc.char_span(s.close_at, m.start("name"), alignment_mode="expand")
    # the tokenizer may glue the dash to the closing mark ("”―"): the token holding the dash is the cue
    dash = next((t for t in reversed(span) if is_signature_dash(t)), None) if span is not None else None
    return dash


# A paragraph that is only a signature: a dash and one to four capitalised words, masked handles included
# ("– Man**", "– Dia**** Co** Ga****", "- Bernie Sanders.").
_SIGNATURE_LINE = re.compile(r"[ \t]*(?:[―—–-]|--)[ \t]*[A-Z][\w'’*.-]*(?:[ \t]+[A-Z][\w'’*.-]*){0,3}[ \t.,]*$")


def signature_line(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_signature_line: the dash of the next paragraph when it only signs the quote, which fills its own paragraph.

    Why: reviews, readers' comments and pull quotes put the signature on a line of its own (``“The show was really
    great. …”\n\n– Man**``, html-dev 521118; ``"[Americans are] worried about …"\n\n- Bernie Sanders.``, PolNeAR
    train). The quote must be its whole paragraph and the next paragraph (before ``hi``, the next quote) only a
    dash and capitalised words, so a bullet list or a dashed subhead ("– Ready to quiz Trump –.") is not one.
    """
    if s.close_at is None:
        return None
    p0, p1 = paragraph_bounds(body, s.open_at)
    if body[p0 : s.open_at].strip() or body[s.close_at + 1 : p1].strip(" \t.,"):
        return None
    n0 = p1
    while n0 < len(body) and body[n0] in "\n \t":
        n0 += 1
    if n0 >= min(hi, len(body)):
        return None
    _, n1 = paragraph_bounds(body, n0)
    if not _SIGNATURE_LINE.match(body[n0:n1]):
        return None
    dash = next((t for t in tokens_between(doc, n0, n1) if not t.is_space), None)
    return dash if dash is not None and is_signature_dash(dash) else None


def is_signature_dash(tok: Token) -> bool:
    """Is ``tok`` a dash that signs a quote (``―``, ``—``, ``--``), alone or glued to a closing mark (``”―``), or a
    hyphen that opens a line (``\n- Bernie Sanders.``)?"""
    text = tok.text.lstrip(ALL_MARKS)
    if text in SIGNATURE_DASHES:
        return True
    return text == "-" and (tok.i == 0 or "\n" in tok.doc[tok.i - 1].text or tok.doc[tok.i - 1].text.endswith("\n"))


def named_lead_in(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """The colon or dash right before the opening mark when a person's name stands right before it.

    Why: lists and transcripts introduce a quote with the name alone (``NAME, OUTLET: "…"``, ``MR. NAME: "…"``)
    and asides set a quote off after the name it belongs to (``including the former presidential candidate NAME
    -- ''It is disqualifying …'' --``). Out: the ``:``/dash token; :func:`pipelines.text.quotes.attribution.
    speaker_of` reads the name before it. None unless an entity token of a PERSON ends right before it (a
    comma and an outlet between are allowed: ``NAME, Fox News:``).
    """
    toks = [t for t in tokens_between(doc, max(lo, s.open_at - 120), s.open_at) if not t.is_space]
    if not toks or toks[-1].text not in LEAD_IN_MARKS:
        return None
    if dash_label(toks[-1]) is not None:
        return toks[-1]
    k = len(toks) - 2
    if k >= 0 and toks[k].ent_type_ == "PERSON" and _introduces(toks[k], toks[-1]):
        return toks[-1]
    # NAME, OUTLET: the outlet is a short run of capitalised words after a comma
    j = k
    while j >= 0 and toks[j].text[:1].isupper() and k - j < 4:
        j -= 1
    if j >= 1 and j < k and toks[j].text == "," and toks[j - 1].ent_type_ == "PERSON" and toks[-1].text == ":":
        return toks[-1] if _introduces(toks[j - 1], toks[-1]) else None
    return None


def _introduces(name: Token, mark: Token) -> bool:
    """Does the name before ``mark`` introduce the quote, rather than being the one spoken to or about?

    A name after a colon is a speaker's label only when no verb comes before it in its sentence (``MR. NAME:``,
    not ``…, wrote of Ms. Merkel:``; PolNeAR train); a name before a dash only when it is not the object of a verb
    or a preposition ("has recently seemed supportive of Mr. Trump -- ''…''" is somebody else's words).
    """
    if mark.text == ":":
        return not any(t.pos_ in ("VERB", "AUX") for t in name.doc[_after_last_dash(name) : name.i])
    return name.dep_ not in ("dobj", "dative", "iobj", "pobj")


def _after_last_dash(tok: Token) -> int:
    """Index of the token after the last dash before ``tok`` in its sentence (a heading's end), else the sentence start."""
    start = tok.sent.start
    for k in range(tok.i - 1, start - 1, -1):
        if tok.doc[k].text in _DASHES:
            return k + 1
    return start


_DASHES = frozenset({"-", "–", "—", "--", "―"})


def dash_label(colon: Token) -> Token | None:
    """_dash_label: the first word of ``… - NAME:`` right before a quote, a digest's label for whom it quotes.

    Why: poll digests head each excerpt with a line and the source after a dash (``Pollsters agree - Carl Bialik:
    “…”``, ``Media shares blame in Iowa poll overhype - HuffPollster: “…”``, ``… - More from Jones: “…”``; PolNeAR
    train huff-post_2016-02-03, eight quotes in two articles of the sample), and the heading's verb ("agree") took
    the quote. Out: the first token of one to four capitalised words (after "More from") between a dash and the
    colon, else None.
    """
    if colon.text != ":":
        return None
    doc = colon.doc
    k = colon.i - 1
    words = []
    while k >= 0 and k >= colon.i - 6 and doc[k].text not in _DASHES:
        words.append(doc[k])
        k -= 1
    if k < 0 or doc[k].text not in _DASHES or not words:
        return None
    words.reverse()
    if len(words) > 2 and [w.lower_ for w in words[:2]] == ["more", "from"]:
        words = words[2:]
    if len(words) > 4 or not all(w.text[:1].isupper() or w.lower_ == "and" for w in words):
        return None
    return words[0]


def before_attribution(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """A speech verb (or "according") in the same paragraph before the opening mark and after ``lo``, nearest first.

    Why: an attribution that introduces the quote. Example: ``Ms Hewitt said: "We have already doubled …"``
    (bbc/politics/001).
    """
    p0, _ = paragraph_bounds(body, s.open_at)
    start = max(p0, lo)
    toks = tokens_between(doc, start, s.open_at)
    for tok in reversed(toks):
        if (tok.lemma_ in CUE_VERBS and tok.pos_ == "VERB" and not subordinate_speech(tok)) or as_x_puts_it(tok):
            return tok
        if tok.lower_ == "according":
            return tok
    return None


def subordinate_speech(verb: Token) -> bool:
    """_subordinate_speech: a speech verb in an adverbial clause of another attributes nothing of its own.

    Why: in "“…,” Trump spokesperson Ron Lieberman told the Wall Street Journal in July, after de Blasio stated an
    interest in ending business with Trump. “These contracts are fully binding.”" (PolNeAR train politico_2015-12-11)
    the quote that goes on is Lieberman's; "after de Blasio stated" only dates the telling. Read by
    :func:`before_attribution` and by the resolver's speech events.
    """
    return verb.dep_ == "advcl" and verb.head.lemma_ in CUE_VERBS and verb.head.pos_ == "VERB"


def governing_verb(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """The verb of the writer's sentence the quote sits in: the nearest ancestor speech verb with a subject, else
    the nearest ancestor verb whose subject is a person (a PERSON entity or he/she).

    Why: a partial quote is attributed by the sentence around it, not by a verb next to it. Example: ``Mr
    Frydenberg described it as the “most serious incident …”`` (seeds/003) -> "described". A speech verb set off
    inside an ancestor's clause (:func:`parenthetical_speech`) comes first; a speech verb is taken past a name in
    brackets (:func:`pipelines.text.quotes.syntax.before_brackets`) and for its outer speaker (:func:`outer_speech`).
    Ancestors across a paragraph break are a misparse and are not read (:func:`paragraph_ancestors`).
    """
    found = quote_root(doc, s)
    if found is None:
        return None
    root, inside = found
    fallback = None
    for anc in paragraph_ancestors(root, body):
        if anc.i in inside:
            continue
        if anc.pos_ in ("VERB", "AUX"):
            aside = parenthetical_speech(anc, inside)
            if aside is not None:
                return aside
            # the wider reach is for who speaks a speech verb; a plain verb's subject only says whom the words are about
            subj = subject(anc, reach=anc.lemma_ in CUE_VERBS)
            named = subj is None and (b := before_brackets(anc)) is not None and b.ent_type_ == "PERSON"
            if anc.lemma_ in CUE_VERBS and (subj is not None or named or anc.dep_ in ("advcl", "xcomp", "conj")):
                if named or subj is not None and not _reported_thing(anc, subj):
                    return outer_speech(anc) or anc
            elif subj is not None and _names_someone(subj) and (fallback is None or _reports(anc, fallback)):
                fallback = anc
    return fallback


def parenthetical_speech(verb: Token, inside: set[int]) -> Token | None:
    """_parenthetical_speech: the speech verb set off inside ``verb``'s clause ("CNN, Cruz said, called …"), or None.

    Why: "Cruz claimed that his campaign had misinterpreted a CNN report …. CNN, Cruz said, called the announcement
    “highly significant.”" and "Vice President Joe Biden, Rubio said, had been in the Senate for "a thousand years""
    (PolNeAR train huff-post_2016-02-07) are Cruz's and Rubio's accounts; the clause's own subject is who they are
    about. Out: a speech verb outside the marks (``inside``: the quote's token indices) that the parser hangs on
    ``verb`` as ``parataxis``, when its subject names someone (:func:`_names_someone`).
    """
    for c in verb.children:
        if c.dep_ == "parataxis" and c.i not in inside and c.lemma_ in CUE_VERBS and c.pos_ == "VERB":
            subj = subject(c)
            if subj is not None and subj.dep_ == "nsubj" and _names_someone(subj):
                return c
    return None


def outer_speech(verb: Token) -> Token | None:
    """outer_speech: the speech verb whose reported clause ``verb``'s clause is, when its subject names someone.

    Why: "Rep. Steve Israel (D-N.Y) said Clinton called on members to be “closely coordinated.”" (PolNeAR train
    huff-post_2016-06-22) is Israel's account: the writer has the words from the outer speaker, and the parser
    also hangs the outer speaker's own second verb on the clause ("Clinton … said Trump is … and accused him of
    "inciting violent behavior …"", wash-post_2016-03-30). The reported clause may sit deeper, under verbs and
    coordinations of its own (_nested_report: "Cruz said he’s certain Rubio will continue to be “a champion …”",
    "Hillary Clinton says … and that she expects President Barack Obama to announce an “intensification”", "Axelrod
    said this was a … and that she has learned her lesson: “…”", "Yepez said Perez was right to urge Latino leaders
    “to stand up and be active.”", PolNeAR train). Out: the first speech verb above ``verb``, climbing ``ccomp``,
    ``xcomp``, ``acomp`` and ``conj`` links (at most six), reached through a link other than ``conj`` (a verb
    coordinated with a speech verb is a speech event of its own) and written before ``verb``, when its subject is
    a source (:func:`_names_someone`); else None.
    """
    clause = verb
    for _ in range(6):
        link = clause.dep_
        if link not in ("ccomp", "xcomp", "conj", "acomp") or clause.head.i == clause.i:
            return None
        top = clause.head
        if top.lemma_ in CUE_VERBS and top.pos_ == "VERB":
            if link == "conj" or top.i > verb.i:
                return None  # a speech verb after the clause is a misparse across a quote ("Hicks … added that "…" … said")
            subj = subject(top)
            return top if subj is not None and subj.dep_ == "nsubj" and _names_someone(subj) else None
        clause = top
    return None


def _reports(verb: Token, lower: Token) -> bool:
    """_clause_reported: is ``lower`` the clause ``verb`` reports ("a judge ruled that Assange should remain …")?

    Why: the subject of a that-clause is what is ruled or decided about, not the source; "… because of his "history
    of absconding"" (html-dev c7e39a) is the judge's phrase, not Assange's.
    """
    return lower.dep_ == "ccomp" and lower.head.i == verb.i


def _reported_thing(verb: Token, subj: Token) -> bool:
    """_reported_thing: a speech verb whose subject is "it"/"this"/"that" inside what a higher verb reports.

    Why: "President Obama … said it would tell an American story, one of ''suffering and delight …''" quotes Obama,
    not the museum that "would tell" it: the writer's speech verb is the one above. Out: True when ``verb``
    hangs, through clause links, on another verb and ``subj`` is such a pronoun.
    """
    return subj.lower_ in ("it", "this", "that") and verb.dep_ in ("ccomp", "xcomp", "conj", "advcl")


def _names_someone(subj: Token) -> bool:
    """Is ``subj`` a person or a named organisation or country (entity or proper noun), or he/she?

    Why: the writer's verb attributes a partial quote to its subject when the subject is a source ("In an
    August speech, Trump attacked “the hateful ideology …”", "Japan branded North Korea an “outlaw nation”"),
    not to a thing ("the bill creates a “fund”").
    """
    return (
        subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or (subj.pos_ == "PROPN" and subj.text[:1].isupper())
        or subj.lower_ in PERSON_PRONOUNS
        or _described_source(subj)
    )


def _described_source(subj: Token) -> bool:
    """_described_source: one person described by a role ("a judge", "the spokesman") or a document ("the poll",
    "a report", which speaks for its author) is a source like a name.

    Why: "a judge ruled that Assange should remain in jail … because of his "history of absconding"" (html-dev
    c7e39a) quotes the judge though "ruled" is no speech verb and no name is given; "A similarly fresh Reuters poll
    … shows that most Americans want Congress to investigate Trump if he "committed impeachable offenses …"" (html-dev
    04a671) quotes the poll's wording, not Congress or the Americans.
    """
    return subj.pos_ == "NOUN" and subj.tag_ == "NN" and (subj.lower_ in OUTSIDER_ROLES or subj.lower_ in DOCUMENT_NOUNS)


def attributed_by_name_only(verb: Token) -> bool:
    """Is ``verb`` a cue only because its subject is a name (:func:`_names_someone`), not a speech verb or a person?

    Why: such a verb ("Campese ruled out …", "the club's 'tries'") tells who the sentence is about, not that a
    short quoted term is anyone's words, so the mention rules (:data:`pipelines.text.quotes.MENTION_RULES`) may
    still drop the term; a person subject (he/she, a PERSON) keeps the older reading that voices the quote.
    """
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in CUE_VERBS or as_x_puts_it(verb):
        return False
    subj = subject(verb)
    return subj is not None and subj.ent_type_ != "PERSON" and subj.lower_ not in PERSON_PRONOUNS and not _described_source(subj)


def under_speech_verb(doc: Doc, s: MarkSpan, body: str) -> bool:
    """Does a speech verb or noun outside the marks govern the quote, with or without a subject?

    Why: a short quote under speech is somebody's words even when nobody is named. Examples: ``describing … the
    "physical fight"``, ``amid claims that Mr Campbell is part of a Labour "dirty tricks" campaign``
    (bbc/politics/297: the noun "claims").
    """
    found = quote_root(doc, s)
    if found is None:
        return False
    root, inside = found
    return any(
        anc.lemma_ in CUE_VERBS and anc.pos_ in ("VERB", "NOUN")
        for anc in paragraph_ancestors(root, body)
        if anc.i not in inside
    )


def is_voiced(doc: Doc, body: str, s: MarkSpan) -> bool:
    """Is quote ``s`` attributed by a speech verb: after it, before it in its paragraph, or above it in the parse?

    In: the doc, the body and a quote span. Out: True when :func:`after_attribution` or
    :func:`before_attribution` (paragraph-wide) finds a speech verb, or :func:`under_speech_verb` does. Why: a
    phrase quoted twice is a slogan unless somebody is said to say it. Example: Hain's "attack mongrel", quoted
    twice in bbc/politics/408, both times under "accused"/"claim".
    """
    p0, p1 = paragraph_bounds(body, s.open_at)
    return (
        under_speech_verb(doc, s, body)
        or after_attribution(doc, body, s, p0, p1) is not None
        or before_attribution(doc, body, s, p0, p1) is not None
    )
