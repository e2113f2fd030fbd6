"""Server-side SVG bar charts: readable without JavaScript, with <title>/<desc> for screen readers.

Each chart sits next to a data table with the same figures, so nothing is only in the picture.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT = 28
LABEL_WIDTH = 170
BAR_WIDTH = 380
VALUE_WIDTH = 70


def bar_chart(
    *, chart_id: str, title: str, desc: str, bars: list[tuple[str, int | None, str]]
) -> SafeString:
    """Horizontal bars; (label, value or None when suppressed, text shown after the bar)."""
    top = max((v for _l, v, _t in bars if v), default=0)
    height = ROW_HEIGHT * max(len(bars), 1) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for i, (label, value, text) in enumerate(bars):
        y = 4 + i * ROW_HEIGHT
        length = round(BAR_WIDTH * value / top) if value and top else 0
        rows.append(
            (
                LABEL_WIDTH - 8,
                y + 18,
                label[:24],
                LABEL_WIDTH,
                y + 4,
                max(length, 0),
                ROW_HEIGHT - 8,
                LABEL_WIDTH + length + 6,
                y + 18,
                text,
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="currentColor">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#2f6f8f" rx="2"></rect>'
        '<text x="{}" y="{}" font-size="13" fill="currentColor">{}</text>',
        rows,
    )
    return format_html(
        '<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" style="max-width:{w}px" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
        body=body,
    )


def cell_text(cell: dict) -> str:  # type: ignore[type-arg]
    return "<5" if cell["suppressed"] else str(cell["value"])
