"""Federation's rules: who follows whom, what followers are told, and how an
activity reaches them.

- `receive(actor, activity, sender)`: an activity sent to our inbox, already
  signature-checked (`federation.inbox`). `Follow` of one of our actors makes
  a `Follower` and sends back a signed `Accept`; `Undo` of that `Follow` (or
  `Delete` of the remote actor) removes it. Anything else is ignored.
- `sync_page(translation_key)`: compare what followers were told about a page
  (`PublishedObject`) with what it is now (`federation.objects`): new objects
  become `Create`, changed ones `Update`, gone ones (unpublished, deleted, a
  date dropped from a series) `Delete` with a `Tombstone`. A cancelled date
  is an `Update` with `eventStatus` CANCELLED, so followers see why.
- `queue(actor, activity, inboxes)`: one `Delivery` per inbox (a shared inbox
  once), sent by the task worker; failures are retried with exponential
  backoff (`BACKOFF` × 2^attempts, at most `MAX_ATTEMPTS`) by
  `manage.py deliver_activities`.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from federation import actors, objects, transport
from federation.models import Actor, Delivery, Follower, PublishedObject, RemoteActor

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF = timedelta(minutes=5)


def _activity_id():
    return actors.absolute(f"/ap/activities/{uuid.uuid4()}")


# -- The inbox ---------------------------------------------------------------------------


def _object_uri(value):
    if isinstance(value, dict):
        return value.get("id", "")
    return value if isinstance(value, str) else ""


def receive(actor, activity, sender):
    """Act on a verified activity from `sender` (a RemoteActor) to `actor`
    (ours, or None for the shared inbox). Returns what was done, for logs."""
    kind = activity.get("type")
    if kind == "Follow":
        target = actor or _our_actor(_object_uri(activity.get("object")))
        if target is None or _object_uri(activity.get("object")) != actors.actor_url(target):
            return "ignored"
        follow(target, sender, activity)
        return "followed"
    if kind == "Undo":
        inner = activity.get("object")
        if isinstance(inner, dict) and inner.get("type") == "Follow":
            target = actor or _our_actor(_object_uri(inner.get("object")))
            if target is not None:
                Follower.objects.filter(actor=target, uri=sender.uri).delete()
                return "unfollowed"
        elif isinstance(inner, str):
            Follower.objects.filter(follow_id=inner, uri=sender.uri).delete()
            return "unfollowed"
        return "ignored"
    if kind == "Delete" and _object_uri(activity.get("object")) == sender.uri:
        Follower.objects.filter(uri=sender.uri).delete()
        return "forgotten"
    return "ignored"


def _our_actor(uri):
    prefix = actors.absolute("/ap/actors/")
    if not uri.startswith(prefix):
        return None
    return actors.find(uri[len(prefix) :].strip("/"))


def follow(actor, sender, activity):
    """Keep `sender` as a follower of `actor` and tell it so (a signed `Accept`)."""
    Follower.objects.update_or_create(
        actor=actor,
        uri=sender.uri,
        defaults={
            "inbox": sender.inbox,
            "shared_inbox": sender.shared_inbox,
            "follow_id": activity.get("id", "")[:500],
        },
    )
    accept = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": _activity_id(),
        "type": "Accept",
        "actor": actors.actor_url(actor),
        "object": {
            "id": activity.get("id"),
            "type": "Follow",
            "actor": sender.uri,
            "object": actors.actor_url(actor),
        },
    }
    queue(actor, accept, [sender.inbox])


# -- Telling followers -------------------------------------------------------------------


def _wrap(kind, actor, document):
    activity = {
        "@context": objects.CONTEXT,
        "id": _activity_id(),
        "type": kind,
        "actor": actors.actor_url(actor),
        "to": [objects.PUBLIC],
        "cc": [actors.actor_url(actor) + "/followers"],
        "published": timezone.now().isoformat(),
    }
    if kind == "Delete":
        activity["object"] = {
            "id": document,
            "type": "Tombstone",
            "deleted": timezone.now().isoformat(),
        }
    else:
        body = {k: v for k, v in document.items() if k != "@context"}
        activity["object"] = body
    return activity


def _inboxes(actor):
    """Each follower's inbox once (their server's shared inbox when it has one)."""
    return sorted({f.delivery_inbox for f in actor.followers.all()})


def sync_page(page):
    """Tell the followers of every actor concerned what changed about `page`
    (a page of any version; a deleted page: an object with `translation_key`
    and no live version). Returns the activities queued.

    While nobody follows any of our actors and followers were never told about
    the page, there is nothing to do (and no key is made): two small queries."""
    told_before = PublishedObject.objects.filter(page_key=page.translation_key)
    if not Follower.objects.exists() and not told_before.exists():
        return []
    documents = {d["id"]: d for d in objects.documents_for(page)} if _exists(page) else {}
    concerned = actors.actors_for(page) if documents else []
    queued = []
    told = PublishedObject.objects.filter(page_key=page.translation_key).select_related("actor")
    by_actor = {}
    for row in told:
        by_actor.setdefault(row.actor, {})[row.object_id] = row
    for actor in {*concerned, *by_actor}:
        rows = by_actor.get(actor, {})
        wanted = documents if actor in concerned else {}
        inboxes = _inboxes(actor)
        for object_id, document in wanted.items():
            stamp = objects.fingerprint(document)
            row = rows.get(object_id)
            if row is not None and row.fingerprint == stamp:
                continue
            kind = "Update" if row is not None else "Create"
            PublishedObject.objects.update_or_create(
                actor=actor,
                object_id=object_id,
                defaults={"page_key": page.translation_key, "fingerprint": stamp},
            )
            queued.append(queue(actor, _wrap(kind, actor, document), inboxes))
        for object_id, row in rows.items():
            if object_id not in wanted:
                row.delete()
                queued.append(queue(actor, _wrap("Delete", actor, object_id), inboxes))
    return queued


def _exists(page):
    return type(page).objects.filter(translation_key=page.translation_key, live=True).exists()


def queue(actor, activity, inboxes):
    """One `Delivery` per inbox, sent by the task worker once the transaction commits."""
    now = timezone.now()
    deliveries = [
        Delivery.objects.create(actor=actor, inbox=inbox, activity=activity, next_try=now)
        for inbox in dict.fromkeys(inboxes)
        if inbox
    ]
    if deliveries:
        from federation.tasks import deliver

        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: [deliver.enqueue(pk) for pk in ids])
    return activity


def deliver_one(delivery):
    """Try one delivery now; on failure, plan the next try (or give up)."""
    if delivery.delivered_at or delivery.failed:
        return True
    delivery.attempts += 1
    try:
        transport.post_activity(delivery.inbox, delivery.activity, actor=delivery.actor)
    except transport.TransportError as error:
        delivery.last_error = str(error)[:300]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.failed = True
            logger.warning("Giving up delivery %s to %s: %s", delivery.pk, delivery.inbox, error)
        else:
            delivery.next_try = timezone.now() + BACKOFF * (2 ** (delivery.attempts - 1))
        delivery.save(update_fields=["attempts", "last_error", "failed", "next_try"])
        return False
    delivery.delivered_at = timezone.now()
    delivery.last_error = ""
    delivery.save(update_fields=["attempts", "delivered_at", "last_error"])
    return True


def due_deliveries(now=None):
    now = now or timezone.now()
    return Delivery.objects.filter(
        delivered_at__isnull=True, failed=False, next_try__lte=now
    ).select_related("actor")


def deliver_due(now=None):
    """Send every delivery whose time has come; returns (sent, failed)."""
    sent = failed = 0
    for delivery in due_deliveries(now).order_by("next_try", "pk")[:500]:
        if deliver_one(delivery):
            sent += 1
        else:
            failed += 1
    return sent, failed


# -- Remote actors -----------------------------------------------------------------------


def remote_actor(key_id, *, refresh=False):
    """The RemoteActor owning `key_id`, fetched (signed by the site actor) when
    unknown or when `refresh`; TransportError when it cannot be had."""
    known = RemoteActor.objects.filter(key_id=key_id).first()
    max_age = timedelta(seconds=getattr(settings, "FEDERATION_KEY_CACHE_SECONDS", 86400))
    if known is not None and not refresh and timezone.now() - known.fetched_at < max_age:
        return known
    site = actors.site_actor()
    document = transport.fetch_json(key_id.split("#", 1)[0], actor=site)
    if "publicKeyPem" in document and "owner" in document and "inbox" not in document:
        document = transport.fetch_json(document["owner"], actor=site)
    key = document.get("publicKey")
    if isinstance(key, list):
        key = next((k for k in key if isinstance(k, dict) and k.get("id") == key_id), None)
    if not isinstance(key, dict) or key.get("id") != key_id or not document.get("id"):
        raise transport.TransportError("no such key")
    if key.get("owner") != document["id"] or not document.get("inbox"):
        raise transport.TransportError("key owner does not match")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    values = {
        "uri": document["id"],
        "public_key_pem": key.get("publicKeyPem", ""),
        "inbox": document.get("inbox", ""),
        "shared_inbox": endpoints.get("sharedInbox", "") or "",
        "fetched_at": timezone.now(),
    }
    RemoteActor.objects.filter(uri=values["uri"]).exclude(key_id=key_id).delete()
    found, _created = RemoteActor.objects.update_or_create(key_id=key_id, defaults=values)
    return found


def follower_count():
    return Follower.objects.values("uri").distinct().count()


def local_actor_count():
    return Actor.objects.count()
