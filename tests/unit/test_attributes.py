"""``tag_attributes`` gives the model's own pos/morph/tag/dep and the lemmas the rules read.

The pipeline replaces ``en_core_web_sm``'s ``attribute_ruler`` and ``lemmatizer``
with one cheaper component (pipelines/text/attributes.py). These tests run the
stock components and ours on the same parsed docs of real articles (the two
seeds, BBC files of several sections, html-dev bodies from other outlets) and
require identical answers, so a new model version whose patterns it does not
understand fails here, not silently in the warehouse.
"""

from __future__ import annotations

import json
import re

import pytest
import spacy
from spacy.tokens import DocBin

from pipelines.text import attributes
from pipelines.text.nlp import MODEL, load_nlp
from tests.helpers import ROOT, SHARED

TEXTS = [
    SHARED / "seeds" / "000_fd20b0775c6aaf20.txt",
    SHARED / "seeds" / "003_aeb0b849679dcb8d.txt",
    # BBC: politics quotes (said/told/added), sport results, business figures, tech and entertainment
    *(SHARED / "corpora" / "bbc" / section / "176.txt" for section in ("politics", "sport", "business", "tech")),
    SHARED / "corpora" / "bbc" / "entertainment" / "012.txt",
]
HTML_DEV = sorted((SHARED / "corpora" / "html-dev" / "pages").glob("*.json"))[:8]


def _texts() -> list[str]:
    out = [p.read_text(encoding="latin-1") for p in TEXTS]
    out += [json.loads(p.read_text(encoding="utf-8")).get("articleBody") or "" for p in HTML_DEV]
    return [t for t in out if t.strip()]


@pytest.fixture(scope="module")
def both() -> list[tuple[spacy.tokens.Doc, spacy.tokens.Doc]]:
    """Pairs (stock, ours) of the same parse, annotated by the stock components and by ``tag_attributes``."""
    stock = spacy.load(MODEL, exclude=["ner"])
    parsed = list(stock.pipe(_texts(), disable=["attribute_ruler", "lemmatizer"]))
    data = DocBin(docs=parsed).to_bytes()
    ours = load_nlp().get_pipe("tag_attributes")
    expected = [stock.get_pipe("lemmatizer")(stock.get_pipe("attribute_ruler")(d))
                for d in DocBin().from_bytes(data).get_docs(stock.vocab)]
    got = [ours(d) for d in DocBin().from_bytes(data).get_docs(load_nlp().vocab)]
    return list(zip(expected, got, strict=True))


def test_pos_morph_tag_dep_identical_on_every_token(both) -> None:
    tokens = 0
    for expected, got in both:
        assert [t.text for t in expected] == [t.text for t in got]
        for a, b in zip(expected, got, strict=True):
            assert (a.pos_, str(a.morph), a.tag_, a.dep_) == (b.pos_, str(b.morph), b.tag_, b.dep_), a.text
            tokens += 1
    assert tokens > 5000


def test_lemmas_of_the_rule_words_identical(both) -> None:
    """Every token whose model lemma is a speech/report verb or document noun gets that lemma; any lemma we
    set equals the model's; the rest stay empty (nothing reads them)."""
    words = attributes.lemma_words()
    read = 0
    for expected, got in both:
        for a, b in zip(expected, got, strict=True):
            if a.lemma_.lower() in words:
                read += 1
                assert b.lemma_ == a.lemma_, (a.text, a.pos_)
            elif b.lemma_:
                assert b.lemma_ == a.lemma_, (a.text, a.pos_)
    assert read > 50  # "said", "told", "added", "statement", ... occur in these articles


def test_pipeline_runs_the_component_instead_of_the_stock_ones() -> None:
    names = load_nlp().pipe_names
    assert "tag_attributes" in names and "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("tag_attributes") < names.index("ner")


def test_rules_read_lemmas_only_of_the_listed_words() -> None:
    """A rule that tests ``lemma_`` against a list other than those in ``lemma_words`` would read empty
    lemmas: it must add its list there. Every ``lemma_`` read in pipelines/ names one of the lists (``CUE_VERBS``
    is the speech verbs and the learned quote cue verbs, both in ``lemma_words``)."""
    root = ROOT / "pipelines"
    lists = ("SPEECH_VERBS", "REPORT_VERBS", "DOCUMENT_NOUNS", "CUE_VERBS", "report_verb_shapes")
    for path in root.rglob("*.py"):
        if path.name == "attributes.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for _match in re.finditer(r"\.lemma_\b", line):
                assert any(name in line for name in lists), f"{path.name}: {line.strip()}"
