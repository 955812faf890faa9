"""Regular expressions of third-party modules compiled on first use instead of at import.

reportlab and pikepdf compile, when imported, a few patterns over the whole Unicode range that
an export mostly never uses (reportlab's URL matcher alone costs 20 ms). The command line
starts a fresh process for every export, so this is paid each time. ``deferred_patterns``
hands such modules, only while they are imported, a pattern that compiles itself on first use.

Only for modules whose patterns are used through their methods (``.match``, ``.sub`` …),
never passed to ``re`` functions or checked with ``isinstance``: each listed one is checked.
"""
from __future__ import annotations

import re
import sys
import threading
from contextlib import contextmanager

# module → checked: its top-level patterns are only used through their attributes
MODULES = frozenset({
    "reportlab.platypus.paragraph",  # uri_pat (only for URLs that do not fit a line), hyphenation letters
    "reportlab.lib.textsplit",  # the CJK wrapper's pattern
    "reportlab.lib.rl_safe_eval",  # a pattern of unsafe names nothing of reportlab uses
    "pikepdf.models.metadata._constants",  # illegal XML characters (pikepdf's own XMP editing)
})
_lock = threading.RLock()


class _DeferredPattern:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern, flags):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


@contextmanager
def deferred_patterns():
    """Inside: ``re.compile`` at the top level of one of ``MODULES`` gives a deferred pattern."""
    with _lock:
        original = re.compile

        def compile_later(pattern, flags=0):
            if sys._getframe(1).f_globals.get("__name__") in MODULES:
                return _DeferredPattern(pattern, flags)
            return original(pattern, flags)

        re.compile = compile_later
        try:
            yield
        finally:
            re.compile = original
