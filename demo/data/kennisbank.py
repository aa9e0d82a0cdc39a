"""The knowledge base's section pages and when each organisation's details
were last checked. Data only; `demo.kennisbank` loads it (the articles and
organisations are in `demo.data.articles` and `demo.data.organisations`)."""

from datetime import date

# Organisations whose details were last confirmed long ago (they show up in the
# admin's "organisations to check" report); the rest were checked recently.
LAST_CHECKED = {
    "ibb-dortmund": date(2023, 9, 1),
    "humanitas": None,
    "forte-welzijn": date(2024, 2, 1),
}
RECENTLY = date(2025, 9, 15)

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
