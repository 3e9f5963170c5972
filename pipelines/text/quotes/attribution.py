"""From a cue to its speaker: the subject of the speech verb, the agent of a passive one, the X of "according to X".

In: the :class:`~pipelines.text.quotes.resolver.Resolver` of the article and a cue token (a speech verb or
"according"). Out: ``(speaker, speaker_mention, cue)``. Used for quotes in marks and for reported speech alike.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.text.quotes.cues import dash_label, is_signature_dash
from pipelines.text.quotes.marks import ALL_MARKS, is_mark_text
from pipelines.text.quotes.resolver import Resolver
from pipelines.text.quotes.subjectless import (
    aside_subject,
    name_after_quote,
    participle_subject,
    speech_participle_speaker,
)
from pipelines.text.quotes.syntax import before_brackets, subject
from pipelines.text.vocab import DOCUMENT_NOUNS, LEAD_IN_MARKS, PERSON_PRONOUNS


def according_to(tok: Token) -> Token | None:
    """The object of "to" in "according to X"."""
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def passive_speaker(verb: Token) -> Token | None:
    """_passive_speech: the speaker of a passive speech verb is its agent, never its subject.

    In: a speech verb whose subject is ``nsubjpass``. Out: the ``by X``
    agent ("it was announced by the ministry"), else a document it was said
    in ("In a report compiled by Transparency International, graft was said to
    be "pervasive"": the report, whose author :meth:`Resolver.author` finds),
    else None: "graft was said", "he was told" do not name who spoke, so
    the other attributions (a verb before or after the quote, the paragraph's
    speaker) are tried.
    """
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "prep" and child.lower_ == "in":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in DOCUMENT_NOUNS:
                return obj
    return None


def signer(res: Resolver, dash: Token) -> tuple[str | None, str | None, str]:
    """(speaker, speaker_mention, cue) of a signature line ``"…" ― Carla Sanchez``: the name after the dash.

    The entity the name belongs to when the entity pass found one, else the run of capitalised words itself
    (a reader signing a comment is often a name the model does not tag). The words end at a comma or full
    stop: ``― NAME, a teacher in Phoenix`` is signed by NAME.
    """
    doc = dash.doc
    cue = dash.text.lstrip(ALL_MARKS)
    words = []
    for tok in doc[dash.i + 1 : min(len(doc), dash.i + 8)]:
        if tok.is_space and not words:
            continue
        if not (tok.text[:1].isupper() and tok.text[:1].isalpha()):
            break
        words.append(tok)
    if not words:
        return None, None, cue
    written = res.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    m = res.by_token.get(words[0].i)
    if m is not None and m.label in ("PERSON", "ORG") and len(m.mention) >= len(written):
        return m.entity, m.mention, cue
    return written, written, cue


def inverted_subject(res: Resolver, verb: Token) -> Token | None:
    """_inverted_subject: the name a few words after a subjectless verb ("…,” mused Blaze co-host Stu Burguiere").

    Why: after a quote news inverts verb and subject, and the parser then reads the subject as an object ("Stu
    Burguiere" a dobj of "mused", PolNeAR train). Out: the first token of a PERSON mention within six tokens
    after the verb, before any punctuation, else None.
    """
    doc = verb.doc
    if verb.i == 0 or not (doc[verb.i - 1].text == "," or is_mark_text(doc[verb.i - 1].text)):
        return None  # only a verb right after the quote (``…,” mused NAME``) comes before its subject
    for tok in doc[verb.i + 1 : min(len(doc), verb.i + 7)]:
        if tok.is_punct and tok.text not in ("-", ".") or "\n" in tok.text or tok.pos_ == "ADP":
            return None  # past a preposition the name is who it is about: "…,” adding of Mr. Trump
        m = res.by_token.get(tok.i)
        if m is not None and m.label == "PERSON":
            return tok
    return None


def lead_in_speaker(res: Resolver, mark: Token) -> tuple[str | None, str | None, str]:
    """(speaker, speaker_mention, cue) of ``NAME: "…"`` / ``NAME, OUTLET: "…"`` / ``NAME -- "…"``: the person before the mark."""
    doc = mark.doc
    for tok in reversed(doc[max(0, mark.i - 6) : mark.i]):
        m = res.by_token.get(tok.i)
        if m is not None and m.label == "PERSON":
            return m.entity, m.mention, mark.text
    first = dash_label(mark)
    if first is not None:
        # a digest's label the entity pass missed ("- HuffPollster:"): the words name the source
        written = res.text[first.idx : mark.idx].strip()
        m = res.by_token.get(first.i)
        return (m.entity if m is not None and m.label in ("PERSON", "ORG") else written), written, mark.text
    return None, None, mark.text


def preceding_name(res: Resolver, verb: Token) -> Token | None:
    """_preceding_name: the PERSON right before a subjectless verb, past a comma ("…, Jake Sullivan, said: “…”").

    Why: the parser hangs a name set off by commas on the noun before it ("In a statement to the Observer, her
    senior policy adviser, Jake Sullivan, said" makes "Sullivan" an apposition of "Observer" and leaves "said"
    without a subject; PolNeAR train), or on a noun before a bracketed affiliation ("Sen. Elizabeth Warren (D-MA)
    said", :func:`pipelines.text.quotes.syntax.before_brackets`). Out: the last token of a PERSON mention within
    three tokens before the verb with only punctuation between, or right before such brackets; else None.
    """
    doc = verb.doc
    bracketed = before_brackets(verb)
    m = res.by_token.get(bracketed.i) if bracketed is not None else None
    if m is not None and m.label == "PERSON":
        return bracketed  # "Sen. Elizabeth Warren (D-MA) said"
    for tok in reversed(doc[max(0, verb.i - 3) : verb.i]):
        m = res.by_token.get(tok.i)
        if m is not None and m.label == "PERSON":
            return tok
        if not tok.is_punct:
            return None
    return None


def _phrase_head(tok: Token) -> Token:
    """_inverted_phrase_head: the head of the noun phrase ``tok`` modifies, when ``tok`` is a name before it.

    Why: after an inverted verb the first name may only qualify the speaker (``"Debate recap," tweeted Rubio
    spokesman Alex Conant.``; ``"…," exhorted Clinton's introducer, actress Jamie Lee Curtis.``, PolNeAR train):
    the speaker is the phrase's head (a name, or a role with the name in apposition). Out: the noun ``tok``
    hangs on as a compound or possessor, climbed to the phrase's head; ``tok`` itself otherwise.
    """
    while tok.dep_ in ("compound", "poss") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def _after_closing_mark(verb: Token) -> bool:
    """Does ``verb`` follow a closing mark, with at most a comma between ("…,” said NAME", "…", said NAME)?

    Why: only there does news put the subject after the verb; a comma alone ends an aside ("“…,” Ramos, 58, told
    AFP in an interview", PolNeAR train breitbart_2016-04-12), and the name after that verb is its object.
    """
    doc = verb.doc
    k = verb.i - 1
    if k >= 1 and doc[k].text == ",":
        k -= 1
    return k >= 0 and is_mark_text(doc[k].text)


def _own_subject(verb: Token, subj: Token) -> bool:
    """_inherited_passive: is ``subj`` the subject of ``verb`` itself (or of the verb it is coordinated with)?

    Why: a passive subject a participle inherits is the one who speaks: in "Sarah Silverman was booed … after
    telling holdouts … that they were “being ridiculous.”" (PolNeAR train politico_2016-07-25) Silverman tells;
    only the passive verb's own subject gives way to its agent ("by Bernie Sanders supporters").
    """
    v = verb
    while v.dep_ == "conj" and v.head is not v and subj.head.i != v.i:
        v = v.head
    return subj.head.i == v.i


def speaker_of(res: Resolver, verb: Token) -> tuple[str | None, str | None, str]:
    """(speaker, speaker_mention, cue) for a speech verb or "according"; ``speaker_mention`` None when nobody is named.

    The speaker is the verb's subject (:func:`pipelines.text.quotes.syntax.subject`), except: a subject inside the
    quote marks gives way to one outside (_unquoted_subject: '"The government, … forward," he said' -> "he",
    bbc/politics/297); a passive verb's speaker is its agent (:func:`passive_speaker`); a verb the parser left
    without a subject takes the name or he/she right next to it.
    """
    if verb.text in LEAD_IN_MARKS and verb.i > 0:
        return lead_in_speaker(res, verb)
    if is_signature_dash(verb):
        return signer(res, verb)
    if verb.pos_ == "NOUN":
        # a speech noun's possessor (:func:`pipelines.text.quotes.possessed.possessed_speech_noun`)
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is None:
            return None, None, verb.text
        sp, written = res.resolve(owner)
        return sp, written, verb.text
    if verb.lower_ == "according":
        obj = according_to(verb)
        if obj is None:
            return None, None, "according to"
        sp, written = res.resolve(obj)
        return sp, written, "according to"
    subj = subject(verb, reach=True)
    if subj is not None and res.in_quote(subj.idx):
        # _unquoted_subject: the words inside the marks are not the speaker
        # ('"The government, … forward," he said' parses "government" as a
        # second subject of "said"): take a subject outside the marks
        subj = next(
            (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not res.in_quote(c.idx)), None
        )
    if subj is not None:
        subj = speech_participle_speaker(res, verb, subj) or subj
    if subj is not None and subj.dep_ == "nsubjpass" and _own_subject(verb, subj):
        subj = passive_speaker(verb)
        if subj is None:
            return None, None, verb.text
    if subj is None:
        # parser missed the subject: take an adjacent name or pronoun; the word after the verb only where news
        # inverts ("…,” said NAME", "Continued Stone:"), not an object ("used to describe Donald Trump")
        doc = verb.doc
        inverted = verb.i == 0 or verb.is_sent_start or doc[verb.i - 1].is_space or _after_closing_mark(verb)
        after = _phrase_head(doc[verb.i + 1]) if inverted and verb.i + 1 < len(doc) else None
        for cand in (doc[verb.i - 1] if verb.i > 0 else None, after):
            if cand is not None and (cand.i in res.by_token or cand.lower_ in PERSON_PRONOUNS):
                subj = cand
                break
            if cand is not None and cand is after and cand.pos_ == "NOUN" and res.apposed_name(cand) is not None:
                subj = cand  # "…," exhorted Clinton's introducer, actress Jamie Lee Curtis
                break
    if subj is None:
        subj = (
            participle_subject(res, verb)
            or aside_subject(res, verb)
            or inverted_subject(res, verb)
            or preceding_name(res, verb)
            or name_after_quote(res, verb)
        )
    if subj is None:
        return None, None, verb.text
    sp, written = res.resolve(subj)
    return sp, written, verb.text

