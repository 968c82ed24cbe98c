"""A tiny project tree for the report-engine tests (fixture notebooks, one CSV of answers).

The answers include HTML/script typed into a survey field, which the report
must show literally and never run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kemuning_eval.paths import ProjectPaths

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
YEAR = 2026
REPORT_DATE = "2026-12-15"
#: Text a participant typed into the suggestions field (an XSS attempt).
HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">Materi bagus"


def make_project(root: Path, *, notebook: str = "laporan_uji.ipynb") -> ProjectPaths:
    """Create a project under ``root`` whose report notebooks are the fixture ``notebook``."""
    processed = root / "data" / "processed" / str(YEAR)
    processed.mkdir(parents=True)
    (root / "data" / "raw" / str(YEAR)).mkdir(parents=True)
    (root / "notebooks").mkdir()
    import pandas as pd

    pd.DataFrame({
        "program_id": ["PKA-01", "PKA-01", "PKB-02"],
        "suggestion": [HOSTILE, "Waktu & tempat nyaman", "Perlu studi kasus"],
    }).to_csv(processed / "saran.csv", index=False)
    pd.DataFrame({"program_id": ["PKA-01", "PKB-02"]}).to_parquet(processed / "programs.parquet")
    for target in ("laporan_evaluasi.ipynb", "laporan_program.ipynb"):
        shutil.copy(FIXTURES / notebook, root / "notebooks" / target)
    return ProjectPaths(root)
