"""Lint ``references.bib`` before mkdocs-bibtex (pybtex) sees it: pybtex stops at the first
error with a traceback, and mkdocs-bibtex 4.4 silently drops keys with ``:`` or ``.``."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock
from pybtex.database import Person
from pybtex.exceptions import PybtexError

from scripts.checks.problems import Problem

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
LATEX_ESCAPE = re.compile(r"\\(?!url\{)[`'\"^~=.uvHckbdtr]\{?[A-Za-z]|\{\\[a-zA-Z]")

# Each tuple is "one of these fields"; every entry also needs a doi, pmid or url.
REQUIRED_FIELDS: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journal",), ("year",)],
    "inproceedings": [("author",), ("title",), ("booktitle",), ("year",)],
    "incollection": [("author", "editor"), ("title",), ("booktitle",), ("year",)],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year",)],
    "techreport": [("author", "institution"), ("title",), ("institution", "publisher"), ("year",)],
    "misc": [("author", "organization"), ("title",), ("publisher", "organization", "howpublished"),
             ("year",)],
}
LOCATORS = ("doi", "pmid", "url")
# Where a "% verified:" note may point for an entry that has a PMID or a DOI: the canonical
# record (PubMed, PMC, Europe PMC, doi.org) or the publisher's own page. Mirrors, aggregators and
# proxies are not named there, even when a stored copy of the record was what we read.
CANONICAL_HOSTS = (
    "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov",
    "europepmc.org", "doi.org", "arxiv.org", "papers.miccai.org", "www.accessdata.fda.gov", "www.fda.gov",
    "eur-lex.europa.eu",
    "www.consilium.europa.eu", "www.cirse.org", "icrpaedia.org", "wprim.whocc.org.cn",
    "www.nature.com", "www.springermedizin.de", "link.springer.com", "insightsimaging.springeropen.com",
    "cancerimagingjournal.biomedcentral.com", "www.frontiersin.org", "frontiersin.org", "www.mdpi.com",
    "www.dovepress.com", "pubs.rsna.org", "journals.plos.org", "jnis.bmj.com", "svn.bmj.com", "www.bmj.com",
    "www.thieme-connect.com", "www.thelancet.com", "www.medscimonit.com", "www.jove.com", "www.ajnr.org",
    "www.dirjournal.org", "science.sciencemag.org", "jamanetwork.com", "zjxb.cbpt.cnki.net", "wjgnet.com",
    "www.jcthnet.com", "www.nejm.org", "www.ahajournals.org", "academic.oup.com", "onlinelibrary.wiley.com",
    "www.sciencedirect.com", "journals.sagepub.com", "www.tandfonline.com", "www.jvir.org", "www.ejradiology.com",
    "www.karger.com", "karger.com", "www.spiedigitallibrary.org", "ieeexplore.ieee.org", "synapse.koreamed.org",
    "www.kjronline.org", "neurointervention.org", "bmjopen.bmj.com", "openaccess.thecvf.com", "proceedings.mlr.press",
)


def host_is_canonical(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host in CANONICAL_HOSTS
# pandoc's BibTeX reader takes "%" as the start of a comment even when escaped as "\%".
PERCENT = re.compile(r"%")


def check_names(value: str, key: str, role: str, path: str, line: int) -> list[Problem]:
    """Names as pybtex reads them, the parser mkdocs-bibtex and the hooks use: a name it
    cannot read stops the build later, inside MkDocs, with a traceback."""
    problems = []
    for name in split_names(value):
        try:
            Person(name)
        except PybtexError as error:
            problems.append(Problem(path, line, f"entry '{key}' {role} '{name}' cannot be read: {error}"))
    return problems


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on ' and ' outside braces."""
    names, depth, current = [], 0, []
    words = re.split(r"(\s+and\s+|[{}])", value)
    for part in words:
        if part == "{":
            depth += 1
        elif part == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", part or ""):
            names.append("".join(current).strip())
            current = []
        else:
            current.append(part)
    names.append("".join(current).strip())
    return [n for n in names if n]


@dataclass
class Bibliography:
    """What the other checks need from the bib file: its keys and the line of each entry."""

    entries: dict[str, Entry] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def parse_bibliography(text: str) -> tuple[Bibliography, list[tuple[int, str]]]:
    """Parse bib text; return the entries and (line, message) pairs for unparsable blocks."""
    # bibtexparser also logs each failure; we report it ourselves, with the line.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    bib = Bibliography()
    failures: list[tuple[int, str]] = []
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = bib.lines.get(block.key)
            failures.append((line, f"duplicate key '{block.key}' (first defined on line {first})"))
        elif isinstance(block, ParsingFailedBlock):
            reason = (getattr(block.error, "abort_reason", "") or str(block.error)
                      or "syntax error").strip().rstrip(".")
            failures.append((line, f"malformed entry: {reason}"))
        elif isinstance(block, Entry):
            bib.entries[block.key] = block
            bib.lines[block.key] = line
    return bib, failures


