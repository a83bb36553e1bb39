"""Colours and fonts of the chat, derived from the palette so they follow the OS light or dark scheme.

Only a few accents (error red, code colours from Pygments) are chosen here; each has a light and a dark variant.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QGuiApplication, QIcon, QPalette

from app.core.paths import assets_dir

# After the system's own font: fonts with Japanese, Chinese and Korean glyphs, Japanese first. Without them Qt takes
# any font that has the glyph, often a Chinese one, whose shapes of shared kanji look wrong to Japanese readers.
CJK_FALLBACKS = (
    "Hiragino Sans",
    "Yu Gothic UI",
    "Meiryo UI",
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "PingFang SC",
    "Microsoft YaHei UI",
    "Apple SD Gothic Neo",
    "Malgun Gothic",
)
MONO_FALLBACKS = ("JetBrains Mono", "Cascadia Mono", "SF Mono", "Menlo", "Consolas", "DejaVu Sans Mono",
                  "Noto Sans Mono CJK JP", "MS Gothic", *CJK_FALLBACKS)
CHAT_POINT_SIZE = 10.5


def _mix(a: QColor, b: QColor, amount: float) -> str:
    """`amount` of b over a, as #rrggbb."""
    mixed = QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )
    return mixed.name()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class Theme:
    dark: bool
    text: str
    muted: str
    base: str
    border: str
    user_bubble: str
    cited_lines: str
    code_background: str
    code_header: str
    inline_code: str
    link: str
    error: str
    error_background: str
    pygments_style: str
    mono_families: tuple[str, ...]

    @classmethod
    def from_palette(cls, palette: QPalette) -> Theme:
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        link = palette.color(QPalette.ColorRole.Link)
        if dark and link.lightness() < 140:  # some dark palettes keep the light scheme's dark blue links
            link = QColor("#6cb6ff")
        return cls(
            dark=dark,
            text=text.name(),
            muted=_mix(base, text, 0.6),
            base=base.name(),
            border=_mix(base, text, 0.18),
            user_bubble=_mix(base, accent, 0.22 if dark else 0.12),
            cited_lines=_mix(base, QColor("#f2c12e"), 0.3 if dark else 0.45),  # a highlighter's yellow
            code_background=_mix(base, text, 0.07 if dark else 0.04),
            code_header=_mix(base, text, 0.13 if dark else 0.08),
            inline_code=_mix(base, text, 0.12 if dark else 0.07),
            link=link.name(),
            error="#ff7b72" if dark else "#cf222e",
            error_background=_mix(base, QColor("#ff4d4f"), 0.16 if dark else 0.08),
            pygments_style="github-dark" if dark else "default",
            mono_families=(_resolved_family(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)),
                           *MONO_FALLBACKS),
        )

    @classmethod
    def current(cls) -> Theme:
        return cls.from_palette(QGuiApplication.palette())


def _resolved_family(font: QFont) -> str:
    """The family a font resolves to, not its alias ("Sans Serif", "monospace"): an alias at the head of a family
    list matches no font, and Latin text would then be drawn with the Latin glyphs of the first fallback."""
    return QFontInfo(font).family()


def ui_font() -> QFont:
    """The system's UI font with the CJK fallbacks (for QApplication.setFont, before the first window)."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([_resolved_family(font), *CJK_FALLBACKS])
    return font


def chat_font() -> QFont:
    """The UI font, a little larger for reading."""
    font = ui_font()
    font.setPointSizeF(max(font.pointSizeF(), CHAT_POINT_SIZE))
    return font


def app_icon() -> QIcon:
    """The app's icon in every size tools/make_icons.py renders from assets/icons/gpt-oss-chat.svg."""
    icon = QIcon()
    for png in sorted((assets_dir() / "icons").glob("gpt-oss-chat-*.png")):
        icon.addFile(str(png))
    return icon
