"""Small persistent settings (recent files, last folder) as JSON in the config dir.

The directory is ``$KONZEPTASSISTENT_CONFIG_DIR`` if set (tests redirect it there),
else ``platformdirs.user_config_dir("Konzeptassistent")``. No Qt here.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "KONZEPTASSISTENT_CONFIG_DIR"
MAX_RECENT = 8


def config_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("Konzeptassistent", appauthor=False))


class Settings:
    """Reads once, writes on every change (atomically). Never raises on bad files."""

    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory) if directory else config_dir()
        self.path = self.directory / "einstellungen.json"
        self.data: dict = {}
        try:
            text = self.path.read_text(encoding="utf-8")
            import json  # here: on a first start there is nothing to parse, and importing it takes 2 ms

            data = json.loads(text)
            if isinstance(data, dict):
                self.data = data
        except (OSError, ValueError):
            self.data = {}

    def save(self) -> None:
        import json

        from wizards.atomic import PRIVATE_MODE, atomic_write_text

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps(self.data, ensure_ascii=False, indent=2), mode=PRIVATE_MODE)
        except OSError:
            pass  # settings are a convenience; never block the clerk's work

    # ------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        files = self.data.get("recent_files", [])
        return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []

    def add_recent(self, path: Path | str) -> None:
        path = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != path]
        self.data["recent_files"] = [path, *files][:MAX_RECENT]
        self.save()

    def remove_recent(self, path: Path | str) -> None:
        self.data["recent_files"] = [f for f in self.recent_files() if f != str(path)]
        self.save()

    # ------------------------------------------------------------ misc values

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def set(self, key: str, value) -> None:
        self.data[key] = value
        self.save()

    def last_dir(self) -> str:
        value = self.data.get("last_dir", "")
        return value if isinstance(value, str) and value and Path(value).is_dir() else str(Path.home())
