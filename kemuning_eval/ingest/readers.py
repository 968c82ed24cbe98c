"""Read raw exports (CSV, XLSX, SPSS .sav) into text columns with spreadsheet row numbers.

Every reader returns a :class:`RawTable`: all cells as text (``str`` dtype,
missing = NaN) so that codebooks decide the types, plus the row number each
record has in the spreadsheet (header row + 1 for the first record) for error
messages.  Detection (encoding, separator, decimal mark, header row) can
always be overridden by the caller (``studi.yaml`` input options).

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "nilai.csv"
>>> _ = f.write_bytes("No;Nama;Nilai\\n1;Andi;85,5\\n".encode("cp1252"))
>>> t = read_table(f)
>>> list(t.frame.columns), t.sep, t.decimal, t.encoding, t.rows.tolist()
(['No', 'Nama', 'Nilai'], ';', ',', 'utf-8', [2])
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kemuning_eval.errors import DataError
from kemuning_eval.i18n import t
from kemuning_eval.ingest.checks import unique_headers
from kemuning_eval.ingest.headers import detect_csv_header_row, detect_sep

#: Suffixes the readers understand.
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SAV_SUFFIXES = (".sav", ".zsav")


@dataclass
class RawTable:
    """A raw export as text columns.

    Attributes
    ----------
    frame : pandas.DataFrame
        One column per raw header, values as text (NaN = empty).
    rows : numpy.ndarray
        Row number of each record as the spreadsheet shows it.
    file : str
        File name (for messages).
    value_labels : dict
        SPSS value labels per column (code text -> label).
    column_labels : dict
        SPSS variable labels per column.
    kind : {"csv", "xlsx", "sav"}
        Which reader produced it.
    sep, decimal, encoding : str or None
        CSV options used (detected or given); ``decimal`` is ``"."`` for
        Excel and SPSS.
    header_row : int
        1-based row of the header.
    sheet : str or int or None
        Excel sheet read.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> raw = RawTable(frame=pd.DataFrame({"Nilai": ["85,5", None]}), rows=np.array([2, 4]),
    ...                file="tes.csv", sep=";", decimal=",")
    >>> raw.kind, raw.header_row, raw.rows.tolist(), raw.value_labels
    ('csv', 1, [2, 4], {})
    """

    frame: Any
    rows: Any
    file: str
    kind: str = "csv"
    sep: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    header_row: int = 1
    sheet: str | int | None = None
    value_labels: dict = field(default_factory=dict)
    column_labels: dict = field(default_factory=dict)


def detect_encoding(path: Path) -> str:
    """Return ``utf-8-sig`` (BOM), ``utf-16`` (BOM, Excel's "Unicode Text"), ``utf-8`` or ``cp1252``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = f.write_bytes("Kota;Catatan\\nBandung;caf\\u00e9\\n".encode("cp1252"))
    >>> detect_encoding(f)
    'cp1252'
    >>> _ = f.write_bytes("Kota\\tCatatan\\n".encode("utf-16"))
    >>> detect_encoding(f)
    'utf-16'
    """
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"

    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _to_text(series: Any) -> Any:
    """Return a column as text, integral floats written without ``.0``."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(series):
        return series.map({True: "1", False: "0"}).astype("str")
    if pd.api.types.is_numeric_dtype(series):
        values = series.astype("float64")
        finite = values.dropna()
        if len(finite) and (finite % 1 == 0).all() and finite.abs().max() < 2**53:
            return values.astype("Int64").astype("str").where(values.notna())
        return values.astype("str").where(values.notna())
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d %H:%M:%S").where(series.notna())
    uniques = series.dropna().unique()
    mapping = {}
    for u in uniques:
        if isinstance(u, float) and u.is_integer() and abs(u) < 2**53:
            mapping[u] = str(int(u))
        elif hasattr(u, "isoformat") and not isinstance(u, str):
            mapping[u] = str(u)
        else:
            mapping[u] = str(u)
    return series.map(mapping).astype("str").where(series.notna())


def _clean_frame(frame: Any, first_row: int) -> tuple[Any, Any]:
    """Strip cells, drop empty records (keeping row numbers) and unnamed empty columns."""
    import numpy as np

    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    for col in frame.columns:
        s = frame[col].astype("str").str.strip()
        frame[col] = s.where(s != "")
    rows = np.arange(first_row, first_row + len(frame), dtype="int64")
    keep = frame.notna().any(axis=1).to_numpy()
    frame = frame.loc[keep].reset_index(drop=True)
    rows = rows[keep]
    drop = [c for c in frame.columns if c.startswith("Unnamed:") and frame[c].isna().all()]
    return frame.drop(columns=drop), rows


_ARROW_MIN_BYTES = 5_000_000


def _arrow_safe(path: Path, header_row: int) -> bool:
    """True when pyarrow's multi-threaded reader gives the same rows: a big file, header on
    row 1 and no blank lines (pyarrow skips them, which would shift row numbers)."""
    if header_row != 1 or path.stat().st_size < _ARROW_MIN_BYTES:
        return False
    import mmap

    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b"\n\n") < 0 and data.find(b"\n\r\n") < 0


