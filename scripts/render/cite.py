"""Citation formats for "Cite this page": AMA/Vancouver and GB/T 7714 text, BibTeX and RIS,
and the ``citation_*`` meta tags that Zotero and Google Scholar read."""

from __future__ import annotations

import html
from dataclasses import dataclass

from scripts.gitdates import long_date

AUTHOR = "AI in IR Web Edition Team"


@dataclass(frozen=True)
class PageCitation:
    slug: str
    title: str
    url: str
    site_name: str
    version: str
    updated: str  # YYYY-MM-DD
    lang: str = "en"

    @property
    def key(self) -> str:
        return f"aiir-{self.slug}"


def ama(c: PageCitation) -> str:
    return (f"{AUTHOR}. {c.title}. *{c.site_name}*. Version {c.version}. Updated {long_date(c.updated)}. "
            f"Accessed [date]. {c.url}")


def gbt7714(c: PageCitation) -> str:
    return f"{AUTHOR}. {c.title}[EB/OL]. {c.site_name}, version {c.version}. ({c.updated})[YYYY-MM-DD]. {c.url}."


def bibtex(c: PageCitation) -> str:
    return (f"@misc{{{c.key},\n"
            f"  author = {{{{{AUTHOR}}}}},\n"
            f"  title = {{{c.title}}},\n"
            f"  howpublished = {{{c.site_name}}},\n"
            f"  year = {{{c.updated[:4]}}},\n"
            f"  note = {{Version {c.version}, updated {c.updated}}},\n"
            f"  url = {{{c.url}}}\n"
            "}\n")


def ris(c: PageCitation) -> str:
    lines = [("TY", "ELEC"), ("AU", AUTHOR), ("TI", c.title), ("T2", c.site_name),
             ("PY", c.updated[:4]), ("DA", c.updated.replace("-", "/")), ("ET", c.version),
             ("UR", c.url), ("LA", c.lang), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def meta_tags(c: PageCitation) -> str:
    tags = [("citation_title", c.title), ("citation_author", AUTHOR),
            ("citation_publication_date", c.updated.replace("-", "/")),
            ("citation_online_date", c.updated.replace("-", "/")),
            ("citation_publisher", c.site_name), ("citation_public_url", c.url),
            ("citation_language", c.lang)]
    return "".join(f'<meta name="{name}" content="{html.escape(value, quote=True)}">\n'
                   for name, value in tags)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.splitlines())


def cite_block(c: PageCitation, root: str, lang: str = "en") -> str:
    """Markdown for the page: a "Cite this page" section with copyable formats and downloads.
    The Chinese edition gives GB/T 7714 first, as Chinese journals ask."""
    files = (f'<a href="{root}cite/{c.slug}.bib" download>BibTeX file</a> · '
             f'<a href="{root}cite/{c.slug}.ris" download>RIS file</a>')
    if lang == "zh":
        files = (f'<a href="{root}cite/{c.slug}.bib" download>BibTeX 文件</a> · '
                 f'<a href="{root}cite/{c.slug}.ris" download>RIS 文件</a>')
        return (
            "## 引用本页 {#cite-this-page}\n\n"
            f"*版本 {c.version}，最后更新于 {c.updated}。*\n\n"
            f"**GB/T 7714：** {gbt7714(c)}\n\n"
            f"**AMA / Vancouver：** {ama(c)}\n\n"
            "请将方括号中的日期替换为你阅读本页的日期。\n\n"
            '??? example cite-formats "BibTeX 与 RIS（用于 Zotero、EndNote、NoteExpress）"\n'
            f"    下载：{files}\n\n"
            "    ```bibtex\n" + _indent(bibtex(c), 4) + "\n    ```\n\n"
            "    ```text\n" + _indent(ris(c), 4) + "\n    ```\n\n")
    return (
        "## Cite this page {#cite-this-page}\n\n"
        f"*Version {c.version}, last updated {long_date(c.updated)}.*\n\n"
        f"**AMA / Vancouver:** {ama(c)}\n\n"
        f"**GB/T 7714:** {gbt7714(c)}\n\n"
        "Replace the date in brackets with the day you read the page.\n\n"
        '??? example cite-formats "BibTeX and RIS (for Zotero, EndNote, Mendeley)"\n'
        f"    Download: {files}\n\n"
        "    ```bibtex\n" + _indent(bibtex(c), 4) + "\n    ```\n\n"
        "    ```text\n" + _indent(ris(c), 4) + "\n    ```\n\n")


def slug_of(src_uri: str) -> str:
    """The slug used in "Cite this page" keys and download names: 'home' for the home page."""
    stem = src_uri.removesuffix(".md")
    return "home" if stem == "index" else stem.replace("/", "-")
