"""Edited texts that no longer match the answers are found (issue 12, item 8)."""
from __future__ import annotations

from wizards.assemble import Assembler
from wizards.checks import check_project
from wizards.consistency import CHANNEL, NAME, stale_mentions


def _edit_everything(definition, project):
    """The clerk opened and edited every section: its text is now fixed, not a template."""
    assembler = Assembler(definition, project)
    for entry in project.walk():
        for rendered in assembler.sections_of(entry):
            if rendered.item_id:
                entry.item_texts[rendered.item_id] = rendered.markdown
            else:
                entry.text = rendered.markdown


def test_untouched_and_unchanged_texts_have_no_stale_mentions(definition, example):
    assert stale_mentions(definition, example) == []
    _edit_everything(definition, example)
    assert stale_mentions(definition, example) == []  # edited, but the answers did not change


def test_removed_channel_in_an_edited_text_is_found(definition, example):
    _edit_everything(definition, example)
    example.answers["kanaele"] = [k for k in example.answers["kanaele"] if k.get("plattform") != "instagram"]
    mentions = stale_mentions(definition, example)
    assert mentions and {m.kind for m in mentions} == {CHANNEL} and {m.mention for m in mentions} == {"Instagram"}
    first = mentions[0]
    assert example.find(first.key.partition("@")[0]) is not None
    assert "Instagram" in first.message and "nicht mehr unter Ihren Kanälen" in first.message


def test_template_texts_follow_the_answers_by_themselves(definition, example):
    example.answers["kanaele"] = [k for k in example.answers["kanaele"] if k.get("plattform") != "instagram"]
    example.answers["verwaltung.name"] = "Neudorf"
    assert stale_mentions(definition, example) == []


def test_old_name_of_the_body_in_an_edited_text_is_found(definition, example):
    _edit_everything(definition, example)
    example.answers["verwaltung.name"] = "Neudorf"
    mentions = stale_mentions(definition, example)
    assert mentions and {m.kind for m in mentions} == {NAME}
    assert all(m.mention.endswith("Musterstadt") for m in mentions), mentions


def test_ordinary_words_after_the_noun_are_not_names(definition, example):
    entry = example.find("zweck") or next(iter(example.walk()))
    entry.text = "Die Gemeinde Musterstadt informiert. Auf Wunsch gibt die Gemeinde Auskunft; Fragen an die Gemeinde."
    assert stale_mentions(definition, example) == []


def test_the_check_reports_them_with_a_jump(definition, example):
    _edit_everything(definition, example)
    example.answers["kanaele"] = [k for k in example.answers["kanaele"] if k.get("plattform") != "facebook"]
    findings = [f for f in check_project(definition, example) if "Facebook" in f.message]
    assert findings and all(f.severity == "hinweis" for f in findings)
    assert all(example.find(f.key.partition("@")[0]) is not None for f in findings)

