"""Entry point: ``python -m desktop`` and the ``konzeptassistent`` console script.

Command-line subcommands (export, example, check, --version) go to ``wizards.cli``
without importing Qt. ``--smoke-test`` checks the installation without showing windows.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None, end_after_command: bool = False) -> int:
    """``end_after_command``: a command-line call ends the process itself (``wizards.cli.end_process``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("--version", "-h", "--help") or (argv and _is_cli_command(argv[0])):
        from wizards.cli import end_process, main as cli_main

        code = cli_main(argv)
        if end_after_command:
            end_process(code)
        return code
    if argv and argv[0] == "--smoke-test":
        from .smoke import smoke_test

        return smoke_test()
    from .app import run

    example = "--example" in argv
    paths = [a for a in argv if not a.startswith("--")]
    return run(path=paths[0] if paths else None, example=example)


def _is_cli_command(word: str) -> bool:
    from wizards.cli import COMMANDS

    return word in COMMANDS


if __name__ == "__main__":
    sys.exit(main(end_after_command=True))
