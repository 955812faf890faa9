"""„Dokumente“: choose the set, preview one, export all into a folder (and as one ZIP)."""
from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


def _export(page, qtbot, monkeypatch, folder):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    job = page.job
    # the job's end and the shown result are two queued calls: wait for what the clerk sees
    qtbot.waitUntil(lambda: job.finished and page.result.isVisible(), timeout=120_000)


def test_choose_two_documents_and_export_all(window, qtbot, monkeypatch, tmp_path):
    import docx
    from pypdf import PdfReader

    window.open_example()
    window.go_to("documents:")
    page = window.current_page()
    assert page.boxes["nutzungskonzept"].isChecked() and not page.boxes["nutzungskonzept"].isEnabled()
    qtbot.mouseClick(page.boxes["datenschutzhinweise"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.boxes["netiquette"], Qt.Key.Key_Space)  # two quick clicks would make a double click
    assert page.chosen() == ["nutzungskonzept", "datenschutzhinweise", "netiquette"]
    assert window.session.project.extra["dokumente"] == ["datenschutzhinweise", "netiquette"]
    assert window.session.project.to_dict()["dokumente"] == ["datenschutzhinweise", "netiquette"]  # saved with it

    preview = page.show_preview("netiquette")
    assert preview is not None and preview.pdf.pageCount() >= 1 and "Netiquette" in preview.windowTitle()
    preview.close()

    folder = tmp_path / "out"
    folder.mkdir()
    _export(page, qtbot, monkeypatch, folder)
    from wizards.documents import assemble_document

    project = window.session.project
    titles = {kind: assemble_document(kind, project).meta.title for kind in page.chosen()}
    expected = {"Social-Media-Nutzungskonzept Gemeinde Musterstadt": "nutzungskonzept",
                "Datenschutzhinweise Social Media Gemeinde Musterstadt": "datenschutzhinweise",
                "Netiquette Gemeinde Musterstadt": "netiquette"}
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}{suffix}" for name in expected for suffix in (".docx", ".pdf"))
    for name, kind in expected.items():
        word = docx.Document(str(folder / f"{name}.docx"))
        assert word.core_properties.title == titles[kind]
        assert PdfReader(str(folder / f"{name}.pdf")).metadata.title == titles[kind]

    zipped = tmp_path / "zip"
    zipped.mkdir()
    qtbot.keyClick(page.format_boxes["html"], Qt.Key.Key_Space)
    qtbot.keyClick(page.zip_box, Qt.Key.Key_Space)
    _export(page, qtbot, monkeypatch, zipped)
    [archive] = list(zipped.iterdir())
    assert archive.name == "Dokumente Gemeinde Musterstadt.zip"
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(f"{name}{suffix}" for name in expected
                                              for suffix in (".docx", ".pdf", ".html"))
        html = z.read("Netiquette Gemeinde Musterstadt.html").decode("utf-8")
        assert f"<title>{titles['netiquette']}</title>" in html


def test_cancelled_folder_choice_writes_nothing_and_no_format_disables_export(window, qtbot, monkeypatch, tmp_path):
    window.open_example()
    window.go_to("documents:")
    page = window.current_page()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    assert page.export_all() is None  # cancelled folder choice: nothing happens
    for box in page.format_boxes.values():
        box.setChecked(False)
    assert not page.export_button.isEnabled()


def test_existing_files_are_replaced_only_when_the_clerk_agrees(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    window.open_example()
    window.go_to("documents:")
    page = window.current_page()
    page.format_boxes["docx"].setChecked(False)
    _export(page, qtbot, monkeypatch, tmp_path)
    [pdf] = list(tmp_path.glob("*.pdf"))
    pdf.write_bytes(b"kept")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert page.export_all() is None
    assert pdf.read_bytes() == b"kept" and "ersetzt" in asked[0] and pdf.name in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _export(page, qtbot, monkeypatch, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_format_and_zip_choice_come_back_when_the_file_is_opened_again(window, qtbot, tmp_path):
    """Next year's review: the same documents, formats and ZIP choice are ticked again."""
    window.open_example()
    window.go_to("documents:")
    page = window.current_page()
    qtbot.keyClick(page.boxes["impressum"], Qt.Key.Key_Space)
    qtbot.keyClick(page.format_boxes["docx"], Qt.Key.Key_Space)  # off
    qtbot.keyClick(page.format_boxes["html"], Qt.Key.Key_Space)  # on
    qtbot.keyClick(page.zip_box, Qt.Key.Key_Space)
    chosen, formats = page.chosen(), page.formats()
    assert "docx" not in formats and "html" in formats
    path = tmp_path / "review.konzept"
    assert window._save_to(path)

    window.open_example()  # something else in between
    window.go_to("documents:")
    assert window.current_page().formats() != formats
    assert window.open_path(path)
    window.go_to("documents:")
    page = window.current_page()
    assert page.chosen() == chosen and page.formats() == formats and page.zip_box.isChecked()
