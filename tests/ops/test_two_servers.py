"""Two app servers behind one database and one cache behave as one site.

Starts two gunicorn instances with production settings on two loopback ports,
sharing PostgreSQL and Redis: an editor logs in through one and acts through the
other, and a change published through one is visible at once through the other
(the page cache lives in Redis and is invalidated there). Needs PostgreSQL and
Redis on 127.0.0.1; skipped otherwise.
"""

import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.support import free_port, port_answers

ROOT = Path(__file__).resolve().parents[2]
# One database per test process: pytest-xdist may run this module in two workers.
DATABASE = f"samenverder_two_servers_{os.getpid()}"
SECRET = "two-servers-" + "k3Jq9Zx7Lm2Np5Rt8Vw1Yb4Cd6Fg0Hj" * 2

pytestmark = pytest.mark.postgres


def psql(sql, check=True):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=check,
        capture_output=True,
    )


class Browser:
    """Just enough of a browser over plain HTTP behind a TLS-terminating proxy."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Host": f"127.0.0.1:{port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{port}"
            headers["Referer"] = f"https://127.0.0.1:{port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response, content

    def csrf_form_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    if not (port_answers(5432) and port_answers(6379)):
        pytest.skip("needs PostgreSQL and Redis on 127.0.0.1")
    workdir = tmp_path_factory.mktemp("two-servers")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CACHE_KEY_PREFIX": f"two-servers-{os.getpid()}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_SECONDS": "600",
        "BASE_URL": "https://127.0.0.1",
    }
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    # Demo content is for development only: load it with dev settings, same database.
    demo_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=demo_env, check=True, capture_output=True)
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
        )
        for port in ports
    ]
    deadline = time.monotonic() + 60
    while not all(port_answers(port) for port in ports):
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.3)
    yield ports
    for server in servers:
        server.terminate()
        server.wait(timeout=20)
    psql(f"DROP DATABASE IF EXISTS {DATABASE}", check=False)


def test_both_servers_are_healthy_and_serve_the_same_site(two_servers):
    browser = Browser()
    for port in two_servers:
        response, body = browser.request(port, "GET", "/healthz")
        assert response.status == 200 and '"database": "ok"' in body
        response, body = browser.request(port, "GET", "/de/ueber-uns/")
        assert response.status == 200 and "Über uns" in body


def test_change_through_one_server_is_seen_at_once_through_the_other(two_servers):
    first, second = two_servers
    visitor = Browser()
    # Warm the shared page cache through the second server.
    visitor.request(second, "GET", "/nl/over-ons/")
    response, _ = visitor.request(second, "GET", "/nl/over-ons/")
    assert response.getheader("X-Page-Cache") == "hit"

    # An editor logs in through the first server...
    editor = Browser()
    _, login_page = editor.request(first, "GET", "/admin/login/")
    token = editor.csrf_form_token(login_page)
    response, _ = editor.request(
        first,
        "POST",
        "/admin/login/",
        body=f"csrfmiddlewaretoken={token}&username=admin&password=admin",
    )
    assert response.status == 302
    # ...is still logged in on the second (sessions are shared)...
    response, search = editor.request(second, "GET", "/admin/pages/search/?q=Over+ons")
    assert response.status == 200
    page_id = re.search(r"/admin/pages/(\d+)/edit/", search).group(1)
    # ...and unpublishes the page through the first.
    _, confirm = editor.request(first, "GET", f"/admin/pages/{page_id}/unpublish/")
    token = editor.csrf_form_token(confirm)
    response, _ = editor.request(
        first, "POST", f"/admin/pages/{page_id}/unpublish/", body=f"csrfmiddlewaretoken={token}"
    )
    assert response.status == 302

    # The second server never serves the stale cached copy.
    response, _ = visitor.request(second, "GET", "/nl/over-ons/")
    assert response.status == 404


def manage_path_of(email):
    """What the confirmation e-mail would link to (the worker that sends it is not
    running here): the newest registration of `email`, read with the servers' settings."""
    code = (
        "from registration.emails import manage_url;"
        "from registration.models import Registration;"
        "from registration.services import page_for_language;"
        f"r = Registration.objects.filter(email_key='{email}').latest('pk');"
        "print('MANAGE', r.status, manage_url(r, page_for_language(r.event_key, r.language)))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "BASE_URL": "https://127.0.0.1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # Other lines on stdout are the site's structured log.
    status, url = re.search(r"^MANAGE (\S+) (\S+)$", result.stdout, re.MULTILINE).groups()
    return status, urlsplit(url).path


def places_left(html, occurrence):
    """The places-left line of one date in the registration form."""
    match = re.search(
        rf'value="{occurrence}".*?nog (\d+) plaats(?:en)? vrij', html, flags=re.DOTALL
    )
    return int(match.group(1))


def test_register_through_one_server_and_cancel_through_the_other(two_servers):
    first, second = two_servers
    event = "/nl/agenda/repaircafe-kranenburg/"
    visitor = Browser()
    response, page = visitor.request(first, "GET", event)
    assert response.status == 200
    occurrence = re.search(r'name="occurrence" value="(\d+)"[^>]*checked', page).group(1)
    _, before = Browser().request(second, "GET", event)
    left = places_left(before, occurrence)

    form = {
        "csrfmiddlewaretoken": visitor.csrf_form_token(page),
        "form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1),
        "occurrence": occurrence,
        "name": "Ilse Two-Servers",
        "email": "ilse@two-servers.example",
        "places": "1",
        "consent": "on",
    }
    response, _ = visitor.request(first, "POST", f"{event}aanmelden/", body=urlencode(form))
    assert response.status == 302 and "/aanmelden/ontvangen/" in response.getheader("Location")

    # The other server shows the place as taken (its cached copy, if any, is gone).
    _, after = Browser().request(second, "GET", event)
    assert places_left(after, occurrence) == left - 1

    status, manage = manage_path_of("ilse@two-servers.example")
    assert status == "confirmed"
    # The e-mailed link opens on the second server, and the cancellation holds.
    response, manage_page = visitor.request(second, "GET", manage)
    assert response.status == 200 and "?step=cancel" in manage_page
    response, manage_page = visitor.request(second, "GET", manage + "?step=cancel")
    assert response.status == 200
    response, _ = visitor.request(
        second,
        "POST",
        manage,
        body=urlencode(
            {"csrfmiddlewaretoken": visitor.csrf_form_token(manage_page), "action": "cancel"}
        ),
    )
    assert response.status == 302 and "done=cancelled" in response.getheader("Location")
    assert manage_path_of("ilse@two-servers.example")[0] == "cancelled"
    _, restored = Browser().request(first, "GET", event)
    assert places_left(restored, occurrence) == left
