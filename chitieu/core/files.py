"""Stored files, in one place: what each upload may be (read from its content, never from its
name), its size limit, the random name it is stored under (the original is kept for download),
and the response that serves it once the caller has checked access to the object it belongs to.

No file under MEDIA_ROOT is reachable by URL: a view checks access, then `file_response` hands
the file to the web server (X-Accel-Redirect in production, Django itself in development)."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import filetype
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django_sendfile import sendfile

from chitieu.core.numbers import format_decimal

MiB = 1024 * 1024
# The longest original name kept; the column holds 255.
NAME_LENGTH = 200


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    mime: str
    extension: str
    inline: bool  # opened in the browser; every other kind is downloaded


PDF = FileKind("pdf", "PDF", "application/pdf", ".pdf", True)
DOCX = FileKind(
    "docx",
    "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    False,
)
XLSX = FileKind(
    "xlsx",
    "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    False,
)
JPEG = FileKind("jpeg", "JPEG", "image/jpeg", ".jpg", True)
PNG = FileKind("png", "PNG", "image/png", ".png", True)
# The body of a large bulk call (JSON or CSV), kept for its background job; never served inline.
DATA_TEXT = FileKind("data", "JSON/CSV (UTF-8)", "text/plain", ".txt", False)
KINDS = (PDF, DOCX, XLSX, JPEG, PNG, DATA_TEXT)
_BY_EXTENSION = {kind.extension: kind for kind in KINDS}
_BY_MIME = {kind.mime: kind for kind in KINDS}
# The part every genuine Office Open XML package of each kind holds.
_OOXML_PART = {
    DOCX: (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    XLSX: (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}


@dataclass(frozen=True)
class UploadRule:
    """What one upload field accepts."""

    kinds: tuple[FileKind, ...]
    max_bytes: int


EVIDENCE = UploadRule((PDF, JPEG, PNG, DOCX), 10 * MiB)
PROPOSAL_DOCUMENT = UploadRule((PDF, DOCX), 20 * MiB)
PUBLICATION_DOCUMENT = UploadRule((PDF,), 20 * MiB)
WORKBOOK = UploadRule((XLSX,), 10 * MiB)
WORD_TEXT = UploadRule((DOCX,), 5 * MiB)
BULK_DATA = UploadRule((DATA_TEXT,), 64 * MiB)


def _head(upload: File, size: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _ooxml_kind(upload: File) -> FileKind | None:
    """Word or Excel if the package holds that kind's main part, declared with its own content
    type (a macro-enabled .docm or .xlsm declares another and is refused)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                return None
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > 1 * MiB:
                return None
            types = package.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    for kind, (part, main_type) in _OOXML_PART.items():
        if part in names and main_type in types:
            return kind
    return None


def detect_kind(upload: File) -> FileKind | None:
    """The kind of file the content is, among those the system keeps; None for anything else
    (HTML, SVG, scripts, archives, a PDF name on another content)."""
    head = _head(upload)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime in ("application/zip", DOCX.mime, XLSX.mime):
        return _ooxml_kind(upload)
    kind = _BY_MIME.get(guess.mime)
    return kind if kind in (PDF, JPEG, PNG) else None


def _is_text(head: bytes) -> bool:
    """UTF-8 text without NUL bytes (a character cut at the end of the head is allowed)."""
    if b"\0" in head:
        return False
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _size(upload: File) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return int(size)


