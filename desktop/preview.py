"""Live preview: the real exported PDF, rendered off the UI thread, shown with QtPdf.

After an edit, ``schedule()`` starts a render shortly (``DEBOUNCE_MS``, not restarted by
further keys, so the preview follows typing instead of waiting for a pause). The render
runs on a worker thread with a snapshot of the project (assemble + reportlab); while it
runs, only the newest snapshot waits, and it starts as soon as the running one ends.
Every result newer than the one shown is shown. If the assembled document did not
change, the PDF is not rendered again.
The UI thread only loads the bytes. ``preview_updated(float seconds)`` fires after each
refresh (timing hook), and ``render_count`` counts them (tests wait on it).
"""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

# Collects the signals of one edit (and keys typed within it) into one render.
DEBOUNCE_MS = 40


def assemble_preview(definition, project):
    """The document and design one project previews as (runs on the worker thread)."""
    from wizards.assemble import assemble
    from wizards.design import Design

    design = Design.from_dict(project.design)
    design.pdfa = False  # the preview does not need archival conversion
    return assemble(definition, project), design


UNCHANGED = b"unchanged"  # the worker's answer when the PDF would be the same as shown


class _Worker(QObject):
    """Renders on a plain Python thread; results come back as a queued signal."""

    finished = Signal(int, object, str, float)  # generation, bytes or None, error text, seconds

    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()
        self._pending = None
        self._busy = False
        self._last = None  # (document, design) of the last PDF rendered

    def submit(self, generation: int, definition, project) -> None:
        with self._lock:
            self._pending = (generation, definition, project)
            if self._busy:
                return  # the running thread picks up the newest job when done
            self._busy = True
        threading.Thread(target=self._loop, name="vorschau", daemon=True).start()

    def _loop(self):
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._busy = False
                    return
            generation, definition, project = job
            started = time.perf_counter()
            try:
                data, error = self._render(definition, project), ""
            except Exception as exc:  # noqa: BLE001 - shown in the preview, never crashes the app
                from .texts import german_error_text

                data, error = None, german_error_text(exc)
            self.finished.emit(generation, data, error, time.perf_counter() - started)

    def _render(self, definition, project):
        """PDF bytes, or ``UNCHANGED`` if the document is the one rendered last."""
        from wizards.writers.pdf import render_pdf

        document, design = assemble_preview(definition, project)
        if self._last is not None and self._last == (document, design):
            return UNCHANGED
        data = render_pdf(document, design, tagged=False)
        self._last = (document, design)
        return data


class PreviewPane(QWidget):
    preview_updated = Signal(float)  # seconds from request to shown pages

    def __init__(self, session_getter, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewPane")
        self._session_getter = session_getter
        self.render_count = 0
        self._generation = 0
        self._requested_at = 0.0
        self._target_heading = ""
        self._buffer: QBuffer | None = None
        self._shown_generation = 0
        self.last_pdf: bytes = b""

        self.title = QLabel("Vorschau des PDF", self)
        self.title.setObjectName("previewTitle")
        self.status = QLabel("", self)
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        zoom_out = QToolButton(self)
        zoom_out.setText("−")
        zoom_out.setToolTip("Verkleinern")
        zoom_out.setAccessibleName("Vorschau verkleinern")
        zoom_in = QToolButton(self)
        zoom_in.setText("+")
        zoom_in.setToolTip("Vergrößern")
        zoom_in.setAccessibleName("Vorschau vergrößern")
        fit = QToolButton(self)
        fit.setText("Breite")
        fit.setToolTip("An die Breite anpassen")
        fit.setAccessibleName("Vorschau an die Breite anpassen")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        for b in (zoom_out, zoom_in, fit):
            head.addWidget(b)

        self.document = QPdfDocument(self)
        self.bookmarks = QPdfBookmarkModel(self)
        self.bookmarks.setDocument(self.document)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Vorschau des PDF-Dokuments")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setPageSpacing(8)

        zoom_in.clicked.connect(lambda: self._zoom(1.2))
        zoom_out.clicked.connect(lambda: self._zoom(1 / 1.2))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_now)
        self.worker = _Worker()
        self.worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    def _zoom(self, factor: float):
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(4.0, self.view.zoomFactor() * factor)))

    # ------------------------------------------------------------ refreshing

    def schedule(self) -> None:
        """Refresh soon after an edit (further edits do not push the render back)."""
        if not self.timer.isActive():
            self.timer.start()

    def refresh_now(self) -> None:
        self.timer.stop()
        session = self._session_getter()
        if session is None or not self.isVisible():
            return
        self._generation += 1
        self._requested_at = time.perf_counter()
        self.status.setText("Vorschau wird aktualisiert …")
        self.worker.submit(self._generation, session.definition, session.snapshot())

    def _finished(self, generation: int, data, error: str, seconds: float):
        if generation <= self._shown_generation:
            return  # older than what is shown
        self._shown_generation = generation
        latest = generation == self._generation  # else a newer render is on its way
        if data is None:
            if latest:
                self.status.setText("Die Vorschau konnte nicht erstellt werden: " + error)
            return
        if data == UNCHANGED:
            if self.document.pageCount():
                self.render_count += 1
                if latest:
                    self._set_page_status()
                self.preview_updated.emit(time.perf_counter() - self._requested_at)
                return
            data = self.last_pdf
        top = self._current_page()
        self.last_pdf = data
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        if latest:
            self._set_page_status()
        self.render_count += 1
        if self._target_heading:
            self.scroll_to_heading(self._target_heading)
        elif top is not None:
            self.view.pageNavigator().jump(top, QPointF(0, 0))
        self.preview_updated.emit(time.perf_counter() - self._requested_at)

    def _set_page_status(self):
        pages = self.document.pageCount()
        self.status.setText(f"{pages} Seite{'n' if pages != 1 else ''} – so sieht das exportierte PDF aus.")

    def _current_page(self):
        if self.document.pageCount() == 0:
            return None
        return self.view.pageNavigator().currentPage()

    # ------------------------------------------------------------ scrolling

    def set_target(self, heading: str) -> None:
        """Keep the preview at this heading (the section being edited)."""
        self._target_heading = heading
        if heading and self.document.pageCount():
            self.scroll_to_heading(heading)

    def scroll_to_heading(self, heading: str) -> bool:
        found = self._find_bookmark(heading, QModelIndex())
        if found is not None:
            page, location = found
            self.view.pageNavigator().jump(page, location)
            return True
        page = self._find_text(heading)
        if page is not None:
            self.view.pageNavigator().jump(page, QPointF(0, 0))
            return True
        return False

    def _find_bookmark(self, heading: str, parent: QModelIndex):
        model = self.bookmarks
        wanted = _norm(heading)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            title = _norm(str(model.data(index, Qt.ItemDataRole.DisplayRole) or ""))
            if title and (title == wanted or title.endswith(" " + wanted) or wanted in title):
                page = model.data(index, int(QPdfBookmarkModel.Role.Page))
                location = model.data(index, int(QPdfBookmarkModel.Role.Location))
                return int(page), QPointF(0, max(0.0, location.y() - 20)) if location is not None else QPointF(0, 0)
            found = self._find_bookmark(heading, index)
            if found is not None:
                return found
        return None

    def _find_text(self, heading: str):
        wanted = _norm(heading)[:40]
        for page in range(self.document.pageCount()):
            if wanted and wanted in _norm(self.document.getAllText(page).text()):
                return page
        return None


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()
