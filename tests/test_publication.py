"""Atomic publishing (kemuning_eval.publication): a stop at any step leaves a whole set, the next
run recovers; both modes (link: POSIX symlinks, copy: the Windows fallback); locked files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kemuning_eval import publication
from kemuning_eval.errors import BusyError
from kemuning_eval.publication import STEPS, STOP_ENV, STOP_EXIT_CODE, Publication

NAMES = ("metrics.json", "tabel", "laporan.html")


def _pub(home: Path) -> Publication:
    return Publication(home / ".builds" / "laporan", (
        ("metrics.json", home / "metrics.json"),
        ("tabel", home / "tabel"),
        ("laporan.html", home / "laporan.html"),
    ))


def _publish(home: Path, tag: str) -> str:
    pub = _pub(home)
    pub.recover()
    stage = pub.new_build()
    (stage / "metrics.json").write_text(tag, encoding="utf-8")
    (stage / "tabel").mkdir()
    (stage / "tabel" / "a.csv").write_text(tag, encoding="utf-8")
    if tag == "A":  # the sets differ in which files they hold, too
        (stage / "tabel" / "only-a.csv").write_text(tag, encoding="utf-8")
    (stage / "laporan.html").write_text(tag, encoding="utf-8")
    return pub.commit(stage)


def _visible_set(home: Path) -> set[str]:
    """The version (A or B) of every visible file; one element = one whole set."""
    seen = {(home / n).read_text(encoding="utf-8") for n in ("metrics.json", "laporan.html")}
    seen |= {p.read_text(encoding="utf-8") for p in (home / "tabel").iterdir()}
    if (home / "tabel" / "only-a.csv").exists() != ("A" in seen):
        seen.add("mixed")
    return seen


def _set_in(folder: Path) -> set[str]:
    seen = {(folder / n).read_text(encoding="utf-8") for n in ("metrics.json", "laporan.html")}
    return seen | {p.read_text(encoding="utf-8") for p in (folder / "tabel").iterdir()}


@pytest.fixture(params=["link", "copy"])
def mode(request, monkeypatch):
    monkeypatch.setenv(publication.MODE_ENV, request.param)
    return request.param


def test_publish_twice_shows_the_new_set_and_keeps_one_previous(tmp_path, mode):
    home = tmp_path / "reports"
    first = _publish(home, "A")
    assert _visible_set(home) == {"A"}
    second = _publish(home, "B")
    assert _visible_set(home) == {"B"} and not (home / "tabel" / "only-a.csv").exists()
    pub = _pub(home)
    assert pub.mode() == mode and pub.current_id() == second
    assert (home / "laporan.html").is_symlink() == (mode == "link")
    third = _publish(home, "B")
    kept = sorted(p.name for p in pub.builds.iterdir() if p.is_dir() and not p.is_symlink())
    assert kept == sorted([second, third]) and first not in kept
    assert pub.recover() == []  # nothing left to clean


_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_publication import _publish
_publish(Path({home!r}), "B")
"""


def _publish_in_child(home: Path, stop: str, mode: str) -> subprocess.CompletedProcess:
    env = {**os.environ, STOP_ENV: stop, publication.MODE_ENV: mode}
    code = _CHILD.format(tests=str(Path(__file__).parent), home=str(home))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_every_step_leaves_a_whole_set_and_the_next_run_recovers(tmp_path, mode, step):
    home = tmp_path / "reports"
    _publish(home, "A")
    done = _publish_in_child(home, step, mode)
    reached = {"linked": mode == "link", "copied": mode == "copy"}.get(step, True)
    pub = _pub(home)
    if reached:
        assert done.returncode == STOP_EXIT_CODE, done.stderr
    else:  # this mode has no such step: the run completes
        assert done.returncode == 0, done.stderr
    expected = {"A"} if reached and step in ("staged", "committed") else {"B"}
    # the package reads through the pointer: always one whole set
    assert _set_in(pub.read_path("")) == expected
    if not (mode == "copy" and step == "copied"):
        # every visible path shows the same set (copy mode: still the previous copies,
        # except while they are being refreshed)
        assert _visible_set(home) in ({"A"}, {"B"})
    messages = pub.recover()
    assert _visible_set(home) == expected  # recovered: whole and consistent
    left_something = reached and (step in ("staged", "committed")
                                  or (mode == "copy" and step in ("switched", "copied")))
    assert bool(messages) == left_something, messages  # and it says what it did
    assert pub.recover() == []
    assert not [p for p in pub.builds.iterdir() if p.name.startswith(".")]
    assert not [p for p in home.iterdir() if p.name.startswith(".") and p.name != ".builds"]
    _publish(home, "A")  # and the next build publishes normally
    assert _visible_set(home) == {"A"}


