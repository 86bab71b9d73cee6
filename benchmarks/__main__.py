"""`python -m benchmarks [--quick] [--only NAME]`: run every benchmarks/bench_*.py and print ONE Markdown table.

Each module exposes `run(quick: bool = False) -> list[dict]` with keys benchmark, size, value, unit, note. A module
that fails to import or run gets one row with its error instead of stopping the others. The table, with the date,
machine and versions on top, is also written to benchmarks/out/latest.md (git-ignored) for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from datetime import datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "latest.md"
COLUMNS = ("benchmark", "size", "value", "unit", "note")


def discover(only: str | None = None) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if only:
        wanted = only if only.startswith("bench_") else f"bench_{only}"
        names = [name for name in names if name == wanted]
    return names


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    ram = "? GiB RAM"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores (nproc), {cpu}, {ram}"


def versions() -> str:
    try:
        streamlit = metadata.version("streamlit")
    except metadata.PackageNotFoundError:
        streamlit = "not installed"
    return f"Python {platform.python_version()}, streamlit {streamlit}"


def format_value(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        size = abs(value)
        if size >= 1000:
            return f"{value:,.0f}"
        if size >= 100:
            return f"{value:.0f}"
        if size >= 10:
            return f"{value:.1f}"
        if size >= 1:
            return f"{value:.2f}"
        return f"{value:.3g}"
    return str(value)


def cell(text: object) -> str:
    """Markdown-safe table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def run_module(name: str, quick: bool) -> tuple[list[dict], float]:
    start = time.monotonic()
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        rows = list(module.run(quick=quick))
        for row in rows:
            missing = [key for key in COLUMNS if key not in row]
            if missing:
                raise ValueError(f"row {row!r} lacks {missing}")
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" ({Path(last.filename).name}:{last.lineno})" if last else ""
        rows = [
            {
                "benchmark": name,
                "size": "",
                "value": "ERROR",
                "unit": "",
                "note": f"{type(exc).__name__}: {exc}{where}",
            }
        ]
    return rows, time.monotonic() - start


def render(results: list[tuple[str, list[dict], float]], quick: bool) -> str:
    lines = [
        f"Measured {datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine()}; {versions()}.",
        "Each figure is the median of ≥ 5 runs unless its note says otherwise"
        + (" — QUICK run (smaller sizes / fewer runs)." if quick else "."),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(["---", "---:", "---:", "---", "---"]) + "|",
    ]
    for _name, rows, _seconds in results:
        for row in rows:
            values = [row["benchmark"], format_value(row["size"]), format_value(row["value"]), row["unit"], row["note"]]
            lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    lines.append("")
    lines.append("Module run times: " + ", ".join(f"{name} {seconds:.0f} s" for name, _r, seconds in results) + ".")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs, for a smoke check")
    parser.add_argument("--only", metavar="NAME", help="run one module: bench_NAME.py (NAME or bench_NAME)")
    args = parser.parse_args(argv)

    names = discover(args.only)
    if not names:
        parser.error(f"no benchmark module matches {args.only!r} (have: {', '.join(discover()) or 'none'})")
    results = []
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        rows, seconds = run_module(name, args.quick)
        results.append((name, rows, seconds))
        print(f"  {name}: {len(rows)} rows in {seconds:.1f} s", file=sys.stderr, flush=True)

    table = render(results, args.quick)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
