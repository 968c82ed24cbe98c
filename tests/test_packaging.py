"""Packaging: pyproject.toml and environment.yml declare the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"pyyaml": "pyyaml"}
# conda-only entries that have no PyPI counterpart in pyproject
CONDA_ONLY = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = match.group(1).lower().replace("_", "-")
    return CONDA_TO_PYPI.get(name, name), match.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return dict(_split(r) for r in reqs)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, spec = _split(dep)
            if name not in CONDA_ONLY:
                out[name] = spec
    return out


def test_environment_yml_matches_pyproject():
    pyproject, environment = _pyproject(), _environment()
    assert sorted(set(pyproject) - set(environment)) == [], "in pyproject.toml, missing from environment.yml"
    assert sorted(set(environment) - set(pyproject)) == [], "in environment.yml, missing from pyproject.toml"
    drift = {n: (pyproject[n], environment[n]) for n in pyproject if pyproject[n] != environment[n]}
    assert drift == {}, f"version bounds differ (pyproject, environment.yml): {drift}"


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_parts = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_parts and "-e ." in pip_parts[0]


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
