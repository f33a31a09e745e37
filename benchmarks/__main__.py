"""Run the benchmarks and write docs/benchmarks.md: ``python -m benchmarks [--quick] [--only SECTION]``.

Every section of :data:`benchmarks.SECTIONS` is a module with ``run(context) -> str``. A section whose module does
not exist yet is skipped with a note, and a section that is not run this time keeps what the page said before, so
``--only triage_speed`` refreshes one section without throwing the others away. Each section is stored between
``<!-- bench:NAME -->`` markers with the date and command of the run that measured it.
"""

from __future__ import annotations

import argparse
import importlib
import re
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import SECTIONS
from benchmarks.context import BenchContext, machine_description

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "benchmarks.md"
_SECTION = re.compile(r"<!-- bench:(?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- /bench:(?P=name) -->", re.DOTALL)

INTRO = """# Benchmarks

Written by `make bench` (`python -m benchmarks`); do not edit by hand. Every number is measured beside a
baseline in the same run on the same machine, because absolute numbers mean little across machines: compare
the ratios. `python -m benchmarks --quick` runs shorter loops (numbers are noisier);
`python -m benchmarks --only SECTION` refreshes one section and keeps the others.
"""


def read_sections(path: Path) -> dict[str, str]:
    """Return the sections stored in an existing page, by name (empty when the page does not exist)."""
    if not path.exists():
        return {}
    return {match["name"]: match["body"].strip() for match in _SECTION.finditer(path.read_text(encoding="utf-8"))}


def render_page(*, sections: dict[str, str], order: list[str], machine: str, command: str, when: str) -> str:
    """Return the whole Markdown page: the intro, the header of this run and every section in ``order``."""
    parts = [
        INTRO,
        f"Last run: {when} with `{command}`  \nMachine: {machine}\n",
    ]
    for name in order:
        body = sections.get(name) or f"## {name}\n\n_Not measured yet: the section's module does not exist yet._"
        parts.append(f"<!-- bench:{name} -->\n{body.strip()}\n<!-- /bench:{name} -->\n")
    return "\n".join(parts)


def run_section(name: str, context: BenchContext) -> str | None:
    """Run one section and return its Markdown, or ``None`` when its module does not exist (yet)."""
    module_name = f"benchmarks.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise  # the section exists but something it imports is missing: that is a real error
        context.progress(f"section {name}: module {module_name} does not exist yet, skipped")
        return None
    context.progress(f"section {name}: start")
    started = time.monotonic()
    markdown = str(module.run(context)).strip()
    context.progress(f"section {name}: done in {time.monotonic() - started:.0f} s")
    return markdown


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections, merge them into the page and write it; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter loops: a smoke run, noisier numbers")
    parser.add_argument("--only", action="append", choices=SECTIONS, metavar="SECTION", help="run only this section")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="page to write (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder for inspection")
    args = parser.parse_args(argv)

    chosen = args.only or list(SECTIONS)
    command = "python -m benchmarks" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:])
    )
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = machine_description()
    work_dir = Path(tempfile.mkdtemp(prefix="openbuurt-bench-"))
    context = BenchContext(repo_root=REPO_ROOT, work_dir=work_dir, quick=args.quick)
    context.progress(f"machine: {machine}")
    context.progress(f"work folder: {work_dir}")

    measured: dict[str, str] = {}
    failed: list[str] = []
    try:
        for name in chosen:
            try:
                markdown = run_section(name, context)
            except Exception:
                # One broken section must not cost the others their fresh numbers; the page keeps its old text.
                traceback.print_exc()
                context.progress(f"section {name}: FAILED, its previous text is kept")
                failed.append(name)
                continue
            if markdown is None:
                continue
            stamp = f"_Measured {when} with `{command}` on: {machine}._"
            measured[name] = f"{markdown}\n\n{stamp}"
    finally:
        if args.keep:
            context.progress(f"kept {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)

    # Read the page only now: a long run (the back-office section takes many minutes) must not throw away a
    # section that another `--only` run refreshed in the meantime.
    sections = {**read_sections(args.output), **measured}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        render_page(sections=sections, order=list(SECTIONS), machine=machine, command=command, when=when),
        encoding="utf-8",
    )
    for note in context.notes:
        context.progress(f"note: {note}")
    context.progress(f"wrote {args.output}")
    if failed:
        context.progress(f"failed sections: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
