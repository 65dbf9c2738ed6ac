"""`make bench`: what the evaluation costs against the bare SQL reading the same rows (live: a
figure saved before each round, the stored results read for the rest, and with nothing stored),
the national page, the overview under load and the bulk API against COPY. Prints figures and ends
with machine-readable `BENCH name value` lines; asserts nothing. `python -m bench --only bulk`
runs the bulk comparison alone, `--only overview` the overview under load alone.

Each comparison is one interleaved run: A and B alternate for ROUNDS rounds (the order swapped
every round), and the figure is the median of the per-round ratios, so that the load of the
machine (2 cores shared with others) weighs on both sides alike.

The datasets are generated once into the database (var/bench/ on SQLite, or DATABASE_URL) with
bulk inserts that bypass the services, and reused by later runs:
- a province of 120 communes × 60 indicators × 5 years of quarterly and yearly figures;
- a province of 120 communes reporting monthly only, the province with its own 60 targets and
  its own months;
- the country: 34 provinces, 3,321 communes, 60 targets each, a year of monthly figures
  (201,300 targets, 2.4 million figures).
"""

from __future__ import annotations

import gc
import http.client
import itertools
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("CHITIEU_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench import dataset  # noqa: E402
from chitieu.actuals.figurebook import part_codes  # noqa: E402
from chitieu.core import versions  # noqa: E402
from chitieu.core.periods import Period  # noqa: E402
from chitieu.evaluation.loader import UnitResults, evaluate_fresh, evaluate_units  # noqa: E402
from chitieu.units.models import Unit  # noqa: E402

ROUNDS = 15
PORT = int(os.environ.get("BENCH_PORT", "8107"))
CLIENTS = 20
REQUESTS_PER_CLIENT = 8
BULK_VALUES = 100_000


def interleaved(
    a: Callable[[], object],
    b: Callable[[], object],
    rounds: int = ROUNDS,
    before_b: Callable[[], object] | None = None,
) -> tuple[float, float, float]:
    """Median of A, median of B, median of the per-round ratios B/A; `before_b` runs, untimed,
    before each B."""
    a_times, b_times, ratios = [], [], []
    for number in range(rounds):
        pair = []
        for function in (a, b) if number % 2 == 0 else (b, a):
            if function is b and before_b is not None:
                before_b()
            started = time.perf_counter()
            function()
            pair.append((function, time.perf_counter() - started))
        took = dict(pair)
        a_times.append(took[a])
        b_times.append(took[b])
        ratios.append(took[b] / took[a])
    return statistics.median(a_times), statistics.median(b_times), statistics.median(ratios)


def bare_read(unit_ids: list[int], year: int, codes: list[str]) -> Callable[[], None]:
    """The rows an evaluation reads, with no Python work beyond fetching them."""
    marks = ",".join(["%s"] * len(unit_ids))
    code_marks = ",".join(["%s"] * len(codes))

    def read() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.id, t.indicator_id, t.unit_id, t.period, t.issuer, t.is_main, "
                "t.measure, t.comparison, t.value, t.upper, t.threshold, t.subject_unit_id, "
                "t.resolution_id, r.unit_id, t.is_sample, t.wording FROM targets_target t "
                "JOIN targets_resolution r ON r.id = t.resolution_id "
                f"WHERE t.unit_id IN ({marks}) AND t.period = %s",
                [*unit_ids, str(year)],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT unit_id, indicator_id, period, kind, value FROM actuals_actual "
                f"WHERE unit_id IN ({marks}) AND period IN ({code_marks})",
                [*unit_ids, *codes],
            )
            cursor.fetchall()

    return read


def saving_in_turn(units: list[Unit]) -> Callable[[], None]:
    """What a figure saved in one unit (each in turn) does to the stored results: its new data
    stamps, committed. The figure itself is left as it is, so that every round reads the same
    data."""
    turn = itertools.count()

    def save() -> None:
        unit = units[next(turn) % len(units)]
        with transaction.atomic():
            versions.bump(unit.path)

    return save


def summaries(rows: list[UnitResults]) -> list[tuple]:
    return [
        (r.target.id, r.status, r.evaluation, r.figure, r.previous, r.change, r.risk, r.term)
        for row in rows
        for r in row.results
    ]


