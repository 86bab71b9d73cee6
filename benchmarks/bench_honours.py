"""Honoree list speed: Vietnamese sort keys and the ceremony order on a large synthetic nomination list."""

from __future__ import annotations

import random
import statistics
import time

from services import text
from services.awards import honours
from services.schema import TABS
from services.setup.seed import seed_rows
from services.store.rows import Snapshot, TabData
from services.text import name_sort_key, place_tones, sort_key
from services.validation import validate

_FAMILY = ["Nguyễn", "Hoàng", "Lương", "Vi", "Lăng", "Hà", "Nông", "Lý", "Trần", "Đinh", "Phạm", "Lê", "Đặng"]
_MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Quang", "Ngọc", "Minh", "Hồng"]
_GIVEN = ["An", "Ánh", "Ân", "Bình", "Dũng", "Đạt", "Hoà", "Hòa", "Hương", "Thuỷ", "Thủy", "Tú", "Tư", "Yến"]


def _names(n: int, rng: random.Random) -> list[str]:
    return [f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}" for _ in range(n)]


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        sort_key.cache_clear()
        name_sort_key.cache_clear()
        place_tones.cache_clear()
        text._place_tone.cache_clear()  # word by word too, so the run is really cold
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _dataset(n: int, rng: random.Random):
    rows = seed_rows()
    awards = [a[0] for a in honours.DEFAULT_AWARD_ROWS if a[2] != "tập thể"]
    rows["nominations"] = [
        {"id": f"DC-{i:05d}", "kind": "cá nhân", "name": name, "award": rng.choice(awards), "status": "đã duyệt"}
        for i, name in enumerate(_names(n, rng))
    ]
    tabs = {
        t.key: TabData(t.title, t.headers, [[str(r.get(c.key, "")) for c in t.columns] for r in rows.get(t.key, [])])
        for t in TABS
    }
    return validate(Snapshot(tabs))


def run(quick: bool = False) -> list[dict]:
    rng = random.Random(7)
    runs = 5
    rows = []
    for size in (200, 2_000) if quick else (200, 2_000, 10_000):
        names = _names(size, rng)
        seconds = _median(lambda names=names: sorted(names, key=name_sort_key), runs)
        rows.append(
            {
                "benchmark": "sort names (cold key cache)",
                "size": size,
                "value": round(seconds * 1000, 2),
                "unit": "ms",
                "note": f"median of {runs}",
            }
        )
        data = _dataset(size, rng)
        seconds = _median(lambda data=data: honours.honoree_order(data), runs)
        rows.append(
            {
                "benchmark": "honoree_order",
                "size": size,
                "value": round(seconds * 1000, 1),
                "unit": "ms",
                "note": f"median of {runs}, all approved, 5 award forms",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)
