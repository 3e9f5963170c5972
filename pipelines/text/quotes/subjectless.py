"""Who speaks for a speech verb the parser left without a subject, read off the words around it.

In: a speech verb with no usable subject and the :class:`~pipelines.text.quotes.mentions.Mentions` of the
article. Out: the token that names the speaker, or None. :func:`pipelines.text.quotes.attribution.speaker_of`
tries these after the adjacent name and before giving up; each answers one shape news writes.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.text.quotes.cues import CUE_VERBS
from pipelines.text.quotes.marks import is_mark_text
from pipelines.text.quotes.mentions import Mentions
from pipelines.text.quotes.syntax import subject


def aside_subject(res: Mentions, verb: Token) -> Token | None:
    """_aside_subject: the name before a comma-bracketed aside ("Mr. Trump, asked about …, had said, ''…''").

    Why: a participle or apposition set off by commas between a name and its verb makes the parser hang the name
    elsewhere and leave the verb without a subject ("Mitt Romney, the 2012 Republican presidential nominee,
    tweeted in response: ''…''", PolNeAR train nyt_2015-12-22; "Sanders, meanwhile, who sits at zero such
    endorsements, said", politico_2015-11-09). Out: the last token of the PERSON name (a mention, or a bare name
    part of one) nearest before a comma of the aside, when the verb follows the aside's closing comma (auxiliaries
    and adverbs allowed between); the aside is at most 25 tokens and stays in the verb's sentence; else None.
    """
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].pos_ in ("AUX", "ADV", "PART"):
        k -= 1
    if k <= 0 or doc[k].text != ",":
        return None
    start = verb.sent.start
    for j in range(k - 1, max(start, k - 25) - 1, -1):
        tok = doc[j]
        if "\n" in tok.text or tok.text in (".", "!", "?", ":", ";") or tok.pos_ == "VERB" and tok.dep_ == "ROOT":
            return None
        if tok.text == "," and j > start and _names_person(res, doc[j - 1]):
            return doc[j - 1]
    return None


def _names_person(res: Mentions, tok: Token) -> bool:
    """Is ``tok`` part of a PERSON mention, or a bare name part of one ("Sanders" tagged a plural noun)?"""
    m = res.by_token.get(tok.i)
    if m is not None:
        return m.label == "PERSON"
    return tok.text[:1].isupper() and res.name_part(tok) is not None


def name_after_quote(res: Mentions, verb: Token) -> Token | None:
    """_name_after_quote: the person named right after a quote's closing mark speaks for the subjectless verb after it.

    Why: ``“…,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted on Wednesday`` (PolNeAR train
    politico_2016-09-01): the parser hung the name on the quote and left "tweeted" without a subject. Out: the last
    token of the PERSON mention that starts right after the nearest closing mark before the verb (a comma between
    allowed), when the mark is within 25 tokens before the verb in its paragraph; else None.
    """
    doc = verb.doc
    for k in range(verb.i - 1, max(-1, verb.i - 26), -1):
        tok = doc[k]
        if "\n" in tok.text:
            return None
        if not is_mark_text(tok.text) or k + 1 >= verb.i:
            continue
        j = k + 1
        while j < verb.i and (doc[j].text == "," or doc[j].is_space):
            j += 1
        m = res.by_token.get(j)
        if m is None or m.label != "PERSON":
            return None
        while j + 1 < verb.i and res.by_token.get(j + 1) is m:
            j += 1
        return doc[j]
    return None


def participle_subject(res: Mentions, verb: Token) -> Token | None:
    """_said_adding: "X said, adding of Mr. Trump, ''He cares …''": the -ing speech verb goes on X's words.

    Why: the parser may hang "adding" on a verb inside the quote it introduces, so the subject inherited through
    the participle is the quote's own ("He"), and the name after "of" is who it is about (PolNeAR train
    nyt_2016-04-23: Mr. Manafort, not Mr. Trump). Out: the subject of the speech verb right before the
    participle (a comma between), when that subject is outside quote marks; else None.
    """
    if verb.tag_ != "VBG" or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    before = verb.doc[verb.i - 2]
    if before.lemma_ not in CUE_VERBS or before.pos_ != "VERB":
        return None
    subj = subject(before)
    return subj if subj is not None and not res.in_quote(subj.idx) else None


def speech_participle_speaker(res: Mentions, verb: Token, subj: Token) -> Token | None:
    """_speech_participle: "X said the process … could be “messy,” adding, “…”" -> X, not "the process".

    Why: the parser hangs "adding" on the verb of the reported clause, so the subject inherited through the
    participle (:func:`pipelines.text.quotes.syntax.subject`) is that clause's thing (PolNeAR train
    breitbart_2016-05-24: "the process"). Out: the subject of the nearest speech verb above the participle, when
    ``subj`` (the inherited subject) is no person (:func:`_thing_subject`), not the participle's own child, and
    that speech verb's subject is outside quote marks; else None.
    """
    if verb.tag_ != "VBG" or verb.lemma_ not in CUE_VERBS or subj.head.i == verb.i:
        return None
    if not _thing_subject(res, subj):
        return None
    for anc in verb.ancestors:
        if anc.i < verb.sent.start:
            return None
        if anc.lemma_ in CUE_VERBS and anc.pos_ == "VERB":
            up = subject(anc)
            return up if up is not None and up.i != subj.i and not res.in_quote(up.idx) else None
    return None


def _thing_subject(res: Mentions, subj: Token) -> bool:
    """_inherited_thing: is ``subj`` a thing or body a speech participle cannot be said of, so it is inherited wrongly?

    A common noun no mention covers ("the process"), "it"/"this"/"that", or a name that is not a PERSON (a people,
    a party: "Republicans"). Why: "Gore insisted it was “premature” … while adding …, “I don’t have any doubt …”"
    (PolNeAR train politico_2016-07-24: "it" -> the magazine) and "Cardin said Wednesday that Republicans rejected
    his attempts …, calling it an "area of contention."" (usa-today) quote the speech verb's subject. A person ("X
    said Trump stormed out, shouting …") may well be the one who speaks, so a PERSON or he/she is kept.
    """
    if subj.lower_ in ("it", "this", "that"):
        return True
    m = res.by_token.get(subj.i)
    if m is not None:
        return m.label not in ("PERSON",) and subj.ent_type_ != "PERSON"
    return subj.pos_ == "NOUN"
