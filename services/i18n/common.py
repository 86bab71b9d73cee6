"""Strings shared by the frame: navigation, sidebar, common buttons and messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Hội nghị điển hình tiên tiến", "Exemplary Collectives Conference"),
    "nav.leadership": ("Lãnh đạo", "Leadership"),
    "nav.preparation": ("Chuẩn bị", "Preparation"),
    "nav.meeting": ("Tại hội nghị", "At the meeting"),
    "nav.admin": ("Quản trị", "Administration"),
    "page.overview": ("Tổng quan", "Overview"),
    "page.attendees": ("Đại biểu", "Attendees"),
    "page.checkin": ("Điểm danh", "Check-in"),
    "page.nominations": ("Khen thưởng", "Awards"),
    "page.tasks": ("Nhiệm vụ", "Tasks"),
    "page.programme": ("Chương trình", "Programme"),
    "page.budget": ("Kinh phí", "Budget"),
    "page.seating": ("Sơ đồ chỗ ngồi", "Seating plan"),
    "page.documents": ("Tài liệu", "Documents"),
    "page.data": ("Dữ liệu", "Data"),
    "sidebar.language": ("Ngôn ngữ", "Language"),
    "sidebar.backend.workbook": ("Tệp cục bộ: {title}", "Local workbook: {title}"),
    "sidebar.backend.gsheets": ("Google Sheet: {title}", "Google Sheet: {title}"),
    "sidebar.data_as_of": ("Dữ liệu lúc {time}", "Data as of {time}"),
    "sidebar.refresh": ("Tải lại dữ liệu", "Refresh data"),
    "sidebar.problems": (
        "{count} ô dữ liệu cần sửa — xem trang Dữ liệu",
        "{count} {count|cell needs|cells need} fixing — see the Data page",
    ),
    "sidebar.demo": ("Đang dùng dữ liệu mẫu", "Showing demo data"),
    "error.unavailable": (
        "Không kết nối được nguồn dữ liệu — đang hiển thị dữ liệu lúc {time}. {detail}",
        "The data source cannot be reached — showing data as of {time}. {detail}",
    ),
    "error.retry": ("Thử lại", "Retry"),
    "error.unexpected": (
        "Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn chưa bị thay đổi. Chi tiết: {detail}",
        "Something unexpected went wrong. Your data was not changed. Details: {detail}",
    ),
    "common.choose": ("Chọn…", "Choose…"),
}
