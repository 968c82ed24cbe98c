"""Codebooks and the study configuration (``studi.yaml``) of the synthetic study.

Examples
--------
>>> cb = codebooks(names={"PM": "Manajemen Proyek"})
>>> sorted(cb)[:3]
['evaluasi-fasilitator', 'fasilitator', 'kinerja-unit']
>>> [c["variable"] for c in cb["reaksi"]["columns"] if c.get("reverse")]
['mat_4']
>>> sorted({c["ikm_element"] for c in cb["reaksi"]["columns"] if "ikm_element" in c})[:3]
['biaya', 'kompetensi', 'pengaduan']
"""

from __future__ import annotations

from kemuning_eval.config import (
    DEFAULT_PASS_MARK,
    DEFAULT_RESOLUTION_FILE,
    DuplicatesConfig,
    PrivacyConfig,
)
from kemuning_eval.synth.questions import (
    FAC_ITEMS,
    IKM_ITEMS,
    KUALITAS5,
    OBS_INDICATORS,
    REACTION_ITEMS,
    SETUJU5,
)


def _col(raw: str, variable: str, type_: str, **extra: object) -> dict:
    out: dict = {"raw": raw, "variable": variable, "type": type_}
    out.update(extra)
    return out


def _nip(raw: str = "NIP", required: bool = True) -> dict:
    return _col(raw, "nip", "nip", pii="nip", required=required)


def _program(raw: str = "Kode Pelatihan") -> dict:
    return _col(raw, "program_id", "category", required=True)


def _scale(labels: dict[int, list[str]]) -> dict:
    return {"min": min(labels), "max": max(labels), "labels": labels}


