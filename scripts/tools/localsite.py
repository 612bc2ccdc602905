"""Build the site for a local address and serve it as GitHub Pages serves a project site.

Used by the browser tests, ``make bench`` and ``make screenshots``::

    with LocalSite(tmp_dir) as site:      # builds with every check, then serves
        site.url("about/")                # http://127.0.0.1:<port>/ai-in-ir/about/

The server listens on 127.0.0.1 only, under a sub-path (``/ai-in-ir/``), answers a missing
path with the site's ``404.html`` and status 404, and gzips text as Pages does. The port is
bound before the build, so ``SITE_URL`` (canonical links, the 404 page) names the real
address. It runs in a daemon thread and stops when the ``with`` block ends."""

from __future__ import annotations

import gzip
import mimetypes
import os
import posixpath
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "ai-in-ir"
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
              "image/svg+xml")
BUILD_TIMEOUT_S = 300


class BuildFailed(RuntimeError):
    """The checked build failed; the message is its output."""


def built_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a path relative to the site root: '' for the home page,
    'about/' for about/index.html, '404.html' for the error page."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel == "index.html":
            pages.append("")
        elif rel.endswith("/index.html"):
            pages.append(rel[: -len("index.html")])
        else:
            pages.append(rel)
    return pages


def build_site(site_dir: Path, site_url: str, extra_env: dict | None = None) -> None:
    """Run the checked build (``python -m scripts.build``) into site_dir for site_url."""
    env = dict(os.environ, **(extra_env or {}), SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "scripts.build", "--site-dir", str(site_dir)],
                          cwd=ROOT, env=env, text=True, capture_output=True, timeout=BUILD_TIMEOUT_S)
    if proc.returncode != 0:
        raise BuildFailed((proc.stdout + proc.stderr).strip() or f"exit code {proc.returncode}")


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        path = self.server.resolve(urlsplit(self.path).path)
        status = HTTPStatus.OK
        if path is None:
            status, path = HTTPStatus.NOT_FOUND, self.server.site_dir / "404.html"
        if path.is_dir() and not urlsplit(self.path).path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.is_dir():
            path = path / "index.html"
        body = path.read_bytes() if path.is_file() else b"Not found"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "max-age=600")
        if (self.server.compress and ctype.startswith(GZIP_TYPES)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: tests and the bench report what matters themselves


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site_dir: Path, compress: bool) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site_dir = site_dir
        self.compress = compress

    def handle_error(self, request, client_address) -> None:
        """A browser that closes its connection before the answer is sent (a page left while
        it loads) is not an error of the site: say nothing. Anything else is printed."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path under /<SUB_PATH>/, or None (outside it or missing)."""
        prefix = f"/{SUB_PATH}/"
        url_path = unquote(url_path)
        if url_path == prefix.rstrip("/"):
            url_path = prefix
        if not url_path.startswith(prefix):
            return None
        rel = posixpath.normpath(url_path[len(prefix):] or ".")
        if rel.startswith(".."):
            return None
        path = (self.site_dir / rel).resolve()
        if not path.is_relative_to(self.site_dir.resolve()):
            return None
        if path.is_file() or (path.is_dir() and (path / "index.html").is_file()):
            return path
        return None


class LocalSite:
    """Build the site into site_dir for this server's address and serve it (see module doc).
    With build=False, serve site_dir as it is (it must have been built for the address)."""

    def __init__(self, site_dir: Path, compress: bool = True, build: bool = True,
                 env: dict | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.env = env
        self.compress = compress
        self.build = build
        self._server: _SiteServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "LocalSite is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/{SUB_PATH}/"

    def url(self, page: str = "") -> str:
        return self.base_url + page

    def pages(self) -> list[str]:
        return built_pages(self.site_dir)

    def start(self) -> LocalSite:
        self._server = _SiteServer(self.site_dir, self.compress)
        try:
            if self.build:
                build_site(self.site_dir, self.base_url, self.env)
        except BaseException:
            self._server.server_close()
            self._server = None
            raise
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="localsite", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
                self._thread.join(timeout=10)
            self._server.server_close()
        self._server = self._thread = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
