"""What the dark palette could not show, measured in painted pixels (offscreen, Fusion
under LookStyle, the dark palette of NEWSDESK_DARK=1): an unchecked box in the table, the
docks' float and close buttons, and which All / Unpublished / Published button is checked.
Each is measured beside plain Fusion, which drew them nearly invisible, and in light too."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QMainWindow,
    QStyle,
    QStyleFactory,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QWidget,
)

from newsdesk.ui.app import dark_palette
from newsdesk.ui.look_style import LookStyle
from newsdesk.ui.problems import ProblemsDock
from newsdesk.ui.search_bar import SearchBar

STYLES = {"plain": lambda: QStyleFactory.create("Fusion"), "look": lambda: LookStyle("Fusion")}


def light_palette():
    return QStyleFactory.create("Fusion").standardPalette()


def styled(widget, style, palette):
    """As the app does (app.follow_color_scheme): the palette, then the style."""
    widget._style = style  # kept alive as long as the widget
    widget.setPalette(palette)
    for child in [widget, *widget.findChildren(QWidget)]:
        child.setStyle(style)
    return widget


def spread(image, rect) -> int:
    """How far apart the lightest and darkest pixels in ``rect`` are (0-255)."""
    values = [QColor(image.pixel(x, y)).lightness() for x in range(rect.left(), rect.right() + 1)
              for y in range(rect.top(), rect.bottom() + 1)]
    return max(values) - min(values)


def unchecked_box_contrast(qtbot, style, palette) -> int:
    model = QStandardItemModel(1, 1)
    item = QStandardItem("")
    item.setCheckable(True)
    item.setCheckState(Qt.Unchecked)
    model.setItem(0, 0, item)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    styled(view, style(), palette)
    view.resize(200, 100)
    view.show()
    qtbot.waitExposed(view)
    view.clearSelection()
    view.setCurrentIndex(model.index(-1, -1))
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualRect(model.index(0, 0))
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, view)
    return spread(view.viewport().grab().toImage(), box)


def test_an_unchecked_box_in_the_dark_table_is_outlined_as_clearly_as_text(qtbot):
    plain = unchecked_box_contrast(qtbot, STYLES["plain"], dark_palette())
    look = unchecked_box_contrast(qtbot, STYLES["look"], dark_palette())
    assert look >= 90 and look >= 3 * plain, (plain, look)   # Fusion's: 50 on 28, barely there


def test_an_unchecked_box_in_light_is_as_fusion_draws_it(qtbot):
    assert (unchecked_box_contrast(qtbot, STYLES["look"], light_palette())
            == unchecked_box_contrast(qtbot, STYLES["plain"], light_palette()))


def dock_button_contrast(qtbot, style, palette) -> list[int]:
    window = QMainWindow()
    qtbot.addWidget(window)
    dock = ProblemsDock(window)
    window.addDockWidget(Qt.BottomDockWidgetArea, dock)
    window.setCentralWidget(QTextEdit())
    styled(window, style(), palette)
    window.resize(600, 300)
    window.show()
    dock.show()
    qtbot.waitExposed(window)
    contrasts = []
    for name in ("qt_dockwidget_floatbutton", "qt_dockwidget_closebutton"):
        button = dock.findChild(QAbstractButton, name)
        assert button is not None and button.isVisible(), name
        image = button.grab().toImage()
        inner = button.rect().adjusted(3, 3, -3, -3)  # the picture, inside the button's frame
        contrasts.append(spread(image, inner))
    return contrasts


def test_the_dark_docks_float_and_close_buttons_show_their_pictures(qtbot):
    plain = dock_button_contrast(qtbot, STYLES["plain"], dark_palette())
    look = dock_button_contrast(qtbot, STYLES["look"], dark_palette())
    for before, after in zip(plain, look, strict=True):
        assert after >= 120 and after >= 2 * before, (plain, look)


def test_the_light_docks_buttons_are_as_fusion_draws_them(qtbot):
    assert dock_button_contrast(qtbot, STYLES["look"], light_palette()) == \
        dock_button_contrast(qtbot, STYLES["plain"], light_palette())


def switch_difference(qtbot, style, palette) -> int:
    """How far the checked button's fill is from an unchecked one's, in lightness and hue
    (the largest of the red, green, blue differences of their mean colours)."""
    actions = [QAction(name, checkable=True) for name in ("All", "Unpublished", "Published")]
    actions[0].setChecked(True)
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = SearchBar(QAction("Browse"), actions, window)
    window.addToolBar(bar)
    styled(window, style(), palette)
    window.show()
    qtbot.waitExposed(window)
    checked, unchecked = bar.state_buttons[0], bar.state_buttons[2]

    def mean(button):
        image = button.grab().toImage()
        # the fill between the frame and the text: a band along the top inside the frame
        points = [QPoint(x, 3) for x in range(4, button.width() - 4)]
        colours = [QColor(image.pixel(p)) for p in points]
        return [sum(getattr(c, part)() for c in colours) / len(colours) for part in ("red", "green", "blue")]
    return max(abs(a - b) for a, b in zip(mean(checked), mean(unchecked), strict=True))


@pytest.mark.parametrize("palette", [dark_palette, light_palette], ids=["dark", "light"])
def test_the_checked_switch_button_stands_out(qtbot, palette):
    plain = switch_difference(qtbot, STYLES["plain"], palette())
    look = switch_difference(qtbot, STYLES["look"], palette())
    assert look >= 40 and look >= 2 * plain, (plain, look)

