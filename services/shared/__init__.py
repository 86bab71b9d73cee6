"""The optional engine replicas share through Redis (`CONFERENCE_REDIS_URL`, or `[redis] url` in secrets).

- `engine.SharedEngine`: the connection, and the switch to per-process behaviour while Redis does not answer (said
  once in the log, in Vietnamese and English);
- `read_cache.SharedReads`: one source read per unit per freshness window across all replicas (a lock, the text in
  Redis), which is also the last good data a restarted replica serves;
- `tokens`: the write-token bucket of one Google identity, per process or across replicas;
- `journal.SharedJournal`: the door's outage journal in Redis, claimed by one replica at a time.

Without a URL nothing here is used: each process behaves as it always did. Nothing here imports Streamlit.
"""
