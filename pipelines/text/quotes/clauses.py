"""What a speech verb reports: the token range of its content, read off the parse, and the shape it takes.

In: a parsed ``Doc`` and a verb token. Out: ``(lo, hi, shape)`` (:func:`clause_of`), or None. Which (verb, shape)
pairs are reported speech is decided by :mod:`.reported` (hand-kept speech verbs for :data:`SPEECH_CLAUSE_SHAPES`,
the rest learned from PolNeAR train, ``pipelines/data/report_verbs.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.text.lexicons import quote_cue_verbs
from pipelines.text.quotes.syntax import subject
from pipelines.text.vocab import CONTROLLER_PRONOUNS, REFLEXIVES, REPORT_VERBS, SPEECH_ACT_VERBS, TOPIC_PREPOSITIONS

# The shapes a speech verb's content takes, in the order clause_of tries them ("prep_<word>" stands for any
# preposition outside TOPIC_PREPOSITIONS: "warned of", "argued against").
CLAUSE_SHAPES = ("that", "before", "aside", "as", "to", "ing", "object", "about", "prep_<word>", "object_name", "passive",
                 "participle", "modifier")
# Shapes read for any verb of REPORT_VERBS; the others only for learned pairs.
SPEECH_CLAUSE_SHAPES = frozenset({"that", "before", "aside"})
# Suffix of a shape read off a verb with no subject ("that_bare": "Asked whether …"); learned pairs only.
BARE = "_bare"
# How far up an infinitive or gerund looks for the subject that controls it ("pivoted to arguing that …").
_CONTROL_DEPS = frozenset({"xcomp", "pcomp", "prep", "pobj", "advcl", "acomp", "conj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# The right-hand children of a parenthetical speech verb that continue the clause it interrupts (_aside_tail).
_ASIDE_TAIL_DEPS = frozenset({"xcomp", "ccomp", "advcl", "prep", "dobj", "conj"})

Clause = tuple[int, int, str]


def clause_of(doc: Doc, tok: Token) -> Clause | None:
    """Token range ``[lo, hi)`` of what verb ``tok`` reports, and its shape (:data:`CLAUSE_SHAPES`), or None.

    For a verb with a subject:
    ``that``: ``X said (that) CLAUSE`` (a ccomp after the verb, or :func:`_misattached_that_clause`);
    ``before``: the inverted ``CLAUSE, X argued.`` (a ccomp before the verb and its subject);
    ``aside``: the parenthetical ``Now, he said, CLAUSE`` (:func:`_aside`);
    ``as``: ``As the Washington Post reported, CLAUSE`` (:func:`_as_clause`);
    ``to``, ``ing``, ``object``, ``about``, ``prep_<word>``: :func:`_complement`;
    ``passive``: :func:`_passive`.
    A verb with no subject reads only ``that`` and the complements, named with the suffix :data:`BARE`
    (``Asked if he was ever bullied, the candidate said no``, PolNeAR train), except the ``that`` of a verb a
    subject controls (:func:`controller`: ``Cruz pivoted to arguing that …``) or of a finite verb (:func:`_finite`).
    Examples: ``Putin said Moscow was ready to unite …`` (seeds/000); ``…, then an extra five million lives could
    have been saved …, Mr Brown argued`` (bbc/politics/385); ``Now, he said, the gaming world rivals the movie
    industry`` (bbc/tech/100). Two ccomps of one verb are one clause (_split_complement: "said whether Trump
    will agree to remove tariffs depends largely on …", html-dev 39d5c4).
    """
    subj = subject(tok)
    found = _that_clause(doc, tok)
    if subj is None:
        # _bare_verb: no subject ("Asked if he was ever bullied, …"): only the content after the verb, under its
        # own shape name, so train decides whether such a verb reports; a controlled verb's that-clause is
        # speech ("Cruz pivoted to arguing that …"), its complements stay bare ("for announcing the steps")
        if found is not None and (controller(tok) is not None or _finite(doc, tok)):
            return found
        if any(c.dep_ == "agent" for c in tok.children):
            # _passive_as: "As reported by Western Journalism, CLAUSE" (PolNeAR train): the agent speaks
            found = found or _as_clause(doc, tok)
            if found is not None and found[2] == "as":
                return found
        if found is None and (named := _participle(doc, tok)) is not None:
            return named
        found = found or _complement(tok)
        return (found[0], found[1], found[2] + BARE) if found is not None else None
    if found is not None:
        # _speaker_in_clause: '"…," said Jim Bopp, a conservative member of the Platform Committee, told …' parses
        # the speaker into the clause; the quote before it is what was said
        return None if tok.i < subj.i < found[1] else _rest_of_phrase(doc, tok, found)
    before = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i and c.i < subj.i), None)
    if before is not None and before.right_edge.i < subj.left_edge.i:
        return before.left_edge.i, before.right_edge.i + 1, "before"
    found = _aside(doc, tok) or _as_clause(doc, tok) or _complement(tok) or _passive(tok, subj)
    return _rest_of_phrase(doc, tok, found) if found is not None else None


def _participle(doc: Doc, tok: Token) -> Clause | None:
    """_participle: what a past participle modifying a noun reports is that noun's phrase, or None.

    Why: news names what was said by the thing said, with the speech verb as its modifier: ``The tentative deal,
    announced Friday, would last four years``, ``The nationwide campaign, first reported by The Washington Post,
    is …`` (an ``acl``: shape ``participle``); ``Christie repeated accusations …``, ``the alleged communist
    organizations`` (an ``amod``: shape ``modifier``), PolNeAR train. Out: the noun's phrase without the
    participle's own phrase (the part before it, or after it for a modifier), when that part has a word.
    Which verbs report in these shapes is learned from train like the other shapes.
    """
    head = tok.head
    if tok.tag_ != "VBN" or tok.dep_ not in ("acl", "amod") or head.i == tok.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    if tok.dep_ == "acl":
        if tok.left_edge.i <= lo:
            return None
        hi, shape = tok.left_edge.i, "participle"
    else:
        lo = max(lo, tok.right_edge.i + 1)
        shape = "modifier"
    while hi > lo and doc[hi - 1].is_punct:
        hi -= 1
    return (lo, hi, shape) if any(t.is_alpha for t in doc[lo:hi]) else None


def _rest_of_phrase(doc: Doc, tok: Token, clause: Clause) -> Clause:
    """_rest_of_phrase: content after verb ``tok`` runs on to the end of the verb's phrase, up to a later speech verb.

    The parser hangs what qualifies the content on the verb instead ("has voiced concerns over Trump's views on
    Israel, his support for torture and …", "portraying Mexican immigrants, in particular, as "rapists" …",
    "refused to rule out a tax on carbon - only if it were revenue-neutral …", PolNeAR train), and PolNeAR's
    content runs on. A later speech verb of the phrase ("…, adding that …", "… and predicted that …") or a
    parenthetical reports for itself, so the clause stops before it. Shapes before the verb (``before``,
    ``aside``, ``as``, ``passive``) and a named object (``object_name``: "mentioned CNN five times") stay as they are.
    """
    lo, hi, shape = clause
    if lo < tok.i or shape in ("aside", "as", "passive", "object_name"):
        return clause
    end = tok.right_edge.i + 1
    for c in tok.rights:
        if c.i < hi:
            continue
        if c.dep_ == "parataxis" or _cue_verb(c):
            end = min(end, c.left_edge.i)
        elif c.dep_ == "cc" and any(_cue_verb(k) and k.i > c.i for k in tok.rights):
            end = min(end, c.i)
    while end > hi and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return lo, max(hi, end), shape


def _cue_verb(tok: Token) -> bool:
    """Is ``tok`` a verb that attributes speech (hand-kept report or speech-act verbs, or the quote cues learned
    from PolNeAR train, :func:`pipelines.text.lexicons.quote_cue_verbs`)?"""
    return tok.pos_ in ("VERB", "AUX") and any(tok.lemma_ in words for words in (REPORT_VERBS, SPEECH_ACT_VERBS,
                                                                                 quote_cue_verbs()))


def noun_clause_of(doc: Doc, noun: Token) -> Clause | None:
    """What speech noun ``noun`` reports, and its shape, or None (PolNeAR train: "his promise to build a wall",
    "her warning that …", "comments about Megyn Kelly's election coverage").

    ``noun_that``: a that-clause of the noun (the clause without "that"); ``noun_ccomp``: a clause the parser made
    the noun's complement, as it does for a speech verb it took for a noun (_verb_as_noun: "Trump predicts that
    as Jeb Bush … drop out, many of their supporters will switch", "Trump claims he's worth $10 billion", PolNeAR
    train); ``noun_to``: its infinitive; ``noun_<prep>``: the object of a preposition after it. Which pairs are
    speech is learned, as for verbs.
    """
    for c in noun.rights:
        kids = list(c.children)
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            lo = c.left_edge.i
            while lo < c.i and doc[lo].lower_ == "that":
                lo += 1
            return lo, c.right_edge.i + 1, "noun_ccomp"
        if c.dep_ == "acl" and any(k.dep_ == "mark" and k.lower_ == "that" for k in kids):
            lo = c.left_edge.i
            while lo < c.i and doc[lo].lower_ == "that":
                lo += 1
            return lo, c.right_edge.i + 1, "noun_that"
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids):
            return c.left_edge.i, c.right_edge.i + 1, "noun_to"
        if c.dep_ == "prep":
            pobj = next((k for k in kids if k.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.pos_ != "PRON":
                return pobj.left_edge.i, pobj.right_edge.i + 1, "noun_" + c.lower_
    return None


def noun_speaker(noun: Token) -> Token | None:
    """Who a speech noun is by: its possessor ("his promise"), else the subject of the verb it is the object of
    ("Clinton offered her firmest promise yet that …"), or None."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and head.pos_ == "VERB":
        return subject(head)
    # _verb_as_noun: "Trump predicts that …" tagged a noun compound: the name before it speaks
    return next((c for c in noun.lefts if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)


def controller(verb: Token) -> Token | None:
    """The subject an infinitive or gerund with none of its own takes from the clause it hangs on, or None.

    Up to five steps through xcomp/pcomp/prep/advcl heads to the first subject, kept when it is a noun, a name or
    a personal pronoun (not "it", "that": "That's not to suggest …" has no speaker). Examples (PolNeAR train):
    ``Cruz pivoted to arguing that the epidemic was one more reason …`` -> Cruz; ``Caucus-goers were slightly
    more likely to say they preferred Clinton`` -> Caucus-goers. A past participle is passive ("Asked whether …,
    the candidate said": the candidate was asked), so it has none.
    """
    if verb.tag_ == "VBN":
        return None
    v = verb
    for _ in range(5):
        if v.dep_ not in _CONTROL_DEPS or v.head.i == v.i:
            return None
        v = v.head
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            ok = subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in CONTROLLER_PRONOUNS
            return subj if ok else None
    return None


def _finite(doc: Doc, verb: Token) -> bool:
    """Whether ``verb`` is a finite verb (a tense of its own or a finite auxiliary) with its missing subject before
    it: the parser did not attach it ("Among likely GOP primary voters, about two-thirds, 67 percent, say they will
    vote for Trump", PolNeAR train), unlike an imperative, an infinitive or a participle. A verb right after a
    quotation is inverted ('…,” said Jim Bopp, a conservative member …, told POLITICO'): its subject follows.
    """
    if any(t.is_quote for t in doc[max(0, verb.i - 2) : verb.i]):
        return False
    return verb.tag_ in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children)


