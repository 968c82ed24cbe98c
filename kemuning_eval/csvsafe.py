"""The one CSV writer of the package: formula-safe cells for spreadsheets.

A text cell that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return; OWASP "CSV injection")
is prefixed with an apostrophe, so Excel and LibreOffice show it as text,
every text cell is quoted, and a ``;`` followed by a formula start gets
the apostrophe too: Excel with Indonesian regional settings (list
separator ``;``) splits a comma-separated line at ``;`` (the quotes written
for ``,`` do not line up with those cells), so ``a;=HYPERLINK(...)`` would
otherwise start a cell with ``=``.  Numbers
(numeric columns) are left alone, unquoted.  Every CSV the package writes
(the duplicates report of ingest, the report's ``tabel/``) goes through
:func:`csv_bytes`; files are UTF-8 with a BOM so that Excel shows
Indonesian text correctly, ``\\n`` line ends, no index.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5 hari"), neutralise("Baik")
('\\'=HYPERLINK("http://x")', "'-5 hari", 'Baik')
>>> import pandas as pd
>>> csv_bytes(pd.DataFrame({"file": ['=HYPERLINK("x") survei.csv', "a;=1+1"], "n": [-3, 2]}))
b'\\xef\\xbb\\xbf"file","n"\\n"\\'=HYPERLINK(""x"") survei.csv",-3\\n"a;\\'=1+1",2\\n'
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Cell starts that make a spreadsheet evaluate the cell (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A formula start right after ";": where a spreadsheet that splits on ";" starts a cell.
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r])")


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
        :data:`FORMULA_STARTS`, and ``;'`` for a ``;`` followed by one (Excel
        with a ``;`` list separator starts a new cell there);
        other values unchanged.

    Examples
    --------
    >>> neutralise("@SUM(A1)"), neutralise(-3), neutralise(None)
    ("'@SUM(A1)", -3, None)
    >>> neutralise("Materi baik;=HYPERLINK(1)"), neutralise("a; -b")
    ("Materi baik;'=HYPERLINK(1)", 'a; -b')
    """
    if not isinstance(value, str):
        return value
    value = _AFTER_SEMICOLON.sub(";'", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells (and column names) are neutralised for spreadsheets.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; it is not modified.

    Returns
    -------
    pandas.DataFrame
        A copy with :func:`neutralise` applied to text (object, string,
        category) columns and to the column names; numeric columns are
        unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> out = csv_safe(pd.DataFrame({"=x": ["+62 811", "ok"], "n": [-1, 2]}))
    >>> list(out.columns), out.iloc[:, 0].tolist(), out["n"].tolist()
    (["'=x", 'n'], ["'+62 811", 'ok'], [-1, 2])
    """
    out = frame.copy()
    for col in out.columns:
        dtype = str(out[col].dtype)
        if dtype == "object" or dtype.startswith(("string", "str", "category")):
            out[col] = out[col].astype(object).map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as formula-safe CSV bytes (UTF-8 with BOM, ``\\n``, no index).

    Examples
    --------
    >>> import pandas as pd
    >>> csv_bytes(pd.DataFrame({"tema": ["=1+1"]}))
    b'\\xef\\xbb\\xbf"tema"\\n"\\'=1+1"\\n'
    """
    text = csv_safe(frame).to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a formula-safe CSV (see :func:`csv_bytes`); parent folders are created.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    path : str or Path
        Destination.

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
    b'\\xef\\xbb\\xbf"tema"\\n"\\'=1+1"\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(frame))
    return path
