"""The editors' page forms (times and place; a session's tracks and rooms; snippet
links kept in the page's language), the `extend_occurrences` command, and the
"busy" answer when a date's lock cannot be had in time."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone, translation

from demo import factories
from demo.registry import translate
from events.models import EventPage, Occurrence
from festival.models import SessionPage
from kennisbank.models import ArticlePage
from partners.models import PartnerPage
from registration import services
from registration.models import Registration
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    """Error messages are asserted in the site's default language, whatever ran before."""
    with translation.override("nl"):
        yield


def page_form(model, parent, user, data=None, instance=None):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(data, instance=instance or model(), parent_page=parent, for_user=user)


def event_data(**overrides):
    data = {"title": "Repaircafé", "slug": "repaircafe", "languages": ["nl"]}
    data.update({"start": "2026-12-12 10:00", "end": "2026-12-12 13:00", "body-count": "0"})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# -- EventPageForm --------------------------------------------------------------------


def test_event_form_refuses_an_end_before_the_start(calendar, venue, admin_user):
    fine = page_form(EventPage, calendar, admin_user, event_data(venue=venue.pk))
    fine.is_valid()
    assert "end" not in fine.errors and "venue" not in fine.errors
    early = page_form(
        EventPage, calendar, admin_user, event_data(venue=venue.pk, end="2026-12-12 09:00")
    )
    assert not early.is_valid()
    assert early.errors["end"] == ["Het einde ligt voor het begin."]


@pytest.mark.parametrize(
    ("place", "error"),
    [({}, True), ({"online_url": "https://meet.example/x"}, False), ({"venue": "venue"}, False)],
)
def test_event_form_needs_a_venue_or_an_online_link(calendar, venue, admin_user, place, error):
    place = {k: venue.pk if v == "venue" else v for k, v in place.items()}
    form = page_form(EventPage, calendar, admin_user, event_data(**place))
    form.is_valid()
    assert ("venue" in form.errors) is error
    assert "end" not in form.errors


# -- SessionPageForm ------------------------------------------------------------------


def test_session_form_offers_only_the_parent_festivals_tracks_and_rooms(site_tree, admin_user):
    ours = factories.FestivalPageFactory(parent=site_tree["home"], slug="ons-festival")
    other = factories.FestivalPageFactory(parent=site_tree["home"], slug="ander-festival")
    tracks = [factories.FestivalTrackFactory(page=page) for page in (ours, ours, other)]
    rooms = [factories.FestivalRoomFactory(page=page) for page in (ours, other)]
    form = page_form(SessionPage, ours, admin_user)
    assert set(form.fields["track"].queryset) == set(tracks[:2])
    assert set(form.fields["room"].queryset) == {rooms[0]}
    session = factories.SessionPageFactory(parent=other, track=tracks[2])
    edit = page_form(SessionPage, None, admin_user, instance=session)
    assert set(edit.fields["track"].queryset) == {tracks[2]}
    assert set(edit.fields["room"].queryset) == {rooms[1]}


# -- Snippet links in the page's language ---------------------------------------------


def formset(prefix, *values, field):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(values)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, value in enumerate(values):
        data.update({f"{prefix}-{n}-{field}": value.pk, f"{prefix}-{n}-ORDER": str(n + 1)})
    return data


def test_article_form_links_the_german_versions_of_dutch_snippets(
    site_tree, locales, admin_user, translate_page
):
    german_index = site_tree["kennisbank"].get_translation(locales["de"])
    theme = factories.ThemeFactory(name="Wonen")
    german_theme = translate(theme, "de", {"Wonen": "Wohnen"})
    untranslated = factories.RegionFactory(name="Drenthe")
    kind = factories.ArticleKindFactory(name="Artikel")
    german_kind = translate(kind, "de", {"Artikel": "Artikel"})
    data = {
        "title": "Dorfhaus",
        "slug": "dorfhaus",
        "intro": "Ein Dorf.",
        "publication_date": "2024-01-01",
        "body-count": "0",
        "kind": kind.pk,
        **formset("theme_links", theme, field="theme"),
        **formset("region_links", untranslated, field="region"),
    }
    form = page_form(ArticlePage, german_index, admin_user, data)
    assert not form.is_valid()
    assert form.cleaned_data["kind"] == german_kind
    [theme_form] = form.formsets["theme_links"].forms
    assert theme_form.cleaned_data["theme"] == german_theme
    assert theme_form.instance.theme == german_theme
    [region_form] = form.formsets["region_links"].forms
    assert region_form.non_field_errors() == [
        "“Drenthe” heeft nog geen versie in het Duits; vertaal die eerst."
    ]


