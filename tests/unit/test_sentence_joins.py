"""Conditional sentences never run into each other („… entscheiden.TikTok wird …“).

Every catalogue section in every style and perspective, with the platforms whose texts add
conditional sentences (messengers, TikTok, X, Mastodon) and Länder with and without the
messenger rule: a sentence end directly followed by the next sentence is a template whose
block tag swallowed the line break.
"""
from __future__ import annotations

import re

import pytest

from wizards.assemble import assemble
from wizards.project import example_project
from wizards.writers.debug import render_debug

RUN_TOGETHER = re.compile(r"[a-zäöüß]{3,}[.;:][A-ZÄÖÜ][a-zäöüß]{2,}")


@pytest.mark.parametrize("style", ["heilbronn", "herford", "sassenberg"])
@pytest.mark.parametrize("perspective", ["", "wir", "dritte"])
def test_no_sentence_runs_into_the_next(definition, style, perspective):
    for land in ("BW", "NW"):  # BW excludes messengers: that sentence is conditional
        project = example_project(definition, style)
        project.design["perspective"] = perspective
        project.answers["verwaltung.bundesland"] = land
        first = {k: v for k, v in project.answers["kanaele"][0].items() if k != "id"}
        project.answers["kanaele"] += [{**first, "plattform": p} for p in ("whatsapp", "tiktok", "x", "mastodon")]
        for section_id in definition.sections:
            try:
                project.add_section(section_id)
            except ValueError:  # already in the outline (perhaps nested)
                pass
        text = render_debug(assemble(definition, project))
        joins = [text[max(0, m.start() - 30):m.end() + 10] for m in RUN_TOGETHER.finditer(text)
                 if "http" not in text[max(0, m.start() - 40):m.end()] and "@" not in text[max(0, m.start() - 40):m.end()]]
        assert not joins, (land, joins)
        if style == "herford" and perspective != "dritte":
            assert "der Anbieter zu eigenen Zwecken vornehmen" not in text
