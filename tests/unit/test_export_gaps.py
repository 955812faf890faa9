"""What the export warning lists: missing answers, placeholders and empty sections, each with a target."""
from __future__ import annotations

from wizards.assemble import Assembler


def test_export_gaps_list_missing_answers_and_empty_sections_with_targets(definition):
    from wizards.assemble import assemble
    from wizards.progress import export_gaps
    from wizards.project import Project

    project = Project.new(definition, "heilbronn")
    key = project.add_custom_section("Barrierefreiheit", "").key
    gaps = export_gaps(definition, project, Assembler(definition, project), assemble(definition, project).missing)
    texts = [g.text for g in gaps]
    assert texts[0].startswith("Angabe fehlt: ") and "(Schritt „Verwaltung“)" in texts[0]
    assert gaps[0].target.step.id == "questions:verwaltung" and gaps[0].target.question
    assert texts[-1] == "Der Abschnitt „Barrierefreiheit“ ist leer" and gaps[-1].target.step.id == f"section:{key}"
