"""Dates as each language writes them (locales/formats): on pages, in e-mails
and in the schedule sentence that iCal descriptions and the admin reuse."""

import importlib
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.text import describe
from locales.formats import CUSTOM_FORMATS
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on, sign_up

LANGUAGES = ("nl", "de", "en")
SATURDAY = date(2026, 12, 12)

# name -> {language: "12 December 2026 (Saturday) as written there"}
EXPECTED = {
    "WEEKDAY_DATE_FORMAT": {
        "nl": "zaterdag 12 december 2026",
        "de": "Samstag, 12. Dezember 2026",
        "en": "Saturday 12 December 2026",
    },
    "WEEKDAY_MONTH_DAY_FORMAT": {
        "nl": "zaterdag 12 december",
        "de": "Samstag, 12. Dezember",
        "en": "Saturday 12 December",
    },
    "DATE_FORMAT": {"nl": "12 december 2026", "de": "12. Dezember 2026", "en": "12 December 2026"},
    "SHORT_WEEKDAY_FORMAT": {"nl": "za 12 dec", "de": "Sa., 12. Dez.", "en": "Sat 12 Dec"},
    "SHORT_MONTH_DAY_FORMAT": {"nl": "12 dec", "de": "12. Dez.", "en": "12 Dec"},
}


def test_every_language_defines_every_named_format():
    """A name missing in one language would print as a literal format string there."""
    names = {"DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", *CUSTOM_FORMATS}
    for code in LANGUAGES:
        module = importlib.import_module(f"locales.formats.{code}.formats")
        missing = {name for name in names if not getattr(module, name, None)}
        assert not missing, (code, missing)


@pytest.mark.parametrize("code", LANGUAGES)
def test_named_formats_write_the_date_as_the_language_does(code):
    with translation.override(code):
        for name, by_language in EXPECTED.items():
            assert date_format(SATURDAY, name) == by_language[code], name
        evening = local(2026, 12, 12, 19, 30)
        assert date_format(evening, "TIME_FORMAT") == "19:30"  # 24 h everywhere
        assert date_format(date(2026, 5, 2), "SHORT_MONTH_DAY_FORMAT") in {
            "2 mei",
            "2. Mai",
            "2 May",
        }


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.mark.django_db
def test_event_page_writes_dates_in_each_language(client, make_event, translate_page, frozen_now):
    event = make_event(
        title="Repaircafé",
        slug="repaircafe",
        start=local(2026, 12, 12, 10, 0),
        end=local(2026, 12, 12, 13, 0),
        rule="RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=3\nEXDATE:20261218T230000Z",
    )
    for code in ("de", "en"):
        translate_page(event, code, {"Repaircafé": "Repair-Café", "repaircafe": "repaircafe"})
    pages = {"nl": "/nl/agenda/repaircafe/", "de": "/de/veranstaltungen/repaircafe/"}
    pages["en"] = "/en/events/repaircafe/"
    short_with_year = {"nl": "za 12 dec 2026", "de": "Sa., 12. Dez. 2026", "en": "Sat 12 Dec 2026"}
    for code, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert EXPECTED["WEEKDAY_DATE_FORMAT"][code] in html, code
        assert short_with_year[code] in html, code
        assert "10:00" in html and "AM" not in html and "a.m." not in html


@pytest.mark.django_db
def test_schedule_sentence_uses_the_short_forms(make_event):
    event = make_event(
        start=local(2026, 12, 12, 10, 0),
        end=local(2026, 12, 12, 13, 0),
        rule="RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=3\nEXDATE:20261218T230000Z",
    )
    expected = {"nl": "19 dec 2026", "de": "19. Dez. 2026", "en": "19 Dec 2026"}
    for code, text in expected.items():
        with translation.override(code):
            sentence = describe(event, [local(2026, 12, 12, 10, 0)])
        assert text in sentence, (code, sentence)
        assert EXPECTED["SHORT_MONTH_DAY_FORMAT"][code] in sentence, (code, sentence)
        assert "10:00–13:00" in sentence


@pytest.mark.django_db
def test_confirmation_mail_writes_the_date_in_the_visitors_language(
    make_event, frozen_now, monkeypatch
):
    from types import SimpleNamespace

    from registration import emails

    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))
    event = make_event(
        title="Workshop",
        slug="workshop",
        start=local(2026, 12, 12, 10, 0),
        end=local(2026, 12, 12, 13, 0),
        registration_settings=registration_on(),
    )
    occurrence = first_date(event)
    for n, code in enumerate(LANGUAGES):
        mail.outbox.clear()
        sign_up(occurrence, n, language=code)
        [message] = mail.outbox
        expected = EXPECTED["WEEKDAY_DATE_FORMAT"][code] + ", 10:00–13:00"
        assert expected in message.body, (code, message.body)
