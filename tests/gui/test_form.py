"""Form pages with keyboard and mouse: dates, readable drop-downs, visible focus,
Alt+letter labels, tab order and steady field heights."""
from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QCalendarWidget, QComboBox, QLabel, QLineEdit, QWidget


def _page(window, step="verwaltung", example=False):
    window.open_example() if example else window.new_project("herford")
    window.go_to(f"questions:{step}")
    page = window.current_page()
    page.ensureVisible(0, 0)
    return page


# ---------------------------------------------------------------- dates


def test_date_is_typed_picked_and_never_changed_silently(window, qtbot):
    page = _page(window, "konzept")
    field = page.editors["konzept.stand"]
    session = window.session
    assert field.edit.text() == "" and session.answer("konzept.stand") in (None, "")
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "15.11.2026")  # typed into the empty field
    window.flush()  # saving or exporting right away counts it
    assert session.answer("konzept.stand") == "2026-11-15"
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31.02.2026")  # no such day: nothing changes, a hint says why
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert session.answer("konzept.stand") == "2026-11-15"
    assert page.problems["konzept.stand"].isVisibleTo(page) and "15.11.2026" in page.problems["konzept.stand"].text()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "1.2.2027")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert session.answer("konzept.stand") == "2027-02-01" and not page.problems["konzept.stand"].isVisibleTo(page)
    qtbot.keyClicks(field.edit, "x")  # letters are refused
    assert field.edit.text() == "1.2.2027"
    field.edit.setCursorPosition(0)
    qtbot.keyClicks(field.edit, "15.11.2026")  # typed into a filled field without selecting it first
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert session.answer("konzept.stand") == "2027-02-01" and page.problems["konzept.stand"].isVisibleTo(page)
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "1.2.2027")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)  # Tab leaves the field
    assert not field.edit.hasFocus()
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)  # empty again: not set
    assert session.answer("konzept.stand") in (None, "")


def test_calendar_opens_at_today_and_picks_by_keyboard(window, qtbot):
    page = _page(window, "konzept")
    field = page.editors["konzept.stand"]
    qtbot.mouseClick(field.pick, Qt.MouseButton.LeftButton)
    calendar = field.findChild(QCalendarWidget, "datePopup")
    assert calendar.isVisible() and calendar.selectedDate() == QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (QDate.currentDate().year(), QDate.currentDate().month())
    view = calendar.findChild(QWidget, "qt_calendar_calendarview")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # tomorrow
    qtbot.keyClick(view, Qt.Key.Key_Return)
    tomorrow = QDate.currentDate().addDays(1)
    assert not calendar.isVisible()
    assert window.session.answer("konzept.stand") == tomorrow.toString("yyyy-MM-dd")
    assert field.edit.text() == tomorrow.toString("dd.MM.yyyy")
    qtbot.mouseClick(field.pick, Qt.MouseButton.LeftButton)  # reopened: at the date in the field
    assert calendar.selectedDate() == tomorrow
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not calendar.isVisible() and window.session.answer("konzept.stand") == tomorrow.toString("yyyy-MM-dd")


# ---------------------------------------------------------------- readable drop-downs


def _luminance(color) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2])


def _background(image: QImage, rect):
    counts: dict = {}
    for x in range(rect.left() + 1, rect.right()):
        for y in range(rect.top() + 1, rect.bottom()):
            c = image.pixelColor(x, y)
            counts[(c.red(), c.green(), c.blue())] = counts.get((c.red(), c.green(), c.blue()), 0) + 1
    return max(counts, key=counts.get)


