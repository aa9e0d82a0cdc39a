"""ActivityStreams documents: our actors, events in the shape of FEP-8a8e
(with Mobilizon's `joinMode`/`externalParticipationUrl` for participation),
and articles, each with `nameMap`/`contentMap` in every language the page is
published in (live translations only, never an alias's borrowed text).

Dates, places, organisers and the hidden-online-link rule come from the
events app's own JSON-LD reader (`events.jsonld.event_objects`); this module
only renames schema.org's fields to ActivityStreams'. Nothing here reads
personal data: no contact person, e-mail, phone or registrations.
"""

import hashlib
import json
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from events import jsonld
from events.hooks import hidden_online_links
from events.models import EventPage, Occurrence
from events.schedule import site_zone
from events.services import source_event
from federation import actors
from home.i18n import localized
from home.models import Organisation, Theme, Venue
from kennisbank.models import ArticlePage
from registration.models import settings_of

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "sc": "http://schema.org/#",
        "mz": "https://joinmobilizon.org/ns#",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "Hashtag": "as:Hashtag",
        "PostalAddress": "sc:PostalAddress",
        "address": {"@id": "sc:address", "@type": "sc:PostalAddress"},
        "streetAddress": "sc:streetAddress",
        "postalCode": "sc:postalCode",
        "addressLocality": "sc:addressLocality",
        "addressCountry": "sc:addressCountry",
        "VirtualLocation": "sc:VirtualLocation",
        "timezone": "mz:timezone",
        "joinMode": "mz:joinMode",
        "externalParticipationUrl": "mz:externalParticipationUrl",
        "superEvent": {"@id": "sc:superEvent", "@type": "@id"},
        "organizer": "sc:organizer",
        "inLanguage": "sc:inLanguage",
        "eventStatus": "ical:status",
    },
]
ICAL_STATUS = {
    "https://schema.org/EventScheduled": "CONFIRMED",
    "https://schema.org/EventRescheduled": "CONFIRMED",
    "https://schema.org/EventCancelled": "CANCELLED",
}


def event_id(translation_key):
    return actors.absolute(reverse("federation:event", args=[translation_key]))


def date_id(translation_key, occurrence_pk):
    return actors.absolute(reverse("federation:event_date", args=[translation_key, occurrence_pk]))


def article_id(translation_key):
    return actors.absolute(reverse("federation:article", args=[translation_key]))


def fingerprint(document):
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def public(page):
    """Whether anyone may read the page (no view restriction on it or above it)."""
    return not page.get_view_restrictions().exists()


def _paragraphs(text):
    return "".join(f"<p>{escape(part)}</p>" for part in re.split(r"\n\s*\n", text) if part.strip())


def _hashtag(name):
    words = re.findall(r"\w+", name)
    return "#" + "".join(word[:1].upper() + word[1:] for word in words)


def _versions(model, translation_key):
    """Live versions of a page, one per language: the real ones first (their
    text), aliases only for their address."""
    pages = (
        model.objects.filter(translation_key=translation_key, live=True)
        .select_related("locale")
        .order_by("pk")
    )
    return list(pages)


def _language_maps(versions, source, *fields):
    """{field: {language: text}} from the real (translated) live versions."""
    maps = {name: {} for name in fields}
    for page in versions:
        if page.alias_of_id:
            continue
        code = page.locale.language_code
        for name in fields:
            value = getattr(page, name, "")
            if value and code not in maps[name]:
                maps[name][code] = value
    return maps


def _urls(versions):
    return [
        {
            "type": "Link",
            "mediaType": "text/html",
            "href": page.get_full_url(),
            "hreflang": page.locale.language_code,
        }
        for page in versions
        if page.get_full_url()
    ]


def _addressing(actor_list):
    return {"to": [PUBLIC], "cc": [actors.actor_url(a) + "/followers" for a in actor_list]}


def _image(page, image, alt):
    if image is None:
        return None
    try:
        rendition = image.get_rendition("width-1200|format-jpeg")
    except Exception:  # noqa: BLE001 - a missing file must not stop federation
        return None
    return {
        "type": "Image",
        "mediaType": "image/jpeg",
        "url": actors.absolute(rendition.url) if rendition.url.startswith("/") else rendition.url,
        "name": alt or "",
    }


