"""Degrade, don't fail: with the shared cache (Redis) gone the site serves pages
uncached, forms keep working, /healthz says "degraded" (200, not 503) and the
log says so once. The Redis server is started and killed by the test itself."""

import logging
import shutil
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from home.cache import current_generation
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on
from tests.support import free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]

BREAKER_SECONDS = 0.5


@pytest.fixture
def redis_cache(redis_server, settings):
    if not redis_server.process:
        redis_server.start()
    caches = {
        "default": {
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis_server.port}/0",
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
                "BREAKER_SECONDS": BREAKER_SECONDS,
            },
        }
    }
    settings.PAGE_CACHE_SECONDS = 60
    with override_settings(CACHES=caches):
        cache.clear()
        yield redis_server
        if redis_server.process:
            cache.clear()


def test_with_redis_down_pages_are_served_uncached_and_the_log_says_it_once(
    client, site_tree, redis_cache, caplog
):
    assert client.get("/nl/over-ons/")["X-Page-Cache"] == "miss"
    assert client.get("/nl/over-ons/")["X-Page-Cache"] == "hit"
    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="home"):
        answers = [client.get("/nl/over-ons/") for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert all("Over ons" in a.content.decode() for a in answers)
    assert [a["X-Page-Cache"] for a in answers[1:]] == ["off"] * 4
    down = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(down) == 1


def test_an_open_breaker_answers_without_touching_redis(redis_cache, monkeypatch):
    redis_cache.stop()
    assert cache.get("anything", "fallback") == "fallback"  # trips the breaker
    calls = []
    real = cache.client._client
    monkeypatch.setattr(cache.client, "_client", _Spy(real, calls))
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("anything") is None
        assert cache.set("anything", 1) in (None, False)
    assert calls == []
    assert time.monotonic() - started < 0.1


class _Spy:
    def __init__(self, real, calls):
        self.real, self.calls = real, calls

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def called(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return called


def test_healthz_is_degraded_not_down_without_the_cache(client, redis_cache):
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "mail": "ok",
    }
    redis_cache.stop()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "error",
        "mail": "ok",
    }


def test_visitors_register_and_the_rate_limit_holds_while_redis_is_down(
    client, make_event, redis_cache, caplog
):
    workshop = make_event(
        title="Workshop",
        slug="workshop",
        registration_settings=registration_on(),
        capacity=30,
        start=timezone.now() + timedelta(days=7),
        end=timezone.now() + timedelta(days=7, hours=2),
    )
    occurrence = first_date(workshop)
    redis_cache.stop()

    def post(n):
        data = {
            "occurrence": occurrence.pk,
            "name": f"Bezoeker {n}",
            "email": f"bezoeker{n}@example.org",
            "places": "1",
            "consent": "on",
            "website": "",
            "form_token": f"{n:032d}",
        }
        return client.post("/nl/agenda/workshop/aanmelden/", data, REMOTE_ADDR="203.0.113.50")

    with caplog.at_level(logging.WARNING, logger="home"):
        answers = [post(n) for n in range(12)]
    assert all(a.status_code < 500 for a in answers)
    assert Registration.objects.filter(occurrence=occurrence).count() >= 1
    # The per-process counter still stops a flood from one address.
    assert Registration.objects.filter(occurrence=occurrence).count() < 12
    local = [r for r in caplog.records if "counting per process" in r.getMessage()]
    assert len(local) == 1


def test_when_redis_comes_back_the_cache_is_used_and_starts_a_new_generation(
    client, site_tree, redis_cache, caplog
):
    before = current_generation()
    redis_cache.stop()
    client.get("/nl/over-ons/")
    redis_cache.start()
    time.sleep(BREAKER_SECONDS + 0.05)
    with caplog.at_level(logging.WARNING, logger="home"):
        assert client.get("/nl/over-ons/")["X-Page-Cache"] == "miss"
        assert client.get("/nl/over-ons/")["X-Page-Cache"] == "hit"
    assert any("reachable again" in r.getMessage() for r in caplog.records)
    assert current_generation() != before


# -- Mail server down ------------------------------------------------------------


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


class SmtpServer:
    """An aiosmtpd server on a fixed port that can be stopped and started again."""

    def __init__(self, controller_class):
        self.controller_class = controller_class
        self.port = free_port()
        self.inbox = _Inbox()
        self.controller = None

    def start(self):
        self.controller = self.controller_class(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop(no_assert=True)
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    controller = pytest.importorskip("aiosmtpd.controller")
    server = SmtpServer(controller.Controller)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    server.start()
    yield server
    server.stop()


def run_queued_mail():
    """Run the mail tasks the (dummy) queue holds, as `db_worker` would; returns the
    tasks they queued again (their retries)."""
    from django_tasks import default_task_backend

    queued = list(default_task_backend.results)
    default_task_backend.clear()
    for result in queued:
        result.task.call(*result.args, **result.kwargs)
    return list(default_task_backend.results)


def test_with_the_mail_server_down_registration_succeeds_and_the_mail_is_retried_later(
    client, make_event, smtp_server, django_capture_on_commit_callbacks, admin_client
):
    workshop = make_event(
        title="Workshop",
        slug="workshop",
        registration_settings=registration_on(),
        capacity=30,
        start=timezone.now() + timedelta(days=7),
        end=timezone.now() + timedelta(days=7, hours=2),
    )
    occurrence = first_date(workshop)
    smtp_server.stop()
    data = {
        "occurrence": occurrence.pk,
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "places": "1",
        "consent": "on",
        "website": "",
        "form_token": "m" * 32,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nl/agenda/workshop/aanmelden/", data)
    assert response.status_code in (200, 302)
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.status == Registration.Status.CONFIRMED

    retries = run_queued_mail()  # the worker tries: the server refuses
    assert len(retries) == 1
    assert retries[0].task.run_after > timezone.now() + timedelta(minutes=4)
    assert retries[0].args[-1] == 2  # second attempt
    registration.refresh_from_db()
    assert registration.unsent_email == "confirmed"
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and health.json()["mail"] == "error"
    listing = admin_client.get("/admin/registrations/")
    assert "Nog niet verstuurd" in listing.content.decode() or (
        "Not sent yet" in listing.content.decode()
    )

    smtp_server.start()  # the mail server is back when the retry is due
    assert run_queued_mail() == []
    assert len(smtp_server.inbox.messages) == 1
    assert smtp_server.inbox.messages[0].rcpt_tos == ["anna@example.org"]
    registration.refresh_from_db()
    assert registration.unsent_email == ""
    assert client.get("/healthz").json()["mail"] == "ok"
