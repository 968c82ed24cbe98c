"""kemuning-eval: evaluation of ASN training programmes.

The package keeps its import light: heavy libraries (pandas, statsmodels,
matplotlib, papermill) are imported by the modules that use them, never here.

Examples
--------
>>> import kemuning_eval
>>> isinstance(kemuning_eval.__version__, str)
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kemuning-eval")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
