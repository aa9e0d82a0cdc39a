"""The registrations screen of one event leads back to the event."""

import pytest
from bs4 import BeautifulSoup

from tests.registration.registration_support import registration_on

pytestmark = pytest.mark.django_db


def test_registrations_of_an_event_link_back_to_its_editor(client, admin_user, make_event):
    event = make_event(title="Excursie", slug="excursie", registration_settings=registration_on())
    client.force_login(admin_user)
    page = BeautifulSoup(
        client.get(f"/admin/registrations/?event={event.pk}").content, "html.parser"
    )
    edit = f"/admin/pages/{event.pk}/edit/"
    crumbs = page.select("nav[aria-label] ol a, .w-breadcrumbs a")
    assert edit in [a.get("href") for a in crumbs]
    back = page.select_one(".registrations-admin__links a")
    assert back["href"] == edit and "Excursie" in back.get_text()


def test_the_list_of_all_registrations_names_no_event(client, admin_user, make_event):
    make_event(title="Excursie", slug="excursie", registration_settings=registration_on())
    client.force_login(admin_user)
    html = client.get("/admin/registrations/").content.decode()
    assert "/edit/" not in html.split("<main", 1)[-1].split("<table", 1)[0]
