"""Benchmarks of OpenBuurt: `make bench` runs every section and writes docs/benchmarks.md.

Each section is a module in this package with a function ``run(context: BenchContext) -> str`` that measures
something, always beside a baseline in the same run, and returns a Markdown section (starting with a ``## `` title).
Sections are listed in :data:`SECTIONS` in the order they appear in the page.
"""

SECTIONS = ["open311", "triage_speed", "triage_quality", "backoffice"]
