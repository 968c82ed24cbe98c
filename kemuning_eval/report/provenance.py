"""Provenance of a report: input hashes, parameters, package version, git commit.

The SHA-256 of every input comes from the processed ``manifest.json`` that
ingestion writes (the report never re-reads the raw folder).  The git commit
is recorded when the project is a git checkout, else ``None``.

Examples
--------
>>> manifest = {"inputs": [{"file": "b.csv", "sha256": "22"}, {"file": "a.csv", "sha256": "11"}]}
>>> input_hashes(manifest)
[{'file': 'a.csv', 'kind': 'input', 'sha256': '11'}, {'file': 'b.csv', 'kind': 'input', 'sha256': '22'}]
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

_FILE_KEYS = ("file", "path", "name", "table")


def _entries(node: Any, kind: str) -> list[dict[str, str]]:
    """Collect ``{file, sha256}`` pairs from a (nested) manifest node."""
    found: list[dict[str, str]] = []
    if isinstance(node, dict):
        if "sha256" in node and isinstance(node["sha256"], str):
            name = next((str(node[k]) for k in _FILE_KEYS if k in node), "")
            found.append({"file": Path(name).name if name else "", "kind": kind, "sha256": node["sha256"]})
            return found
        for key, value in node.items():
            if isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value):
                found.append({"file": Path(str(key)).name, "kind": kind, "sha256": value})
            elif isinstance(value, (dict, list)):
                found.extend(_entries(value, kind))
    elif isinstance(node, list):
        for value in node:
            found.extend(_entries(value, kind))
    return found


def input_hashes(manifest: dict) -> list[dict[str, str]]:
    """Return the hashed files of a processed manifest, sorted by kind and file name.

    Raw inputs, codebooks and the configuration are ``kind="input"``; the
    processed tables (under a ``tables`` / ``outputs`` key) are ``kind="table"``.
    Only file *names* are kept (no absolute paths in a published report).
    """
    rows: list[dict[str, str]] = []
    for key, value in manifest.items():
        if key in ("tables", "outputs"):
            rows.extend(_entries(value, "table"))
        elif key not in ("rules", "cleaning", "rows"):
            rows.extend(_entries(value, "input"))
    unique = {(r["kind"], r["file"], r["sha256"]): r for r in rows}
    return [unique[k] for k in sorted(unique)]


def read_manifest(processed_dir: str | Path) -> dict:
    """Return ``manifest.json`` of a processed folder, or ``{}`` when there is none."""
    path = Path(processed_dir) / "manifest.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def git_commit(root: str | Path) -> str | None:
    """Return the commit of ``root`` (with ``-dirty`` when files changed), or ``None``."""
    root = Path(root)
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head or None


def package_version() -> str:
    """Return the installed version of kemuning-eval."""
    from kemuning_eval import __version__

    return __version__


def build_provenance(processed_dir: str | Path, root: str | Path, parameters: dict) -> dict:
    """Return the ``provenance`` entry of the metrics.

    Parameters
    ----------
    processed_dir : path
        ``data/processed/<year>`` holding ``manifest.json``.
    root : path
        Project root (for the git commit).
    parameters : dict
        The notebook parameters (paths are reduced to their names).
    """
    manifest = read_manifest(processed_dir)
    params = {k: (Path(v).name if k.endswith(("_dir", "_root")) and v else v) for k, v in parameters.items()}
    return {
        "inputs": input_hashes(manifest),
        "parameters": dict(sorted(params.items())),
        "package_version": package_version(),
        "manifest_package_version": manifest.get("package_version"),
        "git_commit": git_commit(root),
    }
