"""Server-rendered SVG charts: no JavaScript, accessible, deterministic.

Each function returns a complete ``<svg>`` element, marked safe, ready to drop into a template
with ``{{ chart }}``. Every piece of user text (titles, labels) is escaped here, so callers pass
plain strings. The element has ``role="img"``, a ``<title>`` and a ``<desc>`` that lists the
data in words (what a screen reader announces), and visible text labels, so nothing depends on
colour or hovering. The same data always gives the same bytes (ids derive from the content), so
pages can be cached and tests can compare output.

Colours come from CSS classes (``chart-bar``, ``chart-line``, ...) with a fill/stroke fallback
for pages that do not style them.
"""

import hashlib
import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BAR_COLOUR = "#1d4e89"
AXIS_COLOUR = "#555555"
GRID_COLOUR = "#dddddd"
TEXT_COLOUR = "#222222"
FONT = 'font-family="system-ui, sans-serif"'


def _number(value: float) -> str:
    """A coordinate or value as short, stable text: 12, 12.5, 0.33 (never 1e-05 or 12.0)."""
    rounded = round(float(value), 2)
    if rounded == 0:
        return "0"
    text = f"{rounded:.2f}".rstrip("0").rstrip(".")
    return text


def _chart_id(kind: str, title: str, data: Sequence) -> str:
    digest = hashlib.sha256(repr((kind, title, list(data))).encode()).hexdigest()[:10]
    return f"chart-{kind}-{digest}"


