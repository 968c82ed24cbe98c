"""The pipeline classifies and pseudonymises each NIP spelling once per run.

Reference: the uncached functions themselves -- every file's result must be
what :func:`classify_nip` and :func:`pseudonymise` give for that file alone.
"""

from __future__ import annotations

import pandas as pd
from ingest_support import KEY, make_project

from kemuning_eval.config import default_study
from kemuning_eval.ingest.builders.state import RunState
from kemuning_eval.ingest.nip import classify_nip
from kemuning_eval.ingest.pseudonym import pseudonymise
from kemuning_eval.paths import ProjectPaths


def test_nip_info_across_files_equals_uncached(tmp_path):
    make_project(tmp_path)
    cfg = default_study(2026, paths=ProjectPaths(tmp_path))
    state = RunState(cfg, KEY.encode())
    files = [
        pd.Series(["19660801 198803 1 001", None, "19661301 198803 1 005", "19660801 198803 1 001"]),
        pd.Series(["196608011988031001", "19660801 198803 1 001", float("nan"), "1966"], index=[5, 6, 7, 8],
                  dtype=object),
        pd.Series(["19900215 202121 2 015", "19660801 198803 1 001"]),
    ]
    for prefix, domain in (("P", ""), ("R", "jp:"), ("P", "")):
        for values in files:
            got = state.nips.info(values, prefix, domain)
            want = classify_nip(values, mode=cfg.nip.mode, pppk_codes=cfg.nip.pppk_codes,
                                min_appointment_age=cfg.nip.min_appointment_age)
            pd.testing.assert_frame_equal(got[want.columns], want, check_exact=True)
            ids = pseudonymise(want["nip"], KEY.encode(), prefix=prefix, domain=domain)
            assert got["_id"].where(got["_id"].notna(), None).tolist() == ids.tolist()
    # five distinct spellings (plus the missing row), each classified once
    assert len(state.nips.frame) == 6
