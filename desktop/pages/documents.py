"""„Dokumente“: which documents of the set to produce, a preview of each, and one export of all.

The concept is always part of the set. The choice is kept in the project (``dokumente``).
„Alle exportieren …“ asks for a folder once and writes every chosen document in the chosen
formats with its German file name (``wizards.documents.export_set``) on a worker thread.
"""
from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout, QMessageBox, QProgressDialog,
    QPushButton, QVBoxLayout,
)

from .base import Page, label

FORMATS = (("docx", "Word-Datei (.docx)", True), ("pdf", "PDF, barrierefrei (.pdf)", True),
           ("html", "Webseite, barrierefrei (.html)", False))


class _SetJob(QObject):
    """``export_set`` on a worker thread; ``done(paths, German error)`` arrives on the UI thread."""

    done = Signal(object, str)

    def __init__(self, project, kinds, formats, folder, zip_name, inputs, parent=None):
        super().__init__(parent)
        self.args = (project, kinds, formats, folder, zip_name, inputs)
        self.finished = False
        self.done.connect(self._mark_finished, Qt.ConnectionType.QueuedConnection)
        self.thread = threading.Thread(target=self._run, name="dokumente", daemon=True)

    def _run(self):
        from wizards.documents import export_set

        try:
            paths, error = export_set(*self.args[:4], zip_name=self.args[4], inputs=self.args[5]), ""
        except Exception as exc:  # noqa: BLE001 - every failure becomes one German line, never a crash
            from ..texts import german_error_text

            paths, error = [], german_error_text(exc)
        self.done.emit(paths, error)

    def _mark_finished(self, *_):
        self.finished = True


