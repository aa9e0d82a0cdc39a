"""Registrations are personal data: who may see and handle them (the
permission matrix), exports that are safe to open in a spreadsheet, and the
event's history recording every look, export and message."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from partners.sections import ensure_editor_group
from registration import services
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

MANAGE = "registration.manage_registrations"


@pytest.fixture
def events(make_event):
    """Two events with a registration each: the section's own and another."""
    own = make_event(title="Eigen", slug="eigen", registration_settings=registration_on())
    other = make_event(title="Ander", slug="ander", registration_settings=registration_on())
    sign_up(first_date(own), 1)
    sign_up(first_date(other), 2)
    return own, other


def list_url(event, **params):
    query = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/registrations/?event={event.pk}{query}"


def access(client, event, visitor):
    """What `client` can do with `event`'s registrations (whose visitor is
    "Bezoeker <visitor>"): each key is True when it worked."""
    name = f"Bezoeker {visitor}"
    date = first_date(event)
    listed = client.get(list_url(event))
    exported = client.get(list_url(event, export="csv"))
    export_body = b"".join(exported.streaming_content) if exported.status_code == 200 else b""
    check_in = client.get(f"/admin/registrations/{event.pk}/check-in/{date.pk}/")
    mail.outbox.clear()
    client.post(
        f"/admin/registrations/{event.pk}/",
        {"action": "message", "date": date.pk, "subject": "Let op", "body": "Tot zo."},
    )
    cancel = client.post(
        f"/admin/registrations/{event.pk}/",
        {"action": "cancel", "registration": Registration.objects.get(name=name).pk},
    )
    edit = client.get(f"/admin/pages/{event.pk}/edit/")
    return {
        "list": listed.status_code == 200 and name in listed.content.decode(),
        "export": name.encode() in export_body,
        "check_in": check_in.status_code == 200 and name in check_in.content.decode(),
        "message": len(mail.outbox) > 0,
        "cancel": cancel.status_code == 302 and Registration.objects.get(name=name).is_cancelled,
        # The "Registrations" button in the page editor's header.
        "button": list_url(event) in edit.content.decode(),
    }


ALL = {"list", "export", "check_in", "message", "cancel", "button"}


def allowed(result):
    return {key for key, worked in result.items() if worked}


def test_superuser_handles_every_events_registrations(client, admin_user, events):
    client.force_login(admin_user)
    own, other = events
    assert allowed(access(client, own, 1)) == ALL
    assert allowed(access(client, other, 2)) == ALL
    assert "Eigen" in client.get("/admin/").content.decode()  # the dashboard panel


def test_section_group_handles_its_own_events_registrations_only(client, django_user_model, events):
    own, other = events
    group = ensure_editor_group(own, name="Sectie Eigen")
    assert group.permissions.filter(codename="manage_registrations").exists()
    user = django_user_model.objects.create_user("sectie", password="x")
    user.groups.add(group)
    client.force_login(user)
    assert allowed(access(client, own, 1)) == ALL
    assert allowed(access(client, other, 2)) == set()
    everything = client.get("/admin/registrations/").content.decode()
    assert "Bezoeker 2" not in everything
    dashboard = client.get("/admin/").content.decode()
    assert "Eigen" in dashboard and "Ander" not in dashboard


