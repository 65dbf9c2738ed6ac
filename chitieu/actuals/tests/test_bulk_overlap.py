"""The bulk's check running ahead of its writing: chunks written as they are checked, and
still all or nothing (a problem in a later chunk, a report sent, a body that breaks, a report
another write holds); the check's thread never queries without the connection's lock; the
version rows set once, at the end."""

from __future__ import annotations

import io
import json
import threading
import time
from decimal import Decimal as D

import psycopg
import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from chitieu.actuals.bulk import BodyError, BulkRefused, Layout, actuals_bulk_save
from chitieu.actuals.bulk.ahead import CheckedAhead
from chitieu.actuals.models import Actual, ActualRevision, Submission
from chitieu.actuals.services import submission_approve, submission_submit
from chitieu.actuals.tests.test_bulk import _counts
from chitieu.core import versions
from chitieu.core.audit import record_change, versions_set_last
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.testing import put
from chitieu.units.models import Unit


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr("chitieu.actuals.bulk.service.CHUNK", 2)


def _body(values: list[dict]) -> io.BytesIO:
    return io.BytesIO(json.dumps({"values": values}).encode())


def _rows(unit: Unit, codes: list[str], period: str, value: str = "1") -> list[dict]:
    return [
        {"unit": unit.pk, "indicator": code, "period": period, "value": value} for code in codes
    ]


CODES = ["KT06", "KT07", "XH03", "KT01", "KT02", "KT03"]


def test_many_chunks_are_all_written_with_their_revisions_and_one_entry_each(
    tree, superuser, catalogue
):
    values = _rows(tree.commune_a, CODES, "2021") + _rows(tree.commune_b, CODES[:3], "2021-Q1")
    result = actuals_bulk_save(actor=superuser, body=_body(values), layout=Layout.JSON)
    assert result.as_dict() == {"dry_run": False, "created": 9, "updated": 0, "unchanged": 0}
    assert Actual.objects.count() == ActualRevision.objects.count() == 9
    figures = ObjectChange.objects.filter(content_type__model="actual", verb="nhập hàng loạt")
    assert sorted(len(change.after) for change in figures) == [1, 2, 2, 2, 2]
    opened = ObjectChange.objects.get(content_type__model="submission")
    assert opened.object_repr == "2 báo cáo mới (nháp)"


def test_a_problem_in_a_later_chunk_undoes_the_chunks_written_before(tree, superuser, catalogue):
    put(superuser, tree.commune_a, catalogue["KT06"], "2020", "5")
    before = _counts()
    values = [
        *_rows(tree.commune_a, CODES[:4], "2021"),
        {"unit": tree.commune_a.pk, "indicator": "XH03", "period": "2022", "value": "150"},
    ]
    with pytest.raises(BulkRefused) as refused:
        actuals_bulk_save(actor=superuser, body=_body(values), layout=Layout.JSON)
    assert [(e.row, e.field) for e in refused.value.errors] == [(5, "value")]
    assert _counts() == before


def test_a_sent_report_met_in_a_later_chunk_refuses_the_call(
    tree, superuser, reporter_a, catalogue
):
    put(reporter_a, tree.commune_a, catalogue["KT06"], "2021", "5")
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    submission_approve(actor=superuser, unit=tree.commune_a, period="2021")
    before = _counts()
    values = _rows(tree.commune_b, CODES[:4], "2021") + _rows(tree.commune_a, ["KT07"], "2021")
    with pytest.raises(BulkRefused) as refused:
        actuals_bulk_save(actor=superuser, body=_body(values), layout=Layout.JSON)
    assert [(e.row, e.field) for e in refused.value.errors] == [(0, "period")]
    assert "Phường Kỳ Ninh" in refused.value.errors[0].message
    assert _counts() == before


def test_a_body_that_breaks_after_chunks_were_written_saves_nothing(tree, superuser, catalogue):
    before = _counts()
    whole = json.dumps({"values": _rows(tree.commune_a, CODES, "2021")})
    broken = io.BytesIO(whole[: whole.rindex("{")].encode() + b"{oops")
    with pytest.raises(BodyError):
        actuals_bulk_save(actor=superuser, body=broken, layout=Layout.JSON)
    assert _counts() == before


