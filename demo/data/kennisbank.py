"""The knowledge base's section pages and when each organisation's details
were last checked. Data only; `demo.kennisbank` loads it (the articles and
organisations are in `demo.data.articles` and `demo.data.organisations`)."""

# Days before the demo is loaded that each organisation's details were last
# confirmed, so the admin's "organisations to check" report shows the same few
# (over a year, or never) whenever the demo is loaded; the rest were checked a
# few months ago. A fixed date would make every organisation due a year later.
CHECKED_DAYS_AGO = {
    "ibb-dortmund": 820,
    "humanitas": None,
    "forte-welzijn": 400,
}
RECENTLY_DAYS_AGO = 75
# A made-up address (the reserved .example domain) for the organisations due
# for a check, so the report can e-mail them a link to check their own entry.
CHECK_CONTACTS = {
    "ibb-dortmund": "kontakt@ibb-dortmund.example",
    "forte-welzijn": "info@fortewelzijn.example",
}


INDEX = {
    "nl": (
        "Kennisbank",
        "kennisbank",
        "Voorbeelden, interviews, praktische tips en cijfers van en voor bewonersinitiatieven in Nederland en over de grens.",
    ),
    "de": (
        "Wissensdatenbank",
        "wissensdatenbank",
        "Beispiele, Interviews, praktische Tipps und Zahlen von und für Bürgerinitiativen in den Niederlanden und über die Grenze hinweg.",
    ),
    "en": (
        "Knowledge base",
        "knowledge-base",
        "Examples, interviews, practical tips and figures by and for community initiatives in the Netherlands and across the border.",
    ),
}
DIRECTORY = {
    "nl": (
        "Wie kan helpen?",
        "wie-kan-helpen",
        "Fondsen, netwerken en kennisinstellingen die initiatieven verder helpen met kennis, geld of een netwerk. Filter op wat je zoekt.",
    ),
    "de": (
        "Wer kann helfen?",
        "wer-kann-helfen",
        "Stiftungen, Netzwerke und Wissenseinrichtungen, die Initiativen mit Wissen, Geld oder Kontakten weiterhelfen. Filtern Sie nach dem, was Sie suchen.",
    ),
    "en": (
        "Who can help?",
        "who-can-help",
        "Funds, networks and knowledge institutes that help initiatives along with knowledge, money or a network. Filter by what you need.",
    ),
}
