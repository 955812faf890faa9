"""Regenerate the screenshots in docs/screenshots/ (1366×768, German UI).

    QT_QPA_PLATFORM=offscreen python -m desktop.screenshots [OUTPUT_DIR]

Uses a temporary config dir, the bundled example and a fresh concept; never touches
the user's settings. The whole-screen pictures (``*-1366x768-*``, ``*-1024x768-*``) come from
a program started on an offscreen screen of exactly that size, as a clerk's laptop shows it.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _wait(app, seconds: float, until=None):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.01)


SCREENS = ((14, 1366, 768), (16, 1024, 768))  # first picture number, screen size


def screen_shots(out: Path, number: int, width: int, height: int) -> None:
    """Start the program on a ``width``×``height`` screen: it opens as it would for a clerk there."""
    from .app import create_app
    from .main_window import MainWindow
    from .settings import Settings

    app = create_app()
    window = MainWindow(Settings())
    window.show_fitted()
    _wait(app, 5, lambda: window.start.new_button.isEnabled())
    window.open_example()
    _wait(app, 1.5)
    for offset, (step, name) in enumerate((("section:zweck", "abschnitt"), ("export:", "pruefen"))):
        window.go_to(step)
        _wait(app, 1.0)
        path = out / f"{number + offset}-{width}x{height}-{name}.png"
        window.grab().save(str(path))
        print(path)
    window.session.modified = False
    window.close()


def _on_screen(out: Path, number: int, width: int, height: int) -> None:
    import json
    import subprocess

    folder = Path(tempfile.mkdtemp(prefix="konzept-screen-"))
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", KONZEPTASSISTENT_CONFIG_DIR=str(folder))
    subprocess.run([sys.executable, "-m", "desktop.screenshots", "--screen", str(out), str(number), str(width),
                    str(height)], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--screen"]:
        screen_shots(Path(argv[1]), *(int(a) for a in argv[2:5]))
        return 0
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("KONZEPTASSISTENT_CONFIG_DIR", tempfile.mkdtemp(prefix="konzept-shots-"))
    from PySide6.QtCore import QDate

    from .app import create_app
    from .main_window import MainWindow
    from .settings import Settings

    app = create_app()
    settings = Settings()
    settings.data["recent_files"] = ["/home/presse/Dokumente/Social-Media-Nutzungskonzept Gemeinde Musterstadt.konzept"]
    window = MainWindow(settings)
    window.setFixedSize(1366, 768)
    window.show()
    _wait(app, 5, lambda: window.start.new_button.isEnabled())
    _wait(app, 0.2)

    def shot(name: str, widget=None):
        _wait(app, 0.3)
        (widget or window).grab().save(str(out / name))
        print(out / name)

    def settle_preview(previous: int):
        _wait(app, 6, lambda: window.preview.render_count > previous)
        _wait(app, 0.6)

    shot("01-start.png")

    window.open_example()
    settle_preview(0)
    names = {"verwaltung": "02-verwaltung.png", "zustaendigkeit": "03-zustaendigkeit.png",
             "kanaele": "04-kanaele.png", "konzept": "05-konzept.png"}
    for step in window.session.definition.steps:
        window.go_to(f"questions:{step.id}")
        shot(names.get(step.id, f"0x-{step.id}.png"))
    window.go_to("outline:")
    shot("06-aufbau-und-stil.png")
    window.go_to("section:zweck")
    _wait(app, 1.0)
    shot("07-abschnitt.png")

    from .dialogs import DesignDialog, VariantCompareDialog

    page = window.current_page()
    assembler = window.session.assembler()
    variants = [(s, *assembler.render_variant("zweck", s.id)) for s in window.session.definition.styles.values()]
    dialog = VariantCompareDialog(page.section.title, variants, window.session.project.style, window)
    dialog.resize(1300, 700)
    dialog.show()
    shot("08-varianten-vergleichen.png", dialog)
    dialog.close()

    window.go_to("export:")
    shot("09-pruefen-und-exportieren.png")
    dialog = DesignDialog(window.session.project.design, "", window)
    dialog.show()
    shot("10-gestaltung.png", dialog)
    dialog.close()
    # the fachliche Prüfung with findings: an outdated norm in an edited text, a section removed
    count = window.preview.render_count
    window.session.set_section_text("zweck", "", "Wir beachten § 5 TMG und die DSGVO.")
    window.session.remove_section("alternativen")
    window.go_to("export:")
    settle_preview(count)
    shot("13-fachliche-pruefung.png")

    # a fresh concept: what the clerk sees at the beginning, with marks for missing values
    window.session.modified = False
    window.new_project("sassenberg")
    count = window.preview.render_count
    page = window.current_page()
    page.editors["verwaltung.name"].edit.setText("Musterstadt")
    page.editors["verwaltung.name"]._emit()
    settle_preview(count)
    window.update_states()
    shot("11-neues-konzept.png")
    window.go_to("export:")
    shot("12-fehlende-angaben.png")
    window.session.modified = False
    window.close()
    for number, width, height in SCREENS:
        _on_screen(out, number, width, height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
