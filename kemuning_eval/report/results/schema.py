"""The JSON Schema of ``metrics.json``, generated from the typed results model.

:class:`~kemuning_eval.report.results.model.Metrics` is the source; the schema
bundled as ``kemuning_eval/schema/metrics.schema.json`` (draft 2020-12) is
written from it by :func:`write_schema`, so that the two cannot drift apart (a
test compares the committed file with :func:`generated_schema`)::

    python -m kemuning_eval.report.results.schema      # rewrite the bundled file

Examples
--------
>>> schema = generated_schema()
>>> schema["$schema"], schema["properties"]["reaction"]["discriminator"]["propertyName"]
('https://json-schema.org/draft/2020-12/schema', 'available')
>>> schema_text() == bundled_path().read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from kemuning_eval.report.results.model import Metrics

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://kemuning-eval.example/schema/metrics.schema.json"


class _NoFieldTitles(GenerateJsonSchema):
    """Leave out the title pydantic derives from each field name (it only repeats the name)."""

    def field_title_should_be_set(self, schema: Any) -> bool:  # noqa: D102 - pydantic hook
        return False


def generated_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``metrics.json``, from :class:`~.model.Metrics`.

    Returns
    -------
    dict
        ``$schema``, ``$id`` and ``title`` first, then what pydantic generates
        (validation mode: the fields a document must hold).

    Examples
    --------
    >>> schema = generated_schema()
    >>> list(schema)[:3], schema["additionalProperties"]
    (['$schema', '$id', 'title'], False)
    """
    body = Metrics.model_json_schema(mode="validation", schema_generator=_NoFieldTitles)
    body.pop("title", None)
    return {"$schema": DRAFT, "$id": SCHEMA_ID, "title": "kemuning-eval metrics.json", **body}


def schema_text() -> str:
    """The generated schema as the bundled file holds it: sorted keys, two-space indent, one final newline.

    Examples
    --------
    >>> schema_text().startswith('{\\n  "$defs"')
    True
    """
    return json.dumps(generated_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def bundled_path() -> Path:
    """Where the package keeps the schema: ``kemuning_eval/schema/metrics.schema.json``.

    Examples
    --------
    >>> bundled_path().name
    'metrics.schema.json'
    """
    return Path(__file__).resolve().parents[2] / "schema" / "metrics.schema.json"


def write_schema(path: str | Path | None = None) -> Path:
    """Write the generated schema to ``path`` (default: the bundled file); return the path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_schema(Path(d) / "metrics.schema.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["$schema"] == DRAFT
    True
    """
    target = Path(path) if path else bundled_path()
    target.write_text(schema_text(), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Rewrite the bundled schema (or the file named by the one argument); print its path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     main([str(Path(d) / "s.json")])  # doctest: +ELLIPSIS
    /.../s.json
    0
    """
    args = sys.argv[1:] if argv is None else argv
    print(write_schema(args[0] if args else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