class DocumentsPage(Page):
    def __init__(self, session, window=None):
        super().__init__("Dokumente",
                         "Aus Ihren Angaben entstehen neben dem Konzept weitere Dokumente. Haken Sie an, welche Sie "
                         "brauchen; mit „Vorschau“ sehen Sie jedes so, wie es gedruckt wird. „Alle exportieren …“ "
                         "schreibt alle gewählten Dokumente auf einmal in einen Ordner.")
        from wizards.documents import CONCEPT, chosen_documents, definition_for, document_kinds

        self.session, self.window = session, window
        self.job: _SetJob | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self.preview_buttons: dict[str, QPushButton] = {}
        chosen = set(chosen_documents(session.project))
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)  # the „Vorschau“ buttons stay beside the names
        for row, (kind, name) in enumerate(document_kinds()):
            box = QCheckBox(f"{name} (immer dabei)" if kind == CONCEPT else name, self.inner)
            box.setObjectName(f"document_{kind}")
            box.setChecked(kind in chosen)
            box.setToolTip(definition_for(kind).description)
            if kind == CONCEPT:
                box.setEnabled(False)  # the concept is what the other documents belong to
                box.setToolTip("Das Konzept gehört immer dazu")
            box.toggled.connect(self._store_choice)
            preview = QPushButton("Vorschau", self.inner)
            preview.setObjectName(f"preview_{kind}")
            preview.setAccessibleName(f"Vorschau: {name}")
            preview.setToolTip(f"„{name}“ als PDF ansehen")
            preview.clicked.connect(lambda _=False, k=kind: self.show_preview(k))
            grid.addWidget(box, row, 0)
            grid.addWidget(preview, row, 1)
            self.boxes[kind], self.preview_buttons[kind] = box, preview
        self.body.addLayout(grid)

        self.body.addWidget(label("Formate", self.inner, "groupLabel"))
        self.format_boxes: dict[str, QCheckBox] = {}
        for fmt, text, on in FORMATS:
            box = QCheckBox(text, self.inner)
            box.setObjectName(f"format_{fmt}")
            box.setChecked(on)
            box.toggled.connect(self._update_export_button)
            box.toggled.connect(self._store_formats)
            self.format_boxes[fmt] = box
            self.body.addWidget(box)
        self.zip_box = QCheckBox("Als ZIP-Datei zusammenfassen", self.inner)
        self.zip_box.setObjectName("zipBox")
        self.zip_box.setToolTip("Alle Dateien in einer ZIP-Datei, zum Beispiel zum Versand per E-Mail")
        self.zip_box.toggled.connect(self._store_formats)
        self.body.addWidget(self.zip_box)
        self.export_button = QPushButton("Alle exportieren …", self.inner)
        self.export_button.setObjectName("exportAllButton")
        self.export_button.setAccessibleName("Alle exportieren")
        self.export_button.setToolTip("Einen Ordner wählen und alle gewählten Dokumente dort speichern")
        self.export_button.setProperty("role", "primary")
        self.export_button.clicked.connect(self.export_all)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.result = label("", self.inner, "hint")
        self.result.setObjectName("exportResult")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.body.addWidget(self.result)
        self.body.addStretch(1)
        self._show_formats()
        self._update_export_button()

    # ------------------------------------------------------------ choice

    def chosen(self) -> list[str]:
        return [kind for kind, box in self.boxes.items() if box.isChecked()]

    def formats(self) -> list[str]:
        return [fmt for fmt, box in self.format_boxes.items() if box.isChecked()]

    def _store_choice(self, *_):
        from wizards.documents import CONCEPT

        self.session.set_extra("dokumente", [kind for kind in self.chosen() if kind != CONCEPT])

    def _store_formats(self, *_):
        # next year's review opens the same file: the same formats and ZIP choice are ticked again
        self.session.set_extra("dokument_formate", self.formats())
        self.session.set_extra("dokument_zip", self.zip_box.isChecked())

    def _show_formats(self):
        stored = self.session.project.extra.get("dokument_formate")
        zipped = self.session.project.extra.get("dokument_zip")
        for fmt, _text, on in FORMATS:
            box = self.format_boxes[fmt]
            box.blockSignals(True)
            box.setChecked(fmt in stored if isinstance(stored, list) else on)
            box.blockSignals(False)
        self.zip_box.blockSignals(True)
        self.zip_box.setChecked(zipped is True)
        self.zip_box.blockSignals(False)
        self._update_export_button()

    def _update_export_button(self, *_):
        self.export_button.setEnabled(bool(self.formats()))

    def refresh(self):
        from wizards.documents import chosen_documents

        chosen = set(chosen_documents(self.session.project))
        for kind, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(kind in chosen)
            box.blockSignals(False)
        self._show_formats()

    # ------------------------------------------------------------ preview

    def show_preview(self, kind: str) -> QDialog | None:
        """The document as its PDF, in a dialog (modeless: the clerk can keep it open beside the window)."""
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        from wizards.documents import assemble_document, definition_for, project_for
        from wizards.export import design_of, writer

        from ..texts import german_error_text

        self.flush()
        folder = tempfile.mkdtemp(prefix="konzept-vorschau-")
        target = Path(folder) / "vorschau.pdf"
        try:
            _definition, view = project_for(kind, self.session.project)
            design = design_of(view)
            design.pdfa = False  # the preview needs no archival conversion
            writer("pdf")(assemble_document(kind, self.session.project), target, design)
        except Exception as exc:  # noqa: BLE001 - one German line, never a crash
            QMessageBox.warning(self, "Vorschau", german_error_text(exc))
            return None
        dialog = QDialog(self)
        dialog.setObjectName("documentPreview")
        dialog.setWindowTitle(f"Vorschau: {definition_for(kind).title}")
        layout = QVBoxLayout(dialog)
        pdf = QPdfDocument(dialog)
        pdf.load(str(target))
        view_widget = QPdfView(dialog)
        view_widget.setObjectName("documentPreviewView")
        view_widget.setPageMode(QPdfView.PageMode.MultiPage)
        view_widget.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view_widget.setDocument(pdf)
        layout.addWidget(view_widget, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Schließen")
        buttons.rejected.connect(dialog.close)
        layout.addWidget(buttons)
        dialog.resize(640, 760)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: __import__("shutil").rmtree(folder, ignore_errors=True))
        dialog.pdf = pdf
        dialog.show()
        return dialog

    # ------------------------------------------------------------ export

    def export_all(self) -> _SetJob | None:
        """Ask for a folder, then write every chosen document on a worker thread."""
        from wizards.documents import document_file_name, set_files

        self.flush()
        settings = getattr(self.window, "settings", None)
        start = settings.get("export_dir", "") if settings is not None else ""
        folder = QFileDialog.getExistingDirectory(self, "Ordner für die Dokumente wählen", start or str(Path.home()))
        if not folder:
            return None
        project = self.session.snapshot()
        zip_name = None
        if self.zip_box.isChecked():
            zip_name = "Dokumente " + document_file_name("nutzungskonzept", project).removeprefix(
                "Social-Media-Nutzungskonzept ").strip()
        names = [f"{zip_name}.zip"] if zip_name else list(set_files(project, self.chosen(), self.formats()))
        existing = [name for name in names if (Path(folder) / name).exists()]
        if existing and QMessageBox.question(
                self, "Dateien ersetzen?",
                f"Im Ordner {folder} gibt es schon {len(existing)} dieser Dateien, zum Beispiel „{existing[0]}“. "
                "Sollen sie ersetzt werden?") != QMessageBox.StandardButton.Yes:
            return None
        job = _SetJob(project, self.chosen(), self.formats(), Path(folder), zip_name, [self.session.path], self)
        progress = QProgressDialog("Die Dokumente werden geschrieben …", "", 0, 0, self)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)  # the files appear only when all are complete
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        job.done.connect(lambda *_: progress.close())
        job.done.connect(lambda paths, error: self._finished(Path(folder), paths, error))
        self.job = job
        self.export_button.setEnabled(False)
        job.thread.start()
        return job

    def _finished(self, folder: Path, paths, error: str):
        self._update_export_button()
        if error:
            QMessageBox.warning(self, "Export", error)
            return
        settings = getattr(self.window, "settings", None)
        if settings is not None:
            settings.set("export_dir", str(folder))
        names = "\n".join(f"• {p.name}" for p in paths)
        self.result.setText(f"Geschrieben in {folder}:\n{names}")
        self.result.setVisible(True)
