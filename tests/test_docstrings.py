"""Every public function and class of the package has a numpydoc docstring with Examples.

The examples themselves run as doctests (``--doctest-modules`` in pyproject.toml).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kemuning_eval"


def _public_definitions():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
                yield path.relative_to(PACKAGE.parent).as_posix(), node


def test_public_definitions_have_examples():
    missing = [
        f"{path}:{node.lineno} {node.name}"
        for path, node in _public_definitions()
        if "Examples" not in (ast.get_docstring(node) or "")
    ]
    assert missing == [], "public definitions without an Examples section:\n" + "\n".join(missing)


def test_every_module_has_a_docstring():
    missing = [
        p.relative_to(PACKAGE.parent).as_posix()
        for p in sorted(PACKAGE.rglob("*.py"))
        if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert missing == []
