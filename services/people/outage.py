"""Which store errors mean "the store could not be reached" (journal the scan, try again later) rather than "the
store refused, with a reason" (tell the desk)."""

from __future__ import annotations

from filelock import Timeout as LockTimeout

from services.store.disk import DiskFull, FolderReadOnly
from services.store.errors import BackendUnavailable, DamagedWorkbook, Uncertain
from services.store.retry import is_transient
from services.store.sheet_features import SheetProtected


def is_outage(exc: BaseException) -> bool:
    """The store could not be reached (network, 5xx, quota, a lock held too long, a full or read-only disk under the
    workbook) or could not say whether the write landed: worth journaling. A refusal with a reason (unknown ID,
    conflict, damaged file, no permission) is not."""
    if isinstance(exc, Uncertain | SheetProtected | DiskFull | FolderReadOnly):
        # a protected range, a full disk or a folder remounted read-only: the scan waits in the journal until staff
        # lift the protection or IT frees the disk, then is replayed
        return True
    if isinstance(exc, DamagedWorkbook) or not isinstance(exc, BackendUnavailable):
        return False
    seen: BaseException | None = exc
    while seen is not None:
        if is_transient(seen) or isinstance(seen, LockTimeout | ConnectionError | TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
