"""The rules of the e-mail digest, called by the views, the command and the task.

- Subscribing is double opt-in: `subscribe` stores an unconfirmed subscription
  and mails a signed confirmation link; nothing else is ever sent to an
  address that did not confirm, and `purge_unconfirmed` deletes what was not
  confirmed within `UNCONFIRMED_DAYS`.
- `due(frequency, today)` says which period a digest of that frequency is
  for today (weekly on `DIGEST_WEEKDAY`, monthly on the 1st), or None.
- `build_digests(subscriptions, now)` finds, for a batch of subscribers, the
  new articles and the upcoming events each one chose, in a fixed number of
  queries however many subscribers the batch holds.
- `send_batch` sends them: each subscriber's period is claimed with one
  conditional UPDATE inside the transaction that sends, so a second run (or a
  second worker) finds it claimed and sends nothing, and a failed send
  releases the claim. Nothing is sent when nothing matches.

A subscription matches an item when the item has one of the chosen values in
every chosen kind (themes, regions, partner sections; event types for
events). Articles have no event type: a subscription that chose only event
types gets events only. A subscription that chose nothing gets everything.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone, translation
from wagtail.models import Locale

from digests.models import Subscription
from events.models import EventPage, EventPageOrganiser, EventPageTheme, EventType
from events.queries import (
    DateRange,
    in_range,
    series_groups,
    series_occurrences,
    visible_occurrences,
)
from home.i18n import localized
from home.models import Region, Theme
from home.signing import read_url_token, url_token
from kennisbank.models import ArticleOrganisation, ArticlePage, ArticleRegion, ArticleTheme
from partners.models import PartnerOrganisation, PartnerPage

logger = logging.getLogger(__name__)

UNCONFIRMED_DAYS = 3
CONFIRM_MAX_AGE = UNCONFIRMED_DAYS * 24 * 3600
BATCH_SIZE = 200
# How far ahead a digest looks for events, and how far back for articles
# when a subscriber has had no digest yet.
EVENT_WINDOW = {"weekly": timedelta(days=14), "monthly": timedelta(days=28)}
FIRST_LOOK_BACK = {"weekly": timedelta(days=7), "monthly": timedelta(days=31)}
MAX_ITEMS = 30  # per kind and digest: a digest is a summary, the site has the rest

KINDS = ("theme_keys", "region_keys", "event_type_keys", "section_keys")


# -- Links ------------------------------------------------------------------------------


def token_for(subscription, purpose):
    """A signed link value naming `subscription` for `purpose` ("confirm",
    "manage", "unsubscribe"). It stops working when the subscription is
    deleted or its key changes."""
    return url_token({"s": subscription.pk, "k": subscription.key.hex[:12]}, f"digests.{purpose}")


def read_token(token, purpose, max_age=None):
    """The subscription a link names, or None (bad, expired or stale link)."""
    try:
        value = read_url_token(token, f"digests.{purpose}", max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    subscription = Subscription.objects.filter(pk=value.get("s")).first()
    if subscription is None or subscription.key.hex[:12] != value.get("k"):
        return None
    return subscription


# -- Subscribing ------------------------------------------------------------------------


def clean_keys(values):
    return sorted({str(value) for value in values or ()})


def subscribe(email, language, frequency, choices):
    """Store an unconfirmed subscription and mail the confirmation link.

    An address that is already confirmed keeps its subscription untouched
    (someone else may have typed it in) and gets its manage link instead; an
    unconfirmed one takes the new choices and gets a new link. The caller
    answers the same in every case, so the form tells nobody whether an
    address subscribes. Returns the kind of e-mail queued."""
    from digests import emails

    email = Subscription._meta.get_field("email").to_python(email).strip().lower()
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(
                email=email, defaults={"language": language, "frequency": frequency}
            )
    except IntegrityError:  # the same address sent twice at once: the other one made it
        pass
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(email=email)
        if subscription.is_confirmed:
            kind = emails.ALREADY
        else:
            subscription.language = language
            subscription.frequency = frequency
            for name in KINDS:
                setattr(subscription, name, clean_keys(choices.get(name)))
            subscription.save()
            kind = emails.CONFIRM
        emails.queue(subscription, kind)
    return kind


def confirm(subscription, now=None):
    if not subscription.is_confirmed:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def change(subscription, language, frequency, choices):
    subscription.language = language
    subscription.frequency = frequency
    for name in KINDS:
        setattr(subscription, name, clean_keys(choices.get(name)))
    subscription.save()
    return subscription


def unsubscribe(subscription):
    """Delete the subscription: nothing about the subscriber is kept."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def purge_unconfirmed(now=None):
    """Delete subscriptions not confirmed within `UNCONFIRMED_DAYS`."""
    limit = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    return deleted


