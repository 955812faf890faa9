"""Headless command line: export, example, check. German one-line messages, exit code ≠ 0 on error.

    konzeptassistent export PROJECT [--document ID] [--docx FILE] [--pdf FILE] [--html FILE]
    konzeptassistent documents               (the document kinds: id and German name)
    konzeptassistent example (--style {heilbronn,herford,sassenberg} | --name NAME) --out FILE
    konzeptassistent outline PROJECT          (the outline as the reader sees it: numbers, headings, levels)
    konzeptassistent check PROJECT            (exit code 1 when the check finds an error)
    konzeptassistent legal-data [--install FILE]   (Rechtsstand of the legal data; install a newer file)
    konzeptassistent compare OLD NEW [--pdf FILE] [--docx FILE]
    konzeptassistent --version
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from . import __version__
from .errors import KonzeptError

COMMANDS = ("export", "documents", "example", "outline", "check", "compare", "legal-data")


class _GermanFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class _GermanParser(argparse.ArgumentParser):
    """argparse with German help option and error lines (every subcommand too)."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        kwargs["formatter_class"] = _GermanFormatter
        super().__init__(*args, **kwargs)
        self._positionals.title = "Angaben"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="Diese Hilfe anzeigen")

    def error(self, message: str):
        self.exit(2, f"Fehler: ungültiger Aufruf ({message}). Hilfe: konzeptassistent --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(prog="konzeptassistent", description="Social-Media-Nutzungskonzept erstellen und exportieren.")
    parser.add_argument("--version", action="version", version=f"Konzeptassistent {__version__}",
                        help="Programmversion anzeigen")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_GermanParser)
    export = sub.add_parser("export", help="Projekt als DOCX, PDF und/oder Webseite (HTML) exportieren")
    export.add_argument("project", metavar="PROJEKT", help="Projektdatei (*.konzept)")
    export.add_argument("--docx", metavar="DATEI", help="Ziel für das Word-Dokument")
    export.add_argument("--pdf", metavar="DATEI", help="Ziel für das PDF")
    export.add_argument("--html", metavar="DATEI", help="Ziel für die barrierefreie Webseite (HTML)")
    export.add_argument("--document", metavar="ID", default="nutzungskonzept",
                        help="Welches Dokument: nutzungskonzept (Vorgabe) oder eines aus „konzeptassistent documents“")
    sub.add_parser("documents", help="Die Dokumente auflisten, die aus einem Projekt entstehen (ID und Name)")
    example = sub.add_parser("example", help="Ein mitgeliefertes Beispielprojekt schreiben")
    which = example.add_mutually_exclusive_group(required=True)
    which.add_argument("--style", help="Das Beispiel im Hausstil heilbronn, herford oder sassenberg")
    which.add_argument("--name", metavar="NAME", help="Ein weiteres Beispiel (Liste: --name liste)")
    example.add_argument("--out", metavar="DATEI", help="Ziel (*.konzept)")
    outline = sub.add_parser("outline", help="Die Gliederung ausgeben, wie sie im Dokument steht")
    outline.add_argument("project", metavar="PROJEKT", help="Projektdatei (*.konzept)")
    check = sub.add_parser("check", help="Fachliche Prüfung: Vollständigkeit und aktuelle Rechtsgrundlagen")
    check.add_argument("project", metavar="PROJEKT", help="Projektdatei (*.konzept)")
    legal = sub.add_parser("legal-data", help="Rechtsstand der Rechtsdaten anzeigen oder neuere Rechtsdaten installieren")
    legal.add_argument("--install", metavar="DATEI", help="Neuere Rechtsdaten-Datei prüfen und installieren")
    compare = sub.add_parser("compare", help="Zwei Fassungen vergleichen (Änderungsübersicht für den Rat)")
    compare.add_argument("old", metavar="ALT", help="Bisherige Fassung (*.konzept)")
    compare.add_argument("new", metavar="NEU", help="Neue Fassung (*.konzept)")
    compare.add_argument("--pdf", metavar="DATEI", help="Änderungsübersicht als PDF schreiben")
    compare.add_argument("--docx", metavar="DATEI", help="Änderungsübersicht als Word-Dokument schreiben")
    return parser


def _check(args) -> int:
    from .checks import check_project, format_findings, has_errors, success_line
    from .loader import bundled_definition
    from .project import load_project

    definition = bundled_definition()
    project = load_project(args.project)
    for note in project.validate_against(definition):
        print(f"Hinweis: {note}", file=sys.stderr)
    findings = check_project(definition, project)
    for line in format_findings(findings):
        print(line)
    if not findings:
        print(success_line(definition))
    print(definition.data.legal.summary())
    for note in definition.data.legal.notes:
        print(f"Hinweis: {note}", file=sys.stderr)
    return 1 if has_errors(findings) else 0


def _legal_data(args) -> int:
    from . import legal_data

    if args.install:
        from .loader import bundled_definition

        try:
            installed = legal_data.install(Path(args.install), definition=bundled_definition())
        except legal_data.LegalDataRefused as exc:
            print(f"Fehler: {exc}", file=sys.stderr)
            return 1
        print(f"Installiert: {installed.title}, Version {installed.version}, Rechtsstand "
              f"{legal_data.german_date(installed.rechtsstand)} ({installed.path}).")
        return 0
    data = legal_data.load()
    print(data.summary())
    for file in data.files.values():
        print(f"  {file.describe()}")
    for note in data.notes:
        print(f"Hinweis: {note}", file=sys.stderr)
    return 0