def test_a_version_refused_in_one_chunk_undoes_every_chunk(tree, superuser, catalogue):
    put(superuser, tree.commune_a, catalogue["KT07"], "2021", "5")
    before = _counts()
    values = [
        *_rows(tree.commune_a, ["KT06", "XH03", "KT01"], "2021"),
        {
            "unit": tree.commune_a.pk,
            "indicator": "KT07",
            "period": "2021",
            "value": "6",
            "version": 0,
        },
    ]
    with pytest.raises(BulkRefused) as refused:
        actuals_bulk_save(actor=superuser, body=_body(values), layout=Layout.JSON)
    assert [(e.row, e.field) for e in refused.value.errors] == [(4, "version")]
    assert _counts() == before
    assert Actual.objects.get().value == D("5")


# -- a report another write holds ------------------------------------------------------------


def _waiting_on_a_lock(watcher: psycopg.Connection) -> bool:
    """Whether a backend waits on a lock (asked outside any transaction: pg_stat_activity is
    read once per transaction)."""
    row = watcher.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> "
        "pg_backend_pid()"
    ).fetchone()
    return bool(row and row[0])


@pytest.mark.django_db(transaction=True)
def test_a_report_another_write_holds_is_waited_for_then_everything_is_written(
    tree, superuser, catalogue
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite locks the database as a whole)")
    put(superuser, tree.commune_b, catalogue["KT06"], "2021", "5")
    held = Submission.objects.get(unit=tree.commune_b)
    settings = connection.settings_dict
    address = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
    }
    other = psycopg.connect(**address)
    watcher = psycopg.connect(**address, autocommit=True)
    other.execute("SELECT id FROM actuals_submission WHERE id = %s FOR UPDATE", [held.pk])
    values = _rows(tree.commune_a, CODES[:4], "2021") + _rows(tree.commune_b, ["KT07"], "2021")
    outcome: dict = {}

    def call() -> None:
        try:
            outcome["result"] = actuals_bulk_save(
                actor=superuser, body=_body(values), layout=Layout.JSON
            )
        except Exception as error:
            outcome["result"] = error
        finally:
            connections.close_all()

    caller = threading.Thread(target=call)
    caller.start()
    try:
        deadline = time.monotonic() + 20
        while not _waiting_on_a_lock(watcher) and time.monotonic() < deadline:
            time.sleep(0.05)
        # The call met the held report without waiting for it (the chunks were written as
        # they were checked), undid what it had written and now waits for it, in the order
        # every write locks reports.
        waited = _waiting_on_a_lock(watcher)
    finally:
        other.rollback()
        other.close()
        watcher.close()
        caller.join(20)
    assert waited, outcome
    assert outcome["result"].as_dict() == {
        "dry_run": False,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
    }
    assert Actual.objects.count() == ActualRevision.objects.count() == 6


# -- the check's thread ----------------------------------------------------------------------


def test_the_check_thread_may_not_query_without_the_lock(db):
    database = threading.Lock()

    def careless(chunk: list[int]) -> int:
        return Unit.objects.count()  # a query without `database`

    with (
        pytest.raises(RuntimeError, match="without holding the lock"),
        CheckedAhead(iter([[1]]), careless, database) as checked,
    ):
        list(checked)


def test_the_check_thread_reads_the_callers_transaction_under_the_lock(tree):
    database = threading.Lock()

    def careful(chunk: list[int]) -> int:
        with database:
            return Unit.objects.filter(pk__in=chunk).count()

    # The units are not committed (the test's transaction): only its connection sees them.
    units = [tree.commune_a.pk, tree.commune_b.pk]
    with CheckedAhead(iter([units, [0]]), careful, database) as ahead:
        assert list(ahead) == [2, 0]


def test_leaving_early_stops_the_thread(db):
    database = threading.Lock()
    with CheckedAhead(iter([[n] for n in range(1000)]), len, database) as ahead:
        assert next(iter(ahead)) == 1
    assert not any(thread.name == "bulk-check" for thread in threading.enumerate())


# -- the version rows set last ---------------------------------------------------------------


def test_the_version_rows_are_set_once_at_the_end(tree, superuser, catalogue):
    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "5")
    report = Submission.objects.get()
    paths = (tree.commune_a.path, tree.commune_b.path)
    scopes = sorted(versions.scopes_set_by(paths[0]) | versions.scopes_set_by(paths[1]))
    before = versions.stamps(scopes)
    with (
        CaptureQueriesContext(connection) as queries,
        transaction.atomic(),
        versions_set_last(),
    ):
        for path in paths:
            record_change(
                actor=superuser,
                action=ChangeAction.ACTION,
                instance=report,
                after={"path": path},
                scope_path=path,
            )
        assert versions.stamps(scopes) == before
    after = versions.stamps(scopes)
    assert [scope for scope in scopes if after[scope] == before[scope]] == []
    assert sum("core_dataversion" in query["sql"] for query in queries) == 2  # 1 set, 1 read
