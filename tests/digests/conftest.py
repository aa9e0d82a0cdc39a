"""Fixtures of the digest tests: a digest page in Dutch and German in the
shared tree, the knowledge base's and the calendar's fixtures to make articles
and events, a clock frozen on a Monday, and mail sent at once instead of after
a commit that never comes."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from digests.models import DigestPage, Subscription
from tests.events.conftest import calendar, local, make_event, repair_type, translate_page, venue
from tests.kennisbank.conftest import kennisbank, make_article, taxonomy

__all__ = [
    "calendar",
    "kennisbank",
    "make_article",
    "make_event",
    "repair_type",
    "taxonomy",
    "translate_page",
    "venue",
]

# Monday 7 December 2026, 7:00: weekly digests are due (DIGEST_WEEKDAY 0).
MONDAY = (2026, 12, 7, 7, 0)


@pytest.fixture
def now(monkeypatch):
    value = local(*MONDAY)
    monkeypatch.setattr(timezone, "now", lambda: value)
    return value


@pytest.fixture
def mail_now(monkeypatch):
    from digests import emails

    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))


def _digest_page(parent, title, slug):
    existing = DigestPage.objects.filter(slug=slug, locale=parent.locale).first()
    if existing:
        return existing
    page = DigestPage(title=title, slug=slug, intro="")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def digest_pages(site_tree):
    return {
        "nl": _digest_page(site_tree["home"], "Nieuwsbrief", "nieuwsbrief"),
        "de": _digest_page(site_tree["home_de"], "Newsletter", "newsletter"),
    }


@pytest.fixture
def subscriber(db):
    def make(email="anna@example.org", language="nl", confirmed=True, **fields):
        return Subscription.objects.create(
            email=email,
            language=language,
            confirmed_at=local(2026, 11, 1, 12, 0) if confirmed else None,
            **fields,
        )

    return make
