"""The editor's side: the recurrence controls in the Wagtail page editor, the
live preview, the human sentence and the Dates view."""

from datetime import date

import pytest
import recurrence
from django.utils import translation
from django.utils.translation import gettext

from events.models import EventPage, Occurrence
from events.schedule import to_local
from events.text import describe
from events.widgets import parts_from_recurrence, recurrence_from_parts
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

SECOND_SATURDAY_PARTS = {
    "freq": "monthly",
    "interval": "1",
    "monthly_mode": "weekday",
    "position": "2",
    "position_weekday": "5",
    "ends": "never",
    "exdates": "26-12-2026",
}


class Schedule:
    def __init__(self, rule, start=None, end=None, all_day=False):
        self.recurrence = recurrence.deserialize(rule) if isinstance(rule, str) else rule
        self.start = start or local(2026, 12, 12, 10, 0)
        self.end = end or local(2026, 12, 12, 13, 0)
        self.all_day = all_day


def test_controls_build_the_rule_and_read_it_back():
    value = recurrence_from_parts(SECOND_SATURDAY_PARTS)
    rule = value.rrules[0]
    assert rule.freq == recurrence.MONTHLY and recurrence.to_weekday(
        rule.byday[0]
    ) == recurrence.SA(2)
    assert [to_local(d).date() for d in value.exdates] == [date(2026, 12, 26)]
    parts = parts_from_recurrence(recurrence.deserialize(recurrence.serialize(value)))
    assert parts["freq"] == "monthly" and parts["position"] == "2"
    assert parts["position_weekday"] == "5" and parts["exdates"] == "2026-12-26"


def test_a_rule_the_controls_cannot_show_goes_to_advanced_unchanged():
    parts = parts_from_recurrence("RRULE:FREQ=WEEKLY;BYDAY=MO\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1")
    assert parts["freq"] == "weekly" and parts["weekdays"] == ["0"]
    assert "BYMONTHDAY=-1" in parts["advanced"]
    assert len(recurrence_from_parts(parts).rrules) == 2


def test_sentence_in_english_names_rule_time_exceptions_and_next_dates():
    with translation.override("en"):
        text = describe(
            Schedule(recurrence_from_parts(SECOND_SATURDAY_PARTS)),
            [local(2026, 12, 12, 10, 0), local(2027, 1, 9, 10, 0), local(2027, 2, 13, 10, 0)],
        )
    assert text == (
        "Every 2nd Saturday of the month, 10:00–13:00, except 26 Dec 2026"
        " — next: 12 Dec, 9 Jan, 13 Feb"
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=8",
            "Every 2 weeks on Tuesday and Thursday, 8 times",
        ),
        ("RRULE:FREQ=MONTHLY;INTERVAL=6", "Every 6 months on day 12"),
        ("RRULE:FREQ=DAILY;UNTIL=20261219T230000Z", "Every day, until 20 December 2026"),
        ("RRULE:FREQ=MONTHLY;BYDAY=-1FR", "Every last Friday of the month"),
    ],
)
def test_sentence_covers_intervals_counts_and_ends(rule, expected):
    with translation.override("en"):
        assert describe(Schedule(rule)).startswith(expected)


@pytest.mark.parametrize(
    ("language", "weekday", "day"), [("nl", "zaterdag", "12 dec"), ("de", "Samstag", "12. Dez.")]
)
def test_sentence_uses_the_languages_weekday_and_month_names(language, weekday, day):
    with translation.override(language):
        text = describe(
            Schedule(recurrence_from_parts(SECOND_SATURDAY_PARTS)), [local(2026, 12, 12, 10, 0)]
        )
    assert weekday in text and day in text and "10:00–13:00" in text


def _events_strings_translated():
    with translation.override("nl"):
        return gettext("1st") != "1st"


@pytest.mark.skipif(
    not _events_strings_translated(),
    reason="the events strings are not in locales/*.po yet (see /tmp/i18n/events-*.json)",
)
def test_sentence_reads_naturally_in_dutch_and_german():
    schedule = Schedule(recurrence_from_parts(SECOND_SATURDAY_PARTS))
    with translation.override("nl"):
        assert describe(schedule).startswith("Elke 2e zaterdag van de maand, 10:00–13:00")
    with translation.override("de"):
        assert describe(schedule).startswith("Jeden 2. Samstag im Monat, 10:00–13:00")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_preview_endpoint_answers_with_sentence_and_next_dates(admin_client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: local(2026, 11, 24, 9, 0))
    params = {f"recurrence-{k}": v for k, v in SECOND_SATURDAY_PARTS.items()}
    params.update({"start": "2026-12-12 10:00", "end": "2026-12-12 13:00"})
    with translation.override("en"):
        data = admin_client.get("/admin/events/recurrence-preview/", params).json()
    assert data["error"] == ""
    assert "10:00–13:00" in data["sentence"]
    assert len(data["dates"]) == 5 and "12" in data["dates"][0]


