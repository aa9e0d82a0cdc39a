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

from demo.registry import demo_loader, get_or_create_child, translate
from events.models import (
    EventIndexPage,
    EventPage,
    EventPageOrganiser,
    EventPageTheme,
    EventType,
    OccurrenceException,
)
from events.schedule import local_midnight_utc, site_zone, to_local
from home.models import Organisation, Theme, Venue

EVENT_TYPES = {
    "workshop": ("Workshop", "Workshop", "Workshop"),
    "festival-session": ("Festivalsessie", "Festival-Session", "Festival session"),
    "learning-circle": ("Leerkring", "Lernkreis", "Learning circle"),
    "repair-cafe": ("Repaircafé", "Repair-Café", "Repair café"),
    "meeting": ("Bijeenkomst", "Treffen", "Meeting"),
    "study-trip": ("Studiereis", "Studienreise", "Study trip"),
    "webinar": ("Webinar", "Webinar", "Webinar"),
}

ORGANISATIONS = {
    "knhm-foundation": ("KNHM foundation", "fund"),
    "lvkk": ("Landelijke Vereniging van Kleine Kernen", "network"),
    "krachtige-kernen": ("HAN Centre of Expertise Krachtige Kernen", "knowledge"),
    "mienthuus": ("Mienthuus", "initiative"),
    "mijnbuurtje": ("mijnbuurtje", "initiative"),
}


def _local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=site_zone())


def _next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _nth_weekday(year, month, weekday, n):
    first = datetime(year, month, 1).date()
    return _next_weekday(first, weekday) + timedelta(weeks=n - 1)


