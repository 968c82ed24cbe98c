"""One exception family for every problem a user can cause.

The message and hint come from the caller (already worded through the
catalogue); only the location words come from :mod:`kemuning_eval.texts`, so
this module imports nothing that imports it.  Every message says *what* is wrong, *where* (file, row, column, value) and
*what to do*.  The command line turns these into a clear message and exit
code 1 (a problem with the data) instead of a traceback.

Examples
--------
>>> err = DataError("nilai tidak dikenal", file="survei.csv", row=12,
...                 column="Materi", value="Sangat Stuju",
...                 hint="gunakan salah satu label: Sangat Setuju, Setuju")
>>> print(err)
nilai tidak dikenal [file survei.csv, baris 12, kolom 'Materi', nilai 'Sangat Stuju'] -> gunakan salah satu label: Sangat Setuju, Setuju
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kemuning_eval.texts import default_lang, text


class KemuningEvalError(ValueError):
    """Base class of every error a user can cause (exit code 1).

    Parameters
    ----------
    message : str
        What is wrong, in the user's language.
    file, row, column, value : optional
        Where the problem is.  ``row`` is the 1-based row as a spreadsheet
        shows it (header = row 1) when known.
    hint : str, optional
        What to do about it.

    Attributes
    ----------
    exit_code : int
        Exit code the command line returns for this error (1).

    Examples
    --------
    >>> err = KemuningEvalError("kolom hilang", file="a.csv", column="NIP",
    ...                         hint="tambahkan kolom NIP")
    >>> print(err)
    kolom hilang [file a.csv, kolom 'NIP'] -> tambahkan kolom NIP
    >>> err.exit_code, err.where()
    (1, "file a.csv, kolom 'NIP'")
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.hint = hint
        super().__init__(self.__str__())

    def where(self) -> str:
        """Return the location part of the message (may be empty)."""
        lang = default_lang()
        parts = []
        if self.file is not None:
            parts.append(text("cli.where.file", lang, file=self.file))
        if self.row is not None:
            parts.append(text("cli.where.row", lang, row=self.row))
        if self.column is not None:
            parts.append(text("cli.where.column", lang, column=repr(self.column)))
        if self.value is not None:
            parts.append(text("cli.where.value", lang, value=repr(str(self.value))))
        return ", ".join(parts)

    def __str__(self) -> str:
        text = self.message
        where = self.where()
        if where:
            text += f" [{where}]"
        if self.hint:
            text += f" -> {self.hint}"
        return text


class ConfigError(KemuningEvalError):
    """The study configuration or a codebook is wrong.

    Examples
    --------
    >>> err = ConfigError("tahun tidak valid", file="studi.yaml", value="20x6")
    >>> print(err)
    tahun tidak valid [file studi.yaml, nilai '20x6']
    >>> isinstance(err, KemuningEvalError), err.exit_code
    (True, 1)
    """


class DataError(KemuningEvalError):
    """A raw data file cannot be read or fails a rule.

    Examples
    --------
    >>> err = DataError("nilai di luar rentang", file="survei.csv", row=4, value=9)
    >>> print(err)
    nilai di luar rentang [file survei.csv, baris 4, nilai '9']
    >>> err.row
    4
    """


class PrivacyError(KemuningEvalError):
    """Identifying data would leave the raw folder, or the key is missing.

    Examples
    --------
    >>> err = PrivacyError("kunci pseudonim tidak ditemukan", hint="jalankan init")
    >>> print(err)
    kunci pseudonim tidak ditemukan -> jalankan init
    >>> isinstance(err, DataError)
    False
    """


class ReportError(KemuningEvalError):
    """Executing or exporting a report notebook failed.

    Examples
    --------
    >>> print(ReportError("notebook gagal", file="laporan.ipynb"))
    notebook gagal [file laporan.ipynb]
    >>> ReportError("x").exit_code
    1
    """


class UsageError(KemuningEvalError):
    """Bad arguments to a function or the command line (exit code 2).

    Examples
    --------
    >>> err = UsageError("argumen tidak dikenal: --tahun")
    >>> err.exit_code, isinstance(err, KemuningEvalError)
    (2, True)
    """

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One validation finding, collected so that all are reported together.

    Examples
    --------
    >>> Problem("survei.csv", 3, "Materi", "7", "di luar rentang 1-5").severity
    'error'
    """

    file: str
    row: int | None
    column: str | None
    value: Any
    rule: str
    severity: str = "error"
    hint: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


class ValidationFailed(DataError):
    """Raised with every :class:`Problem` found in one pass.

    Parameters
    ----------
    message : str
        Summary of the failure, in the user's language.
    problems : list of Problem
        Every finding; kept (as a copy) in :attr:`problems`.
    hint : str, optional
        What to do about it.

    Examples
    --------
    >>> found = [Problem("survei.csv", 3, "Materi", "7", "di luar rentang 1-5"),
    ...          Problem("survei.csv", 5, "NIP", "123", "NIP tidak valid")]
    >>> err = ValidationFailed("2 masalah ditemukan", found, hint="perbaiki file")
    >>> print(err)
    2 masalah ditemukan -> perbaiki file
    >>> [p.row for p in err.problems], isinstance(err, DataError)
    ([3, 5], True)
    """

    def __init__(self, message: str, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__(message, hint=hint)


def check_arg(condition: bool, name: str, value: Any, expected: str) -> None:
    """Raise :class:`UsageError` worded the same way for every bad argument.

    Examples
    --------
    >>> check_arg(True, "min_n", 5, "a positive integer")
    >>> check_arg(False, "min_n", -1, "a positive integer")
    Traceback (most recent call last):
    ...
    kemuning_eval.errors.UsageError: argument 'min_n' must be a positive integer, got -1
    """
    if not condition:
        raise UsageError(f"argument {name!r} must be {expected}, got {value!r}")


class BusyError(KemuningEvalError):
    """A file or a study year is in use: another run holds the year's lock, or a
    published file is open (locked) in another program, e.g. Excel on Windows.

    Examples
    --------
    >>> err = BusyError("berkas sedang dibuka program lain", file="metrics.json",
    ...                 hint="tutup berkas itu, lalu jalankan lagi")
    >>> err.exit_code, isinstance(err, KemuningEvalError)
    (1, True)
    """
