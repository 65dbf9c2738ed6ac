"""The bulk API of figures: this system's JSON and CSV, and DHIS2's dataValueSets (JSON and
CSV). The body is read as a stream (up to BULK_MAX_BYTES, more than the API's other
operations take), checked whole, saved whole or not at all; a call larger than one request
should carry goes on as a background job (202, with the job's address and progress)."""

from __future__ import annotations

import tempfile
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from chitieu.accounts.permissions import is_system_admin
from chitieu.actuals.bulk import (
    BodyError,
    BulkRefused,
    Layout,
    TooLargeForOneCall,
    actuals_bulk_save,
)
from chitieu.actuals.bulk.readers import json_scalar
from chitieu.core import files
from chitieu.core.converters import Id
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.jobs import job_check_alive, job_start
from chitieu.core.models import Job

router = Router()

READ_BLOCK = 64 * 1024
SPOOL_IN_MEMORY = 1024 * 1024  # a body larger than this is spooled to a temporary file


class BulkOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int


class JobOut(Schema):
    job: int
    status: str
    progress: int
    url: str
    api_url: str
    result: dict | None = None
    errors: list[str] = []
    error_count: int = 0


class RowErrorOut(Schema):
    row: int
    field: str
    message: str


class BulkErrorOut(Schema):
    code: str
    message: str
    details: list[RowErrorOut]


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


RESPONSES: dict[int, Any] = {
    200: BulkOut,
    202: JobOut,
    413: ErrorOut,
    415: ErrorOut,
    422: BulkErrorOut | ErrorOut,
}

_VALUE = {
    "type": "object",
    "required": ["unit", "indicator", "period"],
    "properties": {
        "unit": {"type": "integer", "description": "id of the unit"},
        "indicator": {"type": "string", "description": "code of the indicator"},
        "period": {"type": "string", "examples": ["2021", "2021-H1", "2021-Q3", "2021-M07"]},
        "kind": {"type": "string", "enum": ["estimate", "official"], "default": "estimate"},
        "value": {
            "type": ["string", "null"],
            "description": "decimal point; empty or null clears the value",
        },
        "version": {
            "type": "integer",
            "minimum": 0,
            "description": "the version read (0: none); a newer stored value refuses the call",
        },
        "comment": {"type": "string", "maxLength": 300},
    },
}
JSON_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["values"],
                    "properties": {
                        "dry_run": {"type": "boolean", "default": False},
                        "values": {"type": "array", "items": _VALUE},
                    },
                }
            }
        },
    }
}
CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {
                    "type": "string",
                    "description": "header unit,indicator,period,kind,value[,version,comment]",
                }
            }
        },
    }
}
DHIS2_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["dataValues"],
                    "properties": {
                        "period": {"type": "string"},
                        "orgUnit": {"type": "string"},
                        "dataValues": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["dataElement", "value"],
                                "properties": {
                                    "dataElement": {"type": "string"},
                                    "period": {
                                        "type": "string",
                                        "examples": ["2026", "202607", "2026Q3", "2026S1"],
                                    },
                                    "orgUnit": {"type": "string"},
                                    "value": {"type": "string"},
                                    "comment": {"type": "string"},
                                },
                            },
                        },
                    },
                }
            },
            "text/csv": {
                "schema": {
                    "type": "string",
                    "description": (
                        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,"
                        "value,storedby,lastupdated,comment,followup"
                    ),
                }
            },
        },
    }
}


def too_large_message(limit: int) -> str:
    return f"Dữ liệu gửi lên quá lớn (tối đa {limit:,} byte).".replace(",", ".")


def _error(status: int, code: str, message: str) -> Status:
    return Status(status, {"code": code, "message": message, "details": None})


