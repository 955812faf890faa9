"""Cache of strictly validated wizard definitions, keyed by the content of their files.

Validating a definition (Jinja2 parse and name check of every template) costs far more
than using it. ``load_definition`` therefore keeps the validated definition, together with
the compiled Python code of every template and condition, in the user's cache folder.

The key is a SHA-256 over everything that decides the result: the bytes of every file in
the definition folder and in the reference-data folder, the code of the loader itself and
the Python and Jinja2 versions. An edited definition therefore has another key and is
validated again, with the same error message as ever. A cache entry is used only if the
key stored inside it equals the key just computed; anything unreadable is ignored.
Entries are written atomically; only successfully validated definitions are stored.

The same folder keeps other derived data under the same rules (``read_entry``/``write_entry``),
e.g. the parsed TrueType fonts of the PDF writer.

``$KONZEPTASSISTENT_CACHE_DIR`` overrides the folder (``off`` disables the cache).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

ENV_VAR = "KONZEPTASSISTENT_CACHE_DIR"
FORMAT = 1  # raise when the layout of an entry changes
KEEP = 3  # entries per kind: e.g. an edited definition and the bundled one, or two installed versions
# The modules whose code decides what a validated definition looks like.
_CODE_MODULES = ("loader.py", "schema.py", "templating.py", "errors.py", "definition_cache.py", "legal_data.py",
                 "documents.py")
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    override = os.environ.get(ENV_VAR)
    if override:
        return None if override.lower() == "off" else Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Konzeptassistent" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Konzeptassistent"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "konzeptassistent"


def _code_fingerprint(digest) -> None:
    """The Python version, our loader's sources and Jinja2's (its version line; not imported here)."""
    import importlib.util

    digest.update(f"{FORMAT}|{sys.implementation.cache_tag}|{sys.version}|".encode())
    try:
        jinja2 = Path(importlib.util.find_spec("jinja2").origin)
        for path in [_PACKAGE / name for name in _CODE_MODULES] + [jinja2]:
            digest.update(path.read_bytes())
    except (OSError, TypeError, AttributeError):
        # Frozen program: no sources, the code lives in the executable; a rebuild changes it.
        from . import __version__

        stat = Path(sys.executable).stat()
        digest.update(f"{__version__}|{stat.st_size}|{stat.st_mtime_ns}".encode())


def _files(folder: Path):
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith((".", "__pycache__")) for part in relative.parts):
            yield relative.as_posix(), path


def content_key(folders: list[Path]) -> str:
    """SHA-256 over the loader's code and the name and bytes of every file in ``folders``."""
    digest = hashlib.sha256()
    _code_fingerprint(digest)
    for index, folder in enumerate(folders):
        for name, path in _files(folder):
            data = path.read_bytes()
            digest.update(f"{index}|{name}|{len(data)}|".encode())
            digest.update(data)
    return digest.hexdigest()


def file_key(path: Path) -> str:
    """SHA-256 over the loader's code and the bytes of one file (e.g. the list of documents)."""
    digest = hashlib.sha256()
    _code_fingerprint(digest)
    digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry_path(directory: Path, kind: str, key: str) -> Path:
    return directory / f"{kind}-{key[:40]}.pickle"


def read_entry(kind: str, key: str):
    """The payload stored for this kind and key, or None (also for anything unreadable)."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        entry = pickle.loads(_entry_path(directory, kind, key).read_bytes())
        if entry["key"] != key:  # never trust an entry made for other content
            return None
        return entry["payload"]
    except Exception:  # noqa: BLE001 - missing, truncated or foreign file: compute instead
        return None


def write_entry(kind: str, key: str, payload) -> None:
    """Write the entry atomically; keep only the ``KEEP`` newest of this kind. Never raises."""
    directory = cache_dir()
    if directory is None:
        return
    from .atomic import atomic_write_bytes

    target = _entry_path(directory, kind, key)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, pickle.dumps({"key": key, "payload": payload}, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
        pass


def load(wizard_id: str, key: str):
    """(definition, compiled code by source) for this key, or None."""
    return read_entry(f"definition-{wizard_id}", key)


def store(wizard_id: str, key: str, definition, code: dict) -> None:
    write_entry(f"definition-{wizard_id}", key, (definition, code))
