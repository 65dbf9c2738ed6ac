"""A job's page is its owner's (and a system administrator's)."""

import pytest
from django.http import Http404

from chitieu.core.models import Job
from chitieu.testing import fixture_row
from chitieu.web.selectors import access_job


def test_a_job_is_reached_by_its_owner_and_a_system_administrator(planner, reporter_a, superuser):
    job = fixture_row(Job, kind="overview_workbook", created_by=planner)
    assert access_job(planner, job.pk) == job
    assert access_job(superuser, job.pk) == job
    with pytest.raises(Http404):
        access_job(reporter_a, job.pk)
