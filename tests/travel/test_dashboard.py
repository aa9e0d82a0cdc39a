"""The organiser's counts (travel.dashboard): how many travel together and from
where, places with many open requests flagged; counts only, in few queries."""

import pytest

from tests.travel.conftest import at
from travel import dashboard, services
from travel.models import TravelEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

Kind = TravelEntry.Kind


def entry(date, kind, place, count=1, n=0):
    return services.create_entry(
        date,
        kind=kind,
        place=place,
        departs_at=at(date, 8),
        name=f"Reiziger {n}",
        email=f"reiziger{n}@example.org",
        seats=count if kind != Kind.REQUEST else 0,
        people=count if kind == Kind.REQUEST else 1,
    )


def test_counts_per_place_and_the_minibus_hint(date, places, admin_user):
    groesbeek, kranenburg = places["groesbeek"], places["kranenburg"]
    requests = [entry(date, Kind.REQUEST, groesbeek, count=1 + (n == 0), n=n) for n in range(4)]
    car = entry(date, Kind.OFFER, kranenburg, count=2, n=10)
    entry(date, Kind.TRANSIT, kranenburg, count=0, n=11)
    summary = dashboard.summary(date)
    [first, second] = summary.places
    assert first.place == groesbeek
    assert (first.requests, first.people, first.open_requests) == (4, 5, 4)
    assert first.minibus and summary.minibus_places == [first]
    assert (second.offers, second.seats, second.transit, second.matched) == (1, 2, 1, 0)
    assert not second.minibus

    # One request finds a ride: three open left, no minibus any more.
    services.pair(requests[1], car, by=admin_user)
    summary = dashboard.summary(date)
    groesbeek_row = next(r for r in summary.places if r.place == groesbeek)
    assert groesbeek_row.open_requests == 3 and not groesbeek_row.minibus
    assert summary.matched == summary.travelling_together == 1
    assert (summary.requests, summary.people, summary.offers, summary.seats) == (4, 5, 1, 2)

    # A cancelled request no longer counts.
    services.cancel(requests[0])
    assert dashboard.summary(date).people == 3


def test_the_summary_holds_counts_only(date, places):
    entry(date, Kind.REQUEST, places["groesbeek"], n=1)
    summary = dashboard.summary(date)
    assert "Reiziger" not in repr(summary) and "example.org" not in repr(summary)


def test_queries_do_not_grow_with_entries(date, places, django_assert_max_num_queries):
    for n in range(12):
        kind = Kind.REQUEST if n % 2 else Kind.OFFER
        entry(date, kind, places["winterswijk" if n % 3 else "groesbeek"], count=1, n=n)
    with django_assert_max_num_queries(3):
        summary = dashboard.summary(date)
    assert summary.requests == 6 and summary.offers == 6


def test_the_coordinator_page_shows_the_hint(client, admin_user, date, places):
    from events.models import EventPage

    for n in range(4):
        entry(date, Kind.REQUEST, places["groesbeek"], n=n)
    event = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    client.force_login(admin_user)
    html = client.get(f"/admin/travel/{event.pk}/").content.decode()
    assert "Groesbeek" in html and "⚠" in html  # the minibus hint


def editor_of(page, django_user_model, *, registrations=False, name="organisator"):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    user = django_user_model.objects.create_user(name, password="x")
    group = Group.objects.create(name=f"Sectie {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if registrations:
        group.permissions.add(Permission.objects.get(codename="manage_registrations"))
    GroupPagePermission.objects.create(group=group, page=page, permission_type="change")
    user.groups.add(group)
    return user


def panel(client, user):
    from bs4 import BeautifulSoup

    client.force_login(user)
    html = client.get("/admin/").content.decode()
    return BeautifulSoup(html, "html.parser").select_one(".travel-panel")


def test_the_dashboard_shows_organisers_counts_per_place_never_who(
    client, date, places, django_user_model, admin_user, make_event
):
    from events.models import EventPage

    event = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    for n in range(MINIBUS := dashboard.MINIBUS_AT):
        entry(date, Kind.REQUEST, places["groesbeek"], count=1 + (n == 0), n=n)
    car = entry(date, Kind.OFFER, places["kranenburg"], count=3, n=20)
    single = TravelEntry.objects.filter(kind=Kind.REQUEST).order_by("pk")[1]
    services.pair(single, car, by=admin_user)

    # An organiser who may edit the event but not see who registers or travels.
    organiser = editor_of(event, django_user_model)
    shown = panel(client, organiser)
    text = shown.get_text(" ", strip=True)
    assert "Dorpendag" in text
    assert "1 plaats gegeven" in text
    # Five people in four requests; one found a seat: four people, three requests open.
    assert "Groesbeek: 5 zoeken (4 nog open), 0 stoelen" in text
    assert "Kranenburg: 0 zoeken (0 nog open), 3 stoelen" in text
    assert "Reiziger" not in text and "example.org" not in text
    assert not shown.select("a")  # no way to the lists of people
    assert not shown.select("strong")  # three open requests: no minibus yet

    # One more open request in Groesbeek: the minibus hint.
    entry(date, Kind.REQUEST, places["groesbeek"], n=MINIBUS + 1)
    (hint,) = panel(client, organiser).select("strong")
    assert hint.get_text(strip=True) == "⚠ overweeg een busje"

    # The coordinator (with the registrations permission) gets the link.
    coordinator = editor_of(event, django_user_model, registrations=True, name="coordinator")
    (link,) = panel(client, coordinator).select("a")
    assert link["href"].startswith(f"/admin/travel/{event.pk}/")

    # The editor of another section's event sees no panel at all.
    other = make_event(title="Andere sectie", slug="andere-sectie")
    assert panel(client, editor_of(other, django_user_model, name="ander")) is None


def test_the_dashboards_counts_cost_the_same_for_more_dates_and_entries(
    date, places, make_event, django_assert_max_num_queries
):
    from django.utils import timezone

    from events.models import Occurrence

    other = make_event(title="Tweede dag", slug="tweede-dag")
    second = Occurrence.objects.filter(event_key=other.translation_key).first()
    for n, occurrence in enumerate([date, second] * 6):
        kind = Kind.REQUEST if n % 4 < 2 else Kind.OFFER
        entry(occurrence, kind, places["winterswijk" if n % 3 else "groesbeek"], n=n)
    with django_assert_max_num_queries(4):
        dates = dashboard.upcoming_counts([date.event_key, other.translation_key], timezone.now())
    assert [d.occurrence for d in dates] == sorted([date, second], key=lambda o: o.start)
    assert sum(d.people for d in dates) == 6 and sum(d.seats for d in dates) == 6
