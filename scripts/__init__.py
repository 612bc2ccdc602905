"""The project's code, one import root for the build, the MkDocs hooks, the tools and the tests.

site.py (the site model), sources.py (reading files), bibliography data in checks/bib.py,
studies.py (the study file), markers.py (page markers), refcache.py (formatted references);
checks/ (pure functions returning problems), render/ (Markdown and HTML for pages),
hooks.py (MkDocs events), build.py (``python -m scripts.build``), tools/ (what make runs
besides the build: local server, Chromium finder, bench, screenshots, PDF, manifest)."""
