"""Real runs of `ingest` and `report` stopped at every publishing step (the test hook
KEMUNING_EVAL_TEST_STOP, not timing), and run in parallel: the previous complete set stays
readable, the next run recovers and says so, parallel runs end in the state of one run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_support import KEY, make_project, tree_hashes
from report_engine_project import YEAR
from report_engine_project import make_project as make_report_project

from kemuning_eval import publication
from kemuning_eval.ingest.store import load_table, load_tables
from kemuning_eval.paths import ProjectPaths
from kemuning_eval.publication import STOP_ENV, STOP_EXIT_CODE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX child processes")

#: Steps a run in link mode passes through (copy mode adds "copied", has no "linked").
LINK_STEPS = ("staged", "committed", "switched", "linked", "published", "cleaned")


def _run(root: Path, *args: str, stop: str = "", mode: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (STOP_ENV, publication.MODE_ENV)}
    env.update({"KEMUNING_EVAL_KEY": KEY, "CI": "1"})
    if stop:
        env[STOP_ENV] = stop
    if mode:
        env[publication.MODE_ENV] = mode
    return subprocess.run([sys.executable, "-m", "kemuning_eval", "--root", str(root), *args],
                          env=env, capture_output=True, text=True, timeout=600)


def _no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr and "Errno" not in done.stderr, done.stderr


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A crafted study ingested once; the reference state of data/processed/2026."""
    root = tmp_path_factory.mktemp("ingest")
    make_project(root)
    done = _run(root, "ingest", "--year", "2026")
    assert done.returncode == 0, done.stderr
    return root, tree_hashes(ProjectPaths(root).processed(2026))


@pytest.mark.parametrize(("step", "mode"), [*[(s, "link") for s in LINK_STEPS],
                                             ("switched", "copy"), ("copied", "copy")])
def test_ingest_killed_at_every_step(ingested, tmp_path, step, mode):
    import shutil

    source, _ = ingested
    root = tmp_path / "p"
    shutil.copytree(source, root, symlinks=True)  # keeps the relative links of link mode
    if mode == "copy":
        shutil.rmtree(root / "data" / "processed")
        first = _run(root, "ingest", "--year", "2026", mode=mode)
        assert first.returncode == 0, first.stderr
    paths = ProjectPaths(root)
    before = {n: t.shape for n, t in load_tables(paths.processed(2026)).items()}
    before_files = tree_hashes(paths.processed(2026))
    killed = _run(root, "ingest", "--year", "2026", "--force", stop=step, mode=mode)
    assert killed.returncode == STOP_EXIT_CODE, killed.stderr
    # at this instant: a whole set, readable where the README says (the same inputs give the
    # same tables, so "whole" = every file of the reference set, none missing or extra)
    assert paths.processed(2026).is_dir()
    if not (mode == "copy" and step == "copied"):
        assert tree_hashes(paths.processed(2026)) == before_files
    assert {n: t.shape for n, t in load_tables(paths.processed(2026)).items()} == before
    assert load_table(2026, "participants", paths=paths).shape == before["participants"]
    again = _run(root, "ingest", "--year", "2026", mode=mode)
    assert again.returncode == 0, again.stderr
    _no_traceback(again)
    if step in ("staged", "committed") or (mode == "copy" and step in ("switched", "copied")):
        assert "terhenti" in again.stderr  # the next run says what it cleaned or completed
    assert tree_hashes(paths.processed(2026)) == before_files
    builds = paths.processed_root / ".2026.builds"
    assert not [p for p in builds.iterdir() if p.name.startswith(".")]
    assert not [p for p in paths.processed_root.iterdir()
                if p.name.startswith(".") and p.name not in (".2026.builds", ".2026.lock")]


