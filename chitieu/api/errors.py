"""Every API error is JSON: {"code": "...", "message": "<Vietnamese>", "details": ...}.

The API's own handlers cover what its views raise; `ApiErrorsMiddleware` covers what Django
answers before or around them under /api/ (an unknown path, a wrong method, a body over the
limit, a CSRF refusal, an unexpected exception), so that no /api/ answer is ever an HTML page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from chitieu.accounts.services import ApiTokenExpired
from chitieu.core.templatetags.vn import vn_date

logger = logging.getLogger("chitieu.api")

API_PREFIX = "/api/"
# code and Vietnamese message of each status Django or the API may answer with.
STATUS_ERRORS = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthenticated", "Cần đăng nhập hoặc khóa API hợp lệ."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức HTTP này không được hỗ trợ ở địa chỉ này."),
    413: ("too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ."),
    422: ("invalid_input", "Dữ liệu gửi lên không hợp lệ."),
    429: ("too_many_requests", "Quá nhiều yêu cầu; hãy thử lại sau."),
    500: (
        "server_error",
        "Lỗi máy chủ; yêu cầu chưa được thực hiện. Hãy thử lại hoặc báo quản trị.",
    ),
}


def error_body(status: int, message: str | None = None, details: Any = None) -> dict[str, Any]:
    code, default = STATUS_ERRORS.get(status, ("error", "Có lỗi xảy ra."))
    return {"code": code, "message": message or default, "details": details}


# The bulk operations read their body as a stream and take up to BULK_MAX_BYTES.
LARGE_BODY_PATHS = frozenset(("/api/actuals", "/api/actuals/csv", "/api/actuals/dataValueSets"))


def body_limit(path: str) -> int | None:
    """The largest body a POST to `path` may send."""
    if path.rstrip("/") in LARGE_BODY_PATHS:
        return settings.BULK_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_message(limit: int | None = None) -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if limit is None else limit
    return f"Dữ liệu gửi lên quá lớn (tối đa {limit:,} byte).".replace(",", ".")


def install_error_handlers(api: NinjaAPI) -> None:
    def reply(
        request: HttpRequest, status: int, code: str, message: str, details: Any = None
    ) -> HttpResponse:
        body = {"code": code, "message": message, "details": details}
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        details = json.loads(json.dumps(exc.errors, default=str))  # ctx may hold exceptions
        return reply(request, 422, "invalid_input", "Dữ liệu gửi lên không hợp lệ.", details)

    @api.exception_handler(ValidationError)
    def invalid_value(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return reply(request, 422, "invalid_value", " ".join(exc.messages), details)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return reply(request, 401, "unauthenticated", "Cần đăng nhập hoặc khóa API hợp lệ.")

    @api.exception_handler(ApiTokenExpired)
    def token_expired(request: HttpRequest, exc: ApiTokenExpired) -> HttpResponse:
        message = (
            f"Khóa API đã hết hạn lúc {vn_date(exc.expires)}; "
            "hãy tạo khóa mới trên trang tài khoản."
        )
        return reply(request, 401, "token_expired", message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
        return reply(request, 403, "forbidden", message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return reply(request, 404, "not_found", "Không tìm thấy.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code, message = STATUS_ERRORS.get(exc.status_code, ("error", "Có lỗi xảy ra."))
        return reply(request, exc.status_code, code, message)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return reply(request, 413, "too_large", too_large_message())

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        code, message = STATUS_ERRORS[500]
        return reply(request, 500, code, message)


class ApiErrorsMiddleware:
    """Under /api/: a body over the limit (BULK_MAX_BYTES for the bulk operations, which read
    it as a stream; DATA_UPLOAD_MAX_MEMORY_SIZE for the others) is refused before anything
    reads it (413), and an
    error that Django itself answers (no such path, method not allowed, CSRF, a 500 outside
    the API's views) is given the API's JSON shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        limit = body_limit(request.path)
        if limit is not None and (not length.isdigit() or int(length) > limit):
            if not length.isdigit():
                return JsonResponse(error_body(400, "Độ dài dữ liệu không hợp lệ."), status=400)
            return JsonResponse(error_body(413, too_large_message(limit)), status=413)
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            replaced = JsonResponse(error_body(response.status_code), status=response.status_code)
            if "Allow" in response:
                replaced["Allow"] = response["Allow"]
            return replaced
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse(error_body(413, too_large_message()), status=413)
        if isinstance(exception, Http404):
            return JsonResponse(error_body(404), status=404)
        if isinstance(exception, PermissionDenied):
            return JsonResponse(error_body(403), status=403)
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exception)
        return JsonResponse(error_body(500), status=500)