def _that_clause(doc: Doc, tok: Token) -> Clause | None:
    """The ``that`` shape of :func:`clause_of`: the ccomp after the verb (or :func:`_misattached_that_clause`),
    without its "that"; two ccomps of one verb are one clause (_split_complement)."""
    afters = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
    after = afters[0] if afters else _misattached_that_clause(tok)
    if after is None or any("\n" in t.text for t in doc[tok.i : after.left_edge.i]):
        # _clause_across_paragraphs: "Populists … for common goals, he said.\n\n''These anti-establishment
        # movements stand …,'' Mr. Kamp said" (PolNeAR train) hangs the next paragraph's quote on "said"; the
        # clause before the verb is what it reports (the ``before`` shape)
        return None
    left = after.left_edge.i
    while left <= after.i and doc[left].dep_ == "mark" and doc[left].lower_ == "that":
        left += 1
    if doc[left].lower_ in REFLEXIVES:
        return None  # _reflexive_small_clause: "declared himself an independent" names, it reports nothing
    # _split_complement: "said whether Trump will agree to remove tariffs depends largely on …" is
    # parsed as two ccomps of "said"; the reported clause runs to the end of the last one
    right = max(c.right_edge.i for c in afters) if afters else after.right_edge.i
    return left, right + 1, "that"