def _spooled_body(request: HttpRequest) -> IO[bytes] | None:
    """The request's body in a temporary file (in memory while small), read block by block."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - the caller closes it
    size = 0
    while block := request.read(READ_BLOCK):
        size += len(block)
        if size > settings.BULK_MAX_BYTES:  # the middleware refuses a longer Content-Length
            spool.close()
            return None
        spool.write(block)
    spool.seek(0)
    return spool


def _job_out(job: Job) -> dict:
    return {
        "job": job.pk,
        "status": job.status,
        "progress": job.progress,
        "url": reverse("job_detail", args=[job.pk]),
        "api_url": f"/api/actuals/jobs/{job.pk}",
        "result": job.result or None,
        "errors": job.errors,
        "error_count": job.error_count,
    }


def _asks_dry_run(body: IO[bytes], layout: str) -> bool:
    """A JSON body may ask for a dry run itself ("dry_run", or DHIS2's "dryRun")."""
    key = {Layout.JSON: "dry_run", Layout.DHIS2_JSON: "dryRun"}.get(layout)
    return key is not None and json_scalar(body, key) is True


def _bulk_as_job(
    request: AuthenticatedHttpRequest, body: IO[bytes], layout: str, dry_run: bool, source: str
) -> Status:
    """A call too large to answer within a request: saved by a job, whose state is returned."""
    body.seek(0)
    extension = "csv" if layout in (Layout.CSV, Layout.DHIS2_CSV) else "json"
    job = job_start(
        actor=request.user,
        kind="actuals_bulk",
        parameters={"layout": layout, "dry_run": dry_run, "source": source},
        upload=File(body, name=f"so-lieu.{extension}"),
        upload_rule=files.BULK_DATA,
    )
    job.refresh_from_db()
    return Status(202, _job_out(job))


def _bulk(request: AuthenticatedHttpRequest, layout: str, dry_run: bool, source: str) -> Status:
    body = _spooled_body(request)
    if body is None:
        return _error(413, "too_large", too_large_message(settings.BULK_MAX_BYTES))
    try:
        dry_run = dry_run or _asks_dry_run(body, layout)
        size = body.seek(0, 2)
        body.seek(0)
        if size > settings.BULK_SYNC_MAX_BYTES:
            return _bulk_as_job(request, body, layout, dry_run, source)
        result = actuals_bulk_save(
            actor=request.user,
            body=body,
            layout=layout,
            dry_run=dry_run,
            source=source,
            max_values=settings.BULK_SYNC_MAX_VALUES,
        )
    except TooLargeForOneCall:
        return _bulk_as_job(request, body, layout, dry_run, source)
    except BulkRefused as refused:
        details = [error.as_dict() for error in refused.errors]
        return Status(422, {"code": "invalid_rows", "message": refused.summary, "details": details})
    except BodyError as error:
        return _error(422, "invalid_value", str(error))
    finally:
        body.close()
    return Status(200, result.as_dict())


def _csv_type(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type in ("text/csv", "application/csv")


@router.post("", response=RESPONSES, openapi_extra=JSON_BODY)
def upsert_values(request: AuthenticatedHttpRequest, dry_run: bool = False) -> Status:
    """Save many figures at once (all or none), as JSON read as a stream. With dry_run, only
    tell what would change. A large call (more than BULK_SYNC_MAX_VALUES values) is a job."""
    return _bulk(request, Layout.JSON, dry_run, "API")


@router.post("/csv", response=RESPONSES, openapi_extra=CSV_BODY)
def upsert_values_csv(request: AuthenticatedHttpRequest, dry_run: bool = False) -> Status:
    """The same with a CSV body: unit,indicator,period,kind,value (decimal point), and
    optionally version and comment."""
    return _bulk(request, Layout.CSV, dry_run, "API (CSV)")


@router.post("/dataValueSets", response=RESPONSES, openapi_extra=DHIS2_BODY)
def data_value_sets(request: AuthenticatedHttpRequest, dryRun: bool = False) -> Status:
    """DHIS2's dataValueSets, JSON or CSV (Content-Type text/csv or application/csv):
    dataElement is an indicator's code, orgUnit a unit's code, the period DHIS2's (2026,
    202607, 2026Q3, 2026S1); the same rules and answer as POST /api/actuals."""
    if _csv_type(request):
        return _bulk(request, Layout.DHIS2_CSV, dryRun, "API (DHIS2 CSV)")
    if (request.content_type or "") not in ("application/json", ""):
        return _error(
            415,
            "unsupported_media_type",
            "Kiểu dữ liệu phải là application/json hoặc text/csv (application/csv).",
        )
    return _bulk(request, Layout.DHIS2_JSON, dryRun, "API (DHIS2)")


@router.get("/jobs/{job_id}", response=JobOut)
def bulk_job(request: AuthenticatedHttpRequest, job_id: Id) -> dict[str, Any]:
    """A large bulk call's job: its status, progress and outcome (its owner only)."""
    jobs = Job.objects.filter(kind="actuals_bulk")
    if not is_system_admin(request.user):
        jobs = jobs.filter(created_by_id=request.user.pk)
    job = jobs.filter(pk=job_id).first()
    if job is None:
        raise Http404
    return _job_out(job_check_alive(job))
