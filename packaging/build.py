"""Build the double-click program folder, check it, zip it.  (``make package``)

    python packaging/build.py [--clean] [--no-zip]

1. icons: ``resources/icons/app.png`` / ``app.ico`` from ``app.svg`` if missing or older;
2. PyInstaller with ``packaging/konzeptassistent.spec`` → ``dist/Konzeptassistent/``;
3. checks of the *frozen* program (isolated HOME and config dir):
   a. ``--smoke-test`` (loads every wizard, exports the example through every writer,
      checks the German translator) – if the desktop package has no smoke test yet,
      this is reported as SKIPPED and only the core check (b) runs;
   b. the headless CLI inside the bundle: ``example`` + ``export --docx --pdf``;
   c. (Linux) a real start with the example on an X server (Xvfb, xcb) or offscreen:
      the window must stay up for a few seconds;
   every check fails on a non-zero exit code *and* on unexpected output on stderr;
4. zips the folder to ``dist/Konzeptassistent-<version>-<platform>.zip``.

Works the same on Windows (run it there with the Windows Python; see packaging/README.md).
Exit code 0 only if everything passed.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "konzeptassistent.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP = "Konzeptassistent"
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")

# stderr lines that are not a problem (Qt chatter on headless machines); everything else fails.
ALLOWED_STDERR = [
    re.compile(r"^QStandardPaths: XDG_RUNTIME_DIR not set"),
    re.compile(r"^QStandardPaths: runtime directory .* is not owned"),
    re.compile(r"^qt\.qpa\.xcb: X server does not support XInput 2"),
    re.compile(r"^qt\.qpa\.xcb: XKeyboard extension not present on the X server"),
    re.compile(r"^This plugin does not support propagateSizeHints\(\)"),
    re.compile(r"^Hinweis: "),  # the CLI's German notes (missing answers of the example, …)
]

sys.path.insert(0, str(ROOT))


def log(msg: str) -> None:
    print(f"[package] {msg}", flush=True)


def folder_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


# ------------------------------------------------------------------ steps

def ensure_icons() -> None:
    icons = ROOT / "resources" / "icons"
    svg, png, ico = icons / "app.svg", icons / "app.png", icons / "app.ico"
    newest_source = max((p.stat().st_mtime for p in (svg, PACKAGING / "make_icons.py") if p.exists()), default=0)
    if not png.exists() or not ico.exists() or min(png.stat().st_mtime, ico.stat().st_mtime) < newest_source:
        log("Icons erzeugen (packaging/make_icons.py)")
        subprocess.run([sys.executable, str(PACKAGING / "make_icons.py")], check=True, cwd=ROOT)


def run_pyinstaller(clean: bool) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        cmd.insert(3, "--clean")
    log("PyInstaller: " + " ".join(cmd[2:]))
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)
    noise = [line for line in result.stderr.splitlines() if line.strip()]
    for line in noise[-40:]:
        print("    " + line)
    if result.returncode != 0:
        raise SystemExit(f"PyInstaller fehlgeschlagen (Code {result.returncode})")
    folder = DIST / APP
    log(f"gebaut in {time.perf_counter() - started:.0f} s: {folder} ({mb(folder_size(folder))})")
    return folder


def add_platform_files(folder: Path) -> None:
    """Linux: launcher file, icon and a per-user installer next to the program."""
    if not LINUX:
        return
    shutil.copy2(PACKAGING / "konzeptassistent.desktop", folder / "konzeptassistent.desktop")
    shutil.copy2(ROOT / "resources" / "icons" / "app.png", folder / "konzeptassistent.png")
    target = folder / "install-linux.sh"
    shutil.copy2(PACKAGING / "install-linux.sh", target)
    target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def executable(folder: Path) -> Path:
    return folder / (APP + ".exe" if WINDOWS else APP)


def _utf8_locale() -> str:
    """A UTF-8 locale that exists here (an office PC has one; a build server may only know C.UTF-8)."""
    if not LINUX:
        return "de_DE.UTF-8"
    try:
        known = subprocess.run(["locale", "-a"], text=True, capture_output=True).stdout.lower().split()
    except OSError:
        known = []
    for name in ("de_DE.UTF-8", "C.UTF-8"):
        if name.lower().replace("-", "") in {k.replace("-", "") for k in known}:
            return name
    return "C.UTF-8"


def _env(home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "LC_", "LANG"))}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), XDG_CONFIG_HOME=str(home / ".config"),
               KONZEPTASSISTENT_CONFIG_DIR=str(home / "config"), LANG=_utf8_locale())
    env.update(extra)
    return env


def unexpected(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR)]


class Checks:
    def __init__(self, exe: Path, home: Path):
        self.exe, self.home = exe, home
        self.results: list[tuple[str, str, str]] = []  # name, OK/FEHLER/ÜBERSPRUNGEN, detail

    def record(self, name: str, status: str, detail: str = "") -> None:
        self.results.append((name, status, detail))
        log(f"{status:<12} {name}{' – ' + detail if detail else ''}")

    def run(self, name: str, args: list[str], timeout: float = 180, **env) -> subprocess.CompletedProcess | None:
        started = time.perf_counter()
        try:
            result = subprocess.run([str(self.exe), *args], env=_env(self.home, **env), text=True,
                                    capture_output=True, timeout=timeout, cwd=self.home)
        except subprocess.TimeoutExpired:
            self.record(name, "FEHLER", f"Zeitüberschreitung nach {timeout:.0f} s")
            return None
        seconds = time.perf_counter() - started
        for line in (result.stdout or "").splitlines():
            print("    | " + line)
        bad = unexpected(result.stderr or "")
        for line in bad:
            print("    ! " + line)
        if result.returncode != 0:
            self.record(name, "FEHLER", f"Rückgabewert {result.returncode} ({seconds:.1f} s)")
        elif bad:
            self.record(name, "FEHLER", f"unerwartete Ausgabe auf stderr ({len(bad)} Zeilen)")
        else:
            self.record(name, "OK", f"{seconds:.1f} s")
            return result
        return None

    @property
    def ok(self) -> bool:
        return all(status != "FEHLER" for _, status, _ in self.results)


def smoke_available() -> bool:
    return (ROOT / "desktop" / "smoke.py").is_file()


def check_gui_smoke(checks: Checks) -> None:
    if not smoke_available():
        checks.record("GUI-Smoke-Test (--smoke-test)", "ÜBERSPRUNGEN",
                      "desktop/smoke.py fehlt noch – nur der Kern wurde geprüft")
        return
    checks.run("GUI-Smoke-Test (--smoke-test)", ["--smoke-test"], QT_QPA_PLATFORM="offscreen")


def check_cli(checks: Checks) -> None:
    """The core inside the bundle: definitions and data found, both writers work."""
    work = checks.home / "cli"
    work.mkdir(exist_ok=True)
    project = work / "beispiel.konzept"
    if checks.run("Kern im Paket: Beispiel schreiben (CLI)",
                  ["example", "--style", "sassenberg", "--out", str(project)]) is None:
        return
    docx, pdf = work / "konzept.docx", work / "konzept.pdf"
    if checks.run("Kern im Paket: DOCX und PDF exportieren (CLI)",
                  ["export", str(project), "--docx", str(docx), "--pdf", str(pdf)]) is None:
        return
    sizes = {p.name: p.stat().st_size if p.exists() else 0 for p in (docx, pdf)}
    if min(sizes.values()) < 2000 or not pdf.read_bytes().startswith(b"%PDF") or not docx.read_bytes().startswith(b"PK"):
        checks.record("Kern im Paket: Dateien prüfen", "FEHLER", f"Größen {sizes}")
    else:
        checks.record("Kern im Paket: Dateien prüfen", "OK", ", ".join(f"{k} {v // 1024} KB" for k, v in sizes.items()))


def _start_xvfb() -> tuple[subprocess.Popen | None, str]:
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        return None, ""
    for number in range(91, 110):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return proc, f":{number}"
            if proc.poll() is not None:
                break
            time.sleep(0.1)
        proc.terminate()
        proc.wait()
    return None, ""


def check_gui_start(checks: Checks, seconds: float = 6.0) -> None:
    """Start the real program with the example; it must still run after a few seconds."""
    if WINDOWS:
        checks.record("Programmstart mit Beispiel", "ÜBERSPRUNGEN", "unter Windows bitte einmal per Doppelklick prüfen")
        return
    xvfb, display = _start_xvfb() if LINUX else (None, "")
    env = dict(QT_QPA_PLATFORM="xcb", DISPLAY=display) if xvfb else dict(QT_QPA_PLATFORM="offscreen")
    where = f"Xvfb {display}, xcb" if xvfb else "offscreen (kein Xvfb)"
    name = f"Programmstart mit Beispiel ({where})"
    try:
        proc = subprocess.Popen([str(checks.exe), "--example"], env=_env(checks.home, **env), cwd=checks.home,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = proc.communicate(timeout=seconds)
            checks.record(name, "FEHLER", f"Programm endete nach weniger als {seconds:.0f} s (Code {proc.returncode})")
            for line in (err or "").splitlines()[-20:]:
                print("    ! " + line)
            return
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            try:
                out, err = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
        bad = unexpected(err or "")
        for line in bad:
            print("    ! " + line)
        if bad:
            checks.record(name, "FEHLER", f"unerwartete Ausgabe auf stderr ({len(bad)} Zeilen)")
        else:
            checks.record(name, "OK", f"läuft nach {seconds:.0f} s")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()


def make_zip(folder: Path, version: str) -> Path:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    target = DIST / f"{APP}-{version}-{system}-{platform.machine().lower()}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            arcname = f"{APP}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink():  # keep Linux library symlinks as symlinks (unzip restores them)
                info = zipfile.ZipInfo(arcname)
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_dir():
                continue
            else:
                zf.write(path, arcname)
    os.replace(tmp, target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description="Programmordner bauen, prüfen und zippen.")
    parser.add_argument("--clean", action="store_true", help="PyInstaller-Cache verwerfen (langsamer)")
    parser.add_argument("--no-zip", action="store_true", help="kein ZIP erzeugen")
    args = parser.parse_args()
    from wizards import __version__

    started = time.perf_counter()
    ensure_icons()
    folder = run_pyinstaller(args.clean)
    add_platform_files(folder)
    exe = executable(folder)
    if not exe.is_file():
        raise SystemExit(f"{exe} fehlt nach dem Bau")
    with tempfile.TemporaryDirectory(prefix="konzept-package-") as home:
        checks = Checks(exe, Path(home))
        check_gui_smoke(checks)
        check_cli(checks)
        check_gui_start(checks)
    if not checks.ok:
        log("PRÜFUNG FEHLGESCHLAGEN – kein ZIP erzeugt.")
        return 1
    size = folder_size(folder)
    summary = f"Ordner {folder.relative_to(ROOT)}: {mb(size)}"
    if not args.no_zip:
        archive = make_zip(folder, __version__)
        summary += f"; ZIP {archive.relative_to(ROOT)}: {mb(archive.stat().st_size)}"
    skipped = [name for name, status, _ in checks.results if status == "ÜBERSPRUNGEN"]
    log(summary)
    if skipped:
        log("ÜBERSPRUNGEN: " + "; ".join(skipped))
    log(f"Alles in Ordnung ({time.perf_counter() - started:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
