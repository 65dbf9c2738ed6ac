"""The Content-Security-Policy: the app's own files only, and no template carries what it
would refuse (an inline script, an event handler attribute, a style attribute or element)."""

import re
from pathlib import Path

from django.test import Client

from chitieu.testing import client_for

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Rendered only into PDF by WeasyPrint, never served to a browser: no CSP applies.
DOCUMENTS_ONLY = {"reports/document.html", "reports/certificates.html"}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def test_every_page_carries_the_policy(db, superuser):
    response = client_for(superuser).get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_the_login_page_and_the_admin_login_carry_the_policy(db):
    assert "default-src 'self'" in Client().get("/accounts/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in Client().get("/admin/login/")["Content-Security-Policy"]


def test_no_template_has_an_inline_script_a_handler_or_a_style_attribute():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in DOCUMENTS_ONLY:
            continue
        text = path.read_text()
        if name == "awards/blank_pages.html":
            # The PDF half (after {% else %}) is for WeasyPrint; the preview half is served.
            text = text.split("{% else %}", 1)[0]
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE):
            offenders += [f"{name}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    assert offenders == []
