"""A yes/no variable typed otherwise in a hand-written codebook: read when it says yes/no, else a clear stop.

Before, ``type: category`` on the observations' ``applies`` column crashed ``validate`` with
pandas' own error inside the observations builder (reported by a user-style trial).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kemuning_eval.cli import main

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "raw" / "2026"
APPLIES = """- raw: Menerapkan
  variable: applies
  type: boolean
  values: {0: false, 1: true}"""


def _project(tmp_path: Path, values: str) -> Path:
    raw = tmp_path / "proj" / "data" / "raw" / "2026"
    shutil.copytree(BUNDLED, raw)
    book = raw / "codebook" / "observasi.yaml"
    text = book.read_text(encoding="utf-8")
    assert APPLIES in text
    book.write_text(text.replace(APPLIES, f"""- raw: Menerapkan
  variable: applies
  type: category
  values: {values}"""), encoding="utf-8")
    return tmp_path / "proj"


@pytest.mark.slow
def test_category_with_yes_no_words_is_read_as_boolean(tmp_path, capsys):
    root = _project(tmp_path, "{0: Tidak, 1: Ya}")
    assert main(["--quiet", "--root", str(root), "validate", "--year", "2026"]) == 0


@pytest.mark.slow
def test_category_with_other_words_stops_naming_file_column_and_value(tmp_path, capsys):
    root = _project(tmp_path, "{0: jarang, 1: sering}")
    assert main(["--quiet", "--root", str(root), "validate", "--year", "2026"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "TypeError" not in err
    assert "observasi-kinerja-2026.sav" in err and "Menerapkan" in err
    assert "applies" in err and ("jarang" in err or "sering" in err)
