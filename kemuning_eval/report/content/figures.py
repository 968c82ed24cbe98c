"""The report's figures, drawn from the typed results (matplotlib/seaborn, Agg).

Every function takes the results (:class:`~kemuning_eval.report.results.model.Metrics`, read as
attributes) and the language, and returns a
:class:`matplotlib.figure.Figure`, or ``None`` when there is nothing to
plot.  Figures draw only what the metrics publish, so a group suppressed
there (``n < min_n``) never appears in a figure.  :func:`figure_html` turns a
figure into an HTML ``<figure>`` with an embedded PNG (fixed dpi, no
``Software``/date metadata), escaped alt text and a caption.

Print and colour-blind safety: ColorBrewer ``PuOr`` (diverging) and the
seaborn ``colorblind`` palette, 9-10 pt text, grey grid lines.

Examples
--------
>>> from kemuning_eval.report.content.examples import crafted
>>> m = crafted({"qualitative": {"available": True, "n_excerpts": 5,
...              "themes": [{"theme": "a", "label": "Materi usang", "n": 3, "share": 0.6}]}})
>>> fig = themes_bar(m, "id")
>>> html = figure_html(fig, alt="<b>x</b>", caption="Gambar 1")
>>> html.startswith("<figure") and "&lt;b&gt;x&lt;/b&gt;" in html and "data:image/png;base64," in html
True
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, esc
from kemuning_eval.report.content.reading import available as _ok
from kemuning_eval.report.content.reading import min_group_size
from kemuning_eval.report.results.model import Metrics

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

DPI = 110
WIDTH = 6.5  # inches: fits an A4 page with margins
SALT = "kemuning-eval"


RC = {
    "svg.hashsalt": SALT,
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 9.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "savefig.dpi": DPI,
    "path.simplify": True,
}


def _setup() -> Any:
    """Apply the deterministic, print-friendly settings of :data:`RC`.

    Figures are made with :class:`matplotlib.figure.Figure` directly (no
    pyplot, no global backend switch), so a researcher's backend in
    JupyterLab is left alone; PNGs are rendered by the Agg canvas.
    """
    import matplotlib

    matplotlib.rcParams.update(RC)
    return matplotlib


def _new(height: float) -> tuple[Figure, Any]:
    _setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, height), dpi=DPI)
    return fig, fig.add_subplot()


def _place(fig: Figure, labels: list[str], *, bottom_in: float = 0.5, top_in: float = 0.35) -> Figure:
    """Fixed margins from the longest y label (cheaper than the constrained layout, same look).

    A character of the 9.5 pt labels is about 0.08 inch wide.
    """
    width, height = fig.get_size_inches()
    left_in = 0.25 + 0.08 * max((len(x) for x in labels), default=4)
    fig.subplots_adjust(left=min(left_in / width, 0.5), right=0.97,
                        bottom=min(bottom_in / height, 0.6), top=1 - min(top_in / height, 0.3))
    return fig


def _palette(n: int) -> list:
    import seaborn as sns

    return sns.color_palette("colorblind", n)


def _decimal(lang: str, decimals: int | None = None, *, absolute: bool = False):
    """Axis tick formatter with the report's decimal separator (auto: 0 or 1 decimals).

    ``absolute`` shows magnitudes only (the left half of a diverging bar chart).
    """
    from matplotlib.ticker import FuncFormatter

    from kemuning_eval.numfmt import fmt_number

    def auto(x: float) -> int:
        return 0 if float(x).is_integer() else 1

    def show(x: float, _pos: int) -> str:
        x = abs(x) if absolute else x
        return fmt_number(x, auto(x) if decimals is None else decimals, lang)

    return FuncFormatter(show)


def likert_diverging(m: Metrics, lang: str) -> Figure | None:
    """Diverging stacked bars of the answer shares per reaction dimension (neutral centred).

    Parameters
    ----------
    m : Metrics
        The results (``reaction.dimensions`` with ``shares`` per answer).
    lang : {"id", "en"}
        Language of titles, labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        One bar per dimension, lowest mean at the bottom; ``None`` without
        reaction data.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"reaction": {"available": True, "dimensions": [
    ...     {"dimension": "materi", "label": "Materi", "mean": 3.9,
    ...      "shares": {"1": 0.1, "2": 0.1, "3": 0.2, "4": 0.4, "5": 0.2}},
    ...     {"dimension": "fasilitas", "label": "Fasilitas", "mean": 4.2,
    ...      "shares": {"1": 0.0, "2": 0.1, "3": 0.1, "4": 0.5, "5": 0.3}}]}})
    >>> ax = likert_diverging(m, "en").axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()], len(ax.patches)
    (['Materi', 'Fasilitas'], 10)
    >>> print(likert_diverging(crafted(), "en"))
    None
    """
    reaction = _ok(m, "reaction")
    dims = [d for d in reaction.dimensions if d.shares] if reaction is not None else []
    if not dims:
        return None
    import matplotlib.colors as mcolors

    levels = sorted({int(k) for d in dims for k in d.shares})
    cmap = mcolors.LinearSegmentedColormap.from_list("puor", ["#b35806", "#f1a340", "#e0e0e0", "#998ec3", "#542788"])
    colors = [cmap(i / max(len(levels) - 1, 1)) for i in range(len(levels))]
    dims = sorted(dims, key=lambda d: (d.mean or 0, d.dimension))
    fig, ax = _new(0.45 * len(dims) + 1.3)
    mid = (levels[0] + levels[-1]) / 2
    for row, d in enumerate(dims):
        shares = [100 * float((d.shares[str(level)] if str(level) in d.shares else 0) or 0) for level in levels]
        neg = sum(s for lv, s in zip(levels, shares, strict=True) if lv < mid)
        neutral = sum(s for lv, s in zip(levels, shares, strict=True) if lv == mid)
        left = -neg - neutral / 2
        for level, share, color in zip(levels, shares, colors, strict=True):
            ax.barh(row, share, left=left, color=color, edgecolor="white", linewidth=0.5,
                    label=str(level) if row == 0 else None)
            left += share
    ax.axvline(0, color="#404040", linewidth=0.8)
    ax.set_yticks(range(len(dims)), [str(d.label or d.dimension) for d in dims])
    ax.set_xlabel(f"{t('report.fig.likert.neg', lang)}   %   {t('report.fig.likert.pos', lang)}")
    ax.xaxis.set_major_formatter(_decimal(lang, absolute=True))
    ax.set_title(t("report.fig.likert.title", lang))
    ax.legend(ncols=len(levels), loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.5 / fig.get_size_inches()[1]),
              frameon=False, fontsize=8.5, title=t("report.fig.likert.legend", lang), title_fontsize=8.5)
    ax.grid(axis="y", visible=False)
    return _place(fig, [str(d.label or d.dimension) for d in dims], bottom_in=1.15)


def prepost_box(tests: Any, m: Metrics, lang: str) -> Figure | None:
    """Box plots of pre- and post-test scores (participants with both), with the means marked.

    ``tests`` is the processed ``tests`` table, already restricted to the
    report's scope; nothing is drawn below the minimum group size.

    Parameters
    ----------
    tests : pandas.DataFrame or None
        Scores in columns ``pre`` and ``post`` (0-100).
    m : Metrics
        The results (``learning.overall`` means, ``study.min_group_size``).
    lang : {"id", "en"}
        Language of labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"learning": {"available": True, "overall": {"n": 6, "pre_mean": 57.5, "post_mean": 68.17}}})
    >>> tests = pd.DataFrame({"pre": [50, 55, 60, 45, 70, 65], "post": [60, 70, 66, 58, 75, 80]})
    >>> ax = prepost_box(tests, m, "en").axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()], tuple(float(x) for x in ax.get_xlim())
    (['Pre-test', 'Post-test'], (0.0, 100.0))
    >>> print(prepost_box(tests.head(4), m, "en"))  # fewer than min_group_size
    None
    """
    learning = _ok(m, "learning")
    min_n = min_group_size(m)
    if tests is None or learning is None or learning.overall.n is None:
        return None
    both = tests.dropna(subset=["pre", "post"])
    if len(both) < min_n:
        return None
    fig, ax = _new(3.2)
    labels = [t("report.fig.prepost.pre", lang), t("report.fig.prepost.post", lang)]
    colors = _palette(2)
    box = ax.boxplot([both["pre"].to_numpy(float), both["post"].to_numpy(float)], orientation="horizontal", widths=0.55,
                     patch_artist=True, showfliers=True, flierprops={"markersize": 3},
                     medianprops={"color": "black", "linewidth": 1.5})
    for patch, color in zip(box["boxes"], colors, strict=True):
        patch.set_facecolor(color)
        patch.set_alpha(0.55)
    ax.plot([learning.overall.pre_mean, learning.overall.post_mean], [1, 2], "D", color="black", markersize=5)
    ax.set_yticks([1, 2], labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("report.fig.prepost.ylabel", lang))
    ax.xaxis.set_major_formatter(_decimal(lang))
    ax.set_title(t("report.fig.prepost.title", lang))
    return _place(fig, labels)


def _interval_plot(rows: list[Any], values: list[float], xlabel: str, *, scale: float = 1.0,
                   zero: float | None = 0.0, lang: str) -> Figure:
    """One point per row (``values``) with the row's ``ci_low``-``ci_high``, labelled with its ``name``."""
    fig, ax = _new(0.42 * len(rows) + 1.2)
    color = _palette(1)[0]
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        est = scale * value
        low = scale * (row.ci_low if row.ci_low is not None else value)
        high = scale * (row.ci_high if row.ci_high is not None else value)
        ax.errorbar(est, i, xerr=[[est - low], [high - est]], fmt="o", color=color, capsize=3, markersize=5)
    if zero is not None:
        ax.axvline(zero, color="#404040", linewidth=0.8, linestyle="--")
    labels = [str(r.name or r.program_id) for r in rows]
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_formatter(_decimal(lang))
    ax.grid(axis="y", visible=False)
    return _place(fig, labels, top_in=0.15)


