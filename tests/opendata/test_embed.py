"""The embedded calendar: filters, framing allowed on this view only, links back,
and the admin's snippet."""

import re

import pytest

from tests.opendata.conftest import PRIVATE_EMAIL

pytestmark = pytest.mark.django_db


def test_embed_lists_filtered_dates_and_links_back(client, events_data):
    page = client.get("/de/embed/calendar/", {"theme": "financiering"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Repaircafe Emmen" in html and "Webinar Wohnen" not in html
    assert re.search(r'href="http://testserver/de/[^"]+" target="_blank" rel="noopener"', html)
    assert 'lang="de"' in html
    assert PRIVATE_EMAIL not in html


def test_embed_may_be_framed_but_other_pages_not(client, events_data):
    page = client.get("/nl/embed/calendar/")
    assert "X-Frame-Options" not in page
    assert "frame-ancestors *" in page["Content-Security-Policy"]
    home = client.get("/nl/", follow=True)
    assert "frame-ancestors 'self'" in home["Content-Security-Policy"]


def test_embed_by_partner(client, events_data, site_tree):
    from partners.models import PartnerOrganisation, PartnerPage

    partner = PartnerPage(title="Mienthuus", slug="mienthuus", intro="Een huis.", country="DE")
    partner.organisation_links.add(PartnerOrganisation(organisation=events_data["fonds"]))
    site_tree["home"].add_child(instance=partner)
    partner.save_revision().publish()
    html = client.get("/nl/embed/calendar/", {"partner": "mienthuus"}).content.decode()
    assert "Repaircafe Emmen" in html and "Webinar Wohnen" not in html


def test_bad_filters_show_an_error_and_every_date(client, events_data):
    html = client.get(
        "/nl/embed/calendar/", {"start": "2030-01-02", "end": "2030-01-01", "limit": "x"}
    ).content.decode()
    assert 'role="alert"' in html
    assert "Repaircafe Emmen" in html and "Webinar Wohnen" in html


def test_admin_gives_the_iframe_code(admin_client, events_data):
    page = admin_client.get(
        "/admin/embed-calendar/", {"site_language": "de", "theme": "wonen", "height": "500"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt;iframe src=&quot;http://testserver/de/embed/calendar/?theme=wonen" in html
    assert "height=&quot;500&quot;" in html
    assert "title=&quot;Kommende Veranstaltungen&quot;" in html
