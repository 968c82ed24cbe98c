"""Installed as users install it: a wheel in a fresh environment, papermill, nbconvert, JupyterLab.

* The sdist and the wheel (built from the sdist) come from a copy of the sources; the wheel is
  installed into a fresh virtual environment (its dependencies come from this environment
  through a ``.pth`` file, so the test needs no network beyond the build backend and stays
  quick); ``init``, ``synth``,
  ``ingest`` and ``report`` then run in a project outside the repository whose path has a
  space and non-ASCII characters.
* papermill runs the repository's report notebook with an unknown and a mistyped parameter
  (both stop with a clear message) and without ``output_dir`` (writes only to ``draft/``).
* A report notebook with a researcher's added cell builds, shows the cell in its chapter in
  the report's formats, and passes the notebook rules.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import notebook_rules as rules
import pytest

REPO = Path(__file__).resolve().parent.parent
KEY = "test-key-install-0123456789abcdef"
YEAR = 2026
pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KEMUNING_EVAL_ROOT", "VIRTUAL_ENV",
                                                          "KEMUNING_EVAL_LANG", "JUPYTER_PATH",
                                                          "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR")}
    env.update(KEMUNING_EVAL_KEY=KEY, CI="1", PYTHONIOENCODING="utf-8", **extra)
    return env


def _run(argv, *, cwd, env, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)
    if check and done.returncode != 0:
        raise AssertionError(f"{argv} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the wheel installed; returns (python, env)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    top_level = {".venv", ".git", "data", "reports", "draft", "build", "dist", "benchmarks", "tests"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = top_level if Path(folder) == REPO else set()
        return {n for n in names if n in skipped or n.endswith(".egg-info")
                or n in ("__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", ".ipynb_checkpoints")}

    shutil.copytree(REPO, src, ignore=ignore)
    # python -m build: the sdist, then the wheel built from the sdist (so the sdist carries
    # everything the wheel needs, notebooks included)
    _run([sys.executable, "-m", "build", "--outdir", base / "dist", src], cwd=base, env=_env())
    wheel = next((base / "dist").glob("kemuning_eval-*.whl"))
    assert next((base / "dist").glob("kemuning_eval-*.tar.gz"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=base, env=_env())
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=base, env=_env()).stdout.strip())
    # the dependencies (not kemuning-eval: this environment's .pth files are not read)
    (site / "_kemuning_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                          encoding="utf-8")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel], cwd=base, env=_env())
    # the dependencies' shared data (nbconvert's own templates), without this environment's kernels
    shared = base / "dependencies-share"
    shared.mkdir()
    (shared / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    env = _env(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", JUPYTER_PATH=str(shared),
               JUPYTER_DATA_DIR=str(base / "jupyter-data"), JUPYTER_CONFIG_DIR=str(base / "jupyter-config"))
    return python, env, base


def test_wheel_ships_notebooks_kernel_and_exporter(installed):
    python, env, base = installed
    where = json.loads(_run([python, "-c", (
        "import json, kemuning_eval; from kemuning_eval.paths import bundled_notebooks; "
        "from importlib.metadata import entry_points; "
        "print(json.dumps([kemuning_eval.__file__, str(bundled_notebooks()), "
        "sorted(e.name for e in entry_points(group='nbconvert.exporters'))]))")],
        cwd=base, env=env).stdout)
    package, notebooks, exporters = Path(where[0]), Path(where[1]), where[2]
    assert str(base / "venv") in str(package), "the wheel's copy is imported, not the checkout"
    assert sorted(p.name for p in notebooks.glob("*.ipynb")) == ["laporan_evaluasi.ipynb", "laporan_program.ipynb"]
    assert len(list((notebooks / "eksplorasi").glob("*.ipynb"))) == 5
    assert "kemuning" in exporters


def test_kernel_is_listed_right_after_install(installed):
    python, env, base = installed
    listed = json.loads(_run([python, "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                             cwd=base, env=env).stdout)["kernelspecs"]
    assert "kemuning-eval" in listed
    assert Path(listed["kemuning-eval"]["resource_dir"]).is_relative_to(base / "venv")
    assert listed["kemuning-eval"]["spec"]["display_name"] == "Python (kemuning-eval)"


def test_pip_install_init_synth_ingest_report_outside_the_repository(installed):
    python, env, base = installed
    cli = base / "venv" / "bin" / "kemuning-eval"
    _run([cli, "init", "proyek évaluasi ñ"], cwd=base, env=env)
    project = base / "proyek évaluasi ñ"
    assert (project / "data" / "raw").is_dir() and (project / ".gitignore").is_file()
    assert not list(project.rglob("*.ipynb")), "the report notebooks come from the package"
    _run([cli, "synth", "--year", YEAR, "--participants", "120", "--seed", "7"], cwd=project, env=env)
    _run([cli, "ingest", "--year", YEAR], cwd=project, env=env)
    _run([cli, "report", "--year", YEAR], cwd=project / "data", env=env)  # root found upwards
    html_path = project / "reports" / str(YEAR) / f"laporan-evaluasi-{YEAR}.html"
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="id">' in page and 'class="report-toc"' in page
    assert re.search(r"<title>Laporan Evaluasi[^<]*</title>", page)
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert str(project) not in page
    metrics = json.loads((project / "reports" / str(YEAR) / "metrics.json").read_text(encoding="utf-8"))
    libraries = metrics["provenance"]["environment"]["libraries"]
    assert set(libraries) >= {"numpy", "pandas", "scipy", "statsmodels", "matplotlib", "seaborn"}
    assert f"pandas {libraries['pandas']}" in page, "the appendix names the versions"

    # nbconvert's exporter from the wheel gives the published page, byte for byte
    executed = project / "reports" / str(YEAR) / "executed" / f"laporan-evaluasi-{YEAR}.ipynb"
    _run([python, "-m", "nbconvert", "--to", "kemuning", executed, "--output-dir", base / "nbc"],
         cwd=base, env=env)
    assert (base / "nbc" / executed.with_suffix(".html").name).read_bytes() == html_path.read_bytes()

    # papermill documents the bundled notebook's parameters with their types
    notebook = next((base / "venv").rglob("kemuning_eval/notebooks/laporan_evaluasi.ipynb"))
    helped = _run([python, "-m", "papermill", notebook, "--help-notebook"], cwd=base, env=env).stdout
    for line in ("year: int (default 2026)", 'lang: str (default "id")', 'output_dir: str (default "")'):
        assert line in helped

    # papermill started outside any project says how to point the notebook at one
    lost = _run([python, "-m", "papermill", notebook, base / "lost.ipynb", "-k", "kemuning-eval",
                 "--no-progress-bar"], cwd=base, env=env, check=False)
    assert lost.returncode != 0 and "folder proyek tidak ditemukan" in lost.stdout + lost.stderr
    assert "--cwd" in lost.stdout + lost.stderr


# -- papermill as researchers run it -----------------------------------------------------------

@pytest.fixture(scope="module")
def study(tmp_path_factory):
    from report_study import build_study

    return build_study(tmp_path_factory.mktemp("papermill study"))


def _papermill(study: Path, out: Path, *params: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "papermill", REPO / "notebooks" / "laporan_evaluasi.ipynb", out,
                 "--cwd", study, "-k", "kemuning-eval", "--no-progress-bar", *params],
                cwd=out.parent, env=_env(), check=False)


def test_papermill_stops_on_an_unknown_parameter(study, tmp_path):
    done = _papermill(study, tmp_path / "out.ipynb", "-p", "yaer", "2025")
    assert done.returncode != 0
    text = done.stdout + done.stderr
    assert "parameter notebook tidak dikenal: yaer" in text and "maksud Anda: year?" in text
    assert not (study / "draft").exists(), "nothing written"


def test_papermill_stops_on_a_mistyped_parameter(study, tmp_path):
    done = _papermill(study, tmp_path / "out.ipynb", "-p", "year", "2026x")
    assert done.returncode != 0
    assert "parameter notebook year harus bertipe int, bukan str" in done.stdout + done.stderr


def test_plain_papermill_run_writes_only_to_the_draft_folder(study, tmp_path):
    reports_before = sorted(p.relative_to(study) for p in (study / "reports").rglob("*"))
    _papermill(study, tmp_path / "out.ipynb", "-p", "lang", "en").check_returncode()
    draft = study / "draft" / str(YEAR) / f"laporan-evaluasi-{YEAR}-en"
    assert (draft / "metrics.json").is_file() and (draft / "tabel").is_dir()
    assert sorted(p.relative_to(study) for p in (study / "reports").rglob("*")) == reports_before


# -- the extension point: a researcher's own cell --------------------------------------------

RESEARCHER_CELL = '''\
peserta_unit = data["participants"].groupby("unit").size().reset_index(name="n")
peserta_unit["hadir"] = data["participants"].groupby("unit")["attendance"].mean().to_numpy()
display(rep.subheading("Peserta per unit kerja (analisis tambahan)"))
display(rep.table(peserta_unit, [("unit", "Unit kerja", None), ("n", "Peserta", "int"),
                                 ("hadir", "Rata-rata kehadiran (%)", "num1")],
                  caption="Peserta dan kehadiran per unit kerja", n="n"))'''


def test_a_researchers_cell_appears_in_its_chapter_formatted_like_the_rest(study):
    from kemuning_eval.paths import ProjectPaths
    from kemuning_eval.report.content.extension import RESEARCHER_TAG
    from kemuning_eval.report.engine.build import build_report

    book = nbformat.read(REPO / "notebooks" / "laporan_evaluasi.ipynb", as_version=4)
    at = next(i for i, c in enumerate(book.cells) if 'rep.section("reaction")' in c.source) + 1
    cell = nbformat.v4.new_code_cell(RESEARCHER_CELL, metadata={"tags": ["remove-input", RESEARCHER_TAG]})
    cell.id = "peneliti-unit"
    book.cells.insert(at, cell)
    (study / "notebooks").mkdir(exist_ok=True)
    nbformat.write(book, study / "notebooks" / "laporan_evaluasi.ipynb")

    extended = nbformat.read(study / "notebooks" / "laporan_evaluasi.ipynb", as_version=4)
    rules.parameters(extended)
    rules.check_cell(extended)
    rules.thin(extended)
    rules.report_layout(extended)  # the tests accept a tagged researcher cell

    page = build_report(YEAR, paths=ProjectPaths(study), report_date="2026-12-15").html.read_text("utf-8")
    heading = page.index("Peserta per unit kerja (analisis tambahan)</h3>")
    assert page.index('id="reaksi"') < heading < page.index('id="pembelajaran"'), "in the reaction chapter"
    assert 'href="#peserta-per-unit-kerja-analisis-tambahan"' in page, "listed in the contents"
    table = page[heading:page.index("</table>", heading)]
    assert re.search(r'<table class="report-table" id="tabel-\d+">', table), "a report table, anchored for the list of tables"
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    numbers = [x for x in cells if re.fullmatch(r"[\d.,]+", x)]
    assert numbers and all(re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d)?", x) for x in numbers), numbers
    assert any("," in x for x in numbers), "Indonesian decimal comma (num1)"
    assert "n &lt; 5" in cells, "a unit with fewer than 5 participants shows no average"
    caption = re.search(r"<caption>Tabel (\d+)\. Peserta dan kehadiran per unit kerja</caption>", table)
    earlier = [int(n) for n in re.findall(r"<caption>Tabel (\d+)\.", page[:heading])]
    assert caption and int(caption.group(1)) == max(earlier) + 1, "numbered with the report's tables"


def test_report_with_previous_builds_both_years_like_make_report(tmp_path_factory):
    """The one command of the conda path (and of make report): 2025 first, then 2026 compared."""
    from report_study import KEY as STUDY_KEY
    from report_study import build_study

    from kemuning_eval.cli import main

    root = build_study(tmp_path_factory.mktemp("two years"), years=(2025, 2026), participants=120)
    old = os.environ.get("KEMUNING_EVAL_KEY")
    os.environ["KEMUNING_EVAL_KEY"] = STUDY_KEY  # the key the study was ingested with
    try:
        assert main(["--quiet", "--root", str(root), "report", "--year", "2026", "--with-previous"]) == 0
    finally:
        if old is None:
            os.environ.pop("KEMUNING_EVAL_KEY", None)
        else:
            os.environ["KEMUNING_EVAL_KEY"] = old
    assert (root / "reports" / "2025" / "laporan-evaluasi-2025.html").is_file()
    metrics = json.loads((root / "reports" / "2026" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["findings"]["comparison"] and metrics["findings"]["comparison"]["previous_year"] == 2025
