"""Draw the timeline figure: every event on a broken time axis, one lane per event type.

The data spans 1903 to today but most events fall in the last few years, so a linear
axis would crowd them into a sliver. The axis is therefore broken in two: the sparse
early decades are compressed into a narrow left part, the dense recent years get the
rest. Lanes follow the ``event_type`` vocabulary in the schema's order; each event's
date precision shows in its mark (a dot for a day, a bar from ``date_start`` to
``date_end`` for a month, year or range, a dashed arrow into the past for an open
start, an arrow to the right edge for an open end); disputed events are drawn hollow
in red. Events are numbered in the order of ``events.csv`` (the canonical, date
order) and the key under the plot gives each number's date and headline: with ~50
events, most in two years, only short labels can avoid colliding. Marks whose labels
would overlap are stacked on sub-rows of their lane.

matplotlib is the ``plot`` extra: it is imported inside the functions, never at
module import. The output is deterministic (fixed fonts, hash salt and metadata, no
dates), so the same data gives the same bytes with one matplotlib. Each mark, lane and
key line carries an id in the SVG, from which ``drawing_of_svg`` reads what a figure
shows; the committed ``docs/timeline.svg`` is compared with the data that way
(``drawing``), whatever matplotlib drew it.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .atomic import write_bytes
from .descriptor import read_descriptor
from .edtf_display import display_date
from .errors import DataError

PathLike = str | os.PathLike[str] | None

FORMATS = ("svg", "png")
FONT = "DejaVu Sans"  # shipped with matplotlib, so every machine draws the same glyphs
HASH_SALT = "russia-panama-timeline"
CREATOR = "russia-panama-timeline plot (Matplotlib)"
PNG_DPI = 110

DENSE_FROM_YEAR = 2021  # the axis break: years before it are compressed
EARLY_SHARE = 0.28  # share of the plot width given to the compressed early years

# Layout, in inches and points. The figure is 9 in wide, about README width at 100 px/in.
FIG_W = 9.0
LEFT = 1.15  # lane labels
RIGHT = 0.2
GAP = 0.14  # the break between the two parts of the axis
AXIS_PAD = 0.1  # inner margin at both ends of the axis
ROW_H = 0.19  # one sub-row of a lane
LANE_PAD = 0.05
BAR_H = 0.085
MARK_SIZE = 5.5  # points
OPEN_LEN = 0.3  # length of the open-start arrow
ITEM_GAP = 0.05  # minimum space between two items on one sub-row
LABEL_PT = 8.0
LANE_PT = 9.0
KEY_PT = 8.0
KEY_LINE = 1.32  # line height, in font sizes
WHEN_MAX = 1.2  # widest date column in the key; longer dates wrap

INK = "#1f3a5f"
DISPUTED = "#c0392b"
GRID = "#d5d9de"
BAND = "#f3f5f7"
MUTED = "#5b6570"


class PlotDataError(DataError):
    """The data cannot be drawn (exit 1): an event without any date bound, say."""


@dataclass
class Item:
    """One event as drawn: its mark, its number label and the space they take."""

    number: int
    kind: str  # 'day', 'bar', 'open_start', 'open_end'
    lane: int
    disputed: bool
    x0: float  # inches: the mark's start (or the dot)
    x1: float  # inches: the mark's end
    label: str
    label_w: float
    label_left: bool = False
    row: int = 0
    y: float = 0.0

    @property
    def label_x(self) -> float:
        if self.kind == "open_end" or self.label_left:
            return self.x0 - _mark_r() - 0.03
        return self.x1 + (_mark_r() if self.kind == "day" else 0.0) + 0.03

    @property
    def extent(self) -> tuple[float, float]:
        left = self.x0 - (_mark_r() if self.kind == "day" else 0.0)
        right = self.x1 + (_mark_r() if self.kind == "day" else 0.0)
        if self.kind == "open_end" or self.label_left:
            return self.label_x - self.label_w, right
        return left, self.label_x + self.label_w


@dataclass
class Scale:
    """Dates to inches along the plot: piecewise linear, broken at ``dense_from``."""

    start: dt.date
    end: dt.date
    width: float
    dense_from: dt.date | None = None
    pieces: list[tuple[dt.date, dt.date, float, float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # An inner margin keeps marks at the very first or last day off the frame.
        first, last = AXIS_PAD, self.width - AXIS_PAD
        if self.dense_from is None:
            self.pieces = [(self.start, self.end, first, last)]
        else:
            early_w = (last - first) * EARLY_SHARE
            self.pieces = [
                (self.start, self.dense_from, first, first + early_w),
                (self.dense_from, self.end, first + early_w + GAP, last),
            ]

    def x(self, day: dt.date) -> float:
        for lo, hi, x0, x1 in self.pieces:
            if day < hi or (lo, hi, x0, x1) == self.pieces[-1]:
                day = max(day, lo)
                span = (hi - lo).days
                return x0 + (x1 - x0) * (day - lo).days / span
        raise AssertionError("unreachable")


def _mark_r() -> float:
    return MARK_SIZE / 2 / 72


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, size: float) -> float:
    """Width in inches of ``text`` set in FONT at ``size`` points, measured, not guessed.

    Measured both as the SVG writer lays glyphs out and as Agg renders them for PNG
    (hinting makes small Agg text a few per cent wider); the larger width is used so
    that labels clear each other in both formats.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=FONT, size=size)
    vector, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    raster, _, _ = RendererAgg(10, 10, PNG_DPI).get_text_width_height_descent(
        text, prop, ismath=False
    )
    return max(vector / 72, raster / PNG_DPI)


