"""Renderers: functions that return Markdown or HTML for pages (citations, abbreviations,
evidence tables and map, "Cite this page", the print edition, the instructors' lists). They
decide nothing about validity; that is scripts/checks/. Markup lives in
overrides/components/ where a template fits."""
