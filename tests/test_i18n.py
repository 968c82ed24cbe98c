"""The text catalogue and number formatting."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kemuning_eval import i18n
from kemuning_eval.errors import UsageError
from kemuning_eval.numfmt import fmt_number, fmt_pct, fmt_rupiah


def test_catalogue_loads_with_both_languages():
    cat = i18n.catalogue()
    assert cat, "catalogue is empty"
    for key, texts in cat.items():
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", key), key
        assert texts["id"].strip() and texts["en"].strip(), key


def test_placeholders_agree_between_languages():
    fmt = string.Formatter()
    for key, texts in i18n.catalogue().items():
        names = [{f for _, f, _, _ in fmt.parse(texts[lang]) if f} for lang in i18n.LANGS]
        assert names[0] == names[1], f"{key}: placeholders differ {names}"


def test_unknown_language_is_usage_error():
    with pytest.raises(UsageError):
        i18n.t("cli.exit.usage", "fr")


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.5, 1, "id", "1.234,5"),
        (1234567.891, 2, "id", "1.234.567,89"),
        (-0.5, 1, "id", "-0,5"),
        (1234.5, 1, "en", "1,234.5"),
        (0.005, 2, "id", "0,01"),  # half away from zero, as spreadsheets round
    ],
)
def test_fmt_number(value, decimals, lang, expected):
    assert fmt_number(value, decimals, lang) == expected


def test_rupiah_and_percent():
    assert fmt_rupiah(1250000) == "Rp1.250.000"
    assert fmt_pct(0.8, 0) == "80%"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 3))
def test_fmt_number_roundtrips(value, decimals):
    text = fmt_number(value, decimals, "id")
    back = float(text.replace(".", "").replace(",", "."))
    assert abs(back - value) <= 0.5 * 10**-decimals + 1e-9 * max(1.0, abs(value))


@pytest.mark.parametrize(("lang", "expected"), [("id", "kolom tidak ada"), ("en", "column missing")])
def test_error_messages_follow_kemuning_eval_lang(monkeypatch, lang, expected):
    # The README promises English messages with KEMUNING_EVAL_LANG=en: errors take the
    # language from i18n.default_lang(), never a hard-coded "id".
    import pandas as pd

    from kemuning_eval.errors import DataError
    from kemuning_eval.stats._common import require_columns

    monkeypatch.setenv(i18n.LANG_ENV, lang)
    with pytest.raises(DataError, match=expected):
        require_columns(pd.DataFrame({"a": [1]}), ["b"], table="tests")


def test_errors_and_i18n_import_one_way():
    # errors words its location from the texts module only; i18n raises errors' UsageError.
    # Checked on the source, counting imports inside functions, as an import cycle would hide there.
    import ast
    import inspect

    from kemuning_eval import errors, texts

    def imported(module):
        tree = ast.parse(inspect.getsource(module))
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert "kemuning_eval.i18n" not in imported(errors)
    assert imported(texts) <= {"__future__", "functools", "importlib", "typing"}
    assert "kemuning_eval.errors" in imported(i18n)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_error_location_words_follow_the_language(monkeypatch, lang):
    from kemuning_eval.errors import DataError

    monkeypatch.setenv(i18n.LANG_ENV, lang)
    assert DataError("x", row=4).where() == i18n.t("cli.where.row", lang, row=4)