def learning_forest(m: Metrics, lang: str) -> Figure | None:
    """Forest plot of the mean score change (post - pre) per programme with 95% CIs.

    Parameters
    ----------
    m : Metrics
        The results (``learning.by_program``; suppressed rows are left out).
    lang : {"id", "en"}
        Language of labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        ``None`` with fewer than two programmes to show.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> rows = [{"program_id": "A", "name": "Alpha", "estimate": 10.7, "ci_low": 5.1, "ci_high": 16.2},
    ...         {"program_id": "B", "name": "Beta", "estimate": 3.2, "ci_low": -1.0, "ci_high": 7.4}]
    >>> m = crafted({"learning": {"available": True, "by_program": rows}})
    >>> [x.get_text() for x in learning_forest(m, "en").axes[0].get_yticklabels()]
    ['Alpha', 'Beta']
    >>> rows[1]["suppressed"] = True
    >>> print(learning_forest(crafted({"learning": {"available": True, "by_program": rows}}), "en"))
    None
    """
    learning = _ok(m, "learning")
    rows = [r for r in learning.by_program if not r.suppressed and r.estimate is not None] if learning else []
    if len(rows) < 2:
        return None
    return _interval_plot(rows, [r.estimate for r in rows], t("report.fig.forest.xlabel", lang), lang=lang)


