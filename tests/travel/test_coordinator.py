"""The coordinator's page in the admin (travel.admin): the lists with contact
details, a request taken by phone, pairing by hand, cancelling, each change in
the event page's history; and only the event's registration handlers see it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import GroupPagePermission, PageLogEntry

from events.models import EventPage
from events.schedule import to_local
from tests.travel.conftest import at
from travel import services
from travel.models import TravelEntry, TravelMatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


def url(event):
    return f"/admin/travel/{event.pk}/"


@pytest.fixture
def event(date):
    return EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def offer(date, place, seats=2, **extra):
    return services.create_entry(
        date,
        kind=TravelEntry.Kind.OFFER,
        place=place,
        departs_at=at(date, 8, 30),
        name=extra.pop("name", "Klaus Fahrer"),
        email=extra.pop("email", "klaus@example.org"),
        seats=seats,
        language="de",
        **extra,
    )


def phone_request(place, **extra):
    return {
        "action": "add",
        "kind": "request",
        "place": place.pk,
        "departs": "08:15",
        "count": 2,
        "name": "Mevrouw Telefoon",
        "email": "",
        "phone": "024 123 45 67",
        "language": "nl",
        **extra,
    }


def history(event, action):
    return list(PageLogEntry.objects.filter(page=event, action=action))


def test_phone_request_is_entered_paired_and_logged(admin, admin_user, event, date, places):
    car = offer(date, places["kranenburg"])
    response = admin.post(url(event), phone_request(places["groesbeek"]) | {"date": date.pk})
    assert response.status_code == 302
    request_entry = TravelEntry.objects.get(kind="request")
    assert request_entry.entered_by == admin_user
    assert (request_entry.people, request_entry.phone) == (2, "024 123 45 67")
    assert to_local(request_entry.departs_at).strftime("%H:%M") == "08:15"
    [added] = history(event, "travel.coordinator.add")
    assert added.user == admin_user and added.data["entry"] == request_entry.pk
    assert "Telefoon" not in str(added.data)

    # The list shows both with their contact details (the admin may see them).
    html = admin.get(url(event)).content.decode()
    assert "Mevrouw Telefoon" in html and "024 123 45 67" in html
    assert "klaus@example.org" in html and "Klaus Fahrer" in html

    mail.outbox.clear()
    response = admin.post(
        url(event),
        {"action": "pair", "date": date.pk, "request": request_entry.pk, "offer": car.pk},
    )
    assert response.status_code == 302
    match = TravelMatch.objects.get()
    assert (match.status, match.places, match.paired_by) == ("accepted", 2, admin_user)
    assert [m.to for m in mail.outbox] == [["klaus@example.org"]]  # the other has no e-mail
    [paired] = history(event, "travel.coordinator.pair")
    assert paired.data["request"] == request_entry.pk and paired.data["offer"] == car.pk
    page_history = admin.get(f"/admin/pages/{event.pk}/history/").content.decode()
    assert f"#{request_entry.pk}" in page_history


def test_pairing_never_gives_more_seats_than_the_car_has(admin, event, date, places):
    car = offer(date, places["kranenburg"], seats=2)
    admin.post(url(event), phone_request(places["groesbeek"], count=2) | {"date": date.pk})
    admin.post(url(event), phone_request(places["groesbeek"], count=1, name="Meneer Twee"))
    first, second = TravelEntry.objects.filter(kind="request").order_by("pk")
    admin.post(
        url(event), {"action": "pair", "date": date.pk, "request": first.pk, "offer": car.pk}
    )
    response = admin.post(
        url(event),
        {"action": "pair", "date": date.pk, "request": second.pk, "offer": car.pk},
        follow=True,
    )
    assert TravelMatch.objects.filter(status="accepted").count() == 1
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    assert len(history(event, "travel.coordinator.pair")) == 1


def test_bad_phone_entry_keeps_what_was_typed(admin, event, date, places):
    response = admin.post(
        url(event),
        phone_request(places["groesbeek"], departs="half negen", phone="", name="Oma Jansen"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Oma Jansen"' in html  # nothing typed is lost
    assert not TravelEntry.objects.exists()
    assert not history(event, "travel.coordinator.add")


def test_cancel_tells_the_matched_person_and_is_logged(admin, admin_user, event, date, places):
    car = offer(date, places["kranenburg"])
    admin.post(url(event), phone_request(places["groesbeek"], email="oma@example.org"))
    request_entry = TravelEntry.objects.get(kind="request")
    services.pair(request_entry, car, by=admin_user)
    mail.outbox.clear()
    admin.post(url(event), {"action": "cancel", "date": date.pk, "entry": car.pk})
    car.refresh_from_db()
    assert car.cancelled_at is not None
    assert [m.to for m in mail.outbox] == [["oma@example.org"]]
    [cancelled] = history(event, "travel.coordinator.cancel")
    assert cancelled.data["entry"] == car.pk and cancelled.data["told"] == 1
    # Cancelling again changes and logs nothing.
    admin.post(url(event), {"action": "cancel", "date": date.pk, "entry": car.pk})
    assert len(history(event, "travel.coordinator.cancel")) == 1


def test_editor_of_another_section_is_refused(
    client, django_user_model, event, date, places, make_event
):
    offer(date, places["kranenburg"])
    other = make_event(title="Andere sectie", slug="andere-sectie")
    user = django_user_model.objects.create_user("sectie-b", password="x")
    group = Group.objects.create(name="Sectie B")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_registrations"),
    )
    GroupPagePermission.objects.create(group=group, page=other, permission_type="change")
    user.groups.add(group)
    client.force_login(user)

    def refused(response):
        return response.status_code in (302, 403) and b"klaus@example.org" not in response.content

    assert refused(client.get(url(event)))
    assert refused(client.post(url(event), phone_request(places["groesbeek"])))
    assert TravelEntry.objects.count() == 1
    # Their own event they may coordinate; the button shows on it, not on ours.
    assert client.get(url(other)).status_code == 200
    assert (
        f"/admin/travel/{other.pk}/"
        in client.get(f"/admin/pages/{other.pk}/edit/").content.decode()
    )
    # Editing the page is not enough without the registrations permission.
    group.permissions.remove(Permission.objects.get(codename="manage_registrations"))
    assert refused(client.get(url(other)))


def test_the_event_page_has_the_button(admin, event):
    html = admin.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/travel/{event.pk}/" in html


def test_list_queries_do_not_grow_with_entries(
    admin, event, date, places, django_assert_max_num_queries
):
    for n in range(6):
        offer(date, places["kranenburg"], email=f"c{n}@example.org")
    admin.get(url(event))
    with django_assert_max_num_queries(45):
        admin.get(url(event))


def test_every_link_on_the_coordinators_page_has_a_name(admin, event, date, places):
    from bs4 import BeautifulSoup

    offer(date, places["kranenburg"])
    soup = BeautifulSoup(admin.get(url(event)).content, "html.parser")
    links = soup.select("main a")
    assert links
    nameless = [str(a)[:120] for a in links if not (a.get_text(strip=True) or a.get("aria-label"))]
    assert nameless == []  # (the header once drew an empty "add" button)
