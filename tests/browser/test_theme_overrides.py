"""Our copies of Material's templates (overrides/partials/) were taken from the pinned version.
If Material changes one of them, this fails: re-copy the file and re-apply the change marked
"Ours" in it, then record the new hash here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
COPIED_FROM = {  # overrides/<path>: sha256 of Material 9.8.2's file of the same path
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
}


@pytest.mark.parametrize("path", sorted(COPIED_FROM))
def test_copied_theme_template_matches_the_pinned_material(path):
    upstream = hashlib.sha256((MATERIAL_TEMPLATES / path).read_bytes()).hexdigest()
    assert upstream == COPIED_FROM[path], f"Material's {path} changed: re-copy it into overrides/"
    assert "Ours:" in (ROOT / "overrides" / path).read_text(encoding="utf-8")


def test_every_copied_template_is_listed():
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides" / "partials").glob("*.html")}
    assert copies == set(COPIED_FROM)
