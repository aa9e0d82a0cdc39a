"""Fixtures for the calendar-source tests: a feed server on loopback (with
ETag/Last-Modified and 304s, as calendar hosts answer), a partner section in
the shared tree and a source pointing at the server."""

import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from home.models import Region, Venue
from partners.models import PartnerIndexPage, PartnerPage
from sources.models import CalendarSource
from tests.events.conftest import calendar, translate_page
from tests.registration.conftest import mail_on_commit

__all__ = ["calendar", "mail_on_commit", "translate_page"]


class FeedServer:
    """Serves `feeds[path] = (status, body, content_type)`; remembers requests."""

    def __init__(self):
        self.feeds = {}
        self.requests = []
        self.delay = 0
        self.send_length = True  # False: no Content-Length, as a streaming server
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append({"path": self.path, "headers": dict(self.headers)})
                if server.delay:
                    time.sleep(server.delay)
                status, body, kind = server.feeds.get(self.path, (404, b"not found", "text/plain"))
                if isinstance(body, str):
                    body = body.encode()
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'  # noqa: S324
                modified = formatdate(1_700_000_000 + len(body), usegmt=True)
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if server.send_length:
                    self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def serve(self, path, body, status=200, kind="text/calendar; charset=utf-8"):
        self.feeds[path] = (status, body, kind)
        return self.url(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server(settings):
    settings.SOURCES_ALLOW_PRIVATE_ADDRESSES = True
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def section(site_tree, locales):
    """A partner page (the section) with the Dorpshuis as its base."""
    nl = locales["nl"]
    region = Region.objects.create(name="Kleve", slug="kleve", kind=Region.Kind.STATE, country="DE")
    venue = Venue.objects.create(
        name="Dorpshuis", street="Dorpstraat 1", city="Kranenburg", country="DE", region=region
    )
    index = PartnerIndexPage(title="Partners", slug="partners-test", locale=nl)
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    page = PartnerPage(
        title="Mienthuus", slug="mienthuus-test", intro="Een dorpsplein.", country="DE", base=venue
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return SimpleNamespace(page=page, venue=venue, index=index)


@pytest.fixture
def make_source(section):
    def make(url, **fields):
        fields.setdefault("locale", Locale.objects.get(language_code="nl"))
        fields.setdefault("publish", True)
        fields.setdefault("section", section.page)
        fields.setdefault("name", "Mienthuus")
        return CalendarSource.objects.create(url=url, **fields)

    return make
