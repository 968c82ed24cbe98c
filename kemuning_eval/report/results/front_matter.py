"""The report's front matter from ``report.front_matter`` of ``studi.yaml`` (defaults in config).

The logo is read here and kept as a ``data:`` URL, so the published page is
self-contained; its type was checked when ``studi.yaml`` was loaded.

Examples
--------
>>> fm = front_matter({})
>>> fm.title, fm.logo, fm.signatories
(None, None, ['head_of_agency', 'head_of_division'])
>>> [r.role for r in fm.team], fm.team[0].names
(['responsible', 'coordinator', 'analyst', 'member'], [])
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kemuning_eval.config import FRONT_MATTER_DEFAULTS, logo_type
from kemuning_eval.report.results.model import FrontMatter

__all__ = ["front_matter", "logo_data_url"]


def logo_data_url(file: Path) -> str:
    """Return the image ``file`` as a ``data:`` URL (its type read from its first bytes).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d) / "logo.svg"
    ...     _ = f.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    ...     logo_data_url(f)[:30]
    'data:image/svg+xml;base64,PHN2'
    """
    data = file.read_bytes()
    kind = logo_type(data[:256]) or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def front_matter(configured: Mapping[str, Any] | None) -> FrontMatter:
    """Return the front matter: the configured values over :data:`~kemuning_eval.config.FRONT_MATTER_DEFAULTS`.

    Parameters
    ----------
    configured : mapping or None
        ``report.front_matter`` as :func:`kemuning_eval.config.load_study` checked it.

    Examples
    --------
    >>> front_matter({"signatories": ("Sekretaris Badan",), "team": ()}).signatories
    ['Sekretaris Badan']
    """
    fm = {**FRONT_MATTER_DEFAULTS, **{k: v for k, v in (configured or {}).items() if v is not None}}
    logo = fm.get("logo")
    return FrontMatter(
        title=fm.get("title"), logo=logo_data_url(Path(logo)) if logo else None,
        foreword=list(fm["foreword"]) if fm.get("foreword") else None,
        signatories=[str(x) for x in fm["signatories"]],
        team=[{"role": str(r["role"]), "names": [str(n) for n in r.get("names") or ()]} for r in fm["team"]],
    )
