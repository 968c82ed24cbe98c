"""Tables of the report: escaped HTML for the page, formula-safe CSV for spreadsheets.

Untrusted text stays text: every cell of an HTML table is escaped
(:func:`html.escape` on every cell and caption; no Styler, so no random uuids), and
every text cell of an exported CSV that a spreadsheet would read as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return)
is prefixed with an apostrophe (OWASP "CSV injection").

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5 hari"), neutralise("Baik")
('\\'=HYPERLINK("http://x")', "'-5 hari", 'Baik')
>>> import pandas as pd
>>> out = html_table(pd.DataFrame({"Nama": ["<script>x</script>"]}), caption="Tabel 1")
>>> "&lt;script&gt;x&lt;/script&gt;" in out and "<script>" not in out
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kemuning_eval.config import DEFAULT_MIN_GROUP_SIZE
from kemuning_eval.csvsafe import FORMULA_STARTS, csv_safe, neutralise, write_csv
from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, esc
from kemuning_eval.report.results.model import Metrics, Unavailable

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_safe", "neutralise", "write_csv", "html_table", "export_csv_tables",
           "formatted", "cell_value"]
#: a displayed cell that reads as a number (counts, means, %, Rupiah, CIs, p-values, "–")
_NUMERIC = re.compile(r"^-?(Rp ?|IDR )?[<>]?\s?-?[\d.,]+%?$|^\[-?[\d.,]+; -?[\d.,]+\]$|^\[-?[\d.,]+, -?[\d.,]+\]$|^–$")


def _is_numeric(values: Sequence[Any]) -> bool:
    texts = [str(v).strip() for v in values]
    return bool(texts) and all(_NUMERIC.match(x) for x in texts) and any(x != "–" for x in texts)


def html_table(frame: pd.DataFrame, *, caption: str | None = None, anchor: str | None = None) -> Html:
    """Render ``frame`` as an escaped HTML table (no index), with an optional caption and ``id``.

    Columns whose every cell reads as a number are right-aligned (``class="num"``),
    text columns are left-aligned.  ``anchor`` (e.g. ``tabel-3``) is the
    table's ``id``, the target of the report's "Sumber: Tabel 3" links.

    Examples
    --------
    >>> import pandas as pd
    >>> html = html_table(pd.DataFrame({"Program": ["A&B"], "n": ["1.234"]}))
    >>> '<td>A&amp;B</td>' in html and '<td class="num">1.234</td>' in html
    True
    """
    numeric = [_is_numeric(frame[c].tolist()) for c in frame.columns]
    cls = [' class="num"' if flag else "" for flag in numeric]
    lines = ['<table class="report-table"' + (f' id="{esc(anchor)}"' if anchor else "") + ">"]
    if caption:
        lines.append(f"  <caption>{esc(caption)}</caption>")
    head = "".join(f"<th{c}>{esc(str(name))}</th>" for name, c in zip(frame.columns, cls, strict=True))
    lines.append(f"  <thead><tr>{head}</tr></thead>")
    lines.append("  <tbody>")
    for row in frame.itertuples(index=False):
        cells = "".join(
            f"<td{c}>{v if isinstance(v, Html) else esc('–' if _missing(v) else str(v))}</td>"  # Html: quoted data, escaped
            for v, c in zip(row, cls, strict=True)
        )
        lines.append(f"    <tr>{cells}</tr>")
    lines.append("  </tbody>\n</table>")
    return Html("\n".join(lines))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


#: A table column: the row's attribute (or a function of the row), its ``report.col.*`` key, its formatter.
Column = tuple["str | Callable[[Any], Any]", str, "Callable[[Any], str] | None"]


def cell_value(row: Any, key: str | Callable[[Any], Any]) -> Any:
    """The value a column shows for ``row``: the attribute (or, for a built display row, the key) ``key``, or ``key(row)``.

    A mistyped name raises (``AttributeError`` / ``KeyError``), never shows "-".

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> row = SimpleNamespace(n=12, label="A")
    >>> cell_value(row, "n"), cell_value(row, lambda r: r.label.lower())
    (12, 'a')
    """
    if callable(key):
        return key(row)
    # a display row a content module built (a dict) by its key; a result record by its attribute
    return row[key] if isinstance(row, Mapping) else getattr(row, key)


def formatted(rows: Sequence[Any], columns: Sequence[Column], lang: str, *,
              min_n: int = DEFAULT_MIN_GROUP_SIZE, hidden: Callable[[Any], bool] | None = None) -> pd.DataFrame:
    """Build a display frame from result records: ``(attribute, catalogue column key, formatter)`` per column.

    Rows that ``hidden`` marks (a suppressed group) show ``n < min_n`` in
    their value columns (the count stays).

    Parameters
    ----------
    rows : sequence of records
        Result records (read as attributes, see :func:`cell_value`).
    columns : sequence of (str or callable, str, callable or None)
        Per column: the attribute (or a function of the row), the
        ``report.col.*`` catalogue key of its header, and the formatter
        (``None``: plain text, never masked).
    lang : {"id", "en"}
        Language of the headers and of the suppression text.
    min_n : int, default 5
        Smallest group shown (for the suppression text).
    hidden : callable, optional
        Whether a row is a suppressed group (its stored ``suppressed``).

    Returns
    -------
    pandas.DataFrame
        One row per record, all cells text.

    Examples
    --------
    >>> from types import SimpleNamespace as Row
    >>> cols = [("program_id", "program_id", None), ("n", "participants", str)]
    >>> rows = [Row(program_id="P1", n=12, suppressed=False), Row(program_id="P2", n=None, suppressed=True)]
    >>> formatted(rows, cols, "id", hidden=lambda r: r.suppressed).values.tolist()
    [['P1', '12'], ['P2', 'n < 5']]
    >>> list(formatted([], cols, "en").columns)
    ['Code', 'Participants']
    """
    import pandas as pd

    data = []
    for row in rows:
        out = {}
        small = hidden is not None and hidden(row)
        for key, col_key, fmt in columns:
            value = cell_value(row, key)
            if small and fmt is not None and (key != "n" or value is None):
                text = t("report.suppressed_cell", lang, min_n=min_n)
            elif fmt is None:
                text = "" if value is None else value if isinstance(value, Html) else str(value)
            else:
                text = fmt(value)
            out[t(f"report.col.{col_key}", lang)] = text
        data.append(out)
    # object cells: a quoted-data cell stays Html (a str dtype would turn it into a plain string and escape it)
    return pd.DataFrame(data, columns=[t(f"report.col.{c}", lang) for _, c, _ in columns], dtype=object)


#: CSV file name (under ``tabel/``) -> attribute path of a list of records in the results
CSV_TABLES = {
    "program.csv": "study.programs",
    "reaksi-dimensi.csv": "reaction.dimensions",
    "reaksi-butir.csv": "reaction.items",
    "reliabilitas.csv": "reaction.reliability",
    "ikm-unsur.csv": "reaction.ikm.elements",
    "ikm-laporan.csv": "reaction.ikm_report.elements",
    "ikm-program.csv": "reaction.ikm_report.by_program",
    "ikm-rtl.csv": "reaction.ikm_report.follow_up",
    "fasilitator.csv": "reaction.facilitator_report.rows",
    "pembelajaran-program.csv": "learning.by_program",
    "penerapan-program.csv": "behavior.applying_by_program",
    "hasil-did.csv": "results.did",
    "biaya-program.csv": "cost.by_program",
    "tema-wawancara.csv": "qualitative.themes",
    "kualitas-data.csv": "study.data_quality.rows",
    "profil-peserta.csv": "study.profile",
}


def _table_rows(m: Metrics, path: str) -> list[Any]:
    """The records at the dotted attribute ``path`` of the results; none when a step is not measured or absent."""
    node: Any = m
    for step in path.split("."):
        if node is None or isinstance(node, Unavailable):  # a level or part that was not measured
            return []
        node = getattr(node, step)
    return list(node or [])


def _flat(row: Any) -> dict[str, Any]:
    """A record's plain fields in model order (nested records, lists and mappings left out)."""
    values = {name: getattr(row, name) for name in type(row).model_fields}
    return {k: v for k, v in values.items() if not isinstance(v, (BaseModel, dict, list))}


def export_csv_tables(m: Metrics, folder: str | Path) -> list[Path]:
    """Write the report's tables as formula-safe CSV files for spreadsheet users.

    Values are those of ``metrics.json`` (full precision); suppressed rows
    keep their empty values.  Returns the files written, in name order.

    Parameters
    ----------
    m : Metrics
        The results (each table of :data:`CSV_TABLES` read as attributes).
    folder : str or Path
        Folder of the CSV files (created when missing).

    Returns
    -------
    list of Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kemuning_eval.report.content.examples import crafted
    >>> m = crafted({"study": {"programs": [{"program_id": "X", "name": "=HYPERLINK(1)"}]}})
    >>> [p.name for p in export_csv_tables(m, pathlib.Path(tempfile.mkdtemp()))]
    ['program.csv']
    """
    import pandas as pd

    written = []
    for name, path in sorted(CSV_TABLES.items()):
        rows = _table_rows(m, path)
        if rows:
            written.append(write_csv(pd.DataFrame([_flat(row) for row in rows]), Path(folder) / name))
    return written