def _read_csv_arrow(path: Path, *, sep: str, encoding: str) -> Any:
    """Read all columns as text with pyarrow; None when pyarrow cannot (the caller falls back)."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    with path.open(encoding=encoding, newline="") as fh:
        names = next(csv.reader([fh.readline()], delimiter=sep), [])
    names = [n.lstrip("\ufeff") for n in names]
    if not names or len(set(names)) != len(names) or any(not n.strip() for n in names):
        return None
    arrow_encoding = "utf8" if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig") \
        else encoding
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding=arrow_encoding, column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, LookupError):
        return None
    import numpy as np
    import pandas as pd

    text = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' "str" dtype, zero-copy from Arrow
    frame = table.to_pandas(types_mapper={pa.string(): text, pa.large_string(): text}.get)
    frame.columns = names
    return frame


def read_csv(path: Path, *, sep: str | None = None, decimal: str | None = None,
             encoding: str | None = None, header_row: int | None = None) -> RawTable:
    """Read a CSV export (comma or semicolon, UTF-8 with/without BOM or Windows-1252).

    Parameters
    ----------
    path : Path
        The file.
    sep : str, optional
        Separator (default: :func:`~kemuning_eval.ingest.headers.detect_sep` on the header line).
    decimal : str, optional
        Decimal mark (default: ``,`` when ``sep`` is ``;``, else ``.``).
    encoding : str, optional
        Text encoding (default: :func:`detect_encoding`).
    header_row : int, optional
        1-based row of the header (default: 1, or the first row after title
        rows, :func:`~kemuning_eval.ingest.headers.detect_csv_header_row`);
        rows above it are skipped.

    Returns
    -------
    RawTable
        Cells stripped, empty records dropped with their row numbers kept.

    Raises
    ------
    DataError
        When the encoding is wrong, the header row is empty, or the CSV
        cannot be parsed.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "tes.csv"
    ...     _ = f.write_text("Laporan nilai\\nNIP,Nilai\\n1, 80 \\n,\\n2,90.5\\n", encoding="utf-8")
    ...     raw = read_csv(f, header_row=2)
    >>> raw.frame.values.tolist(), raw.rows.tolist(), raw.sep, raw.decimal
    ([['1', '80'], ['2', '90.5']], [3, 5], ',', '.')
    """
    import pandas as pd


    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # a long free-text answer is data, not an error
    encoding = encoding or detect_encoding(path)
    header_row = header_row or detect_csv_header_row(path, encoding=encoding, sep=sep)
    try:
        with path.open(encoding=encoding, newline="") as fh:
            lines = [fh.readline() for _ in range(header_row)]
    except UnicodeDecodeError as exc:
        raise DataError(t("ingest.read.encoding", encoding=repr(encoding)), file=path.name,
                        hint=t("ingest.read.encoding_hint", reason=exc.reason)) from None
    header = lines[-1] if lines else ""
    if "\x00" in "".join(lines):  # binary data (or UTF-16 without its BOM), not a text export
        raise DataError(t("ingest.read.nul_bytes"), file=path.name, row=header_row,
                        hint=t("ingest.read.nul_bytes_hint"))
    if not header.strip():
        raise DataError(t("ingest.read.empty_header"), file=path.name, row=header_row,
                        hint=t("ingest.read.empty_header_hint"))
    sep = sep or detect_sep(header)
    unique_headers(next(csv.reader([header], delimiter=sep), []), file=path.name, row=header_row)
    if decimal is None:
        decimal = "," if sep == ";" else "."
    try:
        frame = None
        if _arrow_safe(path, header_row):
            frame = _read_csv_arrow(path, sep=sep, encoding=encoding)
        if frame is None:
            frame = pd.read_csv(path, sep=sep, encoding=encoding, dtype="str",
                                keep_default_na=False, na_values=[""], skip_blank_lines=False,
                                skiprows=header_row - 1, quotechar='"')
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(t("ingest.read.csv_error", error=exc), file=path.name,
                        hint=t("ingest.read.csv_error_hint")) from None
    except pd.errors.EmptyDataError:
        raise DataError(t("ingest.read.empty"), file=path.name, hint=t("ingest.read.export_again")) from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas made the extra fields an index
        raise DataError(t("ingest.read.too_many_fields", n=frame.columns.size), file=path.name,
                        row=_first_long_row(path, encoding, sep, header_row, frame.columns.size),
                        hint=t("ingest.read.too_many_fields_hint"))
    frame, rows = _clean_frame(frame, header_row + 1)
    return RawTable(frame=frame, rows=rows, file=path.name, kind="csv", sep=sep,
                    decimal=decimal, encoding=encoding, header_row=header_row)


def _first_long_row(path: Path, encoding: str, sep: str, header_row: int, width: int) -> int | None:
    """The spreadsheet row of the first record with more fields than the header has."""
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=sep)
        for number, record in enumerate(reader, start=1):
            if number > header_row and len(record) > width:
                return reader.line_num
    return None


def detect_header_row(grid: Any, max_scan: int = 30) -> int:
    """Return the 1-based row of the header in a sheet read without header.

    The header is the first row, among the first ``max_scan``, that has as
    many filled cells as the widest row and only text in them; title rows
    above it (one or two filled cells) are skipped.

    Examples
    --------
    >>> import pandas as pd
    >>> grid = pd.DataFrame([["Daftar Peserta", None, None], [None, None, None],
    ...                      ["No", "Nama", "NIP"], [1, "Andi", "1966"]])
    >>> detect_header_row(grid)
    3
    """
    head = grid.head(max_scan)
    filled = head.notna().sum(axis=1)
    if not len(filled) or filled.max() == 0:
        return 1
    widest = filled.max()
    for i, (_, row) in enumerate(head.iterrows()):
        values = row.dropna()
        if len(values) >= max(2, widest * 0.8) and all(isinstance(v, str) for v in values):
            return i + 1
    return int(filled.to_numpy().argmax()) + 1


def _sheet_grid(book: Any, sheet: str) -> Any:
    """Return a sheet's cells as an object DataFrame, without header, as openpyxl stores them.

    Unlike ``pandas.read_excel`` this keeps Excel error values (``#DIV/0!``,
    ``#N/A``) as their text instead of turning them into empty cells, and
    keeps a number cell's float as it is (so a NIP rounded by Excel is seen
    as a number, not as a plausible 18-digit integer).
    """
    import pandas as pd

    ws = book[sheet]
    ws.reset_dimensions()
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)


def _pick_sheet(book: Any, sheet: str | int | None, file: str) -> tuple[str, Any]:
    """The sheet asked for (name with case and spaces forgiven, or 1-based number) and its grid."""
    names = book.sheetnames
    if sheet is None:
        sheet = names[0]
    elif isinstance(sheet, int):
        if not 1 <= sheet <= len(names):
            raise DataError(t("ingest.read.no_sheet_number", sheet=sheet), file=file,
                            hint=t("ingest.read.sheets", sheets=", ".join(names)))
        sheet = names[sheet - 1]
    elif sheet not in names:
        lower = {n.lower().strip(): n for n in names}
        if sheet.lower().strip() not in lower:
            raise DataError(t("ingest.read.no_sheet", sheet=repr(sheet)), file=file,
                            hint=t("ingest.read.sheets", sheets=", ".join(names)))
        sheet = lower[sheet.lower().strip()]
    return sheet, _sheet_grid(book, sheet)


def read_xlsx(path: Path, *, sheet: str | int | None = None, header_row: int | None = None) -> RawTable:
    """Read one sheet of a workbook; title rows above the header are skipped.

    Parameters
    ----------
    path : Path
        The ``.xlsx``/``.xlsm`` file.
    sheet : str or int, optional
        Sheet name (case and surrounding spaces forgiven) or 1-based number
        (default: the first sheet).
    header_row : int, optional
        1-based header row (default: :func:`detect_header_row`).

    Returns
    -------
    RawTable
        Cells as text (integral numbers without ``.0``); ``file`` is
        ``name.xlsx[sheet]``.

    Raises
    ------
    DataError
        When the workbook cannot be opened, the sheet does not exist or is
        empty, or the header row is beyond the data.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import Workbook
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "peserta.xlsx"
    ...     book = Workbook()
    ...     book.active.title = "Data"
    ...     for row in [["Daftar Peserta"], [], ["No", "Nilai"], [1, 85.5], [2, 90]]:
    ...         book.active.append(row)
    ...     book.save(f)
    ...     raw = read_xlsx(f, sheet="data")
    ...     try:
    ...         read_xlsx(f, sheet=2)
    ...     except DataError as exc:
    ...         hint = exc.hint
    >>> raw.file, raw.header_row, raw.frame.values.tolist(), raw.rows.tolist()
    ('peserta.xlsx[Data]', 3, [['1', '85.5'], ['2', '90']], [4, 5])
    >>> "Data" in hint
    True
    """

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise DataError(t("ingest.read.xlsx_error", error=exc), file=path.name,
                        hint=t("ingest.read.xlsx_error_hint")) from None
    try:
        sheet, grid = _pick_sheet(book, sheet, path.name)
    finally:
        book.close()
    if grid.empty or grid.notna().sum().sum() == 0:
        raise DataError(t("ingest.read.empty_sheet", sheet=repr(sheet)), file=path.name, hint=t("ingest.read.empty_sheet_hint"))
    header_row = header_row or detect_header_row(grid)
    if header_row > len(grid):
        raise DataError(t("ingest.read.header_beyond", row=header_row), file=path.name)
    header = grid.iloc[header_row - 1]
    cols = []
    for i, h in enumerate(header):
        cols.append(f"Unnamed: {i}" if h is None or (isinstance(h, float) and h != h) else str(h))
    unique_headers(cols, file=f"{path.name}[{sheet}]", row=header_row)
    body = grid.iloc[header_row:].reset_index(drop=True)
    body.columns = cols
    for col in cols:
        body[col] = _to_text(body[col])
    frame, rows = _clean_frame(body, header_row + 1)
    return RawTable(frame=frame, rows=rows, file=f"{path.name}[{sheet}]", kind="xlsx",
                    decimal=".", header_row=header_row, sheet=sheet)


def read_sav(path: Path) -> RawTable:
    """Read an SPSS file; codes stay codes, value labels are kept in ``value_labels``.

    Parameters
    ----------
    path : Path
        The ``.sav``/``.zsav`` file.

    Returns
    -------
    RawTable
        Codes as text; ``value_labels`` (code text -> label) and
        ``column_labels`` (variable labels) from the file.

    Raises
    ------
    DataError
        When pyreadstat cannot read the file.

    Examples
    --------
    >>> import tempfile, pandas as pd, pyreadstat
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "survei.sav"
    ...     pyreadstat.write_sav(pd.DataFrame({"q1": [5.0, 4.0]}), str(f),
    ...                          column_labels=["Materi relevan"],
    ...                          variable_value_labels={"q1": {5.0: "Sangat Setuju", 4.0: "Setuju"}})
    ...     raw = read_sav(f)
    >>> raw.frame["q1"].tolist(), raw.value_labels["q1"]["5"], raw.column_labels
    (['5', '4'], 'Sangat Setuju', {'q1': 'Materi relevan'})
    """
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # pyreadstat.ReadstatError and OSError
        raise DataError(t("ingest.read.sav_error", error=exc), file=path.name,
                        hint=t("ingest.read.sav_error_hint")) from None
    for col in frame.columns:
        frame[col] = _to_text(frame[col])
    value_labels = {}
    for col, labels_name in meta.variable_to_label.items():
        labels = meta.value_labels.get(labels_name, {})
        value_labels[col] = {_to_text_scalar(k): str(v) for k, v in labels.items()}
    frame, rows = _clean_frame(frame, 2)
    return RawTable(frame=frame, rows=rows, file=path.name, kind="sav", decimal=".",
                    value_labels=value_labels,
                    column_labels={k: v for k, v in meta.column_names_to_labels.items() if v})


def _to_text_scalar(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: str | Path, *, sep: str | None = None, decimal: str | None = None,
               encoding: str | None = None, sheet: str | int | None = None,
               header_row: int | None = None) -> RawTable:
    """Read any supported export; the reader is chosen by the file suffix.

    Parameters
    ----------
    path : str or Path
        The export: ``.csv``/``.txt``/``.tsv``, ``.xlsx``/``.xlsm`` or
        ``.sav``/``.zsav``.
    sep, decimal, encoding, header_row : optional
        Passed to :func:`read_csv` (``header_row`` also to :func:`read_xlsx`);
        a given ``decimal`` overrides the reader's for every kind.
    sheet : str or int, optional
        Passed to :func:`read_xlsx`.

    Returns
    -------
    RawTable

    Raises
    ------
    DataError
        When the file is missing, empty, of an unknown kind or unreadable,
        or has a header but no data rows.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     tsv = Path(tmp) / "a.tsv"
    ...     _ = tsv.write_text("NIP\\tNilai\\n1\\t7,5\\n", encoding="utf-8")
    ...     raw = read_table(tsv, decimal=",")
    ...     empty = Path(tmp) / "b.csv"
    ...     _ = empty.write_text("NIP;Nilai\\n", encoding="utf-8")
    ...     try:
    ...         read_table(empty)
    ...     except DataError as exc:
    ...         no_rows = exc.file
    >>> raw.sep, raw.decimal, raw.frame["Nilai"].tolist(), no_rows
    ('\\t', ',', ['7,5'], 'b.csv')
    >>> read_table("tidak-ada.csv")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.DataError: ...
    """
    path = Path(path)
    if path.is_dir():
        raise DataError(t("boundary.is_dir", detail=path.name), file=str(path), hint=t("boundary.is_dir_hint"))
    if path.exists() and not path.is_file():
        raise DataError(t("ingest.read.not_regular"), file=str(path), hint=t("boundary.is_dir_hint"))
    if not path.is_file():
        raise DataError(t("ingest.read.not_found"), file=str(path), hint=t("ingest.read.not_found_hint"))
    if path.stat().st_size == 0:
        raise DataError(t("ingest.read.zero_bytes"), file=path.name, hint=t("ingest.read.export_again"))
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        table = read_csv(path, sep=sep or ("\t" if suffix == ".tsv" else None), decimal=decimal,
                         encoding=encoding, header_row=header_row)
    elif suffix in XLSX_SUFFIXES:
        table = read_xlsx(path, sheet=sheet, header_row=header_row)
    elif suffix in SAV_SUFFIXES:
        table = read_sav(path)
    else:
        raise DataError(t("ingest.read.unknown_kind", suffix=repr(suffix)), file=path.name,
                        hint=t("ingest.read.unknown_kind_hint"))
    if decimal is not None:
        table.decimal = decimal
    if table.frame.empty:
        raise DataError(t("ingest.read.no_rows"), file=table.file,
                        hint=t("ingest.read.no_rows_hint"))
    return table
