"""Small dependency-free SVG line charts for the FPTT scripts (scripts/demo, scripts/sweep).

    chart = Panel(title, x_label, y_label, log_x=False, log_y=False)
    chart.add(name, [(x, y), ...])
    write_svg(path, [chart, ...])          # panels side by side in one picture
"""

import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 520, 360
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 78, 20, 40, 56
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


class Panel:
    def __init__(self, title, x_label, y_label, log_x=False, log_y=False):
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.log_x, self.log_y = log_x, log_y
        self.series = []

    def add(self, name, points):
        points = [(float(x), float(y)) for x, y in points
                  if (not self.log_x or x > 0) and (not self.log_y or y > 0) and math.isfinite(y)]
        if points:
            self.series.append((name, points))


def _ticks(low, high, log):
    """About five round tick values covering [low, high]."""
    if log:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        step = max(1, (last - first) // 5)
        return [10.0 ** e for e in range(first, last + 1, step)]
    if high == low:
        high = low + 1
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int(math.ceil((high - start) / step)) + 1)]


def _label(value):
    if value == 0:
        return "0"
    if abs(value) >= 1e6 or abs(value) < 1e-3:
        return f"{value:.0e}".replace("e+0", "e").replace("e-0", "e-")
    return f"{value:g}"


def _panel_svg(panel, offset_x):
    xs = [x for _, pts in panel.series for x, _ in pts]
    ys = [y for _, pts in panel.series for _, y in pts]
    x_ticks = _ticks(min(xs), max(xs), panel.log_x)
    y_ticks = _ticks(min(ys) if panel.log_y else min(0.0, min(ys)), max(ys), panel.log_y)
    x_low, x_high = min(x_ticks[0], min(xs)), max(x_ticks[-1], max(xs))
    y_low, y_high = min(y_ticks[0], min(ys)), max(y_ticks[-1], max(ys))
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def scale(v, low, high, log):
        if log:
            v, low, high = math.log10(v), math.log10(low), math.log10(high)
        return 0.5 if high == low else (v - low) / (high - low)

    def px(x):
        return offset_x + MARGIN_LEFT + scale(x, x_low, x_high, panel.log_x) * plot_w

    def py(y):
        return MARGIN_TOP + (1 - scale(y, y_low, y_high, panel.log_y)) * plot_h

    out = [f'<text x="{offset_x + WIDTH / 2}" y="22" text-anchor="middle" font-size="15">{escape(panel.title)}</text>',
           f'<rect x="{offset_x + MARGIN_LEFT}" y="{MARGIN_TOP}" width="{plot_w}" height="{plot_h}" '
           'fill="none" stroke="#444"/>']
    for t in x_ticks:
        if x_low <= t <= x_high:
            out.append(f'<line x1="{px(t):.1f}" y1="{MARGIN_TOP + plot_h}" x2="{px(t):.1f}" y2="{MARGIN_TOP}" stroke="#ddd"/>')
            out.append(f'<text x="{px(t):.1f}" y="{MARGIN_TOP + plot_h + 16}" text-anchor="middle" font-size="11">{_label(t)}</text>')
    for t in y_ticks:
        if y_low <= t <= y_high:
            out.append(f'<line x1="{offset_x + MARGIN_LEFT}" y1="{py(t):.1f}" x2="{offset_x + MARGIN_LEFT + plot_w}" y2="{py(t):.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{offset_x + MARGIN_LEFT - 6}" y="{py(t) + 4:.1f}" text-anchor="end" font-size="11">{_label(t)}</text>')
    out.append(f'<text x="{offset_x + MARGIN_LEFT + plot_w / 2}" y="{HEIGHT - 14}" text-anchor="middle" font-size="12">{escape(panel.x_label)}</text>')
    out.append(f'<text transform="translate({offset_x + 16},{MARGIN_TOP + plot_h / 2}) rotate(-90)" text-anchor="middle" font-size="12">{escape(panel.y_label)}</text>')
    for i, (name, pts) in enumerate(panel.series):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.8"/>')
        if len(pts) <= 40:
            out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in pts)
        legend_y = MARGIN_TOP + 14 + 16 * i
        out.append(f'<line x1="{offset_x + WIDTH - MARGIN_RIGHT - 150}" y1="{legend_y - 4}" x2="{offset_x + WIDTH - MARGIN_RIGHT - 132}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{offset_x + WIDTH - MARGIN_RIGHT - 126}" y="{legend_y}" font-size="11">{escape(name)}</text>')
    return out


def write_svg(path, panels):
    panels = [p for p in panels if p.series]
    if not panels:
        raise ValueError("nothing to plot")
    body = []
    for i, panel in enumerate(panels):
        body += _panel_svg(panel, i * WIDTH)
    with open(path, "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH * len(panels)}" height="{HEIGHT}" '
                f'font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n')
        f.write("\n".join(body))
        f.write("\n</svg>\n")
