"""Checks for the AI-in-IR web edition. Each check is a small pure function that returns a
list of :class:`~scripts.sitecheck.problems.Problem`; ``scripts/build.py`` reports them."""