def evaluation_ratio(
    label: str, units: list[Unit], year: int, monthly: bool, saved_in: list[Unit]
) -> float:
    """The evaluation, live: before each round a figure is saved in one of `saved_in` (its
    results and those of the units above it are worked out again by the engine, the others
    read from the store), against the bare read. Also printed: the evaluation with nothing
    stored (the first after a change of the whole catalogue), and the check that the stored
    results equal the engine's on every target."""
    period = Period.year_of(year)
    codes = [str(year), str(year - 1)]
    if monthly:
        codes += sorted(part_codes([period, Period.year_of(year - 1)]))
    bare_read_rows = bare_read([u.pk for u in units], year, codes)
    stored = evaluate_units(units, period)
    fresh = evaluate_fresh(units, period)
    if summaries(stored) != summaries(fresh):
        raise SystemExit(f"{label}: the stored results differ from the engine's")
    targets = len(summaries(fresh))
    bare, live, ratio = interleaved(
        bare_read_rows, lambda: evaluate_units(units, period), before_b=saving_in_turn(saved_in)
    )
    _, cold, cold_ratio = interleaved(
        bare_read_rows, lambda: evaluate_fresh(units, period), rounds=5
    )
    print(
        f"  {label:<44} bare {bare * 1000:7.1f} ms  live {live * 1000:7.1f} ms  "
        f"ratio {ratio:.2f}× ({targets} targets, equal to the engine's; aim ≤ 2×); "
        f"nothing stored {cold * 1000:.0f} ms, {cold_ratio:.2f}×"
    )
    return ratio


# -- the national page, in a process of its own (its peak memory is the worker's) --------------


def national_child() -> None:
    """Run by `python -m bench national`: the national page's evaluation, timed, and the peak
    resident memory of this process."""
    from chitieu.evaluation.selectors import national

    admin = dataset.bench_admin()
    period = Period.year_of(dataset.COUNTRY_YEAR)
    country = Unit.objects.get(source_key=dataset.COUNTRY_KEY)
    provinces = list(Unit.objects.filter(parent=country).order_by("name"))
    # A commune of each province in turn: a figure saved there before each request.
    saved_in = [Unit.objects.filter(parent=province).order_by("pk")[0] for province in provinces]
    save = saving_in_turn(saved_in)
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    national(admin, period, "best")  # nothing stored yet: every province worked out
    cold = time.perf_counter() - started
    timings = []
    for _ in range(7):
        save()
        started = time.perf_counter()
        page = national(admin, period, "best")
        timings.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the check below
    if summaries(page.rows) != summaries(evaluate_fresh([row.unit for row in page.rows], period)):
        raise SystemExit("national: the stored results differ from the engine's")
    print(f"NATIONAL {statistics.median(timings):.3f} {peak:.0f} {len(page.rows)} {cold:.3f}")


