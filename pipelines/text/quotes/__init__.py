"""Quotations (who said what) from a parsed article.

In: the ``Doc`` of an article body (``doc.text`` is the body) and the entity
mentions :func:`pipelines.text.entities.extract_entities` found in it.
Out: :class:`Quote` rows in text order, each with
``doc.text[start_char:end_char] == quote``.

Three steps:

1. **Marks** (:func:`find_quote_spans`). A character scan per paragraph pairs
   opening and closing marks: straight ``"``, curly ``“ ”``, single ``' ‘ ’``.
   Whether a mark opens or closes is read from its neighbours (space before
   and a word after opens; a word or punctuation before and space/punctuation
   after closes), so an apostrophe between letters (I'm, group's) never
   closes a quote; a plural possessive (``terrorists’ financial``) is an
   apostrophe when a later closing mark exists. A quote opened with one family
   and closed with the other (``"…,' Stephens said``) is accepted when the
   closing mark follows punctuation. An opening mark met inside an open quote
   of the same family ends the first quote (a missing close, or paragraphs
   merged into one line). A quote left open at the end of a paragraph runs to
   the paragraph end and, if the next paragraph opens with a mark, continues
   there (multi-paragraph quote: one row per paragraph, one speaker).
2. **Filter and kind.** Quoted subheads (a paragraph that is only a short
   quoted phrase), titles and nicknames (every word capitalised, mid-sentence,
   no sentence punctuation) and ``so-called`` scare quotes are dropped. A quote
   that starts with a capital letter after a sentence boundary, colon, comma or
   speech verb is ``direct``; a fragment inside the author's sentence is
   ``partial``.
3. **Speaker** from the dependency parse: the subject of a speech verb right
   after the quote (``…,' Hollande said``, ``said Mr Cameron``, ``he added``),
   right before it (``Ms Hewitt said: "…``), the verb governing a partial quote
   (``Mr Frydenberg described it as the "…"``), an earlier speech verb in the
   same paragraph, or the previous paragraph's speaker for a paragraph that
   continues a quote. Pronouns resolve to the most recent named speaker of a
   compatible kind (person for he/she, organisation for it); role nouns
   ("a spokeswoman") keep ``speaker_mention`` and leave ``speaker`` None.

Reported speech (``kind="reported"``) is the clausal complement of a speech
verb with a subject (``Putin said Moscow was ready …``), or the rest of the
sentence around ``according to X``, when it is not already inside quote marks.

Rules added after the first version, each measured on the 30-article BBC dev
gold (tests/fixtures/bbc_dev_gold.json) with the seeds checked unchanged
(seed scores all 1.0 before and after):

* ``_reported_clause``: inverted ``CLAUSE, Mr Brown argued.`` (ccomp before the
  verb) and parenthetical ``Now, he said, CLAUSE`` (verb is a parataxis of the
  clause root). Reported recall 0.545 -> 0.745 together with the next two
  (+11 gold entries; no gold entry lost).
* Clause cut at the verb's paragraph instead of dropped when the parser runs it
  across a line break (``it reported that … £118m.`` + next paragraph).
* ``overlaps_quote``: a clause is a repeat only when >30% of it is a *direct*
  quote or >60% is quoted at all, so ``said the IAAF would seek to contact
  Conte "for further information"`` is kept (was dropped at >30% any quote).
* ``_relative_subject``: ``Mr Mandelson, who said …`` -> the antecedent (1 fix).
* ``_document_author``: a statement/report/lawsuit/letter… speaks for its
  possessor or ``from/by X`` (``Chelsea's statement added``, ``Her lawsuit
  said``): speaker 4 + 1 fixes, reported 1 fix; 0 regressions.
* ``_epithet_speaker``: a definite singular description with a capitalised
  word (``the ex-Wallaby``, ``the Conservative leader``, ``The Judge``) and no
  unique role match is the person named most often so far. 3 speaker fixes,
  1 reported fix (``The Sydney Olympic gold medallist`` -> Marion Jones); 1
  wrong guess where there was None (``The Romanian international`` ->
  Michelle Verroken: the model tags Mutu ORG, so he is not counted). Lowercase
  descriptions (``the sentencing judge``) are not guessed.
* Role words are the nouns/adjectives of the name's own phrase
  (``Communications director Nick Davies``), no longer any 5 words before the
  name (``… medallist says Conte`` made Conte "the medallist"): 1 fix.
* ``_unquoted_subject``: a subject inside the quote marks is skipped for one
  outside (``"The government, …," he said`` was "Labour"): 1 fix.
* Sibling subjects (``the ex - Wallaby``, ``daughter Emily``) are read as one
  phrase; a name among them decides the speaker.

BBC dev after these: speaker_accuracy 0.898 -> 0.959, reported_speech_recall
0.545 -> 0.8, quote_f1 unchanged (0.988).

Rules for news unlike the BBC (issue 15), each measured on both dev golds
(html-dev: tests/fixtures/html_dev_gold.json, 29 non-BBC pages; BBC dev), the
seeds unchanged (all 1.0). Quote F1 html-dev 0.79 -> 0.897, BBC 0.988 -> 0.991:

* ``marks._unspoken_term`` (marks.is_unspoken_term + speakers.under_speech_verb):
  a one- or two-word partial quote that the parse ties to nobody (no verb
  found for it, no speech verb or noun above it) is a scare quote or coined
  term. html-dev 20 extras dropped, 0 gold lost; BBC 2 extras dropped
  ("tries", "non-existent"), 0 gold lost ("dirty tricks" is kept by the
  "claims that" above it, the seed's "moderate" by "he stuck to his line").
  html quote F1 0.79 -> 0.852, BBC 0.988 -> 0.991.
* ``marks._quoted_title_list``: a title-case quote right after another
  quote that ended with a comma is the next item of a list of titles
  (song lists): html-dev 8 extras dropped, 0.852 -> 0.883; BBC no change.
* ``marks._doubled_single_close``: AP's ``’’`` closes a double quote;
  ``marks._closing_mark_opens``: a ``”`` after a space/colon and before a
  letter opens one. html-dev 2 gold quotes found, 1 extra gone (recall 0.98
  -> 1.0, F1 0.883 -> 0.897, speaker 0.84 with Will Moy); BBC no change.
* ``speakers._first_name_gender``: people without a title get the gender of
  their first name from pipelines/data/first_names.csv (share >= 0.8), so a
  pronoun skips a person of the other gender. 0 changes on either dev gold
  (their pronoun errors were not gender errors), kept for the held-out class.
* ``speakers._apposed_speaker``: ``Sweden's deputy director …, Eva-Marie
  Persson, said``: the apposition names the speaker. html-dev speaker 0.84
  -> 0.853 (1 fix); BBC no change.
* ``quote._unnamed_speaker`` and ``Quote.speaker_kind``: a description that
  names nobody ("an insider", "Prosecutors") is kept as the speaker,
  normalised ("insider", "prosecutors"), with ``speaker_kind="unnamed"``
  (also ``named`` / ``pronoun`` / ``described``). Scores unchanged (a NULL
  speaker was already wrong), but no speaker is silently dropped.

Second round (issue 15), measured one rule at a time on both dev golds with
the seeds unchanged (1.0 throughout). Before: html-dev quote F1 0.897 (P 0.813,
R 1.0), speaker 0.853, reported 0.64; BBC dev quote F1 0.991, speaker 0.966,
reported 0.855. Each rule's own docstring gives its effect.

Which marks are quotations:

* ``marks.repeated_terms``: a short phrase quoted twice or more in one
  article (subheads not counted), and never voiced by a speech verb
  (``speakers.is_voiced``), is a slogan or term: html-dev 4 extras dropped
  (the slogans); BBC none. Without the voicing guard it dropped 5 on
  html-dev but, on a 400-article BBC sample, real repeated partials
  ("a disgrace", "attack mongrel", "rattled", "balanced approach").
* ``marks._mixed_case_name``: one camel-case word ("factcheckUK") is a name:
  html-dev 1 extra; BBC none (a capital after a hyphen, "anti-Islamic",
  is not camel case: found on the BBC sample).
* ``speakers.under_third_person`` (_writers_phrase): a 3-4-word partial that no
  speech verb governs, under an I/you/we subject and no third-person one, is
  the writer's term ("I'd need to "put myself out there""): html-dev 3
  extras; BBC none (on the BBC sample it drops only a columnist's "the
  'download and play' model we have all accepted").
* ``marks._classify`` (_glued_close): ``.'Click`` closes a quote: html-dev 1
  extra; BBC none.
* ``marks.is_unclosed_single``: a single mark never closed in its paragraph
  is not a quote (a doubled ``''`` is a double mark and stays: bbc/sport/130):
  html-dev 1 extra; BBC none.
* ``marks.is_phrase_in_sentence``: an unattributed short quote the writer's
  sentence goes on from ("“Become an online leader” sounds like …") is
  mentioned: html-dev 2 extras; BBC none.
* ``speakers.paragraph_ancestors`` (_paragraph_parse): a head across a
  paragraph break is a misparse, ignored when looking for the verb above a
  quote: html-dev 2 extras ("dial up", "dial back"), BBC 1 extra ("ear
  popping") dropped; 0 gold lost.
* ``speakers.said_by_reader`` (_reader_speech): a one- or two-word quote
  under a speech verb whose subject or object is the reader ("tell yourself
  “no.”") is a mentioned word: html-dev 2 extras; BBC none.

Together: html-dev quote F1 0.897 -> 0.966 (P 0.935, R 1.0); BBC 0.991 ->
0.994 (P 0.988, R 1.0). Each filter was also run on random 400-article
samples of the BBC corpus (no gold) and the quotes it drops read by hand.

Who said it:

* ``cues.SPEECH_VERBS`` += tweet, post, testify, pledge, hail, blame (REPORT_VERBS
  += tweet, testify, pledge): html-dev speaker 0.853 -> 0.920 (Trump x2,
  Noem x2, Twitter "pledged"); BBC unchanged ("rule" was tried and dropped:
  "ruled out" brought back the extra "tries"). "blame" keeps the partial
  "operating flaws" of bbc/business/042 (outside the gold), which only a
  parse across paragraphs had kept before _paragraph_parse.
* ``speakers.passive_speaker`` (_passive_speech) and ``Resolver._document_owner``
  ("a report compiled by X", "a BBC story"): BBC 2 fixes ("pervasive",
  "sexed up"); html-dev none.
* ``Resolver.document_antecedent`` / ``Resolver._issuer``: "the statement said"
  speaks for whoever said it in / issued that statement: html-dev 2 fixes
  (US military, Electoral Commission, the latter with
  ``Resolver.subject``'s _participle_subject), BBC 1 fix ("the suit added").
  _participle_subject also html-dev reported 0.64 -> 0.72.
* ``Resolver.name_part`` + ``Resolver.salient_person``: a bare surname the
  entity pass missed is the one person it is part of; "the singer" is the
  person who is the subject of the latest main clause in this or the previous
  paragraph: html-dev 1 fix (Pat Simmons); BBC none. Main-clause subjects
  resolved to a person are now remembered as PERSON (they were ORG unless a
  mention covered them).
* ``Resolver.proper_name``: a proper-noun subject no entity covers names
  itself ("Developer Valve called" -> "Valve"): html-dev 1 fix; BBC none.
* ``Resolver.writer``: "I" is the writer when the body says "my name is X":
  html-dev 1 fix; BBC none.

Together: html-dev speaker 0.853 -> 0.987, reported 0.64 -> 0.72; BBC speaker
0.966 -> 0.986, reported 0.855 unchanged.

Reported speech:

* ``reported._reported_clause`` (_split_complement): two ``ccomp`` of one verb
  are one clause: html-dev reported 1 fix (Derek Scissors).
* ``reported._misattached_that_clause``: a ``that``-clause the parser hung on a
  noun inside a prepositional phrase after the verb ("told reporters at a press
  conference that …"): html-dev 1 fix (Tim Clark); a that-clause of the
  object noun ("emphasized the sense that …") stays out.
* ``reported.reported_speech`` (_according_in_paragraph): "according to X"
  picks its side of the sentence inside its own paragraph: html-dev 1 fix.
* ``speakers.DOCUMENT_NOUNS`` += analysis, research, poll, estimate, figure,
  review, paper, audit, investigation, assessment, data ("according to
  analysis from Poynter"): html-dev 1 fix.
* ``speakers._is_multiword_name``: "the Sioux Falls Argus Leader" is a name
  (``Resolver.proper_name``), not a role word ("leader") nor an epithet:
  html-dev 1 fix.

Together: html-dev reported 0.72 -> 0.92; BBC 0.855 unchanged; no quote or
speaker score moved.
"""

from pipelines.text.quotes.extract import extract_quotes
from pipelines.text.quotes.quote import Quote

__all__ = ["Quote", "extract_quotes"]
