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


# What adds missing tabs and columns from anywhere; the app replaces it with the button this user has (ui.auth).
ADD_MISSING = "python -m cli ensure-schema"


class HeaderMissing(StoreError):
    def __init__(self, tab_title: str, headers: list[str]) -> None:
        names = ", ".join(f"“{h}”" for h in headers)
        super().__init__(
            f"Trang “{tab_title}” thiếu cột {names}. Có thể tiêu đề cột đã bị đổi tên — "
            f"hãy sửa lại tiêu đề trong bảng tính, hoặc thêm cột còn thiếu bằng lệnh `{ADD_MISSING}`."
        )
        self.tab_title = tab_title
        self.headers = headers


class TabMissing(StoreError):
    def __init__(self, tab_title: str) -> None:
        super().__init__(f"Bảng tính không có trang “{tab_title}”. Hãy thêm trang còn thiếu bằng lệnh `{ADD_MISSING}`.")
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


class AmbiguousId(StoreError):
    """Two rows carry this ID (or IDs equal once invisible characters are removed): the app will not guess."""

    def __init__(self, tab_title: str, row_id: str, refs: list[str]) -> None:
        super().__init__(
            f"Mã “{row_id}” xuất hiện ở nhiều dòng của trang “{tab_title}” ({', '.join(refs)}). Chưa ghi gì — "
            "hãy sửa mã trùng trong bảng tính rồi thử lại."
        )
        self.tab_title = tab_title
        self.row_id = row_id
        self.refs = refs


class FormulaCell(StoreError):
    """The target cell holds a staff formula; the app never overwrites one."""

    def __init__(self, ref: str) -> None:
        super().__init__(f"Ô {ref} chứa công thức do cán bộ nhập; ứng dụng không ghi đè công thức. Chưa ghi gì.")
        self.ref = ref


class CellProtected(StoreError):
    """The write would overwrite a staff formula or a cell inside a merged range; nothing was written."""


class FormulaWouldBreak(StoreError):
    """Deleting the row would leave a staff formula pointing at a cell that no longer exists; nothing was deleted."""


class RowMoved(StoreError):
    """Rows moved under the write too often to be sure where it belongs; nothing stays written."""

    def __init__(self, tab_title: str, row_id: str) -> None:
        super().__init__(
            f"Trang “{tab_title}” đang được sắp xếp/chèn/xóa dòng nên chưa chắc dòng “{row_id}” ở đâu. "
            "Chưa ghi gì — hãy thử lại sau giây lát."
        )
        self.tab_title = tab_title
        self.row_id = row_id


class GhostPending(RowMoved):
    """The row holds another writer's misplaced write that is still being put back; nothing was written here."""

    def __init__(self, tab_title: str, row_id: str) -> None:
        StoreError.__init__(
            self,
            f"Dòng “{row_id}” (trang “{tab_title}”) đang chứa một lần ghi nhầm của nơi khác và đang được hoàn tác. "
            "Chưa ghi gì — hãy thử lại sau giây lát.",
        )
        self.tab_title = tab_title
        self.row_id = row_id


class Uncertain(StoreError):
    """The sheet did not answer in time to tell whether the write landed; the user must look before retrying."""

    def __init__(self, tab_title: str, row_id: str, detail: str) -> None:
        super().__init__(
            f"Không xác nhận được thao tác trên dòng “{row_id}” (trang “{tab_title}”): {detail}. Có thể đã ghi — "
            "hãy tải lại dữ liệu và kiểm tra trước khi làm lại."
        )
        self.tab_title = tab_title
        self.row_id = row_id


class DamagedWorkbook(BackendUnavailable):
    """The .xlsx itself is broken (not a zip, a part missing or cut short, XML or styles unreadable).

    Nothing was read from it and nothing is written to it: the message names the file, the damaged part and the way
    back (the backup the app keeps next to the file, or a repair-and-save in Excel or LibreOffice).
    """

    def __init__(self, file_name: str, reason: str, backup_name: str | None) -> None:
        if backup_name:
            remedy = (
                f"Cách khắc phục: chép bản sao lưu “{backup_name}” (cùng thư mục, do ứng dụng giữ trước mỗi lần "
                f"ghi) đè lên “{file_name}”; hoặc mở tệp bằng Excel hay LibreOffice, để chương trình sửa rồi lưu "
                "lại dạng .xlsx."
            )
        else:
            remedy = (
                "Cách khắc phục: mở tệp bằng Excel hay LibreOffice, để chương trình sửa rồi lưu lại dạng .xlsx; "
                "hoặc chép bản sao gần nhất của bạn đè lên tệp này."
            )
        super().__init__(
            f"Tệp bị hỏng: {file_name} ({reason}). Không đọc được dữ liệu từ tệp này và ứng dụng chưa ghi gì vào "
            f"đó. {remedy}"
        )
        self.file_name = file_name
        self.reason = reason
        self.backup_name = backup_name


class ReadFailed(StoreError):
    """Reading or checking the data failed in a way no store foresaw; the page shows this instead of a traceback."""

    def __init__(self, exc: BaseException) -> None:
        detail = " ".join(str(exc).split())[:300]
        super().__init__(f"Không đọc được dữ liệu: {type(exc).__name__}: {detail}")
        self.original = exc
