"""Reading the YAML files people edit (``studi.yaml``, codebooks, theme codebook) safely.

- a key written twice in one mapping is refused (YAML would silently keep
  the last one: a repeated ``inputs:`` would replace the whole section);
- aliases may not expand the document beyond :data:`MAX_NODES` values (a
  "billion laughs" document is refused at once instead of taking seconds
  or all memory wherever it is walked);
- the text must be UTF-8 (a BOM is allowed); every problem is a
  :class:`~kemuning_eval.errors.ConfigError` naming the file and line.

Examples
--------
>>> load_yaml("study: {year: 2026}\\n", source="studi.yaml")
{'study': {'year': 2026}}
>>> load_yaml("inputs: {}\\ninputs: {}\\n", source="studi.yaml")
Traceback (most recent call last):
...
kemuning_eval.errors.ConfigError: kunci YAML ditulis dua kali: 'inputs' (baris 1 dan 2) [file studi.yaml, baris 2] ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kemuning_eval.errors import ConfigError
from kemuning_eval.i18n import t

#: largest number of values a document may hold once its aliases are expanded
MAX_NODES = 100_000
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parser when available


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, first: int, second: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.second = key, first, second


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loader that refuses a mapping key written twice."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # unhashable key: the base constructor words that error
                break
            line = key_node.start_mark.line + 1
            if first is not None:
                raise _DuplicateKey(key, first, line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def expanded_size(data: Any, limit: int = MAX_NODES) -> int:
    """Count the values of ``data`` as if every alias were copied out (stops above ``limit``).

    Shared sub-documents are counted once per use but walked only once, so a
    billion-laughs document is measured in microseconds.

    Examples
    --------
    >>> a = ["x"] * 10
    >>> expanded_size({"a": a, "b": [a, a]})
    37
    """
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        key = id(node)
        if key not in sizes:
            sizes[key] = limit + 1  # a cycle counts as too big
            children = list(node.keys()) + list(node.values()) if isinstance(node, dict) else node
            total = 1
            for child in children:
                total += size(child)
                if total > limit:
                    break
            sizes[key] = min(total, limit + 1)
        return sizes[key]

    return size(data)


def load_yaml(text: str, *, source: str) -> Any:
    """Parse YAML ``text``; refuse duplicate keys and alias bombs.

    Parameters
    ----------
    text : str
        The document.
    source : str
        File name for messages.

    Returns
    -------
    object
        The parsed document (``None`` for an empty one).

    Raises
    ------
    ConfigError
        Naming the file and line: bad syntax, a repeated key, too large an expansion.

    Examples
    --------
    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\\n"
    ...     for p, n in zip("abcdefgh", "bcdefghi"))
    >>> try:
    ...     load_yaml(bomb, source="studi.yaml")
    ... except ConfigError as exc:
    ...     print(exc.file, "alias" in exc.message)
    studi.yaml True
    """
    try:
        data = yaml.load(text, Loader=_Loader)
    except _DuplicateKey as exc:
        raise ConfigError(t("yaml.duplicate_key", key=repr(exc.key), first=exc.first, second=exc.second),
                          file=source, row=exc.second, hint=t("yaml.duplicate_key_hint")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(t("yaml.bad"), file=source, row=(mark.line + 1) if mark else None,
                          hint=t("yaml.bad_hint", problem=str(getattr(exc, "problem", None) or exc))) from None
    if expanded_size(data) > MAX_NODES:
        raise ConfigError(t("yaml.too_large", limit=MAX_NODES), file=source, hint=t("yaml.too_large_hint"))
    return data


def read_yaml(path: Path, *, source: str | None = None) -> Any:
    """Read and parse a YAML file (UTF-8, BOM allowed) with :func:`load_yaml`.

    Parameters
    ----------
    path : Path
        The file.
    source : str, optional
        Name for messages (default: the path's name as configured).

    Raises
    ------
    ConfigError
        When the text is not UTF-8 or :func:`load_yaml` refuses it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = Path(tmp) / "tema.yaml"
    ...     _ = f.write_bytes("themes: {biaya: {label: Biaya}}\\n# caf\\xe9\\n".encode("cp1252"))
    ...     try:
    ...         read_yaml(f)
    ...     except ConfigError as exc:
    ...         print(exc.file, exc.row)
    tema.yaml 2
    """
    source = source or path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[:exc.start].count(b"\n") + 1
        raise ConfigError(t("yaml.not_utf8"), file=source, row=row, hint=t("yaml.not_utf8_hint")) from None
    return load_yaml(text, source=source)
