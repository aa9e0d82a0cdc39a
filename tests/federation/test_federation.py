"""ActivityPub against a peer on loopback: it follows our actor, gets the
event in every language with its times, then its update and its deletion;
signatures good, bad and missing; retries; nothing private in any object."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage
from federation import actors, objects, services
from federation.models import Delivery, Follower, PublishedObject, RemoteActor

ACTIVITY = "application/activity+json"
INBOX = "/ap/actors/netwerk/inbox"
ACTOR = "http://testserver/ap/actors/netwerk"


def send(client, peer, activity, path=INBOX, **kwargs):
    body, headers = peer.signed_post(path, activity, **kwargs)
    return client.post(path, data=body, content_type=ACTIVITY, headers=headers)


def followed(client, peer, capture):
    with capture(execute=True):
        response = send(client, peer, peer.follow(ACTOR))
    assert response.status_code == 202, response.content
    return response


@pytest.mark.django_db
def test_webfinger_and_actor(client, locales):
    response = client.get("/.well-known/webfinger", {"resource": "acct:netwerk@testserver"})
    assert response.status_code == 200
    links = response.json()["links"]
    assert {"rel": "self", "type": ACTIVITY, "href": ACTOR} in links
    assert (
        client.get("/.well-known/webfinger", {"resource": "acct:nobody@testserver"}).status_code
        == 404
    )
    assert (
        client.get("/.well-known/webfinger", {"resource": "acct:netwerk@elsewhere"}).status_code
        == 404
    )
    actor = client.get("/ap/actors/netwerk").json()
    assert actor["type"] == "Organization"
    assert actor["inbox"] == ACTOR + "/inbox"
    assert "BEGIN PUBLIC KEY" in actor["publicKey"]["publicKeyPem"]
    assert "PRIVATE" not in json.dumps(actor)
    # One key pair, made on first use and kept.
    assert client.get("/ap/actors/netwerk").json()["publicKey"] == actor["publicKey"]


@pytest.mark.django_db
def test_nodeinfo(client, locales):
    links = client.get("/.well-known/nodeinfo").json()["links"]
    href = links[0]["href"].removeprefix("http://testserver")
    info = client.get(href).json()
    assert info["version"] == "2.1"
    assert info["protocols"] == ["activitypub"]


@pytest.mark.django_db
def test_follow_is_accepted_and_undone(client, peer, our_key, django_capture_on_commit_callbacks):
    followed(client, peer, django_capture_on_commit_callbacks)
    follower = Follower.objects.get()
    assert follower.uri == peer.actor_id
    assert follower.delivery_inbox == f"{peer.base}/shared-inbox"
    (accept,) = peer.activities(our_key)
    assert accept["type"] == "Accept"
    assert accept["actor"] == ACTOR
    assert accept["object"]["actor"] == peer.actor_id
    follow = peer.follow(ACTOR)
    undo = {"type": "Undo", "id": follow["id"] + "/undo", "actor": peer.actor_id, "object": follow}
    assert send(client, peer, undo).status_code == 202
    assert not Follower.objects.exists()


@pytest.mark.django_db
def test_event_reaches_the_peer_in_every_language_then_update_and_delete(
    client, peer, our_key, make_event, translate_page, soon, django_capture_on_commit_callbacks
):
    followed(client, peer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(
            title="Repaircafé",
            intro="Kapotte spullen? Samen repareren.",
            start=soon,
            end=soon + timedelta(hours=3),
        )
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(
            event,
            "de",
            {
                "Repaircafé": "Reparatur-Café",
                "Kapotte spullen? Samen repareren.": "Kaputte Sachen? Gemeinsam reparieren.",
            },
        )
    received = peer.activities(our_key)
    creates = [a for a in received if a["type"] == "Create"]
    updates = [a for a in received if a["type"] == "Update"]
    assert len(creates) == 1
    created = creates[0]["object"]
    assert created["type"] == "Event"
    assert created["nameMap"]["nl"] == "Repaircafé"
    assert created["startTime"] == soon.isoformat(timespec="seconds")
    assert created["startTime"][-6:] in {"+01:00", "+02:00"}
    assert created["timezone"] == "Europe/Amsterdam"
    assert created["location"]["address"]["addressLocality"] == "Kranenburg"
    assert created["joinMode"] == "external"
    # The translation arrives as an update carrying both languages.
    assert updates, [a["type"] for a in received]
    latest = updates[-1]["object"]
    assert latest["nameMap"] == {"nl": "Repaircafé", "de": "Reparatur-Café"}
    assert latest["contentMap"]["de"] == "<p>Kaputte Sachen? Gemeinsam reparieren.</p>"
    assert latest["id"] == created["id"]
    # Unpublishing deletes it.
    with django_capture_on_commit_callbacks(execute=True):
        for version in EventPage.objects.filter(translation_key=event.translation_key):
            version.unpublish()
    deletes = [a for a in peer.activities(our_key) if a["type"] == "Delete"]
    assert deletes and deletes[-1]["object"] == {
        "id": created["id"],
        "type": "Tombstone",
        "deleted": deletes[-1]["object"]["deleted"],
    }
    assert not PublishedObject.objects.exists()


@pytest.mark.django_db
def test_an_event_whose_source_is_unpublished_is_deleted_not_sent_without_a_date(
    client, peer, our_key, make_event, translate_page, soon, django_capture_on_commit_callbacks
):
    followed(client, peer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(title="Repaircafé", start=soon, end=soon + timedelta(hours=3))
    translate_page(event, "de", {"Repaircafé": "Reparatur-Café"})
    told = len(peer.activities(our_key))
    # The Dutch source goes offline; the German translation stays live, without dates.
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=event.pk).unpublish()
    assert EventPage.objects.filter(translation_key=event.translation_key, live=True).exists()
    after = peer.activities(our_key)[told:]
    assert [a["type"] for a in after] == ["Delete"]
    assert after[0]["object"]["id"] == objects.event_id(event.translation_key)
    assert not PublishedObject.objects.exists()


@pytest.mark.django_db
def test_each_date_of_a_series_is_its_own_object(make_event, soon, locales):
    event = make_event(
        title="Taalcafé",
        start=soon,
        end=soon + timedelta(hours=2),
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
    )
    series, dates = objects.event_documents(event)
    assert len(dates) == 3
    assert {d["superEvent"] for d in dates} == {series["id"]}
    assert len({d["id"] for d in dates}) == 3
    assert dates[1]["startTime"] == (soon + timedelta(days=7)).isoformat(timespec="seconds")


@pytest.mark.django_db
def test_pages_answer_activity_json_and_announce_it(client, make_event, soon, settings):
    settings.PAGE_CACHE_SECONDS = 60
    event = make_event(title="Open dag", start=soon, end=soon + timedelta(hours=2))
    url = event.url
    html = client.get(url)
    assert html["Content-Type"].startswith("text/html")
    assert b'type="application/activity+json"' in html.content
    assert "Accept" in html["Vary"]
    as_json = client.get(url, HTTP_ACCEPT=ACTIVITY)
    assert as_json["Content-Type"].startswith(ACTIVITY)
    assert as_json.json()["type"] == "Event"
    ld = client.get(
        url, HTTP_ACCEPT='application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    )
    assert ld.json()["id"] == as_json.json()["id"]
    # The page cache never mixes them up, in either order.
    again = client.get(url)
    assert again["Content-Type"].startswith("text/html")
    assert client.get(url, HTTP_ACCEPT=ACTIVITY)["Content-Type"].startswith(ACTIVITY)
    # The object's own address answers too.
    path = as_json.json()["id"].removeprefix("http://testserver")
    assert client.get(path).json()["nameMap"] == {"nl": "Open dag"}


@pytest.mark.django_db
def test_hidden_online_link_and_private_data_never_leave(make_event, soon, locales, monkeypatch):
    from wagtail import hooks

    from events.hooks import ONLINE_LINK_HIDDEN

    secret = "https://meet.example.org/secret-room"
    event = make_event(
        title="Webinar",
        start=soon,
        end=soon + timedelta(hours=1),
        venue=None,
        online_url=secret,
        contact_email="organiser@example.org",
        contact_phone="+31 6 12345678",
    )
    with hooks.register_temporarily(ONLINE_LINK_HIDDEN, lambda events: {e.pk for e in events}):
        document = objects.event_documents(event)[0]
    text = json.dumps(document)
    assert secret not in text
    assert "organiser@example.org" not in text
    assert "12345678" not in text
    assert document["location"]["type"] == "VirtualLocation"
    # Without the hook the link is public and shown.
    assert secret in json.dumps(objects.event_documents(event)[0])


@pytest.mark.django_db
def test_unsigned_and_mis_signed_requests_are_refused(client, peer, locales):
    follow = peer.follow(ACTOR)
    unsigned = client.post(INBOX, data=json.dumps(follow), content_type=ACTIVITY)
    assert unsigned.status_code == 401
    from cryptography.hazmat.primitives.asymmetric import rsa

    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert send(client, peer, follow, key=other_key).status_code == 401
    # A body changed after signing: the digest no longer matches.
    body, headers = peer.signed_post(INBOX, follow)
    tampered = body.replace(b"Follow", b"Block")
    assert (
        client.post(INBOX, data=tampered, content_type=ACTIVITY, headers=headers).status_code == 401
    )
    # A signature that leaves out the digest does not count.
    assert (
        send(client, peer, follow, headers_list=["(request-target)", "host", "date"]).status_code
        == 401
    )
    # Signed correctly, but on behalf of someone else: forbidden.
    forged = {**follow, "actor": "http://127.0.0.1:1/someone-else"}
    assert send(client, peer, forged).status_code == 403
    assert not Follower.objects.exists()


@pytest.mark.parametrize(
    ("header", "good"),
    [
        ("SHA-256={value}", True),
        ("sha-256={value}", True),  # as bovine sends it: names are case-insensitive
        ("MD5=abc, sha-256={value}", True),
        ("sha-256=AAAA{value}", False),
        ("sha-512={value}", False),
    ],
)
def test_the_digest_is_read_whatever_the_case_of_its_algorithm(header, good):
    from federation import signatures

    private, public = signatures.new_key_pair()
    body = b'{"type": "Follow"}'
    url = "https://example.org/ap/actors/netwerk/inbox"
    headers = signatures.sign("POST", url, key_id="k", private_key_pem=private, body=body)
    value = headers["Digest"].split("=", 1)[1]
    headers = {name.lower(): text for name, text in headers.items()}
    headers["digest"] = header.format(value=value)
    # The signature covers the digest header: sign the one under test.
    parsed = signatures.parse(headers["signature"])
    text = "\n".join(
        [
            "(request-target): post /ap/actors/netwerk/inbox",
            "host: example.org",
            f"date: {headers['date']}",
            f"digest: {headers['digest']}",
        ]
    )
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_private_key(private.encode(), password=None)
    parsed.signature = key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())

    def check():
        signatures.check(
            parsed,
            method="POST",
            path="/ap/actors/netwerk/inbox",
            headers=headers,
            body=body,
            public_key_pem=public,
        )

    if good:
        check()
    else:
        with pytest.raises(signatures.SignatureError, match="digest"):
            check()


@pytest.mark.django_db
def test_a_good_signature_is_accepted_and_the_key_kept(
    client, peer, django_capture_on_commit_callbacks
):
    followed(client, peer, django_capture_on_commit_callbacks)
    assert RemoteActor.objects.get().key_id == peer.key_id


@pytest.mark.django_db
def test_failed_delivery_is_retried_with_backoff(
    client, peer, our_key, django_capture_on_commit_callbacks
):
    peer.status = 500
    followed(client, peer, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.attempts == 1 and delivery.delivered_at is None
    first_wait = delivery.next_try - timezone.now()
    assert timedelta(minutes=4) < first_wait <= timedelta(minutes=5)
    call_command("deliver_activities", verbosity=0)  # not due yet
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    later = timezone.now() + timedelta(minutes=6)
    assert services.deliver_due(now=later) == (0, 1)
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_try - timezone.now() > timedelta(minutes=9)  # doubled
    peer.status = 202
    Delivery.objects.update(next_try=timezone.now())
    call_command("deliver_activities", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.attempts == 3


@pytest.mark.django_db
def test_no_delivery_to_private_addresses_in_production(settings, locales):
    from federation import transport

    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = False
    assert not transport.allowed_address("https://127.0.0.1/inbox")
    assert not transport.allowed_address("https://10.0.0.5/inbox")
    assert not transport.allowed_address("https://169.254.169.254/inbox")
    assert not transport.allowed_address("https://[::1]/inbox")
    assert not transport.allowed_address("http://93.184.215.14/inbox")  # not https
    assert transport.allowed_address("https://93.184.215.14/inbox")
    actor = actors.site_actor()
    delivery = Delivery.objects.create(
        actor=actor,
        inbox="https://127.0.0.1/inbox",
        activity={"type": "Create"},
        next_try=timezone.now(),
    )
    assert not services.deliver_one(delivery)
    assert "not allowed" in delivery.last_error


@pytest.mark.django_db
def test_a_restricted_event_is_never_federated(client, make_event, soon):
    from wagtail.models import PageViewRestriction

    event = make_event(title="Besloten overleg", start=soon, end=soon + timedelta(hours=1))
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert objects.event_documents(event) == (None, [])
    assert objects.delivered_event_documents(event) == []
    response = client.get(event.url, HTTP_ACCEPT=ACTIVITY)
    assert not response["Content-Type"].startswith(ACTIVITY)


@pytest.mark.django_db
def test_a_cancelled_date_reaches_followers_as_an_update(
    client, peer, our_key, make_event, soon, django_capture_on_commit_callbacks
):
    from events.models import OccurrenceException

    followed(client, peer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(
            title="Taalcafé",
            start=soon,
            end=soon + timedelta(hours=2),
            rule="RRULE:FREQ=WEEKLY;COUNT=3",
        )
    creates = [a for a in peer.activities(our_key) if a["type"] == "Create"]
    assert len(creates) == 3 and all("superEvent" in a["object"] for a in creates)
    second = (soon + timedelta(days=7)).date()
    event.exceptions.add(OccurrenceException(date=second, action="cancel", reason="Ziek"))
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    updates = [a for a in peer.activities(our_key) if a["type"] == "Update"]
    cancelled = [a["object"] for a in updates if a["object"]["eventStatus"] == "CANCELLED"]
    assert [o["startTime"][:10] for o in cancelled] == [second.isoformat()]


@pytest.mark.django_db
def test_outbox_and_followers_collections(
    client, peer, make_event, soon, django_capture_on_commit_callbacks
):
    followed(client, peer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Open dag", start=soon, end=soon + timedelta(hours=2))
    outbox = client.get("/ap/actors/netwerk/outbox").json()
    assert outbox["type"] == "OrderedCollection" and outbox["totalItems"] == 1
    page = client.get("/ap/actors/netwerk/outbox", {"page": 1}).json()
    assert page["type"] == "OrderedCollectionPage"
    assert page["orderedItems"][0]["type"] == "Create"
    assert client.get("/ap/actors/netwerk/outbox", {"page": 9}).json()["orderedItems"] == []
    assert client.get("/ap/actors/netwerk/outbox", {"page": "x"}).status_code == 400
    followers = client.get("/ap/actors/netwerk/followers").json()
    assert followers["totalItems"] == 1
    assert peer.actor_id not in json.dumps(followers)  # who follows is not ours to show
