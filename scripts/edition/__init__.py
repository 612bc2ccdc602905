"""Building blocks of the edition that are not checks: page dates, citation formats for
"Cite this page", and the print edition. Pure functions, used by scripts/hooks_edition.py."""
