"""``kemuning-eval kernel install|status``: the Jupyter kernel the notebooks name.

Examples
--------
>>> from kemuning_eval.cli import main
>>> main(["kernel", "--help"])  # doctest: +ELLIPSIS
usage: kemuning-eval kernel [-h] {install,status} ...
...
0
"""

from __future__ import annotations

import argparse

from kemuning_eval.commands import text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``kernel`` subcommand to ``sub`` (the main parser's subparsers).

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kemuning-eval")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["kernel", "install", "--user"])
    >>> args.action, args.user
    ('install', True)
    """
    p = sub.add_parser("kernel", help=text("kernel.help"), description=text("kernel.description"))
    actions = p.add_subparsers(dest="action", metavar="{install,status}", required=True,
                               parser_class=type(p))
    install = actions.add_parser("install", help=text("kernel.install"))
    install.add_argument("--user", action="store_true", help=text("kernel.user"))
    actions.add_parser("status", help=text("kernel.status"))
    p.set_defaults(func=run, user=False)


def run(args: argparse.Namespace) -> int:
    """Register the kernel or show where it is; return the exit code.

    Examples
    --------
    >>> import argparse
    >>> run(argparse.Namespace(action="status", user=False))  # doctest: +ELLIPSIS
    kernel Jupyter 'kemuning-eval': ...
    0
    """
    from kemuning_eval.i18n import t
    from kemuning_eval.report.engine.kernel import (
        KERNEL_NAME,
        ensure_kernel,
        install_kernel,
        kernel_status,
    )

    if args.action == "install":
        folder = install_kernel(user=args.user)
        print(t("install.status.kernel_installed", name=KERNEL_NAME, path=str(folder)))
        return 0
    ensure_kernel()
    folder, python = kernel_status()
    shown = str(python) if python is not None and python.is_absolute() else t("install.status.kernel_jupyter_python")
    print(t("install.status.kernel_found", name=KERNEL_NAME, path=str(folder), python=shown))
    return 0