def _day(value: Any) -> dt.date | None:
    import pandas as pd

    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


@dataclass
class Event:
    number: int
    event_id: str
    event_type: str
    title: str
    when: str  # the date in short words, for the key
    start: dt.date | None
    end: dt.date | None
    disputed: bool


def _read_events(datapackage: PathLike) -> tuple[list[Event], list[str]]:
    """The events in file (canonical) order, and the event types in schema order."""
    import pandas as pd

    from .load import load_events
    from .tableschema import Schema

    descriptor = read_descriptor(datapackage)
    types = Schema.of(descriptor, "events").field("event_type").enum_text or []
    frame = load_events(datapackage)
    events = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        event_id = str(row["event_id"])
        if pd.isna(row["event_type"]) or pd.isna(row["status"]):
            raise PlotDataError(f"data/events.csv: event {event_id}: event_type or status "
                                "is empty or not in the schema's vocabulary")
        start, end = _day(row["date_start"]), _day(row["date_end"])
        if start is None and end is None:
            raise PlotDataError(f"data/events.csv: event {event_id}: no date_start or date_end")
        try:
            when = display_date(str(row["date"]), short=True)
        except ValueError as exc:
            raise PlotDataError(f"data/events.csv: event {event_id}: date {exc}") from None
        events.append(Event(
            number=number,
            event_id=event_id,
            event_type=str(row["event_type"]),
            title=str(row["title"]),
            when=when,
            start=start,
            end=end,
            disputed=str(row["status"]) == "disputed",
        ))
    return events, types


def _scale(events: list[Event], width: float) -> Scale:
    bounds = [d for e in events for d in (e.start, e.end) if d is not None]
    start = dt.date(min(bounds).year, 1, 1)
    end = dt.date(max(bounds).year + 1, 1, 1)
    dense_from = dt.date(DENSE_FROM_YEAR, 1, 1)
    early = any((e.start or e.end) < dense_from for e in events)  # type: ignore[operator]
    late = any((e.end or e.start) >= dense_from for e in events)  # type: ignore[operator]
    if not (start < dense_from < end and early and late):
        return Scale(start, end, width)
    return Scale(start, end, width, dense_from)


def kind_of(start: dt.date | None, end: dt.date | None) -> str:
    """The mark an event gets: a dot for one day, a bar for a span, an arrow for an
    open start or end."""
    if start is None:
        return "open_start"
    if end is None:
        return "open_end"
    return "day" if start == end else "bar"


