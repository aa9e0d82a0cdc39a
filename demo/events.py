"""Demo events from the seed documents (facts from the seeds, sentences our own):
a monthly repair café at Mienthuus in Kranenburg, a twice-yearly learning circle
and buurtverbinders day, a workshop series, a study visit and webinars. Dates are
relative to today so the calendar is never empty; one date is cancelled and one
moved. Most events are translated into German and English."""

from datetime import datetime, time, timedelta

import recurrence
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from demo import factories
from demo.data.events import (
    CALENDAR,
    CONFIRMATION,
    DEMO_PEOPLE,
    EVENT_TYPES,
    EVENTS,
    ORGANISATIONS,
    QUESTIONS,
    REGISTRATIONS,
)
from demo.registry import demo_loader, get_or_create_child, translate
from events.models import (
    EventPage,
    EventPageOrganiser,
    EventPageTheme,
    EventType,
    OccurrenceException,
)
from events.schedule import local_midnight_utc, site_zone, to_local
from home.models import Organisation, Theme, Venue


def _local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=site_zone())


def _next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _nth_weekday(year, month, weekday, n):
    first = datetime(year, month, 1).date()
    return _next_weekday(first, weekday) + timedelta(weeks=n - 1)


def _day(today, spec):
    """The date a "day" spec of `demo.data.events` stands for."""
    kind, *args = spec
    if kind == "in_days":
        return today + timedelta(days=args[0])
    if kind == "weekday_after":
        weekday, days = args
        return _next_weekday(today + timedelta(days=days), weekday)
    weekday, n, months = args  # "nth_weekday"
    month = today.replace(day=1)
    if _nth_weekday(month.year, month.month, weekday, n) <= today:
        month = (month + timedelta(days=32)).replace(day=1)
    for _ in range(months):
        month = (month + timedelta(days=32)).replace(day=1)
    return _nth_weekday(month.year, month.month, weekday, n)


def _translate_strings(spec, code):
    strings = dict(spec.get("translations", {}).get(code, {}))
    intro = strings.pop("intro", None)
    if intro:
        strings[spec["intro"]] = intro
    return strings


@demo_loader(order=20)
def load_events(context):
    nl = context.locales.get("nl") or Locale.objects.get(language_code="nl")
    home = context.homes.get("nl")
    if home is None:
        return
    types = {}
    for slug, (name_nl, name_de, name_en) in EVENT_TYPES.items():
        event_type, created = EventType.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name_nl}
        )
        if created:
            translate(event_type, "de", {name_nl: name_de})
            translate(event_type, "en", {name_nl: name_en})
        types[slug] = event_type
    organisations = {}
    for slug, (name, kind) in ORGANISATIONS.items():
        organisations[slug], _created = Organisation.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "kind": kind}
        )

    title, slug, intro = CALENDAR["nl"]
    calendar = get_or_create_child(
        home, factories.EventIndexPageFactory, slug, title=title, intro=intro, show_in_menus=True
    )
    for code in ("de", "en"):
        translate(calendar, code, dict(zip(CALENDAR["nl"], CALENDAR[code], strict=True)))

    today = to_local(timezone.now()).date()
    existing = set(calendar.get_children().values_list("slug", flat=True))
    for spec in EVENTS:
        if spec["slug"] in existing:
            continue
        day = _day(today, spec["day"])
        (start, end) = spec["time"]
        lines = []
        if spec.get("rule"):
            lines.append(spec["rule"])
        for extra in spec.get("extra_days", []):
            extra_day = day + timedelta(days=extra)
            lines.append("RDATE:" + local_midnight_utc(extra_day).strftime("%Y%m%dT%H%M%SZ"))
        venue = (
            Venue.objects.filter(name=spec["venue"], locale=nl).first()
            if spec.get("venue")
            else None
        )
        themes = [Theme.objects.filter(slug=slug, locale=nl).first() for slug in spec["themes"]]
        exceptions = []
        for exception in spec.get("exceptions", []):
            fields = {"action": exception["action"], "reason": exception["reason"]}
            if "new_time" in exception:
                new_start, new_end = exception["new_time"]
                fields.update(new_start_time=time(*new_start), new_end_time=time(*new_end))
            exceptions.append(OccurrenceException(date=_day(today, exception["day"]), **fields))
        page = factories.EventPageFactory(
            parent=calendar,
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            start=_local(day, *start),
            end=_local(day, *end),
            recurrence=recurrence.deserialize("\n".join(lines)) if lines else None,
            event_type=types[spec["type"]],
            venue=venue,
            online_url=spec.get("online", ""),
            languages=spec["languages"],
            price=spec.get("price"),
            price_note=spec.get("price_note", ""),
            contact_email="agenda@example.org",
            theme_links=[EventPageTheme(theme=theme) for theme in themes if theme is not None],
            organiser_links=[
                EventPageOrganiser(organisation=organisations[slug]) for slug in spec["organisers"]
            ],
            exceptions=exceptions,
        )
        context.log(f"event {spec['slug']}")
        for code in ("de", "en"):
            strings = _translate_strings(spec, code)
            if strings:
                translate(page, code, strings)


@demo_loader(order=25)
def load_registrations(context):
    """Turn registration on for the demo events and add a few registrations,
    through the same services a visitor uses (no e-mails). Once per event."""
    from registration import services
    from registration.models import Registration, RegistrationQuestion, RegistrationSettings

    for slug, (capacity, per, scope, people) in REGISTRATIONS.items():
        page = EventPage.objects.filter(
            slug=slug, locale__language_code="nl", alias_of__isnull=True
        ).first()
        if page is None or Registration.objects.filter(event_key=page.translation_key).exists():
            continue
        settings = {"enabled": True, "max_places": per, "scope": scope, "waiting_list": True}
        draft = page.get_latest_revision_as_object()
        draft.capacity = capacity
        rules = next(iter(draft.registration_settings.all()), None) or RegistrationSettings()
        for name, value in settings.items():
            setattr(rules, name, value)
        rules.confirmation_text = CONFIRMATION
        draft.registration_settings = [rules]
        if slug == "buurtverbindersdag" and not draft.registration_questions.exists():
            for question in QUESTIONS:
                draft.registration_questions.add(RegistrationQuestion(**question))
        draft.save_revision().publish()
        # Synchronised fields: the translations follow their source.
        EventPage.objects.filter(translation_key=page.translation_key).update(capacity=capacity)
        key = RegistrationSettings.objects.get(page=page).translation_key
        for other in EventPage.objects.filter(translation_key=page.translation_key).exclude(
            pk=page.pk
        ):
            RegistrationSettings.objects.update_or_create(
                page=other, defaults={**settings, "translation_key": key, "locale": other.locale}
            )
        date = services.anchor_occurrence(page.translation_key)
        if date is None:
            continue
        for n in range(people):
            name, language = DEMO_PEOPLE[n % len(DEMO_PEOPLE)]
            services.register(
                date,
                name=name,
                email=f"{slugify(name.split()[0])}.{n}@example.org",
                places=1,
                language=language,
                notify=False,
            )
        context.log(f"registrations for {slug}")
