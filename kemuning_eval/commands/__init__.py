"""Subcommands of ``kemuning-eval``: one module each, with ``register(subparsers)``.

Each ``register`` adds its parser and sets ``func`` to a function taking the
parsed arguments and returning an exit code.  Heavy imports happen inside
that function so that ``--help`` stays fast.
"""
