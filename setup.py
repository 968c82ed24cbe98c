"""Build steps that pyproject.toml cannot declare (everything else lives there).

* The report and exploratory notebooks exist once in git, in ``notebooks/``
  (where researchers open them in a checkout).  Building a wheel copies them
  into the package as ``kemuning_eval/notebooks/``, where
  :func:`kemuning_eval.paths.bundled_notebooks` finds them with
  ``importlib.resources``.  An editable install reads ``notebooks/`` directly.
* The Jupyter kernel spec ``kemuning-eval`` is installed into the
  environment's ``share/jupyter/kernels`` by pip itself, so every install
  route (pip, conda's pip step, ``make install``) has the kernel the
  committed notebooks name.  Its ``argv`` starts ``python``, which Jupyter
  replaces by the interpreter of the environment it runs in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE / "notebooks"
KERNEL_SPEC = "kemuning_eval/data/kernel/kernel.json"


class BuildPyWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/**/*.ipynb`` into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads notebooks/ in the checkout
        target = Path(self.build_lib) / "kemuning_eval" / "notebooks"
        for notebook in sorted(NOTEBOOKS.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in notebook.parts:
                continue
            dest = target / notebook.relative_to(NOTEBOOKS)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(notebook, dest)


setup(
    cmdclass={"build_py": BuildPyWithNotebooks},
    data_files=[("share/jupyter/kernels/kemuning-eval", [KERNEL_SPEC])],
)