def _aside(doc: Doc, tok: Token) -> Clause | None:
    """The ``aside`` shape: a parenthetical speech verb (a ``parataxis`` of the clause it interrupts), or None.

    The interrupted clause, parenthetical included, when it splits the clause's core (``It was, he said, one of
    the bitterest failures of his presidency``; ``The question of whether or not to suspend every extremist account
    immediately, she said, is not so cut and dried``, PolNeAR train); only what follows when what precedes is an
    adverbial (``Now, he said, the gaming world rivals the movie industry``, bbc/tech/100); only what precedes
    when the parenthetical ends the clause, unless the parser hung the clause's rest on it (:func:`_aside_tail`).
    """
    head = tok.head
    if tok.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX"):
        return None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    after = tok.right_edge.i + 1
    while after < hi and doc[after].is_punct:
        after += 1
    if after >= hi:
        if not any(not t.is_punct for t in doc[lo : tok.left_edge.i]):
            return None
        return lo, (tok.right_edge.i + 1 if _aside_tail(doc, tok) else tok.left_edge.i), "aside"
    if head.i > tok.i and not any(c.dep_ in _SUBJECT_DEPS and c.i < tok.i for c in head.children):
        return after, hi, "aside"
    return lo, hi, "aside"


def _aside_tail(doc: Doc, tok: Token) -> bool:
    """_aside_tail: whether the parser hung the rest of the interrupted clause on parenthetical verb ``tok``.

    A complement or adverbial of ``tok`` that a comma sets off after it belongs to the clause the aside interrupts,
    so the content runs on to its end, parenthetical included (as when the aside splits the clause's core). Example
    (PolNeAR train, nyt_2016-06-27): ``Nor does Mrs. Clinton have any plans, advisers say, to take cues from the
    Brexit campaign and start soft-pedaling her support for globalized markets`` ("to take cues …" is an ``xcomp``
    of "say"; without the tail the content was "Nor does Mrs. Clinton have any plans").
    """
    return any(
        c.dep_ in _ASIDE_TAIL_DEPS and any(t.text == "," for t in doc[tok.i : c.left_edge.i]) for c in tok.rights
    )


