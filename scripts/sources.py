"""The one reader for every source file (pages, the bibliography, the study file, the
abbreviations, mkdocs.yml). Python's own error for a bad byte names a position in bytes and no
file; ours names the file and the line, and a byte-order mark is dropped rather than left to
confuse the parsers that come after (front matter, CSV headers)."""

from __future__ import annotations

from pathlib import Path

BOM = "\ufeff"


class SourceError(Exception):
    """A source file that cannot be read as UTF-8 text."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = Path(path)
        self.line = line
        self.message = message


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text without a byte-order mark, or SourceError with the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at column {column}); "
                                      "save the file as UTF-8") from None
    return text.removeprefix(BOM)


def read_text(path: Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, None, f"cannot read: {error.strerror or error}") from None
    return decode(data, path)