def test_old_layout_folder_is_migrated_and_a_kill_in_between_is_recovered(tmp_path, monkeypatch):
    monkeypatch.setenv(publication.MODE_ENV, "link")
    home = tmp_path / "reports"
    (home / "tabel").mkdir(parents=True)
    for name in ("metrics.json", "laporan.html", "tabel/a.csv"):
        (home / name).write_text("A", encoding="utf-8")
    done = _publish_in_child(home, "legacy-moved", "link")
    assert done.returncode == STOP_EXIT_CODE
    assert not (home / "tabel").exists()  # the one instant a real folder cannot be swapped for a link
    messages = _pub(home).recover()
    assert any("tabel" in m for m in messages)
    assert _visible_set(home) == {"B"}


def test_leftovers_of_the_old_swap_are_restored(tmp_path, capsys):
    # `kill -9` of the old code during its swap: no data/processed/2026, previous in .2026.old-PID
    from kemuning_eval.ingest.store import load_tables
    from kemuning_eval.ingest.store import publication as processed_publication

    processed = tmp_path / "data" / "processed"
    (processed / ".2026.old-123").mkdir(parents=True)
    (processed / ".2026.tmp-123").mkdir()
    import pandas as pd

    pd.DataFrame({"id": [1]}).to_parquet(processed / ".2026.old-123" / "t.parquet")
    target = processed / "2026"
    messages = processed_publication(target).recover(legacy=target)
    assert len(messages) == 2 and ".2026.old-123" in messages[0]
    assert "dipulihkan" in capsys.readouterr().err
    assert load_tables(target)["t"]["id"].tolist() == [1]
    assert sorted(p.name for p in processed.iterdir()) == ["2026"]


def test_locked_file_is_retried_then_a_clear_stop_and_the_next_run_completes(tmp_path, monkeypatch):
    """Windows: a CSV open in Excel cannot be replaced (simulated with PermissionError)."""
    monkeypatch.setenv(publication.MODE_ENV, "copy")
    monkeypatch.setenv(publication.LOCKED_WAIT_ENV, "0")
    home = tmp_path / "reports"
    _publish(home, "A")
    real_replace = os.replace
    locked = home / "tabel" / "a.csv"
    attempts = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == locked:
            attempts.append(dst)
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(publication.os, "replace", replace)
    with pytest.raises(BusyError) as info:
        _publish(home, "B")
    assert str(locked) in str(info.value) and "Excel" in str(info.value)
    assert attempts
    pub = _pub(home)
    assert _set_in(pub.read_path("")) == {"B"}  # the new set is saved whole
    monkeypatch.setattr(publication.os, "replace", real_replace)  # the user closed the file
    messages = pub.recover()
    assert messages and _visible_set(home) == {"B"}


def test_locked_file_is_retried_until_it_is_free(tmp_path, monkeypatch):
    monkeypatch.setenv(publication.MODE_ENV, "copy")
    monkeypatch.setattr(publication, "LOCKED_RETRY_SECONDS", 0)
    home = tmp_path / "reports"
    _publish(home, "A")
    real_replace, failures = os.replace, []

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == "laporan.html" and len(failures) < 3:
            failures.append(dst)
            raise PermissionError(13, "locked")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(publication.os, "replace", replace)
    _publish(home, "B")
    assert len(failures) == 3 and _visible_set(home) == {"B"}


def test_a_copy_that_followed_the_links_is_published_again(tmp_path, monkeypatch):
    """`cp -rL` (or a FAT drive) turns every link, the pointer too, into a real copy."""
    import shutil

    monkeypatch.setenv(publication.MODE_ENV, "link")
    _publish(tmp_path / "a", "A")
    shutil.copytree(tmp_path / "a", tmp_path / "b", symlinks=False)
    home = tmp_path / "b"
    assert not (home / "laporan.html").is_symlink() and (_pub(home).pointer).is_dir()
    assert _visible_set(home) == {"A"}
    _publish(home, "B")
    assert _visible_set(home) == {"B"} and (home / "laporan.html").is_symlink()
