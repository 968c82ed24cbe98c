"""A run in memory for the builders' examples and tests: inputs given as small tables, no files.

:func:`state_from_frames` reads each table through the same checks as a raw
export (as ``<key>.csv`` with its codebook); :func:`example_run` adds what
most builders take besides the state: no roster, programmes derived from the
exports.

Examples
--------
>>> state, roster, programs = example_run({"roster": (
...     {"NIP": ["19660801 198803 1 001", None], "Kode": ["PM-01", "PM-01"]},
...     [NIP_COLUMN, {"raw": "Kode", "variable": "program_id", "type": "id"}])})
>>> list(state.inputs), state.inputs["roster"].file, len(state.inputs["roster"].data), roster.present
(['roster'], 'roster.csv', 2, False)
"""

from __future__ import annotations

from typing import Any

from kemuning_eval.ingest.builders.linking import Roster
from kemuning_eval.ingest.builders.programs import Programmes
from kemuning_eval.ingest.builders.read import add_input, check_variables, typed_records
from kemuning_eval.ingest.builders.state import RunState

#: The pseudonym key of examples and tests (never a real one).
EXAMPLE_KEY = b"kunci-rahasia-contoh"
#: The codebook entry of a NIP column headed ``NIP``.
NIP_COLUMN = {"raw": "NIP", "variable": "nip", "type": "nip", "pii": "nip"}


def state_from_frames(frames: dict[str, tuple[Any, list[dict]]], *, key: bytes = EXAMPLE_KEY,
                      year: int = 2026, cfg: Any = None) -> RunState:
    """A run state whose inputs are tables in memory, each read as ``<key>.csv`` with its codebook.

    Parameters
    ----------
    frames : dict
        Instrument key -> (raw text table with its headers, as a DataFrame or a
        mapping of header to values; codebook ``columns`` entries).
    key : bytes
        Pseudonym key.
    year : int
        Study year (when no ``cfg`` is given).
    cfg : StudyConfig, optional
        The study (default: one with no files and default settings).

    Examples
    --------
    >>> state = state_from_frames({"tests": ({"NIP": ["1966"]}, [NIP_COLUMN])}, year=2025)
    >>> state.year, state.inputs["tests"].data["_row"].tolist()
    (2025, [2])
    """
    from pathlib import Path

    import numpy as np
    import pandas as pd

    from kemuning_eval.config import (
        DEFAULT_RESOLUTION_FILE,
        DuplicatesConfig,
        StudyConfig,
        StudyInfo,
    )
    from kemuning_eval.ingest.codebook import codebook_from_mapping
    from kemuning_eval.ingest.readers import RawTable

    if cfg is None:
        where = Path("/memory") / str(year)
        resolutions = where / DEFAULT_RESOLUTION_FILE.format(year=year)  # absent: nothing resolved
        cfg = StudyConfig(path=where / "studi.yaml", raw_dir=where, study=StudyInfo(year=year), inputs={},
                          duplicates=DuplicatesConfig(resolution_file=resolutions))
    state = RunState(cfg, key)
    for name, (frame, columns) in frames.items():
        cb = codebook_from_mapping({"instrument": name, "columns": columns}, source=f"{name}.yaml")
        check_variables(name, cb)
        frame = pd.DataFrame(frame)
        raw = RawTable(frame, rows=np.arange(2, len(frame) + 2), file=f"{name}.csv")
        data, found = typed_records(name, raw, cb)
        add_input(state, name, raw, cb, data, found, header_given=True)
    return state


def example_run(frames: dict[str, tuple[Any, list[dict]]], **options: Any) -> tuple[RunState, Roster, Programmes]:
    """:func:`state_from_frames`, no roster, and programmes derived from the exports.

    Examples
    --------
    See the module's example.
    """
    return state_from_frames(frames, **options), Roster.empty(), Programmes(None, {}, derive=True)
