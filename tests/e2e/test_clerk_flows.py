"""Clerk flows from the first page to the exported file, click by click."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton, QRadioButton, QWidget


def keys(qtbot, widget, text):
    """qtbot.keyClicks, also for umlauts (QTest only maps ASCII to keys)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    chunk = ""
    for ch in text:
        if ch.isascii():
            chunk += ch
            continue
        if chunk:
            qtbot.keyClicks(widget, chunk)
            chunk = ""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    if chunk:
        qtbot.keyClicks(widget, chunk)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def field(window, qid):
    editor = window.current_page().findChild(QWidget, f"field:{qid}")
    assert editor is not None, qid
    return editor


def type_into(qtbot, window, qid, text):
    widget = field(window, qid).focus_widget()
    widget.setFocus()
    keys(qtbot, widget, text)


def click_step(qtbot, window, step_id):
    """Click the entry in the step list, as the clerk would."""
    step_list = window.step_list
    row = next(i for i, s in enumerate(step_list.steps) if s.id == step_id)
    item = step_list.item(row)
    step_list.scrollToItem(item)
    rect = step_list.visualItemRect(item)
    qtbot.mouseClick(step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_id == step_id


def test_new_concept_to_docx_and_pdf(window, qtbot, tmp_path, monkeypatch, exports):
    # ---- start screen: choose the Herford style, begin
    herford = window.start.findChild(QRadioButton, "startStyle:herford")
    click(qtbot, herford)
    assert herford.isChecked()
    click(qtbot, window.start.new_button)
    assert window.session is not None and window.session.project.style == "herford"
    assert window.current_id == "questions:verwaltung"

    # ---- Verwaltung
    type_into(qtbot, window, "verwaltung.name", "Lindenau")
    type_into(qtbot, window, "verwaltung.bundesland", "Sachsen")
    assert window.session.answer("verwaltung.bundesland")
    for qid, text in (("leitung.name", "Petra Muster"), ("leitung.funktion", "Bürgermeisterin"),
                      ("anschrift.strasse", "Marktplatz 1"), ("anschrift.plz", "04123"),
                      ("anschrift.ort", "Lindenau"), ("kontakt.website", "https://www.lindenau.example"),
                      ("kontakt.email", "rathaus@lindenau.example"), ("kontakt.telefon", "034 1234-0")):
        type_into(qtbot, window, qid, text)
    assert window.session.answer("verwaltung.name") == "Lindenau"
    assert window.isWindowModified()
    click(qtbot, window.next_button)

    # ---- Zuständigkeit
    assert window.current_id == "questions:zustaendigkeit"
    type_into(qtbot, window, "redaktion.stelle", "Hauptamt")
    type_into(qtbot, window, "redaktion.email", "presse@lindenau.example")
    persons = field(window, "verantwortliche")
    click(qtbot, persons.add_button)
    keys(qtbot, persons.editors[0]["name"].focus_widget(), "Jan Beispiel")
    type_into(qtbot, window, "datenschutz.dsb_name", "Dora Schutz")
    type_into(qtbot, window, "datenschutz.dsb_email", "datenschutz@lindenau.example")
    type_into(qtbot, window, "datenschutz.erklaerung_url", "https://www.lindenau.example/datenschutz")
    # without them the concept shows visible gaps (no DSFA claimed, no § 18 Abs. 2 MStV person)
    type_into(qtbot, window, "redaktion.verantwortlich", "Jan Beispiel")
    type_into(qtbot, window, "datenschutz.dsfa_url", "https://www.lindenau.example/folgenabschaetzung")
    assert window.session.answer("verantwortliche")[0]["name"] == "Jan Beispiel"
    click(qtbot, window.next_button)

    # ---- Kanäle: two channels
    assert window.current_id == "questions:kanaele"
    channels = field(window, "kanaele")
    for platform, name in (("Instagram", "@lindenau"), ("Facebook", "Stadt Lindenau")):
        click(qtbot, channels.add_button)
        editors = channels.editors[-1]
        editors["plattform"].focus_widget().setFocus()
        keys(qtbot, editors["plattform"].focus_widget(), platform)
        keys(qtbot, editors["name"].focus_widget(), name)
        keys(qtbot, editors["url"].focus_widget(), f"https://www.{platform.lower()}.com/lindenau")
        keys(qtbot, editors["frequenz"].focus_widget(), "zwei Beiträge pro Woche")
    kanaele = window.session.answer("kanaele")
    assert [k["plattform"] for k in kanaele] == ["instagram", "facebook"]
    assert all(k.get("_id") for k in kanaele)
    click(qtbot, window.next_button)

    # ---- Konzept: date of today
    assert window.current_id == "questions:konzept"
    click(qtbot, field(window, "konzept.stand").today)
    assert window.session.answer("konzept.stand")
    click(qtbot, window.next_button)

    # ---- Aufbau und Stil: switch to Heilbronn, add an own section
    assert window.current_id == "outline:"
    page = window.current_page()
    click(qtbot, page.findChild(QRadioButton, "style:heilbronn"))
    assert window.session.project.style == "heilbronn"
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Barrierefreiheit", True)))
    click(qtbot, page.findChild(QPushButton, "outline:custom"))
    custom = [e for e in window.session.project.walk() if e.is_custom]
    assert [e.heading for e in custom] == ["Barrierefreiheit"]

    # ---- edit the section „Zweck“ in the rich text editor
    click_step(qtbot, window, "section:zweck")
    block = next(iter(window.current_page().blocks.values()))
    editor = block.editor.edit
    editor.setFocus()
    editor.selectAll()
    keys(qtbot, editor, "Lindenau informiert hier schnell und verlässlich. ")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, editor, "Wichtig")
    block.editor.flush()
    text = window.session.project.find("zweck").text
    assert "Lindenau informiert hier schnell und verlässlich." in text
    assert "**Wichtig**" in text

    # ---- the own section's text
    click_step(qtbot, window, f"section:{custom[0].key}")
    block = next(iter(window.current_page().blocks.values()))
    block.editor.edit.setFocus()
    keys(qtbot, block.editor.edit, "Alle Beiträge erhalten Bildbeschreibungen.")

    # ---- check page and export
    click_step(qtbot, window, "export:")
    page = window.current_page()
    targets = iter([str(tmp_path / "konzept.docx"), str(tmp_path / "konzept.pdf")])
    proposals = []

    def fake_save(parent, caption, proposal, filters, *a, **k):
        proposals.append(proposal)
        return next(targets), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    click(qtbot, page.docx_button)
    window.export_job.wait()
    click(qtbot, page.pdf_button)
    window.export_job.wait()
    assert exports == [tmp_path / "konzept.docx", tmp_path / "konzept.pdf"]
    assert [Path(p).name for p in proposals] == ["Social-Media-Nutzungskonzept Gemeinde Lindenau.docx",
                                                 "Social-Media-Nutzungskonzept Gemeinde Lindenau.pdf"]

    import docx
    doc = docx.Document(str(tmp_path / "konzept.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert any("Barrierefreiheit" in h for h in headings), headings
    assert any("Zweck" in h for h in headings), headings
    assert len(headings) >= 5
    assert "Lindenau informiert hier schnell und verlässlich." in body
    assert "Alle Beiträge erhalten Bildbeschreibungen." in body

    from pypdf import PdfReader
    pdf_text = " ".join(" ".join((page.extract_text() or "").split())
                        for page in PdfReader(str(tmp_path / "konzept.pdf")).pages)
    for expected in ("Barrierefreiheit", "Lindenau informiert hier schnell", "Bildbeschreibungen", "Lindenau"):
        assert expected in pdf_text, expected

    # ---- save the project and see the title lose its modified mark
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "lindenau.konzept"), "")))
    assert window.save()
    assert (tmp_path / "lindenau.konzept").is_file()
    assert not window.isWindowModified()
    assert "lindenau.konzept" in window.windowTitle()


