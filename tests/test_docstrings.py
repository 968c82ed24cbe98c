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


def _doctest_examples():
    import doctest
    import importlib
    import pkgutil

    import kemuning_eval

    finder = doctest.DocTestFinder()
    for info in pkgutil.walk_packages(kemuning_eval.__path__, "kemuning_eval."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for test in finder.find(module, info.name):
            for example in test.examples:
                yield f"{test.name}:{(test.lineno or 0) + example.lineno + 1}", example


def test_doctests_do_not_depend_on_float_digits_or_pandas_layout():
    """A doctest prints rounded numbers and plain Python values, never a whole DataFrame
    (its layout changes with pandas) nor an unrounded float (its last digit changes with
    the BLAS, libm or CPU): round, or print ``.round(k).to_dict("records")``."""
    import re

    frame = re.compile(r"^\s*\S+(?:\s{2,}\S+)+\s*\n\s*0\s{2,}\S", re.MULTILINE)
    long_float = re.compile(r"(?<![\w.'\"])-?\d+\.\d{7,}")
    quoted = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
    bad = []
    for where, example in _doctest_examples():
        want = example.want
        if frame.search(want):
            bad.append(f"{where}: prints a DataFrame")
        if long_float.search(quoted.sub("''", want)):
            bad.append(f"{where}: prints an unrounded float {want.strip()[:60]!r}")
    assert bad == [], "\n".join(bad)