def _open(chart_id: str, *, width: int, height: int, title: str, desc: str, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _heading(title: str, width: int) -> str:
    return (
        f'<text class="chart-heading" x="{width // 2}" y="22" text-anchor="middle" '
        f'font-size="16" font-weight="600" fill="{TEXT_COLOUR}">{escape(title)}</text>'
    )


def _empty(kind: str, title: str, width: int = 640, height: int = 120) -> SafeString:
    message = _("No data yet.")
    chart_id = _chart_id(kind, title, [])
    return mark_safe(  # noqa: S308 - every user string above is escaped
        _open(chart_id, width=width, height=height, title=title, desc=message, kind=kind)
        + _heading(title, width)
        + f'<text class="chart-empty" x="{width // 2}" y="{height // 2 + 16}" '
        f'text-anchor="middle" font-size="14" fill="{AXIS_COLOUR}">{escape(message)}</text>'
        + "</svg>"
    )


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 5 × 10ⁿ at or above ``value`` (an axis maximum with round ticks)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _ticks(maximum: float, count: int = 5) -> list[float]:
    step = maximum / count
    return [step * index for index in range(count + 1)]


def histogram_svg(
    bins: Sequence[tuple[str, int]], *, title: str, x_label: str, y_label: str
) -> SafeString:
    """Vertical bars, one per bin, with the count above each bar and the label below it."""
    bins = [(str(label), int(count)) for label, count in bins]
    if not bins:
        return _empty("histogram", title)
    width, height = 640, 340
    left, right, top, bottom = 56, 16, 40, 72
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max = _nice_ceiling(max(count for _, count in bins))
    if y_max < 5:
        y_max = 5  # counts are whole numbers: ticks 0..5, never 0.2, 0.4 ...
    slot = plot_w / len(bins)
    bar_w = slot * 0.8
    desc = "; ".join(f"{label}: {count}" for label, count in bins)
    chart_id = _chart_id("histogram", title, bins)
    parts = [_open(chart_id, width=width, height=height, title=title, desc=desc, kind="histogram")]
    parts.append(_heading(title, width))
    for tick in _ticks(y_max):
        y = top + plot_h - tick / y_max * plot_h
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{_number(y)}" x2="{width - right}" '
            f'y2="{_number(y)}" stroke="{GRID_COLOUR}"/>'
            f'<text class="chart-tick" x="{left - 6}" y="{_number(y + 4)}" text-anchor="end" '
            f'font-size="11" fill="{AXIS_COLOUR}">{_number(tick)}</text>'
        )
    for index, (label, count) in enumerate(bins):
        bar_h = count / y_max * plot_h
        x = left + index * slot + (slot - bar_w) / 2
        y = top + plot_h - bar_h
        centre = left + index * slot + slot / 2
        parts.append(
            f'<rect class="chart-bar" x="{_number(x)}" y="{_number(y)}" '
            f'width="{_number(bar_w)}" height="{_number(bar_h)}" fill="{BAR_COLOUR}"/>'
            f'<text class="chart-value" x="{_number(centre)}" y="{_number(y - 4)}" '
            f'text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{count}</text>'
            f'<text class="chart-label" x="{_number(centre)}" y="{top + plot_h + 16}" '
            f'text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    parts.append(
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>'
        f'<text class="chart-axis-label" x="{left + plot_w // 2}" y="{height - 16}" '
        f'text-anchor="middle" font-size="12" fill="{AXIS_COLOUR}">{escape(x_label)}</text>'
        f'<text class="chart-axis-label" x="14" y="{top + plot_h // 2}" text-anchor="middle" '
        f'font-size="12" fill="{AXIS_COLOUR}" transform="rotate(-90 14 {top + plot_h // 2})">'
        f"{escape(y_label)}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user string above is escaped


# What a 220 px label column holds at 12 px (DejaVu Sans averages about 7 px a character).
BAR_LABEL_CHARS = 30


def bar_chart_svg(
    bars: Sequence[tuple[str, float]], *, title: str, max_value: float = 100, unit: str = "%"
) -> SafeString:
    """Horizontal bars, one row per item (e.g. completion rate by organisation).

    A bar's length is ``value / max_value`` of the plot width; values outside 0..max_value are
    drawn clamped but labelled with their real value.
    """
    bars = [(str(label), float(value)) for label, value in bars]
    if not bars:
        return _empty("bars", title)
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    width = 640
    label_w, value_w, top, row_h, bar_h = 220, 70, 40, 28, 18
    plot_w = width - label_w - value_w - 16
    height = top + row_h * len(bars) + 12
    desc = "; ".join(f"{label}: {_number(value)}{unit}" for label, value in bars)
    chart_id = _chart_id("bars", title, [*bars, max_value, unit])
    parts = [_open(chart_id, width=width, height=height, title=title, desc=desc, kind="bars")]
    parts.append(_heading(title, width))
    for index, (label, value) in enumerate(bars):
        y = top + index * row_h
        share = min(max(value / max_value, 0), 1)
        length = share * plot_w
        parts.append(
            f'<text class="chart-label" x="{label_w - 8}" y="{y + bar_h - 4}" text-anchor="end" '
            f'font-size="12" fill="{TEXT_COLOUR}">{_fitted(label, BAR_LABEL_CHARS)}</text>'
            f'<rect class="chart-track" x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" '
            f'fill="{GRID_COLOUR}"/>'
            f'<rect class="chart-bar" x="{label_w}" y="{y}" width="{_number(length)}" '
            f'height="{bar_h}" fill="{BAR_COLOUR}"/>'
            f'<text class="chart-value" x="{label_w + plot_w + 8}" y="{y + bar_h - 4}" '
            f'font-size="12" fill="{TEXT_COLOUR}">{_number(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user string above is escaped


def _fitted(label: str, max_chars: int) -> str:
    """The label cut to what its room holds (with "…"); the whole label stays in a tooltip."""
    if len(label) <= max_chars:
        return escape(label)
    return f"<title>{escape(label)}</title>{escape(label[: max_chars - 1].rstrip())}…"


def line_chart_svg(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    y_label: str,
    whole_numbers: bool = False,
) -> SafeString:
    """A line through the points in order, each point marked and labelled with its value.

    ``whole_numbers`` (counts): the axis goes to at least 5, so its ticks are whole numbers."""
    points = [(str(label), float(value)) for label, value in points]
    if not points:
        return _empty("line", title)
    width, height = 640, 320
    left, right, top, bottom = 56, 24, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    low = min(0.0, min(value for _, value in points))
    high = _nice_ceiling(max(value for _, value in points) - low) + low
    if whole_numbers:
        high = max(high, low + 5)  # 1, 2, 5 × 10ⁿ from 5 up, over 5 ticks: whole steps
    span = high - low or 1
    step = plot_w / (len(points) - 1) if len(points) > 1 else 0
    desc = "; ".join(f"{label}: {_number(value)}" for label, value in points)
    chart_id = _chart_id("line", title, points)
    parts = [_open(chart_id, width=width, height=height, title=title, desc=desc, kind="line")]
    parts.append(_heading(title, width))
    for tick in _ticks(span):
        y = top + plot_h - tick / span * plot_h
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{_number(y)}" x2="{width - right}" '
            f'y2="{_number(y)}" stroke="{GRID_COLOUR}"/>'
            f'<text class="chart-tick" x="{left - 6}" y="{_number(y + 4)}" text-anchor="end" '
            f'font-size="11" fill="{AXIS_COLOUR}">{_number(tick + low)}</text>'
        )
    coordinates = []
    for index, (_label, value) in enumerate(points):
        x = left + index * step if len(points) > 1 else left + plot_w / 2
        y = top + plot_h - (value - low) / span * plot_h
        coordinates.append((x, y))
    parts.append(
        '<polyline class="chart-line" fill="none" stroke-width="2" '
        f'stroke="{BAR_COLOUR}" points="'
        + " ".join(f"{_number(x)},{_number(y)}" for x, y in coordinates)
        + '"/>'
    )
    for (label, value), (x, y) in zip(points, coordinates, strict=True):
        parts.append(
            f'<circle class="chart-point" cx="{_number(x)}" cy="{_number(y)}" r="3.5" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text class="chart-value" x="{_number(x)}" y="{_number(y - 8)}" '
            f'text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{_number(value)}</text>'
            f'<text class="chart-label" x="{_number(x)}" y="{top + plot_h + 16}" '
            f'text-anchor="middle" font-size="11" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    parts.append(
        f'<line class="chart-axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>'
        f'<text class="chart-axis-label" x="14" y="{top + plot_h // 2}" text-anchor="middle" '
        f'font-size="12" fill="{AXIS_COLOUR}" transform="rotate(-90 14 {top + plot_h // 2})">'
        f"{escape(y_label)}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user string above is escaped
