"""Packaging: pyproject.toml, environment.yml (conda-forge names), the lock file, git attributes."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

#: PyPI name -> conda-forge name, for every dependency of pyproject.toml (checked on
#: conda-forge's package pages, 2026-12).  A new dependency needs its row here.
CONDA_FORGE = {
    "numpy": "numpy", "scipy": "scipy", "pandas": "pandas", "pyarrow": "pyarrow",
    "matplotlib": "matplotlib-base",  # "matplotlib" on conda-forge also installs Qt
    "seaborn": "seaborn", "statsmodels": "statsmodels", "openpyxl": "openpyxl",
    "pyreadstat": "pyreadstat", "pyyaml": "pyyaml", "jsonschema": "jsonschema", "pydantic": "pydantic",
    "papermill": "papermill",
    "nbconvert": "nbconvert-core",  # "nbconvert" on conda-forge also installs pandoc and PDF tools
    "nbformat": "nbformat", "ipykernel": "ipykernel", "jupyterlab": "jupyterlab", "tqdm": "tqdm",
    "pytest": "pytest", "hypothesis": "hypothesis", "pingouin": "pingouin",
    "playwright": "playwright-python",  # the Python library; conda-forge "playwright" is not it
    "ruff": "ruff", "nbstripout": "nbstripout", "uv": "uv",
    "build": "python-build",  # conda-forge "build" stopped at 0.7
    "wildboottest": None,  # not on conda-forge: environment.yml installs it with pip
    "pypdf": "pypdf", "python-docx": "python-docx",
    "pypandoc-binary": None,  # conda-forge has pypandoc and pandoc apart: environment.yml uses pip
}
#: conda-forge names that are another package than the PyPI name of the same spelling.
WRONG_CONDA_NAMES = {"playwright": "the Node.js Playwright tool, not the Python library playwright-python",
                     "build": "an old copy (0.7) of the PyPA build frontend; it is python-build there"}
#: Newest version seen on conda-forge for packages whose conda-forge builds lag PyPI
#: (statsmodels 0.15 is on PyPI only): a lower bound above it cannot be solved.
CONDA_FORGE_NEWEST_CHECKED = {"statsmodels": "0.14.6", "playwright-python": "1.61.0", "pandas": "3.0.3"}
#: conda-only entries that have no PyPI counterpart in pyproject
CONDA_ONLY = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return reqs


def _pyproject() -> dict[str, str]:
    return dict(_split(r) for r in _pyproject_requirements())


def _environment_entries(env: dict) -> dict[str, str]:
    return dict(_split(d) for d in env["dependencies"] if isinstance(d, str))


def conda_problems(pyproject: dict[str, str], environment: dict[str, str],
                   pip_part: dict[str, str] | None = None) -> list[str]:
    """Every way environment.yml (conda-forge names, then its pip part) disagrees with pyproject.toml."""
    problems = []
    pip_part = pip_part or {}
    for name, spec in environment.items():
        if name in WRONG_CONDA_NAMES:
            problems.append(f"{name}: on conda-forge this is {WRONG_CONDA_NAMES[name]}")
        newest = CONDA_FORGE_NEWEST_CHECKED.get(name)
        bound = re.match(r">=([0-9][0-9.]*)", spec)
        if newest and bound and Version(bound.group(1)) > Version(newest):
            problems.append(f"{name}{spec}: conda-forge has {newest} at most (checked)")
    wanted = {}
    for name, spec in pyproject.items():
        if name not in CONDA_FORGE:
            problems.append(f"{name}: add its conda-forge name to CONDA_FORGE")
            continue
        if CONDA_FORGE[name] is None:
            if pip_part.get(name) != spec:
                problems.append(f"{name}{spec}: not on conda-forge, list it in environment.yml's pip part")
            continue
        wanted[CONDA_FORGE[name]] = spec
    for conda_name, spec in wanted.items():
        if conda_name not in environment:
            problems.append(f"{conda_name}: in pyproject.toml, missing from environment.yml")
        elif environment[conda_name] != spec:
            problems.append(f"{conda_name}: bound {environment[conda_name]} differs from pyproject's {spec}")
    for name in sorted(set(environment) - set(wanted) - CONDA_ONLY):
        if name not in WRONG_CONDA_NAMES:
            problems.append(f"{name}: in environment.yml, not in pyproject.toml")
    return problems


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    return _environment_entries(env)


def _environment_pip() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    lines = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d][0]
    return dict(_split(line) for line in lines if line != ".")


def test_environment_yml_matches_pyproject_under_conda_forge_names():
    assert conda_problems(_pyproject(), _environment(), _environment_pip()) == []


def test_a_wrong_conda_name_or_an_unsolvable_bound_is_caught():
    environment = _environment()
    wrong = dict(environment)
    wrong["playwright"] = wrong.pop("playwright-python")
    assert any("Node.js" in p for p in conda_problems(_pyproject(), wrong))
    too_new = dict(environment, statsmodels=">=0.15")
    assert any("conda-forge has 0.14.6" in p for p in conda_problems(_pyproject(), too_new))
    same_as_pypi = dict(environment)
    same_as_pypi["nbconvert"] = same_as_pypi.pop("nbconvert-core")
    assert any("nbconvert-core" in p for p in conda_problems(_pyproject(), same_as_pypi))


def test_environment_installs_the_package_itself_with_its_kernel():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_parts = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_parts and pip_parts[0][-1] == ".", "a regular (not editable) install registers the kernel"
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert "share/jupyter/kernels/kemuning-eval" in setup


def _lock() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {canonicalize_name(m.group(1)): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.MULTILINE)}


def test_lock_satisfies_pyproject():
    pins = _lock()
    for line in _pyproject_requirements():
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, pyproject.toml wants {req.specifier}: run make lock")


def test_lock_is_hashed_and_used_by_make_install():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"^(?=[A-Za-z0-9])", text, flags=re.MULTILINE)
    pinned = [b for b in blocks if "==" in b.split("\n", 1)[0]]
    assert pinned and all("--hash=sha256:" in b for b in pinned), "every pin carries its hashes"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile and "LOCK   := requirements.lock" in makefile
    assert "--python-version 3.11" in makefile, "make lock resolves for the supported Python"


def _attributes(path: str) -> dict[str, str]:
    out = subprocess.run(["git", "-C", str(ROOT), "check-attr", "-a", "--", path],
                         capture_output=True, text=True, check=True).stdout
    return dict(line.split(": ")[1:] for line in out.splitlines())


@pytest.mark.parametrize("path", ["data/raw/2026/survei-reaksi-2026.csv", "data/raw/2027/peserta.xlsx",
                                  "data/raw/2027/observasi.sav", "data/raw/2027/codebook/reaksi.yaml",
                                  "tests/fixtures/ingest/study/nilai-tes.csv"])
def test_raw_data_are_byte_exact_in_git(path):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    assert _attributes(path).get("text") == "unset", f"{path} would get its line endings converted"


def test_code_has_lf_and_notebooks_the_output_filter():
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    assert _attributes("kemuning_eval/cli.py").get("eol") == "lf"
    assert _attributes(".ci/run").get("eol") == "lf"
    assert _attributes("notebooks/laporan_evaluasi.ipynb").get("filter") == "nbstripout"


def test_every_dependency_has_a_lower_bound():
    for name, spec in _pyproject().items():
        assert spec.startswith(">="), f"{name} needs a lower bound known to work, got {spec!r}"


def test_generated_folders_are_ignored_but_kept():
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for folder in ("data/processed", "reports"):
        assert f"{folder}/*" in ignore
        assert (ROOT / folder / ".gitkeep").exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make test" in readme and "make report" in readme


def test_readme_conda_path_builds_both_years_like_make_report():
    """Windows users without make get the comparison of the two years too."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Windows and Anaconda"):]
    block = section[section.index("```bash"):section.index("```", section.index("```bash") + 7)]
    lines = [line.split("#")[0].strip() for line in block.splitlines()]
    order = [line for line in lines if line.startswith("kemuning-eval ") and "--year" in line]
    assert order == ["kemuning-eval report --year 2026 --with-previous"]
    assert "conda env create -f environment.yml" in block
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "kemuning-eval report --year $(YEAR) --lang $(LANG_REPORT) --with-previous" in makefile
