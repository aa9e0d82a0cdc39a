"""PostgreSQL's timestamps are read by psycopg's C loader (home/db_datetimes.py)
and come back as Django reads them: the same instant, in UTC."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import User
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_timestamps_come_back_as_the_same_instants_in_utc():
    amsterdam_summer = timezone(timedelta(hours=2))
    values = [
        datetime(2026, 7, 1, 10, 0, tzinfo=amsterdam_summer),
        datetime(2026, 12, 5, 23, 59, 59, 123456, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
    ]
    with connection.cursor() as cursor:
        for value in values:
            cursor.execute("SELECT %s::timestamptz", [value])
            (read,) = cursor.fetchone()
            assert read == value
            assert read.tzinfo is UTC


def test_django_keeps_the_loader_and_the_orm_reads_through_it():
    with connection.cursor() as cursor:
        loader = cursor.adapters.get_loader(1184, 0)  # timestamptz, text
        assert loader.__module__ == "home.db_datetimes"
        assert loader.timezone is connection.timezone
        cursor.execute("SELECT now()")
        assert cursor.fetchone()[0].tzinfo is UTC
    joined = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night the clocks go forward
    user = User.objects.create(username="datetimes", date_joined=joined)
    read = User.objects.get(pk=user.pk).date_joined
    assert read == joined and read.tzinfo is UTC
