"""Strings of the overview page and of the readiness components ("Cách tính" explanations included)."""

STRINGS: dict[str, tuple[str, str]] = {
    "overview.title": ("Tổng quan mức độ sẵn sàng", "Readiness overview"),
    "overview.problems": (
        "{count} ô dữ liệu chưa đọc được — các số liệu dưới đây bỏ qua những ô đó.",
        "{count} {count|cell|cells} could not be read — the figures below leave them out.",
    ),
    "overview.problems_link": ("Xem và sửa ở trang Dữ liệu", "See and fix them on the Data page"),
    "overview.countdown": ("Đếm ngược", "Countdown"),
    "overview.countdown.future": ("Còn {days} ngày", "{days} {days|day|days} left"),
    "overview.countdown.today": ("Hôm nay", "Today"),
    "overview.countdown.past": ("Đã qua {days} ngày", "{days} {days|day|days} ago"),
    "overview.countdown.no_date": ("Chưa có ngày", "No date set"),
    "overview.countdown.no_date_help": (
        "Nhập “Ngày tổ chức” trong trang “Sự kiện” của bảng tính.",
        "Enter the event date on the “Sự kiện” tab of the workbook.",
    ),
    "overview.score": ("Điểm sẵn sàng", "Readiness score"),
    "overview.score.how": (
        "Trung bình có trọng số của các thành phần bên dưới (trọng số ghi ở từng thành phần); "
        "thành phần chưa có dữ liệu không được tính.",
        "Weighted mean of the components below (weights shown on each); components without data are left out.",
    ),
    "overview.components": ("Các thành phần của điểm sẵn sàng", "Readiness components"),
    "overview.weight": ("trọng số {weight}", "weight {weight}"),
    "overview.how": ("Cách tính", "How it is computed"),
    "overview.status.ok": ("Ổn", "OK"),
    "overview.status.warning": ("Cần chú ý", "Needs attention"),
    "overview.status.danger": ("Nguy cơ", "At risk"),
    "overview.kpi.tasks": ("Nhiệm vụ hoàn thành", "Tasks done"),
    "overview.kpi.overdue": ("Nhiệm vụ quá hạn", "Overdue tasks"),
    "overview.kpi.confirmed": ("Đại biểu xác nhận dự", "Attendees confirmed"),
    "overview.kpi.confirmed_help": (
        "Số đại biểu trả lời “tham dự” trên {invited} đại biểu được mời. Hội trường: {capacity} chỗ.",
        "Attendees who answered “attending” out of {invited} invited. Hall: {capacity} seats.",
    ),
    "overview.kpi.approved": ("Đề cử được duyệt", "Nominations approved"),
    "overview.charts": ("Biểu đồ", "Charts"),
    "overview.overdue": ("Nhiệm vụ quá hạn", "Overdue tasks"),
    "overview.overdue.none": ("Không có nhiệm vụ quá hạn.", "No overdue tasks."),
    "overview.banner.late": (
        "Quá hạn {days} ngày: gửi hồ sơ về Hội đồng Thi đua - Khen thưởng tỉnh (hạn {deadline}) — “{task}”.",
        "{days} {days|day|days} late: the submission to the provincial council (due {deadline}) — “{task}”.",
    ),
    "overview.banner.due_soon": (
        "Còn {days} ngày đến hạn gửi hồ sơ về Hội đồng Thi đua - Khen thưởng tỉnh (hạn {deadline}) — “{task}”.",
        "{days} {days|day|days} left to send the file to the provincial council (due {deadline}) — “{task}”.",
    ),
    # component labels, details and "Cách tính"
    "overview.c.tasks": ("Nhiệm vụ chuẩn bị", "Preparation tasks"),
    "overview.c.tasks.how": (
        "Mỗi nhiệm vụ góp phần theo tiến độ (hoàn thành = 100 %, còn lại theo cột “Tiến độ %”, trống = 0). "
        "Nhiệm vụ chưa xong được nhân hệ số theo độ gấp: quá hạn ×3, đến hạn trong {soon} ngày ×2, còn lại ×1 — "
        "nên việc quá hạn kéo điểm xuống mạnh hơn việc chưa đến hạn. "
        "Đỏ nếu có việc quá hạn; vàng nếu có việc sắp đến hạn hoặc hạn không đọc được.",
        "Each task counts by progress (done = 100 %, otherwise “Progress %”, blank = 0). Unfinished tasks are "
        "weighted by urgency: overdue ×3, due within {soon} days ×2, otherwise ×1 — so late work pulls the score "
        "down more than work not yet due. Red if anything is overdue; amber if something is due soon or has no "
        "readable date.",
    ),
    "overview.c.tasks.none": ("Chưa có nhiệm vụ nào.", "No tasks yet."),
    "overview.c.tasks.detail": (
        "{done}/{total} hoàn thành · {overdue} quá hạn · {soon} sắp đến hạn",
        "{done}/{total} done · {overdue} overdue · {soon} due soon",
    ),
    "overview.c.tasks.undated": ("{count} chưa có hạn đọc được", "{count} without a readable due date"),
    "overview.c.submission": ("Gửi hồ sơ về tỉnh (T-{days})", "Submission to the province (T-{days})"),
    "overview.c.submission.how": (
        "Nhiệm vụ nhắc đến Hội đồng Thi đua - Khen thưởng tỉnh / Sở Nội vụ (hoặc có hạn “T-{days}”); hạn là hạn "
        "riêng của nhiệm vụ đó, nếu chưa có thì ngày Hội nghị trừ {days} ngày. "
        "Giá trị = tiến độ của nhiệm vụ đó; quá hạn mà chưa xong thì bằng 0. "
        "Đỏ (kèm cảnh báo đầu trang) khi đã quá hạn hoặc còn ≤ {banner} ngày mà chưa hoàn thành.",
        "The task naming the provincial council / Department of Home Affairs (or due “T-{days}”); the deadline is "
        "that task's own due date, else the event date minus {days} {days|day|days}. "
        "Value = that task's progress; 0 once late and unfinished. Red (with a banner at the top) when late "
        "or ≤ {banner} days left and unfinished.",
    ),
    "overview.submission.done": ("Đã gửi (hạn {deadline}).", "Sent (due {deadline})."),
    "overview.submission.late": (
        "Quá hạn {days} ngày (hạn {deadline}).",
        "{days} {days|day|days} late (due {deadline}).",
    ),
    "overview.submission.due_soon": (
        "Còn {days} ngày (hạn {deadline}).",
        "{days} {days|day|days} left (due {deadline}).",
    ),
    "overview.submission.pending": (
        "Còn {days} ngày (hạn {deadline}).",
        "{days} {days|day|days} left (due {deadline}).",
    ),
    "overview.submission.missing": (
        "Chưa có nhiệm vụ gửi hồ sơ trong danh sách (hạn {deadline}).",
        "No submission task in the list (due {deadline}).",
    ),
    "overview.submission.no_date": (
        "Chưa tính được hạn: thiếu ngày tổ chức.",
        "No deadline yet: the event date is missing.",
    ),
    "overview.c.attendees": ("Phản hồi của đại biểu", "Attendee responses"),
    "overview.c.attendees.how": (
        "Số đại biểu đã phản hồi (tham dự hoặc vắng) chia cho số đại biểu được mời. "
        "Xanh từ 80 % trở lên; đỏ nếu số xác nhận tham dự vượt sức chứa hội trường (trang “Sự kiện”).",
        "Attendees who responded (attending or absent) divided by those invited. Green from 80 %; red if "
        "confirmed attendees exceed the hall capacity (“Sự kiện” tab).",
    ),
    "overview.c.attendees.none": ("Chưa có đại biểu nào được mời.", "Nobody invited yet."),
    "overview.c.attendees.detail": (
        "{responded}/{invited} đã phản hồi · {confirmed} tham dự / {capacity} chỗ",
        "{responded}/{invited} responded · {confirmed} attending / {capacity} seats",
    ),
    "overview.c.nominations": ("Xét duyệt khen thưởng", "Award decisions"),
    "overview.c.nominations.how": (
        "Số đề cử đã có kết quả (không duyệt; đã duyệt thuộc thẩm quyền Giám đốc Sở; đề nghị tỉnh đã có số quyết định) "
        "chia cho tổng số đề cử. Vàng khi còn đề cử đang chờ xét hoặc chờ quyết định của tỉnh; đỏ khi có đề cử đã duyệt "
        "nhưng không đúng quy định khen thưởng.",
        "Nominations with a result (rejected; approved within the Director's power; proposals the province has "
        "decided) divided by all nominations. Amber while any is pending or awaits the province; red when an approval "
        "breaks the award law.",
    ),
    "overview.c.nominations.law": (
        " · {awaiting} chờ quyết định của Chủ tịch UBND tỉnh · {refused} không đúng quy định",
        " · {awaiting} awaiting the Provincial Chair · {refused} against the award law",
    ),
    "overview.c.nominations.none": ("Chưa có đề cử nào.", "No nominations yet."),
    "overview.c.nominations.detail": (
        "{decided}/{total} đã có kết quả · {approved} được duyệt",
        "{decided}/{total} decided · {approved} approved",
    ),
    "overview.c.programme": ("Chương trình hội nghị", "Programme"),
    "overview.c.programme.how": (
        "Số mục chương trình đã có người thực hiện chia cho tổng số mục. "
        "Vàng nếu có mục chưa có người thực hiện hoặc tổng thời lượng vượt một buổi (trang “Sự kiện”).",
        "Programme items with a presenter divided by all items. Amber if an item has no presenter or the total "
        "runs past one session (“Sự kiện” tab).",
    ),
    "overview.c.programme.none": ("Chưa có mục chương trình nào.", "No programme items yet."),
    "overview.c.programme.detail": (
        "{done}/{total} mục có người thực hiện · {minutes}/{session} phút",
        "{done}/{total} items with a presenter · {minutes}/{session} minutes",
    ),
    "overview.c.budget": ("Kinh phí", "Budget"),
    "overview.c.budget.how": (
        "Tỷ lệ khoản mục có thực chi không vượt dự trù. "
        "Đỏ nếu tổng thực chi vượt tổng dự trù; vàng nếu có khoản mục vượt.",
        "Share of budget lines whose actual spend is within the estimate. Red if total actual exceeds total "
        "estimate; amber if any line does.",
    ),
    "overview.c.budget.none": ("Chưa có khoản mục kinh phí.", "No budget lines yet."),
    "overview.c.budget.detail": (
        "Thực chi {actual} / dự trù {estimate} ({share}) · {over} khoản vượt",
        "Spent {actual} of {estimate} ({share}) · {over} lines over",
    ),
    # overdue table
    "overview.col.id": ("Mã", "ID"),
    "overview.col.task": ("Nhiệm vụ", "Task"),
    "overview.col.unit": ("Đơn vị chủ trì", "Lead unit"),
    "overview.col.owner": ("Người phụ trách", "Owner"),
    "overview.col.due": ("Hạn", "Due"),
    "overview.col.days_late": ("Số ngày trễ", "Days late"),
    # charts
    "chart.tasks_by_unit": ("Nhiệm vụ theo đơn vị và trạng thái", "Tasks by unit and status"),
    "chart.unit": ("Đơn vị", "Unit"),
    "chart.status": ("Trạng thái", "Status"),
    "chart.count": ("Số lượng", "Count"),
    "chart.timeline": ("Tiến trình nhiệm vụ", "Task timeline"),
    "chart.task": ("Nhiệm vụ", "Task"),
    "chart.start": ("Bắt đầu", "Start"),
    "chart.due": ("Hạn", "Due"),
    "chart.today": ("Hôm nay", "Today"),
    "chart.deadline": ("Hạn gửi tỉnh (T-{days})", "Province deadline (T-{days})"),
    "chart.event": ("Ngày hội nghị", "Event day"),
    "chart.responses": ("Phản hồi của đại biểu theo nhóm", "Attendee responses by group"),
    "chart.nominations": ("Đề cử theo hình thức và trạng thái", "Nominations by award and status"),
    "chart.award": ("Hình thức khen thưởng", "Award"),
    "chart.budget": ("Kinh phí: dự trù và thực chi", "Budget: estimate and actual"),
    "chart.amount": ("Số tiền (VND)", "Amount (VND)"),
    "chart.estimate": ("Dự trù", "Estimate"),
    "chart.actual": ("Thực chi", "Actual"),
    "chart.empty": ("Chưa có dữ liệu", "No data yet"),
    "chart.blank": ("(trống)", "(blank)"),
}
