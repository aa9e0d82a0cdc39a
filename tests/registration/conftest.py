"""The registration tests use the event tests' fixtures (a calendar in the
shared tree, a venue and `make_event`) and two of their own, which each module
turns on with `pytest.mark.usefixtures`: a clock frozen before the events'
dates, and mail sent at once instead of after a commit that never comes."""

import time
from types import SimpleNamespace

import pytest
from django.core import signing
from django.utils import timezone

from tests.events.conftest import calendar, local, make_event, nl, translate_page, venue

__all__ = ["calendar", "make_event", "nl", "translate_page", "venue"]


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def mail_on_commit(monkeypatch):
    """Tests run inside a transaction that never commits: send queued mail at once."""
    from registration import emails

    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))


@pytest.fixture
def still_signing_clock(monkeypatch):
    """Signed links carry the second they were made: two links made for the same
    thing in one test must not differ only because the clock ticked between them."""
    now = time.time()
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now))