def _as_clause(doc: Doc, tok: Token) -> Clause | None:
    """The ``as`` shape: ``As the Washington Post reported, CLAUSE`` or ``CLAUSE, as Clinton supporters point out``.

    A speech verb in an ``as`` clause with no object of its own reports the clause it hangs on (PolNeAR train:
    "As POLITICO revealed, the RNC agreed to allow Trump to use the party's voter file"). Out: the longer side of
    that clause, the ``as`` clause left out. Not an infinitive ("as if to say").
    """
    head = tok.head
    if tok.dep_ != "advcl" or tok.tag_ == "VB" or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    kids = list(tok.children)
    if not any(k.dep_ == "mark" and k.lower_ == "as" for k in kids) or any(k.dep_ in ("dobj", "ccomp") for k in kids):
        return None
    return _longer_side(head, tok, "as")


def _longer_side(head: Token, inner: Token, shape: str) -> Clause | None:
    """The longer of the parts of ``head``'s phrase before and after ``inner``'s phrase, as a clause, or None."""
    doc = head.doc
    before = (head.left_edge.i, inner.left_edge.i)
    after = (inner.right_edge.i + 1, head.right_edge.i + 1)
    lo, hi = max(before, after, key=lambda r: sum(1 for t in doc[r[0] : r[1]] if not t.is_punct))
    if not any(not t.is_punct for t in doc[lo:hi]):
        return None
    return lo, hi, shape


