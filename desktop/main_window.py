"""The main window: start screen, or the wizard (step list | page | live preview)."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6 import QtWidgets  # QMessageBox, QFileDialog: their classes load when first used
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QHBoxLayout, QLabel, QMainWindow, QMenu, QPushButton, QSplitter, QStackedWidget,
    QVBoxLayout, QWidget,
)

from wizards.errors import KonzeptError

# dialogs, session, step list, field editors and the menus' actions are imported or made where
# first used: importing them (and the many Qt classes they name) before the first paint would delay it.

APP_TITLE = "Konzeptassistent"
FILE_FILTER = "Konzept-Projekte (*.konzept)"
MAX_REMEMBERED_STEPS = 30
NARROW_WIDTH = 1200  # below this window width the preview starts hidden (it would squeeze the page)


def show_error(parent, exc: BaseException, title: str = "Fehler") -> None:
    from .dialogs import show_error as show

    show(parent, exc, title)


class _DefinitionLoader(QObject):
    """Loads the wizard definition on a thread so the first window paints at once."""

    loaded = Signal(object, str)

    def __init__(self):
        super().__init__()
        self.thread = threading.Thread(target=self._run, name="definition", daemon=True)
        self.result = None
        self.error = ""

    def _run(self):
        from wizards.loader import bundled_definition

        try:
            self.result = bundled_definition()
        except Exception as exc:  # noqa: BLE001
            from .texts import german_error_text

            self.error = german_error_text(exc)
        self.loaded.emit(self.result, self.error)


class _MenusOnFirstKey(QObject):
    """Until the menus have their actions, a key pressed in the window fills them before Qt looks up
    its shortcut, so a shortcut typed while the window appears is not lost. Qt asks the focused widget
    with a ShortcutOverride event first; a widget that does not want the key passes it up to the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            self.window.fill_menus()
        return False


