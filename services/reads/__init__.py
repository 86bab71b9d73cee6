"""The read side, shared by every session of a server: the validated dataset and what is worked out from it.

- `source.Reads`: the one service a UI holds — the dataset read once per TTL (`freshness`), reused when its text is
  unchanged (`reuse`), the last good data served (from memory, else from the disk copy) while the source fails, and
  results derived from a dataset version shared by all viewers (`derived`);
- nothing here imports Streamlit: `ui/context.py` keeps one `Reads` per server in `st.cache_resource`.
"""

from services.reads.source import FAILURE_HOLD_S, Reads

__all__ = ["FAILURE_HOLD_S", "Reads"]