# -- What to choose from ----------------------------------------------------------------


def options(locale):
    """[(translation key, name)] of every theme, region, event type and partner
    section, in the reader's language (its fallback): four queries."""

    def pairs(found):
        items = [(str(key), str(obj)) for key, obj in found.items()]
        return sorted(items, key=lambda item: item[1].casefold())

    sections = localized(PartnerPage.objects.live().public(), locale=locale)
    return {
        "theme_keys": pairs(localized(Theme, locale=locale)),
        "region_keys": pairs(localized(Region, locale=locale)),
        "event_type_keys": pairs(localized(EventType, locale=locale)),
        "section_keys": [
            (str(k), p.title)
            for k, p in sorted(sections.items(), key=lambda i: i[1].title.casefold())
        ],
    }


# -- Who is due -------------------------------------------------------------------------


def weekday():
    return getattr(settings, "DIGEST_WEEKDAY", 0)  # Monday


def due(frequency, today):
    """The period a digest of `frequency` sent today is for, or None when it is
    not the day: weekly ones on `DIGEST_WEEKDAY` ("2026-W49"), monthly ones on
    the 1st ("2026-12")."""
    if frequency == Subscription.Frequency.WEEKLY and today.weekday() == weekday():
        year, week, _day = today.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == Subscription.Frequency.MONTHLY and today.day == 1:
        return f"{today.year}-{today.month:02d}"
    return None


def due_batches(today, batch_size=BATCH_SIZE):
    """[(period, [subscription ids])]: the confirmed subscribers due today who
    have not had this period's digest, in batches."""
    batches = []
    for frequency in Subscription.Frequency.values:
        period = due(frequency, today)
        if period is None:
            continue
        ids = list(
            Subscription.objects.filter(confirmed_at__isnull=False, frequency=frequency)
            .exclude(last_period=period)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), batch_size):
            batches.append((period, ids[start : start + batch_size]))
    return batches


# -- What a digest holds ----------------------------------------------------------------


@dataclass
class Item:
    """An article or an event's next date, with what it is about (translation keys)."""

    key: object  # the page's translation key
    when: object  # first published (article) or next date (event)
    themes: set = field(default_factory=set)
    regions: set = field(default_factory=set)
    organisations: set = field(default_factory=set)
    event_type: str = ""
    path: str = ""
    occurrence: object = None


@dataclass
class Line:
    title: str
    url: str
    text: str  # an article's introduction, an event's date line
    lang: str = ""  # the text's language when it is not the subscriber's


@dataclass
class Digest:
    subscription: Subscription
    articles: list
    events: list

    def __bool__(self):
        return bool(self.articles or self.events)


def _new_articles(since):
    """Articles whose first version went live at or after `since`: four queries."""
    rows = (
        ArticlePage.objects.live()
        .public()
        .order_by()
        .values("translation_key")
        .annotate(first=Min("first_published_at"))
        .filter(first__gte=since)
    )
    items = {
        row["translation_key"]: Item(key=row["translation_key"], when=row["first"]) for row in rows
    }
    if not items:
        return []
    for link, attribute, target in (
        (ArticleTheme, "themes", "theme__translation_key"),
        (ArticleRegion, "regions", "region__translation_key"),
        (ArticleOrganisation, "organisations", "organisation__translation_key"),
    ):
        pairs = link.objects.filter(page__translation_key__in=items, page__live=True).values_list(
            "page__translation_key", target
        )
        for page_key, value in pairs:
            getattr(items[page_key], attribute).add(str(value))
    return sorted(items.values(), key=lambda item: item.when, reverse=True)


