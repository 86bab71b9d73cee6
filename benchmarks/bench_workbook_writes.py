"""Workbook writes with a stray cell far from the data — one "x" or one space typed at row 1,048,576 or in column
XFD — against the same write on the clean file, and against the first build's read (openpyxl's full grid up to
`max_row` × `max_column`, one cell object per position), each in its own process so its peak memory is its own."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.synthetic import make_workbook

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
LAST_ROW = 1_048_576

# One measurement in a fresh interpreter: prints {"ms": [...], "peak_mb": ...}.
_CHILD = r"""
import io, json, resource, sys, time
from pathlib import Path

mode, path, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
times = []
if mode == "write":
    from services.store.workbook import WorkbookStore

    store = WorkbookStore(path)
    for n in range(runs):
        started = time.perf_counter()
        store.update_row("attendees", "DB-00002", {"note": f"v{n}"}, {}, user="bench")
        times.append(time.perf_counter() - started)
elif mode == "load":
    from services.store.workbook import WorkbookStore

    for n in range(runs):
        started = time.perf_counter()
        WorkbookStore(path).load()
        times.append(time.perf_counter() - started)
else:  # "old": what a write did before — the full grid of the tab, one cell per position up to max_row × max_column
    from openpyxl import load_workbook

    for n in range(runs):
        started = time.perf_counter()
        wb = load_workbook(io.BytesIO(path.read_bytes()))
        ws = wb["Đại biểu"]
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        ws["L3"] = f"v{n}"
        wb.save(io.BytesIO())
        times.append(time.perf_counter() - started)
        del wb, ws, grid
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ms": [t * 1000 for t in times], "peak_mb": peak}))
"""


def _measure(mode: str, path: Path, runs: int) -> tuple[float, float]:
    """(median ms, peak MB of the process) of `runs` runs of `mode` on a copy of `path`."""
    work = path.with_name(f"{mode}-{path.name}")
    shutil.copyfile(path, work)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(work), str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return round(statistics.median(result["ms"]), 1), round(result["peak_mb"])


def _with_stray(clean: Path, name: str, coordinate: str, value: str) -> Path:
    from openpyxl import load_workbook

    path = clean.with_name(name)
    wb = load_workbook(clean)
    wb["Đại biểu"][coordinate] = value
    wb.save(path)
    return path


def _available_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def run(quick: bool = False) -> list[dict]:
    sizes = (100,) if quick else (100, 2_000)
    runs = 3 if quick else RUNS
    # The first build's write at row 1,048,576 needs ~4 GB and a minute or two; smaller rows show the same slope.
    old_row = 20_000 if quick else (LAST_ROW if _available_gib() >= 8 else 100_000)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            label = f"{size} đại biểu"
            clean = make_workbook(Path(tmp) / f"clean-{size}.xlsx", attendees=size, nominations=50, tasks=20)
            cases = [
                ("no stray cell", clean),
                (f'"x" at A{LAST_ROW:,}', _with_stray(clean, f"row-{size}.xlsx", f"A{LAST_ROW}", "x")),
                ('"x" at XFD5', _with_stray(clean, f"column-{size}.xlsx", "XFD5", "x")),
                (f'"x" at XFD{LAST_ROW:,}', _with_stray(clean, f"corner-{size}.xlsx", f"XFD{LAST_ROW}", "x")),
            ]
            for case, path in cases:
                ms, peak = _measure("write", path, runs)
                rows.append(
                    {
                        "benchmark": "workbook_writes.edit_ms",
                        "size": label,
                        "value": ms,
                        "unit": "ms",
                        "note": f"{case}; median of {runs} edits with log row and backup (peak {peak} MB)",
                    }
                )
            space = _with_stray(clean, f"space-{size}.xlsx", f"A{LAST_ROW}", " ")
            ms, peak = _measure("write", space, 1)
            rows.append(
                {
                    "benchmark": "workbook_writes.edit_ms",
                    "size": label,
                    "value": ms,
                    "unit": "ms",
                    "note": f'" " at A{LAST_ROW:,}; the first edit, which drops the lone space (peak {peak} MB)',
                }
            )
            ms, peak = _measure("load", cases[1][1], runs)
            rows.append(
                {
                    "benchmark": "workbook_writes.load_ms",
                    "size": label,
                    "value": ms,
                    "unit": "ms",
                    "note": f'"x" at A{LAST_ROW:,}; median of {runs} reads (peak {peak} MB); the value stays in the file',
                }
            )
            if size != sizes[0]:
                continue
            for case, path in (("no stray cell", clean), (f'"x" at A{old_row:,}', None)):
                target = path or _with_stray(clean, "old.xlsx", f"A{old_row}", "x")
                ms, peak = _measure("old", target, 1 if path is None else runs)
                rows.append(
                    {
                        "benchmark": "workbook_writes.edit_ms_first_build",
                        "size": label,
                        "value": ms,
                        "unit": "ms",
                        "note": f"{case}; first build: the tab's whole max_row × max_column grid read, then saved "
                        f"(peak {peak} MB){'' if path else '; one run'}",
                    }
                )
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['benchmark']:<40} {row['size']!s:<14} {row['value']:>10} {row['unit']:<4} {row['note']}")
