"""The fediverse's addresses: WebFinger, NodeInfo, our actors with their
inbox, outbox and followers, and the events, dates and articles as
ActivityStreams objects. Rules live in `federation.services`; these views
translate HTTP to them."""

import json
import logging
import re

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from events.models import EventPage, Occurrence
from federation import actors, objects, services
from federation.inbox import Refusal, verified_sender
from federation.models import Follower, PublishedObject
from federation.transport import ACTIVITY_JSON
from home import ratelimit
from home.params import ascii_int
from kennisbank.models import ArticlePage

logger = logging.getLogger(__name__)

OUTBOX_PAGE_SIZE = 20
MAX_ACTIVITY_BYTES = 256 * 1024
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"


def activity_response(data, status=200):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False),
        status=status,
        content_type=f"{ACTIVITY_JSON}; charset=utf-8",
    )
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def webfinger(request):
    resource = request.GET.get("resource", "")
    match = re.fullmatch(r"(?:acct:)?@?([\w.-]+)@([\w.:-]+)", resource)
    actor = None
    if match and match.group(2).lower() == actors.host().lower():
        actor = actors.find(match.group(1))
    elif resource.startswith(actors.absolute("/ap/actors/")):
        actor = actors.find(resource.rsplit("/", 1)[-1])
    if actor is None:
        return JsonResponse({"error": "unknown resource"}, status=404)
    url = actors.actor_url(actor)
    response = JsonResponse(
        {
            "subject": f"acct:{actor.username}@{actors.host()}",
            "aliases": [url],
            "links": [
                {"rel": "self", "type": ACTIVITY_JSON, "href": url},
                {
                    "rel": "http://webfinger.net/rel/profile-page",
                    "type": "text/html",
                    "href": objects.actor_document(actor)["url"],
                },
            ],
        },
        content_type="application/jrd+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def nodeinfo_links(request):
    return JsonResponse(
        {
            "links": [
                {"rel": NODEINFO_SCHEMA, "href": actors.absolute(reverse("federation:nodeinfo"))}
            ]
        }
    )


@require_GET
def nodeinfo(request):
    from django.conf import settings

    live_events = EventPage.objects.live().filter(alias_of__isnull=True).count()
    live_articles = ArticlePage.objects.live().filter(alias_of__isnull=True).count()
    return JsonResponse(
        {
            "version": "2.1",
            "software": {
                "name": "samenverder",
                "version": "1.0",
                "homepage": actors.base_url() + "/",
            },
            "protocols": ["activitypub"],
            "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
            "openRegistrations": False,
            "usage": {
                "users": {"total": services.local_actor_count()},
                "localPosts": live_events + live_articles,
            },
            "metadata": {
                "nodeName": getattr(settings, "WAGTAIL_SITE_NAME", ""),
                "languages": [code for code, _name in settings.LANGUAGES],
            },
        },
        content_type=f'application/json; profile="{NODEINFO_SCHEMA}#"',
    )


def _actor_or_404(username):
    actor = actors.find(username)
    if actor is None:
        raise Http404
    return actor


@require_GET
def actor_view(request, username):
    return activity_response(objects.actor_document(_actor_or_404(username)))


@require_GET
def followers(request, username):
    actor = _actor_or_404(username)
    url = actors.actor_url(actor) + "/followers"
    # Who follows is theirs to show, not ours: the count only.
    return activity_response(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": url,
            "type": "OrderedCollection",
            "totalItems": Follower.objects.filter(actor=actor).count(),
        }
    )


@require_GET
def outbox(request, username):
    actor = _actor_or_404(username)
    url = actors.actor_url(actor) + "/outbox"
    rows = PublishedObject.objects.filter(actor=actor).order_by("-updated_at", "-pk")
    paginator = Paginator(rows, OUTBOX_PAGE_SIZE)
    page_number = request.GET.get("page")
    if page_number is None:
        collection = {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": url,
            "type": "OrderedCollection",
            "totalItems": paginator.count,
            "first": f"{url}?page=1",
        }
        if paginator.count:
            collection["last"] = f"{url}?page={paginator.num_pages}"
        return activity_response(collection)
    # A number past the end is an empty page; not a number is a client error
    # (a 404 would be redirected into a language by LocaleMiddleware).
    number = ascii_int(page_number)
    if not number:
        return HttpResponse("page must be a number from 1", status=400, content_type="text/plain")
    try:
        items = list(paginator.page(number).object_list)
    except EmptyPage:
        items = []
    actor_url = actors.actor_url(actor)
    data = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{url}?page={number}",
        "type": "OrderedCollectionPage",
        "partOf": url,
        "orderedItems": [
            {
                "id": f"{row.object_id}#create",
                "type": "Create",
                "actor": actor_url,
                "object": row.object_id,
                "to": [objects.PUBLIC],
            }
            for row in items
        ],
    }
    if number < paginator.num_pages:
        data["next"] = f"{url}?page={number + 1}"
    if number > 1:
        data["prev"] = f"{url}?page={min(number - 1, paginator.num_pages)}"
    return activity_response(data)


@csrf_exempt
@require_http_methods(["POST"])
def inbox(request, username=None):
    actor = _actor_or_404(username) if username else None
    if not ratelimit.allow(request, "federation-inbox", 120, 60):
        return HttpResponse(status=429)
    if len(request.body) > MAX_ACTIVITY_BYTES:
        return HttpResponse(status=413)
    try:
        activity = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("not JSON", status=400, content_type="text/plain")
    if not isinstance(activity, dict) or not activity.get("type"):
        return HttpResponse("not an activity", status=400, content_type="text/plain")
    try:
        sender = verified_sender(request, activity)
    except Refusal as refusal:
        logger.info("Inbox refused %s: %s", activity.get("type"), refusal.reason)
        return HttpResponse(refusal.reason, status=refusal.status, content_type="text/plain")
    services.receive(actor, activity, sender)
    return HttpResponse(status=202)


@require_GET
def event_object(request, key):
    page = EventPage.objects.filter(translation_key=key, live=True).order_by("pk").first()
    if page is None:
        raise Http404
    document = objects.event_documents(page)[0]
    return activity_response(document)


@require_GET
def event_date_object(request, key, occurrence):
    occurrence = get_object_or_404(Occurrence, pk=occurrence, event_key=key)
    page = EventPage.objects.filter(translation_key=key, live=True).order_by("pk").first()
    if page is None:
        raise Http404
    wanted = objects.date_id(key, occurrence.pk)
    for document in objects.event_documents(page)[1]:
        if document["id"] == wanted:
            return activity_response(document)
    raise Http404


@require_GET
def article_object(request, key):
    page = ArticlePage.objects.filter(translation_key=key, live=True).order_by("pk").first()
    document = objects.article_document(page) if page else None
    if document is None:
        raise Http404
    return activity_response(document)
