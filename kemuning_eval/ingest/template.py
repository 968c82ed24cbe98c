"""The codebook template: a skeleton codebook guessed from a raw export.

``kemuning-eval codebook template FILE`` reads the export (title rows above a
CSV or Excel header are skipped and the message says which ``--header-row``
/ ``header_row:`` to use) and guesses per column, from its header and all
its values, never copying a value into the codebook:

- personal data (``pii: name | nip | phone | email``) from headers and values;
- Likert scales on *normalised* labels (case, spaces, punctuation,
  abbreviations: ``" sangat setuju "``, ``"SS"``, ``"Sangat Setuju."`` are one label);
- the nine IKM elements (PermenPANRB 14/2017) from the question's wording;
- dates and times (:mod:`kemuning_eval.ingest.dates`), ``format: DMY`` with a
  comment when no value tells day from month;
- free text (``freetext``) from the header's wording and long, varied answers;
- export metadata of Google Forms, Microsoft Forms and KoboToolbox
  (``Stempel waktu``/``Completion time``/``_submission_time`` -> ``submitted_at``,
  ``_uuid``/``ID``... -> ``keep: false``);
- likely negatively worded items (*tidak, sulit, kurang, ketinggalan, usang* ...)
  get a comment suggesting ``reverse: true``.

Examples
--------
>>> import pandas as pd
>>> guess_column("Materi sudah USANG", pd.Series([" sangat setuju ", "SS", "s", "Tidak setuju."]))
{'raw': 'Materi sudah USANG', 'type': 'likert', 'scale': 'setuju5', 'negative': 'usang'}
>>> guess_column("Kemudahan prosedur pelayanan", pd.Series(["4", "3", "2"]))["ikm_element"]
'prosedur'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kemuning_eval.errors import UsageError
from kemuning_eval.i18n import t
from kemuning_eval.ingest.labels import builtin_scale, detect_scale, normalise_label

_PII_HEADERS = [
    ("email", re.compile(r"e-?mail|surel|surat elektronik")),
    ("phone", re.compile(r"\b(no\.? ?)?(hp|telp|telepon|telfon|wa|whatsapp|ponsel|handphone|phone)\b")),
    ("nip", re.compile(r"\bnip\b|nomor induk pegawai|\bnik\b")),
    ("name", re.compile(r"\bnama\b|\bname\b|narasumber|penilai nama")),
]
_NOT_NAME = re.compile(r"nama (pelatihan|program|kegiatan|unit|instansi|diklat|jabatan|opd)")
#: Words that make a statement negative (the item likely needs ``reverse: true``).
NEGATION_WORDS = ("tidak", "tak", "belum", "sulit", "sukar", "susah", "kurang", "ketinggalan", "usang",
                  "jarang", "lambat", "terlambat", "membosankan", "bosan", "bingung", "membingungkan",
                  "rumit", "buruk", "terlalu", "kesulitan", "not", "difficult", "outdated", "boring",
                  "confusing", "rarely", "hardly", "too")
_NEGATION = re.compile(r"\b(" + "|".join(NEGATION_WORDS) + r")\b")
#: IKM element -> wording of the question (normalised header).
IKM_WORDING = {
    "persyaratan": r"persyaratan",
    "prosedur": r"prosedur|mekanisme|alur pelayanan",
    "waktu": r"waktu penyelesaian|kecepatan (waktu )?pelayanan|lama(nya)? (waktu )?pelayanan",
    "biaya": r"biaya|tarif",
    "produk": r"produk|spesifikasi|jenis pelayanan|hasil pelayanan",
    "kompetensi": r"kompetensi|kemampuan (petugas|pelaksana)",
    "perilaku": r"perilaku|kesopanan|keramahan|sikap (petugas|pelaksana)",
    "pengaduan": r"pengaduan",
    "sarana": r"sarana|prasarana",
}
_FREETEXT = re.compile(r"\b(saran|masukan|komentar|catatan|kesan|pesan|usul|usulan|harapan|alasan|jelaskan|"
                       r"uraikan|pendapat|kritik|suggestions?|comments?|feedback|remarks|why)\b")
_SUBMITTED = re.compile(r"^(stempel waktu|timestamp|cap waktu|completion time|waktu selesai|"
                        r"submission time|submitted at|end)$")
_TIME_HEADER = re.compile(r"waktu|tanggal|\btgl\b|\btime\b|\bdate\b|^start$|^end$|^today$")
_PROGRAM = re.compile(r"^(kode |nama |jenis )?(pelatihan|program|programme|diklat|training)( yang diikuti)?$"
                      r"|^(kode|nama) (pelatihan|program|diklat)")
_EXPORT_META = re.compile(r"^(id|uuid|index|validation status|notes|status|submitted by|version|tags|"
                          r"instanceid|deviceid|formhub uuid|meta instanceid|last modified time)$")


def _pii(h: str, vals: Any) -> str | None:
    from kemuning_eval.scrub import EMAIL, NIP, PHONE

    for kind, pattern in _PII_HEADERS:
        if pattern.search(h) and not (kind == "name" and _NOT_NAME.search(h)):
            return kind
    sample = vals.head(200)
    if len(sample):
        for kind, pattern in (("email", EMAIL), ("nip", NIP), ("phone", PHONE)):
            if sample.str.fullmatch(pattern.pattern).mean() > 0.5:
                return kind
    return None


def _dates(h: str, vals: Any) -> dict[str, Any] | None:
    """A date/datetime entry when the column's values are dates, else None."""
    from kemuning_eval.ingest.dates import parse_unique

    uniq = vals.drop_duplicates()
    if not len(uniq) or not (_TIME_HEADER.search(h) or uniq.str.contains(r"\d[-/.]\d", regex=True).mean() > 0.9):
        return None
    if uniq.str.fullmatch(r"\d+([.,]\d+)?").all() and not _TIME_HEADER.search(h):
        return None  # plain numbers are dates (Excel serials) only under a date header
    parsed = parse_unique(uniq)
    if parsed.ambiguous:
        return {"type": "datetime" if uniq.str.contains(":").any() else "date", "format": "DMY",
                "comment": "ambiguous_date"}
    ok = parsed.values.notna()
    if ok.mean() < 0.9:
        return None
    has_time = (parsed.values[ok] != parsed.values[ok].dt.normalize()).any()
    return {"type": "datetime" if has_time else "date"}


