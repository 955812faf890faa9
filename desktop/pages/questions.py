"""A page of questions, generated from one ``Step`` of the definition."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..widgets.fields import GroupField, make_editor, plain_label
from .base import Page, label


class QuestionsPage(Page):
    def __init__(self, step, session, window=None):
        super().__init__(step.title, step.intro)
        self.step = step
        self.session = session
        self.rows: dict[str, tuple[QWidget, ...]] = {}
        self.editors = {}
        self.problems: dict[str, QLabel] = {}
        if any(q.required for q in step.questions):
            self.body.addWidget(label("Mit * markierte Angaben braucht das Konzept.", self.inner, "hint"))
        for q in step.questions:
            widgets = []
            editor = make_editor(q, self.inner)
            editor.setObjectName(f"field:{q.id}")
            if q.type not in ("yesno",):
                caption = label(plain_label(q), self.inner, "fieldLabel")
                caption.setBuddy(editor.focus_widget())
                if q.type in ("group", "weekly", "multichoice"):
                    caption.setProperty("role", "groupLabel")
                widgets.append(caption)
                self.body.addWidget(caption)
            self.body.addWidget(editor)
            widgets.append(editor)
            if q.help:
                hint = label(q.help, self.inner, "hint")
                widgets.append(hint)
                self.body.addWidget(hint)
                editor.focus_widget().setToolTip(q.help)
                editor.focus_widget().setAccessibleDescription(q.help)
            problem = label("", self.inner, "problem")
            problem.hide()
            self.body.addWidget(problem)
            self.problems[q.id] = problem
            widgets.append(problem)
            self.rows[q.id] = tuple(widgets)
            self.editors[q.id] = editor
            if q.options_filter:
                editor.set_filter_value(session.answer(q.options_filter[1], ""))
            editor.set_value(session.answer(q.id, q.default))
            editor.edited.connect(lambda value, qid=q.id: self._edited(qid, value))
        self.body.addStretch(1)
        self._update_references()
        self._update_visibility()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scroll area itself is no (invisible) tab stop
        give_mnemonics([w for ws in self.rows.values() for w in ws if isinstance(w, QLabel) and w.buddy()] +
                       [e.box for e in self.editors.values() if hasattr(e, "box")])
        self.fix_tab_order()

    def _edited(self, qid: str, value):
        self.session.set_answer(qid, value)
        for q in self.step.questions:
            if q.options_filter and q.options_filter[1] == qid:
                self.editors[q.id].set_filter_value(value)
        editor = self.editors[qid]
        if isinstance(editor, GroupField):
            editor.set_ids(self.session.answer(qid, []))
            self._update_references(qid)
        if isinstance(editor, GroupField):
            self.fix_tab_order()  # an added entry comes before „Weiter“, not after it
        text = editor.problem()
        self.problems[qid].setText(text)
        self.problems[qid].setVisible(bool(text))
        self._update_visibility()

    def _update_references(self, changed: str = "") -> None:
        """Fields of type reference offer the entries of their group (a facility renamed or added
        shows at once) and the body itself under its current name."""
        from wizards.context import body_name

        body = None
        for editor in self.editors.values():
            if not isinstance(editor, GroupField):
                continue
            for group_id in {f.entries_of for f in editor.question.fields if f.type == "reference"}:
                if changed and changed != group_id:
                    continue
                body = body or body_name(self.session.definition, self.session.project.answers)
                editor.set_reference_entries(group_id, self.session.answer(group_id, []), body)

    def _update_visibility(self):
        assembler = None
        for q in self.step.questions:
            if not q.when:
                continue
            assembler = assembler or self.session.assembler()
            visible = assembler.condition(q.when)
            for w in self.rows[q.id]:
                if w is self.problems[q.id]:
                    continue
                w.setVisible(visible)

    def refresh(self):
        for q in self.step.questions:
            editor = self.editors[q.id]
            if editor.value() != self.session.answer(q.id, editor.value()):
                editor.set_value(self.session.answer(q.id, q.default))
        self._update_references()
        self._update_visibility()

    def focus_question(self, qid: str) -> None:
        editor = self.editors.get(qid)
        if editor is not None:
            self.ensureWidgetVisible(editor)
            editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self):
        if self.step.questions:
            self.editors[self.step.questions[0].id].focus_widget().setFocus(Qt.FocusReason.TabFocusReason)

    def flush(self) -> None:
        """A date typed but not yet confirmed counts before saving or exporting."""
        for editor in self.editors.values():
            if hasattr(editor, "commit"):
                editor.commit()

    def fix_tab_order(self) -> None:
        """Tab goes through the fields top to bottom, as they stand on the page."""
        focusable = [w for w in self.inner.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(self.inner)]
        focusable.sort(key=lambda w: (w.mapTo(self.inner, w.rect().topLeft()).y(),
                                      w.mapTo(self.inner, w.rect().topLeft()).x()))
        for first, second in zip(focusable, focusable[1:]):
            QWidget.setTabOrder(first, second)


# Alt+letter is taken by the menus (Datei, Bearbeiten, Ansicht, Hilfe) and „Vorschau anzeigen“.
_TAKEN = set("dbahv")


def give_mnemonics(widgets) -> None:
    """Each label (or check box) gets an Alt+letter: the first free letter of its words."""
    used = set(_TAKEN)
    for widget in widgets:
        text = widget.text().replace("&", "&&")
        candidates = [i for i, ch in enumerate(text) if ch.isalpha() and ch.isascii() and
                      (i == 0 or not text[i - 1].isalpha())]
        candidates += [i for i, ch in enumerate(text) if ch.isalpha() and ch.isascii()]
        for i in candidates:
            if text[i].lower() not in used:
                used.add(text[i].lower())
                widget.setText(text[:i] + "&" + text[i:])
                break
