"""Atomic file writes: a temp file in the target folder, then an atomic replace.

If anything fails, the previous file stays as it was and no half-written file remains.
Failures raise ``WriteError`` (an ``OSError``) whose ``strerror`` is a German sentence
that tells the clerk what happened and what to do — a file open in Word (Windows:
``os.replace`` raises ``PermissionError``), a read-only folder, a full disk.

``backup=True`` keeps earlier versions beside the target: ``<name>.bak`` is the version
before the last save (e.g. ``Konzept.konzept.bak``); older ones move to dated copies
``<name>.<JJJJ-MM-TT_hh-mm-ss>.bak`` (the time that version was saved), the newest
``KEEP_DATED_BACKUPS`` are kept. A save that changes nothing rotates nothing; a backup
that cannot be written fails the save (the target stays as it was).

``follow_symlinks=True`` writes through a symbolic link to its target instead of
replacing the link (a shared project opened through a link). ``mode`` sets the file's
permission bits (``0o600``: readable by the user only). Temporary files this module
left behind (a killed process) are removed on the next write to the same target.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

BACKUP_SUFFIX = ".bak"
KEEP_DATED_BACKUPS = 5
STALE_TEMP_SECONDS = 300  # a temp file this old is a leftover, not a write in progress


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


def dated_backups(target: Path | str) -> list[Path]:
    """The dated backups of ``target``, oldest first."""
    target = Path(target)
    pattern = re.compile(re.escape(target.name) + r"\.(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-(\d+))?"
                         + re.escape(BACKUP_SUFFIX) + "$")
    found = []
    try:
        for p in target.parent.iterdir():
            match = pattern.match(p.name)
            if match:
                found.append(((match.group(1), int(match.group(2) or 1)), p))
    except OSError:
        return []
    return [p for _key, p in sorted(found)]


def _dated_name(target: Path, when: float) -> Path:
    stamp = time.strftime("%Y-%m-%d_%H-%M-%S", time.localtime(when))
    candidate = target.with_name(f"{target.name}.{stamp}{BACKUP_SUFFIX}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{target.name}.{stamp}-{n}{BACKUP_SUFFIX}")
    return candidate


def _backup_failed(target: Path, exc: OSError) -> WriteError:
    reason = german_reason(exc, backup_path(target), "create").split(" Die bisherige Datei")[0]
    return WriteError(exc.errno or errno.EIO, f"Die Sicherungskopie von „{target.name}“ konnte nicht angelegt werden, "
                      f"deshalb wurde nicht gespeichert ({reason.rstrip('.')}). Die bisherige Datei ist unverändert.",
                      str(target))


def _write_backup(target: Path, current: bytes) -> None:
    """Keep ``current`` (the target's content before this save) as ``<name>.bak``.

    The previous ``.bak`` moves to a dated copy first. Raises ``WriteError`` when the new
    backup cannot be written, so the save fails instead of losing the previous version.
    """
    bak = backup_path(target)
    try:
        if bak.is_file() and not bak.is_symlink():
            if bak.read_bytes() == current:
                return
            os.replace(bak, _dated_name(target, bak.stat().st_mtime))
        atomic_write_bytes(bak, current)
        saved_at = target.stat().st_mtime  # the backup keeps the time its version was saved
        os.utime(bak, (saved_at, saved_at))
    except OSError as exc:
        raise _backup_failed(target, exc) from exc
    for old in dated_backups(target)[:-KEEP_DATED_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass


def remove_stale_temp_files(target: Path | str, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temp files an earlier, killed write to ``target`` left behind; return them.

    Only regular files named exactly like this module's temp files for this target, and
    only when they are older than ``older_than`` seconds (a running write is younger).
    """
    target = Path(target)
    pattern = re.compile(re.escape("." + target.name[:80] + ".") + r"[A-Za-z0-9_]{8}\.tmp$")
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent if str(target.parent) else "."))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _resolve_link(target: Path) -> Path:
    """The file a symbolic link points to (through chains of links); ``target`` itself otherwise."""
    if not target.is_symlink():
        return target
    resolved = Path(os.path.realpath(target))
    if resolved.is_symlink() or resolved == target:  # a loop: realpath gives up
        raise WriteError(errno.ELOOP, f"„{target.name}“ ist eine Verknüpfung, die auf sich selbst zeigt. "
                         "Bitte wählen Sie einen anderen Dateinamen.", str(target))
    return resolved