def _items(events: list[Event], lanes: list[str], scale: Scale) -> list[Item]:
    items = []
    one_day = dt.timedelta(days=1)
    for ev in events:
        lane = lanes.index(ev.event_type)
        label = str(ev.number)
        label_w = _text_width(label, LABEL_PT)
        kind = kind_of(ev.start, ev.end)
        if kind == "open_start":
            assert ev.end is not None
            x1 = scale.x(ev.end + one_day)
            x0 = x1 - OPEN_LEN
        elif kind == "open_end":
            assert ev.start is not None
            x0, x1 = scale.x(ev.start), scale.width - AXIS_PAD / 2
        elif kind == "day":
            assert ev.start is not None
            x0 = x1 = scale.x(ev.start)
        else:
            assert ev.start is not None and ev.end is not None
            x0, x1 = scale.x(ev.start), scale.x(ev.end + one_day)
            if x1 - x0 < 0.03:  # keep a bar visibly a bar, centred on its true span
                mid = (x0 + x1) / 2
                x0, x1 = mid - 0.015, mid + 0.015
        item = Item(ev.number, kind, lane, ev.disputed, x0, x1, label, label_w)
        if item.extent[1] > scale.width:
            item.label_left = True
        items.append(item)
    return items


def _pack(items: list[Item]) -> dict[int, int]:
    """Put each item on the first sub-row of its lane where it overlaps nothing.

    Returns the number of sub-rows per lane. Greedy first fit in order of left edge:
    simple, deterministic, and optimal for interval graphs.
    """
    rows_per_lane: dict[int, int] = {}
    ends: dict[int, list[float]] = {}
    for item in sorted(items, key=lambda i: (i.lane, i.extent[0], i.number)):
        lane_ends = ends.setdefault(item.lane, [])
        left, right = item.extent
        for row, end in enumerate(lane_ends):
            if end + ITEM_GAP <= left:
                item.row = row
                lane_ends[row] = right
                break
        else:
            item.row = len(lane_ends)
            lane_ends.append(right)
        rows_per_lane[item.lane] = len(lane_ends)
    return rows_per_lane


