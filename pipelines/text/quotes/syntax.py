"""What the quote rules read off the dependency parse: the tokens of a quote, its root, its ancestors, a verb's subject."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.text.quotes.marks import MarkSpan, paragraph_bounds
from pipelines.text.vocab import DOCUMENT_NOUNS, PERSON_ROLE_NOUNS, SOURCE_NOUNS


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens wholly inside characters ``[start, end)`` of ``doc`` (none for an empty range)."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def quote_root(doc: Doc, s: MarkSpan) -> tuple[Token, set[int]] | None:
    """The quote's top token (the first whose head is outside the quote) and the indices of its tokens.

    In: the doc and a span. Out: ``(root, inside)``, or None when no token lies inside the marks. The root's
    ancestors are the words the writer's sentence hangs the quote on (``described it as the “most serious
    incident …”``: "incident" hangs on "as", "as" on "described").
    """
    toks = tokens_between(doc, s.start, s.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head is t), toks[0])
    return root, inside


def paragraph_ancestors(root: Token, body: str) -> list[Token]:
    """``root``'s ancestors up to the first one outside its paragraph (_paragraph_parse).

    Why: the parser sometimes runs one sentence over several paragraphs, and a head across a line break is a
    misparse, so it and everything above it are ignored. Example: a bullet list where "- I can “dial up” or
    “dial back” my working hours" was hung on "I am asked to speak" two bullets up (html-dev c582d3), so the
    speech verb "asked" voiced the two terms.
    """
    p0, p1 = paragraph_bounds(body, root.idx)
    out = []
    for anc in root.ancestors:
        if not p0 <= anc.idx < p1:
            break
        out.append(anc)
    return out


def subject(verb: Token, reach: bool = False) -> Token | None:
    """nsubj of ``verb``, inherited through ``conj`` ("… and added") and participles (_participle_subject).

    A speech participle without a subject of its own speaks for the clause it hangs on. Examples: ``And Mutu
    agreed, adding: "…"`` (advcl/xcomp ``-ing`` form: the head verb's subject, "Mutu", bbc/sport/201);
    ``issued a statement warning that “…”`` (acl of a noun: the noun, so a document speaks for its issuer,
    html-dev e7994d). Also through a participle after a preposition, an infinitive and an idea noun the parser
    hung a participle on (:func:`_inherits`). None when four steps up find no subject. ``reach`` (who speaks a
    speech verb, not which clause shape a verb has or whom a plain verb's words are about) also climbs the steps of
    :func:`_inherits` and, of several subjects the parser gave one verb, takes a person's name ("Couple global
    exposure with … and Clevelanders get nervous, said Christine Link": "exposure" and "Link"; without it "A
    self-described ''geeky kid,'' Mr. Cruz changed his name" made the term Cruz's words).
    """
    v: Token | None = verb
    for _ in range(4):
        if v is None:
            return None
        # a dash or mark the parser made a subject ("― Trump boasted": "―" nsubj) is not one
        # nor is a preposition with its object ("Of Carson, Levine, who …, said": "Of" nsubj, PolNeAR train
        # politico_2015-12-03; a surname tagged ADP has none: "…," From said, wash-post_2016-07-27)
        found = [
            c
            for c in v.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and any(ch.isalnum() for ch in c.text)
            and not (c.pos_ == "ADP" and any(g.dep_ == "pobj" for g in c.children))
        ]
        if found:
            return _named_first(found) if reach else found[0]
        if v.tag_ == "VBG" and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and not (reach and _idea_object(v.head)):
            return v.head
        if v.head is v:
            return None
        if v.dep_ == "conj" or (v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp")):
            v = v.head
        elif reach:
            v = _inherits(v)
        else:
            return None
    return None


def _named_first(found: list[Token]) -> Token:
    """Of several subjects the parser gave one verb, a person's name, else an organisation's, else the first.

    Why: "Couple global exposure with … and Clevelanders get nervous, said Christine Link" (PolNeAR train) gives
    "said" the subjects "exposure" and "Link"; a dateline is parsed as a second subject of the lead's verb
    ("PHILADELPHIA, July 25 (UPI) — The Democratic National Committee released a statement …, offering “a deep and
    sincere apology”", PolNeAR train breitbart_2016-07-25), and the place does not speak.
    """
    return next((c for c in found if c.ent_type_ == "PERSON"), None) or next(
        (c for c in found if c.ent_type_ == "ORG"), found[0]
    )


def _inherits(v: Token) -> Token | None:
    """_inherited_subject: the word whose subject a subjectless verb form takes, or None.

    - a participle after a preposition speaks for the verb the preposition hangs on ("Sarah Silverman was booed …
      after telling holdouts … that they were “being ridiculous.”", PolNeAR train politico_2016-07-25), unless the
      preposition denies it ("without asking");
    - an infinitive for the verb or adjective it completes, unless that verb has an object, who would be the one
      to speak ("The Slate technology columnist David Auerbach went so far as to say: ''…''", nyt_2016-06-17; not
      "asked him to say");
    - an adjective complement for its copula ("was quick to add");
    - a participle the parser hung on an idea noun the verb's subject acts on (:func:`_idea_object`: "Carson
      rejected the notion that …, saying that if he “found something …”", politico_2016-02-05) for that verb.
    """
    head = v.head
    if v.tag_ == "VBG" and v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "without asking people to pay more" (bbc/politics/110) says what nobody did: no speaker
        return head.head if head.lower_ not in ("without", "instead", "of") else None
    if v.tag_ == "VB" and v.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        while head.pos_ == "ADV" and head.dep_ == "advmod" and head.head is not head:
            head = head.head  # "went so far as to say": "say" hangs on "far"
        if head.pos_ in ("VERB", "AUX", "ADJ") and head.dep_ not in ("relcl", "acl") and not any(
            c.dep_ in ("dobj", "dative") for c in head.children
        ):
            return head  # not in a relative clause: "using a term Rubio has used to describe Donald Trump" says nothing
    if v.pos_ == "ADJ" and v.dep_ == "acomp":
        return head
    if v.tag_ == "VBG" and v.dep_ == "acl" and _idea_object(head) and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _idea_object(noun: Token) -> bool:
    """Is ``noun`` an idea the verb's subject acts on ("rejected the notion that …"), not who speaks?

    A singular lowercase common noun, a verb's direct object, with a that-clause of its own ("the notion that the
    episode should be …"). A document ("issued a statement warning that …") has no such clause and speaks for its
    issuer; "a series of South Dakotans … declaring" (html-dev 156770) is the people counted.
    """
    if noun.tag_ != "NN" or noun.dep_ != "dobj" or not noun.text.islower() or noun.ent_type_:
        return False
    if noun.lower_ in DOCUMENT_NOUNS or noun.lower_ in PERSON_ROLE_NOUNS or noun.lower_ in SOURCE_NOUNS:
        return False
    return any(
        c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in noun.children
    )


def before_brackets(verb: Token) -> Token | None:
    """_bracketed_affiliation: the word before a bracketed group that ends right before ``verb``, or None.

    Why: US news puts a politician's party and state in brackets between the name and the verb ("Sen. Elizabeth
    Warren (D-MA) said presumptive Republican presidential nominee Donald Trump was a “proven failure”", PolNeAR train
    breitbart_2016-06-05), and the parser then hangs the name on an earlier noun and leaves the verb without a
    subject. Out: the token before the "(" that opens a group of at most eight tokens closed right before ``verb``.
    """
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != ")":
        return None
    for k in range(verb.i - 2, max(0, verb.i - 10), -1):
        if doc[k].text == "(":
            return doc[k - 1] if k >= 1 else None
        if doc[k].text == ")" or "\n" in doc[k].text:
            return None
    return None
