"""`export`: one document from the registry (`services.documents.DOCUMENTS`), in the format its --out extension
names, or one of the two dossier zips; during an outage from the last good copy on disk."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from cli.base import EXIT_OK, EXIT_PROBLEMS, UsageError, config, store
from services.config import StoreConfig
from services.people.outage import is_outage
from services.store import Store, StoreError, last_good
from services.validation import Dataset, validate

ZIP_KINDS = ("dossier", "provincial")  # the T-15 dossier; the dossier proposing the provincial awards


def export_kinds() -> list[str]:
    """What `export` writes: every document of the registry (services.documents.DOCUMENTS, the one list) and the two
    zips. Imported when asked: a check-in at a scanner station should not load every document builder (0.36 s)."""
    from services.documents import DOCUMENTS

    return [*(d.key for d in DOCUMENTS), *ZIP_KINDS]


class _Kinds:
    """The export kinds, read from the registry only when `export --help` is printed (argparse's %(kinds)s)."""

    def __str__(self) -> str:
        return ", ".join(export_kinds())


# What each export may be written as, by the --out file's extension.
EXPORT_FORMATS = {"dossier": ("zip",), "provincial": ("zip",), "honorees": ("pdf", "docx", "xlsx")}
DOCUMENT_FORMATS = ("pdf", "docx")


def export_format(kind: str, out: Path) -> str:
    """The format the --out file's extension names; UsageError (nothing written) for one this export cannot be —
    a PDF written into "ds.xlsx" opens nowhere (issue 27)."""
    allowed = EXPORT_FORMATS.get(kind, DOCUMENT_FORMATS)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in allowed:
        names = ", ".join(f".{f}" for f in allowed)
        shown = f"“.{suffix}”" if suffix else "không có đuôi"
        raise UsageError(f"tệp đích “{out.name}” {shown}: “{kind}” chỉ xuất được thành {names}")
    return suffix


def cmd_export(args: argparse.Namespace) -> int:
    """Writes one document in the format its --out extension names (.pdf, .docx; .xlsx for the honoree list) or the
    council dossier (.zip), with the Office's own files attached by --attach ITEM=PATH; any other extension is
    refused before anything is read."""
    from services.awards.honours import HonoursError
    from services.documents import build, dossier_zip, font_notice, provincial_zip
    from services.documents.certificates import CertificateSettingsError
    from services.documents.dossier import DossierError, Upload
    from services.documents.fonts import FontNotFound
    from services.planning.readiness import reference_day

    if args.kind not in export_kinds():
        raise UsageError(f"không có tài liệu “{args.kind}” (chọn: {_Kinds()})")
    out = Path(args.out)
    uploads = []
    for spec in args.attach or ():
        item, _, path = spec.partition("=")
        if not path or not Path(path).is_file():
            raise UsageError(f"--attach “{spec}”: ghi MỤC=ĐƯỜNG_DẪN tới một tệp có thật (ví dụ plan=ke-hoach.docx)")
        try:
            uploads.append(Upload(Path(path).name, Path(path).read_bytes(), item))
        except DossierError as exc:
            raise UsageError(str(exc)) from None
    if uploads and args.kind != "dossier":
        raise UsageError("--attach chỉ dùng cho hồ sơ (dossier)")
    fmt = export_format(args.kind, out)
    data = dataset(config(args), store(args))  # the last good copy on disk during an outage
    today = reference_day()
    if notice := font_notice(data):
        print(f"Cảnh báo: {notice}", file=sys.stderr)
    try:
        if args.kind == "provincial":
            content = provincial_zip(data, today)
        elif fmt == "zip":
            content = dossier_zip(data, today, uploads)
        elif fmt == "xlsx":
            from services.documents import honoree_table
            from services.people import exports

            content = exports.to_xlsx(honoree_table(data), "Khen thưởng", "Danh sách khen thưởng")
        else:
            content = build(args.kind, data, today, fmt)
    except (FontNotFound, CertificateSettingsError, HonoursError, DossierError) as exc:
        # what the Tài liệu page shows before the click: a sheet setting the document cannot be built with
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UsageError(f"không ghi được “{out}”: {exc.strerror or exc}") from None
    print(f"Đã ghi {out} ({len(content):,} byte).")
    return EXIT_OK


def export_args(p: argparse.ArgumentParser) -> None:
    kind = p.add_argument("kind", help="%(kinds)s")
    kind.kinds = _Kinds()  # type: ignore[attr-defined]  # argparse fills %(name)s from the action's attributes
    p.add_argument(
        "--out",
        required=True,
        help="tệp đích: .pdf, .docx (Word), .xlsx (chỉ honorees), .zip (chỉ dossier, provincial)",
    )
    p.add_argument(
        "--attach", action="append", metavar="ITEM=PATH",
        help="tệp Văn phòng đưa vào hồ sơ: plan=… (kế hoạch), summary-report=… (báo cáo tổng kết)",
    )  # fmt: skip


def dataset(config: StoreConfig, store: Store) -> Dataset:
    """The data for a document export: read now (and kept on disk as the last good copy), or — the store cannot be
    reached — the last good copy, with its age on stderr. Without a copy the outage is the error."""
    key = store.info().location
    path = last_good.copy_path(config.local_anchor, key)
    try:
        snapshot = store.load()
    except StoreError as exc:
        saved = last_good.load(path, key) if is_outage(exc) else None
        if saved is None:
            raise
        print(
            f"Cảnh báo: mất kết nối ({exc}). Dùng dữ liệu lưu lúc {saved.loaded_at:%H:%M %d/%m/%Y}.",
            file=sys.stderr,
        )
        return validate(saved)
    data = validate(snapshot)
    with contextlib.suppress(OSError):  # the copy is a convenience; the export itself does not depend on it
        last_good.save(path, key, snapshot)
    return data