def _wrap(text: str, width_in: float, size: float) -> list[str]:
    """Wrap ``text`` to lines no wider than ``width_in`` inches, measuring each word."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and _text_width(trial, size) > width_in:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


def _wrap_date(text: str, width_in: float, size: float) -> list[str]:
    """Wrap a date in words, breaking a range at its dash before anywhere else."""
    if _text_width(text, size) <= width_in or " – " not in text:
        return _wrap(text, width_in, size)
    first, second = text.split(" – ", 1)
    return [*_wrap(f"{first} –", width_in, size), *_wrap(second, width_in, size)]


def _inch_axes(fig: Any, left: float, top: float, width: float, height: float,
               fig_h: float) -> Any:
    """Axes placed in inches from the figure's top-left, with data coordinates in inches
    (y growing downwards), so that layout arithmetic is all in one unit."""
    ax = fig.add_axes((left / FIG_W, (fig_h - top - height) / fig_h, width / FIG_W,
                       height / fig_h))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    return ax


def _draw_mark(ax: Any, item: Item, y: float, gid: str | None = None) -> None:
    """One event's mark; ``gid`` names it in the SVG (what the figure's tests read)."""
    from matplotlib.patches import Rectangle

    color = DISPUTED if item.disputed else INK
    face = "white" if item.disputed else INK
    tick = BAR_H * 0.9
    if item.kind == "day":
        ax.plot([item.x0], [y], marker="o", markersize=MARK_SIZE, markerfacecolor=face,
                markeredgecolor=color, markeredgewidth=1.2, linestyle="none", zorder=4,
                gid=gid)
    elif item.kind == "bar":
        ax.add_patch(Rectangle((item.x0, y - BAR_H / 2), item.x1 - item.x0, BAR_H,
                               facecolor=face, edgecolor=color, linewidth=1.0, zorder=3,
                               gid=gid))
    elif item.kind == "open_start":
        ax.annotate("", xy=(item.x0, y), xytext=(item.x1, y), zorder=3,
                    arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.3,
                                "linestyle": (0, (2, 1.5)), "shrinkA": 0, "shrinkB": 0,
                                "mutation_scale": 8})
        ax.plot([item.x1, item.x1], [y - tick, y + tick], color=color, linewidth=1.6,
                solid_capstyle="butt", zorder=3, gid=gid)
    else:  # open end
        ax.annotate("", xy=(item.x1, y), xytext=(item.x0, y), zorder=3,
                    arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.3,
                                "shrinkA": 0, "shrinkB": 0, "mutation_scale": 8})
        ax.plot([item.x0, item.x0], [y - tick, y + tick], color=color, linewidth=1.6,
                solid_capstyle="butt", zorder=3, gid=gid)


def _draw_axis(ax: Any, scale: Scale, plot_h: float) -> None:
    """Year grid, year labels under the plot and the break between the two parts."""
    tick_pt = 8.0
    for i, (lo, hi, x0, x1) in enumerate(scale.pieces):
        years = hi.year - lo.year
        if years <= 12:  # dense part: a line at each new year, the label mid-year
            for year in range(lo.year, hi.year + 1):
                x = scale.x(dt.date(year, 1, 1)) if year < hi.year else x1
                ax.plot([x, x], [0, plot_h], color=GRID, linewidth=0.7, zorder=1)
                if year < hi.year:
                    mid = (x + scale.x(dt.date(year + 1, 1, 1)) if year + 1 < hi.year else
                           (x + x1)) / 2
                    ax.text(mid, plot_h + 0.07, str(year), ha="center", va="top",
                            fontsize=tick_pt, color="black")
            continue
        label_w = _text_width("0000", tick_pt) + 0.08
        step = next((s for s in (5, 10, 20, 25, 50, 100)
                     if (x1 - x0) * s / years >= label_w), 100)
        first = math.ceil(lo.year / step) * step
        for year in range(first, hi.year, step):
            x = scale.x(dt.date(year, 1, 1))
            ax.plot([x, x], [0, plot_h], color=GRID, linewidth=0.7, zorder=1)
            ax.text(x, plot_h + 0.07, str(year), ha="center", va="top", fontsize=tick_pt)
        if i + 1 < len(scale.pieces):  # the break: a blank gap with slanted marks
            gx0, gx1 = x1, scale.pieces[i + 1][2]
            ax.axvspan(gx0, gx1, color="white", zorder=2)
            for gx in (gx0, gx1):
                for gy in (0, plot_h):
                    ax.plot([gx - 0.03, gx + 0.03], [gy + 0.05, gy - 0.05], color=MUTED,
                            linewidth=1.0, zorder=5, clip_on=False)
    for _lo, _hi, x0, x1 in scale.pieces:
        ax.plot([x0, x1], [plot_h, plot_h], color=MUTED, linewidth=1.0, zorder=5)


def _draw_legend(ax: Any) -> None:
    from matplotlib.patches import Rectangle

    y = 0.12
    x = 0.0
    size = 8.0

    def caption(x: float, text: str) -> float:
        ax.text(x, y, text, va="center", ha="left", fontsize=size, color="black")
        return x + _text_width(text, size) + 0.28

    ax.plot([x + 0.05], [y], marker="o", markersize=MARK_SIZE, color=INK, linestyle="none")
    x = caption(x + 0.14, "a day")
    ax.add_patch(Rectangle((x, y - BAR_H / 2), 0.3, BAR_H, facecolor=INK, edgecolor=INK))
    x = caption(x + 0.38, "a month, year or range")
    item = Item(0, "open_start", 0, False, x, x + OPEN_LEN, "", 0.0)
    _draw_mark(ax, item, y)
    x = caption(x + OPEN_LEN + 0.08, "open start (on or before)")
    item = Item(0, "open_end", 0, False, x, x + OPEN_LEN, "", 0.0)
    _draw_mark(ax, item, y)
    x = caption(x + OPEN_LEN + 0.08, "open end")
    ax.plot([x + 0.05], [y], marker="o", markersize=MARK_SIZE, markerfacecolor="white",
            markeredgecolor=DISPUTED, markeredgewidth=1.2, linestyle="none")
    ax.add_patch(Rectangle((x + 0.16, y - BAR_H / 2), 0.3, BAR_H, facecolor="white",
                           edgecolor=DISPUTED))
    caption(x + 0.54, "disputed (red, hollow)")


@dataclass
class KeyEntry:
    number: int
    when: list[str]  # the date in words, wrapped
    lines: list[str]  # the headline, wrapped
    disputed: bool

    @property
    def height(self) -> int:
        return max(len(self.when), len(self.lines))


def _key_entries(events: list[Event], col_w: float) -> tuple[list[KeyEntry], float]:
    """Key entries wrapped to fit a column; returns them and the headline's x offset."""
    num_w = _text_width(str(len(events)), KEY_PT) + 0.06
    when_max = min(max(_text_width(e.when, KEY_PT) for e in events), WHEN_MAX)
    title_w = col_w - num_w - when_max - 0.1
    entries = [
        KeyEntry(e.number, _wrap_date(e.when, when_max, KEY_PT), _wrap(e.title, title_w, KEY_PT),
                 e.disputed)
        for e in events
    ]
    return entries, num_w + when_max + 0.1


