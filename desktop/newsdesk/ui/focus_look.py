"""Where the next key goes: an item view's selection looks inactive (greyer, the text in
its normal colour) while the view does not have the keyboard, as native styles do in
Finder, Explorer and Dolphin. Fusion paints the selection the same blue whether or not
the view has focus (it only greys it when the whole window is inactive), so after Q the
table's row looked exactly as before: nothing said the keys now went to Quality.

Only the two highlight roles are set on the view, so every other colour (and a change of
the system's colour scheme) still comes from the application's palette."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SHARE = 0.35  # of the highlight colour in the unfocused selection (the rest: the view's base)


def unfocused_highlight(palette: QPalette) -> QColor:
    """The selection of a view without the keyboard: the highlight mostly washed into the
    base, and most of its colour taken out (light grey-blue on light, slate on dark)."""
    high, base = palette.color(QPalette.Active, QPalette.Highlight), palette.color(QPalette.Active, QPalette.Base)
    mix = QColor.fromRgbF(*(SHARE * h + (1 - SHARE) * b for h, b in
                            zip(high.getRgbF()[:3], base.getRgbF()[:3], strict=True)))
    hue, saturation, lightness, _ = mix.getHslF()
    return QColor.fromHslF(max(hue, 0.0), saturation * 0.5, lightness)


class FocusLook(QObject):
    """On an item view: its selection has the unfocused look whenever another widget of the
    application has the keyboard. Its own children (the inline editor of a cell) count as
    the view; no focus at all (the window deactivated, a menu open) changes nothing."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.focused: bool | None = None
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._show(True)

    def _focus_changed(self, _old, new) -> None:
        if new is not None:
            self._show(new is self.view or self.view.isAncestorOf(new))

    def _show(self, focused: bool) -> None:
        if focused == self.focused:
            return
        self.focused = focused
        palette = QPalette()  # nothing set: the application's colours
        if not focused:
            app = QApplication.palette(self.view)
            for group in (QPalette.Active, QPalette.Inactive):
                palette.setColor(group, QPalette.Highlight, unfocused_highlight(app))
                palette.setColor(group, QPalette.HighlightedText, app.color(group, QPalette.Text))
        self.view.setPalette(palette)
