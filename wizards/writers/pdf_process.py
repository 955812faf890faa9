"""The PDF of a command-line export, made on a second processor core (POSIX only).

An export to DOCX and PDF spends most of its time in things that do not depend on each other:
loading the definition and assembling the document, importing reportlab and pikepdf, laying
out the PDF, writing the DOCX. ``PdfProcess.start`` forks the command-line process at once
(no new interpreter is started): the child imports the PDF writer while the parent reads the
project and assembles; the parent then hands over the assembled document, writes the other
files while the child lays out the PDF, and only then tells the child to write it. So the
files appear in the same order and under the same rules as one after the other: nothing is
written after an earlier file failed, each file is written atomically, every error is the
same German line. The child never prints; it reports back through a pipe.

On Windows (no ``fork``), or with ``KONZEPTASSISTENT_SEQUENTIAL=1``, ``start`` returns None
and the caller writes the PDF itself. The desktop never uses this (its worker threads do).
"""
from __future__ import annotations

import gc
import os
import pickle
import sys

SEQUENTIAL_ENV = "KONZEPTASSISTENT_SEQUENTIAL"
_LOST = "Das PDF konnte nicht erzeugt werden: der Hilfsprozess wurde unerwartet beendet. Bitte erneut versuchen."


class PdfProcess:
    """Parent side: ``render`` → ``write`` (or ``close`` to drop the PDF)."""

    def __init__(self, pid: int, to_child: int, from_child: int):
        self.pid = pid
        self._to = os.fdopen(to_child, "wb")
        self._from = os.fdopen(from_child, "rb")

    @classmethod
    def start(cls) -> PdfProcess | None:
        if not hasattr(os, "fork") or os.environ.get(SEQUENTIAL_ENV) or not _single_threaded():
            return None
        job_r, job_w = os.pipe()
        result_r, result_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(job_w)
            os.close(result_r)
            code = 1
            try:
                code = _child(os.fdopen(job_r, "rb"), os.fdopen(result_w, "wb"))
            finally:
                os._exit(code)
        os.close(job_r)
        os.close(result_w)
        return cls(pid, job_w, result_r)

    def _send(self, message) -> None:
        try:
            pickle.dump(message, self._to, protocol=pickle.HIGHEST_PROTOCOL)
            self._to.flush()
        except OSError as exc:  # the child is gone
            from wizards.errors import ExportError

            raise ExportError(_LOST) from exc

    def render(self, document, design, target) -> None:
        """Start laying out the PDF of ``document`` for ``target`` (an already checked path)."""
        self._send((document, design, target))

    def write(self) -> str:
        """Write the rendered PDF; returns the hint about characters the PDF cannot show ("" if none).

        Raises what writing it in this process would raise: a German ``ExportError`` or an ``OSError``.
        """
        self._send("write")
        try:
            result = pickle.load(self._from)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            from wizards.errors import ExportError

            raise ExportError(_LOST) from exc
        kind, *detail = result
        if kind == "ok":
            return detail[0]
        if kind == "konzept":
            from wizards.errors import ExportError

            raise ExportError(detail[0])
        if kind == "oserror":
            raise OSError(detail[0], detail[1], detail[2])
        raise RuntimeError(f"Fehler im PDF-Prozess:\n{detail[0]}")

    def close(self) -> None:
        """Drop whatever was not written and wait for the child (always call, e.g. in ``finally``)."""
        for stream in (self._to, self._from):
            try:
                stream.close()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _single_threaded() -> bool:
    """Only a process with one thread forks safely (a lock another thread holds stays locked in
    the child): the command line is one; the tests call it inside a process with Qt's threads."""
    import threading

    if threading.active_count() > 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return True  # no /proc (macOS): Python's own count above


def _child(jobs, results) -> int:
    """Import the PDF writer, wait for the document, lay it out, write it when told to."""
    failure = None
    try:
        from wizards.design import Design
        from wizards.writers.pdf import fonts, render_pdf, save_pdf, unprintable_warning
        from wizards.writers.pdf.structure import pikepdf_module

        pikepdf_module()
        fonts(Design().font)  # most projects keep the default font: ready when the document comes
    except BaseException:  # noqa: BLE001 - reported in turn, as writing in the parent would
        failure = _failure()
    try:
        document, design, target = pickle.load(jobs)
    except (EOFError, OSError):
        return 0  # the parent stopped before (an error it reports itself)
    gc.freeze()  # as the parent does (``cli._export``): collect only what the layout leaves behind
    gc.enable()
    data = boxes = None
    if failure is None:
        try:
            data = render_pdf(document, design)
            boxes = unprintable_warning(document, design) or ""
        except BaseException:  # noqa: BLE001
            failure = _failure()
    try:
        if pickle.load(jobs) != "write":
            return 0
    except (EOFError, OSError):
        return 0  # the parent dropped the PDF: an earlier file failed
    if failure is None:
        try:
            save_pdf(data, target)
        except BaseException:  # noqa: BLE001
            failure = _failure()
    try:
        pickle.dump(failure or ("ok", boxes), results)
        results.flush()
    except OSError:
        pass
    return 0


def _failure() -> tuple:
    """The exception being handled, as the parent re-raises it."""
    from wizards.errors import KonzeptError

    exc = sys.exc_info()[1]
    if isinstance(exc, KonzeptError):
        return ("konzept", str(exc))
    if isinstance(exc, OSError):
        return ("oserror", exc.errno, exc.strerror, exc.filename)
    import traceback

    return ("crash", traceback.format_exc())
