"""Byte-reproducible writers: CSV, XLSX (fixed timestamps) and SPSS .sav (fixed header date).

Examples
--------
>>> import tempfile, pandas as pd
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> df = pd.DataFrame({"a": [1, 2]})
>>> write_xlsx(d / "x.xlsx", {"S": (df, ["Judul"])}, when=(2026, 1, 1))
>>> b1 = (d / "x.xlsx").read_bytes()
>>> write_xlsx(d / "x.xlsx", {"S": (df, ["Judul"])}, when=(2026, 1, 1))
>>> b1 == (d / "x.xlsx").read_bytes()
True
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd


def write_csv(path: Path, df: pd.DataFrame, *, sep: str = ",", decimal: str = ".",
              encoding: str = "utf-8", quote_text: bool = True,
              decimals: int | None = None) -> None:
    """Write ``df`` as CSV with ``\\n`` line ends, deterministically and fast (pyarrow).

    Text values are quoted when ``quote_text`` (as Google Forms exports do),
    otherwise nothing is quoted (training-system exports; a value containing
    ``sep`` is then an error).  Empty strings and NaN are written as empty
    fields; floats use ``decimal`` as decimal mark and, when ``decimals`` is
    given, exactly that many decimals.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "x.csv"
    >>> write_csv(f, pd.DataFrame({"a": ["x", "", "y"], "b": [1.5, float("nan"), 2.0]}),
    ...           sep=";", decimal=",", quote_text=False, decimals=1)
    >>> f.read_text()
    'a;b\\nx;1,5\\n;\\ny;2,0\\n'
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    cols = {}
    for name in df.columns:
        s = df[name]
        arr = pa.array(s, from_pandas=True)
        if pa.types.is_floating(arr.type) and decimals is not None:
            text = np.char.mod(f"%.{decimals}f", s.to_numpy("float64"))
            arr = pa.array(np.char.replace(text, ".", decimal), mask=s.isna().to_numpy())
        elif pa.types.is_floating(arr.type) and decimal != ".":
            arr = pc.replace_substring(pc.cast(arr, pa.string()), ".", decimal)
        elif pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
        cols[str(name)] = arr
    table = pa.table(cols)
    buf = io.BytesIO()
    pacsv.write_csv(table, buf, pacsv.WriteOptions(
        delimiter=sep, quoting_style="needed" if quote_text else "none",
        quoting_header="needed" if quote_text else "none"))
    data = buf.getvalue()
    if encoding.lower().replace("-", "") not in ("utf8",):
        data = data.decode("utf-8").encode(encoding)
    path.write_bytes(data)


def _fixed_zip(path: Path, when: tuple[int, int, int]) -> None:
    """Rewrite a zip (xlsx) with fixed entry timestamps and fixed core-properties dates."""
    stamp = f"{when[0]:04d}-{when[1]:02d}-{when[2]:02d}T00:00:00Z"
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(*when, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())


def write_xlsx(path: Path, sheets: dict[str, tuple[pd.DataFrame, list[str]]], *,
               when: tuple[int, int, int], title: str = "") -> None:
    """Write sheets ``name -> (frame, title rows above the header)`` with openpyxl.

    Title rows are followed by one empty row when present, so the header of a
    sheet with two title lines is on row 4.  Entry timestamps and the
    created/modified dates of the workbook are fixed to ``when``, so the same
    sheets give the same bytes.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` file to write (overwritten).
    sheets : dict of str to (DataFrame, list of str)
        Sheet name -> frame and title lines; ``Timestamp`` cells are written as dates.
    when : (int, int, int)
        Year, month and day stamped into the file.
    title : str, default ""
        Workbook title (document properties).

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> write_xlsx(f, {"Peserta": (pd.DataFrame({"a": [1, 2]}), ["Judul", "Sub"])}, when=(2026, 1, 1))
    >>> pd.read_excel(f, sheet_name="Peserta", header=3).to_dict("list")  # header on row 4
    {'a': [1, 2]}
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    fixed = dt.datetime(*when)
    wb.properties.created = fixed
    wb.properties.creator = "kemuning-eval synth"
    wb.properties.title = title
    for name, (df, titles) in sheets.items():
        ws = wb.create_sheet(name)
        for line in titles:
            ws.append([line])
        if titles:
            ws.append([])
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
    wb.save(path)
    _fixed_zip(path, when)


def _cell(v: object) -> object:
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime().date()
    if isinstance(v, np.generic):
        return v.item()
    return v


def write_sav(path: Path, df: pd.DataFrame, *, when: tuple[int, int, int], **kwargs) -> None:
    """Write an SPSS file with pyreadstat and pin its header creation date/time.

    The SAV header holds the creation date (9 bytes, ``dd Mmm yy``) at byte 92
    and time (8 bytes) at byte 101, after ``$FL2``, the 60-byte product name,
    five 4-byte integers and the 8-byte compression bias; both are
    overwritten with ``when``.

    Parameters
    ----------
    path : Path
        The ``.sav`` file to write (overwritten).
    df : DataFrame
        The data.
    when : (int, int, int)
        Year, month and day written into the header (time ``00:00:00``).
    **kwargs
        Passed to :func:`pyreadstat.write_sav` (``column_labels``,
        ``variable_value_labels``, ``file_label``, ...).

    Raises
    ------
    RuntimeError
        If the written file does not start with an SPSS signature.

    Examples
    --------
    >>> import tempfile
    >>> import pyreadstat
    >>> f = Path(tempfile.mkdtemp()) / "o.sav"
    >>> df = pd.DataFrame({"Penilai": [1.0, 2.0], "x": [3.5, None]})
    >>> write_sav(f, df, when=(2026, 12, 1), variable_value_labels={"Penilai": {1: "Atasan", 2: "Rekan"}})
    >>> f.read_bytes()[92:109]
    b'01 Dec 2600:00:00'
    >>> back, meta = pyreadstat.read_sav(str(f))
    >>> back["Penilai"].tolist(), meta.variable_value_labels["Penilai"][2.0]
    ([1.0, 2.0], 'Rekan')
    """
    import pyreadstat

    pyreadstat.write_sav(df, str(path), **kwargs)
    raw = bytearray(path.read_bytes())
    if raw[:4] not in (b"$FL2", b"$FL3"):
        raise RuntimeError(f"unexpected SPSS header in {path}")
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")[when[1] - 1]
    raw[92:101] = f"{when[2]:02d} {month} {when[0] % 100:02d}".encode("ascii")
    raw[101:109] = b"00:00:00"
    path.write_bytes(bytes(raw))