@dataclass(frozen=True)
class FileFingerprint:
    """What a file looked like when it was opened or saved: to notice changes by others.

    ``changed_on_disk`` compares the content hash, so a copy that only touched the
    modification time does not count as a change; a missing file does.
    """

    path: str
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path | str) -> "FileFingerprint | None":
        """The fingerprint of ``path`` now, or None if it cannot be read."""
        path = Path(path)
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                return None
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return cls(str(path), st.st_size, st.st_mtime_ns, digest.hexdigest())

    def changed_on_disk(self) -> bool:
        now = FileFingerprint.of(self.path)
        if now is None:
            return True
        if (now.size, now.mtime_ns) == (self.size, self.mtime_ns):
            return False
        return now.sha256 != self.sha256


def modified_after(path: Path | str, when: float) -> bool:
    """Whether ``path`` exists and was last modified after ``when`` (seconds since the epoch).

    For a recovery file written at ``when``: a newer saved project must not be overwritten
    without asking.
    """
    try:
        return Path(path).stat().st_mtime > when
    except OSError:
        return False


@contextmanager
def atomic_target(target: Path | str, backup: bool = False, *, follow_symlinks: bool = False,
                  mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    Raises ``WriteError`` (German ``strerror``) if the temp file cannot be created, written,
    synced or moved into place, or (``backup=True``) if the backup cannot be written. In
    every failure case ``target`` is untouched and the temp file is removed.
    """
    target = Path(target)
    if follow_symlinks:
        target = _resolve_link(target)
    remove_stale_temp_files(target)
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
            current = target.read_bytes()
            if tmp.stat().st_size != len(current) or tmp.read_bytes() != current:
                _write_backup(target, current)  # unchanged content: keep the backups as they are
        stage = "replace"
        if mode is not None:
            os.chmod(tmp, mode)
        else:
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


def atomic_write_bytes(target: Path | str, data: bytes, backup: bool = False, *, follow_symlinks: bool = False,
                       mode: int | None = None) -> None:
    with atomic_target(target, backup=backup, follow_symlinks=follow_symlinks, mode=mode) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()


def atomic_write_text(target: Path | str, text: str, backup: bool = False, *, follow_symlinks: bool = False,
                      mode: int | None = None) -> None:
    atomic_write_bytes(target, text.encode("utf-8"), backup=backup, follow_symlinks=follow_symlinks, mode=mode)


PRIVATE_MODE = 0o600  # autosave and settings: the clerk's data, readable by the user only


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


PROTECTED_SUFFIXES = (".konzept", ".bak")


def checked_output_paths(targets: dict[str, str | None], inputs: list[Path | str | None] = ()) -> dict[str, Path]:
    """Check the export targets a clerk named; return them as paths (only the given ones).

    ``targets`` maps a German label („das Word-Dokument“) to the path as typed. Refused with
    ``OutputPathError`` (German, one line): an empty name, ``-``, a name ending in a folder
    separator, a project or backup file (``.konzept``/``.bak``), any of ``inputs`` (the
    project, the other version, the letterhead, the logo), and the same file named twice.
    """
    from .errors import OutputPathError

    checked: dict[str, Path] = {}
    for label, raw in targets.items():
        if raw is None:
            continue
        if not raw.strip():
            raise OutputPathError(f"Für {label} fehlt der Dateiname.")
        if raw.strip() == "-":
            raise OutputPathError(f"„-“ ist kein Dateiname; bitte für {label} eine Datei angeben.")
        if raw.endswith(("/", os.sep)) or (os.altsep and raw.endswith(os.altsep)):
            raise OutputPathError(f"„{raw}“ ist ein Ordnername; bitte für {label} einen Dateinamen angeben.")
        path = Path(raw)
        if path.suffix.lower() in PROTECTED_SUFFIXES or path.name.lower().endswith(PROTECTED_SUFFIXES):
            raise OutputPathError(f"„{path.name}“ ist eine Projekt- oder Sicherungsdatei und wird nicht überschrieben; "
                                  f"bitte für {label} einen anderen Dateinamen wählen.")
        for source in inputs:
            if source and _same_file(path, Path(source)):
                raise OutputPathError(f"„{path.name}“ ist eine der Eingabedateien und wird nicht überschrieben; "
                                      f"bitte für {label} einen anderen Dateinamen wählen.")
        for other_label, other in checked.items():
            if _same_file(path, other):
                raise OutputPathError(f"{other_label[0].upper()}{other_label[1:]} und {label} sollen in dieselbe Datei "
                                      f"„{path.name}“ geschrieben werden; bitte zwei verschiedene Namen wählen.")
        checked[label] = path
    return checked
