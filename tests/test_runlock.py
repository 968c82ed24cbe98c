"""The per-year run lock: a second run waits or says who holds the lock; a killed holder's lock
is taken over (the operating system releases it) and the next run says so."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kemuning_eval import runlock
from kemuning_eval.errors import BusyError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="drives POSIX child processes")

_HOLDER = """
import os, sys
from pathlib import Path
from kemuning_eval.runlock import hold
with hold(Path({path!r}), command="ingest"):
    print("held", flush=True)
    if {die}:
        os._exit(9)  # like kill -9: no clean release
    sys.stdin.readline()
"""


def _child(path: Path, *, die: bool = False) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _HOLDER.format(path=str(path), die=die)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_second_run_is_told_who_holds_the_lock(tmp_path):
    path = tmp_path / ".2026.lock"
    child = _child(path)
    try:
        with pytest.raises(BusyError) as info, runlock.hold(path, command="report", timeout=0):
            pass
        message = str(info.value)
        assert f"pid {child.pid}" in message and socket.gethostname() in message
        assert "ingest" in message and "UTC" in message and "KEMUNING_EVAL_LOCK_TIMEOUT" in message
    finally:
        child.communicate("\n")
    with runlock.hold(path, command="report", timeout=0):  # released: free at once
        assert runlock.holder(path)["pid"] == os.getpid()


def test_waiting_run_gets_the_lock_when_the_holder_finishes(tmp_path, monkeypatch):
    path = tmp_path / ".2026.lock"
    child = _child(path)
    told = []

    def notice(message):  # the holder finishes as soon as the waiting run has said it waits
        told.append(message)
        if len(told) == 1:
            child.communicate("\n")

    monkeypatch.setattr(runlock, "_notice", notice)
    monkeypatch.setattr(runlock, "POLL_SECONDS", 0.01)
    with runlock.hold(path, command="report", timeout=600):
        pass
    assert len(told) == 1 and "menunggu" in told[0] and f"pid {child.pid}" in told[0]


def test_lock_of_a_killed_run_is_taken_over_and_reported(tmp_path, capsys):
    path = tmp_path / ".2026.lock"
    child = _child(path, die=True)
    child.wait()
    with runlock.hold(path, command="report", timeout=0):
        pass
    err = capsys.readouterr().err
    assert "diambil alih" in err and f"pid {child.pid}" in err
    with runlock.hold(path, command="report", timeout=0):  # a clean release leaves no trace
        pass
    assert capsys.readouterr().err == ""


def test_cli_says_who_holds_the_year_and_exits_1(tmp_path, monkeypatch, capsys):
    from kemuning_eval.cli import main
    from kemuning_eval.paths import ProjectPaths

    (tmp_path / "data" / "raw" / "2026").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    child = _child(runlock.lock_path(ProjectPaths(tmp_path), 2026))
    monkeypatch.setenv(runlock.TIMEOUT_ENV, "0")
    monkeypatch.setenv("KEMUNING_EVAL_ROOT", str(tmp_path))
    try:
        code = main(["--root", str(tmp_path), "report", "--year", "2026"])
    finally:
        child.communicate("\n")
    err = capsys.readouterr().err
    assert code == 1 and "sedang dikerjakan proses lain" in err and f"pid {child.pid}" in err
    assert "Traceback" not in err
