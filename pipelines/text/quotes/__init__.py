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
"""

from pipelines.text.quotes.extract import extract_quotes
from pipelines.text.quotes.quote import Quote

__all__ = ["Quote", "extract_quotes"]
