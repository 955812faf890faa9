"""The fachliche Prüfung on „Prüfen und exportieren“: findings, jumps, „Ersetzen“ (issue 6)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def _findings(page):
    return [page.findings.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.findings.count())]


def test_example_has_no_findings(window):
    window.open_example()
    window.go_to("export:")
    page = window.current_page()
    assert _findings(page) == []
    assert page.check_summary.text().startswith("Keine Beanstandungen")
    assert "Rechtsstand" in page.check_summary.text() and "geltendes Recht" not in page.check_summary.text()


def test_outdated_norm_is_found_and_replaced(window, qtbot):
    window.open_example()
    window.session.set_section_text("zweck", "", "Wir beachten § 5 TMG und die DSGVO.")
    window.go_to("export:")
    page = window.current_page()
    rows = [i for i, f in enumerate(_findings(page)) if f.kind == "norm"]
    assert rows, _findings(page)
    item = page.findings.item(rows[0])
    assert item.text().startswith("Fehler:") and "TMG" in item.text()
    page.findings.setCurrentRow(rows[0])
    assert page.replace_button.isEnabled()
    qtbot.mouseClick(page.replace_button, Qt.MouseButton.LeftButton)
    assert "§ 5 DDG" in window.session.project.find("zweck").text
    assert not any(f.kind == "norm" for f in _findings(page))


def test_missing_topic_jumps_and_offers_to_add_the_section(window, monkeypatch):
    window.open_example()
    window.session.remove_section("alternativen")
    window.go_to("export:")
    page = window.current_page()
    finding = next(f for f in _findings(page) if f.topic == "alternativen")
    assert finding.severity == "fehler"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    row = _findings(page).index(finding)
    page.findings.itemActivated.emit(page.findings.item(row))
    assert window.session.project.find("alternativen") is not None
    assert window.current_id == "section:alternativen"


def test_annual_review_compares_with_an_earlier_version(window, tmp_path, monkeypatch, exports):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from wizards.project import save_project

    window.open_example()
    old = tmp_path / "konzept-2025.konzept"
    save_project(window.session.project, old)
    window.session.set_section_text("zweck", "", "Wir informieren künftig auch über Baustellen.")
    target = tmp_path / "aenderungen.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(old), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.act_compare.trigger()
    window.export_job.wait()
    assert exports == [target]
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Änderungen im Social-Media-Nutzungskonzept" in text
    assert "Baustellen" in text


def test_review_pdf_from_the_window_equals_the_command_line(window, tmp_path, monkeypatch, exports):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from wizards import cli
    from wizards.project import save_project

    window.open_example()
    window.session.set_design({**window.session.project.design, "header_text": "Stadtverwaltung Neustadt"})
    old = tmp_path / "alt.konzept"
    save_project(window.session.project, old)
    window.session.set_section_text("zweck", "", "Wir informieren künftig auch über Baustellen.")
    new = tmp_path / "neu.konzept"
    save_project(window.session.project, new)
    by_window = tmp_path / "fenster.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(old), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(by_window), ""))
    window.act_compare.trigger()
    window.export_job.wait()
    by_cli = tmp_path / "cli.pdf"
    assert cli.main(["compare", str(old), str(new), "--pdf", str(by_cli)]) == 0

    def pages(path):
        return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]
    assert exports == [by_window]
    assert pages(by_window) == pages(by_cli)  # the same document with the clerk's design
