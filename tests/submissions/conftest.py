"""Fixtures of the submission tests: the form page in the shared tree (Dutch,
and its German version), a region and a theme, valid form values, and mail
sent at once (tests run in a transaction that never commits)."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from demo.registry import translate
from events.schedule import site_zone
from home.models import Region, Theme
from submissions.models import SubmitActivityPage
from tests.events.conftest import calendar, nl, translate_page

__all__ = ["calendar", "nl", "translate_page"]

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def fresh_limits():
    """The rate limiter counts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today(monkeypatch):
    from datetime import datetime

    now = datetime(2026, 11, 24, 9, 0, tzinfo=site_zone())
    monkeypatch.setattr(timezone, "now", lambda: now)
    return TODAY


@pytest.fixture
def mail_now(monkeypatch):
    from submissions import emails

    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))


@pytest.fixture
def form_page(site_tree, translate_page):
    page = SubmitActivityPage(title="Activiteit aanmelden", slug="aanmelden", intro="Meld aan.")
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    translate_page(
        page,
        "de",
        {"Activiteit aanmelden": "Aktivität melden", "aanmelden": "melden", "Meld aan.": "Melden."},
    )
    return SubmitActivityPage.objects.get(pk=page.pk)


@pytest.fixture
def form_page_de(form_page, locales):
    return form_page.get_translation(locales["de"])


@pytest.fixture
def region(locales):
    value = Region.objects.create(
        name="Kreis Kleve", slug="kreis-kleve", kind=Region.Kind.MUNICIPALITY, country="DE"
    )
    translate(value, "de", {"Kreis Kleve": "Kreis Kleve"})
    return value


@pytest.fixture
def theme(locales):
    value = Theme.objects.create(name="Repareren", slug="repareren")
    translate(value, "de", {"Repareren": "Reparieren"})
    return value


@pytest.fixture
def values(region, theme):
    """A valid form: a repair café every 2nd Saturday of the month."""
    return {
        "title": "Repaircafé Kranenburg",
        "description": "Samen kapotte spullen repareren, met koffie.",
        "when": "repeat",
        "date": "2026-12-12",
        "repeat": "monthly",
        "repeat_nth": "2",
        "repeat_weekday": "5",
        "repeat_until": "2027-06-30",
        "start_time": "10:00",
        "end_time": "13:00",
        "venue_name": "Dorpshuis De Linde",
        "street": "Dorpstraat 1",
        "postcode": "47559",
        "city": "Kranenburg",
        "country": "DE",
        "region": str(region.pk),
        "themes": [str(theme.pk)],
        "languages": ["nl", "de"],
        "contact_name": "Anna Jansen",
        "contact_email": "anna@example.org",
        "contact_phone": "+31 6 12345678",
        "consent": "on",
        "website": "",
    }


def png_bytes(size=(20, 20), kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, kind)
    return buffer.getvalue()