def _upcoming_events(now, until):
    """One item per event or series: its next date in the window (events.queries'
    series rows), with what it is about. Five queries."""
    occurrences = in_range(visible_occurrences(), DateRange(now, until))
    keys = [group["event_key"] for group in series_groups(occurrences)]
    firsts = series_occurrences(
        occurrences.select_related(
            "event", "event__event_type", "event__venue__region", "venue__region"
        ),
        keys,
    )
    items = {}
    for occurrence in firsts:
        if occurrence.is_cancelled:
            continue
        event = occurrence.event
        venue = occurrence.venue or event.venue
        item = Item(
            key=event.translation_key,
            when=occurrence.start,
            event_type=str(event.event_type.translation_key) if event.event_type else "",
            path=event.path,
            occurrence=occurrence,
        )
        if venue is not None and venue.region is not None:
            item.regions.add(str(venue.region.translation_key))
        items[event.pk] = item
    if items:
        for link, attribute, target in (
            (EventPageTheme, "themes", "theme__translation_key"),
            (EventPageOrganiser, "organisations", "organisation__translation_key"),
        ):
            for page_id, value in link.objects.filter(page_id__in=items).values_list(
                "page_id", target
            ):
                getattr(items[page_id], attribute).add(str(value))
    return list(items.values())


def _sections(keys):
    """{section key: (paths of its pages, its organisations' keys)}: two queries."""
    if not keys:
        return {}
    found = {key: (set(), set()) for key in keys}
    for key, path in PartnerPage.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "path"
    ):
        found[str(key)][0].add(path)
    for key, organisation in PartnerOrganisation.objects.filter(
        page__translation_key__in=keys
    ).values_list("page__translation_key", "organisation__translation_key"):
        found[str(key)][1].add(str(organisation))
    return found


def _in_section(item, section):
    paths, organisations = section
    return bool(item.organisations & organisations) or any(
        item.path.startswith(path) for path in paths if item.path
    )


def matches(subscription, item, sections, *, is_event):
    """Does `item` match every kind the subscription chose (see the module)?"""
    themes, regions = set(subscription.theme_keys), set(subscription.region_keys)
    types, chosen_sections = set(subscription.event_type_keys), subscription.section_keys
    if not is_event and types and not (themes or regions or chosen_sections):
        return False
    if themes and not item.themes & themes:
        return False
    if regions and not item.regions & regions:
        return False
    if is_event and types and item.event_type not in types:
        return False
    return not chosen_sections or any(
        _in_section(item, sections.get(key, (set(), set()))) for key in chosen_sections
    )


def _url_request():
    """A request for building absolute page URLs in bulk: Wagtail keeps the site
    root paths on it, so the URLs cost no query each."""
    from django.test import RequestFactory

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    scheme, _, host = base.partition("://")
    return RequestFactory().get("/", HTTP_HOST=host or "localhost", secure=scheme == "https")


def _full_url(page, request):
    # Wagtail reads the page's locale for its address: give it the one at hand.
    locales = getattr(request, "_digest_locales", None)
    if locales is None:
        locales = request._digest_locales = Locale.objects.in_bulk()
    if page.locale_id in locales:
        page.locale = locales[page.locale_id]
    url = page.get_url(request)
    if url and url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url or ""


def _foreign_language(page, language):
    """The language of the page's text when it is not `language` (an alias
    shows its source's text, in the default language), else ""."""
    if page.alias_of_id:
        return settings.LANGUAGE_CODE if language != settings.LANGUAGE_CODE else ""
    code = page.locale.language_code
    return "" if code == language else code


