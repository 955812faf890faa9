"""Heading numbers: the schemes a clerk can choose for a document, and how a number is formed.

A scheme is one pattern per outline level (1–3). Patterns use ``{n}`` (1, 2, 3),
``{roman}`` (I, II, III), ``{alpha}`` (a, b, c) and ``{parent}`` (the parent's number
without its closing „.“ or „)“); ``None`` leaves that level unnumbered. A house style
brings its own patterns (``wizard.yaml``, ``numbering``); a scheme chosen for the document
replaces them, so numbering does not depend on the text style.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_LEVEL = 3  # outline levels the documents number, indent and bookmark

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


@dataclass(frozen=True)
class Scheme:
    id: str
    label: str  # German, as the clerk picks it
    patterns: tuple[str | None, ...]


# "" (not listed) = the house style's own numbering.
SCHEMES: dict[str, Scheme] = {s.id: s for s in (
    Scheme("keine", "Ohne Nummern", (None, None, None)),
    Scheme("1", "1 · 1.1 · 1.1.1", ("{n}", "{parent}.{n}", "{parent}.{n}")),
    Scheme("1.", "1. · 1.1. · 1.1.1.", ("{n}.", "{parent}.{n}.", "{parent}.{n}.")),
    Scheme("1.-1.1", "1. · 1.1 · 1.1.1", ("{n}.", "{parent}.{n}", "{parent}.{n}")),
    Scheme("1)", "1) · a) · aa)", ("{n})", "{alpha})", "{alpha}{alpha})")),
    Scheme("I.", "I. · 1. · a)", ("{roman}.", "{n}.", "{alpha})")),
)}
STYLE_DEFAULT_LABEL = "Wie im gewählten Stil"


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def alpha(n: int) -> str:
    """a … z, then aa, ab … (as lettered lists continue)."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def patterns_for(style_patterns: tuple, scheme_id: str) -> tuple[str | None, ...]:
    """The patterns in force: the chosen scheme's, else the house style's."""
    scheme = SCHEMES.get(scheme_id or "")
    return scheme.patterns if scheme is not None else tuple(style_patterns)


def number(patterns: tuple, level: int, n: int, parent: str) -> str:
    """The number of the n-th numbered heading on ``level`` below a parent numbered ``parent``."""
    pattern = patterns[level - 1] if 1 <= level <= len(patterns) else None
    if not pattern:
        return ""
    return pattern.format(n=n, roman=roman(n), alpha=alpha(n), parent=parent.rstrip(".)"))