def _complement(tok: Token) -> Clause | None:
    """The ``to``, ``ing``, ``object``, ``about`` or ``prep_<word>`` content of a verb with no clause, or None.

    ``to``: an ``xcomp`` after the verb with its own "to", from the addressee (the verb's object, if any) to the
    infinitive's end. ``ing``: a gerund clause after the verb ("reported spending $6 million attacking Clinton",
    "recalled sitting in on focus groups", PolNeAR train). ``object``: the direct object's phrase, unless it is
    a pronoun or a PERSON (``told reporters`` names the audience, not the content). ``about``: the object of
    "about"/"on"/"over"; ``prep_<word>`` of any other preposition ("warned of the global implications", "argued against
    intervention", PolNeAR train), which train decides per verb. ``object_name``: a named object with no
    preposition after it (_named_object).
    """
    rights = [c for c in tok.rights if not c.is_punct]
    xcomp = next((c for c in rights if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    if xcomp is not None:
        first = min((c for c in rights if c.i <= xcomp.i and c.dep_ in ("dobj", "dative", "xcomp")), key=lambda c: c.i)
        return first.left_edge.i, xcomp.right_edge.i + 1, "to"
    gerund = next((c for c in rights if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.left_edge.i == c.i), None)
    if gerund is not None:
        return gerund.i, gerund.right_edge.i + 1, "ing"
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if obj is not None and obj.pos_ not in ("PRON", "PROPN") and obj.ent_type_ != "PERSON":
        return obj.left_edge.i, obj.right_edge.i + 1, "object"
    named = _by_name(obj, rights)
    if named is not None:
        return named
    for prep in (c for c in rights if c.dep_ == "prep"):
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if pobj is None or pobj.pos_ == "PRON":
            continue
        shape = "about" if prep.lower_ in TOPIC_PREPOSITIONS else "prep_" + prep.lower_
        return pobj.left_edge.i, pobj.right_edge.i + 1, shape
    if obj is not None and obj.pos_ != "PRON" and (obj.pos_ == "PROPN" or obj.ent_type_ == "PERSON"):
        # _named_object: a name is what was said when nothing else follows ("Cruz mentioned CNN five times",
        # "Trump never mentioned Clinton", PolNeAR train); "told Trump" an audience, which train decides per verb
        return obj.left_edge.i, obj.right_edge.i + 1, "object_name"
    return None


def _by_name(obj: Token | None, rights: list[Token]) -> Clause | None:
    """_by_name: a named object followed by "by name" is, with it, what was (not) said, in the ``object_name`` shape.

    Example (PolNeAR train, wash-post_2016-01-17): ``Cruz never mentioned Trump by name`` -> "Trump by name" (PolNeAR's
    content); before, "by" was read as the verb's preposition and the content was "name". None when the verb has
    no named object with "by name" after it.
    """
    if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ == "PERSON"):
        return None
    by = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "by" and c.i > obj.i), None)
    pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if pobj is None or pobj.lower_ != "name":
        return None
    return obj.left_edge.i, pobj.i + 1, "object_name"


def _passive(tok: Token, subj: Token) -> Clause | None:
    """The ``passive`` shape: what a passive speech verb reports is its subject ("O'Malley's move was first
    reported by MSNBC", "Her death was confirmed by the Eagle Forum", PolNeAR train), or None."""
    if subj.dep_ != "nsubjpass" or subj.pos_ == "PRON" or subj.head.i != tok.i:
        return None
    return subj.left_edge.i, subj.right_edge.i + 1, "passive"


def _misattached_that_clause(verb: Token) -> Token | None:
    """_misattached_that_clause: the ``that``-clause of a speech verb the parser hung on a noun after it.

    In: a report verb with no ``ccomp`` after it. Out: the head of a clause
    inside the verb's right-hand phrases (its object or a prepositional
    phrase) that opens with the conjunction ``that`` and has a subject, else
    None: "Tim Clark told reporters at a press conference that the airline …
    will recommence its expansion" is parsed as a relative clause of
    "conference" (a relative "that" is the clause's subject or object, never
    its ``mark``); "Austria argued for decades that it was the first victim"
    as a clause of "decades". A ``that``-clause of the verb's object itself
    is the noun's complement and stays out ("the White House emphasized the
    longstanding sense among US officials that …", seeds/003).
    """
    for child in verb.rights:
        if child.dep_ not in ("dobj", "prep", "dative", "npadvmod"):
            continue
        for t in child.subtree:
            if t.pos_ not in ("VERB", "AUX") or not (t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.dep_ == "pobj")):
                continue  # an acl of the object is a noun's own complement ("emphasized the sense that …")
            kids = list(t.children)
            if any(k.dep_ == "mark" and k.lower_ == "that" for k in kids) and any(
                k.dep_ in ("nsubj", "nsubjpass") for k in kids
            ):
                return t
    return None