def _scale(h: str, uniq: list[str]) -> dict[str, Any] | None:
    """A Likert/IKM/boolean entry from normalised labels, else None."""
    norm = sorted({normalise_label(u) for u in uniq})
    numbers = [float(n) for n in norm if re.fullmatch(r"\d+", n)]
    ikm = next((e for e, pat in IKM_WORDING.items() if re.search(pat, h)), None)
    ikm_scale = builtin_scale("ikm4")
    if ikm and len(norm) <= 4 and all(ikm_scale.score(v) is not None for v in norm):
        return {"type": "likert", "scale": "ikm4", "ikm_element": ikm, "dimension": "ikm"}
    if len(norm) > 12:
        return None
    scale = detect_scale(norm)
    if scale == "yatidak":
        return {"type": "boolean"}
    if scale:
        return {"type": "likert", "scale": scale}
    if numbers and len(numbers) == len(norm) and set(numbers) <= {1, 2, 3, 4, 5} and h not in ("no", "nomor"):
        return {"type": "likert", "scale": "setuju5"}
    return None


def _number(h: str, header: str, uniq: list[str]) -> dict[str, Any] | None:
    import pandas as pd

    from kemuning_eval.ingest.numparse import parse_numbers

    nums = parse_numbers(pd.Series(uniq, dtype="str"), decimal=",")
    if not nums.notna().all():
        return None
    if re.search(r"\brp\b|biaya|anggaran|pagu|realisasi", h):
        return {"type": "money"}
    if "%" in header or "persen" in h:
        return {"type": "percent"}
    return {"type": "integer" if (nums % 1 == 0).all() else "number"}


def _text(h: str, vals: Any, uniq: list[str]) -> dict[str, Any]:
    words = vals.str.split().str.len()
    varied = len(uniq) > 0.5 * len(vals)
    if vals.str.len().mean() > 40 or (_FREETEXT.search(h) and (varied or words.mean() >= 3)) or (
            varied and words.mean() >= 4):
        return {"type": "freetext"}
    if len(uniq) <= 20 and len(uniq) < max(2, 0.5 * len(vals)):
        return {"type": "category"}
    return {"type": "text"}


