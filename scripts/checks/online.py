"""``--online``: resolve every external URL and DOI once, with bounded concurrency and a
cache, and report the ones that are broken. Never part of the default build or of CI: the
network is not always there, and publishers rate-limit robots."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from scripts.checks.problems import Problem

USER_AGENT = "ai-in-ir-linkcheck/1.0 (+https://github.com/)"
# Publishers often refuse robots (401/403/429) though the page exists for a reader: not broken.
NOT_BROKEN = {401, 403, 405, 429}
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class UrlSource:
    url: str
    path: str
    line: int | None


def load_cache(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


async def _probe(client: httpx.AsyncClient, url: str, limit: asyncio.Semaphore) -> str | None:
    """None if the URL resolves, else a short reason."""
    async with limit:
        try:
            response = await client.head(url)
            if response.status_code in (405, 501) or response.status_code >= 400:
                response = await client.get(url)
        except httpx.HTTPError as error:
            return f"{type(error).__name__}"
    if response.status_code < 400 or response.status_code in NOT_BROKEN:
        return None
    return f"HTTP {response.status_code}"


async def _probe_all(urls: list[str], transport: httpx.AsyncBaseTransport | None,
                     concurrency: int, timeout: float) -> dict[str, str | None]:
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(transport=transport, follow_redirects=True, timeout=timeout,
                                 headers={"User-Agent": USER_AGENT}) as client:
        results = await asyncio.gather(*(_probe(client, url, limit) for url in urls))
    return dict(zip(urls, results, strict=False))


def check_urls(sources: list[UrlSource], cache_path: Path | None = None,
               transport: httpx.AsyncBaseTransport | None = None, concurrency: int = 8,
               timeout: float = 20.0, now: float | None = None) -> list[Problem]:
    """Resolve each distinct URL once (fresh cache entries are reused) and report broken ones
    at every place that uses them."""
    now = time.time() if now is None else now
    cache = load_cache(cache_path) if cache_path else {}
    wanted = sorted({s.url for s in sources})
    stale = [u for u in wanted
             if u not in cache or now - cache[u].get("checked", 0) > CACHE_SECONDS]
    if stale:
        fresh = asyncio.run(_probe_all(stale, transport, concurrency, timeout))
        for url, error in fresh.items():
            cache[url] = {"checked": now, "error": error}
    if cache_path:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    return [Problem(s.path, s.line, f"broken external link '{s.url}': {cache[s.url]['error']}")
            for s in sources if cache.get(s.url, {}).get("error")]