def national_figures() -> tuple[float, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bench", "national"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("NATIONAL"))
    _, seconds, peak, provinces, cold = line.split()
    print(
        f"  national page ({provinces} provinces, 3,321 communes), a figure saved in one commune "
        f"before each request   {float(seconds):.3f} s, peak {peak} MB in one process "
        f"(aim < 2 s, < 300 MB); nothing stored {float(cold):.2f} s"
    )
    return float(seconds), float(peak)


# -- the overview under load ------------------------------------------------------------------


def server_cpu_seconds(group: int) -> float:
    """CPU time (user + system) of every process of the server's process group, from /proc."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def shared_cache() -> str:
    """Redis for the server's cache when it runs here (BENCH_CACHE_URL, else database 2 of
    127.0.0.1:6379), as a deployment shares one between its workers; "" for one per worker."""
    if "BENCH_CACHE_URL" in os.environ:
        return os.environ["BENCH_CACHE_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/2"


def overview_under_load(province: Unit, year: int, admin, path: str = "") -> float:
    client = Client()
    client.force_login(admin)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    # As in production (DEBUG off, static files from the manifest), behind no TLS proxy.
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    shared = shared_cache()
    if shared:
        env["CACHE_URL"] = shared  # as a deployment runs: one cache for the 4 workers
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    path = path or f"/results/overview/{province.pk}/?period={year}"
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}", "Accept-Encoding": "gzip"}
    sizes: list[int] = []

    def fetch() -> float:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        took = time.perf_counter() - started
        conn.close()
        if response.status != 200:
            raise RuntimeError(f"overview answered {response.status}")
        sizes.append(len(body))
        return took

    try:
        for _ in range(100):
            try:
                fetch()
                break
            except (ConnectionError, OSError):
                time.sleep(0.2)
        # Every worker warm: rounds of concurrent requests, so that each of the 4 takes some.
        for _ in range(3):
            warming = [threading.Thread(target=fetch) for _ in range(8)]
            for thread in warming:
                thread.start()
            for thread in warming:
                thread.join()
        latencies: list[float] = []
        lock = threading.Lock()

        def client_loop() -> None:
            for _ in range(REQUESTS_PER_CLIENT):
                took = fetch()
                with lock:
                    latencies.append(took)

        threads = [threading.Thread(target=client_loop) for _ in range(CLIENTS)]
        cpu_before = server_cpu_seconds(server.pid)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu_per_request = (server_cpu_seconds(server.pid) - cpu_before) / len(latencies)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"  overview, {CLIENTS} clients × {REQUESTS_PER_CLIENT} (gunicorn, 4 workers)   "
        f"p50 {p50 * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms  body {sizes[-1] / 1024:.0f} KB "
        f"(aim p95 < 300 ms); server CPU {cpu_per_request * 1000:.1f} ms per request; "
        f"cache {'Redis' if shared else 'per worker'}"
    )
    return p95 * 1000


# -- the bulk API against COPY --------------------------------------------------------------------


def bulk_ratio(communes: list[Unit], admin, rounds: int = 7) -> tuple[float, float, float]:
    """One bulk call of BULK_VALUES new figures (a JSON body, parsed as a stream, checked and
    written by `actuals_bulk_save`, as the API's job runs it) against COPY of the same figures
    with one revision row each and the same audit rows (one per chunk, their per-value
    changes already serialised), both rolled back after each round. The ratio is COPY's time
    over the bulk's: the share of COPY's throughput the bulk reaches."""
    import io
    import json

    from chitieu.actuals.bulk import Layout, actuals_bulk_save
    from chitieu.actuals.bulk.service import CHUNK

    catalogue = dataset.indicators()
    periods = [f"2019-M{month:02d}" for month in range(1, 13)] + ["2019-Q1", "2019-Q2"]
    values = [
        (commune, indicator, period, f"{(commune.pk * 7 + indicator.pk) % 900 + 100}.5")
        for period in periods
        for commune in communes
        for indicator in catalogue
    ][:BULK_VALUES]
    body = json.dumps(
        {
            "values": [
                {"unit": unit.pk, "indicator": ind.code, "period": period, "value": value}
                for unit, ind, period, value in values
            ]
        }
    ).encode()
    audit_rows = [
        dataset.bulk_audit_row(
            admin.pk, [(u.pk, i.code, p, v) for u, i, p, v in values[at : at + CHUNK]]
        )
        for at in range(0, len(values), CHUNK)
    ]
    copy_rows = [(u.pk, i.pk, p, "estimate", v) for u, i, p, v in values]

    class Rollback(Exception):
        pass

    def bulk() -> None:
        try:
            with transaction.atomic():
                result = actuals_bulk_save(actor=admin, body=io.BytesIO(body), layout=Layout.JSON)
                assert result.created == len(values), result
                raise Rollback
        except Rollback:
            pass

    def copy() -> None:
        try:
            with transaction.atomic():
                dataset.copy_with_revisions(copy_rows, admin.pk)
                dataset.copy_audit_rows(audit_rows)
                raise Rollback
        except Rollback:
            pass

    copy_time, bulk_time, ratio = interleaved(copy, bulk, rounds=rounds)
    print(
        f"  bulk call, {len(values):,} values ({len(body) / 1e6:.1f} MB JSON)   "
        f"{bulk_time * 1000:8.0f} ms  COPY with revisions and audit {copy_time * 1000:6.0f} ms  "
        f"share of COPY {1 / ratio:.3f} (aim ≥ 0.5); {len(values) / bulk_time:,.0f} values/s"
    )
    return 1 / ratio, bulk_time, copy_time


def vacuum() -> None:
    """On PostgreSQL, the dead rows of earlier runs' rolled-back bulk calls (a million rows a
    run) cleaned up before measuring, so that autovacuum does not run during the rounds."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("actuals_actual", "actuals_actualrevision", "core_objectchange"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    Path(os.environ["CHITIEU_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    province, admin = dataset.build_province()
    monthly = dataset.build_monthly_province()
    dataset.build_country()
    vacuum()
    built = time.perf_counter() - started
    communes = list(Unit.objects.filter(parent=province).order_by("name"))
    monthly_communes = list(Unit.objects.filter(parent=monthly).order_by("name"))
    # As the production server does after loading the app (config/wsgi.py).
    gc.collect()
    gc.freeze()
    print(
        f"Chỉ Tiêu bench — {connection.vendor}, datasets ready in {built:.0f} s, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    print("  evaluation, a figure saved in one commune before each round:")
    yearly = evaluation_ratio(
        "province, 120 communes, quarterly and yearly",
        communes,
        dataset.YEARS[-1],
        False,
        communes,
    )
    monthly_ratio = evaluation_ratio(
        "province, 120 communes, monthly only",
        monthly_communes,
        dataset.MONTHLY_YEARS[-1],
        True,
        monthly_communes,
    )
    with_province = evaluation_ratio(
        "the same with the province's own targets",
        [monthly, *monthly_communes],
        dataset.MONTHLY_YEARS[-1],
        True,
        monthly_communes,
    )
    national_seconds, national_peak = national_figures()
    p95 = overview_under_load(province, dataset.YEARS[-1], admin)
    bulk, _, _ = bulk_ratio(communes, admin)
    print(f"  (load average at the end {os.getloadavg()[0]:.1f})")
    print(f"BENCH eval_province_ratio_yearly {yearly:.2f}")
    print(f"BENCH eval_province_ratio_monthly {monthly_ratio:.2f}")
    print(f"BENCH eval_province_ratio_with_province {with_province:.2f}")
    print(f"BENCH national_seconds {national_seconds:.2f}")
    print(f"BENCH national_peak_mb {national_peak:.0f}")
    print(f"BENCH overview_p95_ms_20 {p95:.0f}")
    print(f"BENCH bulk_ratio_to_copy {bulk:.3f}")


def main_bulk() -> None:
    """`python -m bench --only bulk`: the bulk comparison alone (the province's dataset only)."""
    settings.ALLOWED_HOSTS = ["*"]
    Path(os.environ["CHITIEU_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    province, admin = dataset.build_province()
    vacuum()
    communes = list(Unit.objects.filter(parent=province).order_by("name"))
    gc.collect()
    gc.freeze()  # as main() and the production server (config/wsgi.py) do
    print(
        f"Chỉ Tiêu bench (bulk only) — {connection.vendor}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    rounds = int(os.environ.get("BENCH_BULK_ROUNDS", "7"))
    bulk, _, _ = bulk_ratio(communes, admin, rounds=rounds)
    print(f"  (load average at the end {os.getloadavg()[0]:.1f})")
    print(f"BENCH bulk_ratio_to_copy {bulk:.3f}")


def main_overview() -> None:
    """`python -m bench --only overview`: the overview under load alone (the province only)."""
    settings.ALLOWED_HOSTS = ["*"]
    Path(os.environ["CHITIEU_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    province, admin = dataset.build_province()
    vacuum()
    print(
        f"Chỉ Tiêu bench (overview only) — {connection.vendor}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    p95 = overview_under_load(province, dataset.YEARS[-1], admin)
    print(f"  (load average at the end {os.getloadavg()[0]:.1f})")
    print(f"BENCH overview_p95_ms_20 {p95:.0f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["national"]:
        national_child()
    elif sys.argv[1:] == ["--only", "bulk"]:
        main_bulk()
    elif sys.argv[1:] == ["--only", "overview"]:
        main_overview()
    else:
        main()
