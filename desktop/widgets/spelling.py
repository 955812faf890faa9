"""German spell checking that works offline.

The word list is the German frequency list that ships with ``pyspellchecker`` (MIT; about
340,000 words, 1 MB). It takes a second or two to read, so it loads on a thread; until then
(or if the package is missing) nothing is underlined and editing works as always. Words of
the wizard's own texts and of the clerk's answers count as known, and so do compounds of two
known words („Nutzungskonzept“): German makes new ones every day.
"""
from __future__ import annotations

import gzip
import json
import re
import threading

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
_SKIP = re.compile(r"(?:https?://|www\.|mailto:)\S+|\S+@\S+|\[\[[^\]]*\]\]")
_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"


def load_word_list() -> dict[str, int]:
    """word → frequency, from pyspellchecker's German list (raises if it is not installed)."""
    from importlib.resources import files

    data = (files("spellchecker") / "resources" / "de.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


class Speller:
    """Knows German words; loads its list on a thread (``start``), ``available`` once done."""

    def __init__(self, extra_texts=()):
        self.words: dict[str, int] | None = None
        self.extra: set[str] = set()
        self.ignored: set[str] = set()
        self.enabled = True
        self.error = ""
        self.on_ignore = None  # called with all ignored words, to keep them for the next start
        self._extra_texts = list(extra_texts)
        self._thread = threading.Thread(target=self._load, name="spelling", daemon=True)

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        self._thread.join(timeout)
        return self.available

    @property
    def available(self) -> bool:
        return self.enabled and self.words is not None

    def _load(self) -> None:
        try:
            words = load_word_list()
        except Exception:  # noqa: BLE001 - no package, damaged file: the editor works without
            self.error = "Die Rechtschreibprüfung ist in dieser Installation nicht verfügbar."
            return
        for text in self._extra_texts:
            self.add_text(text)
        self.words = words

    def add_text(self, text: str) -> None:
        """Every word of a text counts as known (the wizard's own wording, the clerk's names)."""
        for m in _WORD.finditer(text or ""):
            for part in m.group(0).split("-"):
                self.extra.add(part.lower())

    def ignore(self, word: str) -> None:
        self.ignored.add(word.lower())
        if self.on_ignore is not None:
            self.on_ignore(sorted(self.ignored))

    # ------------------------------------------------------------ checking

    def known(self, word: str) -> bool:
        lower = word.lower()
        words = self.words or {}
        if len(lower) < 3 or lower in words or lower in self.extra or lower in self.ignored:
            return True
        if word.isupper() or any(c.isupper() for c in word[1:]):
            return True  # DSGVO, eGovernment: abbreviations and names
        # a compound of two known words, with or without a linking s („Datenschutzkonzept“)
        for cut in range(4, len(lower) - 3):  # parts of four letters or more: „werkt|gas“ is no word
            head, tail = lower[:cut], lower[cut:]
            if (head in words or head in self.extra or (head.endswith("s") and head[:-1] in words)) and \
                    (tail in words or tail in self.extra):
                return True
        return False

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of every unknown word in a line of text."""
        if not self.available:
            return []
        skip = [(m.start(), m.end()) for m in _SKIP.finditer(text)]
        found = []
        for m in _WORD.finditer(text):
            if any(s <= m.start() < e for s, e in skip):
                continue
            pos = m.start()
            for part in m.group(0).split("-"):
                if not self.known(part):
                    found.append((pos, len(part)))
                pos += len(part) + 1
        return found

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Known words one typing mistake away, most frequent first, in the word's case."""
        if not self.available:
            return []
        lower = word.lower()
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        edits |= {a + c + b for a, b in splits for c in _LETTERS}
        ranked = sorted((w for w in edits if w in self.words), key=lambda w: -self.words[w])[:limit]
        if word[:1].isupper():
            ranked = [w[:1].upper() + w[1:] for w in ranked]
        return ranked
