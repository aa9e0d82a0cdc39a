"""The event editor in the editor's language: the recurrence panel's labels,
the date preview that follows unsaved changes to single dates (cancelled, moved
and extra dates), and no internal counters on the dates screen."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests.events.conftest import local

pytestmark = pytest.mark.django_db

SECOND_SATURDAY = {
    "freq": "monthly",
    "interval": "1",
    "monthly_mode": "weekday",
    "position": "2",
    "position_weekday": "5",
    "ends": "never",
}


@pytest.fixture
def admin_client(client, admin_user):
    """An editor whose admin language is English."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


@pytest.fixture
def november(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 11, 24, 9, 0))


def preview(admin_client, **exceptions):
    params = {f"recurrence-{k}": v for k, v in SECOND_SATURDAY.items()}
    params.update({"start": "2026-12-12 10:00", "end": "2026-12-12 13:00"})
    params.update(exceptions)
    return admin_client.get("/admin/events/recurrence-preview/", params).json()


def test_preview_shows_unsaved_cancellation_move_and_extra_date(admin_client, november):
    before = preview(admin_client)
    assert [i["status"] for i in before["items"]] == ["scheduled"] * 5
    data = preview(
        admin_client,
        **{
            "exceptions-0-date": "2027-01-09",
            "exceptions-0-action": "cancel",
            "exceptions-0-reason": "Nieuwjaarsborrel",
            "exceptions-1-date": "2027-02-13",
            "exceptions-1-action": "move",
            "exceptions-1-new_start_time": "14:00",
            "exceptions-2-date": "2026-12-19",
            "exceptions-2-action": "extra",
            # A row the editor deleted, and the InlinePanel's empty template row.
            "exceptions-3-date": "2026-12-12",
            "exceptions-3-action": "cancel",
            "exceptions-3-DELETE": "1",
            "exceptions-__prefix__-date": "2026-12-12",
        },
    )
    items = data["items"]
    assert [(i["status"], i["label"]) for i in items] == [
        ("scheduled", ""),
        ("extra", "extra date"),
        ("cancelled", "cancelled"),
        ("moved", "moved"),
        ("scheduled", ""),
    ]
    assert "19 December 2026" in items[1]["text"] and "10:00" in items[1]["text"]
    assert "9 January 2027" in items[2]["text"] and items[2]["note"] == "Nieuwjaarsborrel"
    assert "14:00" in items[3]["text"]
    assert data["dates"][2].endswith("(cancelled)")


def test_preview_ignores_a_half_typed_change(admin_client, november):
    data = preview(admin_client, **{"exceptions-0-date": "2027-01-", "exceptions-0-action": "x"})
    assert data["error"] == ""
    assert [i["status"] for i in data["items"]] == ["scheduled"] * 5


def test_recurrence_panel_labels_read_well(admin_client, calendar):
    html = admin_client.get(f"/admin/pages/add/events/eventpage/{calendar.pk}/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.find("label", string="How often")
    assert "Add date change" in " ".join(page.get_text().split())
    assert "Add Change one date" not in html
    monthday = page.find("input", {"name": "recurrence-monthday"})
    assert not monthday.get("placeholder")


def test_dates_screen_hides_the_calendar_sequence(admin_client, make_event):
    event = make_event(rule="RRULE:FREQ=MONTHLY;BYDAY=+2SA")
    html = admin_client.get(f"/admin/events/{event.pk}/dates/").content.decode()
    assert "Dates are generated until" in html
    assert "sequence" not in html.lower()
