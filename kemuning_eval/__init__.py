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

from functools import cache

__all__ = ["__version__"]


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kemuning-eval")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    """``__version__`` is read from the installed metadata on first use (importlib.metadata costs ~0.1 s)."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'kemuning_eval' has no attribute {name!r}")