def test_open_saved_project_jump_edit_and_preview(window, qtbot, tmp_path, gui_definition):
    from wizards.project import example_project, save_project

    path = tmp_path / "musterstadt.konzept"
    save_project(example_project(gui_definition, "heilbronn"), path)
    assert window.open_path(path)
    preview = window.preview
    qtbot.waitUntil(lambda: preview.render_count >= 1, timeout=10000)
    pages_before = preview.document.pageCount()
    assert pages_before >= 1
    renders = preview.render_count

    click_step(qtbot, window, "section:alternativen")
    block = next(iter(window.current_page().blocks.values()))
    editor = block.editor.edit
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    marker = "Zusätzlich beantwortet das Bürgerbüro Fragen im Chat der Stadtwebsite."
    keys(qtbot, editor, " " + marker)

    def preview_shows_marker():
        if preview.render_count <= renders:
            return False
        text = " ".join(preview.document.getAllText(p).text() for p in range(preview.document.pageCount()))
        return "Bürgerbüro Fragen im Chat" in " ".join(text.split())
    qtbot.waitUntil(preview_shows_marker, timeout=10000)
    assert marker in window.session.project.find("alternativen").text
    assert window.isWindowModified()
    # the preview stays at the section being edited
    heading = window.current_page().preview_heading()
    assert heading
    page = preview.view.pageNavigator().currentPage()
    assert " ".join(heading.split()) in " ".join(preview.document.getAllText(page).text().split())
