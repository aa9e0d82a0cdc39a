"""Operations: health check, security headers, structured logs."""

import json
import logging

import pytest
from django.db import OperationalError
from django.test import override_settings

from home.logging import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache_without_details(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "mail": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_healthz_is_degraded_but_serving_when_the_cache_does_not_keep_values(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "error",
        "mail": "ok",
    }


def test_healthz_fails_only_when_the_database_does_not_answer(client, monkeypatch):
    from django.core.cache import cache
    from django.db import connection

    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    # Nothing kept from earlier requests either (the request's site, looked
    # up once per cache generation, home/sites.py): the database is asked.
    cache.clear()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


def test_public_pages_send_a_strict_content_security_policy(client, site_tree):
    policy = client.get("/nl/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert "unsafe" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"


def test_admin_is_left_to_wagtail_own_needs(client, site_tree, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    assert "Content-Security-Policy" not in client.get("/admin/")


def test_json_log_lines_carry_extras_but_never_the_request():
    record = logging.makeLogRecord(
        {"name": "events", "levelname": "INFO", "msg": "registered %s", "args": ("3 places",)}
    )
    record.occurrence = 42
    record.request = object()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "registered 3 places"
    assert line["occurrence"] == 42
    assert "request" not in line