def guess_column(header: str, values: Any) -> dict[str, Any]:
    """Guess the codebook entry of one raw column from its header and all its values.

    Returns ``{"raw", "type", ...}`` plus, where they apply, ``scale``,
    ``pii``, ``keep``, ``format``, ``ikm_element``, ``dimension``, and the
    template-only keys ``negative`` (the negation word found) and
    ``comment`` (a note for the user).

    Examples
    --------
    >>> import pandas as pd
    >>> guess_column("No. HP", pd.Series(["0812 3456 7890"]))["pii"]
    'phone'
    >>> guess_column("Saran dan masukan", pd.Series(["Bagus sekali", "Tambah waktu praktik"]))["type"]
    'freetext'
    >>> guess_column("Stempel waktu", pd.Series(["01/03/2026 10:00:00", "02/03/2026 11:00:00"]))
    {'raw': 'Stempel waktu', 'type': 'datetime', 'format': 'DMY', 'comment': 'ambiguous_date'}
    """
    h = normalise_label(header)
    entry: dict[str, Any] = {"raw": header, "type": "text"}
    vals = values.dropna().astype("str")
    uniq = list(vals.unique())
    pii = _pii(h, vals)
    if pii:
        entry.update(type="nip" if pii == "nip" else "text", pii=pii)
        if pii in ("phone", "email"):
            entry["keep"] = False
        return entry
    leaf = normalise_label(header.rsplit("/", 1)[-1])
    if _EXPORT_META.match(leaf) or header.startswith("__"):
        entry["keep"] = False
        return entry
    found = (_dates(leaf, vals) if uniq else None) or (_scale(h, uniq) if uniq else None) \
        or (_number(h, header, uniq) if uniq else None) or (_text(h, vals, uniq) if uniq else None) or {}
    entry.update(found)
    if entry["type"] == "likert" and "ikm_element" not in entry:
        neg = _NEGATION.search(h)
        if neg:
            entry["negative"] = neg.group(1)
    return entry


def slug(text: str, taken: set[str]) -> str:
    """Return a new snake-case variable name for a header (added to ``taken``).

    Examples
    --------
    >>> taken = set()
    >>> slug("Materi mudah dipahami", taken), slug("Materi mudah dipahami", taken), slug("1. Nilai", taken)
    ('materi_mudah_dipahami', 'materi_mudah_dipahami_2', 'v_1_nilai')
    """
    base = normalise_label(text).replace(" ", "_")
    base = re.sub(r"[^a-z0-9_]", "", base)[:30].strip("_") or "kolom"
    if not base[0].isalpha():
        base = "v_" + base
    name, i = base, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    taken.add(name)
    return name


def _variable(header: str, entry: dict[str, Any], taken: set[str]) -> str:
    """The variable name: PII and submission-time columns get the names ingestion expects."""
    pii = entry.get("pii")
    leaf = normalise_label(header.rsplit("/", 1)[-1])
    wanted = {"nip": "nip", "email": "email", "phone": "phone", "name": "name"}.get(pii or "")
    if wanted is None and entry["type"] == "datetime" and _SUBMITTED.match(leaf):
        wanted = "submitted_at"
    if wanted is None and entry["type"] in ("text", "category", "id") and _PROGRAM.search(leaf):
        wanted = "program_id" if re.search(r"\bkode\b|\bcode\b", leaf) else "program_name"
    if wanted is None and entry.get("ikm_element"):
        wanted = f"ikm_{entry['ikm_element']}"
    if wanted and wanted not in taken:
        taken.add(wanted)
        return wanted
    return slug(header.rsplit("/", 1)[-1], taken)


def template(raw: Any, *, instrument: str) -> dict[str, Any]:
    """Return a skeleton codebook mapping for a raw table (no data values are copied).

    Template-only notes are kept under the key ``_comments`` of a column
    (written as YAML comments by :func:`render`, dropped from the mapping
    :func:`~kemuning_eval.ingest.codebook.codebook_from_mapping` reads).

    Examples
    --------
    >>> import pandas as pd
    >>> from kemuning_eval.ingest.readers import RawTable
    >>> raw = RawTable(pd.DataFrame({"Nama Peserta": ["Andi"], "Materi sesuai": ["SS"],
    ...                              "Jumlah JP": ["24"]}, dtype="str"), rows=[2], file="x.csv")
    >>> [(c["raw"], c["variable"], c["type"], c.get("pii"))
    ...  for c in template(raw, instrument="reaction")["columns"]]
    [('Nama Peserta', 'name', 'text', 'name'), ('Materi sesuai', 'materi_sesuai', 'likert', None), ('Jumlah JP', 'jumlah_jp', 'integer', None)]
    """
    taken: set[str] = set()
    columns = []
    for header in raw.frame.columns:
        entry = guess_column(header, raw.frame[header])
        row = {"raw": header, "variable": _variable(header, entry, taken),
               "label": raw.column_labels.get(header) or header, "type": entry["type"]}
        for key in ("scale", "dimension", "ikm_element", "format", "pii", "keep"):
            if key in entry:
                row[key] = entry[key]
        notes = []
        if "negative" in entry:
            notes.append(t("ingest.template.negative", word=entry["negative"]))
        if entry.get("comment") == "ambiguous_date":
            notes.append(t("ingest.template.ambiguous_date"))
        labels = raw.value_labels.get(header)
        if labels and not entry.get("pii"):  # SPSS value labels: a Likert scale or coded categories
            scale = detect_scale(list(labels.values()))
            if scale and scale != "yatidak":
                row.update(type="likert", scale=scale)
            else:
                row.pop("scale", None)
                row.update(type="category", values={k: v for k, v in sorted(labels.items())})
        if notes:
            row["_comments"] = notes
        columns.append(row)
    return {"instrument": instrument, "columns": columns}


