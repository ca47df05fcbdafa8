"""No personal data in plain bytes anywhere in the data dir."""

from __future__ import annotations

from anhorigdesk.profiles import ProfileManager


def test_no_personal_data_in_plain_bytes(data_dir):
    manager = ProfileManager(data_dir)
    opened = manager.create("Handläggare Hemlig", "Enhet Hemlig", passphrase="en lång lösenfras")
    marker_name = "Zlatangatan Unikmarkör"
    carer = opened.repo.create_carer(opened.actor, name=marker_name, phone="070-174 06 77",
                                     notes="Berättade om Hemlighetsdiagnos")
    opened.repo.add_entry(opened.actor, carer, "samtal", {"text": "Konfidentiellt innehåll XYZZY"})
    opened.repo.save_draft(opened.actor, form_id="samtal", carer_id=carer, data={"text": "Utkast QWERTY"})
    # look while the database is open (WAL and shm hold recent pages) and after closing
    for stage in ("open", "closed"):
        blobs = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
        for secret in ("Unikmarkör", "Hemlighetsdiagnos", "XYZZY", "QWERTY", "174 06 77"):
            for enc in ("utf-8", "utf-16-le"):
                assert secret.encode(enc) not in blobs, (stage, secret, enc)
        if stage == "open":
            opened.close()
