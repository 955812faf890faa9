"""Printing (Strg+P): the concept exactly as its PDF looks, through the system's print dialog.

The PDF is written off the UI thread (as for an export) into a temporary folder; its pages
are then drawn with QtPdf onto the printer the clerk chose.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

MAX_DPI = 300  # enough for text on paper; keeps a page image below ~9 million pixels


def print_pdf(parent: QWidget, pdf: Path, printer: QPrinter | None = None) -> bool:
    """Ask for printer and pages, then print ``pdf``. False if the clerk cancelled or it failed."""
    document = QPdfDocument(parent)
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        QMessageBox.warning(parent, "Drucken", "Das Dokument konnte nicht für den Druck vorbereitet werden.")
        return False
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf.stem)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Drucken")
    dialog.setMinMax(1, document.pageCount())
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    first, last = 1, document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(document.pageCount(), printer.toPage() or last)
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, "Drucken", "Der Drucker konnte nicht angesprochen werden. Bitte prüfen Sie, "
                                               "ob er eingeschaltet und verbunden ist.")
        return False
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            index = number - 1
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, size)
            area = painter.viewport()
            scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x() + (area.width() - scaled.width()) // 2, area.y(),
                                    scaled.width(), scaled.height()), image)
    finally:
        painter.end()
        document.close()
    return True


def print_concept(window) -> None:
    """Strg+P: write the PDF with the clerk's design, then print it."""
    from .export_flow import ExportJob, run_with_progress

    session = window.session
    if session is None:
        return
    window.flush()
    folder = Path(tempfile.mkdtemp(prefix="konzept-druck-"))
    name = "Konzept.pdf"
    job = ExportJob("pdf", session.definition, session.snapshot(), folder / name, parent=window)

    def printed(path, error):
        try:
            if error:
                QMessageBox.warning(window, "Drucken", error)
            elif path is not None:
                print_pdf(window, path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    job.done.connect(printed)
    window.print_job = job
    run_with_progress(job, window, "Das Konzept wird für den Druck vorbereitet …")