def test_parallel_ingests_end_in_the_state_of_one(ingested, tmp_path):
    import shutil

    source, reference = ingested
    root = tmp_path / "p"
    shutil.copytree(source / "data" / "raw", root / "data" / "raw")
    (root / "notebooks").mkdir()
    env = {**os.environ, "KEMUNING_EVAL_KEY": KEY, "CI": "1"}
    env.pop(STOP_ENV, None)
    runs = [subprocess.Popen([sys.executable, "-m", "kemuning_eval", "--root", str(root), "ingest",
                              "--year", "2026", "--force"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(r.wait(timeout=600), r.stderr.read()) for r in runs]
    for code, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "Directory not empty" not in err
    assert tree_hashes(ProjectPaths(root).processed(2026)) == reference
    builds = ProjectPaths(root).processed_root / ".2026.builds"
    assert len([p for p in builds.iterdir() if not p.name.startswith(".")]) <= 3  # current + 2


# -- report -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    make_report_project(root)
    done = _run(root, "--quiet", "report", "--year", str(YEAR))
    assert done.returncode == 0, done.stderr
    return root


def _report_set(root: Path) -> dict[str, bytes]:
    folder = root / "reports" / str(YEAR)
    files = {name: (folder / name).read_bytes()
             for name in (f"laporan-evaluasi-{YEAR}.html", "metrics.json")}
    files.update({f"tabel/{p.name}": p.read_bytes() for p in sorted((folder / "tabel").iterdir())})
    # the executed notebook records run times (not byte-identical): it must be there and readable
    files["executed"] = b"ipynb" if (folder / "executed" / f"laporan-evaluasi-{YEAR}.ipynb").stat().st_size else b""
    return files


@pytest.mark.slow
@pytest.mark.parametrize("step", LINK_STEPS)
def test_report_killed_at_every_step(report_root, tmp_path, step):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(report_root, root, symlinks=True)
    before = _report_set(root)
    # the copy's build records its own project folder in metrics.json; all else is byte-identical
    after = {k: v.replace(str(report_root).encode(), str(root).encode()) for k, v in before.items()}
    assert after != before
    killed = _run(root, "--quiet", "report", "--year", str(YEAR), "--force", stop=step)
    assert killed.returncode == STOP_EXIT_CODE, killed.stderr
    # every published path shows one whole set: the previous one, or the new one from this step on
    assert _report_set(root) == (before if step in ("staged", "committed") else after)
    again = _run(root, "report", "--year", str(YEAR))
    assert again.returncode == 0, again.stderr
    _no_traceback(again)
    if step in ("staged", "committed"):
        assert "terhenti" in again.stderr
    assert _report_set(root) == after
    builds = root / "reports" / str(YEAR) / ".builds" / f"laporan-evaluasi-{YEAR}"
    assert not [p for p in builds.iterdir() if p.name.startswith(".")]
    assert not (root / "reports" / str(YEAR) / ".staging").exists()


@pytest.mark.slow
def test_report_kill_with_a_changed_input_shows_old_or_new_never_mixed(report_root, tmp_path):
    import json
    import shutil

    root = tmp_path / "p"
    shutil.copytree(report_root, root, symlinks=True)
    old = _report_set(root)
    processed = root / "data" / "processed" / str(YEAR)
    with open(processed / "saran.csv", "a", encoding="utf-8") as fh:
        fh.write("PKA-01,Tambahan baru\n")
    killed = _run(root, "--quiet", "report", "--year", str(YEAR), stop="committed")
    assert killed.returncode == STOP_EXIT_CODE
    assert _report_set(root) == old  # the new build is complete but not switched to
    switched = _run(root, "--quiet", "report", "--year", str(YEAR), stop="switched")
    assert switched.returncode == STOP_EXIT_CODE
    new = _report_set(root)
    assert new != old
    folder = root / "reports" / str(YEAR)
    assert json.loads((folder / "metrics.json").read_text("utf-8"))["n_answers"] == 4
    assert b"Tambahan baru" in (folder / f"laporan-evaluasi-{YEAR}.html").read_bytes()
    done = _run(root, "report", "--year", str(YEAR))
    assert done.returncode == 0, done.stderr
    assert _report_set(root) == new


@pytest.mark.slow
def test_parallel_reports_of_the_same_year_end_in_the_state_of_one(report_root, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(report_root, root, symlinks=True)
    before = {k: v.replace(str(report_root).encode(), str(root).encode())
              for k, v in _report_set(root).items()}
    env = {**os.environ, "CI": "1"}
    env.pop(STOP_ENV, None)
    runs = [subprocess.Popen([sys.executable, "-m", "kemuning_eval", "--root", str(root), "report",
                              "--year", str(YEAR), "--force"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(r.wait(timeout=600), r.stderr.read()) for r in runs]
    for code, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "Directory not empty" not in err
    assert sum("menunggu" in err for _, err in results) >= 1  # serialised by the year's lock
    assert _report_set(root) == before
    index = (root / "reports" / "index.html").read_text("utf-8")
    assert f"{YEAR}/laporan-evaluasi-{YEAR}.html" in index


@pytest.mark.slow
def test_report_in_copy_mode_publishes_real_files_and_the_cache_still_works(tmp_path):
    """The Windows layout, exercised on Linux: published paths are plain files and folders."""
    root = tmp_path / "p"
    make_report_project(root)
    first = _run(root, "report", "--year", str(YEAR), mode="copy")
    assert first.returncode == 0, first.stderr
    folder = root / "reports" / str(YEAR)
    page = folder / f"laporan-evaluasi-{YEAR}.html"
    for path in (page, folder / "metrics.json", folder / "tabel",
                 folder / "executed" / f"laporan-evaluasi-{YEAR}.ipynb"):
        assert path.exists() and not path.is_symlink(), path
    assert (folder / ".builds" / f"laporan-evaluasi-{YEAR}" / "current").is_file()
    before = _report_set(root)
    pointer = folder / ".builds" / f"laporan-evaluasi-{YEAR}" / "current"
    current = pointer.read_text("utf-8")
    again = _run(root, "report", "--year", str(YEAR))
    assert again.returncode == 0, again.stderr
    assert pointer.read_text("utf-8") == current  # nothing changed: reused, not rebuilt
    killed = _run(root, "--quiet", "report", "--year", str(YEAR), "--force", stop="copied")
    assert killed.returncode == STOP_EXIT_CODE
    done = _run(root, "--quiet", "report", "--year", str(YEAR))
    assert done.returncode == 0 and "dilengkapi" in done.stderr, done.stderr
    assert _report_set(root) == before
