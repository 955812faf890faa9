"""Spell check of every generated text with Debian's German Hunspell dictionary.

The corpus is the text-block matrix (every body type × channel set × style, whole catalogue)
plus each Land with Facebook and Instagram in every style. Words the dictionary does not
know but that are right (names of laws and platforms, abbreviations, technical compounds)
are listed in tests/data/wortliste.txt; anything else is reported as unknown.
Needs `hunspell` and `hunspell-de-de` (.ci/install-system-deps installs them).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wizards.assemble import assemble
from wizards.loader import bundled_definition
from wizards.project import example_project
from wizards.writers.debug import render_debug

from .test_texts_matrix import CASES, STYLES, render

WORDLIST = Path(__file__).resolve().parents[1] / "data" / "wortliste.txt"
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
ROMAN = re.compile(r"^[IVXLC]+$")


def _land_texts() -> list[str]:
    definition = bundled_definition()
    texts = []
    for style in STYLES:
        for land_id in definition.data.laender:
            project = example_project(definition, style)
            project.answers["verwaltung.bundesland"] = land_id
            texts.append(render_debug(assemble(definition, project)))
    return texts


def _words(text: str) -> set[str]:
    text = re.sub(r"^(META|TITEL|UNTERTITEL):.*$", " ", text, flags=re.MULTILINE)  # debug-writer lines
    text = text.replace("(lead)", " ")
    text = re.sub(r"\]\(<?[^)\s]*>?\)", "]", text)  # link targets
    text = re.sub(r"https?://\S+|\S+@\S+|\{#[^}]*\}|@[\w.]+", " ", text)
    words = set()
    for token in WORD.findall(text):
        for part in token.split("-"):
            if len(part) > 1 and not ROMAN.match(part):
                words.add(part)
    return words


def test_generated_text_has_no_unknown_words():
    if not shutil.which("hunspell") or not Path("/usr/share/hunspell/de_DE.dic").is_file():
        pytest.fail("hunspell und hunspell-de-de fehlen: .ci/install-system-deps ausführen")
    words = set()
    for case in CASES:
        words |= _words(render(*case))
    for text in _land_texts():
        words |= _words(text)
    known = {w.strip() for w in WORDLIST.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}
    result = subprocess.run(["hunspell", "-d", "de_DE", "-l"], input="\n".join(sorted(words - known)),
                            capture_output=True, text=True, check=True)
    unknown = sorted(set(result.stdout.split()))
    assert unknown == [], f"{len(unknown)} unbekannte Wörter: {', '.join(unknown)}"