def _compare(args) -> int:
    from .atomic import checked_output_paths
    from .export import design_of, write
    from .loader import bundled_definition
    from .project import load_project
    from .review import compare_projects, comparison_document, summary_lines

    targets = checked_output_paths({"die Änderungsübersicht (PDF)": args.pdf, "die Änderungsübersicht (Word)": args.docx},
                                   [args.old, args.new])
    definition = bundled_definition()
    old, new = load_project(args.old), load_project(args.new)
    for project in (old, new):
        for note in project.validate_against(definition):
            print(f"Hinweis: {note}", file=sys.stderr)
    comparison = compare_projects(definition, old, new)
    for line in summary_lines(comparison):
        print(line)
    if targets:
        document = comparison_document(definition, comparison)
        for kind, target in (("pdf", args.pdf), ("docx", args.docx)):
            if target is not None:
                write(kind, document, target, design_of(new), inputs=[args.old, args.new])  # as export.write_review does
                print(f"Geschrieben: {target}")
    return 0


def _documents(args) -> int:
    from .documents import document_kinds

    for kind, name in document_kinds():
        print(f"{kind}\t{name}")
    return 0


def _export(args) -> int:
    from .export import KINDS

    targets = {kind: getattr(args, kind) for kind in KINDS if getattr(args, kind) is not None}
    if not targets:
        raise KonzeptError("Bitte geben Sie mit --docx, --pdf und/oder --html an, wohin exportiert werden soll.")
    collecting = gc.isenabled()
    gc.disable()  # importing and loading make no garbage worth a collection; see _export_to
    pdf_process = None
    if "pdf" in targets:
        from .writers.pdf_process import PdfProcess

        pdf_process = PdfProcess.start()  # imports the PDF writer on the other core while this one assembles
    try:
        return _export_to(args, targets, pdf_process, collecting)
    finally:
        if collecting:
            gc.enable()
        if pdf_process is not None:
            pdf_process.close()


def _export_to(args, targets: dict, pdf_process, collecting: bool) -> int:
    from .atomic import checked_output_paths
    from .documents import assemble_document, definition_for
    from .export import OUTPUT_LABELS, checked_target, design_of, export_notes, write
    from .loader import bundled_definition
    from .project import load_project

    definition_for(args.document)  # an unknown document is an error before anything is read
    # before loading: refuse at once, whatever the project holds
    checked_output_paths({OUTPUT_LABELS[kind]: target for kind, target in targets.items()}, [args.project])
    definition = bundled_definition()
    project = load_project(args.project)
    for note in project.validate_against(definition):
        print(f"Hinweis: {note}", file=sys.stderr)
    document = assemble_document(args.document, project)
    design = design_of(project)
    if collecting:  # what lives until the end (modules, definition, document) is never scanned again
        gc.freeze()
        gc.enable()
    if pdf_process is not None:
        pdf_process.render(document, design, checked_target("pdf", targets["pdf"], design, [args.project]))
    pdf_boxes = None
    for kind, target in targets.items():  # one after the other: nothing is written after a failure
        if kind == "pdf" and pdf_process is not None:
            pdf_boxes = pdf_process.write()
        else:
            write(kind, document, target, design, inputs=[args.project])
        print(f"Geschrieben: {target}")
    for note in export_notes(document, design, targets, pdf_boxes):
        print(f"Hinweis: {note}", file=sys.stderr)
    return 0


def _example(args) -> int:
    from .loader import bundled_definition
    from .project import EXAMPLES, example_project, named_example, save_project

    if args.name == "liste":
        for name, description in EXAMPLES.items():
            print(f"{name}\t{description}")
        return 0
    if not args.out:
        raise KonzeptError("Bitte geben Sie mit --out an, wohin das Beispiel geschrieben werden soll.")
    definition = bundled_definition()
    if args.name:
        project = named_example(definition, args.name)
    elif args.style not in definition.styles:
        raise KonzeptError(f"Unbekannter Stil „{args.style}“. Möglich: {', '.join(definition.styles)}.")
    else:
        project = example_project(definition, args.style)
    save_project(project, Path(args.out))
    print(f"Geschrieben: {args.out}")
    return 0


def _outline(args) -> int:
    from .export import design_of
    from .layout import layout, outline_lines
    from .loader import bundled_definition
    from .project import load_project
    from .assemble import assemble

    definition = bundled_definition()
    project = load_project(args.project)
    for note in project.validate_against(definition):
        print(f"Hinweis: {note}", file=sys.stderr)
    for line in outline_lines(layout(assemble(definition, project), design_of(project))):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"export": _export, "documents": _documents, "example": _example, "outline": _outline, "check": _check,
                "compare": _compare, "legal-data": _legal_data}
    if args.command not in handlers:
        _parser().print_help()
        return 2
    try:
        return handlers[args.command](args)
    except KonzeptError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Fehler: Datei „{exc.filename or ''}“: {exc.strerror or exc}", file=sys.stderr)
        return 1


def end_process(code: int) -> None:
    """End a command-line process at once with ``code``, skipping the interpreter's teardown.

    Every file is written and closed by then (atomically, see ``wizards.atomic``); freeing the
    definition, the fonts and every module one by one would only add about 50 ms to each call.
    Only for a process that ran nothing but the command line (never inside the window or a test).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    end_process(main())