# -- Events ------------------------------------------------------------------------------


def _is_series(event, occurrences):
    value = event.recurrence
    return bool(value and (value.rrules or value.rdates)) or len(occurrences) > 1


def upcoming_dates(event, now=None):
    now = now or timezone.now()
    return list(
        Occurrence.objects.filter(event_key=event.translation_key, end__gte=now)
        .select_related("venue")
        .order_by("start", "pk")[: jsonld.MAX_OCCURRENCES]
    )


def event_documents(page, *, now=None):
    """(series document, [date documents]) of an event (any version). The
    series document is the event itself: for a single event, its date; for a
    series, its next date, and the dates each get their own document that
    points to it (`superEvent`). None when no version is live."""
    event = source_event(page) or page
    versions = _versions(EventPage, event.translation_key)
    if not versions:
        return None, []
    source = next((v for v in versions if v.pk == event.pk), None) or next(
        (v for v in versions if not v.alias_of_id), versions[0]
    )
    if not public(source):
        return None, []
    dates = upcoming_dates(event, now)
    shown = dates or list(
        Occurrence.objects.filter(event_key=event.translation_key).order_by("-start")[:1]
    )
    venue = Venue.objects.filter(pk=event.venue_id).first() if event.venue_id else None
    organisers = list(
        Organisation.objects.filter(
            pk__in=event.organiser_links.values("organisation_id")
        ).order_by("name")
    )
    themes = list(Theme.objects.filter(pk__in=event.theme_links.values("theme_id")))
    hidden = event.pk in hidden_online_links([event])
    url = source.get_full_url()
    # schema.org events from the events app: dates with offsets, places, status.
    data = jsonld.event_objects(
        source, event, shown, url, venue, organisers, online_link_hidden=hidden
    )
    maps = _language_maps(versions, source, "title", "intro")
    content = {code: _paragraphs(text) for code, text in maps["intro"].items()}
    actor_list = actors.actors_for(event)
    registration = settings_of(event)
    join_url = url
    if registration.enabled:
        join_url = url.rstrip("/") + "/" + source.reverse_subpage("register").lstrip("/")
    tags = [
        {"type": "Hashtag", "name": _hashtag(t.name)} for t in themes if _hashtag(t.name) != "#"
    ]
    if event.event_type_id:
        tags.append({"type": "Hashtag", "name": _hashtag(event.event_type.name)})
    common = {
        "type": "Event",
        "attributedTo": actors.actor_url(actor_list[-1]),
        "name": maps["title"].get(source.locale.language_code, source.title),
        "nameMap": maps["title"],
        "url": _urls(versions),
        "timezone": str(site_zone()),
        "joinMode": "external",
        "externalParticipationUrl": join_url,
        "tag": tags,
        "published": (event.first_published_at or timezone.now()).isoformat(),
        "updated": (event.last_published_at or timezone.now()).isoformat(),
        **_addressing(actor_list),
    }
    if content:
        common["content"] = content.get(source.locale.language_code, next(iter(content.values())))
        common["contentMap"] = content
    if event.language_codes:
        common["inLanguage"] = event.language_codes
    image = _image(source, event.image, source.image_alt)
    if image:
        common["image"] = image
        common["attachment"] = [{**image, "type": "Document"}]

    def as_event(item, object_id):
        document = {"@context": CONTEXT, "id": object_id, **common}
        document["startTime"] = item["startDate"]
        document["endTime"] = item["endDate"]
        document["eventStatus"] = ICAL_STATUS[item["eventStatus"]]
        locations = item["location"] if isinstance(item["location"], list) else [item["location"]]
        document["location"] = [_location(loc) for loc in locations]
        if len(document["location"]) == 1:
            document["location"] = document["location"][0]
        organizer = item.get("organizer")
        if organizer:
            document["organizer"] = organizer if isinstance(organizer, list) else [organizer]
        return document

    series_id = event_id(event.translation_key)
    if not data:
        return {"@context": CONTEXT, "id": series_id, **common}, []
    series = as_event(data[0], series_id)
    if not _is_series(event, shown) or not dates:
        return series, []
    date_documents = []
    for item, occurrence in zip(data, shown, strict=False):
        document = as_event(item, date_id(event.translation_key, occurrence.pk))
        document["superEvent"] = series_id
        date_documents.append(document)
    return series, date_documents


