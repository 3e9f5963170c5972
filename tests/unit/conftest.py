"""Fixtures shared by the unit tests."""

import pytest

from pipelines.text.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline (``pipelines.text.nlp.load_nlp``), loaded once per test session."""
    return load_nlp()
