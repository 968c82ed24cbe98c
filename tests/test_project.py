"""kemuning-eval init (kemuning_eval.project), the kernel command, and the root of a project."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kemuning_eval.cli import main
from kemuning_eval.errors import ReportError, UsageError
from kemuning_eval.paths import ProjectPaths, bundled_notebooks, find_root
from kemuning_eval.project import SYNTHETIC_STUDY, init_project


def test_init_lays_out_a_project_in_a_path_with_spaces_and_accents(tmp_path):
    root = tmp_path / "Évaluasi Pelatihan 2026"
    assert main(["init", str(root)]) == 0
    for folder in ("data/raw", "data/processed", "reports", "notebooks"):
        assert (root / folder / ".gitkeep").is_file(), folder
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Évaluasi Pelatihan 2026") and "data/raw" in readme
    assert find_root(root / "data" / "raw") == root.resolve()


def test_init_never_overwrites_and_completes_a_project(tmp_path):
    (tmp_path / "README.md").write_text("milik saya\n", encoding="utf-8")
    first = init_project(tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "milik saya\n"
    assert tmp_path / "README.md" not in first.created
    (tmp_path / "reports" / ".gitkeep").unlink()
    assert init_project(tmp_path).created == [tmp_path / "reports" / ".gitkeep"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_gitignore_keeps_raw_data_processed_data_reports_and_keys_out_of_git(tmp_path):
    init_project(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    files = ["data/raw/2026/survei-reaksi-2026.csv", "data/raw/2026/codebook/reaksi.yaml",
             "data/processed/2026/tests.parquet", "reports/2026/laporan-evaluasi-2026.html",
             "draft/2026/x/metrics.json", "pseudonym.key", "notebooks/laporan_evaluasi.ipynb",
             "data/raw/.gitkeep", "README.md"]
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    ignored = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", *files],
                             capture_output=True, text=True).stdout.split()
    assert sorted(ignored) == sorted(files[:6])


def test_init_with_notebooks_copies_the_bundled_ones_which_then_override(tmp_path):
    init_project(tmp_path, with_notebooks=True)
    paths = ProjectPaths(tmp_path)
    assert paths.notebook("laporan_evaluasi.ipynb") == tmp_path / "notebooks" / "laporan_evaluasi.ipynb"
    copied = sorted(p.relative_to(tmp_path / "notebooks") for p in (tmp_path / "notebooks").rglob("*.ipynb"))
    bundled = sorted(p.relative_to(bundled_notebooks()) for p in bundled_notebooks().rglob("*.ipynb")
                     if ".ipynb_checkpoints" not in p.parts)
    assert copied == bundled and len(copied) == 7


def test_init_with_synthetic_writes_both_years_and_never_overwrites_raw_data(tmp_path):
    init_project(tmp_path, with_synthetic=True)
    for year, _ in SYNTHETIC_STUDY:
        assert (tmp_path / "data" / "raw" / str(year) / "studi.yaml").is_file()
    with pytest.raises(UsageError, match="data/raw"):
        init_project(tmp_path, with_synthetic=True)


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        init_project(tmp_path / "berkas")


def test_root_from_the_environment_else_from_the_working_folder(tmp_path, monkeypatch):
    init_project(tmp_path / "a")
    monkeypatch.delenv("KEMUNING_EVAL_ROOT", raising=False)
    monkeypatch.chdir(tmp_path / "a" / "reports")
    assert find_root() == (tmp_path / "a").resolve()
    monkeypatch.setenv("KEMUNING_EVAL_ROOT", str(tmp_path / "b"))
    assert find_root() == (tmp_path / "b").resolve()


def test_report_without_the_kernel_says_how_to_register_it(tmp_path, monkeypatch):
    from kemuning_eval.report.engine import kernel
    from kemuning_eval.report.engine.build import ReportSpec, build_one

    paths = ProjectPaths(tmp_path)
    paths.processed(2026).mkdir(parents=True)
    monkeypatch.setattr(kernel, "kernel_status", lambda name=kernel.KERNEL_NAME: (None, None))
    with pytest.raises(ReportError, match="kemuning-eval kernel install") as caught:
        build_one(ReportSpec(2026), paths=paths)
    assert "belum terdaftar" in str(caught.value)
    assert not paths.reports(2026).exists(), "nothing staged or written"


def test_kernel_command_installs_into_a_prefix(tmp_path, monkeypatch, capsys):
    import sys

    # jupyter_core computes its environment paths from sys.prefix once, at import: import
    # the Jupyter stack before sys.prefix is patched, or every later test in this process
    # looks for nbconvert's templates under tmp_path.
    import jupyter_client.kernelspec  # noqa: F401
    import jupyter_core.paths  # noqa: F401
    import nbconvert  # noqa: F401

    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert main(["kernel", "install"]) == 0
    spec = tmp_path / "share" / "jupyter" / "kernels" / "kemuning-eval" / "kernel.json"
    assert spec.is_file() and sys.executable in spec.read_text(encoding="utf-8")
    assert "kemuning-eval" in capsys.readouterr().out
