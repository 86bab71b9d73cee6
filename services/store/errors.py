"""Errors a store raises; each carries a Vietnamese message the page shows as it is."""

from __future__ import annotations

from dataclasses import dataclass


class StoreError(Exception):
    """Base class: something the user can understand and usually fix."""


class BackendUnavailable(StoreError):
    """The sheet or workbook could not be reached (network, quota, permissions, locked file)."""


class RowNotFound(StoreError):
    def __init__(self, tab_title: str, row_id: str) -> None:
        super().__init__(f"Dòng có mã “{row_id}” không còn trong trang “{tab_title}” (có thể đã bị xóa).")
        self.tab_title = tab_title
        self.row_id = row_id


class HeaderMissing(StoreError):
    def __init__(self, tab_title: str, headers: list[str]) -> None:
        names = ", ".join(f"“{h}”" for h in headers)
        super().__init__(
            f"Trang “{tab_title}” thiếu cột {names}. Có thể tiêu đề cột đã bị đổi tên — "
            "hãy sửa lại tiêu đề trong bảng tính hoặc chạy “Khởi tạo cấu trúc” ở trang Dữ liệu."
        )
        self.tab_title = tab_title
        self.headers = headers


class TabMissing(StoreError):
    def __init__(self, tab_title: str) -> None:
        super().__init__(f"Bảng tính không có trang “{tab_title}”. Hãy chạy “Khởi tạo cấu trúc” ở trang Dữ liệu.")
        self.tab_title = tab_title


class DuplicateId(StoreError):
    def __init__(self, tab_title: str, row_id: str) -> None:
        super().__init__(f"Mã “{row_id}” đã có trong trang “{tab_title}”.")
        self.tab_title = tab_title
        self.row_id = row_id


@dataclass(frozen=True)
class CellChange:
    """A cell someone else changed after the user loaded it."""

    column: str
    seen: str
    now: str


class Conflict(StoreError):
    """The row changed since the user saw it; nothing was written."""

    def __init__(self, tab_title: str, row_id: str, changes: list[CellChange]) -> None:
        detail = "; ".join(f"“{c.column}”: “{c.seen}” → “{c.now}”" for c in changes)
        super().__init__(
            f"Dòng “{row_id}” trong trang “{tab_title}” vừa được người khác sửa ({detail}). "
            "Chưa ghi gì — hãy tải lại dữ liệu, xem thay đổi rồi lưu lại."
        )
        self.tab_title = tab_title
        self.row_id = row_id
        self.changes = changes
