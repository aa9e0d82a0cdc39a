"""Demo themes, regions and venues from the seed documents, in Dutch with
German and English. Data only; `demo.taxonomy` loads it."""

from decimal import Decimal

# slug: (nl, de, en, Dutch description)
THEMES = {
    "lokaal-voedsel": (
        "Lokaal voedsel",
        "Lokale Lebensmittel",
        "Local food",
        "Voedsel uit de eigen streek en de omslag in de landbouw.",
    ),
    "bereikbaarheid": (
        "Bereikbaarheid en mobiliteit",
        "Erreichbarkeit und Mobilität",
        "Accessibility and mobility",
        "Mobiel blijven in kleine kernen, ook zonder eigen auto.",
    ),
    "wonen": (
        "Wonen",
        "Wohnen",
        "Housing",
        "Genoeg passende woningen voor jong en oud in het dorp.",
    ),
    "gezond-leven": (
        "Gezond leven",
        "Gesund leben",
        "Healthy living",
        "Vitaliteit, positieve gezondheid en welzijn op recept.",
    ),
    "energietransitie": (
        "Energietransitie",
        "Energiewende",
        "Energy transition",
        "Samen duurzame energie opwekken en besparen.",
    ),
    "zorg-en-welzijn": (
        "Zorg en welzijn",
        "Pflege und Wohlergehen",
        "Care and wellbeing",
        "Naar elkaar omzien: dorpsondersteuners, mantelzorg en ontmoeting.",
    ),
    "vrijwilligers": (
        "Vrijwilligers",
        "Ehrenamt",
        "Volunteering",
        "Nieuwe vrijwilligers vinden en vasthouden.",
    ),
    "financiering": (
        "Financiering",
        "Finanzierung",
        "Funding",
        "Fondsen, subsidies en maatschappelijk aandeelhouderschap.",
    ),
    "samenwerking": (
        "Samenwerking",
        "Zusammenarbeit",
        "Collaboration",
        "Samenwerken met gemeente, fondsen, welzijn en andere initiatieven.",
    ),
}

# slug: (nl, de, en, kind, country)
REGIONS = {
    "drenthe": ("Drenthe", "Drenthe", "Drenthe", "province", "NL"),
    "utrecht": ("Utrecht", "Utrecht", "Utrecht", "province", "NL"),
    "gelderland": ("Gelderland", "Gelderland", "Gelderland", "province", "NL"),
    "limburg": ("Limburg", "Limburg", "Limburg", "province", "NL"),
    "zuid-holland": ("Zuid-Holland", "Südholland", "South Holland", "province", "NL"),
    "noord-brabant": ("Noord-Brabant", "Nordbrabant", "North Brabant", "province", "NL"),
    "nordrhein-westfalen": (
        "Noordrijn-Westfalen",
        "Nordrhein-Westfalen",
        "North Rhine-Westphalia",
        "state",
        "DE",
    ),
    "vilejka": ("Vilejka", "Wilejka", "Vileyka", "municipality", "BY"),
    "mogiljov": ("Mogiljov", "Mogiljow", "Mogilev", "oblast", "BY"),
    "nederland": ("Nederland", "Niederlande", "Netherlands", "country", "NL"),
}

# key: fields (Dutch text), German and English translations of the text fields.
VENUES = {
    "boszicht": {
        "fields": {
            "name": "Woonzorgcentrum Boszicht",
            "street": "",
            "postcode": "",
            "city": "Nijmegen",
            "country": "NL",
            "region": "gelderland",
            "latitude": Decimal("51.814600"),
            "longitude": Decimal("5.860600"),
            "accessibility": "Gelijkvloerse ingang en een invalidentoilet.",
            "route": "In de wijk Brakkenstein, aan de zuidkant van Nijmegen; bus vanaf station Nijmegen.",
        },
        "de": {
            "Woonzorgcentrum Boszicht": "Wohn- und Pflegezentrum Boszicht",
            "Gelijkvloerse ingang en een invalidentoilet.": "Stufenloser Eingang und eine barrierefreie Toilette.",
            "In de wijk Brakkenstein, aan de zuidkant van Nijmegen; bus vanaf station Nijmegen.": "Im Stadtteil Brakkenstein im Süden von Nijmegen; Bus ab Bahnhof Nijmegen.",
        },
        "en": {
            "Woonzorgcentrum Boszicht": "Boszicht care home",
            "Gelijkvloerse ingang en een invalidentoilet.": "Step-free entrance and an accessible toilet.",
            "In de wijk Brakkenstein, aan de zuidkant van Nijmegen; bus vanaf station Nijmegen.": "In the Brakkenstein district on the south side of Nijmegen; bus from Nijmegen station.",
        },
    },
    "mienthuus": {
        "fields": {
            "name": "Mienthuus",
            "street": "",
            "postcode": "47559",
            "city": "Kranenburg",
            "country": "DE",
            "region": "nordrhein-westfalen",
            "latitude": Decimal("51.788600"),
            "longitude": Decimal("6.009500"),
            "accessibility": "Ingang op straatniveau.",
            "route": "Vlak over de grens bij Nijmegen; parkeren in het dorp.",
        },
        "de": {
            "Ingang op straatniveau.": "Eingang ebenerdig.",
            "Vlak over de grens bij Nijmegen; parkeren in het dorp.": "Direkt hinter der Grenze bei Nijmegen; Parkplätze im Ort.",
        },
        "en": {
            "Ingang op straatniveau.": "Street-level entrance.",
            "Vlak over de grens bij Nijmegen; parkeren in het dorp.": "Just across the border near Nijmegen; parking in the village.",
        },
    },
    "oude-rechtbank": {
        "fields": {
            "name": "De Oude Rechtbank",
            "street": "",
            "postcode": "",
            "city": "Utrecht",
            "country": "NL",
            "region": "utrecht",
            "latitude": Decimal("52.090700"),
            "longitude": Decimal("5.121400"),
            "accessibility": "Lift naar alle zalen.",
            "route": "Tien minuten lopen van Utrecht Centraal.",
        },
        "de": {
            "De Oude Rechtbank": "Das alte Gericht (De Oude Rechtbank)",
            "Lift naar alle zalen.": "Aufzug zu allen Sälen.",
            "Tien minuten lopen van Utrecht Centraal.": "Zehn Minuten zu Fuß vom Hauptbahnhof Utrecht.",
        },
        "en": {
            "De Oude Rechtbank": "The Old Courthouse (De Oude Rechtbank)",
            "Lift naar alle zalen.": "Lift to every room.",
            "Tien minuten lopen van Utrecht Centraal.": "A ten-minute walk from Utrecht Central station.",
        },
    },
    "leafhoes": {
        "fields": {
            "name": "'t Leafhoes",
            "street": "",
            "postcode": "",
            "city": "America",
            "country": "NL",
            "region": "limburg",
            "latitude": Decimal("51.438100"),
            "longitude": Decimal("5.980600"),
            "accessibility": "Gelijkvloers, met een invalidentoilet.",
            "route": "Midden in het dorp America, in Noord-Limburg.",
        },
        "de": {
            "Gelijkvloers, met een invalidentoilet.": "Ebenerdig, mit barrierefreier Toilette.",
            "Midden in het dorp America, in Noord-Limburg.": "Mitten im Dorf America in Nord-Limburg.",
        },
        "en": {
            "Gelijkvloers, met een invalidentoilet.": "Step-free, with an accessible toilet.",
            "Midden in het dorp America, in Noord-Limburg.": "In the middle of the village of America, in North Limburg.",
        },
    },
}