def _events(today):
    """The demo events, dated relative to `today` (a local date)."""
    # The repair café: 2nd Saturday of the month, starting with the next one.
    month = today.replace(day=1)
    first_repair = _nth_weekday(month.year, month.month, 5, 2)
    if first_repair <= today:
        following = (month + timedelta(days=32)).replace(day=1)
        first_repair = _nth_weekday(following.year, following.month, 5, 2)
    second_repair = (first_repair.replace(day=1) + timedelta(days=32)).replace(day=1)
    third_repair = (second_repair + timedelta(days=32)).replace(day=1)
    workshop_start = _next_weekday(today + timedelta(days=5), 1)  # a Tuesday
    return [
        {
            "slug": "repaircafe-kranenburg",
            "title": "Repaircafé in het Mienthuus",
            "intro": (
                "Elke tweede zaterdag van de maand repareren vrijwilligers uit Kranenburg en "
                "omgeving samen met bezoekers kapotte spullen. Er wordt Duits en Nederlands "
                "gesproken; de koffie staat klaar."
            ),
            "type": "repair-cafe",
            "venue": "Mienthuus",
            "start": _local(first_repair, 10),
            "end": _local(first_repair, 13),
            "rule": "RRULE:FREQ=MONTHLY;BYDAY=2SA",
            "languages": "de,nl,nds",
            "themes": ["vrijwilligers", "samenwerking"],
            "organisers": ["mienthuus"],
            "exceptions": [
                {
                    "date": _nth_weekday(second_repair.year, second_repair.month, 5, 2),
                    "action": OccurrenceException.Action.CANCEL,
                    "reason": "Het Mienthuus is deze zaterdag verhuurd voor een dorpsfeest.",
                },
                {
                    "date": _nth_weekday(third_repair.year, third_repair.month, 5, 2),
                    "action": OccurrenceException.Action.MOVE,
                    "new_start_time": time(13, 0),
                    "new_end_time": time(16, 0),
                    "reason": "Deze keer 's middags, na de markt.",
                },
            ],
            "translations": {
                "de": {
                    "Repaircafé in het Mienthuus": "Repair-Café im Mienthuus",
                    "Het Mienthuus is deze zaterdag verhuurd voor een dorpsfeest.": (
                        "Das Mienthuus ist an diesem Samstag für ein Dorffest vermietet."
                    ),
                    "Deze keer 's middags, na de markt.": "Diesmal nachmittags, nach dem Markt.",
                    "intro": (
                        "Jeden zweiten Samstag im Monat reparieren Ehrenamtliche aus Kranenburg "
                        "und Umgebung gemeinsam mit Besuchern kaputte Dinge. Gesprochen wird "
                        "Deutsch und Niederländisch; der Kaffee steht bereit."
                    ),
                },
                "en": {
                    "Repaircafé in het Mienthuus": "Repair café at the Mienthuus",
                    "Het Mienthuus is deze zaterdag verhuurd voor een dorpsfeest.": (
                        "The Mienthuus is let for a village party this Saturday."
                    ),
                    "Deze keer 's middags, na de markt.": "This time in the afternoon, after the market.",
                    "intro": (
                        "Every second Saturday of the month, volunteers from Kranenburg and the "
                        "area mend broken things together with visitors. German and Dutch are "
                        "spoken; the coffee is ready."
                    ),
                },
            },
        },
        {
            "slug": "krachtige-leerkring-brakkenstein",
            "title": "Krachtige Leerkring Brakkenstein",
            "intro": (
                "Twee keer per jaar komen bewoners, zorgprofessionals en studenten samen in "
                "Boszicht om te leren van wat in de wijk werkt, van de samenreisapp tot "
                "ontmoeting voor ouderen."
            ),
            "type": "learning-circle",
            "venue": "Woonzorgcentrum Boszicht",
            "start": _local(today + timedelta(days=20), 9, 30),
            "end": _local(today + timedelta(days=20), 12, 30),
            "rule": "RRULE:FREQ=MONTHLY;INTERVAL=6;COUNT=4",
            "languages": "nl",
            "themes": ["zorg-en-welzijn", "bereikbaarheid"],
            "organisers": ["krachtige-kernen"],
            "translations": {
                "de": {
                    "Krachtige Leerkring Brakkenstein": "Lernkreis Brakkenstein",
                    "intro": (
                        "Zweimal im Jahr treffen sich Bewohner, Pflegefachleute und Studierende "
                        "in Boszicht, um voneinander zu lernen – von der Mitfahr-App bis zu "
                        "Begegnungen für Ältere."
                    ),
                },
                "en": {
                    "Krachtige Leerkring Brakkenstein": "Brakkenstein learning circle",
                    "intro": (
                        "Twice a year residents, care professionals and students meet at "
                        "Boszicht to learn from what works in the neighbourhood, from the "
                        "ride-sharing app to meetings for older people."
                    ),
                },
            },
        },
        {
            "slug": "buurtverbindersdag",
            "title": "Buurtverbindersdag",
            "intro": (
                "Een dag voor bewoners en professionals die als buurtverbinder laten zien wat "
                "er in hun buurt al is, en mensen met elkaar in contact brengen."
            ),
            "type": "meeting",
            "venue": "De Oude Rechtbank",
            "start": _local(today + timedelta(days=45), 9, 30),
            "end": _local(today + timedelta(days=45), 16, 0),
            "rule": "RRULE:FREQ=MONTHLY;INTERVAL=6",
            "languages": "nl,en",
            "themes": ["samenwerking", "gezond-leven"],
            "organisers": ["mijnbuurtje"],
            "price": "45.00",
            "price_note": "Inclusief lunch",
            "translations": {
                "de": {
                    "Buurtverbindersdag": "Tag der Nachbarschaftsverbinder",
                    "Inclusief lunch": "Mittagessen inklusive",
                },
                "en": {
                    "Buurtverbindersdag": "Neighbourhood connectors day",
                    "Inclusief lunch": "Lunch included",
                },
            },
        },
        {
            "slug": "workshopreeks-maatschappelijk-aandeelhouderschap",
            "title": "Workshopreeks maatschappelijk aandeelhouderschap",
            "intro": (
                "In zeven avonden over zestien weken leer je hoe een dorp zelf eigenaar wordt "
                "van een voorziening: van het eerste gesprek met de gemeente tot de "
                "financiering."
            ),
            "type": "workshop",
            "venue": "De Oude Rechtbank",
            "online": "https://meet.example.org/aandeelhouderschap",
            "start": _local(workshop_start, 19, 30),
            "end": _local(workshop_start, 21, 30),
            "rule": "RRULE:FREQ=WEEKLY;INTERVAL=3;COUNT=6",
            "rdates": [workshop_start + timedelta(weeks=2)],
            "languages": "nl",
            "themes": ["financiering", "samenwerking"],
            "organisers": ["knhm-foundation", "lvkk"],
            "translations": {
                "en": {
                    "Workshopreeks maatschappelijk aandeelhouderschap": (
                        "Workshop series on community ownership"
                    ),
                },
            },
        },
        {
            "slug": "studiebezoek-america",
            "title": "Studiebezoek aan America",
            "intro": (
                "Een middag in 't Leafhoes in America (Noord-Limburg): hoe dorpsondersteuners, "
                "zorgaanbieders en jongeren samen het dorp leefbaar houden."
            ),
            "type": "study-trip",
            "venue": "'t Leafhoes",
            "start": _local(today + timedelta(days=33), 13, 0),
            "end": _local(today + timedelta(days=33), 17, 0),
            "languages": "nl,de",
            "themes": ["zorg-en-welzijn", "wonen"],
            "organisers": ["lvkk"],
            "translations": {
                "de": {"Studiebezoek aan America": "Studienbesuch in America"},
                "en": {"Studiebezoek aan America": "Study visit to America"},
            },
        },
        {
            "slug": "webinar-smart-villages",
            "title": "Webinar: smart villages over de grens",
            "intro": (
                "Hoe een Duits-Nederlands online-offline dorpsplein werkt, en wat dorpen in "
                "Vilejka en Mogiljov ervan meenamen."
            ),
            "type": "webinar",
            "online": "https://meet.example.org/smart-villages",
            "start": _local(today + timedelta(days=9), 16, 0),
            "end": _local(today + timedelta(days=9), 17, 0),
            "languages": "en,de,nl",
            "themes": ["samenwerking"],
            "organisers": ["mienthuus"],
            "translations": {
                "de": {
                    "Webinar: smart villages over de grens": "Webinar: Smart Villages über die Grenze"
                },
                "en": {
                    "Webinar: smart villages over de grens": "Webinar: smart villages across the border"
                },
            },
        },
        {
            "slug": "webinar-fondsen-werven",
            "title": "Webinar: fondsen werven voor je initiatief",
            "intro": "Welke fondsen passen bij jouw plan, en hoe schrijf je een aanvraag die opvalt?",
            "type": "webinar",
            "online": "https://meet.example.org/fondsen",
            "start": _local(today + timedelta(days=16), 12, 0),
            "end": _local(today + timedelta(days=16), 13, 0),
            "rule": "RRULE:FREQ=MONTHLY;COUNT=4",
            "languages": "nl",
            "themes": ["financiering"],
            "organisers": ["knhm-foundation"],
            "translations": {},
        },
    ]


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

    calendar = get_or_create_child(
        home,
        EventIndexPage,
        "agenda",
        title="Agenda",
        intro=(
            "Workshops, leerkringen, repaircafés en festivalsessies in Nederland en over de "
            "grens. Filter op thema, regio of taal, of neem de agenda op in je eigen kalender."
        ),
        show_in_menus=True,
    )
    translate(
        calendar,
        "de",
        {
            "Agenda": "Veranstaltungen",
            "agenda": "veranstaltungen",
            calendar.intro: (
                "Workshops, Lernkreise, Repair-Cafés und Festival-Sessions in den Niederlanden "
                "und über die Grenze. Filtern Sie nach Thema, Region oder Sprache, oder "
                "abonnieren Sie den Kalender."
            ),
        },
    )
    translate(
        calendar,
        "en",
        {
            "Agenda": "Events",
            "agenda": "events",
            calendar.intro: (
                "Workshops, learning circles, repair cafés and festival sessions in the "
                "Netherlands and across the border. Filter by theme, region or language, or "
                "subscribe in your own calendar."
            ),
        },
    )

    today = to_local(timezone.now()).date()
    for spec in _events(today):
        if calendar.get_children().filter(slug=spec["slug"]).exists():
            continue
        lines = []
        if spec.get("rule"):
            lines.append(spec["rule"])
        for day in spec.get("rdates", []):
            lines.append("RDATE:" + local_midnight_utc(day).strftime("%Y%m%dT%H%M%SZ"))
        venue = (
            Venue.objects.filter(name=spec["venue"], locale=nl).first()
            if spec.get("venue")
            else None
        )
        page = EventPage(
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            start=spec["start"],
            end=spec["end"],
            recurrence=recurrence.deserialize("\n".join(lines)) if lines else None,
            event_type=types[spec["type"]],
            venue=venue,
            online_url=spec.get("online", ""),
            languages=spec["languages"],
            price=spec.get("price"),
            price_note=spec.get("price_note", ""),
            contact_email="agenda@example.org",
        )
        for theme_slug in spec["themes"]:
            theme = Theme.objects.filter(slug=theme_slug, locale=nl).first()
            if theme is not None:
                page.theme_links.add(EventPageTheme(theme=theme))
        for org_slug in spec["organisers"]:
            page.organiser_links.add(EventPageOrganiser(organisation=organisations[org_slug]))
        for exception in spec.get("exceptions", []):
            page.exceptions.add(OccurrenceException(**exception))
        calendar.add_child(instance=page)
        page.save_revision().publish()
        context.log(f"event {spec['slug']}")
        for code in ("de", "en"):
            strings = _translate_strings(spec, code)
            if strings:
                translate(page, code, strings)

    # An "upcoming events" section on the home page, once.
    if not any(block.block_type == "upcoming_events" for block in home.body):
        home = home.get_latest_revision_as_object()
        home.body.insert(
            1, ("upcoming_events", {"heading": "Binnenkort", "count": 3, "theme": None})
        )
        home.save_revision().publish()
        for code, heading in (("de", "Demnächst"), ("en", "Coming up")):
            _retranslate_home(home, code, heading)


