"""A disk cache of formatted references, so that a rebuild with an unchanged bibliography does
not run pandoc again.

mkdocs-bibtex formats references by running pandoc on every page that cites (over half of a
clean build's time, and of every ``make serve`` reload). It keeps what it formatted in its
registry's ``_reference_cache`` for the rest of that build only. Before the pages are
processed, the hooks fill that registry from this cache and format whatever is missing in one
pandoc run; mkdocs-bibtex then finds every key formatted and calls pandoc for none. The full
bibliography on /references/ is cached the same way.

Entries are keyed by the entry's own BibTeX text, the CSL style's bytes and pandoc's version:
edit an entry, the style or pandoc, and that entry is formatted anew. The cache lives in
``.cache/references/`` (ignored by git) and is safe to delete. A test checks that a build from
a warm cache is byte-identical to one without it. ``_reference_cache`` is a private attribute
of mkdocs-bibtex 4.4.0, the archived final release, pinned exactly."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pypandoc

CACHE_FOLDER = Path(".cache") / "references"


def _sha(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


class ReferenceCache:
    def __init__(self, folder: Path, style: Path) -> None:
        self.folder = folder
        self.context = _sha(style.read_bytes(), pypandoc.get_pandoc_version())
        self.path = folder / f"{self.context[:16]}.json"
        self._data: dict[str, str] = self._load()
        self._dirty = False

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def entry_id(key: str, entry) -> str:
        """The entry's key, type, fields and names, as pybtex read them (serialising each entry
        back to BibTeX would cost a second per build)."""
        fields = sorted((name.lower(), str(value)) for name, value in entry.fields.items())
        persons = sorted((role.lower(), [str(p) for p in people]) for role, people in entry.persons.items())
        return _sha(key, entry.type.lower(), repr(fields), repr(persons))

    def get(self, ident: str) -> str | None:
        value = self._data.get(ident)
        return value if isinstance(value, str) else None

    def put(self, ident: str, text: str) -> None:
        if self._data.get(ident) != text:
            self._data[ident] = text
            self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, delete=False,
                                             suffix=".tmp") as handle:
                json.dump(self._data, handle, sort_keys=True, ensure_ascii=False)
            os.replace(handle.name, self.path)
        except OSError:
            return  # a cache that cannot be written only costs time
        self._dirty = False


def fill_registry(registry, cache: ReferenceCache) -> None:
    """Put every entry's formatted text into mkdocs-bibtex's registry: from the cache where it
    has it, from one pandoc run for the rest (which the cache then keeps)."""
    from mkdocs_bibtex.citation import Citation, CitationBlock

    entries = registry.bib_data.entries
    idents = {key: cache.entry_id(key, entry) for key, entry in entries.items()}
    for key, ident in idents.items():
        text = cache.get(ident)
        if text is not None:
            registry._reference_cache[key] = text
    missing = [key for key in entries if key not in registry._reference_cache]
    if missing:
        registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in missing])
        for key in missing:
            if key in registry._reference_cache:
                cache.put(idents[key], registry._reference_cache[key])
