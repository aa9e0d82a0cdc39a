"""home.conditional: a stored body answers a repeat request without building
the file, and only for the same version of the same file."""

from datetime import UTC, datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from home import conditional

CHANGED = datetime(2026, 11, 24, 8, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def built():
    calls = []

    def build(body=b"BEGIN:VCALENDAR"):
        def make():
            calls.append(body)
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'inline; filename="a.ics"'
            return response

        return make

    build.calls = calls
    return build


def _get(path="/nl/agenda/ical/", **headers):
    return RequestFactory().get(path, **headers)


def test_a_repeat_request_is_answered_without_building(built):
    request = _get()
    first = conditional.conditional(request, conditional.version(request, CHANGED, 3), built())
    request = _get()
    again = conditional.conditional(request, conditional.version(request, CHANGED, 3), built())
    assert built.calls == [b"BEGIN:VCALENDAR"]
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Disposition"] == 'inline; filename="a.ics"'
    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_client_that_has_it_gets_304(built):
    request = _get()
    first = conditional.conditional(request, conditional.version(request, CHANGED), built())
    for headers in (
        {"HTTP_IF_NONE_MATCH": first["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    ):
        request = _get(**headers)
        answer = conditional.conditional(request, conditional.version(request, CHANGED), built())
        assert answer.status_code == 304
    assert len(built.calls) == 1


def test_another_version_or_address_is_built_again(built):
    request = _get()
    conditional.conditional(request, conditional.version(request, CHANGED, 3), built(b"one"))
    # A second change within the same second is a new version all the same.
    later = CHANGED.replace(microsecond=654321)
    request = _get()
    new = conditional.conditional(request, conditional.version(request, later, 3), built(b"two"))
    assert new.content == b"two"
    request = _get()
    fewer = conditional.conditional(request, conditional.version(request, later, 2), built(b"3"))
    assert fewer.content == b"3"
    request = _get("/nl/agenda/ical/?mode=online")
    other = conditional.conditional(request, conditional.version(request, later, 2), built(b"4"))
    assert other.content == b"4"
    assert built.calls == [b"one", b"two", b"3", b"4"]


def test_errors_and_large_files_are_not_stored(built, settings):
    settings.CONDITIONAL_BODY_MAX_BYTES = 10
    request = _get()
    conditional.conditional(request, conditional.version(request, CHANGED), built(b"x" * 11))
    request = _get()
    conditional.conditional(request, conditional.version(request, CHANGED), built(b"x" * 11))
    assert len(built.calls) == 2


def test_only_unfiltered_files_are_stored_past_the_page_limit(built, settings):
    """The whole calendar (no query) is stored up to CONDITIONAL_BODY_MAX_BYTES;
    a filtered address (any start date makes a new one) only up to the page
    cache's limit, so made-up filters cannot fill the cache with megabytes."""
    settings.PAGE_CACHE_MAX_BYTES = 5
    settings.CONDITIONAL_BODY_MAX_BYTES = 100
    for path in ("/nl/agenda/ical/", "/nl/agenda/ical/", "/nl/agenda/ical/?start=2020-01-01"):
        request = _get(path)
        conditional.conditional(request, conditional.version(request, CHANGED), built(b"x" * 50))
    request = _get("/nl/agenda/ical/?start=2020-01-01")
    conditional.conditional(request, conditional.version(request, CHANGED), built(b"y" * 50))
    assert built.calls == [b"x" * 50, b"x" * 50, b"y" * 50]