def test_wagtails_default_editors_edit_events_but_see_no_registrations(
    client, django_user_model, events
):
    own, _other = events
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(codename="manage_registrations").exists()
    user = django_user_model.objects.create_user("redacteur", password="x")
    user.groups.add(editors)
    client.force_login(user)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert not user.has_perm(MANAGE)
    assert allowed(access(client, own, 1)) == set()
    # Refused as Wagtail refuses in the admin: a redirect with a message.
    response = client.get(list_url(own))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/registrations/").status_code == 302
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/registrations/" not in dashboard  # no menu item, no panel
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_anonymous_visitor_is_sent_to_the_login(client, events):
    own, _other = events
    for path in (list_url(own), list_url(own, export="csv"), "/admin/registrations/privacy/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert allowed(access(client, own, 1)) == set()


def test_group_editor_offers_the_permission_in_the_users_language(client, admin_user):
    client.force_login(admin_user)
    editors = Group.objects.get(name="Editors")
    html = client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    permission = Permission.objects.get(codename="manage_registrations")
    assert f'value="{permission.pk}"' in html
    assert "Kan aanmeldingen bekijken en beheren" in html


@pytest.fixture
def risky(make_event):
    """An event whose registrations hold what a spreadsheet would run."""
    event = make_event(title="Excursie", slug="excursie", registration_settings=registration_on())
    date = first_date(event)
    names = [
        '=HYPERLINK("http://evil.example","klik")',
        "+31 6 1234",
        "-2+3",
        "@SUM(A1)",
        "\tTab",
        "\rReturn",
        "Jürgen Groß",
    ]
    for n, name in enumerate(names):
        registration = services.register(
            date, name=f"Bezoeker {n}", email=f"r{n}@example.org", places=1, language="de"
        ).registration
        # Stored as is (the form strips the tab and the carriage return, an
        # import or an older row may not).
        Registration.objects.filter(pk=registration.pk).update(name=name)
    # Registered at 08:07:33.123456 UTC: 09:07 in Amsterdam.
    Registration.objects.filter(occurrence=date).update(
        created_at=datetime(2026, 11, 24, 8, 7, 33, 123456, tzinfo=UTC)
    )
    return event, names


def test_csv_export_escapes_formulas_has_a_bom_and_local_minutes(client, admin_user, risky):
    event, names = risky
    client.force_login(admin_user)
    body = b"".join(client.get(list_url(event, export="csv")).streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert sorted(row["Naam"] for row in rows) == sorted(
        [
            '\'=HYPERLINK("http://evil.example","klik")',
            "'+31 6 1234",
            "'-2+3",
            "'@SUM(A1)",
            "'\tTab",
            "'\rReturn",
            "Jürgen Groß",
        ]
    )
    assert {row["Aangemeld op"] for row in rows} == {"2026-11-24 09:07"}
    assert {row["Plaatsen"] for row in rows} == {"1"}  # numbers stay numbers


def test_xlsx_export_stores_formulas_as_text_and_local_minutes(client, admin_user, risky):
    event, names = risky
    client.force_login(admin_user)
    response = client.get(list_url(event, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows())
    columns = [cell.value for cell in header]
    name = columns.index("Naam")
    cells = [row[name] for row in rows]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    # (XML reads a carriage return back as a line feed.)
    assert sorted(cell.value.replace("\n", "\r") for cell in cells) == sorted(names)
    registered = {row[columns.index("Aangemeld op")].value for row in rows}
    assert registered == {datetime(2026, 11, 24, 9, 7)}


def entries(event, action):
    return list(PageLogEntry.objects.filter(page=event, action=action).order_by("pk"))


def test_each_look_and_export_is_in_the_events_history(client, admin_user, events):
    own, other = events
    client.force_login(admin_user)
    client.get(list_url(own))
    client.get(list_url(own, status="confirmed"))  # the same look, filtered
    [look] = entries(own, "registration.view")
    assert look.user == admin_user and look.data == {"count": 1}
    assert entries(other, "registration.view") == []
    # The list of every event: a look at each event it shows.
    client.get("/admin/registrations/")
    assert len(entries(other, "registration.view")) == 1
    b"".join(client.get(list_url(own, export="csv")).streaming_content)
    client.get(list_url(own, export="xlsx"))
    exports = entries(own, "registration.export")
    assert [(e.user, e.data["format"], e.data["count"]) for e in exports] == [
        (admin_user, "csv", 1),
        (admin_user, "xlsx", 1),
    ]
    assert entries(other, "registration.export") == []
    history = client.get(f"/admin/pages/{own.pk}/history/").content.decode()
    assert "Aanmeldingen bekeken (1 getoond)" in history
    assert "1 aanmeldingen geëxporteerd (CSV)" in history
