"""Checks: small pure functions that take sources (or the built site) and return a list of
:class:`~scripts.checks.problems.Problem` (file, line, message). They never print or exit;
``scripts/build.py`` reports them."""
