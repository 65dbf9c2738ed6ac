"""`make bench`: time the evaluation of a whole province against the bare SQL that reads the same
rows, and the overview page. Prints figures; asserts nothing.

The dataset (a province of 120 communes, 60 indicators, 5 years of quarterly and yearly figures,
with a target per commune, indicator and year) is generated once into var/bench/ with bulk inserts
that bypass the services: it measures reading, not writing.
"""

from __future__ import annotations

import gc
import os
import sys
import time
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.dataset import COMMUNES, INDICATORS, YEARS, build_province  # noqa: E402
from chitieu.core.periods import Period  # noqa: E402
from chitieu.evaluation.loader import evaluate_units  # noqa: E402
from chitieu.extraction.extractor import extract  # noqa: E402
from chitieu.units.models import Unit  # noqa: E402

REPEAT = 5


def best_of(function, repeat: int = REPEAT) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    Path(os.environ["CHITIEU_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    province, admin = build_province()
    communes = list(Unit.objects.filter(parent=province).order_by("name"))
    year = YEARS[-1]
    period = Period.year_of(year)
    unit_ids = [unit.pk for unit in communes]

    def bare_sql() -> None:
        """The rows the evaluation reads: the year's targets, this and last year's figures."""
        marks = ",".join(["%s"] * len(unit_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.id, t.indicator_id, t.unit_id, t.period, t.issuer, t.is_main, t.measure, "
                "t.comparison, t.value, t.upper, t.threshold, t.subject_unit_id, t.resolution_id, "
                "r.unit_id, t.is_sample, t.wording FROM targets_target t JOIN targets_resolution r "
                f"ON r.id = t.resolution_id WHERE t.unit_id IN ({marks}) AND t.period = %s",
                [*unit_ids, str(year)],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT unit_id, indicator_id, period, kind, value FROM actuals_actual "
                f"WHERE unit_id IN ({marks}) AND period IN (%s, %s)",
                [*unit_ids, str(year), str(year - 1)],
            )
            cursor.fetchall()

    def evaluate() -> None:
        results = evaluate_units(communes, period)
        assert sum(len(r.results) for r in results) == len(communes) * len(INDICATORS)

    client = Client()
    client.force_login(admin)

    def overview() -> None:
        response = client.get(f"/results/overview/{province.pk}/", {"period": str(year)})
        assert response.status_code == 200

    corpus = ROOT.parent / "shared" / "corpus" / "texts"
    report = (
        "\n".join(path.read_text() for path in sorted(corpus.glob("*.txt")))
        if corpus.exists()
        else ""
    )

    def read_figures() -> None:
        extract(report)

    # As the production server does after loading the app (config/wsgi.py): the objects that
    # live for the whole process leave the garbage collector's rounds, which otherwise add
    # 10–20% of noise to every timing below.
    gc.collect()
    gc.freeze()
    bare = best_of(bare_sql)
    evaluation = best_of(evaluate)
    page = best_of(overview, 3)
    targets = len(communes) * len(INDICATORS)
    print(
        f"Chỉ Tiêu bench — {connection.vendor}, {COMMUNES} communes × {len(INDICATORS)} "
        f"indicators, {len(YEARS)} years quarterly ({targets} targets in {year})"
    )
    print(f"  bare SQL reading the rows         {bare * 1000:8.1f} ms")
    print(
        f"  evaluate every target of {year}    {evaluation * 1000:8.1f} ms   "
        f"({evaluation / bare:.2f}× the bare query; aim < 3×)"
    )
    print(f"  render the overview page          {page * 1000:8.1f} ms")
    if report:
        pages = len(report) / 3000
        reading = best_of(read_figures)
        print(f"  read the figures of {pages:.0f} pages of text {reading * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
