"""MkDocs hooks for citability and print: last-updated dates from git, a "Cite this page"
section with AMA, GB/T 7714, BibTeX and RIS on every page, ``citation_*`` meta tags for
reference managers, the version in the footer, and the print edition assembled from the
section pages. The formats themselves live in scripts/edition/ (pure functions, tested)."""

from __future__ import annotations

from pathlib import Path

# MkDocs puts this file's folder on sys.path while loading it.
from edition.cite import PageCitation, bibtex, cite_block, meta_tags, ris
from edition.dates import fallback_date, git_dates
from edition.objectives import objectives_markdown, paste_links
from edition.print_edition import print_markdown
from mkdocs.plugins import event_priority

PRINT_MARKER = "<!-- print-edition -->"
OBJECTIVES_MARKER = "<!-- learning-objectives -->"
PASTE_LINKS_MARKER = "<!-- paste-links -->"
# The review's sections, in reading order, for the print edition.
PRINT_PAGES = ["introduction", "high-risk-patients", "treatment-selection", "augmented-reality",
               "training", "challenges", "outlook"]

_state: dict = {"dates": {}, "citations": {}, "version": "", "docs": Path("docs")}


def slug_of(page) -> str:
    stem = page.file.src_uri[:-3] if page.file.src_uri.endswith(".md") else page.file.src_uri
    return "home" if stem == "index" else stem.replace("/", "-")


@event_priority(90)
def on_config(config):
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    _state["docs"] = docs
    _state["version"] = str(config.extra.get("version", "0.0.0"))
    folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
    _state["dates"] = {path[len(folder) + 1:]: date for path, date in git_dates(root, folder).items()
                       if path.startswith(folder + "/")}
    _state["citations"] = {}
    if config.copyright and not config.copyright.startswith("Version "):
        config.copyright = f"Version {_state['version']} · {config.copyright}"
    return config


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line.split(":", 1)[1].strip().strip('"')
    return path.stem


@event_priority(110)
def on_page_markdown(markdown, page, config, files):
    """Runs before the citation hooks, so the print edition and the cite block are processed
    like any other Markdown."""
    if PRINT_MARKER in markdown:
        docs = _state["docs"]
        pages = [(slug, _title(docs / f"{slug}.md"), (docs / f"{slug}.md").read_text(encoding="utf-8"))
                 for slug in PRINT_PAGES if (docs / f"{slug}.md").is_file()]
        markdown = markdown.replace(PRINT_MARKER, print_markdown(pages))
    if OBJECTIVES_MARKER in markdown:
        docs = _state["docs"]
        pages = [(slug, _title(docs / f"{slug}.md"), (docs / f"{slug}.md").read_text(encoding="utf-8"))
                 for slug in PRINT_PAGES if (docs / f"{slug}.md").is_file()]
        markdown = markdown.replace(OBJECTIVES_MARKER, objectives_markdown(pages))
    if PASTE_LINKS_MARKER in markdown:
        listed = [("index", "Home")] + [(slug, _title(_state["docs"] / f"{slug}.md")) for slug in PRINT_PAGES]
        listed += [("evidence", "Evidence map"), ("glossary", "Glossary"), ("print", "Print edition")]
        markdown = markdown.replace(PASTE_LINKS_MARKER, paste_links(listed, config.site_url or ""))
    slug = slug_of(page)
    site_url = config.site_url or ""
    citation = PageCitation(
        slug=slug, title=page.meta.get("title") or page.title or slug, url=site_url + page.url,
        site_name=config.site_name, version=_state["version"],
        updated=_state["dates"].get(page.file.src_uri) or fallback_date())
    _state["citations"][page.file.src_uri] = citation
    root = "../" * page.url.count("/")
    return markdown.rstrip() + "\n\n" + cite_block(citation, root)


def on_post_page(output, page, config):
    citation = _state["citations"].get(page.file.src_uri)
    if citation is None or "</head>" not in output:
        return output
    return output.replace("</head>", meta_tags(citation) + "</head>", 1)


def on_post_build(config):
    folder = Path(config.site_dir) / "cite"
    folder.mkdir(exist_ok=True)
    for citation in _state["citations"].values():
        (folder / f"{citation.slug}.bib").write_text(bibtex(citation), encoding="utf-8")
        (folder / f"{citation.slug}.ris").write_text(ris(citation), encoding="utf-8")