def _split_columns(entries: list[KeyEntry]) -> list[list[KeyEntry]]:
    """Two columns, filled down then across, balanced by line count."""
    total = sum(e.height for e in entries)
    first: list[KeyEntry] = []
    lines = 0
    for entry in entries:
        if lines >= total / 2:
            break
        first.append(entry)
        lines += entry.height
    return [first, entries[len(first):]]


@dataclass
class Layout:
    """Where everything goes, before anything is drawn (what the tests inspect)."""

    events: list[Event]
    lanes: list[str]  # event types that occur, in the schema's order
    scale: Scale
    items: list[Item]  # one per event, in event order
    rows: dict[int, int]  # sub-rows per lane
    lane_top: list[float]
    plot_h: float

    def lane_height(self, lane: int) -> float:
        return self.rows.get(lane, 1) * ROW_H + 2 * LANE_PAD


def layout(datapackage: PathLike = None) -> Layout:
    """Read the events and place each one: lane, mark, label and sub-row."""
    events, types = _read_events(datapackage)
    if not events:
        raise PlotDataError("data/events.csv: no events to draw")
    unknown = sorted({e.event_type for e in events} - set(types))
    if unknown:
        raise PlotDataError(f"data/events.csv: event_type {unknown[0]!r} is not in the schema")
    lanes = [t for t in types if any(e.event_type == t for e in events)]
    scale = _scale(events, FIG_W - LEFT - RIGHT)
    items = _items(events, lanes, scale)
    rows = _pack(items)
    lane_top: list[float] = []
    y = 0.0
    for lane in range(len(lanes)):
        lane_top.append(y)
        y += rows.get(lane, 1) * ROW_H + 2 * LANE_PAD
    for item in items:
        item.y = lane_top[item.lane] + LANE_PAD + (item.row + 0.5) * ROW_H
    return Layout(events, lanes, scale, items, rows, lane_top, y)


