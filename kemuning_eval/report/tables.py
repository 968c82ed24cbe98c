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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kemuning_eval.i18n import t
from kemuning_eval.report.htmlsafe import Html, esc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text that a spreadsheet would execute as a formula with ``'``; other values unchanged.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    object
        ``"'" + value`` when ``value`` is a string starting with one of
        :data:`FORMULA_STARTS`, else ``value`` itself.

    Examples
    --------
    >>> neutralise("@SUM(A1)"), neutralise(-3), neutralise(None)
    ("'@SUM(A1)", -3, None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells (and column names) are neutralised for spreadsheets.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; it is not modified.

    Returns
    -------
    pandas.DataFrame
        A copy with :func:`neutralise` applied to text columns and to the
        column names; numeric columns are unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> out = csv_safe(pd.DataFrame({"=x": ["+62 811", "ok"], "n": [-1, 2]}))
    >>> list(out.columns), out.iloc[:, 0].tolist(), out["n"].tolist()
    (["'=x", 'n'], ["'+62 811", 'ok'], [-1, 2])
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a formula-safe CSV (UTF-8 with BOM so that Excel shows Indonesian text correctly).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (written without its index, ``\\n`` line ends).
    path : str or Path
        Destination; parent folders are created.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_csv(pd.DataFrame({"tema": ["=1+1"]}), Path(d) / "t.csv")
    ...     print(out.read_bytes())
    b"\\xef\\xbb\\xbftema\\n'=1+1\\n"
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    csv_safe(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


#: a displayed cell that reads as a number (counts, means, %, Rupiah, CIs, p-values, "–")
_NUMERIC = re.compile(r"^(Rp )?[<>]?\s?-?[\d.,]+%?$|^\[-?[\d.,]+; -?[\d.,]+\]$|^\[-?[\d.,]+, -?[\d.,]+\]$|^–$")


def _is_numeric(values: Sequence[Any]) -> bool:
    texts = [str(v).strip() for v in values]
    return bool(texts) and all(_NUMERIC.match(x) for x in texts) and any(x != "–" for x in texts)


def html_table(frame: pd.DataFrame, *, caption: str | None = None) -> Html:
    """Render ``frame`` as an escaped HTML table (no index), with an optional caption.

    Columns whose every cell reads as a number are right-aligned (``class="num"``),
    text columns are left-aligned.

    Examples
    --------
    >>> import pandas as pd
    >>> html = html_table(pd.DataFrame({"Program": ["A&B"], "n": ["1.234"]}))
    >>> '<td>A&amp;B</td>' in html and '<td class="num">1.234</td>' in html
    True
    """
    numeric = [_is_numeric(frame[c].tolist()) for c in frame.columns]
    cls = [' class="num"' if flag else "" for flag in numeric]
    lines = ['<table class="report-table">']
    if caption:
        lines.append(f"  <caption>{esc(caption)}</caption>")
    head = "".join(f"<th{c}>{esc(str(name))}</th>" for name, c in zip(frame.columns, cls, strict=True))
    lines.append(f"  <thead><tr>{head}</tr></thead>")
    lines.append("  <tbody>")
    for row in frame.itertuples(index=False):
        cells = "".join(
            f"<td{c}>{esc('–' if _missing(v) else str(v))}</td>" for v, c in zip(row, cls, strict=True)
        )
        lines.append(f"    <tr>{cells}</tr>")
    lines.append("  </tbody>\n</table>")
    return Html("\n".join(lines))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def formatted(rows: Sequence[dict], columns: Sequence[tuple[str, str, Callable[[Any], str] | None]],
              lang: str, *, min_n: int = 5) -> pd.DataFrame:
    """Build a display frame from metric rows: ``(key, catalogue column key, formatter)`` per column.

    Suppressed rows show ``n < min_n`` in their value columns (the count stays).

    Parameters
    ----------
    rows : sequence of dict
        Metric rows; a row with a true ``"suppressed"`` is masked.
    columns : sequence of (str, str, callable or None)
        Per column: the row key, the ``report.col.*`` catalogue key of its
        header, and the formatter (``None``: plain text, never masked).
    lang : {"id", "en"}
        Language of the headers and of the suppression text.
    min_n : int, default 5
        Smallest group shown (for the suppression text).

    Returns
    -------
    pandas.DataFrame
        One row per metric row, all cells text.

    Examples
    --------
    >>> cols = [("program_id", "program_id", None), ("n", "participants", str)]
    >>> formatted([{"program_id": "P1", "n": 12}, {"program_id": "P2", "n": None, "suppressed": True}],
    ...           cols, "id").values.tolist()
    [['P1', '12'], ['P2', 'n < 5']]
    >>> list(formatted([], cols, "en").columns)
    ['Code', 'Participants']
    """
    import pandas as pd

    data = []
    for row in rows:
        out = {}
        for key, col_key, fmt in columns:
            value = row.get(key)
            if row.get("suppressed") and fmt is not None and (key != "n" or value is None):
                text = t("report.suppressed_cell", lang, min_n=min_n)
            elif fmt is None:
                text = "" if value is None else str(value)
            else:
                text = fmt(value)
            out[t(f"report.col.{col_key}", lang)] = text
        data.append(out)
    return pd.DataFrame(data, columns=[t(f"report.col.{c}", lang) for _, c, _ in columns])


#: CSV file name (under ``tabel/``) -> metric path of a list of rows
CSV_TABLES = {
    "program.csv": "study.programs",
    "reaksi-dimensi.csv": "reaction.dimensions",
    "reaksi-butir.csv": "reaction.items",
    "reliabilitas.csv": "reaction.reliability",
    "ikm-unsur.csv": "reaction.ikm.elements",
    "pembelajaran-program.csv": "learning.by_program",
    "penerapan-program.csv": "behavior.applying_by_program",
    "hasil-did.csv": "results.did",
    "biaya-program.csv": "cost.by_program",
    "tema-wawancara.csv": "qualitative.themes",
    "kualitas-data.csv": "study.data_quality.rows",
    "profil-peserta.csv": "study.profile",
}


def export_csv_tables(m: dict, folder: str | Path) -> list[Path]:
    """Write the report's tables as formula-safe CSV files for spreadsheet users.

    Values are those of ``metrics.json`` (rounded as shown); suppressed rows
    keep their NaN values.  Returns the files written, in name order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> m = {"study": {"programs": [{"program_id": "X", "name": "=HYPERLINK(1)"}]}}
    >>> [p.name for p in export_csv_tables(m, pathlib.Path(tempfile.mkdtemp()))]
    ['program.csv']
    """
    import pandas as pd

    from kemuning_eval.report.rules import get_path

    written = []
    for name, path in sorted(CSV_TABLES.items()):
        try:
            rows = get_path(m, path)
        except (KeyError, IndexError, TypeError):
            continue
        if not rows:
            continue
        flat = [{k: v for k, v in row.items() if not isinstance(v, (dict, list))} for row in rows]
        written.append(write_csv(pd.DataFrame(flat), Path(folder) / name))
    return written
