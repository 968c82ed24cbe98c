"""Subcommands of ``kemuning-eval``: one module each, with ``register(subparsers)``.

Each ``register`` adds its parser and sets ``func`` to a function taking the
parsed arguments and returning an exit code.  Heavy imports happen inside
that function so that ``--help`` stays fast.  Help texts come from the
catalogue (``catalogue/cli.yaml``) in the language of the environment
variable ``KEMUNING_EVAL_LANG`` (``id`` by default, or ``en``).

Examples
--------
>>> import os
>>> os.environ["KEMUNING_EVAL_LANG"] = "en"
>>> text("opt.year")
'study year, e.g. 2026'
>>> del os.environ["KEMUNING_EVAL_LANG"]
>>> text("opt.year")
'tahun studi, mis. 2026'
"""

from __future__ import annotations


def text(key: str, **values: object) -> str:
    """Return the catalogue text ``cli.<key>`` in the language of ``$KEMUNING_EVAL_LANG``.

    Examples
    --------
    >>> text("synth.help").startswith("buat studi sintetis")
    True
    """
    from kemuning_eval.i18n import t

    return t(f"cli.{key}", **values)
