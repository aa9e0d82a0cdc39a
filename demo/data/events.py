"""The demo events from the seed documents (facts from the seeds, sentences our
own), their event types and organisers, and the registrations to add. Data
only; `demo.events` loads it.

Dates are relative to the day the demo is loaded, so the calendar is never
empty. "day" is one of
- ("in_days", n): n days from today;
- ("nth_weekday", weekday, n, months): the n-th weekday (Monday is 0) of the
  first month in which it is still to come, `months` months later;
- ("weekday_after", weekday, n): the first such weekday at least n days ahead;
"time" is ((start hour, minute), (end hour, minute)) in the site's time zone;
"extra_days" are extra dates, in days after the first. An exception's "action"
is a value of `events.models.OccurrenceException.Action`.
"""

# The calendar page: (title, slug, intro) per language.
CALENDAR = {
    "nl": (
        "Agenda",
        "agenda",
        "Workshops, leerkringen, repaircafés en festivalsessies in Nederland en over de "
        "grens. Filter op thema, regio of taal, of neem de agenda op in je eigen kalender.",
    ),
    "de": (
        "Veranstaltungen",
        "veranstaltungen",
        "Workshops, Lernkreise, Repair-Cafés und Festival-Sessions in den Niederlanden "
        "und über die Grenze. Filtern Sie nach Thema, Region oder Sprache, oder "
        "abonnieren Sie den Kalender.",
    ),
    "en": (
        "Events",
        "events",
        "Workshops, learning circles, repair cafés and festival sessions in the "
        "Netherlands and across the border. Filter by theme, region or language, or "
        "subscribe in your own calendar.",
    ),
}
# The heading of the "upcoming events" section added to the home page.
# What a visitor reads after registering for a demo event.
CONFIRMATION = "Welkom! Meld je bij binnenkomst bij de gastvrouw of -heer."

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

EVENTS = [
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
        "day": ("nth_weekday", 5, 2, 0),
        "time": ((10, 0), (13, 0)),
        "rule": "RRULE:FREQ=MONTHLY;BYDAY=2SA",
        "languages": "de,nl,nds",
        "themes": ["vrijwilligers", "samenwerking"],
        "organisers": ["mienthuus"],
        "exceptions": [
            {
                "day": ("nth_weekday", 5, 2, 1),
                "action": "cancel",
                "reason": "Het Mienthuus is deze zaterdag verhuurd voor een dorpsfeest.",
            },
            {
                "day": ("nth_weekday", 5, 2, 2),
                "action": "move",
                "new_time": ((13, 0), (16, 0)),
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
        "day": ("in_days", 20),
        "time": ((9, 30), (12, 30)),
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
        "day": ("in_days", 45),
        "time": ((9, 30), (16, 0)),
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
        "day": ("weekday_after", 1, 5),
        "time": ((19, 30), (21, 30)),
        "rule": "RRULE:FREQ=WEEKLY;INTERVAL=3;COUNT=6",
        "extra_days": [14],
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
        "day": ("in_days", 33),
        "time": ((13, 0), (17, 0)),
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
        "day": ("in_days", 9),
        "time": ((16, 0), (17, 0)),
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
        "day": ("in_days", 16),
        "time": ((12, 0), (13, 0)),
        "rule": "RRULE:FREQ=MONTHLY;COUNT=4",
        "languages": "nl",
        "themes": ["financiering"],
        "organisers": ["knhm-foundation"],
        "translations": {},
    },
]

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