def test_partner_form_links_the_german_versions_of_contacts_and_funders(
    site_tree, locales, admin_user
):
    index = factories.PartnerIndexPageFactory(parent=site_tree["home"], locale=locales["nl"])
    translate(index, "de", {"Partners": "Partner"})
    german_index = index.get_translation(locales["de"])
    funder = factories.OrganisationFactory(name="Stichting DOEN")
    german_funder = translate(funder, "de", {"Stichting DOEN": "Stiftung DOEN"})
    contact = factories.PersonFactory(name="Anna de Vries")
    german_contact = translate(contact, "de", {})
    data = {
        "title": "Dörfer am Niederrhein",
        "slug": "doerfer",
        "intro": "Ein Netzwerk.",
        "country": "DE",
        **{f"{name}-count": "0" for name in ("body", "timeline", "gallery")},
        **formset("funder_links", funder, field="organisation"),
        **formset("contact_links", contact, field="person"),
    }
    form = page_form(PartnerPage, german_index, admin_user, data)
    form.is_valid()
    [funder_form] = form.formsets["funder_links"].forms
    [contact_form] = form.formsets["contact_links"].forms
    assert funder_form.cleaned_data["organisation"] == german_funder
    assert contact_form.cleaned_data["person"] == german_contact
    assert german_contact.locale == locales["de"] and german_contact.pk != contact.pk


# -- extend_occurrences ---------------------------------------------------------------


def test_extend_occurrences_brings_every_live_series_up_to_the_horizon(
    make_event, settings, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 1, 5, 9, 0))
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = 60
    weekly = make_event(
        start=local(2026, 1, 6, 10, 0), end=local(2026, 1, 6, 11, 0), rule="RRULE:FREQ=WEEKLY"
    )
    make_event(title="Concept", slug="concept", rule="RRULE:FREQ=WEEKLY", publish=False, live=False)

    def dates():
        return Occurrence.objects.filter(event_key=weekly.translation_key).count()

    assert dates() == 9  # Tuesdays 6 January to 3 March: up to 60 days ahead
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = 120
    out = StringIO()
    call_command("extend_occurrences", stdout=out)
    assert out.getvalue() == "Occurrences brought up to date for 1 events.\n"
    assert dates() == 17  # ... to 28 April
    quiet = StringIO()
    call_command("extend_occurrences", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == "" and dates() == 17


# -- The lock's "busy" answer ---------------------------------------------------------


def test_a_lock_that_times_out_answers_busy_and_registers_nobody(client, make_event, monkeypatch):
    workshop = make_event(
        title="Workshop",
        slug="workshop",
        registration_settings=registration_on(),
        capacity=3,
        start=timezone.now() + timedelta(days=7),
        end=timezone.now() + timedelta(days=7, hours=2),
    )
    occurrence = first_date(workshop)

    def timed_out(self, *args, **kwargs):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(type(Occurrence.objects.all()), "select_for_update", timed_out)
    with pytest.raises(services.Busy):
        services.register(occurrence, name="Anna", email="anna@example.org", places=1)
    data = {
        "occurrence": occurrence.pk,
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "places": "1",
        "consent": "on",
        "website": "",
        "form_token": "t" * 32,
    }
    response = client.post("/nl/agenda/workshop/aanmelden/", data)
    assert response.status_code == 200
    assert "Het is nu erg druk. Probeer het zo nog eens." in response.content.decode()
    assert not Registration.objects.exists()