def _location(item):
    if item.get("@type") == "VirtualLocation":
        return {"type": "VirtualLocation", "url": item["url"]}
    place = {"type": "Place", "name": item.get("name", "")}
    if item.get("address"):
        address = {k: v for k, v in item["address"].items() if k != "@type"}
        place["address"] = {"type": "PostalAddress", **address}
    if item.get("geo"):
        place["latitude"] = item["geo"]["latitude"]
        place["longitude"] = item["geo"]["longitude"]
    return place


def delivered_event_documents(page, *, now=None):
    """What followers get for an event: its dates for a series, else the event.
    Nothing for an event without a date (its source version unpublished while a
    translation stays live: the calendar lists it nowhere), as an `Event`
    without `startTime` is refused by Mobilizon and Gancio; followers who had it
    get a `Delete`."""
    series, dates = event_documents(page, now=now)
    if series is None or "startTime" not in series:
        return []
    return dates or [series]


# -- Articles ----------------------------------------------------------------------------


def article_document(page):
    """The `Article` of a knowledge-base page (any version), or None when none is live."""
    versions = _versions(ArticlePage, page.translation_key)
    real = [v for v in versions if not v.alias_of_id]
    if not real:
        return None
    source = real[0]
    if not public(source):
        return None
    maps = _language_maps(versions, source, "title", "intro")
    content = {code: _paragraphs(text) for code, text in maps["intro"].items()}
    themes = localized(Theme, Theme.objects.filter(pk__in=source.theme_links.values("theme_id")))
    actor_list = actors.actors_for(source)
    document = {
        "@context": CONTEXT,
        "id": article_id(page.translation_key),
        "type": "Article",
        "attributedTo": actors.actor_url(actor_list[-1]),
        "name": maps["title"].get(source.locale.language_code, source.title),
        "nameMap": maps["title"],
        "url": _urls(versions),
        "published": (source.first_published_at or timezone.now()).isoformat(),
        "updated": (source.last_published_at or timezone.now()).isoformat(),
        "tag": [{"type": "Hashtag", "name": _hashtag(t.name)} for t in themes.values()],
        **_addressing(actor_list),
    }
    if content:
        document["content"] = content.get(source.locale.language_code, "")
        document["contentMap"] = content
    image = _image(source, source.hero_image, source.hero_alt)
    if image:
        document["image"] = image
    return document


def documents_for(page):
    """Every document followers get for a page, or [] (gone, not ours)."""
    if isinstance(page, EventPage):
        return delivered_event_documents(page)
    if isinstance(page, ArticlePage):
        document = article_document(page)
        return [document] if document else []
    return []


def page_document(page):
    """The document a page's own address answers with, or None."""
    if isinstance(page, EventPage):
        return event_documents(page)[0]
    if isinstance(page, ArticlePage):
        return article_document(page)
    return None


# -- Actors ------------------------------------------------------------------------------


def actor_document(actor):
    url = actors.actor_url(actor)
    section = actors.section_page(actor)
    if section is not None:
        versions = _versions(type(section), section.translation_key)
        maps = _language_maps(versions, section, "title", "intro")
        name = section.title
        summary_map = {code: _paragraphs(text) for code, text in maps["intro"].items()}
        page_url = section.get_full_url()
        kind = "Group"
    else:
        from django.conf import settings

        name = getattr(settings, "WAGTAIL_SITE_NAME", actor.username)
        maps, summary_map = {"title": {}}, {}
        page_url = actors.base_url() + "/"
        kind = "Organization"
    document = {
        "@context": CONTEXT,
        "id": url,
        "type": kind,
        "preferredUsername": actor.username,
        "name": name,
        "url": page_url,
        "inbox": url + "/inbox",
        "outbox": url + "/outbox",
        "followers": url + "/followers",
        "endpoints": {"sharedInbox": actors.absolute(reverse("federation:shared_inbox"))},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {
            "id": actors.key_id(actor),
            "owner": url,
            "publicKeyPem": actor.public_key_pem,
        },
    }
    if maps["title"]:
        document["nameMap"] = maps["title"]
    if summary_map:
        document["summaryMap"] = summary_map
        document["summary"] = next(iter(summary_map.values()))
    return document
