"""Demo festivals (facts from the seed documents, sentences our own).

- A "We doen het samen! Festival" page in the main menu, introducing the
  festival, with its two editions below it.
- The 2022 edition: Saturday 9 April 2022 at the Prodentfabriek in Amersfoort
  (the seeds give the town, not the address), organised by the seven core
  partners, with four tracks, five rooms and 21 sessions: overlapping ones, one
  of an hour and a half, the market that lasts all day (with a consultation hour
  in the same place), an excursion without a room, a room that stands empty in
  the late afternoon and a cancelled session.
- A digital edition that runs for a year from the day the demo is loaded, with
  eleven online sessions spread over the months; five take registrations (one
  nearly full, one full with a waiting list), some are in English or German.
- A meeting day on site six weeks after the demo is first loaded, in the
  Prodentfabriek, with a session in the morning and one in the afternoon:
  the festival day of travel together's demo plans (demo/travel.py).

The festivals, their tracks and rooms and about half of the sessions are
translated into German and English; the rest show the Dutch text with a notice.
The partners get a generated logo when they have none.

Idempotent: everything is looked up (by slug or name) before it is made;
registrations are only added to a session that has none.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Locale

from demo import factories
from demo.data.festival import (
    DAY_2022,
    DIGITAL,
    EDITION_DIGITAL,
    F2022,
    HUB,
    HUB_CTA,
    HUB_TEXT,
    MEET,
    MEETING_DAY,
    PARTNERS,
    REGISTRANTS,
    ROOMS_2022,
    SESSIONS_2022,
    SESSIONS_DIGITAL,
    SESSIONS_MEETING,
    SPEAKER_BIOS,
    SPEAKERS,
    TRACKS_2022,
    TRACKS_DIGITAL,
)
from demo.registry import demo_loader, demo_logo, get_or_create_child, translate
from events.models import (
    EventPageOrganiser,
    EventPageTheme,
    EventType,
    Occurrence,
    OccurrenceException,
)
from events.schedule import site_zone, to_local
from festival.models import (
    FestivalPage,
    FestivalPartner,
    FestivalRoom,
    FestivalTrack,
    SessionSpeaker,
)
from home.models import Organisation, Person, Region, Theme, Venue
from home.slugs import slugify
from registration.models import RegistrationSettings

# -- Helpers -----------------------------------------------------------------------------


def _local(day, hour_minute):
    return datetime.combine(day, time(*hour_minute), tzinfo=site_zone())


def _partners(context, nl):
    partners = {}
    for slug, (name, kind, colour) in PARTNERS.items():
        organisation, created = Organisation.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "kind": kind}
        )
        if created:
            context.log(f"organisation {slug}")
        if organisation.logo_id is None:
            # Every language version shows the logo (it is not translated).
            Organisation.objects.filter(
                translation_key=organisation.translation_key, logo__isnull=True
            ).update(logo=demo_logo(organisation.name, colour))
        partners[slug] = organisation
    return partners


def _speakers(nl):
    people = {}
    for name, (role, role_de, role_en, organisation) in SPEAKERS.items():
        bio, bio_de, bio_en = SPEAKER_BIOS.get(name, ("", "", ""))
        person, created = Person.objects.get_or_create(
            name=name,
            locale=nl,
            defaults={
                "role": role,
                "bio": bio,
                "organisation": Organisation.objects.filter(slug=organisation, locale=nl).first()
                if organisation
                else None,
            },
        )
        if created:
            translate(person, "de", {role: role_de, bio: bio_de})
            translate(person, "en", {role: role_en, bio: bio_en})
        people[name] = person
    return people


def _venue(nl):
    venue, _created = Venue.objects.get_or_create(
        name="Prodentfabriek",
        locale=nl,
        defaults={
            "city": "Amersfoort",
            "country": "NL",
            "region": Region.objects.filter(slug="utrecht", locale=nl).first(),
        },
    )
    return venue


def _festival(
    parent, texts, *, slug, edition, start, end, venue, is_online, tracks, rooms, partners
):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = factories.FestivalPageFactory(
        parent=parent,
        slug=slug,
        title=texts["title"],
        edition=edition,
        intro=texts["intro"],
        body=[("paragraph", f"<p>{texts['body']}</p>")],
        start_date=start,
        end_date=end,
        venue=venue,
        is_online=is_online,
        tracks=[
            FestivalTrack(slug=track_slug, name=name, colour=colour)
            for track_slug, (name, _de, _en, colour) in tracks.items()
        ],
        rooms=[
            FestivalRoom(slug=room_slug, name=name, capacity=seats)
            for room_slug, (name, _de, _en, seats) in rooms.items()
        ],
        partner_links=[FestivalPartner(organisation=org) for org in partners.values()],
    )
    return FestivalPage.objects.get(pk=page.pk), True


def _session(festival, spec, day, *, venue, online_url, event_type, people, partners, themes):
    slug = slugify(spec["title"], "nl")[:80]
    if festival.get_children().filter(slug=slug).exists():
        return None
    tracks = {t.slug: t for t in festival.tracks.all()}
    rooms = {r.slug: r for r in festival.rooms.all()}
    capacity, _registrations = spec.get("registration", (None, 0))
    exceptions = []
    if spec.get("cancelled"):
        exceptions.append(
            OccurrenceException(
                date=day, action=OccurrenceException.Action.CANCEL, reason=spec["cancelled"]
            )
        )
    return factories.SessionPageFactory(
        parent=festival,
        slug=slug,
        title=spec["title"],
        intro=spec["intro"],
        start=_local(day, spec["time"][0]),
        end=_local(day, spec["time"][1]),
        venue=venue,
        online_url=online_url,
        languages=spec.get("languages", "nl"),
        event_type=event_type,
        session_format=spec["format"],
        track=tracks.get(spec.get("track")),
        room=rooms.get(spec.get("room")),
        contact_email="festival@example.org",
        capacity=capacity,
        registration_settings=[
            RegistrationSettings(enabled="registration" in spec, waiting_list=True)
        ],
        speaker_links=[SessionSpeaker(person=people[name]) for name in spec.get("speakers", [])],
        organiser_links=[
            EventPageOrganiser(organisation=partners[slug]) for slug in spec.get("organisers", [])
        ],
        theme_links=[
            EventPageTheme(theme=themes[theme])
            for theme in spec.get("themes", [])
            if theme in themes
        ],
        exceptions=exceptions,
    )


def _sessions(festival, specs, day, *, venue, online_url=lambda spec: "", **shared):
    """The sessions of `specs` made below `festival` on `day(spec)`, as
    (page, spec) pairs; sessions already there are left alone."""
    made = []
    for spec in specs:
        page = _session(
            festival, spec, day(spec), venue=venue, online_url=online_url(spec), **shared
        )
        if page is not None:
            made.append((page, spec))
    return made


def _festival_strings(page, texts, target, tracks, rooms, code):
    index = {"de": 1, "en": 2}[code]
    strings = {
        page.title: target["title"],
        page.intro: target["intro"],
        texts["body"]: target["body"],
        **{values[0]: values[index] for values in tracks.values()},
        **{values[0]: values[index] for values in rooms.values()},
    }
    if "slug" in target:
        strings[page.slug] = target["slug"]
    return strings


def _session_strings(spec, code):
    if code not in spec:
        return None
    title, intro = spec[code]
    return {
        spec["title"]: title,
        slugify(spec["title"], "nl")[:80]: slugify(title, code)[:80],
        spec["intro"]: intro,
    }


def _register(page, spec, context):
    """Registrations through the visitor's service (no e-mails), once."""
    from registration import services
    from registration.models import Registration

    _capacity, count = spec.get("registration", (None, 0))
    if not count or Registration.objects.filter(event_key=page.translation_key).exists():
        return
    occurrence = Occurrence.objects.filter(event_key=page.translation_key).order_by("start").first()
    if occurrence is None:
        return
    for n in range(count):
        first, language = REGISTRANTS[n % len(REGISTRANTS)]
        services.register(
            occurrence,
            name=f"{first} {chr(ord('A') + n % 26)}.",
            email=f"{slugify(first)}.{page.slug[:20]}.{n}@example.org",
            places=1,
            language=language,
            notify=False,
        )
    context.log(f"registrations for {page.slug}")


