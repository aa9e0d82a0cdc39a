"""A directory that stays current: the report of organisations due for a
check, marking them checked, asking them by e-mail for a signed link with which
they confirm or correct their own entry (changes wait for an editor), and the
yearly reminder."""

import csv
import io
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale, ModelLogEntry
from wagtail.users.models import UserProfile

from home.models import Organisation
from kennisbank import checks
from kennisbank.models import OrganisationChange, OrganisationCheckRequest
from tests.kennisbank.conftest import make_organisation

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/organisations-to-check/"


@pytest.fixture
def organisations(taxonomy, directory):
    today = timezone.localdate()
    return {
        "fresh": make_organisation(
            "BOKD",
            "bokd",
            kind="network",
            last_checked=today - timedelta(days=30),
            contact_email="info@bokd.example",
        ),
        "stale": make_organisation(
            "Oranje Fonds",
            "oranje-fonds",
            description="Geeft geld aan buurtinitiatieven.",
            last_checked=today - timedelta(days=400),
            contact_email="info@oranjefonds.example",
            german={"Geeft geld aan buurtinitiatieven.": "Gibt Geld für Nachbarschaften."},
        ),
        "german": make_organisation(
            "Mienthuus",
            "mienthuus",
            kind="initiative",
            country="DE",
            description="Dorpsplein in Kranenburg.",
            contact_email="hallo@mienthuus.example",
            german={"Dorpsplein in Kranenburg.": "Dorfplatz in Kranenburg."},
        ),
        "silent": make_organisation("Stil Fonds", "stil-fonds"),
    }