def build_digests(subscriptions, now=None):
    """{subscription id: Digest} for a batch, empty digests included (falsy).

    The queries do not grow with the batch: the candidates (new articles since
    the oldest last digest, events in the longest window) and the sections
    are read once, matched in Python per subscriber, and the pages read once
    per language of the batch (`home.i18n.localized`, the site's fallback)."""
    from django.utils.formats import date_format

    from events.schedule import to_local
    from events.text import series_line

    now = now or timezone.now()
    subscriptions = list(subscriptions)
    if not subscriptions:
        return {}
    since = {
        s.pk: s.last_sent_at or now - FIRST_LOOK_BACK.get(s.frequency, FIRST_LOOK_BACK["weekly"])
        for s in subscriptions
    }
    articles = _new_articles(min(since.values()))
    events = _upcoming_events(now, now + max(EVENT_WINDOW.values()))
    sections = _sections({key for s in subscriptions for key in s.section_keys})

    chosen = {}
    for s in subscriptions:
        until = now + EVENT_WINDOW.get(s.frequency, EVENT_WINDOW["weekly"])
        chosen[s.pk] = (
            [
                a
                for a in articles
                if a.when >= since[s.pk] and matches(s, a, sections, is_event=False)
            ][:MAX_ITEMS],
            [e for e in events if e.when < until and matches(s, e, sections, is_event=True)][
                :MAX_ITEMS
            ],
        )

    request = _url_request()
    digests = {}
    for language in {s.language for s in subscriptions}:
        group = [s for s in subscriptions if s.language == language]
        article_keys = {a.key for s in group for a in chosen[s.pk][0]}
        event_pages = {
            e.occurrence.event.pk: e.occurrence.event for s in group for e in chosen[s.pk][1]
        }
        pages = (
            localized(ArticlePage.objects.live().public(), article_keys, locale=language)
            if article_keys
            else {}
        )
        event_versions = (
            localized(
                EventPage.objects.filter(live=True), list(event_pages.values()), locale=language
            )
            if event_pages
            else {}
        )
        with translation.override(language):
            article_lines, event_lines = {}, {}
            for key, page in pages.items():
                article_lines[key] = Line(
                    page.title,
                    _full_url(page, request),
                    page.intro,
                    _foreign_language(page, language),
                )
            for s in group:
                for e in chosen[s.pk][1]:
                    if e.key in event_lines:
                        continue
                    page = event_versions.get(e.key)
                    if page is None:
                        continue
                    occurrence = e.occurrence
                    dates = getattr(occurrence, "series_dates", 0) or 0
                    if dates > 1:
                        text = series_line(
                            occurrence.event, occurrence.start, occurrence.end, dates
                        )
                    else:
                        text = date_format(
                            to_local(occurrence.start),
                            "WEEKDAY_DATE_FORMAT"
                            if occurrence.all_day
                            else "WEEKDAY_DATETIME_FORMAT",
                        )
                    event_lines[e.key] = Line(page.title, _full_url(page, request), text)
        for s in group:
            digests[s.pk] = Digest(
                subscription=s,
                articles=[article_lines[a.key] for a in chosen[s.pk][0] if a.key in article_lines],
                events=[event_lines[e.key] for e in chosen[s.pk][1] if e.key in event_lines],
            )
    return digests


# -- Sending ----------------------------------------------------------------------------


def send_batch(ids, period, now=None):
    """Send this period's digest to the subscribers `ids` who have not had it.
    Returns how many were sent."""
    from digests import emails

    now = now or timezone.now()
    subscriptions = Subscription.objects.filter(pk__in=ids, confirmed_at__isnull=False).exclude(
        last_period=period
    )
    sent = 0
    for digest in build_digests(subscriptions, now).values():
        if not digest:
            continue  # nothing matches: no mail
        subscription = digest.subscription
        try:
            with transaction.atomic():
                claimed = (
                    Subscription.objects.filter(pk=subscription.pk)
                    .exclude(last_period=period)
                    .update(last_period=period, last_sent_at=now)
                )
                if not claimed:
                    continue
                emails.send_digest(digest)
        except Exception as error:  # noqa: BLE001 - one failing address does not stop the batch
            logger.warning(
                "Digest not sent (subscription %s, period %s): %s",
                subscription.pk,
                period,
                type(error).__name__,
            )
            continue
        sent += 1
    return sent


# -- Personal data ----------------------------------------------------------------------


def export_for_email(email):
    return [
        {
            "email": s.email,
            "language": s.language,
            "frequency": s.frequency,
            "themes": s.theme_keys,
            "regions": s.region_keys,
            "event_types": s.event_type_keys,
            "partner_sections": s.section_keys,
            "subscribed": s.created_at.isoformat(),
            "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "last_digest": s.last_sent_at.isoformat() if s.last_sent_at else None,
        }
        for s in Subscription.objects.filter(email__iexact=email.strip())
    ]


def erase_for_email(email, user=None):
    from django.utils.translation import ngettext

    deleted, _ = Subscription.objects.filter(email__iexact=email.strip()).delete()
    if not deleted:
        return ""
    return ngettext(
        "%(count)d digest subscription was deleted.",
        "%(count)d digest subscriptions were deleted.",
        deleted,
    ) % {"count": deleted}
