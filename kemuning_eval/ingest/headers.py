"""The header line of a CSV: its separator, and title rows above it (a sheet saved as CSV, a report).

:func:`detect_sep` picks the separator of a header line.

Exports written from a spreadsheet often start with a title ("Rekap Nilai
Pre-Test dan Post-Test"), a date line and a blank row before the header.
:func:`detect_csv_header_row` finds the header conservatively: leading rows
with at most two filled cells (one, in a two-column file), while a later row
fills more, are title rows; the first row after them is the header.  A file whose first row
is already wide is read from row 1, as before.

Examples
--------
>>> detect_csv_header_lines(["Rekap Nilai;;;", "Tahun 2026;;;", ";;;", "No;NIP;Pre;Post", "1;2;70;80"])
4
>>> detect_csv_header_lines(["No,NIP,Nilai", "1,2,80"])
1
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

#: How many leading lines are looked at.
MAX_SCAN = 30
_NUMBER = re.compile(r"[-+]?[\d.,\s']+")


def _filled(line: str, sep: str) -> int:
    cells = next(csv.reader([line], delimiter=sep), [])
    return sum(1 for c in cells if c.strip())


def detect_sep(header_line: str) -> str:
    """Return the most frequent of ``;``, ``,``, tab and ``|`` outside quotes.

    Examples
    --------
    >>> detect_sep('"Stempel waktu","Nama, lengkap";x')
    ','
    >>> detect_sep("No;NIP;Nilai")
    ';'
    """
    counts = {s: 0 for s in (",", ";", "\t", "|")}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def detect_csv_header_lines(lines: list[str], sep: str | None = None) -> int:
    """Return the 1-based header row of the first lines of a CSV (1 when no title rows).

    Parameters
    ----------
    lines : list of str
        The first lines of the file (without line ends).
    sep : str, optional
        Separator (default: detected on the widest line).

    Returns
    -------
    int
        1-based row of the header.

    Examples
    --------
    >>> detect_csv_header_lines(["Laporan", "", "Nama,Nilai,Kode", "Andi,80,PM"])
    3
    >>> detect_csv_header_lines(["Nama,Nilai", "Andi,80"]), detect_csv_header_lines(["Rekap", "NIP;Nilai", "1;80"])
    (1, 2)
    >>> detect_csv_header_lines(["No;NIP;;", "1;196608011988031001;80;x"])  # a sparse header stays
    1
    """
    lines = lines[:MAX_SCAN]
    if sep is None:
        seps = [detect_sep(line) for line in lines if line.strip()]
        sep = max(set(seps), key=seps.count) if seps else ","
    filled = [_filled(line, sep) for line in lines]
    if not filled or max(filled) < 2:
        return 1
    title = min(2, max(filled) - 1)  # a title row fills at most this many cells
    if filled[0] > title:
        return 1
    for i, n in enumerate(filled):
        if n > title:  # a header holds names, not numbers: else row 1 was a sparse header
            cells = next(csv.reader([lines[i]], delimiter=sep), [])
            return 1 if any(_NUMBER.fullmatch(c.strip()) for c in cells if c.strip()) else i + 1
    return 1


def detect_csv_header_row(path: Path, *, encoding: str, sep: str | None = None) -> int:
    """Return the 1-based header row of a CSV file (see :func:`detect_csv_header_lines`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "nilai.csv"
    ...     _ = f.write_text("Rekap Nilai;;\\n;;\\nNo;NIP;Nilai\\n1;2;80\\n", encoding="cp1252")
    ...     row = detect_csv_header_row(f, encoding="cp1252")
    >>> row
    3
    """
    lines = []
    try:
        with path.open(encoding=encoding, newline="") as fh:
            for _ in range(MAX_SCAN):
                line = fh.readline()
                if not line:
                    break
                lines.append(line.rstrip("\r\n"))
    except (UnicodeDecodeError, LookupError):
        return 1  # the reader reports the encoding problem itself
    return detect_csv_header_lines(lines, sep)
