"""The walking skeleton, end to end through the command line, on a small generated study.

raw exports (``synth``) -> ``validate`` -> ``ingest`` -> ``report`` -> HTML + metrics.json,
checked for what the issues promise: outputs exist and validate, ``data/raw`` is untouched,
and no name, NIP, phone number or e-mail of the roster reaches any output.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from subset_study import identifiers_in

from kemuning_eval.cli import main

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2026

pytestmark = pytest.mark.slow


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _identifiers(raw: Path) -> set[str]:
    """Every name, NIP (with and without spaces), phone and e-mail of the roster and facilitators."""
    book = next(raw.glob("data-penyelenggaraan-*.xlsx"))
    roster = pd.read_excel(book, sheet_name="Peserta", header=3, dtype=str)
    facilitators = pd.read_excel(book, sheet_name="Fasilitator", dtype=str)
    return identifiers_in([roster, facilitators])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    (root / "data" / "raw").mkdir(parents=True)
    return root


def test_skeleton_end_to_end_through_the_cli(project, monkeypatch, capsys):
    monkeypatch.setenv("KEMUNING_EVAL_KEY", "end-to-end-test-key-0123456789")
    root = ["--root", str(project), "--quiet"]
    raw = project / "data" / "raw" / str(YEAR)

    assert main([*root, "synth", "--year", str(YEAR), "--participants", "200", "--seed", "7"]) == 0
    before = _hashes(raw)
    assert main([*root, "validate", "--year", str(YEAR)]) == 0
    assert main([*root, "ingest", "--year", str(YEAR)]) == 0
    assert main([*root, "report", "--year", str(YEAR)]) == 0
    assert _hashes(raw) == before, "data/raw must never be written to"

    report = project / "reports" / str(YEAR)
    html = (report / f"laporan-evaluasi-{YEAR}.html").read_text(encoding="utf-8")
    metrics = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    for key in ("study", "reaction", "learning", "behavior", "results", "cost",
                "qualitative", "findings", "provenance"):
        assert key in metrics
    assert (project / "reports" / "index.html").exists()

    from importlib import resources

    import jsonschema

    schema = json.loads(
        (resources.files("kemuning_eval") / "schema" / "metrics.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(metrics, schema)

    # No source code and no injected parameters in the published page.
    assert "import " not in html and "injected-parameters" not in html
    assert "<script" not in html.lower()

    # No identifier of the roster anywhere in what the package wrote.
    identifiers = _identifiers(raw)
    assert len(identifiers) > 100
    outputs = [p for p in (project / "data" / "processed").rglob("*") if p.is_file()]
    outputs += [p for p in (project / "reports").rglob("*") if p.is_file()]
    leaks = []
    for path in outputs:
        if path.suffix == ".parquet":
            text = pd.read_parquet(path).to_csv(index=False)
        else:
            text = path.read_bytes().decode("utf-8", errors="ignore")
        leaks += [(path.name, v) for v in identifiers if v in text]
    assert leaks == [], f"identifiers leaked into outputs: {leaks[:5]}"
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "%|" not in err, "--quiet: no progress bars (data warnings are still reported)"