def make_editor(language="en"):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def editor(client):
    user = make_editor()
    client.force_login(user)
    return user


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def link_in(message):
    return re.search(r"https?://\S+/check/[A-Za-z0-9_-]+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_report_shows_only_organisations_due_with_their_actions(client, organisations, editor):
    page = soup(client.get(REPORT))
    rows = page.select("tbody tr")
    names = [row.select_one("td").get_text(" ", strip=True) for row in rows]
    assert names == ["Mienthuus", "Stil Fonds", "Oranje Fonds"]
    mienthuus = rows[0]
    assert "hallo@mienthuus.example" in mienthuus.get_text()
    assert mienthuus.find("button", string=re.compile("Mark as checked"))
    assert mienthuus.find("button", string=re.compile("Ask the organisation"))
    # Without an address there is nobody to ask.
    assert not rows[1].find("button", string=re.compile("Ask the organisation"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {"Name": "Mienthuus", "Kind": "Community initiative", "Country": "Germany"}),
        ("de", {"Name": "Mienthuus", "Art": "Bürgerinitiative", "Land": "Deutschland"}),
    ],
)
def test_report_export_is_in_the_editors_language(client, organisations, language, expected):
    """The CSV streams after the view returned; it keeps the editor's language
    and names kinds and countries as words, like the XLSX and the list."""
    client.force_login(make_editor(language))
    response = client.get(REPORT + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    first = {key: rows[0][key] for key in expected}
    assert first == expected
    xlsx = client.get(REPORT + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings, values = [[cell.value for cell in r] for r in list(sheet.iter_rows())[:2]]
    assert headings == list(rows[0]) and values[:3] == list(rows[0].values())[:3]


def test_mark_as_checked_sets_the_date_everywhere_and_is_logged(client, organisations, editor):
    stale = organisations["stale"]
    response = client.post(f"{REPORT}{stale.pk}/checked/", follow=True)
    assert "Oranje Fonds is marked as checked." in response.content.decode()
    today = timezone.localdate()
    versions = Organisation.objects.filter(translation_key=stale.translation_key)
    assert versions.count() == 2
    assert {v.last_checked for v in versions} == {today}
    assert "Oranje Fonds" not in [row.get_text() for row in soup(response).select("tbody tr")]
    entry = ModelLogEntry.objects.get(action="kennisbank.organisation_checked")
    assert entry.user == editor and entry.object_id == str(stale.pk)


def test_marking_needs_the_right_to_change_organisations(client, organisations):
    user = get_user_model().objects.create_user("gast", "g@example.org", "pw")
    client.force_login(user)
    client.post(f"{REPORT}{organisations['stale'].pk}/checked/")
    organisations["stale"].refresh_from_db()
    assert organisations["stale"].last_checked < timezone.localdate()


def test_ask_mails_a_link_in_the_organisations_language(client, organisations, editor):
    client.post(f"{REPORT}{organisations['german'].pk}/ask/")
    client.post(f"{REPORT}{organisations['stale'].pk}/ask/")
    german, dutch = mail.outbox
    assert german.to == ["hallo@mienthuus.example"]
    assert german.subject == "Sind die Angaben von Mienthuus noch aktuell?"
    assert "/de/wer-kann-helfen/check/" in link_in(german)
    assert "Konto" in german.body
    assert dutch.to == ["info@oranjefonds.example"]
    assert dutch.subject == "Kloppen de gegevens van Oranje Fonds nog?"
    assert "/nl/wie-kan-helpen/check/" in link_in(dutch)
    asked = OrganisationCheckRequest.objects.get(organisation=organisations["german"])
    assert asked.language == "de" and asked.sent_by == editor
    row = soup(client.get(REPORT)).select("tbody tr")[0]
    assert "Mienthuus" in row.get_text() and "Just now" in row.get_text()  # last asked


def test_asking_without_an_address_says_why(client, organisations, editor):
    response = client.post(f"{REPORT}{organisations['silent'].pk}/ask/", follow=True)
    assert "Stil Fonds has no contact e-mail address." in response.content.decode()
    assert mail.outbox == []


def test_organisation_confirms_through_its_link(client, organisations):
    checks.ask(organisations["german"])
    url = path_of(link_in(mail.outbox[0]))
    page = soup(client.get(url))
    assert page.find("h1").get_text(strip=True) == "Sind die Angaben von Mienthuus noch aktuell?"
    assert page.find("textarea").get_text(strip=True) == "Dorfplatz in Kranenburg."
    response = client.post(url, {"action": "confirm"}, follow=True)
    assert "als geprüft markiert" in response.content.decode()
    assert {
        o.last_checked
        for o in Organisation.objects.filter(
            translation_key=organisations["german"].translation_key
        )
    } == {timezone.localdate()}
    assert response.redirect_chain[-1][0] == url
    assert "private" in client.get(url)["Cache-Control"]


def details(organisation, **changes):
    data = {
        name: getattr(organisation, name)
        for name in checks.EDITABLE_FIELDS
        if getattr(organisation, name) not in (False, None)
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def test_edit_through_link_waits_for_approval_and_approval_publishes(
    client, organisations, django_capture_on_commit_callbacks
):
    german = organisations["german"]
    checks.ask(german)
    url = path_of(link_in(mail.outbox[0]))
    german_version = german.get_translation(Locale.objects.get(language_code="de"))
    response = client.post(
        url,
        {
            "action": "edit",
            **details(
                german_version,
                description="Dorfplatz und Reparaturcafé in Kranenburg.",
                website="https://mienthuus.example",
                offers_advice="on",
            ),
        },
        follow=True,
    )
    assert "Redaktion" in response.content.decode()
    change = OrganisationChange.objects.get()
    assert change.status == OrganisationChange.Status.PENDING
    assert change.data == {
        "description": "Dorfplatz und Reparaturcafé in Kranenburg.",
        "website": "https://mienthuus.example",
        "offers_advice": True,
    }
    # Not live: neither the entry nor its public page changed.
    german_version.refresh_from_db()
    assert german_version.description == "Dorfplatz in Kranenburg."
    assert "Reparaturcafé" not in client.get("/de/wer-kann-helfen/mienthuus/").content.decode()

    client.force_login(make_editor())
    row = soup(client.get(REPORT)).find("a", string=re.compile("Review proposed changes"))
    review = soup(client.get(row["href"]))
    assert "Dorfplatz und Reparaturcafé in Kranenburg." in review.get_text()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(row["href"], {"action": "approve"})
    client.logout()

    german_version.refresh_from_db()
    source = Organisation.objects.get(pk=german.pk)
    assert german_version.description == "Dorfplatz und Reparaturcafé in Kranenburg."
    assert source.description == "Dorpsplein in Kranenburg."  # the Dutch text stays Dutch
    assert source.website == german_version.website == "https://mienthuus.example"
    assert source.offers_advice and source.last_checked == timezone.localdate()
    assert "Reparaturcafé" in client.get("/de/wer-kann-helfen/mienthuus/").content.decode()
    (told,) = mail.outbox
    assert told.to == ["hallo@mienthuus.example"] and "online" in told.subject


def test_rejected_changes_stay_offline_and_the_organisation_is_told(
    organisations, django_capture_on_commit_callbacks
):
    stale = organisations["stale"]
    change = checks.propose_change(stale, "nl", details(stale, name="Oranje Fonds NL"))
    with django_capture_on_commit_callbacks(execute=True):
        checks.reject(change, make_editor())
    stale.refresh_from_db()
    assert stale.name == "Oranje Fonds"
    assert "niet aangepast" in mail.outbox[0].subject


def test_bad_input_gets_translated_messages_and_keeps_what_was_typed(client, organisations):
    checks.ask(organisations["german"])
    url = path_of(link_in(mail.outbox[0]))
    response = client.post(
        url,
        {
            "action": "edit",
            "name": "",
            "website": "kein link",
            "description": "Neu " * 5,
            "contact_email": "nope",
        },
    )
    assert response.status_code == 200
    page = soup(response)
    errors = " ".join(e.get_text() for e in page.select(".field-error"))
    assert "Dieses Feld muss ausgefüllt werden." in errors
    assert "gültige" in errors  # URL and e-mail address
    assert page.find("input", {"name": "website"})["value"] == "kein link"
    assert page.find("textarea").get_text(strip=True) == ("Neu " * 5).strip()
    assert OrganisationChange.objects.count() == 0


def test_expired_and_tampered_links_say_so(client, organisations, settings):
    token = checks.check_token(organisations["stale"])
    url = f"/nl/wie-kan-helpen/check/{token}/"
    assert client.get(url).status_code == 200
    settings.ORGANISATION_CHECK_LINK_DAYS = 0  # every link is older than that
    expired = client.get(url)
    assert expired.status_code == 410
    assert "Deze link is verlopen" in expired.content.decode()
    tampered = client.get(f"/nl/wie-kan-helpen/check/{token[:-3]}xyz/")
    assert tampered.status_code == 404
    assert "Deze link werkt niet" in tampered.content.decode()
    assert client.post(url, {"action": "confirm"}).status_code == 410
    organisations["stale"].refresh_from_db()
    assert organisations["stale"].last_checked < timezone.localdate()


def test_yearly_reminder_asks_each_due_organisation_once(organisations):
    call_command("ask_organisations")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hallo@mienthuus.example",
        "info@oranjefonds.example",
    ]
    call_command("ask_organisations")
    assert len(mail.outbox) == 2
    # A month and more later, who has still not answered is asked again.
    OrganisationCheckRequest.objects.update(sent_at=timezone.now() - timedelta(days=31))
    checks.mark_checked(organisations["german"])
    call_command("ask_organisations")
    assert [m.to[0] for m in mail.outbox[2:]] == ["info@oranjefonds.example"]


def test_a_mail_server_failure_is_told_to_the_editor_not_a_500(
    client, organisations, editor, monkeypatch
):
    import smtplib

    def fail(message, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    response = client.post(f"{REPORT}{organisations['stale'].pk}/ask/", follow=True)
    assert response.status_code == 200
    assert "The e-mail could not be sent; please try again later." in response.content.decode()
    assert not OrganisationCheckRequest.objects.exists()
