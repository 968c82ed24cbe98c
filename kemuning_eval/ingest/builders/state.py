"""What one ingestion run shares between its builders: configuration, key, inputs, findings, caches.

:class:`RunState` is created once per run (by
:func:`kemuning_eval.ingest.pipeline.validate_study` or
:func:`~kemuning_eval.ingest.pipeline.ingest_study`), filled with the inputs
by :func:`kemuning_eval.ingest.builders.read.read_inputs`, and then handed to
every builder.  Tables are not part of it: each builder returns its own.

Examples
--------
>>> from pathlib import Path
>>> from kemuning_eval.config import StudyConfig, StudyInfo
>>> d = Path("/data/raw/2026")
>>> state = RunState(StudyConfig(path=d / "studi.yaml", raw_dir=d, study=StudyInfo(year=2026),
...                              inputs={}), b"kunci-rahasia-contoh")
>>> state.problem("tes.csv", "unkeyed", "tanpa NIP", rows=[5, 3])
>>> state.clean("tests", "read", 10, 9)
>>> state.year, state.problems[0].row, state.problems[0].extra["n"], state.cleaning[0]["rows_out"]
(2026, 3, 2, 9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kemuning_eval.config import StudyConfig
from kemuning_eval.errors import Problem
from kemuning_eval.ingest import duplicates as dupmod
from kemuning_eval.ingest.builders.ids import NipCache, Pseudonymiser


@dataclass
class Input:
    """One instrument as read: its key, file name, typed records and codebook.

    Parameters
    ----------
    key : str
        Instrument key (``roster``, ``reaction``, ...).
    file : str
        File name (for messages).
    data : pandas.DataFrame
        Typed variables, one row per record, with the spreadsheet row in ``_row``.
    codebook : Codebook
        The instrument's codebook.

    Examples
    --------
    >>> import pandas as pd
    >>> Input("tests", "tes.csv", pd.DataFrame({"_row": [2]}), None).file
    'tes.csv'
    """

    key: str
    file: str
    data: Any
    codebook: Any


@dataclass
class RunState:
    """The state of one run: everything the builders share besides the tables they return.

    Parameters
    ----------
    cfg : StudyConfig
        The study.
    key : bytes
        The pseudonym key.

    Attributes
    ----------
    inputs : dict of str to Input
        The instruments read (only those that could be read).
    problems : list of Problem
        Every finding, in the order found.
    cleaning : list of dict
        The cleaning log of the manifest (input, rule, rows in, rows out).
    dup_reports : list of pandas.DataFrame
        What each duplicate rule dropped or kept (``duplikat-<year>.csv``).
    unmatched : dict of str to int
        Records per file not found in the roster.
    unresolved : list
        (file, groups) of participant repeats that need a resolution.
    pii_values : list of arrays
        Raw PII values (names, NIPs, phones, e-mails) that must not reach any table.
    names : list of str
        Raw person names (for scrubbing free text).
    pseudo : Pseudonymiser
        The run's keyed pseudonyms.
    nips : NipCache
        The run's classified NIP spellings.

    Examples
    --------
    >>> from pathlib import Path
    >>> from kemuning_eval.config import StudyConfig, StudyInfo
    >>> d = Path("/data/raw/2026")
    >>> cfg = StudyConfig(path=d / "studi.yaml", raw_dir=d, study=StudyInfo(year=2026), inputs={})
    >>> state = RunState(cfg, b"kunci-rahasia-contoh")
    >>> state.problem("tes.csv", "x", "salah", severity="error")
    >>> len(state.errors), len(state.warnings), state.derives_programs
    (1, 0, True)
    """

    cfg: StudyConfig
    key: bytes
    inputs: dict[str, Input] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    cleaning: list[dict] = field(default_factory=list)
    dup_reports: list[Any] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)
    unresolved: list[tuple[str, list[dict]]] = field(default_factory=list)
    pii_values: list[Any] = field(default_factory=list)
    names: list[Any] = field(default_factory=list)
    pseudo: Pseudonymiser = field(init=False)
    nips: NipCache = field(init=False)

    def __post_init__(self) -> None:
        self.pseudo = Pseudonymiser(self.key)
        self.nips = NipCache(self.cfg.nip, self.pseudo, self.pii_values)

    @property
    def year(self) -> int:
        """The study year."""
        return self.cfg.year

    @property
    def derives_programs(self) -> bool:
        """True when programmes come from the exports (no programme table)."""
        return "programs" not in self.inputs

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the run."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings found."""
        return [p for p in self.problems if p.severity == "warning"]

    def input_with(self, key: str, *variables: str) -> Input | None:
        """The instrument read as ``key`` when its records have all ``variables``, else None.

        Examples
        --------
        >>> import pandas as pd
        >>> from kemuning_eval.ingest.builders.examples import state_from_frames
        >>> state = state_from_frames({})
        >>> state.inputs["tests"] = Input("tests", "tes.csv", pd.DataFrame({"nip": []}), None)
        >>> state.input_with("tests", "nip").file, state.input_with("tests", "nip", "pre"), state.input_with("x")
        ('tes.csv', None, None)
        """
        inp = self.inputs.get(key)
        if inp is None or not set(variables) <= set(inp.data):
            return None
        return inp

    @cached_property
    def resolutions(self) -> dupmod.Resolutions:
        """The duplicate resolution file, read once per run."""
        from kemuning_eval.boundary import guard

        path = self.cfg.duplicates.resolution_file
        return guard(dupmod.load_resolutions, path, file=path.name if path is not None else None)

    def problem(self, file: str, check: str, message: str, *, rows: Any = (), column: str | None = None,
                value: Any = None, severity: str = "warning", hint: str | None = None) -> None:
        """Record a finding about some rows of a file (the first 20 rows kept).

        Examples
        --------
        See the module's example.
        """
        rows = sorted(int(r) for r in rows)
        self.problems.append(Problem(file, rows[0] if rows else None, column, value, message,
                                     severity=severity, hint=hint,
                                     extra={"check": check, "n": max(len(rows), 1), "rows": rows[:20]}))

    def clean(self, key: str, rule: str, rows_in: int, rows_out: int) -> None:
        """Log a cleaning rule applied to an input (rows before and after).

        Examples
        --------
        See the module's example.
        """
        self.cleaning.append({"input": key, "rule": rule, "rows_in": int(rows_in), "rows_out": int(rows_out)})