def _retranslate_home(home, code, heading):
    """Bring the translated home page up to date with the new section."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(home)
    translation = Translation.objects.filter(
        source=source, target_locale__language_code=code
    ).first()
    if translation is None:
        return
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Binnenkort":
            entry.msgstr = heading
    translation.import_po(po)
    translation.save_target(publish=True)


# Registration on most demo events: (capacity, places per registration, scope,
# registrations to add). The learning circle's first date ends up full with a
# waiting list; the smart-villages webinar is the online session.
REGISTRATIONS = {
    "repaircafe-kranenburg": (12, 2, "date", 4),
    "krachtige-leerkring-brakkenstein": (3, 1, "date", 5),
    "buurtverbindersdag": (40, 4, "date", 3),
    "workshopreeks-maatschappelijk-aandeelhouderschap": (20, 1, "series", 3),
    "webinar-smart-villages": (None, 1, "date", 2),
    "webinar-fondsen-werven": (50, 1, "date", 1),
}
DEMO_PEOPLE = [
    ("Anke Jansen", "nl"),
    ("Jürgen Hoffmann", "de"),
    ("Fatima El Amrani", "nl"),
    ("Maria Schulte", "de"),
    ("Tom Verbeek", "en"),
]
QUESTIONS = [
    {"label": "Organisatie of initiatief", "kind": "short", "required": False},
    {
        "label": "Wensen voor de lunch",
        "kind": "checkboxes",
        "required": False,
        "choices": "Vegetarisch\nVeganistisch\nGlutenvrij",
    },
]


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
        rules.confirmation_text = "Welkom! Meld je bij binnenkomst bij de gastvrouw of -heer."
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