def check_bibliography(text: str, path: str = "references.bib") -> list[Problem]:
    """All problems in one bib file: syntax, duplicates, keys, required fields, DOIs, URLs,
    names, comment characters."""
    bib, failures = parse_bibliography(text)
    problems = [Problem(path, line, message) for line, message in failures]
    if not bib.entries and not failures:
        return [Problem(path, None, "the bibliography has no entries")]
    for _key, entry in bib.entries.items():
        problems.extend(check_entry(entry, path))
    return problems


def check_entry(entry: Entry, path: str) -> list[Problem]:
    line = entry.start_line + 1
    key = entry.key
    problems: list[Problem] = []
    if not KEY_PATTERN.match(key):
        problems.append(Problem(path, line, f"key '{key}' must match {KEY_PATTERN.pattern} "
                                            "(mkdocs-bibtex drops keys with other characters)"))
    fields = {name.lower(): f for name, f in entry.fields_dict.items()}
    values = {name: str(f.value).strip() for name, f in fields.items()}
    required = REQUIRED_FIELDS.get(entry.entry_type.lower())
    if required is None:
        problems.append(Problem(path, line, f"entry '{key}' has unsupported type "
                                            f"'@{entry.entry_type}' (use one of "
                                            f"{', '.join(sorted(REQUIRED_FIELDS))})"))
        required = []
    for options in required if "crossref" not in fields else []:
        if not any(values.get(name) for name in options):
            problems.append(Problem(path, line, f"entry '{key}' is missing required field "
                                                f"'{' or '.join(options)}'"))
    if not any(values.get(name) for name in LOCATORS):
        problems.append(Problem(path, line, f"entry '{key}' needs a 'doi', 'pmid' or 'url'"))
    for name, f in fields.items():
        value = values[name]
        where = f.start_line + 1
        if "\\url{" in value:
            problems.append(Problem(path, where, f"entry '{key}' field '{name}' uses \\url{{}}: "
                                                 "write the bare URL in a 'url' field"))
        if LATEX_ESCAPE.search(value):
            problems.append(Problem(path, where, f"entry '{key}' field '{name}' has a LaTeX "
                                                 "escape: write the Unicode character"))
    if "crossref" in fields:
        problems.append(Problem(path, fields["crossref"].start_line + 1,
                                f"entry '{key}' uses crossref, which the citation formatter does not "
                                "support: copy the fields into the entry"))
    for name, f in fields.items():
        if PERCENT.search(values[name]):
            problems.append(Problem(path, f.start_line + 1,
                                    f"entry '{key}' field '{name}' has a '%', which the citation formatter reads "
                                    "as the start of a comment (even as '\\%'), cutting the field short: write "
                                    "'percent'"))
    for role in ("author", "editor"):
        if role in fields:
            problems.extend(check_names(values[role], key, role, path, fields[role].start_line + 1))
    doi = values.get("doi")
    if doi is not None and not DOI_PATTERN.match(doi):
        problems.append(Problem(path, fields["doi"].start_line + 1,
                                f"entry '{key}' has malformed DOI '{doi}' "
                                "(expected 10.NNNN/suffix, without https://doi.org/)"))
    pmid = values.get("pmid")
    if pmid is not None and not pmid.isdigit():
        problems.append(Problem(path, fields["pmid"].start_line + 1,
                                f"entry '{key}' has malformed PMID '{pmid}' (digits only)"))
    url = values.get("url")
    if url is not None and not re.match(r"^https://[^\s/]+\.[^\s/]+\S*$", url):
        problems.append(Problem(path, fields["url"].start_line + 1,
                                f"entry '{key}' has malformed or non-https url '{url}'"))
    return problems


VERIFIED = re.compile(r"^%\s*verified:\s*(?P<url>\S+)")
IP_HOST = re.compile(r"^https?://\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?/")


def check_verification_notes(text: str, path: str = "references.bib") -> list[Problem]:
    """Every entry has a "% verified: <address>" note just above it, naming the page its
    metadata was copied from: https, never a bare IP address, and for an entry with a PMID or
    a DOI the canonical record or the publisher (CANONICAL_HOSTS), never a mirror."""
    bib, _ = parse_bibliography(text)
    lines = text.splitlines()
    problems = []
    for key, line in bib.lines.items():
        notes, above = [], line - 2
        while above >= 0 and (lines[above].startswith("%") or not lines[above].strip()):
            match = VERIFIED.match(lines[above])
            if match:
                notes.append((above + 1, match.group("url")))
            elif lines[above].strip() and not lines[above].startswith("% verified"):
                break
            above -= 1
        if not notes:
            problems.append(Problem(path, line, f"entry '{key}' has no '% verified: <address>' note above it"))
            continue
        fields = bib.entries[key].fields_dict
        located = "pmid" in fields or "doi" in fields
        for number, url in notes:
            if not url.startswith("https://"):
                problems.append(Problem(path, number, f"entry '{key}': verified address '{url}' is not https"))
            elif IP_HOST.match(url):
                problems.append(Problem(path, number, f"entry '{key}': verified address '{url}' is a bare IP "
                                                      "address: name the canonical record"))
            elif located and not host_is_canonical(url):
                problems.append(Problem(path, number, f"entry '{key}': verified address '{url}' is not the "
                                                      "canonical record (PubMed, PMC, DOI) or the publisher"))
    return problems