# -- The loader --------------------------------------------------------------------------


@demo_loader(order=27)
def load_festivals(context):
    nl = context.locales.get("nl") or Locale.objects.get(language_code="nl")
    home = context.homes.get("nl")
    if home is None:
        return
    partners = _partners(context, nl)
    people = _speakers(nl)
    themes = {t.slug: t for t in Theme.objects.filter(locale=nl)}
    event_type = EventType.objects.filter(slug="festival-session", locale=nl).first()
    venue = _venue(nl)

    hub_title, hub_slug, hub_intro = HUB["nl"]
    hub = get_or_create_child(
        home,
        factories.StandardPageFactory,
        hub_slug,
        title=hub_title,
        intro=hub_intro,
        show_in_menus=True,
    )

    # The 2022 edition, on site.
    edition_2022, created = _festival(
        hub,
        F2022["nl"],
        slug="2022",
        edition="2022",
        start=DAY_2022,
        end=None,
        venue=venue,
        is_online=False,
        tracks=TRACKS_2022,
        rooms=ROOMS_2022,
        partners=partners,
    )
    if created:
        context.log("festival 2022")
    shared = {"event_type": event_type, "people": people, "partners": partners, "themes": themes}
    made = _sessions(edition_2022, SESSIONS_2022, lambda spec: DAY_2022, venue=venue, **shared)

    # The digital edition: a year from the day it was first loaded.
    today = to_local(timezone.now()).date()
    digital_texts = DIGITAL["nl"]
    digital, created = _festival(
        hub,
        digital_texts,
        slug=digital_texts["slug"],
        edition=EDITION_DIGITAL["nl"].format(today.year, today.year + 1),
        start=today,
        end=today + timedelta(days=364),
        venue=None,
        is_online=True,
        tracks=TRACKS_DIGITAL,
        rooms={},
        partners=partners,
    )
    if created:
        context.log("festival digital")
    first_day = digital.start_date
    online = _sessions(
        digital,
        SESSIONS_DIGITAL,
        lambda spec: first_day + timedelta(days=spec["day"]),
        venue=None,
        online_url=lambda spec: MEET + slugify(spec["title"])[:40],
        **shared,
    )
    for page, spec in online:
        _register(page, spec, context)
    made += online

    # A coming day on site, six weeks after the demo was first loaded: the
    # festival day travel together's demo plans are for.
    meeting_texts = MEETING_DAY["nl"]
    meeting_start = today + timedelta(days=42)
    meeting, created = _festival(
        hub,
        meeting_texts,
        slug=meeting_texts["slug"],
        edition=str(meeting_start.year),
        start=meeting_start,
        end=None,
        venue=venue,
        is_online=False,
        tracks={},
        rooms={},
        partners=partners,
    )
    if created:
        context.log("festival meeting day")
    made += _sessions(
        meeting, SESSIONS_MEETING, lambda spec: meeting.start_date, venue=venue, **shared
    )

    # The festival page introduces the coming day and both editions.
    if not hub.body:
        hub = hub.get_latest_revision_as_object()
        (meeting_cta, digital_cta, archive_cta) = HUB_CTA["nl"]
        hub.body = [
            ("paragraph", f"<p>{HUB_TEXT['nl']}</p>"),
            *[
                (
                    "call_to_action",
                    {
                        "heading": heading,
                        "text": text,
                        "page": target,
                        "url": "",
                        "button_label": button,
                    },
                )
                for (heading, text, button), target in (
                    (meeting_cta, meeting),
                    (digital_cta, digital),
                    (archive_cta, edition_2022),
                )
            ],
        ]
        hub.save_revision().publish()

    # Translations: the festivals first, then their sessions, then the page above them.
    for code in ("de", "en"):
        for page, texts, target, tracks, rooms in (
            (edition_2022, F2022["nl"], F2022[code], TRACKS_2022, ROOMS_2022),
            (digital, DIGITAL["nl"], DIGITAL[code], TRACKS_DIGITAL, {}),
            (meeting, MEETING_DAY["nl"], MEETING_DAY[code], {}, {}),
        ):
            strings = _festival_strings(page, texts, target, tracks, rooms, code)
            strings[page.edition] = (
                EDITION_DIGITAL[code].format(page.start_date.year, page.start_date.year + 1)
                if page.is_online
                else page.edition
            )
            translate(page, code, strings)
    for page, spec in made:
        for code in ("de", "en"):
            strings = _session_strings(spec, code)
            if strings:
                translate(page, code, strings)
    for code in ("de", "en"):
        title, slug, intro = HUB[code]
        strings = {
            hub_title: title,
            hub_slug: slug,
            hub_intro: intro,
            HUB_TEXT["nl"]: HUB_TEXT[code],
        }
        for source, target in zip(HUB_CTA["nl"], HUB_CTA[code], strict=True):
            strings.update(dict(zip(source, target, strict=True)))
        translate(hub, code, strings)