def _contrast_of(a, b) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _contrast(image: QImage, rect) -> float:
    """Contrast between the item's background (its most frequent colour) and its text
    (the colour farthest from it), measured on what Qt drew."""
    counts: dict = {}
    for x in range(rect.left() + 1, rect.right()):
        for y in range(rect.top() + 1, rect.bottom()):
            c = image.pixelColor(x, y)
            counts[(c.red(), c.green(), c.blue())] = counts.get((c.red(), c.green(), c.blue()), 0) + 1
    background = max(counts, key=counts.get)
    text = max(counts, key=lambda c: abs(_luminance(c) - _luminance(background)))
    light, dark = sorted((_luminance(background), _luminance(text)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_open_drop_down_items_are_readable(window, qtbot):
    page = _page(window)
    combo: QComboBox = page.editors["verwaltung.bundesland"].combo
    combo.setCurrentIndex(3)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    current = view.visualRect(view.model().index(3, 0))
    hovered_index = view.model().index(6, 0)
    hovered = view.visualRect(hovered_index)
    qtbot.mouseMove(view.viewport(), hovered.center())
    view.setCurrentIndex(hovered_index)  # what the mouse does to the highlight
    image = view.viewport().grab().toImage()
    normal = view.visualRect(view.model().index(9, 0))
    assert _contrast(image, hovered) >= 4.5
    assert _contrast(image, normal) >= 4.5
    # and the highlight itself is visible: its background stands out from the others (WCAG 1.4.11)
    assert _contrast_of(_background(image, hovered), _background(image, normal)) >= 3
    view.setCurrentIndex(view.model().index(3, 0))
    image = view.viewport().grab().toImage()
    assert _contrast(image, current) >= 4.5
    combo.hidePopup()


# ---------------------------------------------------------------- focus, labels, order


def _focusables(page):
    return [w for w in page.inner.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(page.inner) and w.isEnabled()]


def test_focus_is_visible_on_every_field_and_button(window, qtbot):
    for step in ("verwaltung", "konzept"):
        page = _page(window, step, example=True)
        window.next_button.setFocus()
        for widget in _focusables(page):
            page.ensureWidgetVisible(widget)
            window.next_button.setFocus()
            QApplication.processEvents()
            before = widget.grab().toImage()
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert widget.hasFocus(), widget
            assert widget.grab().toImage() != before, f"no visible focus on {widget.metaObject().className()} " \
                                                      f"{widget.accessibleName()}"
    assert not window.current_page().focusPolicy() & Qt.FocusPolicy.TabFocus  # the scroll area is no stop
    window.go_to("section:zweck")
    page = window.current_page()
    assert not page.focusPolicy() & Qt.FocusPolicy.TabFocus
    for widget in _focusables(page):
        page.ensureWidgetVisible(widget)
        window.next_button.setFocus()
        QApplication.processEvents()
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        assert widget.grab().toImage() != before, widget.accessibleName()


def test_an_added_entry_scrolls_into_view(window, qtbot):
    page = _page(window, "kanaele", example=True)
    group = page.editors["kanaele"]
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    box = group.boxes[-1]
    qtbot.waitUntil(lambda: 0 <= box.mapTo(page.viewport(), QPoint(0, 0)).y() < page.viewport().height(),
                    timeout=2000)


def test_labels_have_alt_letters_that_reach_their_field(window, qtbot):
    for step in ("verwaltung", "zustaendigkeit", "konzept"):
        page = _page(window, step)
        labels = [w for w in page.inner.findChildren(QLabel) if w.buddy() is not None and w.parent() is page.inner]
        assert labels
        letters = []
        for label in labels:
            text = label.text().replace("&&", "")
            assert "&" in text, label.text()
            letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters))
    page = _page(window)
    label = next(w for w in page.inner.findChildren(QLabel) if w.buddy() is page.editors["verwaltung.name"].edit)
    letter = label.text()[label.text().index("&") + 1]
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
    assert page.editors["verwaltung.name"].edit.hasFocus()


def test_tab_follows_the_page_also_after_adding_an_entry(window, qtbot):
    page = _page(window, "kanaele")
    qtbot.mouseClick(page.editors["kanaele"].add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.editors["kanaele"].add_button, Qt.MouseButton.LeftButton)
    first = _focusables(page)[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [first]
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or not page.inner.isAncestorOf(widget):
            break
        seen.append(widget)
    ys = [w.mapTo(page.inner, QPoint(0, 0)).y() for w in seen]
    assert len(seen) == len(_focusables(page))  # every field once, then on to the buttons below
    assert ys == sorted(ys)


def test_fields_keep_their_height_when_filled_or_focused(window, qtbot):
    page = _page(window)
    edit: QLineEdit = page.editors["verwaltung.name"].edit
    combo = page.editors["verwaltung.bundesland"].combo
    empty = edit.height()
    qtbot.keyClicks(edit, "Lindenau")
    QApplication.processEvents()
    assert edit.height() == empty
    window.next_button.setFocus()
    QApplication.processEvents()
    assert edit.height() == empty == combo.height()
    assert isinstance(page.findChild(QAbstractButton), QAbstractButton)
