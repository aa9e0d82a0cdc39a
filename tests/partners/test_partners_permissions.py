"""Editors of one partner section edit only that section: the partner page in
every language, the events below it and their registrations; nothing of other
partners or of the calendar."""

import uuid

import pytest
from django.contrib.auth.models import Group

from events.models import EventPage, Occurrence
from partners.models import PartnerIndexPage, PartnerPage
from partners.sections import ensure_editor_group
from registration.models import RegistrationSettings
from tests.conftest import fresh
from tests.partners.test_partners import built_partner_tree
from tests.registration.registration_support import sign_up

pytestmark = pytest.mark.django_db

__all__ = ["built_partner_tree"]  # a module-scoped fixture: built once here too


def first_date(event):
    return Occurrence.objects.filter(event_key=event.translation_key).order_by("start").first()


def open_registration(event):
    EventPage.objects.filter(translation_key=event.translation_key).update(capacity=10)
    key = uuid.uuid4()  # the rows of an event's translations share one key
    for page in EventPage.objects.filter(translation_key=event.translation_key):
        RegistrationSettings.objects.create(
            page=page, locale_id=page.locale_id, translation_key=key, enabled=True
        )
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def partner_tree(built_partner_tree, db):
    """The partner tree of the page tests: Mienthuus (German first) and Belarus."""
    return fresh(built_partner_tree)


@pytest.fixture
def mienthuus_editor(partner_tree, django_user_model, client):
    ensure_editor_group(partner_tree["german"], name="Mienthuus editors")
    user = django_user_model.objects.create_user("iris", password="x")
    user.groups.add(Group.objects.get(name="Mienthuus editors"))
    client.force_login(user)
    return user


def can_edit(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    return response.status_code == 200


def refused(client, path, secret):
    # Wagtail answers PermissionDenied in the admin with a redirect and a message.
    response = client.get(path)
    return response.status_code in (302, 403) and secret not in response.content.decode()


def test_group_holds_the_section_in_every_language(partner_tree):
    group = ensure_editor_group(partner_tree["german"], name="Mienthuus editors")
    pages = {p.page_id for p in group.page_permissions.all()}
    assert pages == {
        partner_tree["german"].pk,
        partner_tree["dutch"].pk,
        partner_tree["english"].pk,
    }
    assert group.permissions.filter(codename="access_admin").exists()
    # Running it again changes nothing.
    count = group.page_permissions.count()
    ensure_editor_group(partner_tree["german"], name="Mienthuus editors")
    assert group.page_permissions.count() == count


def test_mienthuus_editor_edits_the_mienthuus_section_and_nothing_else(
    client, partner_tree, mienthuus_editor
):
    assert can_edit(client, partner_tree["german"])
    assert can_edit(client, partner_tree["dutch"])
    assert can_edit(client, partner_tree["own_event"])
    assert not can_edit(client, partner_tree["belarus"])
    assert not can_edit(client, partner_tree["organised"])  # in the calendar, though theirs
    assert not can_edit(client, partner_tree["other_event"])
    assert not can_edit(client, partner_tree["index"])


def test_mienthuus_editor_sees_only_registrations_of_mienthuus_events(
    client, partner_tree, mienthuus_editor
):
    own = open_registration(partner_tree["own_event"])
    other = open_registration(partner_tree["other_event"])
    sign_up(first_date(own), 1)
    sign_up(first_date(other), 2)

    response = client.get(f"/admin/registrations/?event={own.pk}")
    assert response.status_code == 200
    assert "Bezoeker 1" in response.content.decode()
    everything = client.get("/admin/registrations/").content.decode()
    assert "Bezoeker 1" in everything and "Bezoeker 2" not in everything
    # Another section's event is no choice: the list stays on the editor's own.
    foreign = client.get(f"/admin/registrations/?event={other.pk}").content.decode()
    assert "Bezoeker 2" not in foreign and f'value="{other.pk}"' not in foreign
    assert refused(client, f"/admin/registrations/{other.pk}/", "Bezoeker 2")
    assert client.post(
        f"/admin/registrations/{other.pk}/", {"action": "cancel", "registration": 0}
    ).status_code in (302, 403)
    assert refused(
        client,
        f"/admin/registrations/{other.pk}/check-in/{first_date(other).pk}/",
        "Bezoeker 2",
    )
    dashboard = client.get("/admin/").content.decode()
    assert "Werkstatt Online-Dorfplatz" in dashboard
    assert "Leerkring Brakkenstein" not in dashboard


def test_a_translation_made_after_the_group_joins_the_section(
    site_tree, locales, translate_page, django_user_model, client
):
    index = PartnerIndexPage(
        title="Partners over de grens", slug="grensland"
    )  # beside the module's tree
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    translate_page(index, "de", {"Partners over de grens": "Partner über die Grenze"})
    german = PartnerPage(
        title="Dorfplatz Grenzland", slug="dorfplatz", intro="Ein Dorfplatz.", country="DE"
    )
    index.get_translation(locales["de"]).add_child(instance=german)
    german.save_revision().publish()
    group = ensure_editor_group(german, name="Grenzland editors")
    assert {p.page_id for p in group.page_permissions.all()} == {german.pk}

    dutch = translate_page(german, "nl", {"Dorfplatz Grenzland": "Dorpsplein Grensland"})

    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(group)
    client.force_login(user)
    assert can_edit(client, dutch)
    assert can_edit(client, german)
    assert not can_edit(client, index)
