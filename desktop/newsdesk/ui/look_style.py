"""Three things Fusion draws from colours that a dark palette cannot give them, fixed where
they are drawn (a proxy over Fusion, as the palette alone could not):

- a check box's outline is ``Window.darker(140)``: on a dark table's base it was 50 against
  28 (grey on near-black), so an unchecked Published box was barely there. On a dark base
  the outline is drawn from the text colour instead.
- the dock title bar's float and close buttons are black pictures: on a dark title bar
  they were nearly invisible. They are drawn in the title's text colour.
- a checked tool button (the All / Unpublished / Published switch) is only a shade darker
  than the others, which in dark reads as no difference. A checked one gets the
  selection colour under its text, in light and dark alike.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QProxyStyle, QStyle

OUTLINE_SHARE = 0.55    # of the text colour in a dark check box's outline (the rest: the base)
CHECKED_SHARE = 0.55    # the selection colour's opacity over a checked tool button
TINTED = (QStyle.SP_TitleBarNormalButton, QStyle.SP_TitleBarCloseButton, QStyle.SP_DockWidgetCloseButton)
CHECK_BOXES = (QStyle.PE_IndicatorCheckBox, QStyle.PE_IndicatorItemViewItemCheck)


def mixed(a: QColor, b: QColor, share: float) -> QColor:
    """``share`` of ``a``, the rest ``b``."""
    return QColor.fromRgbF(*(share * x + (1 - share) * y for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3],
                                                                         strict=True)))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Base).lightness() < 128


class LookStyle(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None):
        if element in CHECK_BOXES and is_dark(option.palette):
            # Fusion's outline is Window.darker(140), lighter(110): give it a Window that makes
            # that outline the text colour mixed into the base
            palette = QPalette(option.palette)
            outline = mixed(palette.color(QPalette.Text), palette.color(QPalette.Base), OUTLINE_SHARE)
            palette.setColor(QPalette.Window, outline.lighter(140 * 100 // 110))
            option = type(option)(option)
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PE_PanelButtonTool and option.state & QStyle.State_On:
            # over Fusion's pressed bevel (its button colour is desaturated and darkened, so a
            # tint given as the Button colour came out a shade of grey): the selection colour
            highlight = option.palette.color(QPalette.Active, QPalette.Highlight)  # the Inactive one is greyed
            painter.save()
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(highlight)
            fill = QColor(highlight)
            fill.setAlphaF(CHECKED_SHARE)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
            painter.restore()

    def standardIcon(self, icon, option=None, widget=None):
        base = super().standardIcon(icon, option, widget)
        if icon not in TINTED:
            return base
        palette = widget.palette() if widget is not None else option.palette if option is not None else None
        if palette is None or not is_dark(palette):
            return base
        return tinted(base, palette.color(QPalette.WindowText))


def tinted(icon: QIcon, colour: QColor) -> QIcon:
    """The icon's shapes (its alpha) in one colour, at each size it has."""
    out = QIcon()
    for size in icon.availableSizes() or [QRect(0, 0, 16, 16).size()]:
        for mode in (QIcon.Normal, QIcon.Active):
            source = icon.pixmap(size, mode)
            pixmap = QPixmap(source.size())
            pixmap.setDevicePixelRatio(source.devicePixelRatio())
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            painter.drawPixmap(0, 0, source)
            painter.setCompositionMode(QPainter.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), colour)
            painter.end()
            out.addPixmap(pixmap, mode)
    return out


def with_look(app) -> None:
    """Fusion (the dark palette's style, and Linux's own) under LookStyle; a native style
    (Windows, macOS), which has its own dark look, is left as it is."""
    style = app.style()
    if isinstance(style, LookStyle) or style.name().casefold() != "fusion":
        return
    app.setStyle(LookStyle("Fusion"))