def figure(datapackage: PathLike = None) -> Any:
    """The matplotlib Figure of the timeline (no pyplot, so no global state)."""
    from matplotlib.figure import Figure

    descriptor = read_descriptor(datapackage)
    plan = layout(datapackage)
    events, lanes, scale, items = plan.events, plan.lanes, plan.scale, plan.items
    plot_w, plot_h = scale.width, plan.plot_h

    key_w = FIG_W - 0.4
    col_gap = 0.3
    col_w = (key_w - col_gap) / 2
    entries, title_x = _key_entries(events, col_w)
    columns = _split_columns(entries)
    line_h = KEY_PT * KEY_LINE / 72
    key_h = max(sum(e.height for e in col) for col in columns) * line_h + 0.05

    top_title, top_legend, top_pieces = 0.15, 0.68, 1.02
    top_plot = top_pieces + 0.22
    top_key = top_plot + plot_h + 0.48
    fig_h = top_key + 0.25 + key_h + 0.15

    fig = Figure(figsize=(FIG_W, fig_h), facecolor="white")
    fig.text(0.2 / FIG_W, 1 - top_title / fig_h, _title(descriptor, events, scale),
             ha="left", va="top", fontsize=12.5, fontweight="bold", gid="title")
    subtitle = "One lane per event type; each number is an event, listed in the key below."
    if scale.dense_from is not None:
        subtitle += f" The years before {scale.dense_from.year} are compressed."
    fig.text(0.2 / FIG_W, 1 - (top_title + 0.3) / fig_h, subtitle, ha="left", va="top",
             fontsize=8.5, color=MUTED)
    _draw_legend(_inch_axes(fig, 0.2, top_legend, FIG_W - 0.4, 0.24, fig_h))

    ax = _inch_axes(fig, LEFT, top_plot, plot_w, plot_h, fig_h)
    for lane, name in enumerate(lanes):
        top = plan.lane_top[lane]
        height = plan.lane_height(lane)
        if lane % 2 == 0:
            ax.axhspan(top, top + height, color=BAND, zorder=0, linewidth=0)
        ax.text(-0.1, top + height / 2, lane_label(name), ha="right",
                va="center", fontsize=LANE_PT, gid=f"lane-{lane}")
    _draw_axis(ax, scale, plot_h)
    for lo, hi, x0, x1 in scale.pieces:
        span = f"{lo.year}–{hi.year - 1}" if hi.year - 1 > lo.year else str(lo.year)
        note = " (compressed)" if len(scale.pieces) > 1 and lo == scale.start else ""
        ax.text((x0 + x1) / 2, -0.08, span + note, ha="center", va="bottom", fontsize=8.5,
                color=MUTED)
    for item in items:
        gid = f"mark-{item.number}-{item.kind}-{item.lane}" + ("-disputed" * item.disputed)
        _draw_mark(ax, item, item.y, gid)
        right = item.kind == "open_end" or item.label_left
        ax.text(item.label_x, item.y, item.label, ha="right" if right else "left",
                va="center", fontsize=LABEL_PT, zorder=6,
                color=DISPUTED if item.disputed else "black", gid=f"label-{item.number}")

    kax = _inch_axes(fig, 0.2, top_key, key_w, key_h + 0.25, fig_h)
    kax.plot([0, key_w], [0.02, 0.02], color=GRID, linewidth=0.8)
    kax.text(0, 0.1, "Key", ha="left", va="top", fontsize=9, fontweight="bold")
    num_w = _text_width(str(len(events)), KEY_PT) + 0.06
    for c, column in enumerate(columns):
        x = c * (col_w + col_gap)
        y = 0.3
        for entry in column:
            color = DISPUTED if entry.disputed else "black"
            n = entry.number
            kax.text(x + num_w - 0.06, y, str(n), ha="right", va="top",
                     fontsize=KEY_PT, color=color, fontweight="bold", gid=f"key-{n}")
            for i, line in enumerate(entry.when):
                kax.text(x + num_w, y + i * line_h, line, ha="left", va="top",
                         fontsize=KEY_PT, color=MUTED, gid=f"key-{n}-when-{i}")
            for i, line in enumerate(entry.lines):
                kax.text(x + title_x, y + i * line_h, line, ha="left", va="top",
                         fontsize=KEY_PT, color=color, gid=f"key-{n}-title-{i}")
            y += entry.height * line_h
    return fig


def lane_label(event_type: str) -> str:
    """A lane's label: the event type, capitalised."""
    return event_type[:1].upper() + event_type[1:]


def _title(descriptor: dict[str, Any], events: list[Event], scale: Scale) -> str:
    return (f"{descriptor.get('title', descriptor.get('name', 'Timeline'))}: "
            f"{len(events)} events, {scale.start.year}–{scale.end.year - 1}")