def applying_bars(m: Metrics, lang: str) -> Figure | None:
    """Share applying (supervisor) per programme with Wilson 95% CIs, as percentages.

    Parameters
    ----------
    m : Metrics
        The results (``behavior.applying_by_program``; suppressed rows are
        left out).
    lang : {"id", "en"}
        Language of labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        ``None`` with fewer than two programmes to show.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"behavior": {"available": True, "applying_by_program": [
    ...     {"program_id": "A", "name": "Alpha", "share": 0.7, "ci_low": 0.5, "ci_high": 0.85},
    ...     {"program_id": "B", "name": "Beta", "share": 0.4, "ci_low": 0.2, "ci_high": 0.6}]}})
    >>> ax = applying_bars(m, "en").axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()], tuple(float(x) for x in ax.get_xlim())
    (['Alpha', 'Beta'], (0.0, 100.0))
    """
    behavior = _ok(m, "behavior")
    rows = [r for r in (behavior.applying_by_program or []) if not r.suppressed and r.share is not None] if behavior else []
    if len(rows) < 2:
        return None
    fig = _interval_plot(rows, [r.share for r in rows], "%", scale=100, zero=None, lang=lang)
    fig.axes[0].set_xlim(0, 100)
    return fig


def did_lines(m: Metrics, lang: str) -> Figure | None:
    """Small multiples: mean of each DiD outcome before/after, treated vs comparison units.

    With more than two periods (``results.event_study``) a second row shows
    the event study: the treated-comparison gap per period relative to the
    last pre period, with its 95% interval (pre-period points are the
    placebo check of parallel trends).

    Parameters
    ----------
    m : Metrics
        The results (``results.did`` with the four group means, optionally
        ``results.event_study``).
    lang : {"id", "en"}
        Language of labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        One panel per outcome (two rows with an event study); ``None``
        without estimated outcomes.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> did = [{"outcome": "on_time", "label": "On time", "mean_treated_pre": 0.6, "mean_treated_post": 0.8,
    ...         "mean_control_pre": 0.6, "mean_control_post": 0.65}]
    >>> ax = did_lines(crafted({"results": {"available": True, "did": did}}), "en").axes[0]
    >>> ax.get_title(), [line.get_label() for line in ax.get_lines()]
    ('On time', ['Led by alumni', 'Comparison'])
    >>> events = [{"outcome": "on_time", "relative": k, "estimate": e, "ci_low": e - 0.1, "ci_high": e + 0.1}
    ...           for k, e in ((-2, 0.01), (-1, 0.0), (0, 0.12), (1, 0.15))]
    >>> len(did_lines(crafted({"results": {"available": True, "did": did, "event_study": events}}), "en").axes)
    2
    """
    results = _ok(m, "results")
    rows = [r for r in results.did if r.mean_treated_pre is not None] if results is not None else []
    if not rows:
        return None
    _setup()
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    events: dict[str, list[Any]] = {}
    for e in results.event_study:
        events.setdefault(e.outcome, []).append(e)
    event_rows = bool(events) and all(r.outcome in events for r in rows)
    fig = Figure(figsize=(WIDTH, 5.0 if event_rows else 2.6), dpi=DPI)
    grid = fig.subplots(2 if event_rows else 1, len(rows), squeeze=False)
    axes = grid[0]
    fig.subplots_adjust(left=0.08 if not event_rows else 0.13, right=0.98, bottom=0.12 if not event_rows else 0.1,
                        top=0.9 if not event_rows else 0.94, wspace=0.4, hspace=0.55)
    c_treated, c_control = _palette(2)
    x = [0, 1]
    for ax, r in zip(axes, rows, strict=True):
        ax.plot(x, [r.mean_treated_pre, r.mean_treated_post], "o-", color=c_treated,
                label=t("report.fig.did.treated", lang), linewidth=2)
        ax.plot(x, [r.mean_control_pre, r.mean_control_post], "s--", color=c_control,
                label=t("report.fig.did.control", lang), linewidth=2)
        ax.set_xticks(x, [t("report.fig.did.pre", lang), t("report.fig.did.post", lang)])
        ax.set_xlim(-0.3, 1.3)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_formatter(_decimal(lang, 1 if abs(r.mean_treated_pre) >= 10 else 2))
        ax.set_title(str(r.label or r.outcome), fontsize=9)
        ax.margins(y=0.25)
    axes[0].legend(frameon=False, fontsize=8, loc="best")
    if event_rows:
        for ax, r in zip(grid[1], rows, strict=True):
            pts = sorted(events[r.outcome], key=lambda e: e.relative)
            rel = [e.relative for e in pts]
            est = [e.estimate for e in pts]
            low = [e.estimate if e.ci_low is None else e.ci_low for e in pts]
            high = [e.estimate if e.ci_high is None else e.ci_high for e in pts]
            ax.axhline(0, color="0.6", linewidth=0.8)
            ax.axvline(-0.5, color="0.6", linewidth=0.8, linestyle=":")
            ax.errorbar(rel, est, yerr=[[e - lo for e, lo in zip(est, low, strict=True)],
                                        [hi - e for e, hi in zip(est, high, strict=True)]],
                        fmt="o", color=c_treated, capsize=3, linewidth=1.2)
            ax.set_xticks(rel, [str(k) for k in rel])
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
            ax.yaxis.set_major_formatter(_decimal(lang, 2))
            ax.set_xlabel(t("report.fig.event.xlabel", lang), fontsize=8)
        grid[1][0].set_ylabel(t("report.fig.event.ylabel", lang), fontsize=8)
    return fig