def codebooks(*, names: dict[str, str]) -> dict[str, dict]:
    """Return every codebook, keyed by file stem (``codebook/<stem>.yaml``).

    ``names`` maps programme code -> name: the reaction form asks for the
    programme by name, and the codebook maps names to codes with ``values``.

    Parameters
    ----------
    names : dict of str to str
        Programme code -> programme name.

    Returns
    -------
    dict of str to dict
        Codebook stem -> ``{"instrument": ..., "scales": ... (if any),
        "columns": [...]}``; each column has ``raw``, ``variable``, ``type``
        and options such as ``pii``, ``keep``, ``scale``, ``values``.

    Examples
    --------
    >>> cb = codebooks(names={"PM": "Manajemen Proyek", "LD": "Literasi Digital"})
    >>> cb["tes"]["instrument"], [c["variable"] for c in cb["tes"]["columns"]][-2:]
    ('tests', ['pre', 'post'])
    >>> program = [c for c in cb["reaksi"]["columns"] if c["variable"] == "program_id"][0]
    >>> program["values"]
    {'Manajemen Proyek': 'PM', 'Literasi Digital': 'LD'}
    >>> sorted(c["variable"] for c in cb["peserta"]["columns"] if c.get("pii"))
    ['email', 'name', 'nip', 'phone']
    """
    reaction_cols = [
        _col("Stempel waktu", "submitted_at", "datetime", format="%d/%m/%Y %H:%M:%S"),
        _col("Alamat email", "email", "text", pii="email", keep=False),
        _col("Nama Lengkap", "name", "text", pii="name", keep=False),
        _nip(),
        _col("Pelatihan yang diikuti", "program_id", "category",
             values={v: k for k, v in names.items()}),
    ]
    for var, question, dim, rev in REACTION_ITEMS:
        c = _col(question, var, "likert", scale="setuju5", dimension=dim)
        if rev:
            c["reverse"] = True
        reaction_cols.append(c)
    for var, question, element in IKM_ITEMS:
        reaction_cols.append(_col(question, var, "likert", scale="ikm4", dimension="ikm",
                                  ikm_element=element))
    reaction_cols.append(_col("Saran dan masukan", "suggestion", "freetext"))

    fac_cols = [
        _col("Stempel waktu", "submitted_at", "datetime", format="%d/%m/%Y %H:%M:%S"),
        _nip(), _program(),
        _col("Nama Fasilitator", "facilitator_name", "text", pii="name", required=True),
    ] + [_col(header, var, "likert", label=label, scale="kualitas5", dimension="fasilitator")
         for var, header, label in FAC_ITEMS]

    obs_cols = [
        _nip(), _program("Kode_Pelatihan"),
        _col("Penilai", "rater", "category", values={1: "supervisor", 2: "peer", 3: "self"},
             required=True),
        _col("Gelombang", "wave", "category", values={1: "baseline", 2: "followup"},
             required=True),
        _col("Tanggal", "observed_on", "date"),
    ] + [_col(raw, var, "likert", label=label, scale="kualitas5", dimension="perilaku")
         for raw, var, label in OBS_INDICATORS] + [
        _col("Menerapkan", "applies", "boolean", values={0: False, 1: True}),
    ]

    books = {
        "peserta": ("roster", {}, [
            _col("No", "row_no", "integer", keep=False),
            _col("Nama", "name", "text", pii="name", keep=False),
            _nip(),
            _col("Jenis Kelamin", "gender", "category"),
            _col("Unit Kerja", "unit", "category"),
            _col("Jabatan", "position", "category"),
            _col("Golongan", "grade", "category"),
            _program(),
            _col("Kehadiran (%)", "attendance", "number", min=0, max=100),
            _col("No. HP", "phone", "text", pii="phone", keep=False),
            _col("Email", "email", "text", pii="email", keep=False),
        ]),
        "program": ("programs", {}, [
            _col("Kode Pelatihan", "program_id", "id", required=True),
            _col("Nama Pelatihan", "name", "text"),
            _col("Bidang", "field", "category"),
            _col("JP", "jp", "integer", min=1),
            _col("Tanggal Mulai", "start_date", "date"),
            _col("Tanggal Selesai", "end_date", "date"),
            _col("Kuota", "capacity", "integer", min=0),
            _col("Jumlah Pendaftar", "applicants", "integer", min=0),
            _col("Biaya (Rp)", "cost", "money", min=0),
            _col("Nilai Kelulusan", "pass_mark", "number", min=0, max=100),
        ]),
        "fasilitator": ("facilitators", {}, [
            _col("Nama", "name", "text", pii="name", required=True),
            _nip(), _program(),
            _col("Peran", "role", "category"),
        ]),
        "manfaat": ("benefits", {}, [
            _program(),
            _col("Uraian Manfaat", "benefit", "text", required=True),
            _col("Nilai Manfaat per Tahun (Rp)", "annual_value", "money", min=0),
            _col("Atribusi (%)", "attribution", "percent", min=0, max=100),
            _col("Keyakinan (%)", "confidence", "percent", min=0, max=100),
        ]),
        "reaksi": ("reaction", {"setuju5": _scale(SETUJU5)}, reaction_cols),
        "evaluasi-fasilitator": ("facilitator_ratings", {"kualitas5": _scale(KUALITAS5)},
                                 fac_cols),
        "tes": ("tests", {}, [
            _col("No", "row_no", "integer", keep=False),
            _nip(),
            _col("Nama Peserta", "name", "text", pii="name", keep=False),
            _program(),
            _col("Nilai Pre-Test", "pre", "number", min=0, max=100),
            _col("Nilai Post-Test", "post", "number", min=0, max=100),
        ]),
        "observasi": ("observations", {"kualitas5": _scale(KUALITAS5)}, obs_cols),
        "kinerja-unit": ("outcomes", {}, [
            _col("Unit Kerja", "unit", "category", required=True),
            _col("Kode Kegiatan", "activity_id", "id", required=True),
            _col("Periode", "period", "category", required=True),
            _col("Dipimpin Alumni", "treated", "boolean", scale="yatidak"),
            _col("Kode Pelatihan", "program_id", "category"),
            _col("Pagu (Rp)", "budget_planned", "money", min=0),
            _col("Realisasi (Rp)", "budget_realised", "money", min=0),
            _col("Tepat Waktu", "on_time", "boolean", scale="yatidak"),
            _col("Indeks Kepuasan Layanan", "service_satisfaction", "number", min=0, max=100),
        ]),
        "wawancara": ("interviews", {}, [
            _col("No", "excerpt_no", "id", required=True),
            _col("Narasumber", "name", "text", pii="name", keep=False),
            _col("Peran", "role", "category"),
            _program(),
            _col("Kutipan", "text", "freetext"),
            _col("Kode Tema", "themes", "themes"),
        ]),
        "rekap-jp": ("jp_records", {}, [
            _nip(),
            _col("Unit Kerja", "unit", "category"),
            _col("Total JP", "jp_total", "integer", min=0),
        ]),
    }
    out = {}
    for stem, (instrument, scales, cols) in books.items():
        book: dict = {"instrument": instrument}
        if scales:
            book["scales"] = scales
        book["columns"] = cols
        out[stem] = book
    return out


