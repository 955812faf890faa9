"""Atomic file writes: a temp file in the target folder, then an atomic replace.

If anything fails, the previous file stays as it was and no half-written file remains.
Failures raise ``WriteError`` (an ``OSError``) whose ``strerror`` is a German sentence
that tells the clerk what happened and what to do — a file open in Word (Windows:
``os.replace`` raises ``PermissionError``), a read-only folder, a full disk.

``backup=True`` keeps the previous version of the target as ``<name>.bak`` beside it
(e.g. ``Konzept.konzept.bak``) before replacing it.
"""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

BACKUP_SUFFIX = ".bak"


class WriteError(OSError):
    """Writing a file failed; ``strerror`` is a German message, the old file is intact."""


def backup_path(target: Path | str) -> Path:
    target = Path(target)
    return target.with_name(target.name + BACKUP_SUFFIX)


def german_reason(exc: OSError, target: Path, stage: str = "replace") -> str:
    """A German sentence for an OSError raised while writing ``target``."""
    folder = target.parent if str(target.parent) not in ("", ".") else Path.cwd()
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return (f"Der Datenträger ist voll – „{target.name}“ konnte nicht gespeichert werden. "
                "Bitte schaffen Sie Platz oder wählen Sie einen anderen Speicherort. Die bisherige Datei ist unverändert.")
    if code == errno.EROFS:
        return (f"Der Datenträger von „{target.name}“ ist schreibgeschützt. "
                "Bitte wählen Sie einen anderen Speicherort. Die bisherige Datei ist unverändert.")
    if code == errno.ENOENT and stage == "create":
        return f"Der Ordner „{folder}“ existiert nicht. Bitte wählen Sie einen anderen Speicherort."
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EBUSY):
        if stage == "create":
            return (f"Keine Schreibberechtigung im Ordner „{folder}“. "
                    "Bitte wählen Sie einen anderen Speicherort.")
        return (f"„{target.name}“ kann nicht überschrieben werden: Die Datei ist vermutlich in einem anderen "
                "Programm (z. B. Word oder einem PDF-Betrachter) geöffnet oder schreibgeschützt. Bitte schließen "
                "Sie sie dort oder wählen Sie einen anderen Dateinamen. Die bisherige Datei ist unverändert.")
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return f"„{target.name}“ ist ein Ordner. Bitte wählen Sie einen Dateinamen."
    detail = exc.strerror or type(exc).__name__
    return (f"„{target.name}“ konnte nicht gespeichert werden (Systemmeldung: {detail}). "
            "Die bisherige Datei ist unverändert.")


def _fail(exc: OSError, target: Path, stage: str) -> WriteError:
    return WriteError(exc.errno or errno.EIO, german_reason(exc, target, stage), str(target))


def _umask() -> int:
    if os.name != "posix":
        return 0o022
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _umask()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_backup(target: Path) -> None:
    """Copy the current target to ``<name>.bak`` (atomically). Best effort: never blocks saving."""
    try:
        data = target.read_bytes()
    except OSError:
        return
    try:
        atomic_write_bytes(backup_path(target), data)
    except OSError:
        pass


@contextmanager
def atomic_target(target: Path | str, backup: bool = False) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    Raises ``WriteError`` (German ``strerror``) if the temp file cannot be created, written,
    synced or moved into place. In every failure case ``target`` is untouched and the
    temp file is removed.
    """
    target = Path(target)
    if target.is_dir():
        raise _fail(IsADirectoryError(errno.EISDIR, "Is a directory", str(target)), target, "create")
    if target.is_file() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        # POSIX would replace a read-only file silently; Windows refuses. Refuse everywhere.
        raise WriteError(errno.EACCES, f"„{target.name}“ ist schreibgeschützt und wird nicht überschrieben. "
                         "Bitte heben Sie den Schreibschutz auf oder wählen Sie einen anderen Dateinamen. "
                         "Die bisherige Datei ist unverändert.", str(target))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _fail(exc, target, "create") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    stage = "write"
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if backup and target.is_file():
            _write_backup(target)
        stage = "replace"
        try:  # keep the old file's permissions; a new file gets the usual ones (not mkstemp's 0600)
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK)
        except OSError:
            pass
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except WriteError:
        raise
    except OSError as exc:
        raise _fail(exc, target, stage) from exc
    finally:
        try:
            if tmp.exists():
                tmp.unlink()
        except OSError:
            pass


def atomic_write_bytes(target: Path | str, data: bytes, backup: bool = False) -> None:
    with atomic_target(target, backup=backup) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()


def atomic_write_text(target: Path | str, text: str, backup: bool = False) -> None:
    atomic_write_bytes(target, text.encode("utf-8"), backup=backup)
