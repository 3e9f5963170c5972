"""The people and organisations of an article, indexed for speaker resolution: by token, offset, gender, role.

:class:`Mentions` is built once per article from its entity mentions. It answers the questions the speaker
rules ask about names: which mention covers a token, how a subject is written, who was the latest person or
organisation before an offset (recency), who the article is about (salience), and names the entity pass
missed (a bare surname, an untagged proper noun, the writer). :class:`pipelines.text.quotes.resolver.Resolver`
adds the subjects it resolves and the rules for pronouns, roles and documents.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from pipelines.text.entities import EntityMention
from pipelines.text.lexicons import name_gender
from pipelines.text.quotes.marks import is_mark_text, paragraph_bounds
from pipelines.text.vocab import FEMALE_TITLES, MALE_TITLES, ORG_NOUNS, TITLES

# How a writer says who they are: "my name is Pamela Wilson", "I'm Pamela Wilson".
_WRITER_INTRO = re.compile(r"\b(?:[Mm]y name is|I am|I['’]m) ")


class Mentions:
    """The article's entity mentions by token and by offset, with the gender and role words of each person.

    In: the doc, its entity mentions, the ``(open, close)`` offsets of its quote marks and its text. Titles
    before a name give a person's gender ("Mr", "spokeswoman") and the nouns of the name's own phrase its role
    words ("Communications director Nick Davies" -> {"communications", "director"}). ``subjects`` (main-clause
    subjects resolved to a name) and ``events`` (speech verbs with their speaker) start empty: the
    :class:`~pipelines.text.quotes.resolver.Resolver` fills them in text order.
    """

    def __init__(self, doc: Doc, mentions: list[EntityMention], quoted: list[tuple[int, int]], text: str) -> None:
        self.doc = doc
        self.text = text  # doc.text, passed in: Doc.text rebuilds the string on every access
        # doc[i] and iterating a Doc make a new Token object every time: make them once
        self.tokens: list[Token] = list(doc)
        tokens = self.tokens
        self._quoted = quoted
        self._quoted_starts = [a for a, _ in quoted]
        self.by_token: dict[int, EntityMention] = {}
        mention_spans = [(m, doc.char_span(m.start_char, m.end_char, alignment_mode="expand")) for m in mentions]
        for m, span in mention_spans:
            if span is not None:
                for i in range(span.start, span.end):
                    self.by_token.setdefault(i, m)
        # _person_over_other: a person's name inside a mention of another kind is the person ("Trump told Business
        # Insider" tagged WORK_OF_ART around the PERSON "Trump", PolNeAR train wash-post_2016-08-09)
        for m, span in mention_spans:
            if span is not None and m.label == "PERSON":
                for i in range(span.start, span.end):
                    if self.by_token[i].label not in ("PERSON", "ORG"):
                        self.by_token[i] = m
        self.gender: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}  # person -> lowercase role words written before the name
        for m, span in mention_spans:
            if m.label != "PERSON":
                continue
            if span is None or span.start == 0:
                continue
            title = tokens[span.start - 1].lower_
            if title in MALE_TITLES:
                self.gender.setdefault(m.entity, "m")
            elif title in FEMALE_TITLES:
                self.gender.setdefault(m.entity, "f")
            # role words: the nouns/adjectives of the name's own noun phrase
            # ("Communications director Nick Davies"), never a verb or
            # preposition before it ("…medallist says Conte" gives Conte nothing)
            k = span.start - 1
            while (
                k >= 0
                and k >= span.start - 5
                and tokens[k].is_alpha
                and k not in self.by_token
                and tokens[k].pos_ in ("NOUN", "PROPN", "ADJ")
            ):
                self.roles.setdefault(m.entity, set()).add(tokens[k].lower_)
                k -= 1
        # _first_name_gender: a person with no title evidence gets the gender of
        # their first name when the lexicon is clear about it (share >= 0.8),
        # so "she said" skips "Donald Trump" for "Kristi Noem".
        for m in mentions:
            if m.label == "PERSON" and m.entity not in self.gender and " " in m.entity:
                g = name_gender(m.entity)
                if g is not None:
                    self.gender[m.entity] = g
        self.persons = sorted((m.start_char, m.entity) for m in mentions if m.label == "PERSON")
        self.orgs = sorted((m.start_char, m.entity) for m in mentions if m.label == "ORG")
        self.subjects: list[tuple[int, str, str]] = []  # (offset, name, label) in text order
        self.events: list[tuple[int, str | None, str, str]] = []  # (offset, speaker, written, cue)
        self._writer: str | None | bool = False  # not looked for yet

    def in_quote(self, at: int) -> bool:
        """Is offset ``at`` between a quote's opening and closing marks?"""
        i = bisect.bisect_right(self._quoted_starts, at) - 1
        return i >= 0 and self._quoted[i][0] <= at < self._quoted[i][1]

    def mention_for(self, tok: Token) -> EntityMention | None:
        """The mention covering ``tok``, or one among its name-like children ("spokeswoman Jane Doe")."""
        m = self.by_token.get(tok.i)
        if m is not None:
            return m
        for child in tok.children:
            if child.dep_ in ("appos", "compound", "flat") and child.i in self.by_token:
                cm = self.by_token[child.i]
                if cm.label == "PERSON":
                    return cm
        return None

    def apposed_name(self, tok: Token) -> EntityMention | None:
        """_apposed_speaker: the name in apposition to a subject noun speaks.

        Example: "Sweden's deputy director of public prosecutions, Eva-Marie Persson, said" (html-dev dc7ccc). The
        name must be the head noun's ``appos`` and a PERSON, or any mention when the head noun is a person's title
        ("director", "spokesman": the small model tags "Eva-Marie Persson" ORG there), or an ORG when the head
        noun is an organisation's ("The Israeli newspaper Haaretz noted", PolNeAR train: not an epithet of the
        article's main person).
        """
        for t in tok.children:
            if t.dep_ != "appos":
                continue
            m = self.by_token.get(t.i)
            if m is not None and (m.label == "PERSON" or tok.lower_ in TITLES or (m.label == "ORG" and tok.lower_ in ORG_NOUNS)):
                return m
        return None

    def comma_name(self, tok: Token) -> EntityMention | None:
        """_apposed_after_comma: a description subject set off by a name between commas speaks as that name.

        In: a noun subject no mention covers. Out: the first PERSON mention that follows a comma between the
        subject and its verb, else None. Why: the parser often hangs the apposed name on a noun inside the
        description ("His former business partner at Lenox, Lawrence B. Cummings, called him …": "Cummings" is
        the appos of "Lenox"), so :meth:`apposed_name` does not see it (PolNeAR train has many: "a Republican
        pollster, NAME, part of the team that ran the survey, told a network").
        """
        verb = tok.head
        tokens = self.tokens
        # _inverted_apposed_name: after an inverted verb the name follows the description (``…,'' wrote the
        # American ambassador at the time, John E. Herbst.``, PolNeAR train nyt_2016-08-02): read to the sentence end
        hi = verb.i if verb.i > tok.i else min(tok.sent.end, tok.i + 14)
        for k in range(tok.i + 2, min(hi, tok.i + 14)):
            m = self.by_token.get(k)
            if tokens[k - 1].text == "," and m is not None and m.label == "PERSON":
                return m
        return None

    def name_before(self, tok: Token) -> EntityMention | None:
        """_name_before_role: "NAME, the chairwoman of …, recalled" -> NAME, when the parser made the role the subject.

        In: a noun subject no mention covers. Out: the PERSON mention that ends right before the comma opening the
        subject's phrase, when that name hangs on the same verb or on the subject (so it is the same clause's
        name, not the object of a preposition: "Speaking to Trump, the chairwoman said"), else None. Why: after a
        quote the small model reads the name as an adverbial and the apposed role as the subject ("“…,” Deborah
        Tamargo, the chairwoman of Florida’s Hillsborough County GOP, recalled", PolNeAR train politico_2016-08-08).
        """
        k = tok.left_edge.i
        tokens = self.tokens
        if k < 2 or tokens[k - 1].text != ",":
            return None
        m = self.by_token.get(k - 2)
        name = tokens[k - 2]
        if m is None or m.label != "PERSON" or name.head.i not in (tok.i, tok.head.i) or name.dep_ in ("pobj", "dobj"):
            return None
        return m

    def person_after_org(self, m: EntityMention) -> EntityMention | None:
        """_org_title_person: "said Air Force 1st Lt. Tyler Livingston" -> the person after the organisation and title.

        In: an ORG mention a subject token belongs to. Out: the PERSON mention that starts within four tokens after
        it with only title words or full stops between ("Lt."), else None. Why: news names a source by organisation,
        rank and name in one phrase, and the parser (or the entity pass) may make the organisation the subject
        (PolNeAR train west-journal_2016-05-10: "Air Force 1st" ORG).
        """
        span = self.doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
        if span is None:
            return None
        tokens = self.tokens
        for k in range(span.end, min(len(tokens), span.end + 5)):
            nxt = self.by_token.get(k)
            if nxt is not None and nxt.label == "PERSON":
                return nxt
            tok = tokens[k]
            if not (tok.text == "." or tok.is_alpha and (tok.text[:1].isupper() or tok.lower_ in TITLES)):
                return None
        return None

    def capitalised_noun(self, tok: Token) -> str | None:
        """_untagged_surname: a capitalised common-noun subject mid-sentence that the text never writes in lower case.

        Why: the small model tags some surnames as nouns and no entity ("D’Souza replied", PolNeAR train
        west-journal_2015-12-19). Out: the word itself, when it is a singular noun (NN) written with a capital, not
        first in its sentence, without a determiner, and its lowercase form appears nowhere in the text; else None.
        """
        word = tok.text
        after_quote = tok.i > 0 and is_mark_text(self.tokens[tok.i - 1].text)  # "“…?” Hannity pressed."
        if tok.tag_ != "NN" or not word[:1].isupper() or tok.is_sent_start and not after_quote or tok.lower_ in TITLES:
            return None
        if any(c.dep_ in ("det", "poss") for c in tok.lefts) or not re.sub(r"[’'-]", "", word).isalpha():
            return None
        if re.search(r"\b" + re.escape(word.lower()) + r"\b", self.text):
            return None
        return word

    def mention_text(self, tok: Token) -> str:
        """The subject as written: the token with its determiners, titles and name parts."""
        m = self.by_token.get(tok.i)
        left = tok.i
        for child in tok.lefts:
            if child.dep_ in ("det", "compound", "amod", "flat", "poss", "nmod", "nummod"):
                left = min(left, child.left_edge.i)
        tokens = self.tokens
        while left < tok.i and any("\n" in t.text for t in tokens[left : tok.i]):
            left += 1  # never reach back across a paragraph break
        right = tok.i
        while (
            tok.dep_ in ("nsubj", "nsubjpass")
            and right + 1 < len(tokens)
            and tokens[right + 1].dep_ == tok.dep_
            and tokens[right + 1].head.i == tok.head.i
        ):
            right += 1  # "the ex - Wallaby": sibling subjects are one phrase
        if right > tok.i and left == tok.i and tok.i > 0 and tokens[tok.i - 1].lower_ == "the":
            left -= 1
        start = tokens[left].idx
        end = tokens[right].idx + len(tokens[right].text)
        if m is not None:
            start, end = min(start, m.start_char), max(end, m.end_char)
        return self.text[start:end]

    def recent(self, at: int, want: str, gender: str | None) -> str | None:
        """Most recent subject before ``at`` of label ``want`` (and compatible gender), else the last such mention.

        Why subjects first: the person a passage is about is its subject, not whoever was named last. Example:
        "Cameron said Obama and Hollande have urged London … '…,' he said" -> Cameron (seeds/000).
        """
        for off, name, label in reversed(self.subjects):
            if off >= at or label != want:
                continue
            if want == "PERSON" and gender and self.gender.get(name, gender) != gender:
                continue
            return name
        pool = self.persons if want == "PERSON" else self.orgs
        j = bisect.bisect_left([o for o, _ in pool], at)
        for _off, name in reversed(pool[:j]):
            if want == "PERSON" and gender and self.gender.get(name, gender) != gender:
                continue
            return name
        return None

    def topic_person(self, at: int) -> str | None:
        """The person mentioned most often before ``at``; ties go to the most recent subject.

        The referent of an epithet ("the ex-Wallaby" -> David Campese, bbc/sport/330).
        """
        counts: dict[str, int] = {}
        for off, name in self.persons:
            if off >= at:
                break
            counts[name] = counts.get(name, 0) + 1
        if not counts:
            return None
        top = max(counts.values())
        best = {n for n, c in counts.items() if c == top}
        if len(best) == 1:
            return best.pop()
        for off, name, _label in reversed(self.subjects):
            if off < at and name in best:
                return name
        return None

    def writer(self) -> str | None:
        """_first_person_writer: "I" outside quote marks is the writer, named when the text says who that is.

        In: the article (once per article, on the first "I" subject). Out: the
        PERSON the writer introduces herself as ("If we haven’t met yet, my
        name is Pamela Wilson — …"; also "I am X" / "I'm X" not followed by
        a possessive), else None: a byline is not part of the body, so a
        columnist's "I" stays unresolved (html-dev c582d3: "I was telling
        myself, "This dream matters…"" -> Pamela Wilson).
        """
        if self._writer is not False:
            return self._writer
        self._writer = None
        starts = {m.start_char: m for m in self.by_token.values() if m.label == "PERSON"}
        for hit in _WRITER_INTRO.finditer(self.text):
            m = starts.get(hit.end())
            if m is not None and not self.text.startswith(("'s", "’s"), m.end_char):
                self._writer = m.entity
                break
        return self._writer

    def name_part(self, tok: Token) -> str | None:
        """_name_part_subject: a bare first name or surname the entity pass missed -> the one person it is part of.

        In: a capitalised subject that no mention covers ("Simmons teased the
        tour" after "founding members … Pat Simmons and John McFee"; the
        tagger even reads "Simmons" as a plural noun there). Out: the
        PERSON entity of the article whose first or last word it is, when
        exactly one fits; else None (html-dev 9cb822: "Simmons" -> Pat Simmons).
        """
        word = tok.text
        if not word[:1].isupper() or not re.sub(r"[’'-]", "", word).isalpha():  # "O’Donnell", "Holtz-Eakin"
            return None
        fits = {name for _, name in self.persons if word in (name.split()[0], name.split()[-1]) and " " in name}
        return fits.pop() if len(fits) == 1 else None

    def proper_name(self, tok: Token) -> str | None:
        """_unrecognised_name: a proper-noun subject the entity pass missed is named by its own words.

        In: a PROPN subject (tag NNP) that no mention, role or name part
        covers ("Developer Valve called 'Half Life: Alyx' "a flagship VR
        game.""). Out: the run of capitalised proper nouns it heads ("Valve"),
        leaving out a sentence-initial first word before another name, which
        is a descriptor ("Developer", "Rapper", "Chipmaker"). None for a single
        sentence-initial word (capitalised because it starts the sentence:
        "Police said") or a word not written with a capital (html-dev fde930).
        """
        if tok.tag_ != "NNP" or not tok.text[:1].isupper():
            return None
        tokens = self.tokens
        lo = tok.i
        while (
            lo - 1 >= tok.left_edge.i
            and tokens[lo - 1].pos_ == "PROPN"
            and tokens[lo - 1].text[:1].isupper()
            and tokens[lo - 1].dep_ in ("compound", "flat")
        ):
            lo -= 1  # "Sioux Falls Argus Leader": compounds of compounds
        hi = tok.i
        while hi + 1 <= tok.right_edge.i and tokens[hi + 1].dep_ == "flat" and tokens[hi + 1].pos_ == "PROPN":
            hi += 1
        parts = tokens[lo : hi + 1]
        if parts[0].is_sent_start:
            if len(parts) == 1:
                return None
            parts = parts[1:]
        return " ".join(t.text for t in parts)

    def salient_person(self, at: int, gender: str | None) -> str | None:
        """_salient_role: "the singer and guitarist told the audience" -> the person the text is about right now.

        In: the offset of a definite person-role description (a title word:
        "the singer", "the coach", "the actress") that no role word of a
        named person fits, and the gender the title implies. Out: the person
        who is the subject of the latest main clause before it, when that
        clause is in the same or the previous paragraph and the gender does not
        clash ("Simmons teased the tour …\n\nAfter hitting …, the singer and
        guitarist told the audience" -> Pat Simmons, html-dev 9cb822); else None.
        """
        p0, _ = paragraph_bounds(self.text, at)
        before = self.text[:p0].rstrip()
        floor = before.rfind("\n") + 1 if before else 0  # start of the previous paragraph
        for off, name, label in reversed(self.subjects):
            if off >= at:
                continue
            if off < floor:
                return None
            if label != "PERSON":
                continue
            if gender and self.gender.get(name, gender) != gender:
                return None
            return name
        return None

    def paragraph_subject(self, before: int, not_before: int) -> str | None:
        """_paragraph_subject: the person a paragraph is about, for a quote in it that nothing attributes.

        In: the quote's opening offset and its paragraph's start. Out: the latest main-clause subject before the
        quote in ``[not_before, before)`` that resolved to a named PERSON, else None. Why: "When Trump finally
        wrapped up — “I will fight for you …” — the balloons cascaded" and "Sen. Bernie Sanders …, identified
        young voters' exhaustion … “The younger people are …”" quote the paragraph's subject with no speech verb
        (PolNeAR train breitbart_2016-07-21); the previous speaker would be a wrong name.
        """
        for off, name, label in reversed(self.subjects):
            if off >= before:
                continue
            if off < not_before:
                return None
            if label == "PERSON":
                return name
        return None

    def last_event(self, before: int, not_before: int) -> tuple[str | None, str, str] | None:
        """The latest speech event with a named speaker in ``[not_before, before)``."""
        for off, sp, written, cue in reversed(self.events):
            if off >= before:
                continue
            if off < not_before:
                return None
            if sp is not None:
                return sp, written, cue
        return None