def test_editor_creates_second_saturday_except_26_december_in_the_page_editor(
    admin_client, calendar, venue
):
    add_url = f"/admin/pages/add/events/eventpage/{calendar.pk}/"
    form = admin_client.get(add_url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="recurrence-freq"' in html and "recurrence-widget.js" in html
    data = {
        "title": "Repaircafé",
        "slug": "repaircafe",
        "start": "2026-12-12 10:00",
        "end": "2026-12-12 13:00",
        "venue": venue.pk,
        "languages": ["nl", "de"],
        "action-publish": "publish",
        **{f"recurrence-{k}": v for k, v in SECOND_SATURDAY_PARTS.items()},
        "recurrence-exdates": "2026-12-26",
    }
    for prefix in (
        "exceptions",
        "theme_links",
        "organiser_links",
        "speaker_links",
        "registration_settings",
        "registration_questions",
        "comments",
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data["body-count"] = "0"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EventPage.objects.get(slug="repaircafe", locale__language_code="nl")
    assert page.live
    days = [
        to_local(o.start).date()
        for o in Occurrence.objects.filter(event_key=page.translation_key).order_by("start")[:3]
    ]
    # 2nd Saturdays: 12 Dec 2026, 9 Jan and 13 Feb 2027; 26 Dec is not one anyway.
    assert days == [date(2026, 12, 12), date(2027, 1, 9), date(2027, 2, 13)]
    dates_view = admin_client.get(f"/admin/events/{page.pk}/dates/").content.decode()
    # The admin speaks the site's default language (nl) to a user without a preference.
    assert "Deze datum annuleren" in dates_view
    assert "Cancel this date" not in dates_view


@pytest.mark.django_db
def test_cancelling_a_date_in_the_dates_view_is_in_the_page_history(
    make_event, admin_client, admin_user
):
    from wagtail.models import PageLogEntry

    event = make_event(rule="RRULE:FREQ=MONTHLY;BYDAY=+2SA;COUNT=3")
    response = admin_client.post(
        f"/admin/events/{event.pk}/dates/",
        {"date": "2027-01-09", "action": "cancel", "reason": "Storm"},
    )
    assert response.status_code == 302
    cancelled = Occurrence.objects.get(event_key=event.translation_key, status="cancelled")
    assert to_local(cancelled.start).date() == date(2027, 1, 9)
    [entry] = PageLogEntry.objects.filter(page=event, action="events.cancel_date")
    assert entry.user == admin_user
    assert entry.data == {"date": "2027-01-09", "reason": "Storm", "published": True}
    history = admin_client.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert "Datum 9 januari 2027 geannuleerd" in history


@pytest.mark.django_db
def test_moving_a_date_in_the_dates_view_is_in_the_page_history(
    make_event, admin_client, admin_user
):
    from wagtail.models import PageLogEntry

    event = make_event(rule="RRULE:FREQ=MONTHLY;BYDAY=+2SA;COUNT=3")
    dates_url = f"/admin/events/{event.pk}/dates/"
    # A move needs somewhere to go: nothing changes without it.
    admin_client.post(dates_url, {"date": "2027-01-09", "action": "move"})
    assert not PageLogEntry.objects.filter(page=event, action="events.move_date").exists()
    response = admin_client.post(
        dates_url,
        {
            "date": "2027-01-09",
            "action": "move",
            "new_date": "2027-01-16",
            "new_start_time": "14:00",
        },
    )
    assert response.status_code == 302
    moved = Occurrence.objects.get(event_key=event.translation_key, status="moved")
    assert to_local(moved.start).replace(tzinfo=None) == local(2027, 1, 16, 14, 0).replace(
        tzinfo=None
    )
    [entry] = PageLogEntry.objects.filter(page=event, action="events.move_date")
    assert entry.user == admin_user
    assert entry.data["new_date"] == "2027-01-16" and entry.data["new_start_time"] == "14:00:00"
    history = admin_client.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert "Datum 9 januari 2027 verplaatst naar 16 januari 2027 14:00" in history


def test_an_editor_previews_a_draft_with_its_themes(client, admin_user, make_event, theme):
    """'View draft' reads the page's themes from the revision (modelcluster's
    in-memory links), not from the database: it shows the draft's theme and
    answers 200, never a 500."""
    from events.models import EventPageTheme

    event = make_event(title="Moestuin", slug="moestuin")
    event.theme_links.add(EventPageTheme(theme=theme))
    event.save_revision()  # a draft: the published page has no theme yet
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{event.pk}/view_draft/")
    assert response.status_code == 200
    assert "Lokaal voedsel" in response.content.decode()


@pytest.mark.django_db
def test_a_cancelled_date_stays_cancelled_when_a_move_comes_after(make_event, admin_client):
    """Two editors act on one date, one cancelling, the other moving it a
    moment later from an older screen: the date stays cancelled (people were
    told so) instead of coming back at the new time."""
    event = make_event(rule="RRULE:FREQ=MONTHLY;BYDAY=+2SA;COUNT=3")
    dates_url = f"/admin/events/{event.pk}/dates/"
    admin_client.post(dates_url, {"date": "2027-01-09", "action": "cancel"})
    admin_client.post(
        dates_url,
        {
            "date": "2027-01-09",
            "action": "move",
            "new_date": "2027-01-16",
            "new_start_time": "14:00",
        },
    )
    [day] = [
        o
        for o in Occurrence.objects.filter(event_key=event.translation_key)
        if to_local(o.original_start).date() == date(2027, 1, 9)
    ]
    assert day.status == "cancelled"
    assert not Occurrence.objects.filter(event_key=event.translation_key, status="moved").exists()
