"""The organiser's tools: the registrations list on Wagtail's generic views
(filters, search, export), counts, by-hand registrations, cancel, promote,
check-in, message to a date, the dashboard panel, the privacy tools, each
action in the event page's history, and that only editors of the event see any
of it."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, PageLogEntry

from registration.models import Registration
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


@pytest.fixture
def event(make_event):
    return make_event(
        title="Excursie",
        slug="excursie",
        capacity=2,
        registration_settings=registration_on(max_places=2),
    )


@pytest.fixture
def date(event):
    return first_date(event)


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def url(event, **params):
    """The registrations list, filtered to the event."""
    query = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/registrations/?event={event.pk}{query}"


def actions(event):
    return f"/admin/registrations/{event.pk}/"


def rows_of(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def logged(event, action):
    return list(PageLogEntry.objects.filter(page=event, action=action).order_by("pk"))


def test_list_shows_counts_and_filters_by_date_status_and_search(admin, event, date):
    sign_up(date, 1, places=2)
    sign_up(date, 2)
    html = admin.get(url(event, date=date.pk)).content.decode()
    assert "Bezoeker 1" in html and "Bezoeker 2" in html
    assert "<strong>2</strong> / 2" in html
    html = admin.get(url(event, status="waiting")).content.decode()
    assert "Bezoeker 2" in html and "Bezoeker 1" not in html
    html = admin.get(url(event, q="bezoeker1@")).content.decode()
    assert "Bezoeker 1" in html and "Bezoeker 2" not in html
    # The results view (what the filters and search box refresh) filters alike.
    results = admin.get(
        f"/admin/registrations/results/?event={event.pk}&q=Bezoeker+2"
    ).content.decode()
    assert "Bezoeker 2" in results and "Bezoeker 1" not in results


def test_date_filter_offers_the_dates_of_the_chosen_event_only(admin, make_event, event, date):
    other = first_date(make_event(title="Elders", registration_settings=registration_on()))
    sign_up(date, 1)
    sign_up(other, 2)
    html = admin.get(url(event)).content.decode()
    assert f'value="{date.pk}"' in html and f'value="{other.pk}"' not in html
    # A date of another event does not filter this event's list away.
    html = admin.get(url(event, date=other.pk)).content.decode()
    assert "Bezoeker 2" not in html


def test_list_without_event_shows_every_editable_event(admin, make_event, event, date):
    other = first_date(make_event(title="Elders", registration_settings=registration_on()))
    sign_up(date, 1)
    sign_up(other, 2)
    html = admin.get("/admin/registrations/").content.decode()
    assert "Bezoeker 1" in html and "Bezoeker 2" in html


def test_old_event_url_leads_to_the_filtered_list(admin, event, date):
    response = admin.get(actions(event) + f"?date={date.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/registrations/?event={event.pk}&date={date.pk}"


def test_registrations_button_leads_to_the_filtered_list(admin, event):
    html = admin.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/registrations/?event={event.pk}" in html


def test_list_costs_the_same_queries_for_few_and_many_registrations(admin, event, date):
    sign_up(date, 1)
    admin.get(url(event))
    with CaptureQueriesContext(connection) as few:
        admin.get(url(event))
    for n in range(2, 30):
        sign_up(date, n)
    with CaptureQueriesContext(connection) as many:
        admin.get(url(event))
    # 16: one of them asks whether this look is already in the event's history,
    # one whether an offered place ran out (offer mode).
    assert len(many) == len(few) <= 16


def test_export_as_csv_and_xlsx(admin, make_event, event, date):
    sign_up(date, 1, places=2, language="de")
    sign_up(date, 2)
    sign_up(first_date(make_event(title="Elders", registration_settings=registration_on())), 3)
    response = admin.get(url(event, export="csv"))
    assert 'filename="registrations-excursie.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert [(r["Naam"], r["E-mail"], r["Status"], r["Plaatsen"], r["Taal"]) for r in rows] == [
        ("Bezoeker 1", "bezoeker1@example.org", "Bevestigd", "2", "de"),
        ("Bezoeker 2", "bezoeker2@example.org", "Wachtlijst", "1", "nl"),
    ]
    assert {r["Evenement"] for r in rows} == {"Excursie"}
    assert [r["Naam"] for r in rows_of(admin.get(url(event, status="waiting", export="csv")))] == [
        "Bezoeker 2"
    ]
    xlsx = admin.get(url(event, export="xlsx"))
    assert "spreadsheet" in xlsx["Content-Type"]
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "E-mail" in values[0] and len(values) == 3
    assert "bezoeker1@example.org" in values[1]


@pytest.mark.parametrize(
    ("language", "heading", "status", "when"),
    [
        ("en", "Name", "Confirmed", "Saturday 12 December 2026"),
        ("de", "Name", "Bestätigt", "Samstag, 12. Dezember 2026"),
    ],
)
def test_export_is_in_the_editors_language_in_csv_as_in_xlsx(
    admin, admin_user, event, date, language, heading, status, when
):
    """The CSV is written while it streams, after the view returned: it keeps
    the editor's admin language, as the XLSX does, not the site's Dutch."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    sign_up(date, 1)
    [row] = rows_of(admin.get(url(event, export="csv")))
    xlsx = admin.get(url(event, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings, values = [[cell.value for cell in r] for r in sheet.iter_rows()]
    assert list(row) == headings and heading in row
    assert row[headings[1]] == values[1] and row[headings[1]].startswith(when)
    assert row[headings[2]] == values[2] == status


def test_organiser_adds_cancels_and_promotes_and_the_history_says_so(
    admin, admin_user, event, date
):
    response = admin.post(
        actions(event),
        {
            "action": "add",
            "date": date.pk,
            "name": "Piet",
            "email": "piet@example.org",
            "places": 2,
            "language": "de",
        },
    )
    assert response.status_code == 302
    piet = Registration.objects.get(email_key="piet@example.org")
    assert piet.is_confirmed and piet.source == Registration.Source.ADMIN and piet.language == "de"
    waiting = sign_up(date, 2)
    admin.post(actions(event), {"action": "promote", "registration": waiting.pk})
    waiting.refresh_from_db()
    assert waiting.is_waiting  # no place for them yet
    assert logged(event, "registration.promote") == []  # nothing happened: nothing logged
    response = admin.post(
        actions(event),
        {"action": "cancel", "registration": piet.pk, "query": f"event={event.pk}&status=waiting"},
    )
    assert response["Location"] == f"/admin/registrations/?event={event.pk}&status=waiting"
    waiting.refresh_from_db()
    piet.refresh_from_db()
    assert waiting.is_confirmed
    assert piet.cancelled_by == Registration.CancelledBy.ORGANISER
    admin.post(actions(event), {"action": "cancel", "registration": piet.pk})  # once is enough
    added, cancelled = logged(event, "registration.add"), logged(event, "registration.cancel")
    assert [(e.user, e.data["registration"]) for e in added] == [(admin_user, piet.pk)]
    assert [(e.user, e.data["registration"], e.data["promoted"]) for e in cancelled] == [
        (admin_user, piet.pk, 1)
    ]
    history = admin.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert f"Aanmelding #{piet.pk} voor" in history
    assert "door de organisator toegevoegd" in history
    assert "door de organisator geannuleerd" in history


def test_promote_is_in_the_history(admin, admin_user, event, date):
    first = sign_up(date, 1, places=2)
    waiting = sign_up(date, 2)
    Registration.objects.filter(pk=first.pk).update(places=1)  # a place came free
    admin.post(actions(event), {"action": "promote", "registration": waiting.pk})
    waiting.refresh_from_db()
    assert waiting.is_confirmed
    [entry] = logged(event, "registration.promote")
    assert entry.user == admin_user and entry.data["registration"] == waiting.pk
    history = admin.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert f"Aanmelding #{waiting.pk}" in history and "van de wachtlijst" in history


def test_check_in_marks_attendance(admin, event, date):
    mine = sign_up(date, 1)
    check_in = f"/admin/registrations/{event.pk}/check-in/{date.pk}/"
    assert "Bezoeker 1" in admin.get(check_in).content.decode()
    admin.post(check_in, {"registration": mine.pk, "action": "attended"})
    mine.refresh_from_db()
    assert mine.attended_at is not None


def test_attended_from_the_list(admin, event, date):
    mine = sign_up(date, 1)
    admin.post(actions(event), {"action": "attended", "registration": mine.pk})
    mine.refresh_from_db()
    assert mine.attended_at is not None


def test_message_reaches_everyone_confirmed_for_the_date(admin, admin_user, event, date):
    sign_up(date, 1)
    sign_up(date, 2)
    mail.outbox.clear()
    admin.post(
        actions(event),
        {"action": "message", "date": date.pk, "subject": "Gaat niet door", "body": "Helaas."},
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bezoeker1@example.org",
        "bezoeker2@example.org",
    ]
    assert "Helaas." in mail.outbox[0].body
    [entry] = logged(event, "registration.message")
    assert entry.user == admin_user and entry.data["count"] == 2
    history = admin.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert "Bericht aan 2 aangemelde mensen" in history


def test_dashboard_shows_fill_rate(admin, event, date):
    sign_up(date, 1)
    html = admin.get("/admin/").content.decode()
    assert "Komende datums met aanmelding" in html and "(50%)" in html
    assert f"/admin/registrations/?event={event.pk}&amp;date={date.pk}" in html


def test_editors_of_other_sections_see_no_registrations(client, django_user_model, event, date):
    sign_up(date, 1)
    user = django_user_model.objects.create_user("redacteur", password="x")
    group = Group.objects.create(name="Elders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    def refused(path):
        # Wagtail answers PermissionDenied in the admin with a redirect and a message.
        response = client.get(path)
        return response.status_code in (302, 403) and b"Bezoeker 1" not in response.content

    assert refused(url(event))
    assert refused("/admin/registrations/")
    assert refused(f"/admin/registrations/{event.pk}/check-in/{date.pk}/")
    assert client.post(actions(event), {"action": "cancel", "registration": 1}).status_code in (
        302,
        403,
    )
    assert Registration.objects.get().is_confirmed
    assert "Excursie" not in client.get("/admin/").content.decode()
    GroupPagePermission.objects.create(group=group, page=event, permission_type="change")
    # Editing the page is not enough: registrations are behind their own permission.
    assert refused(url(event))
    group.permissions.add(Permission.objects.get(codename="manage_registrations"))
    assert "Bezoeker 1" in client.get(url(event)).content.decode()
    assert refused("/admin/registrations/privacy/")


def test_privacy_export_and_erase_by_address(admin, admin_user, event, date):
    sign_up(date, 1)
    data = admin.post(
        "/admin/registrations/privacy/",
        {"email": "Bezoeker1@example.org", "action": "export"},
    ).json()
    assert data["registrations"][0]["name"] == "Bezoeker 1"
    admin.post(
        "/admin/registrations/privacy/",
        {"email": "bezoeker1@example.org", "action": "erase"},
    )
    registration = Registration.objects.get()
    assert registration.name == "" and registration.is_cancelled
    assert registration.cancelled_by == Registration.CancelledBy.ORGANISER
    [entry] = logged(event, "registration.erase")
    assert entry.user == admin_user and entry.data == {"count": 1}
    assert "bezoeker1" not in str(entry.data)
    history = admin.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert "Persoonsgegevens van 1 aanmeldingen gewist" in history


def inline(prefix, forms=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(forms),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize(
    "code, path, labels",
    [
        ("nl", "/nl/agenda/", ["Plaatsen per aanmelding", "Bezoekers melden zich aan voor"]),
        ("de", "/de/veranstaltungen/", ["Plätze pro Anmeldung", "Besucher melden sich an für"]),
    ],
)
def test_editor_creates_an_event_with_registration_in_the_page_editor(
    admin_client, admin_user, calendar, venue, code, path, labels
):
    """The registration app's part of the event editor: in the editor's
    language, saved as the page's settings row, and the page takes registrations."""
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    from events.models import EventPage
    from registration.models import settings_of

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = code
    profile.save()
    locale = Locale.objects.get(language_code=code)
    parent = calendar.get_translation(locale)
    add_url = f"/admin/pages/add/events/eventpage/{parent.pk}/"
    html = admin_client.get(add_url).content.decode()
    for label in labels:
        assert label in html
    assert 'name="registration_settings-TOTAL_FORMS"' in html
    data = {
        "title": "Buurtlunch",
        "slug": "buurtlunch",
        "start": "2026-12-19 12:00",
        "end": "2026-12-19 14:00",
        "venue": venue.pk,
        "languages": [code],
        "capacity": "12",
        "action-publish": "publish",
        "recurrence-freq": "",
        "body-count": "0",
        **inline("registration_settings", forms=1),
        "registration_settings-0-enabled": "on",
        "registration_settings-0-scope": "date",
        "registration_settings-0-opens": "",
        "registration_settings-0-closes": "2026-12-18 18:00",
        "registration_settings-0-max_places": "3",
        "registration_settings-0-waiting_list": "",
        "registration_settings-0-confirmation_text": "Neem een bord mee.",
        "registration_settings-0-notify_organiser": "on",
        "registration_settings-0-offer_hours": "",
        "registration_settings-0-offer_reply_hours": "12",
    }
    for prefix in ("exceptions", "theme_links", "organiser_links", "registration_questions"):
        data.update(inline(prefix))
    data.update(inline("comments"))
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EventPage.objects.get(slug="buurtlunch", locale=locale)
    rules = settings_of(page)
    assert rules.pk and rules.locale_id == locale.pk
    assert (rules.enabled, rules.max_places, rules.waiting_list, rules.notify_organiser) == (
        True,
        3,
        False,
        True,
    )
    assert rules.closes == local(2026, 12, 18, 18, 0)
    assert rules.confirmation_text == "Neem een bord mee."
    # The revision carries the row (publishing it again keeps the settings).
    (saved,) = page.latest_revision.as_object().registration_settings.all()
    assert saved.pk == rules.pk and saved.max_places == 3
    public = admin_client.get(f"{path}buurtlunch/").content.decode()
    assert 'id="register"' in public and 'max="3"' in public


def test_a_superscript_digit_as_the_event_filter_is_ignored(admin, event, date):
    """`"²".isdigit()` is True but `int("²")` fails: the list ignores the value."""
    response = admin.get("/admin/registrations/?event=%C2%B2")
    assert response.status_code == 200