@dataclass(frozen=True)
class Drawn:
    """One event as the figure shows it: its number, lane (as labelled), mark, colour,
    and its line in the key (the date in words and the headline)."""

    number: int
    lane: str
    kind: str
    disputed: bool
    when: str
    title: str


@dataclass(frozen=True)
class Drawing:
    """What the figure shows, whatever matplotlib's version: the title, the lanes from
    top to bottom, and every event. ``drawing`` says what the data should draw;
    ``drawing_of_svg`` reads what an SVG drew (from the ids and text the SVG carries),
    so a figure is compared with the data by content, not by bytes."""

    title: str
    lanes: tuple[str, ...]
    events: tuple[Drawn, ...]


def drawing(datapackage: PathLike = None) -> Drawing:
    """What the figure of this data shows (matplotlib is not needed to say it)."""
    events, types = _read_events(datapackage)
    if not events:
        raise PlotDataError("data/events.csv: no events to draw")
    lanes = [t for t in types if any(e.event_type == t for e in events)]
    scale = _scale(events, FIG_W - LEFT - RIGHT)
    return Drawing(
        title=_title(read_descriptor(datapackage), events, scale),
        lanes=tuple(lane_label(t) for t in lanes),
        events=tuple(Drawn(e.number, lane_label(e.event_type), kind_of(e.start, e.end),
                           e.disputed, " ".join(e.when.split()), " ".join(e.title.split()))
                     for e in events),
    )


_SVG_TEXT = re.compile(r'<g id="([^"]+)">\s*<!-- (.*?) -->', re.S)
_SVG_MARK = re.compile(r'<g id="mark-(\d+)-([a-z_]+)-(\d+)(-disputed)?">')


def drawing_of_svg(svg: bytes) -> Drawing:
    """What an SVG written by ``render`` shows, read from its element ids and the text
    comments matplotlib writes beside each text it draws as paths."""
    text = svg.decode("utf-8")
    texts = {gid: html.unescape(value) for gid, value in _SVG_TEXT.findall(text)}
    lanes: list[str] = []
    while f"lane-{len(lanes)}" in texts:
        lanes.append(texts[f"lane-{len(lanes)}"])
    events = []
    for number, kind, lane, disputed in _SVG_MARK.findall(text):
        n = int(number)

        def lines(part: str, n: int = n) -> str:
            found, i = [], 0
            while f"key-{n}-{part}-{i}" in texts:
                found.append(texts[f"key-{n}-{part}-{i}"])
                i += 1
            return " ".join(" ".join(found).split())

        events.append(Drawn(n, lanes[int(lane)] if int(lane) < len(lanes) else f"#{lane}",
                            kind, bool(disputed), lines("when"), lines("title")))
    return Drawing(texts.get("title", ""), tuple(lanes),
                   tuple(sorted(events, key=lambda e: e.number)))


def render(datapackage: PathLike = None, fmt: str = "svg") -> bytes:
    """The figure as SVG or PNG bytes, deterministic for identical data."""
    import matplotlib

    if fmt not in FORMATS:
        raise ValueError(f"unsupported figure format {fmt!r} (use one of {', '.join(FORMATS)})")
    with matplotlib.rc_context({
        "svg.hashsalt": HASH_SALT,
        "svg.fonttype": "path",
        "font.family": FONT,
        "font.sans-serif": [FONT],
        "path.simplify": True,
    }):
        fig = figure(datapackage)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = (
            {"Date": None, "Creator": CREATOR} if fmt == "svg" else {"Software": CREATOR}
        )
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=PNG_DPI if fmt == "png" else 72)
    return buffer.getvalue()


def write_figure(out: str | os.PathLike[str], datapackage: PathLike = None) -> None:
    """Draw the figure to ``out``, SVG or PNG by its extension, atomically."""
    fmt = os.path.splitext(os.fspath(out))[1].lower().lstrip(".")
    write_bytes(out, render(datapackage, fmt))


__all__ = ["FORMATS", "Drawing", "PlotDataError", "drawing", "drawing_of_svg", "figure",
           "render", "write_figure"]
