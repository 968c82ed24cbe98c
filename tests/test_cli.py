"""The command line: help, version, exit codes, errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kemuning_eval import __version__
from kemuning_eval.cli import COMMANDS, build_parser, main


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"kemuning-eval {__version__}"


def test_help_lists_every_subcommand(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("name", COMMANDS)
def test_each_subcommand_has_help(name, capsys):
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: kemuning-eval " + name)
    # every subcommand documents itself with a description
    assert len(out.splitlines()) > 3


def test_no_command_is_usage_error(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_bad_option_is_usage_error(capsys):
    assert main(["report", "--year", "not-a-year"]) == 2
    assert "invalid int value" in capsys.readouterr().err


def test_data_error_exits_1_without_traceback(tmp_path, capsys):
    # A year with no raw data is a problem with the data, not a crash.
    code = main(["--root", str(tmp_path), "validate", "--year", "1999"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert "1999" in err


def test_module_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "kemuning_eval", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("kemuning-eval ")


def test_parser_builds_without_heavy_imports():
    code = (
        "import sys; from kemuning_eval.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('pandas', 'matplotlib', 'statsmodels', 'papermill') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
    assert build_parser().prog == "kemuning-eval"
