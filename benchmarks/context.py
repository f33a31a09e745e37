"""What every benchmark section gets: where to write, how to report progress, the machine description."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BenchContext:
    """Shared state of one `make bench` run."""

    repo_root: Path
    work_dir: Path
    quick: bool = False
    notes: list[str] = field(default_factory=list)

    def progress(self, message: str) -> None:
        """Print a progress line to stderr (long benchmarks must show progress)."""
        print(f"[bench] {message}", file=sys.stderr, flush=True)


def machine_description() -> str:
    """Return a one-paragraph description of the machine: CPU model, cores, memory, OS, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}" + (f"; commit {commit}" if commit else "")
    )
