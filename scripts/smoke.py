"""Smoke test of a running Chỉ Tiêu through HTTP, as a user would: log in, open the overview,
download a report, upload a data-entry workbook and wait for the worker to finish the job."""

from __future__ import annotations

import http.cookiejar
import re
import sys
import time
import urllib.parse
import urllib.request
import uuid
from io import BytesIO

from openpyxl import load_workbook

BASE = sys.argv[1].rstrip("/")
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def fetch(
    path: str, data: bytes | None = None, headers: dict | None = None
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(BASE + path, data=data, headers=headers or {})
    for attempt in range(30):
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read()
        except urllib.error.URLError as error:
            if isinstance(error, urllib.error.HTTPError) or attempt == 29:
                raise
            time.sleep(1)  # the server is still starting
    raise AssertionError("unreachable")


def csrf() -> str:
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def check(condition: bool, message: str) -> None:
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)
    print(f"ok: {message}")


status, _url, body = fetch("/accounts/login/")
check(status == 200 and "Đăng nhập" in body.decode(), "the login page is served in Vietnamese")
status, _url, css = fetch("/static/chitieu/app.css")
check(status == 200 and b".topbar" in css, "static files are served by the app")
form = urllib.parse.urlencode(
    {"username": "kehoach", "password": "chitieu2026", "csrfmiddlewaretoken": csrf()}
)
status, url, body = fetch("/accounts/login/", form.encode(), {"Referer": BASE + "/accounts/login/"})
check(url.rstrip("/") == BASE, "the planner logs in")

home = body.decode()
province = re.search(r'href="/results/overview/(\d+)/"', home)
check(province is not None, "the home page links to the overview")
status, _url, body = fetch(f"/results/overview/{province.group(1)}/?period=2021")
check(status == 200 and "11/15" in body.decode(), "the overview shows Thị xã Kỳ Anh at 11/15")
town = re.search(r'href="/results/unit/(\d+)/\?period=2021[^"]*">Thị xã Kỳ Anh', body.decode())
check(town is not None, "the overview links to Thị xã Kỳ Anh")
town_id = town.group(1)
status, _url, docx = fetch(f"/reports/unit/{town_id}/report.docx?period=2021")
check(status == 200 and docx[:2] == b"PK", "the Word report downloads")
status, _url, pdf = fetch(f"/reports/unit/{town_id}/report.pdf?period=2021")
check(status == 200 and pdf[:4] == b"%PDF", "the PDF report downloads")

status, _url, content = fetch(f"/actuals/{town_id}/2022/template.xlsx?kind=estimate")
workbook = load_workbook(BytesIO(content))
sheet = workbook["Nhập số liệu"]
for row in range(7, sheet.max_row + 1):
    if sheet.cell(row, 1).value == "KT06":
        sheet.cell(row, 6).value = 333.5
buffer = BytesIO()
workbook.save(buffer)
boundary = uuid.uuid4().hex
parts = [
    (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{csrf()}\r\n'
    ).encode(),
    (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="so-lieu.xlsx"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
    ).encode()
    + buffer.getvalue()
    + b"\r\n",
    f"--{boundary}--\r\n".encode(),
]
status, url, body = fetch(
    f"/actuals/{town_id}/2022/upload/",
    b"".join(parts),
    {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Referer": f"{BASE}/actuals/{town_id}/2022/",
    },
)
job = re.search(r"/jobs/(\d+)/", url)
check(job is not None, "the upload starts a background job")
for _ in range(60):
    status, _url, body = fetch(f"/jobs/{job.group(1)}/")
    page = body.decode()
    if "Hoàn thành" in page or "Không thành công" in page:
        break
    time.sleep(1)
check("Hoàn thành" in page and "số liệu đã lưu" in page, "the worker finished the import job")