def themes_bar(m: Metrics, lang: str) -> Figure | None:
    """Horizontal bars of the number of interview excerpts per theme.

    Parameters
    ----------
    m : Metrics
        The results (``qualitative.themes``).
    lang : {"id", "en"}
        Language of labels and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        Themes by decreasing count; ``None`` without themes.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"qualitative": {"available": True, "themes": [
    ...     {"theme": "b", "label": "Fasilitas", "n": 2}, {"theme": "a", "label": "Materi usang", "n": 3}]}})
    >>> ax = themes_bar(m, "id").axes[0]
    >>> [x.get_text() for x in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['Materi usang', 'Fasilitas'], [3.0, 2.0])
    """
    qualitative = _ok(m, "qualitative")
    themes = [th for th in qualitative.themes if th.n] if qualitative is not None else []
    if not themes:
        return None
    themes = sorted(themes, key=lambda th: (-th.n, th.theme))
    fig, ax = _new(0.38 * len(themes) + 1.0)
    labels = [str(th.label or th.theme) for th in themes]
    ax.barh(range(len(themes)), [th.n for th in themes], color=_palette(1)[0])
    ax.set_yticks(range(len(themes)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(t("report.fig.themes.xlabel", lang))
    ax.xaxis.set_major_formatter(_decimal(lang))
    ax.grid(axis="y", visible=False)
    return _place(fig, labels, top_in=0.15)


def comparison_bars(m: Metrics, lang: str) -> Figure | None:
    """Small multiples: each key indicator last year and this year.

    Parameters
    ----------
    m : Metrics
        The results (``findings.comparison`` and ``study.year``).
    lang : {"id", "en"}
        Language of titles and number formats.

    Returns
    -------
    matplotlib.figure.Figure or None
        One panel per indicator (three per row); ``None`` without a previous
        year.

    Examples
    --------
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"findings": {"comparison": {"previous_year": 2025, "rows": [
    ...     {"metric": "n_participants", "path": "study.n_participants", "previous": 1250, "current": 1400,
    ...      "fmt": "int"}]}}})
    >>> ax = comparison_bars(m, "id").axes[0]
    >>> ax.get_title(), [x.get_text() for x in ax.texts]
    ('Jumlah peserta', ['1.250', '1.400'])
    """
    comp = m.findings.comparison
    rows = [r for r in comp.rows if r.previous is not None and r.current is not None] if comp is not None else []
    if not rows:
        return None
    from kemuning_eval.report.content.wording import fmt_value

    _setup()
    from matplotlib.figure import Figure

    cols = min(3, len(rows))
    nrows = (len(rows) + cols - 1) // cols
    # fixed spacing instead of the constrained layout: six small panels, drawn fast
    fig = Figure(figsize=(WIDTH, 2.1 * nrows + 0.3), dpi=DPI)
    axes = fig.subplots(nrows, cols, squeeze=False).ravel()
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.08, top=0.9, wspace=0.45, hspace=0.6)
    colors = _palette(2)
    years = [str(comp.previous_year), str(m.study.year)]
    for ax, row in zip(axes, rows, strict=False):
        values = [row.previous, row.current]
        ax.bar(years, values, color=colors)
        for i, v in enumerate(values):
            ax.text(i, v, fmt_value(v, row.fmt, lang), ha="center", va="bottom", fontsize=8.5)
        ax.set_title(t(f"report.metric.{row.metric}", lang), fontsize=9)
        ax.yaxis.set_major_formatter(_decimal(lang))
        ax.margins(y=0.18)
    for ax in axes[len(rows):]:
        ax.set_visible(False)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Render ``fig`` to PNG at :data:`DPI`, without ``Software`` or date metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    bytes
        The PNG file, identical for identical figures.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> png = png_bytes(Figure(figsize=(1, 1)))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", b"Software" in png, png == png_bytes(Figure(figsize=(1, 1)))
    (True, False, True)
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def figure_html(fig: Figure | None, *, alt: str = "", caption: str = "", anchor: str | None = None) -> Html:
    """An HTML ``<figure>`` with the PNG embedded as base64, escaped alt text and caption.

    ``None`` (nothing to plot) gives an empty string, so notebooks can display the result directly.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or None
        The figure.
    alt : str
        Alternative text of the image (escaped).
    caption : str
        Caption (escaped).
    anchor : str, optional
        The figure's ``id`` (e.g. ``gambar-2``, the target of "Sumber: Gambar 2").

    Returns
    -------
    Html

    Examples
    --------
    >>> figure_html(None)
    Html('')
    >>> from matplotlib.figure import Figure
    >>> html = figure_html(Figure(figsize=(1, 1)), caption="Gambar 1 & 2")
    >>> html.endswith("<figcaption>Gambar 1 &amp; 2</figcaption></figure>")
    True
    """
    if fig is None:
        return Html("")
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return Html(f'<figure class="report-figure"{ident}><img alt="{esc(alt)}" src="data:image/png;base64,{data}" '
                f'style="max-width:100%;height:auto"><figcaption>{esc(caption)}</figcaption></figure>')
