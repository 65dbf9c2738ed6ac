"""Every API error is JSON: {"code": "...", "message": "<Vietnamese>", "details": ...}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from chitieu.accounts.services import ApiTokenExpired
from chitieu.core.templatetags.vn import vn_date


def install_error_handlers(api: NinjaAPI) -> None:
    def reply(request: HttpRequest, status: int, code: str, message: str, details=None):
        body = {"code": code, "message": message}
        if details is not None:
            body["details"] = details
        return api.create_response(request, body, status=status)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc: NinjaValidationError):
        return reply(request, 422, "invalid_input", "Dữ liệu gửi lên không hợp lệ.", exc.errors)

    @api.exception_handler(ValidationError)
    def invalid_value(request, exc: ValidationError):
        details = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return reply(request, 422, "invalid_value", " ".join(exc.messages), details)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return reply(request, 401, "unauthenticated", "Cần đăng nhập hoặc khóa API hợp lệ.")

    @api.exception_handler(ApiTokenExpired)
    def token_expired(request, exc: ApiTokenExpired):
        message = (
            f"Khóa API đã hết hạn lúc {vn_date(exc.expires)}; "
            "hãy tạo khóa mới trên trang tài khoản."
        )
        return reply(request, 401, "token_expired", message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
        return reply(request, 403, "forbidden", message)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return reply(request, 404, "not_found", "Không tìm thấy.")
