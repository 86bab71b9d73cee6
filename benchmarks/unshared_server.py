"""`python -m benchmarks.unshared_server run app.py …`: Streamlit's command line, with the app's read side built
without shared results (`Reads(share=False)`: every view works the readiness result, the charts, the honoree order …
out again) — the baseline bench_concurrent_views.py compares the app with. The app itself has no such switch."""

from __future__ import annotations

import sys

import services.reads
from services.reads import Reads


class UnsharedReads(Reads):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{**kwargs, "share": False})


def main() -> int:
    services.reads.Reads = UnsharedReads  # before app.py imports ui.context, which builds its one Reads from it
    from streamlit.web import cli

    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
