"""Subscribing: double opt-in, the confirmation and manage links, bad input,
the honeypot and the rate limit."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache

from digests import emails, services
from digests.models import Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_now", "digest_pages")]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_subscribing_sends_only_a_confirmation_until_confirmed(client, digest_pages, taxonomy):
    theme = taxonomy["themes"]["wonen"]
    response = client.post(
        digest_pages["nl"].url,
        {
            "email": "Anna@Example.org",
            "frequency": "weekly",
            "theme_keys": [str(theme.translation_key)],
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.email == "anna@example.org"
    assert subscription.language == "nl"
    assert subscription.theme_keys == [str(theme.translation_key)]
    assert not subscription.is_confirmed
    assert len(mail.outbox) == 1
    assert "bevestig" in mail.outbox[0].subject.lower()
    # Not confirmed: not due, and the batch skips it.
    assert services.due_batches(date(2026, 12, 7)) == []

    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_confirmed  # a GET (a link scanner) confirms nothing
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_confirmed
    assert client.get(confirmed["Location"]).status_code == 200


def test_confirmed_address_is_not_changed_by_a_new_form(client, digest_pages, subscriber):
    subscription = subscriber(frequency="monthly")
    client.post(digest_pages["de"].url, {"email": subscription.email, "frequency": "weekly"})
    subscription.refresh_from_db()
    assert subscription.frequency == "monthly"
    assert subscription.language == "nl"
    assert len(mail.outbox) == 1
    # The manage link, to the subscriber's language's page. Its token carries
    # the second it was signed in, so the mailed link is followed rather than
    # compared with one signed later.
    link = _link(mail.outbox[0])
    assert link.startswith(emails.manage_link(subscription).rsplit("/", 2)[0] + "/")
    assert client.get(link).status_code == 200
    assert digest_pages["nl"].url in mail.outbox[0].body


def test_bad_input_keeps_what_was_typed(client, digest_pages, taxonomy):
    theme = taxonomy["themes"]["wonen"]
    response = client.post(
        digest_pages["de"].url,
        {
            "email": "not an address",
            "frequency": "weekly",
            "theme_keys": [str(theme.translation_key)],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "E-Mail-Adresse" in html or "e-mail" in html.lower()
    assert 'value="not an address"' in html
    assert f'value="{theme.translation_key}" checked' in html or "checked" in html
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_unknown_choice_is_refused_with_a_message(client, digest_pages):
    response = client.post(
        digest_pages["nl"].url,
        {"email": "a@example.org", "frequency": "daily", "theme_keys": ["nonsense"]},
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_honeypot_stores_nothing(client, digest_pages):
    response = client.post(
        digest_pages["nl"].url,
        {"email": "bot@example.org", "frequency": "weekly", "website": "http://spam"},
    )
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_rate_limit_answers_with_a_message(client, digest_pages):
    for n in range(services_limit()):
        client.post(digest_pages["nl"].url, {"email": f"p{n}@example.org", "frequency": "weekly"})
    response = client.post(
        digest_pages["nl"].url, {"email": "late@example.org", "frequency": "weekly"}
    )
    assert response.status_code == 429
    assert "late@example.org" in response.content.decode()
    assert not Subscription.objects.filter(email="late@example.org").exists()


def services_limit():
    from digests.views import SUBSCRIBE_LIMIT

    return SUBSCRIBE_LIMIT[0]


def test_bad_link_says_so(client, digest_pages):
    response = client.get(
        digest_pages["nl"].url
        + digest_pages["nl"].reverse_subpage("digest_confirm", kwargs={"token": "nonsense"})
    )
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()


def test_unconfirmed_are_deleted_after_a_few_days(subscriber, now):
    old = subscriber(email="old@example.org", confirmed=False)
    Subscription.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=4))
    fresh = subscriber(email="new@example.org", confirmed=False)
    kept = subscriber(email="kept@example.org")
    Subscription.objects.filter(pk=kept.pk).update(created_at=now - timedelta(days=40))
    assert services.purge_unconfirmed(now) == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_manage_link_changes_choice_and_unsubscribes(client, digest_pages, subscriber, taxonomy):
    subscription = subscriber()
    token = services.token_for(subscription, "manage")
    url = digest_pages["nl"].url + digest_pages["nl"].reverse_subpage(
        "digest_manage", kwargs={"token": token}
    )
    assert client.get(url).status_code == 200
    region = taxonomy["regions"]["drenthe"]
    response = client.post(
        url, {"frequency": "monthly", "region_keys": [str(region.translation_key)]}
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "monthly"
    assert subscription.region_keys == [str(region.translation_key)]
    client.post(url, {"unsubscribe": "1"})
    assert not Subscription.objects.exists()


def test_footer_links_to_the_page_in_the_readers_language(client, digest_pages, site_tree):
    html = client.get(site_tree["home_de"].url).content.decode()
    assert f'href="{digest_pages["de"].url}"' in html
    assert f'href="{digest_pages["nl"].url}"' not in html