#: instrument -> codebook stem
CODEBOOK_OF = {
    "roster": "peserta", "programs": "program", "facilitators": "fasilitator",
    "benefits": "manfaat", "reaction": "reaksi", "facilitator_ratings": "evaluasi-fasilitator",
    "tests": "tes", "observations": "observasi", "outcomes": "kinerja-unit",
    "interviews": "wawancara", "jp_records": "rekap-jp",
}


def study_config(*, year: int, population: int, files: dict[str, dict]) -> dict:
    """Return ``studi.yaml`` as a dict; ``files`` maps instrument -> reader options.

    Parameters
    ----------
    year : int
        Study year; ``previous_year`` is set after 2025.
    population : int
        Number of ASN in the region (``study.population_asn``).
    files : dict of str to dict
        Instrument (e.g. ``"tests"``) -> reader options (``file``, ``sep``,
        ...); the codebook path is added from :data:`CODEBOOK_OF`.

    Returns
    -------
    dict
        Sections ``study``, ``inputs``, ``privacy``, ``duplicates``, ``nip``,
        ``outcomes``, ``scoring``, ``themes`` and ``report``.

    Examples
    --------
    >>> cfg = study_config(year=2026, population=4200, files={"tests": {"file": "t.csv", "sep": ";"}})
    >>> cfg["inputs"]["tests"]
    {'file': 't.csv', 'sep': ';', 'codebook': 'codebook/tes.yaml'}
    >>> cfg["study"]["previous_year"], cfg["privacy"]["min_group_size"], cfg["outcomes"]["first_post_period"]
    (2025, 5, '2026-S2')
    >>> "previous_year" in study_config(year=2025, population=4100, files={})["study"]
    False
    """
    inputs = {key: {**opts, "codebook": f"codebook/{CODEBOOK_OF[key]}.yaml"}
              for key, opts in files.items()}
    study: dict = {"year": year, "region": "Kabupaten Kemuning",
                   "agency": "BPSDM Kabupaten Kemuning", "synthetic": True,
                   "population_asn": population}
    if year > 2025:
        study["previous_year"] = year - 1
    return {
        "study": study,
        "inputs": inputs,
        "privacy": {"key_env": PrivacyConfig.key_env,
                    "key_file": PrivacyConfig.key_file, "min_group_size": PrivacyConfig.min_group_size},
        "duplicates": {"rule": DuplicatesConfig.rule,
                       "resolution_file": DEFAULT_RESOLUTION_FILE.format(year=year)},
        "nip": {"mode": "auto"},
        "outcomes": {"first_post_period": f"{year}-S2", "comparison": "untrained"},
        "scoring": {
            "likert_cutoffs": {"Sangat Kurang": 1.0, "Kurang": 1.81, "Cukup": 2.61,
                               "Baik": 3.41, "Sangat Baik": 4.21},
            "pass_mark_default": int(DEFAULT_PASS_MARK),
        },
        "themes": "codebook/tema.yaml",
        "report": {"lang": "id", "date": f"{year}-12-15"},
    }
