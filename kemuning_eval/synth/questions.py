"""Question texts of the synthetic instruments and their variable names.

The raw headers are what the Google Forms show (Bahasa Indonesia); the codebooks
map them to the variable names used everywhere else.

Examples
--------
>>> len(REACTION_ITEMS), len(IKM_ITEMS), len(FAC_ITEMS)
(16, 9, 9)
>>> [v for v, _, _, rev in REACTION_ITEMS if rev]
['mat_4']
"""

from __future__ import annotations

#: (variable, raw question, dimension, reverse)
REACTION_ITEMS: tuple[tuple[str, str, str, bool], ...] = (
    ("mat_1", "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya", "materi", False),
    ("mat_2", "Materi pelatihan disusun secara runtut dan mudah dipahami", "materi", False),
    ("mat_3", "Bahan ajar (modul, slide) yang dibagikan lengkap dan jelas", "materi", False),
    ("mat_4", "Materi pelatihan sudah ketinggalan zaman / tidak mutakhir", "materi", True),
    ("org_1", "Jadwal pelatihan disusun dan dilaksanakan dengan baik", "penyelenggaraan", False),
    ("org_2", "Panitia penyelenggara memberikan pelayanan yang baik kepada peserta",
     "penyelenggaraan", False),
    ("org_3", "Informasi tentang pelatihan disampaikan dengan jelas dan tepat waktu",
     "penyelenggaraan", False),
    ("sar_1", "Ruang kelas nyaman dan mendukung proses belajar", "sarana", False),
    ("sar_2", "Peralatan (proyektor, komputer, jaringan internet) berfungsi dengan baik",
     "sarana", False),
    ("sar_3", "Konsumsi dan akomodasi selama pelatihan memadai", "sarana", False),
    ("man_1", "Pelatihan ini bermanfaat bagi pelaksanaan tugas saya", "manfaat", False),
    ("man_2", "Saya dapat menerapkan hasil pelatihan di unit kerja saya", "manfaat", False),
    ("man_3", "Pelatihan ini meningkatkan kompetensi saya", "manfaat", False),
    ("kpd_1", "Setelah pelatihan saya lebih percaya diri dalam melayani masyarakat",
     "kepercayaan_diri", False),
    ("kpd_2", "Saya yakin dapat menyelesaikan tugas pelayanan yang sulit", "kepercayaan_diri",
     False),
    ("kpd_3", "Saya berani mengambil inisiatif untuk memperbaiki layanan di unit saya",
     "kepercayaan_diri", False),
)

#: (variable, raw question, canonical IKM element)
IKM_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("ikm_u1", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pendaftaran pelatihan?",
     "persyaratan"),
    ("ikm_u2", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pendaftaran pelatihan?",
     "prosedur"),
    ("ikm_u3", "Bagaimana pendapat Saudara tentang kecepatan waktu pelayanan penyelenggara?",
     "waktu"),
    ("ikm_u4", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     "biaya"),
    ("ikm_u5", "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan (sertifikat, "
     "materi) dengan yang dijanjikan?", "produk"),
    ("ikm_u6", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas penyelenggara?",
     "kompetensi"),
    ("ikm_u7", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
     "kesopanan dan keramahan?", "perilaku"),
    ("ikm_u8", "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan?",
     "pengaduan"),
    ("ikm_u9", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", "sarana"),
)

#: (variable, raw grid header, label)
FAC_ITEMS: tuple[tuple[str, str, str], ...] = tuple(
    (f"fac_{i + 1}", f"Penilaian terhadap fasilitator [{label}]", label)
    for i, label in enumerate((
        "Penguasaan materi", "Ketepatan waktu", "Sistematika penyajian",
        "Penggunaan metode dan alat bantu", "Sikap dan empati", "Penggunaan bahasa",
        "Pemberian motivasi kepada peserta", "Cara menjawab pertanyaan",
        "Pencapaian tujuan pembelajaran",
    ))
)

SETUJU5 = {5: ["Sangat Setuju", "SS"], 4: ["Setuju", "S"], 3: ["Netral", "N", "Ragu-ragu"],
           2: ["Tidak Setuju", "TS"], 1: ["Sangat Tidak Setuju", "STS"]}
KUALITAS5 = {5: ["Sangat Baik", "SB"], 4: ["Baik", "B"], 3: ["Cukup", "C"],
             2: ["Kurang", "K"], 1: ["Sangat Kurang", "SK"]}
OBS_LABELS = {1: "Sangat Kurang", 2: "Kurang", 3: "Cukup", 4: "Baik", 5: "Sangat Baik"}
OBS_INDICATORS = (
    ("Indikator_1", "obs_1", "Menerapkan pengetahuan dari pelatihan dalam tugas"),
    ("Indikator_2", "obs_2", "Kualitas hasil kerja"),
    ("Indikator_3", "obs_3", "Kecepatan dan ketepatan penyelesaian tugas"),
    ("Indikator_4", "obs_4", "Sikap melayani dan komunikasi"),
)
