"""The extension point of the report notebooks: a researcher's own analysis cells.

A researcher adds a code cell to (her copy of) a report notebook, tagged
``researcher`` and ``remove-input``, right after the section it belongs to.
It computes with the library and the tables the setup cell loaded (``data``)
and shows its result through the report object, so that it looks like the
rest of the report: a sub-heading listed in the contents, a numbered table
with the report's style and number formats (``1.234,5`` in Bahasa
Indonesia), small groups hidden::

    units = data["participants"].groupby("unit").size().reset_index(name="n")
    display(rep.subheading("Peserta per unit kerja"))
    display(rep.table(units, [("unit", "Unit kerja", None), ("n", "Peserta", "int")],
                      caption="Peserta per unit kerja", n="n"))

See ``docs/report-pipeline.md`` ("Adding your own analysis").  The methods
live here, mixed into :class:`kemuning_eval.report.content.render.Report`.

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> from kemuning_eval.report.content.render import Report
>>> rep = Report(empty_metrics(2026, report_date="2026-12-15"), "id")
>>> html = rep.table([{"unit": "Dinas A", "n": 12, "mean": 1234.5}],
...                  [("unit", "Unit", None), ("n", "n", "int"), ("mean", "Rata-rata", "num1")],
...                  caption="Contoh")
>>> "<caption>Tabel 1. Contoh</caption>" in html, '<td class="num">1.234,5</td>' in html
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kemuning_eval.errors import check_arg
from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, heading
from kemuning_eval.report.content.reading import min_group_size
from kemuning_eval.report.content.tables import html_table
from kemuning_eval.report.results.model import Metrics

#: Tag of a researcher's cell (the notebook tests accept such cells, see tests/report/engine/test_notebooks.py).
RESEARCHER_TAG = "researcher"


class ResearcherCells:
    """Methods a researcher's cell calls on the report object (``rep``).

    Needs the report's typed results ``model``, its ``lang`` and
    ``_table_no`` (see :class:`kemuning_eval.report.content.render.Report`), so
    that added tables are numbered with the report's own and hide the groups
    below the study's ``privacy.min_group_size``.

    Examples
    --------
    >>> from kemuning_eval.report.content.render import Report
    >>> issubclass(Report, ResearcherCells)
    True
    """

    model: Metrics
    lang: str
    _table_no: int

    def subheading(self, text: str) -> Html:
        """Return a sub-heading (``h3``, escaped) for an added analysis; it is listed in the contents.

        Examples
        --------
        >>> from kemuning_eval.report.results.metrics import empty_metrics
        >>> from kemuning_eval.report.content.render import Report
        >>> print(Report(empty_metrics(2026), "id").subheading("Unit <kerja>"))
        <h3 id="unit-kerja">Unit &lt;kerja&gt;</h3>
        """
        return heading(3, text)

    def table(
        self,
        data: Any,
        columns: Sequence[tuple[str, str, str | None]],
        *,
        caption: str,
        n: str | None = None,
    ) -> Html:
        """Return a numbered table in the report's style.

        Parameters
        ----------
        data : DataFrame or sequence of dict
            The rows.
        columns : sequence of (str, str, str or None)
            Per column: the column of ``data``, its header, and the format
            (a key of :data:`kemuning_eval.report.content.wording.FORMATS`: ``int``,
            ``num1``-``num3``, ``pct1`` (a share 0-1), ``rupiah``, ``p``; or
            ``None`` for text).
        caption : str
            The table's caption, numbered with the report's other tables.
        n : str, optional
            The column counting respondents: rows below the study's
            ``privacy.min_group_size`` show ``n < 5`` instead of their values.

        Returns
        -------
        Html
            The ``<table class="report-table">`` (empty when there are no rows).

        Raises
        ------
        UsageError
            A format is not one of the report's formats.

        Examples
        --------
        >>> from kemuning_eval.report.results.metrics import empty_metrics
        >>> from kemuning_eval.report.content.render import Report
        >>> rep = Report(empty_metrics(2026), "en")
        >>> html = rep.table([{"g": "A", "n": 3, "share": 0.5}, {"g": "B", "n": 40, "share": 0.25}],
        ...                  [("g", "Group", None), ("n", "n", "int"), ("share", "Share", "pct1")],
        ...                  caption="Shares", n="n")
        >>> "<td>n &lt; 5</td>" in html, "25.0%" in html
        (True, True)
        """
        import pandas as pd

        from kemuning_eval.report.content.wording import FORMATS

        for _, _, kind in columns:
            check_arg(kind is None or kind in FORMATS, "columns", kind, ", ".join(FORMATS))
        rows = data.to_dict("records") if hasattr(data, "to_dict") else [dict(r) for r in data]
        if not rows:
            return Html("")
        min_n = min_group_size(self.model)
        hidden = t("report.suppressed_cell", self.lang, min_n=min_n)
        out = []
        for row in rows:
            small = n is not None and row.get(n) is not None and row[n] < min_n
            cells = {}
            for key, header, kind in columns:
                value = row.get(key)
                if kind is None:
                    cells[header] = "" if value is None else str(value)
                elif small and key != n:
                    cells[header] = hidden
                else:
                    cells[header] = FORMATS[kind](value, self.lang)
            out.append(cells)
        self._table_no += 1
        frame = pd.DataFrame(out, columns=[header for _, header, _ in columns])
        return html_table(frame, caption=t("install.researcher.caption", self.lang, n=self._table_no,
                                           caption=caption), anchor=f"tabel-{self._table_no}")
