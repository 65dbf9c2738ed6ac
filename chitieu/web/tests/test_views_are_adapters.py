"""Views are adapters: nothing but a URL configuration imports a views module (a job, an export
or another app's page reads what it needs from selectors, services, exports or requests)."""

from __future__ import annotations

import ast
from pathlib import Path

import chitieu

ROOT = Path(chitieu.__file__).parent


def _imported(path: Path) -> set[str]:
    """Every module the file imports (relative imports resolved; `from x import views` gives
    x.views)."""
    package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _is_views_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "chitieu" and "views" in parts[1:]


def _sources() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts[:-1]
        and "browser_tests" not in path.relative_to(ROOT).parts
        and path.name not in ("conftest.py",)
    ]


def test_only_url_configurations_import_a_views_module():
    offenders = {
        str(path.relative_to(ROOT.parent)): sorted(filter(_is_views_module, _imported(path)))
        for path in _sources()
        if path.name != "urls.py"
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_scan_sees_the_url_configurations_import_views():
    """The scan itself works: it finds `from chitieu.units import views` in units' urls."""
    assert "chitieu.units.views" in _imported(ROOT / "units" / "urls.py")
    assert _is_views_module("chitieu.reports.views")
    assert not _is_views_module("django.views.decorators.http")
    assert not _is_views_module("chitieu.reports.exports")
