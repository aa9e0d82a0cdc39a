"""The digest: what matches a subscription, in its language; sent once per
period; nothing when nothing matches; the unsubscribe headers and link; the
personal-data export and erase; queries that do not grow with the batch."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digests import emails, services
from digests.models import Subscription
from events.models import EventPageTheme
from home.privacy import erase_all, export_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("now", "digest_pages")]

MONDAY = date(2026, 12, 7)


@pytest.fixture
def content(make_article, make_event, taxonomy, repair_type, now):
    """A Dutch article on housing in Drenthe, one on local food, and a repair
    café (in the venue's region, NRW) on local food, next Saturday."""
    themes, regions = taxonomy["themes"], taxonomy["regions"]
    housing = make_article(
        title="Wonen in het dorp", themes=[themes["wonen"]], regions=[regions["drenthe"]]
    )
    food = make_article(title="Groente uit de buurt", themes=[themes["lokaal-voedsel"]])
    cafe = make_event(title="Repaircafé Kranenburg", event_type=repair_type)
    EventPageTheme.objects.create(page=cafe, theme=themes["lokaal-voedsel"])
    return {"housing": housing, "food": food, "cafe": cafe, "themes": themes, "regions": regions}


def key(obj):
    return str(obj.translation_key)


def titles(digest):
    return [line.title for line in digest.articles], [line.title for line in digest.events]


def test_matching_by_theme_region_type(subscriber, content, repair_type, venue):
    by_theme = subscriber(
        email="t@example.org", theme_keys=[key(content["themes"]["lokaal-voedsel"])]
    )
    by_region = subscriber(email="r@example.org", region_keys=[key(content["regions"]["drenthe"])])
    by_type = subscriber(email="e@example.org", event_type_keys=[key(repair_type)])
    by_venue_region = subscriber(email="v@example.org", region_keys=[key(venue.region)])
    both = subscriber(
        email="b@example.org",
        theme_keys=[key(content["themes"]["wonen"])],
        event_type_keys=[key(repair_type)],
    )
    digests = services.build_digests(Subscription.objects.all())
    assert titles(digests[by_theme.pk]) == (["Groente uit de buurt"], ["Repaircafé Kranenburg"])
    assert titles(digests[by_region.pk]) == (["Wonen in het dorp"], [])
    assert titles(digests[by_type.pk]) == ([], ["Repaircafé Kranenburg"])
    assert titles(digests[by_venue_region.pk]) == ([], ["Repaircafé Kranenburg"])
    # Every chosen kind must match: the café is not about housing.
    assert titles(digests[both.pk]) == (["Wonen in het dorp"], [])


def test_matching_by_partner_section(subscriber, content, site_tree):
    from home.models import Organisation
    from partners.models import PartnerIndexPage, PartnerOrganisation, PartnerPage

    organisation = Organisation.objects.create(name="Mienthuus", slug="mienthuus", kind="network")
    index = PartnerIndexPage(title="Partners", slug="partners")
    site_tree["home"].add_child(instance=index)
    partner = PartnerPage(title="Mienthuus", slug="mienthuus", intro="Dorp.", country="DE")
    partner.organisation_links.add(PartnerOrganisation(organisation=organisation))
    index.add_child(instance=partner)
    partner.save_revision().publish()
    from kennisbank.models import ArticleOrganisation

    ArticleOrganisation.objects.create(page=content["food"], organisation=organisation)
    follower = subscriber(section_keys=[key(partner)])
    digest = services.build_digests([follower])[follower.pk]
    assert titles(digest) == (["Groente uit de buurt"], [])


def test_digest_in_the_subscribers_language(subscriber, content, translate_page):
    translate_page(content["food"], "de", {"Groente uit de buurt": "Gemüse aus der Nachbarschaft"})
    german = subscriber(language="de", theme_keys=[key(content["themes"]["lokaal-voedsel"])])
    services.send_batch([german.pk], "2026-W50")
    message = mail.outbox[0]
    assert "Gemüse aus der Nachbarschaft" in message.body
    html = message.alternatives[0][0]
    assert "Gemüse aus der Nachbarschaft" in html
    # The event has no German version: the Dutch one stands in, the date in German.
    assert "Repaircafé Kranenburg" in message.body
    assert "Samstag, 12. Dezember 2026" in message.body


def test_nothing_sent_when_nothing_matches(subscriber, content, make_event):
    nothing = subscriber(region_keys=["00000000-0000-0000-0000-000000000000"])
    assert services.send_batch([nothing.pk], "2026-W50") == 0
    assert not mail.outbox
    nothing.refresh_from_db()
    assert nothing.last_sent_at is None


def test_not_sent_twice_in_a_period(subscriber, content):
    anna = subscriber()
    call_command("send_digests")
    call_command("send_digests")
    assert len(mail.outbox) == 1
    anna.refresh_from_db()
    assert anna.last_period == "2026-W50"
    assert services.due_batches(MONDAY) == []


def test_only_due_on_their_day(subscriber):
    weekly = subscriber(email="w@example.org")
    monthly = subscriber(email="m@example.org", frequency="monthly")
    unconfirmed = subscriber(email="u@example.org", confirmed=False)
    assert services.due_batches(date(2026, 12, 8)) == []
    assert services.due_batches(MONDAY) == [("2026-W50", [weekly.pk])]
    assert services.due_batches(date(2026, 12, 1)) == [("2026-12", [monthly.pk])]
    assert all(unconfirmed.pk not in ids for _period, ids in services.due_batches(MONDAY))


def test_headers_and_one_click_unsubscribe(client, subscriber, content):
    anna = subscriber()
    services.send_batch([anna.pk], "2026-W50")
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    url = header.split(">")[0].lstrip("<")
    assert url.startswith("http://testserver/nl/")
    assert "<mailto:" in header
    # The manage link (signed with the time it was made, so not recomputed
    # here) opens anna's settings.
    prefix = emails.manage_link(anna).rsplit("/", 2)[0] + "/"
    manage = re.search(re.escape(prefix) + r"[\w-]+/", message.body)
    assert manage is not None, message.body
    opened = client.get(manage.group(0).removeprefix("http://testserver"))
    assert opened.status_code == 200
    assert "anna@example.org" in opened.content.decode()
    path = url.removeprefix("http://testserver")

    # A link scanner's GET unsubscribes nobody.
    assert client.get(path).status_code == 200
    assert Subscription.objects.filter(pk=anna.pk).exists()
    # The mail program's POST carries no CSRF token, and works.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=anna.pk).exists()
    # Again: still fine.
    assert csrf_client.post(path).status_code == 200


def test_export_and_erase(subscriber):
    subscriber(email="anna@example.org", theme_keys=["x"])
    data = export_all("Anna@example.org")
    assert data["digest_subscriptions"][0]["themes"] == ["x"]
    sentences = erase_all("anna@example.org")
    assert any("1" in sentence for sentence in sentences)
    assert not Subscription.objects.exists()


def test_batch_queries_do_not_grow_with_subscribers(subscriber, content, repair_type):
    def batch(n, offset):
        for i in range(n):
            subscriber(
                email=f"p{offset + i}@example.org",
                language=["nl", "de", "en"][i % 3],
                theme_keys=[key(content["themes"]["lokaal-voedsel"])] if i % 2 else [],
                event_type_keys=[key(repair_type)] if i % 3 == 1 else [],
            )
        return Subscription.objects.filter(email__startswith="p").order_by("pk")[
            offset : offset + n
        ]

    small = list(batch(3, 0))
    with CaptureQueriesContext(connection) as few:
        services.build_digests(small)
    large = list(batch(30, 100))
    with CaptureQueriesContext(connection) as many:
        digests = services.build_digests(large)
    assert all(digests.values())
    assert len(many) <= len(few) + 2, [q["sql"][:120] for q in many.captured_queries]