class MainWindow(QMainWindow):
    def __init__(self, settings, definition=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.session: ProjectSession | None = None
        self._definition = definition
        self.pages: dict[str, QWidget] = {}
        self.current_id: str | None = None
        self.workspace: QWidget | None = None
        self.preview = None
        self.undo_bar = None  # removal.RemovalGuard, made with the first session
        self.setWindowTitle(f"{APP_TITLE}[*]")
        self.setObjectName("mainWindow")
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        from .start_screen import StartScreen

        self.start = StartScreen(settings, self.stack)  # made in its place: moving it would style it twice
        self.start.new_requested.connect(self.new_project)
        self.start.open_requested.connect(self.open_dialog)
        self.start.example_requested.connect(self.open_example)
        self.start.recent_requested.connect(lambda p: self.open_path(Path(p)))
        self.stack.addWidget(self.start)
        self._make_menus()
        self._fit_to_screen()
        self.state_timer = QTimer(self)
        self.state_timer.setSingleShot(True)
        self.state_timer.setInterval(500)
        self.state_timer.timeout.connect(self.update_states)
        self._recovery = None
        self._painted = False
        self._after_paint: list = []
        if definition is not None:
            self.start.set_definition(definition)
            self.fill_menus()  # with the definition at hand, everything is built at once
            self.edit_menu  # noqa: B018
        else:
            # started after the first paint, so loading YAML does not delay the window
            self._loader = _DefinitionLoader()
            self._loader.loaded.connect(self._definition_loaded, Qt.ConnectionType.QueuedConnection)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._first_painted)

    def _first_painted(self) -> None:
        """Right after the window is on screen: load the definition, fill the menus, then what waited
        for the window."""
        if getattr(self, "_loader", None) is not None:
            self._start_loader()
        self.fill_menus()
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            callback()

    def after_first_paint(self, callback) -> None:
        """Call ``callback`` once the window has been painted (at once, queued, if it has)."""
        if self._painted:
            QTimer.singleShot(0, callback)
        else:
            self._after_paint.append(callback)

    def _start_loader(self):
        """Start loading the definition once (after the first paint, or when first needed)."""
        if self._loader.thread.ident is None:
            self._loader.thread.start()

    @property
    def recovery(self):
        """Autosave and crash recovery (issue 5); made after the first paint or when first needed."""
        if self._recovery is None:
            from .recovery import RecoveryManager

            self._recovery = RecoveryManager(self)
        return self._recovery

    @property
    def edit_menu(self):
        """The „Bearbeiten“ menu's actions (undo, clipboard, find and replace, spelling); made after the
        definition has loaded, or when first needed (the menu opened, a test, a page)."""
        if self._edit_menu is None:
            from .edit_menu import EditMenu

            self._edit_menu = EditMenu(self, self._edit_placeholder)
        return self._edit_menu

    # ------------------------------------------------------------ setup

    def available_area(self) -> QRect:
        """The screen area a window may use: the screen without taskbar and docks."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)

    def _fit_to_screen(self):
        from .placement import placement

        rect, self._maximise = placement(self.available_area(), self.settings.get("window"))
        self.setGeometry(rect)

    def show_fitted(self) -> None:
        """Show the window with the size and state chosen by ``_fit_to_screen``."""
        if self._maximise:
            self.showMaximized()
        else:
            self.show()

    def _remember_geometry(self) -> None:
        from .placement import remembered

        self.settings.set("window", remembered(self))

    def _action(self, text, slot, shortcut=None, tip=""):
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_menus(self):
        """The menu bar with its four menus as the clerk sees it; their actions come right after the first
        paint (``fill_menus``), or at once when a menu opens or a key is pressed before that."""
        bar = self.menuBar()
        self._file_menu = bar.addMenu("&Datei")
        # „Bearbeiten“: its actions come after the definition (``edit_menu``)
        self._edit_placeholder = bar.addMenu("&Bearbeiten")
        self._edit_placeholder.aboutToShow.connect(lambda: self.edit_menu)
        self._view_menu = bar.addMenu("&Ansicht")
        self._help_menu = bar.addMenu("&Hilfe")
        self._edit_menu = None
        self._menus_filled = False
        for menu in (self._file_menu, self._view_menu, self._help_menu):
            menu.aboutToShow.connect(self.fill_menus)
        self._key_guard = _MenusOnFirstKey(self)
        self.installEventFilter(self._key_guard)

    def fill_menus(self):
        """The actions of „Datei“, „Ansicht“ and „Hilfe“ (once)."""
        if self._menus_filled:
            return
        self._menus_filled = True
        self.removeEventFilter(self._key_guard)
        from PySide6.QtGui import QKeySequence

        file_menu, view, help_menu = self._file_menu, self._view_menu, self._help_menu
        self.act_new = self._action("&Neues Konzept …", self.show_start, QKeySequence.StandardKey.New,
                                    "Zur Startseite, um ein neues Konzept zu beginnen")
        self.act_open = self._action("Ö&ffnen …", self.open_dialog, QKeySequence.StandardKey.Open,
                                     "Eine Projektdatei öffnen")
        self.act_example = self._action("&Beispiel öffnen", self.open_example, None,
                                        "Das Beispiel der Gemeinde Musterstadt öffnen")
        self.act_save = self._action("&Speichern", self.save, QKeySequence.StandardKey.Save, "Projekt speichern")
        self.act_save_as = self._action("Speichern &unter …", self.save_as, QKeySequence.StandardKey.SaveAs,
                                        "Projekt unter neuem Namen speichern")
        self.act_docx = self._action("Als &Word-Datei exportieren …", lambda: self.export("docx"), "Ctrl+E")
        self.act_pdf = self._action("Als &PDF exportieren …", lambda: self.export("pdf"), "Ctrl+Shift+E")
        self.act_print = self._action("&Drucken …", self.print_concept, QKeySequence.StandardKey.Print,
                                      "Das Konzept so drucken, wie es als PDF aussieht")
        self.act_design = self._action("&Gestaltung …", self.edit_design)
        self.act_compare = self._action("Mit früherer Fassung &vergleichen …", self.compare_with_previous, None,
                                        "Für die jährliche Überprüfung: Änderungen gegenüber einer früheren "
                                        "Projektdatei als PDF für den Rat")
        self.act_quit = self._action("&Beenden", self.close, "Ctrl+Q")  # Windows has no standard key for it
        for a in (self.act_new, self.act_open, self.act_example):
            file_menu.addAction(a)
        self.recent_menu = file_menu.addMenu("&Zuletzt verwendet")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for a in (self.act_save, self.act_save_as):
            file_menu.addAction(a)
        file_menu.addSeparator()
        for a in (self.act_docx, self.act_pdf, self.act_print, self.act_design, self.act_compare):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.act_preview = self._action("&Vorschau anzeigen", self._toggle_preview, "F9",
                                        "Die Vorschau des PDF ein- oder ausblenden")
        self.act_preview.setCheckable(True)
        self.act_preview.setChecked(self.settings.get("preview_visible") is not False)
        self.act_prev = self._action("Vorheriger Schritt", self.go_previous, "Alt+Left")
        self.act_next = self._action("Nächster Schritt", self.go_next, "Alt+Right")
        for a in (self.act_preview, self.act_prev, self.act_next):
            view.addAction(a)
        self.act_help = self._action("&Hilfe zu dieser Seite", self.show_help, QKeySequence.StandardKey.HelpContents,
                                     "Das Handbuch an der Stelle öffnen, die zur aktuellen Seite passt")
        self.act_handbook = self._action("Hand&buch", lambda: self.show_help("Handbuch zum Konzeptassistenten"))
        self.act_shortcuts = self._action("&Tastenkürzel", self.show_shortcuts)
        for a in (self.act_help, self.act_handbook, self.act_shortcuts):
            help_menu.addAction(a)
        help_menu.addSeparator()
        help_menu.addAction(self._action("&Rechtsdaten aktualisieren …", self._legal_data))
        help_menu.addAction(self._action("Über den &Konzeptassistenten", self._about))
        self._update_actions()

    def _update_actions(self):
        self.fill_menus()
        has = self.session is not None
        for a in (self.act_save, self.act_save_as, self.act_docx, self.act_pdf, self.act_print, self.act_design,
                  self.act_compare, self.act_prev, self.act_next):
            a.setEnabled(has)

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        files = self.settings.recent_files()
        if not files:
            a = self.recent_menu.addAction("(keine)")
            a.setEnabled(False)
        for path in files:
            self.recent_menu.addAction(path, lambda p=path: self.open_path(Path(p)))

    def show_help(self, heading: str = "") -> None:
        """The handbook, at ``heading`` or at the part about the page shown (F1)."""
        from .help import HelpDialog, topic_for

        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(self)
        shown = self.current_id if self.session is not None else None
        self.help_dialog.show_topic(heading or topic_for(shown))
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def show_shortcuts(self) -> None:
        from .help import ShortcutsDialog

        actions = [a for menu in self.menuBar().findChildren(QMenu) for a in menu.actions()]
        ShortcutsDialog(list(dict.fromkeys(actions)), self).exec()

    def _about(self):
        from wizards import __version__, legal_data

        QtWidgets.QMessageBox.about(self, "Über den Konzeptassistenten",
                          f"Konzeptassistent {__version__}\n\nErstellt das Social-Media-Nutzungskonzept einer "
                          "öffentlichen Stelle. Arbeitet vollständig offline; Ihre Daten verlassen diesen Rechner nicht."
                          f"\n\n{legal_data.load().summary()}")

    def _legal_data(self):
        from .legal_data_dialog import LegalDataDialog

        LegalDataDialog(self._definition, self).exec()

    # ------------------------------------------------------------ definition

    def _definition_loaded(self, definition, error: str):
        if definition is None:
            QtWidgets.QMessageBox.critical(self, APP_TITLE, "Die Textbausteine konnten nicht geladen werden:\n" + error)
            return
        self._definition = definition
        self.start.set_definition(definition)
        self.edit_menu  # noqa: B018 - what the start screen does not need comes after the definition

    def definition(self):
        if self._definition is None:
            loader = getattr(self, "_loader", None)
            if loader is not None:
                self._start_loader()
                loader.thread.join()
                if loader.error:
                    raise KonzeptError(loader.error)
                self._definition = loader.result
                self.start.set_definition(self._definition)
            else:
                from wizards.loader import bundled_definition

                self._definition = bundled_definition()
        return self._definition

    # ------------------------------------------------------------ workspace

    def _build_workspace(self):
        from .preview import PreviewPane
        from .step_list import StepList

        self.fill_menus()  # the check box „Vorschau anzeigen“ follows its action
        self.workspace = QSplitter(Qt.Orientation.Horizontal, self)
        self.workspace.setObjectName("workspace")
        self.workspace.setChildrenCollapsible(False)
        self.step_list = StepList(self.workspace)
        self.step_list.setMinimumWidth(180)
        self.step_list.step_chosen.connect(self.go_to)
        center = QWidget(self.workspace)
        center.setObjectName("center")
        center.setMinimumWidth(440)  # the page never shrinks below what its buttons need
        cl = QVBoxLayout(center)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        self.page_stack = QStackedWidget(center)
        cl.addWidget(self.page_stack, 1)
        nav = QWidget(center)
        nav.setObjectName("navBar")
        nl = QHBoxLayout(nav)
        nl.setContentsMargins(12, 6, 12, 6)
        self.back_button = QPushButton("‹ Zurück", nav)
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip("Zum vorherigen Schritt (Alt+Pfeil links)")
        self.back_button.setAccessibleName("Zurück")
        self.next_button = QPushButton("Weiter ›", nav)
        self.next_button.setObjectName("nextButton")
        self.next_button.setProperty("role", "primary")
        self.next_button.setToolTip("Zum nächsten Schritt (Alt+Pfeil rechts)")
        self.next_button.setAccessibleName("Weiter")
        # a check box says what it does and shows its state (a toggle button did neither)
        self.preview_button = QCheckBox("&Vorschau anzeigen", nav)
        self.preview_button.setObjectName("previewToggle")
        self.preview_button.setToolTip("Die Vorschau des PDF rechts ein- oder ausblenden (F9)")
        self.preview_button.setAccessibleName("Vorschau anzeigen")
        if self.settings.get("preview_visible") is None and self.width() < NARROW_WIDTH:
            # a small screen: the page gets the room until the clerk asks for the preview
            self.act_preview.setChecked(False)
        self.preview_button.setChecked(self.act_preview.isChecked())
        self.preview_button.toggled.connect(self.act_preview.setChecked)
        self.preview_button.toggled.connect(lambda _on: self._toggle_preview())
        self.back_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        nl.addWidget(self.preview_button)
        nl.addStretch(1)
        nl.addWidget(self.back_button)
        nl.addWidget(self.next_button)
        QWidget.setTabOrder(self.preview_button, self.back_button)  # left to right, as the bar reads
        QWidget.setTabOrder(self.back_button, self.next_button)
        cl.addWidget(nav)
        self.preview = PreviewPane(lambda: self.session, self.workspace)
        self.workspace.addWidget(self.step_list)
        self.workspace.addWidget(center)
        self.workspace.addWidget(self.preview)
        self.workspace.setStretchFactor(0, 0)
        self.workspace.setStretchFactor(1, 3)
        self.workspace.setStretchFactor(2, 2)
        self.preview.setMinimumWidth(280)
        width = self.width()
        steps = 200 if width < NARROW_WIDTH else 220
        preview = max(300, min(470, (width - steps) * 2 // 5))
        self.workspace.setSizes([steps, max(440, width - steps - preview), preview])
        self.preview.setVisible(self.act_preview.isChecked())
        self.stack.addWidget(self.workspace)

    def _toggle_preview(self):
        on = self.act_preview.isChecked()
        self.settings.set("preview_visible", on)
        if self.preview is not None:
            self.preview.setVisible(on)
            if self.preview_button.isChecked() != on:
                self.preview_button.setChecked(on)
            if on:
                self.preview.refresh_now()

    # ------------------------------------------------------------ sessions

    def set_session(self, session: ProjectSession) -> None:
        from .step_list import build_steps

        if self.workspace is None:
            self._build_workspace()
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.release()
            self.session.deleteLater()
        for page in self.pages.values():
            self.page_stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self.current_id = None
        self.session = session
        session.setParent(self)
        session.changed.connect(self._changed)
        session.modified_changed.connect(self.setWindowModified)
        session.path_changed.connect(lambda _p: self._update_title())
        if self.undo_bar is None:
            from .removal import RemovalGuard

            self.undo_bar = RemovalGuard(self, self._refresh_page)
        self.undo_bar.attach(session)
        self.recovery.attach(session)
        self.setWindowModified(session.modified)
        self._update_title()
        self._update_actions()
        last = self._last_step(session)  # read first: showing the step list may already choose a step
        self.step_list.states = {}
        self.step_list.set_steps(build_steps(session))
        self.stack.setCurrentWidget(self.workspace)
        self.go_to(last if self.step_list.step_for(last) else self.step_list.steps[0].id)
        self.update_states()
        if self.preview.isVisible():
            self.preview.refresh_now()
        if session.notes:
            QtWidgets.QMessageBox.information(self, "Hinweise zum Projekt",
                                    "Beim Öffnen wurde das Projekt angepasst:\n\n" +
                                    "\n".join(f"• {n}" for n in session.notes))

    def _last_step(self, session) -> str:
        """The step the clerk was on when this file was last open ("" if unknown)."""
        steps = self.settings.get("last_steps", {})
        if session.path is None or not isinstance(steps, dict):
            return ""
        value = steps.get(str(Path(session.path).resolve()), "")
        return value if isinstance(value, str) else ""

    def _remember_step(self, step_id: str) -> None:
        if self.session is None or self.session.path is None:
            return
        steps = self.settings.get("last_steps", {})
        steps = dict(steps) if isinstance(steps, dict) else {}
        key = str(Path(self.session.path).resolve())
        if steps.get(key) != step_id:
            steps.pop(key, None)
            steps[key] = step_id
            self.settings.set("last_steps", dict(list(steps.items())[-MAX_REMEMBERED_STEPS:]))

    def _refresh_page(self) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh()

    def _update_title(self):
        name = self.session.display_name if self.session else ""
        self.setWindowTitle(f"{name}[*] – {APP_TITLE}" if name else f"{APP_TITLE}[*]")

    def new_project(self, style: str):
        from .session import ProjectSession

        if not self.maybe_save():
            return
        session = ProjectSession.new(self.definition(), style)
        preset = self.start.chosen_preset()
        if preset:
            from wizards.assemble import apply_preset

            apply_preset(session.definition, session.project, preset)
        self.set_session(session)

    def open_example(self):
        from .session import ProjectSession

        if not self.maybe_save():
            return
        try:
            self.set_session(ProjectSession.example(self.definition()))
        except (KonzeptError, OSError) as exc:
            show_error(self, exc, "Beispiel öffnen")

    def open_dialog(self):
        if not self.maybe_save():
            return
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Konzept öffnen", self.settings.last_dir(), FILE_FILTER)
        if path:
            self.open_path(Path(path), asked=True)

    def open_path(self, path: Path, asked: bool = False) -> bool:
        from .session import ProjectSession

        if not asked and not self.maybe_save():
            return False
        path = Path(path)
        if self.recovery.offer_restore_for(path):
            return True  # the clerk took the newer automatic backup of this file
        from .file_guard import ProjectLock, ask_locked

        lock = ProjectLock(path)
        mode = "edit" if lock.acquire() else ask_locked(self, path, lock.holder_host(), lock.held_elsewhere())
        if mode == "take_over":
            mode = "edit" if lock.take_over() else ""
        if not mode:
            return False
        try:
            session = ProjectSession.open(self.definition(), path)
        except (KonzeptError, OSError) as exc:
            lock.release()
            show_error(self, exc, "Konzept öffnen")
            if not path.exists():
                self.settings.remove_recent(path)
                self.start.refresh_recent()
            return False
        if mode == "edit":
            session.lock = lock
        elif mode == "readonly":
            session.read_only = True
        else:  # a copy: the same content, saved under a new name
            session.copy_of, session.path, session.modified = path.name, None, True
        self.settings.add_recent(path)
        self.settings.set("last_dir", str(path.resolve().parent))
        self.start.refresh_recent()
        self.set_session(session)
        return True

    def show_start(self):
        if not self.maybe_save():
            return
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.release()
            self.session = None
            self.recovery.attach(None)
        self.setWindowModified(False)
        self._update_title()
        self._update_actions()
        self.start.refresh_recent()
        self.stack.setCurrentWidget(self.start)

    # ------------------------------------------------------------ changes

    def _changed(self, kind: str):
        from .session import OUTLINE, STYLE
        from .step_list import build_steps

        if kind in (OUTLINE, STYLE):
            keys = {e.key for e in self.session.project.walk()}
            for pid in [p for p in self.pages if p.startswith("section:") and p.split(":", 1)[1] not in keys]:
                page = self.pages.pop(pid)
                self.page_stack.removeWidget(page)
                page.deleteLater()
            self.step_list.set_steps(build_steps(self.session), self.current_id)
        self.state_timer.start()  # done/missing marks follow every kind of change
        if self.preview is not None:
            self.preview.schedule()

    def update_states(self):
        """Done / missing marks in the step list – decided by ``wizards.progress``, like the check."""
        if self.session is None:
            return
        from wizards.progress import step_states

        session = self.session
        states = step_states(session.definition, session.project, session.assembler())
        self.step_list.set_states({step.id: state for step, state in states.items()})

    # ------------------------------------------------------------ navigation

    def current_page(self):
        return self.pages.get(self.current_id) if self.current_id else None

    def flush(self):
        page = self.current_page()
        if page is not None:
            page.flush()

    def go_to(self, step_id: str) -> None:
        from .pages import make_page

        step = self.step_list.step_for(step_id)
        if step is None or self.session is None:
            return
        self.flush()
        page = self.pages.get(step_id)
        if page is None:
            page = make_page(step, self.session, self)
            self._connect_page(page)
            self.pages[step_id] = page
            self.page_stack.addWidget(page)
        else:
            page.refresh()
        self.current_id = step_id
        self.page_stack.setCurrentWidget(page)
        self.step_list.select(step_id)
        row = self.step_list.currentRow()
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.step_list.count() - 1)
        if self.preview is not None:
            self.preview.set_target(page.preview_heading())
        self._remember_step(step_id)

    def _connect_page(self, page) -> None:
        """Pages say what the clerk asked for; the window does it."""
        for signal, slot in (("design_requested", self.edit_design), ("export_requested", self.export),
                             ("missing_chosen", self.jump_to_missing), ("finding_chosen", self.jump_to_finding),
                             ("section_opened", lambda key: self.go_to(f"section:{key}"))):
            if hasattr(page, signal):
                getattr(page, signal).connect(slot)

    def go_next(self):
        row = self.step_list.currentRow()
        if self.session is not None and row + 1 < len(self.step_list.steps):
            self.go_to(self.step_list.steps[row + 1].id)
            self.current_page().focus_first()

    def go_previous(self):
        row = self.step_list.currentRow()
        if self.session is not None and row > 0:
            self.go_to(self.step_list.steps[row - 1].id)
            self.current_page().focus_first()

    def go_to_target(self, target) -> None:
        """Show a ``wizards.progress.Target``: its step, with the cursor in its question."""
        self.go_to(target.step.id)
        if target.question and self.current_page() is not None and hasattr(self.current_page(), "focus_question"):
            self.current_page().focus_question(target.question)

    def jump_to_missing(self, label: str, section: str) -> None:
        """From the export page: to the question whose value is missing, else to its section."""
        from wizards.progress import target_for_missing

        session = self.session
        self.go_to_target(target_for_missing(session.definition, session.project, session.assembler(), label, section))

    def jump_to_finding(self, finding) -> None:
        """From the fachliche Prüfung: to the section or question concerned.

        A topic no section covers offers to add the catalogue section that covers it.
        """
        from wizards.progress import target_for_finding

        definition = self.session.definition
        target = target_for_finding(definition, self.session.project, finding.key, finding.kind)
        if target.add_section:
            title = definition.sections[target.add_section].title
            answer = QtWidgets.QMessageBox.question(self, "Abschnitt hinzufügen",
                                          f"Der Abschnitt „{title}“ fehlt im Konzept. Jetzt am Ende hinzufügen?")
            if answer == QtWidgets.QMessageBox.StandardButton.Yes:
                key = self.session.add_section(target.add_section)
                self.go_to(f"section:{key}")
            return
        self.go_to_target(target)

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        if self.session is None:
            return True
        if self.session.path is None or self.session.read_only:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        if self.session is None:
            return True
        from wizards.assemble import file_name_for

        self.flush()
        suggestion = self.session.path or Path(self.settings.last_dir()) / (
            file_name_for(self.session.definition, self.session.project) + ".konzept")
        if self.session.read_only:
            suggestion = suggestion.with_name(f"Kopie von {suggestion.name}")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Konzept speichern unter", str(suggestion), FILE_FILTER)
        if not path:
            return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        from wizards.project import FILE_SUFFIX

        from .file_guard import ProjectLock, ask_overwrite_newer

        self.flush()
        session = self.session
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        same = session.path is not None and path.resolve() == session.path.resolve()
        if same and session.read_only:
            return self.save_as()
        if same and session.changed_on_disk():
            choice = ask_overwrite_newer(self, path)
            if choice == "save_as":
                return self.save_as()
            if choice != "overwrite":
                return False
        lock = None
        if not (same and session.lock is not None):
            lock = ProjectLock(path)
            if not lock.acquire():
                QtWidgets.QMessageBox.warning(self, "Speichern",
                                    f"„{path.name}“ ist gerade in einem anderen Fenster des Konzeptassistenten "
                                    "geöffnet. Bitte wählen Sie einen anderen Dateinamen.")
                return False
        try:
            saved = session.save(path)
        except (KonzeptError, OSError) as exc:
            if lock is not None:
                lock.release()
            show_error(self, exc, "Speichern")
            return False
        if lock is not None:
            session.release()
            session.lock = lock
        self._update_title()
        self.settings.add_recent(saved)
        self.settings.set("last_dir", str(saved.parent))
        self._remember_step(self.current_id or "")
        self.statusBar().showMessage(f"Gespeichert: {saved}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes. False if the clerk cancelled."""
        self.flush()
        if self.session is None or not self.session.modified:
            return True
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "Ungespeicherte Änderungen",
                          f"Möchten Sie die Änderungen an „{self.session.display_name}“ speichern?",
                          QtWidgets.QMessageBox.StandardButton.Save | QtWidgets.QMessageBox.StandardButton.Discard |
                          QtWidgets.QMessageBox.StandardButton.Cancel, self)
        box.button(QtWidgets.QMessageBox.StandardButton.Save).setText("&Speichern")  # Alt+S, Alt+V as in Word
        box.button(QtWidgets.QMessageBox.StandardButton.Discard).setText("&Verwerfen")
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QtWidgets.QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QtWidgets.QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self._remember_geometry()
            if self.session is not None:
                self.session.release()
            if self._recovery is not None:
                self._recovery.shutdown()
            event.accept()
        else:
            event.ignore()

    # ------------------------------------------------------------ export and design

    def compare_with_previous(self):
        """Annual review: the changes since an earlier version, as a PDF for the council."""
        if self.session is None:
            return None
        from wizards.project import load_project

        from . import export_flow

        self.flush()
        folder = str(self.session.path.parent if self.session.path else self.settings.last_dir())
        old_path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Frühere Fassung wählen", folder,
                                                  "Konzept-Projekte (*.konzept *.konzept.bak)")
        if not old_path:
            return None
        suggestion = Path(folder) / f"Änderungen {self.session.display_name.removesuffix('.konzept')}.pdf"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Änderungsübersicht speichern", str(suggestion),
                                              "PDF-Dokument (*.pdf)")
        if not path:
            return None
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        try:
            old = load_project(old_path)
            old.validate_against(self.session.definition)
        except (KonzeptError, OSError) as exc:
            show_error(self, exc, "Vergleich")
            return None

        def write_review(kind, definition, project, file):
            from wizards.export import write_review as review  # the same PDF as `cli compare --pdf`

            review(kind, definition, old, project, file)
        job = export_flow.ExportJob("pdf", self.session.definition, self.session.snapshot(), target, write_review,
                                    parent=self, inputs=[self.session.path, old_path])
        job.done.connect(self._export_finished)
        self.export_job = job
        export_flow.run_with_progress(job, self, "Die Änderungsübersicht wird erstellt …")
        return job

    def export_gaps(self) -> list:
        """What an export would leave open (``wizards.progress.export_gaps``), each with its jump."""
        from wizards.progress import export_gaps

        from .export_flow import Gap

        session = self.session
        gaps = export_gaps(session.definition, session.project, session.assembler(), session.document().missing)
        return [Gap(gap.text, lambda target=gap.target: self.go_to_target(target)) for gap in gaps]

    def export(self, kind: str):
        """Ask where, then write on a worker thread. Returns the running ``ExportJob`` or None."""
        if self.session is None:
            return None
        from wizards.assemble import file_name_for

        from . import export_flow

        self.flush()
        gaps = self.export_gaps()
        if gaps and export_flow.confirm_gaps(self, gaps, kind) != "export":
            return None
        suffix = ".docx" if kind == "docx" else ".pdf"
        what = "Word-Dokument (*.docx)" if kind == "docx" else "PDF-Dokument (*.pdf)"
        folder = Path(self.settings.get("export_dir", "") or self.settings.last_dir())
        if not folder.is_dir():
            folder = Path.home()
        suggestion = folder / (file_name_for(self.session.definition, self.session.project) + suffix)
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Konzept exportieren", str(suggestion), what)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        job = export_flow.ExportJob(kind, self.session.definition, self.session.snapshot(), target, parent=self,
                                    inputs=[self.session.path])
        job.done.connect(self._export_finished)
        self.export_job = job
        export_flow.run_with_progress(job, self)
        return job

    def _export_finished(self, target, error: str) -> None:
        from . import export_flow

        if error:
            QtWidgets.QMessageBox.warning(self, "Export", error)
        elif target is not None:
            self.settings.set("export_dir", str(Path(target).parent))
            export_flow.export_done(self, Path(target))
        else:
            self.statusBar().showMessage("Export abgebrochen – es wurde keine Datei geschrieben.", 8000)

    def print_concept(self) -> None:
        from .printing import print_concept

        print_concept(self)

    def edit_design(self):
        if self.session is None:
            return
        from .dialogs import DesignDialog

        dialog = DesignDialog(self.session.project.design, self.settings.last_dir(), self)
        if dialog.exec():
            self.session.set_design_values(**dialog.design_dict().to_dict())  # keeps e.g. the preset