def render(mapping: dict[str, Any], head: str) -> str:
    """Return the YAML text of a template mapping, its notes written as comments.

    Examples
    --------
    >>> text = render({"instrument": "x", "columns": [
    ...     {"raw": "Materi usang", "variable": "m", "type": "likert", "scale": "setuju5",
    ...      "_comments": ["periksa"]}]}, "# kepala\\n")
    >>> print(text)
    # kepala
    instrument: x
    columns:
    # periksa
    - raw: Materi usang
      variable: m
      type: likert
      scale: setuju5
    <BLANKLINE>
    """
    import yaml

    parts = [head, yaml.safe_dump({"instrument": mapping["instrument"]}, allow_unicode=True), "columns:\n"]
    for col in mapping["columns"]:
        clean = {k: v for k, v in col.items() if k != "_comments"}
        parts += [f"# {note}\n" for note in col.get("_comments", [])]
        parts.append(yaml.safe_dump([clean], sort_keys=False, allow_unicode=True, width=100))
    return "".join(parts)


def write_template(file: str | Path, *, out: str | Path | None = None, instrument: str | None = None,
                   sheet: str | None = None, header_row: int | None = None, sep: str | None = None,
                   encoding: str | None = None) -> str:
    """Write (or print, when ``out`` is None) a skeleton codebook for a raw export.

    Returns the YAML text.  An existing ``out`` file is never overwritten.
    When title rows were skipped above the header, a message names the
    header row to put in ``studi.yaml`` (``header_row:``) or pass as
    ``--header-row``.

    Parameters
    ----------
    file : str or Path
        The raw export (any kind :func:`~kemuning_eval.ingest.readers.read_table` reads).
    out : str or Path, optional
        Where to write the YAML (default: print it to stdout).
    instrument : str, optional
        Instrument key (default: from the file name).
    sheet, header_row, sep, encoding : optional
        Reading options for :func:`~kemuning_eval.ingest.readers.read_table`.

    Returns
    -------
    str
        The YAML text (a comment header, then the mapping of :func:`template`).

    Raises
    ------
    UsageError
        When ``out`` already exists.
    DataError
        When the raw file cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> from kemuning_eval.ingest.codebook import load_codebook
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     raw = Path(tmp) / "tes.csv"
    ...     _ = raw.write_text("Rekap nilai;;\\nNo;NIP;Nilai\\n1;196608011988031001;85,5\\n", encoding="utf-8")
    ...     text = write_template(raw, out=Path(tmp) / "tes.yaml", instrument="tests")
    ...     written = load_codebook(Path(tmp) / "tes.yaml")
    ...     try:
    ...         write_template(raw, out=Path(tmp) / "tes.yaml")
    ...     except UsageError:
    ...         refused = True
    >>> [(c.variable, c.type, c.pii) for c in written.columns], refused
    ([('no', 'integer', None), ('nip', 'nip', 'nip'), ('nilai', 'number', None)], True)
    >>> "196608011988031001" in text
    False
    """
    import sys

    from kemuning_eval.ingest.readers import read_table
    from kemuning_eval.progress import info

    file = Path(file)
    raw = read_table(file, sep=sep, encoding=encoding, sheet=sheet, header_row=header_row)
    mapping = template(raw, instrument=instrument or normalise_label(file.stem).replace(" ", "_"))
    text = render(mapping, t("ingest.template.head", file=file.name) + "\n")
    if header_row is None and raw.header_row > 1:
        print(t("ingest.template.header_row", file=raw.file, row=raw.header_row), file=sys.stderr)
    if out is None:
        sys.stdout.write(text)
        return text
    out = Path(out)
    if out.exists():
        raise UsageError(t("ingest.cb.template_exists", file=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    info(t("ingest.cb.template_written", file=out))
    return text
