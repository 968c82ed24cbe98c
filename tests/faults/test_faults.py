"""The fault-injection suite: every malformed input a clean stop, nothing written, nothing hidden.

Each case of :mod:`fault_cases` is written into a copy of a small synthetic
study (with a previous ``data/processed/<year>``) and run through the command
line in-process.  Asserted for each: the exit code (1, or 0 only where the
input is genuinely usable), no traceback, a message naming the configured
file (and column / row where one exists), and ``data/raw`` and the previous
``data/processed`` byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from fault_cases import YEAR, all_cases, make_template, materialise

KEY = "kunci-uji-untuk-pseudonim-0123456789"
TEMPLATE_CACHE: dict[str, Path] = {}


def _case_ids() -> list:
    """Case ids need the template's file names; they are fixed by the generator, so list them once."""
    import atexit
    import shutil
    import tempfile

    os.environ.setdefault("KEMUNING_EVAL_KEY", KEY)
    folder = tempfile.mkdtemp(prefix="fault-template-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    root = Path(folder) / "project"
    TEMPLATE_CACHE["root"] = make_template(root)
    return all_cases(root / "data" / "raw" / str(YEAR))


CASES = _case_ids()


def snapshot(folder: Path) -> dict[str, str]:
    """Content hash of every regular file, link target of every symlink, kind of anything else."""
    out = {}
    if not folder.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                out[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not stat.S_ISDIR(mode):
                out[rel] = f"kind:{stat.S_IFMT(mode)}"
    return out


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    monkeypatch.delenv("KEMUNING_EVAL_LANG", raising=False)
    monkeypatch.delenv("KEMUNING_EVAL_ROOT", raising=False)


def test_at_least_300_cases_over_every_file() -> None:
    """The suite covers every raw file, every codebook and studi.yaml, 300 cases or more."""
    assert len(CASES) >= 300
    named = {c.names for c in CASES}
    raw = TEMPLATE_CACHE["root"] / "data" / "raw" / str(YEAR)
    for path in raw.rglob("*"):
        if path.suffix in (".csv", ".xlsx", ".sav", ".yaml"):
            assert path.name in named, path.name


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault(case, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from kemuning_eval.cli import main

    project = materialise(case, TEMPLATE_CACHE["root"], tmp_path / "project")
    raw, processed = project / "data" / "raw", project / "data" / "processed"
    before_raw, before_processed = snapshot(raw), snapshot(processed)
    code = main(["--root", str(project), case.command, "--year", str(YEAR)])
    out, err = capsys.readouterr()
    text = out + err
    assert "Traceback" not in text
    assert code == case.expect, text[-3000:]
    if case.expect:
        assert case.names in text, text[-3000:]
        for where in case.where:
            assert where in text, (where, text[-3000:])
        for absent in case.absent:
            assert absent not in text, (absent, text[-3000:])
        assert "kesalahan" in text or "[error]" in text
    assert snapshot(raw) == before_raw
    assert snapshot(processed) == before_processed
