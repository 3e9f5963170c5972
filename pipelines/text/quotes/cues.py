"""Words that cue speech: speech verbs, report verbs, pronouns.

Shared by the mark scanner (a speech verb before a quote makes it ``direct``),
the speaker resolver and the reported-speech pass.
"""

from __future__ import annotations

# Verbs that attribute a quote placed next to them.
SPEECH_VERBS = frozenset(
    """
    say tell add warn claim insist argue explain state announce declare note suggest
    admit acknowledge deny confirm predict stress emphasise emphasize maintain reveal
    report write reply respond ask answer comment continue conclude observe agree
    complain vow promise recall urge describe call accuse concede caution point
    told said added quip joke boast remark retort shout cry whisper mutter
    tweet tweeted post testify pledge hail blame
    """.split()
)
# Verbs whose clausal complement is indirect speech.
REPORT_VERBS = frozenset(
    """
    say tell warn claim insist argue explain state announce declare note suggest
    admit acknowledge deny confirm predict stress emphasise emphasize maintain reveal
    report write reply respond add concede caution complain
    tweet testify pledge
    """.split()
)
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
ORG_PRONOUNS = {"it", "they"}