def validate_upload(upload: File, rule: UploadRule, label: str = "") -> FileKind:
    """The verified kind of `upload`, or a ValidationError in Vietnamese naming the field."""
    prefix = f"{label}: " if label else ""
    if _size(upload) > rule.max_bytes:
        raise ValidationError(
            prefix
            + _("The file is larger than %(limit)s MB.")
            % {"limit": format_decimal(rule.max_bytes // MiB)},
            code="file_too_large",
        )
    kind = detect_kind(upload)
    if kind is None and DATA_TEXT in rule.kinds and _is_text(_head(upload)):
        kind = DATA_TEXT
    if kind is None or kind not in rule.kinds:
        raise ValidationError(
            prefix
            + _("This type of file is not accepted; accepted: %(kinds)s.")
            % {"kinds": ", ".join(k.label for k in rule.kinds)},
            code="file_type",
        )
    return kind


def upload_problem(upload: File, rule: UploadRule = WORKBOOK, label: str = "") -> str:
    """For uploads read at once and not kept: the message that refuses it, or ''."""
    try:
        validate_upload(upload, rule, label)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def original_name(upload: File) -> str:
    """The name the user gave the file, without folders or control characters."""
    name = os.path.basename((upload.name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > NAME_LENGTH:
        stem, extension = os.path.splitext(name)
        name = stem[: NAME_LENGTH - len(extension)] + extension
    return name or "tep"


@deconstructible
class RandomName:
    """upload_to: `<folder>/<year>/<random>.<verified extension>`; nothing of the user's name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance: Model, filename: str) -> str:
        extension = os.path.splitext(filename)[1].lower()
        if extension not in _BY_EXTENSION:
            extension = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def keep(instance: Model, field: str, upload: File, kind: FileKind) -> None:
    """Store an upload already validated as `kind` in `field` of `instance` under a random name
    with the extension of its kind, its original name in `<field>_name`; the file it replaces
    is removed once the transaction commits. The caller saves the instance."""
    previous = getattr(instance, field)
    old_name, storage = previous.name, previous.storage
    if hasattr(instance, f"{field}_name"):
        setattr(instance, f"{field}_name", original_name(upload))
    previous.save(f"upload{kind.extension}", upload, save=False)
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))


def field_label(model: type[Model], field: str) -> str:
    # a concrete field of the model (a relation's reverse side has no verbose_name)
    return str(model._meta.get_field(field).verbose_name).capitalize()  # type: ignore[union-attr]


_RANDOM_NAME = re.compile(r"[a-z_]+/\d{4}/[0-9a-f]{32}(\.[a-z]+)?")


def rename_legacy_files(model: type[Model], fields: tuple[str, ...]) -> int:
    """A data migration's step (see _rename_legacy_files): the files are renamed, their content
    unchanged, so no audit row; exempt from the test-time audit tripwire by name."""
    from chitieu.core.audit import unaudited

    with unaudited("a data migration that renames stored files, their content unchanged"):
        return _rename_legacy_files(model, fields)


def _rename_legacy_files(model: type[Model], fields: tuple[str, ...]) -> int:
    """For a data migration: give the files stored under their uploaded names a random name,
    keeping the uploaded name in `<field>_name`. A file whose extension is not a kept kind
    loses it, and is then served as an unknown download. Returns how many files were renamed."""
    renamed = 0
    for instance in model._default_manager.all().iterator():
        changed = []
        for field in fields:
            file = getattr(instance, field)
            if not file.name or _RANDOM_NAME.fullmatch(file.name):
                continue
            name_field = f"{field}_name"
            if hasattr(instance, name_field) and not getattr(instance, name_field):
                setattr(instance, name_field, os.path.basename(file.name)[:NAME_LENGTH])
                changed.append(name_field)
            if not file.storage.exists(file.name):
                continue
            extension = os.path.splitext(file.name)[1].lower()
            new_name = file.field.upload_to(instance, f"upload{extension}")
            with file.storage.open(file.name, "rb") as content:
                saved = file.storage.save(new_name, content)
            file.storage.delete(file.name)
            file.name = saved
            changed.append(field)
            renamed += 1
        if changed:
            instance.save(update_fields=changed)
    return renamed


def stored_kind(file: FieldFile) -> FileKind | None:
    """The verified kind, recorded in the stored name's extension when the file was kept."""
    return _BY_EXTENSION.get(os.path.splitext(file.name or "")[1].lower())


def content_disposition(filename: str, *, inline: bool) -> str:
    """RFC 6266 with an ASCII fallback and the exact name in RFC 5987 `filename*`."""
    filename = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C") or "tep"
    folded = filename.replace("đ", "d").replace("Đ", "D")
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    ascii_name = "".join(ch for ch in ascii_name if ch not in '"\\;') or "tep"
    header = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def file_response(request: HttpRequest, file: FieldFile, download_name: str = "") -> HttpResponse:
    """Serve a stored file whose object the caller has already checked the user may see."""
    if not file:
        raise Http404
    kind = stored_kind(file)
    name = download_name or os.path.basename(file.name or "")
    try:
        path = file.path
    except (NotImplementedError, ValueError) as error:
        raise Http404 from error
    response = sendfile(
        request,
        path,
        attachment=True,
        attachment_filename=False,
        mimetype=kind.mime if kind else "application/octet-stream",
    )
    response["Content-Disposition"] = content_disposition(name, inline=bool(kind and kind.inline))
    response["X-Content-Type-Options"] = "nosniff"
    if kind is not PDF:  # (Chromium's PDF viewer does not open in a sandbox)
        # Whatever the bytes, nothing runs on the application's origin.
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def login_required_for_files(
    file_param: str | None = None,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """login_required for views that serve stored files: an anonymous request for a file gets a
    403, never a redirect. With `file_param`, the view is a page that serves its file only when
    that parameter is given (a job's page and `?download=1`): without it, anonymous visitors are
    sent to the login page as usual."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                if file_param and not request.GET.get(file_param):
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(_("Log in to download this file."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
