"""The demo festivals' content: partners, speakers, the festival page, the 2022
edition and the digital edition with their tracks, rooms and sessions, in Dutch
with German and English where given. Data only; `demo.festival` loads it.

Partner slugs are the knowledge base's (`demo.data.organisations`); speaker
names are invented people. Session "day" of the digital edition: days after its
first day; "registration": (capacity, registrations to add).
"""

from datetime import date

# The seven core partners (slugs as the knowledge base's demo has them), with
# what to create when that loader did not run, and the colour of their logo.
PARTNERS = {
    "knhm-foundation": ("KNHM foundation", "fund", (27, 110, 83)),
    "lsa-bewoners": ("LSA bewoners", "network", (196, 70, 58)),
    "oranje-fonds": ("Oranje Fonds", "fund", (230, 120, 20)),
    "vsbfonds": ("VSBfonds", "fund", (40, 80, 150)),
    "nov": ("Vereniging NOV", "network", (120, 60, 140)),
    "stichting-doen": ("Stichting DOEN", "fund", (20, 130, 150)),
    "nlzve": ("Nederland Zorgt Voor Elkaar", "network", (160, 40, 90)),
}

# Speakers: invented people (looked up by name, so a second load reuses them).
# Real people from the source documents are not made to speak at sessions
# that never took place.
# name: (role nl, de, en, organisation slug)
SPEAKERS = {
    "Wietske Hoekstra": ("directeur", "Direktorin", "director", "knhm-foundation"),
    "Ruben van Dalen": ("directeur", "Direktor", "director", "lsa-bewoners"),
    "Joke Vermeer": ("programmaleider", "Programmleiterin", "programme lead", "nov"),
    "Marloes Verhoef": ("directeur", "Direktorin", "director", "oranje-fonds"),
    "Pieter Brinkman": ("directeur", "Direktor", "director", "vsbfonds"),
    "Noor Vermeulen": ("directeur", "Direktorin", "director", "stichting-doen"),
    "Hanna Kleinjans": (
        "projectcoördinator en gezondheidscoach",
        "Projektkoordinatorin und Gesundheitscoach",
        "project coordinator and health coach",
        "mienthuus",
    ),
    "Sanne Hofstede": ("initiatiefnemer", "Initiatorin", "co-founder", "wijkpaleis"),
    "Anke Jansen": (
        "vrijwillig adviseur",
        "ehrenamtliche Beraterin",
        "volunteer adviser",
        "knhm-foundation",
    ),
    "Fatima El Amrani": (
        "buurtverbinder",
        "Nachbarschaftsverbinderin",
        "neighbourhood connector",
        None,
    ),
    "Tom Verbeek": (
        "voorzitter energiecoöperatie",
        "Vorsitzender einer Energiegenossenschaft",
        "chair of an energy cooperative",
        None,
    ),
    "Maria Schulte": ("dorpsmoderator", "Dorfmoderatorin", "village facilitator", None),
    "Ruud Bosman": ("fondsadviseur", "Stiftungsberater", "funding adviser", "vsbfonds"),
    "Eline de Wit": (
        "adviseur zorgzame gemeenschappen",
        "Beraterin für sorgende Gemeinschaften",
        "adviser on caring communities",
        "nlzve",
    ),
}

# A sentence about each speaker for the speakers page: (nl, de, en). Written for
# the demo; the people are invented.
SPEAKER_BIOS = {
    "Wietske Hoekstra": (
        "Leidt de KNHM foundation en zag honderden dorpen hun eigen plannen waarmaken.",
        "Leitet die KNHM foundation und hat Hunderte Dörfer ihre eigenen Pläne umsetzen sehen.",
        "Leads the KNHM foundation and has seen hundreds of villages carry out their own plans.",
    ),
    "Ruben van Dalen": (
        "Komt op voor bewonersbedrijven en het recht van bewoners om taken over te nemen.",
        "Setzt sich für Bewohnerunternehmen und das Recht ein, Aufgaben selbst zu übernehmen.",
        "Speaks up for community businesses and residents' right to take over tasks.",
    ),
    "Joke Vermeer": (
        "Helpt organisaties vrijwilligers te vinden, te begeleiden en vast te houden.",
        "Hilft Organisationen, Ehrenamtliche zu finden, zu begleiten und zu halten.",
        "Helps organisations find, guide and keep their volunteers.",
    ),
    "Marloes Verhoef": (
        "Werkt aan een fonds dat kleine initiatieven snel en zonder gedoe steunt.",
        "Arbeitet an einer Stiftung, die kleine Initiativen schnell und unkompliziert fördert.",
        "Works on a fund that backs small initiatives quickly and without red tape.",
    ),
    "Pieter Brinkman": (
        "Denkt na over hoe fondsen samen meer bereiken dan elk apart.",
        "Denkt darüber nach, wie Stiftungen gemeinsam mehr erreichen als jede für sich.",
        "Thinks about how funds achieve more together than each on their own.",
    ),
    "Noor Vermeulen": (
        "Steunt ondernemende bewoners die hun buurt groener en eerlijker maken.",
        "Unterstützt unternehmerische Bewohner, die ihr Viertel grüner und gerechter machen.",
        "Supports enterprising residents who make their neighbourhood greener and fairer.",
    ),
    "Hanna Kleinjans": (
        "Brengt in Kranenburg jong en oud samen, aan beide kanten van de grens.",
        "Bringt in Kranenburg Jung und Alt zusammen, auf beiden Seiten der Grenze.",
        "Brings young and old together in Kranenburg, on both sides of the border.",
    ),
    "Sanne Hofstede": (
        "Begon met buren een buurthuis dat nu door de wijk zelf wordt gedragen.",
        "Gründete mit Nachbarn ein Nachbarschaftshaus, das heute das Viertel selbst trägt.",
        "Started a community centre with her neighbours that the district now runs itself.",
    ),
    "Anke Jansen": (
        "Adviseert als vrijwilliger dorpen die een plan willen uitwerken.",
        "Berät ehrenamtlich Dörfer, die einen Plan ausarbeiten wollen.",
        "Advises villages as a volunteer when they want to work out a plan.",
    ),
    "Fatima El Amrani": (
        "Verbindt buren die elkaar nog niet kenden, van portiek tot plein.",
        "Verbindet Nachbarn, die sich noch nicht kannten, vom Treppenhaus bis zum Platz.",
        "Connects neighbours who had not met yet, from stairwell to square.",
    ),
    "Tom Verbeek": (
        "Zette met zijn dorp zonnepanelen op het dak van de sporthal.",
        "Hat mit seinem Dorf Solarmodule auf das Dach der Sporthalle gebracht.",
        "Put solar panels on the sports hall roof together with his village.",
    ),
    "Maria Schulte": (
        "Begeleidt dorpsgesprekken in Noordrijn-Westfalen en leert graag van Nederland.",
        "Moderiert Dorfgespräche in Nordrhein-Westfalen und lernt gern von den Niederlanden.",
        "Facilitates village conversations in North Rhine-Westphalia and likes to learn from the Netherlands.",
    ),
    "Ruud Bosman": (
        "Leest elke week aanvragen en vertelt graag wat een goede aanvraag maakt.",
        "Liest jede Woche Anträge und erzählt gern, was einen guten Antrag ausmacht.",
        "Reads applications every week and likes to explain what makes a good one.",
    ),
    "Eline de Wit": (
        "Helpt gemeenschappen de zorg voor elkaar dichtbij te organiseren.",
        "Hilft Gemeinschaften, die Sorge füreinander vor Ort zu organisieren.",
        "Helps communities organise care for one another close to home.",
    ),
}

HUB = {
    "nl": (
        "We doen het samen! Festival",
        "festival",
        "Dé dag voor bewonersinitiatieven: ontmoeten, leren en vieren wat bewoners samen voor "
        "elkaar krijgen, georganiseerd door zeven fondsen en netwerken.",
    ),
    "de": (
        "Festival „Wir machen das zusammen!“",
        "festival",
        "Der Tag der Bürgerinitiativen: sich begegnen, voneinander lernen und feiern, was "
        "Bewohner gemeinsam erreichen, organisiert von sieben Stiftungen und Netzwerken.",
    ),
    "en": (
        "We Do It Together! Festival",
        "festival",
        "The day for community initiatives: meet, learn and celebrate what residents achieve "
        "together, organised by seven funds and networks.",
    ),
}
HUB_TEXT = {
    "nl": (
        "Al jaren komen honderden initiatieven uit heel Nederland naar het festival om "
        "kennis en inspiratie op te doen en nieuwe verbindingen aan te gaan. Sinds de "
        "coronajaren is er naast de festivaldag ook een digitale editie die een heel jaar "
        "duurt."
    ),
    "de": (
        "Seit Jahren kommen Hunderte Initiativen aus den ganzen Niederlanden zum Festival, "
        "um Wissen und Anregungen zu sammeln und neue Verbindungen zu knüpfen. Seit den "
        "Corona-Jahren gibt es neben dem Festivaltag eine digitale Ausgabe, die ein ganzes "
        "Jahr dauert."
    ),
    "en": (
        "For years, hundreds of initiatives from all over the Netherlands have come to the "
        "festival for knowledge and inspiration and to make new connections. Since the "
        "pandemic years there has also been a digital edition that runs for a whole year."
    ),
}
HUB_CTA = {
    # (heading, text, button) for the meeting day, the digital edition, then the 2022 edition
    "nl": [
        (
            "Ontmoetingsdag in Amersfoort",
            "Elkaar weer in het echt zien, en samen reizen vanuit je dorp.",
            "Naar de ontmoetingsdag",
        ),
        (
            "Het hele jaar online",
            "Webinars en online werkplaatsen, maand na maand.",
            "Naar het programma",
        ),
        (
            "Terugblik: 9 april 2022 in Amersfoort",
            "Eenentwintig sessies in de Prodentfabriek.",
            "Bekijk het programma van 2022",
        ),
    ],
    "de": [
        (
            "Begegnungstag in Amersfoort",
            "Sich wieder persönlich sehen, und gemeinsam aus dem eigenen Dorf anreisen.",
            "Zum Begegnungstag",
        ),
        (
            "Das ganze Jahr online",
            "Webinare und Online-Werkstätten, Monat für Monat.",
            "Zum Programm",
        ),
        (
            "Rückblick: 9. April 2022 in Amersfoort",
            "Einundzwanzig Sessions in der Prodentfabriek.",
            "Programm 2022 ansehen",
        ),
    ],
    "en": [
        (
            "Meeting day in Amersfoort",
            "Meet in person again, and travel there together from your village.",
            "To the meeting day",
        ),
        (
            "Online all year round",
            "Webinars and online workshops, month after month.",
            "To the programme",
        ),
        (
            "Looking back: 9 April 2022 in Amersfoort",
            "Twenty-one sessions at the Prodentfabriek.",
            "See the 2022 programme",
        ),
    ],
}

# -- The 2022 edition ------------------------------------------------------------------

DAY_2022 = date(2022, 4, 9)
F2022 = {
    "nl": {
        "title": "We doen het samen! Festival 2022",
        "intro": (
            "Zaterdag 9 april 2022 kwamen bewonersinitiatieven uit het hele land samen in de "
            "Prodentfabriek in Amersfoort: workshops, gesprekken met fondsen, een "
            "initiatievenmarkt en een wandeling langs initiatieven in de stad."
        ),
        "body": (
            "Na twee digitale jaren was dit weer een dag om elkaar in het echt te ontmoeten. "
            "De zeven kernpartners organiseerden het festival samen, want alleen ga je "
            "sneller, maar samen kom je verder."
        ),
    },
    "de": {
        "title": "Festival „Wir machen das zusammen!“ 2022",
        "intro": (
            "Am Samstag, dem 9. April 2022, trafen sich Bürgerinitiativen aus dem ganzen Land "
            "in der Prodentfabriek in Amersfoort: Workshops, Gespräche mit Stiftungen, ein "
            "Initiativenmarkt und ein Rundgang zu Initiativen in der Stadt."
        ),
        "body": (
            "Nach zwei digitalen Jahren war es wieder ein Tag, an dem man sich persönlich "
            "begegnete. Die sieben Kernpartner organisierten das Festival gemeinsam, denn "
            "allein ist man schneller, aber gemeinsam kommt man weiter."
        ),
    },
    "en": {
        "title": "We Do It Together! Festival 2022",
        "intro": (
            "On Saturday 9 April 2022, community initiatives from across the country met at "
            "the Prodentfabriek in Amersfoort: workshops, conversations with funds, an "
            "initiatives market and a walk past initiatives in the town."
        ),
        "body": (
            "After two digital years, this was a day to meet in person again. The seven core "
            "partners organised the festival together: alone you go faster, together you get "
            "further."
        ),
    },
}
# slug: (nl, de, en, colour)
TRACKS_2022 = {
    "samenwerken": ("Samenwerken", "Zusammenarbeiten", "Working together", "#1b6e53"),
    "geld": ("Geld en organisatie", "Geld und Organisation", "Money and organisation", "#2f5f9e"),
    "zorg": ("Zorg en welzijn", "Pflege und Wohlergehen", "Care and wellbeing", "#a0285a"),
    "duurzaam": ("Duurzaam en groen", "Nachhaltig und grün", "Sustainable and green", "#6b7d1e"),
}
# slug: (nl, de, en, seats)
ROOMS_2022 = {
    "grote-zaal": ("Grote zaal", "Großer Saal", "Main hall", 300),
    "zaal-a": ("Zaal A", "Saal A", "Room A", 60),
    "zaal-b": ("Zaal B", "Saal B", "Room B", 60),
    "zaal-c": ("Zaal C", "Saal C", "Room C", 40),
    "marktplein": ("Marktplein", "Marktplatz", "Market square", None),
}

# Each session: start and end (local), room, track, format, languages, speakers,
# organisers (partner slugs), themes, and (title, intro) in German and English
# where translated.
# Session formats (the values of `festival.models.SessionFormat`).
W, T, M, E = "workshop", "talk", "market", "excursion"
SESSIONS_2022 = [
    {
        "title": "Opening: samen kom je verder",
        "intro": "Welkom in de Prodentfabriek, met een blik op wat bewonersinitiatieven het afgelopen jaar voor elkaar kregen.",
        "time": ((10, 0), (10, 45)),
        "room": "grote-zaal",
        "track": "samenwerken",
        "format": T,
        "speakers": ["Wietske Hoekstra"],
        "organisers": ["knhm-foundation"],
        "themes": ["samenwerking"],
        "de": (
            "Eröffnung: Gemeinsam kommt man weiter",
            "Willkommen in der Prodentfabriek, mit einem Blick darauf, was Bürgerinitiativen im vergangenen Jahr erreicht haben.",
        ),
        "en": (
            "Opening: together you get further",
            "Welcome to the Prodentfabriek, with a look at what community initiatives achieved over the past year.",
        ),
    },
    {
        "title": "Kennismaken: speeddaten voor initiatieven",
        "intro": "In korte rondes ontmoet je andere initiatiefnemers met een vraag of een idee dat op het jouwe lijkt.",
        "time": ((10, 0), (10, 45)),
        "room": "zaal-a",
        "track": "samenwerken",
        "format": W,
        "speakers": ["Fatima El Amrani"],
        "organisers": ["lsa-bewoners"],
        "themes": ["samenwerking"],
        "de": (
            "Kennenlernen: Speed-Dating für Initiativen",
            "In kurzen Runden treffen Sie andere Initiatoren mit einer Frage oder Idee, die Ihrer ähnelt.",
        ),
        "en": (
            "Getting acquainted: speed dating for initiatives",
            "In short rounds you meet other initiators with a question or an idea like yours.",
        ),
    },
    {
        "title": "Over de grens: initiatieven in Nederland en Duitsland",
        "intro": "Wat Kranenburg en Nijmeegse wijken van elkaar leren, van repaircafé tot dorpsplein. Er wordt Nederlands en Duits gesproken.",
        "time": ((10, 0), (10, 45)),
        "room": "zaal-b",
        "track": "samenwerken",
        "format": T,
        "languages": "nl,de",
        "speakers": ["Hanna Kleinjans", "Maria Schulte"],
        "organisers": ["knhm-foundation"],
        "themes": ["samenwerking"],
        "de": (
            "Über die Grenze: Initiativen in den Niederlanden und Deutschland",
            "Was Kranenburg und Nijmegener Stadtteile voneinander lernen, vom Repair-Café bis zum Dorfplatz. Gesprochen wird Niederländisch und Deutsch.",
        ),
        "en": (
            "Across the border: initiatives in the Netherlands and Germany",
            "What Kranenburg and neighbourhoods of Nijmegen learn from each other, from repair café to village square. Dutch and German are spoken.",
        ),
    },
    {
        "title": "Initiatievenmarkt",
        "intro": "De hele dag stellen initiatieven zich voor met een kraam: kom langs, proef, vraag en neem ideeën mee naar huis.",
        "time": ((10, 0), (16, 0)),
        "room": "marktplein",
        "track": "samenwerken",
        "format": M,
        "organisers": ["oranje-fonds", "nov"],
        "themes": ["samenwerking", "vrijwilligers"],
        "de": (
            "Initiativenmarkt",
            "Den ganzen Tag stellen sich Initiativen an Ständen vor: vorbeikommen, probieren, fragen und Ideen mitnehmen.",
        ),
        "en": (
            "Initiatives market",
            "All day long initiatives present themselves at a stall: drop by, taste, ask and take ideas home.",
        ),
    },
    {
        "title": "In gesprek met de kernpartners",
        "intro": "Vier directeuren over impact maken, plezier houden en waarom bewonersinitiatieven een deel van de oplossing zijn geworden.",
        "time": ((11, 0), (12, 0)),
        "room": "grote-zaal",
        "track": "samenwerken",
        "format": T,
        "speakers": ["Ruben van Dalen", "Marloes Verhoef", "Pieter Brinkman", "Noor Vermeulen"],
        "organisers": ["lsa-bewoners", "oranje-fonds", "vsbfonds", "stichting-doen"],
        "themes": ["samenwerking", "financiering"],
        "de": (
            "Im Gespräch mit den Kernpartnern",
            "Vier Direktorinnen und Direktoren über Wirkung, Freude an der Arbeit und warum Bürgerinitiativen Teil der Lösung geworden sind.",
        ),
        "en": (
            "In conversation with the core partners",
            "Four directors on making an impact, keeping it fun and why community initiatives have become part of the solution.",
        ),
    },
    {
        "title": "Maatschappelijk vastgoed kopen: hoe begin je?",
        "intro": "Een buurthuis, een oude school of een kerk in handen van bewoners: over plannen, financiering en de eerste gesprekken met de gemeente.",
        "time": ((11, 0), (12, 30)),
        "room": "zaal-a",
        "track": "geld",
        "format": W,
        "speakers": ["Anke Jansen"],
        "organisers": ["knhm-foundation"],
        "themes": ["financiering", "wonen"],
        "de": (
            "Gemeinschaftsimmobilien kaufen: Wie fängt man an?",
            "Ein Nachbarschaftshaus, eine alte Schule oder eine Kirche in Bewohnerhand: über Pläne, Finanzierung und die ersten Gespräche mit der Gemeinde.",
        ),
        "en": (
            "Buying community property: where do you start?",
            "A community centre, an old school or a church in residents' hands: plans, funding and the first talks with the municipality.",
        ),
    },
    {
        "title": "Right to challenge in de praktijk",
        "intro": "Bewoners die een taak van de gemeente beter of dichter bij huis kunnen doen: voorbeelden en valkuilen.",
        "time": ((11, 0), (12, 0)),
        "room": "zaal-b",
        "track": "samenwerken",
        "format": W,
        "speakers": ["Ruben van Dalen"],
        "organisers": ["lsa-bewoners"],
        "themes": ["samenwerking"],
    },
    {
        "title": "Vrijwilligers vinden én houden",
        "intro": "Hoe je nieuwe mensen betrekt en zorgt dat vrijwilligers met plezier blijven.",
        "time": ((11, 0), (12, 0)),
        "room": "zaal-c",
        "track": "zorg",
        "format": W,
        "speakers": ["Joke Vermeer"],
        "organisers": ["nov"],
        "themes": ["vrijwilligers"],
        "de": (
            "Ehrenamtliche finden und halten",
            "Wie man neue Menschen einbindet und dafür sorgt, dass Ehrenamtliche gern bleiben.",
        ),
        "en": (
            "Finding and keeping volunteers",
            "How to involve new people and make sure volunteers enjoy staying.",
        ),
    },
    {
        "title": "Mantelzorg ontlasten met vrijwilligers",
        "intro": "Wat vrijwilligers en buren kunnen doen zodat mantelzorgers er niet alleen voor staan.",
        "time": ((12, 0), (13, 0)),
        "room": "zaal-c",
        "track": "zorg",
        "format": T,
        "speakers": ["Eline de Wit"],
        "organisers": ["nov", "nlzve"],
        "themes": ["zorg-en-welzijn", "vrijwilligers"],
    },
    {
        "title": "Fondsenspreekuur",
        "intro": "Schuif aan bij een fondsadviseur met je plan, je begroting of je vraag.",
        "time": ((12, 30), (13, 30)),
        "room": "marktplein",
        "track": "geld",
        "format": M,
        "speakers": ["Ruud Bosman"],
        "organisers": ["vsbfonds", "oranje-fonds"],
        "themes": ["financiering"],
    },
    {
        "title": "Fondsen in gesprek: wie financiert wat?",
        "intro": "Welk fonds past bij welk plan, en wat maakt een aanvraag sterk? Vier fondsen vertellen en beantwoorden vragen uit de zaal.",
        "time": ((13, 30), (15, 0)),
        "room": "grote-zaal",
        "track": "geld",
        "format": T,
        "speakers": ["Marloes Verhoef", "Pieter Brinkman", "Noor Vermeulen", "Wietske Hoekstra"],
        "organisers": ["oranje-fonds", "vsbfonds", "stichting-doen", "knhm-foundation"],
        "themes": ["financiering"],
        "de": (
            "Stiftungen im Gespräch: Wer finanziert was?",
            "Welche Stiftung passt zu welchem Plan, und was macht einen Antrag stark? Vier Stiftungen berichten und beantworten Fragen aus dem Saal.",
        ),
        "en": (
            "Funds in conversation: who funds what?",
            "Which fund suits which plan, and what makes an application strong? Four funds explain and answer questions from the floor.",
        ),
    },
    {
        "title": "Zorgzame gemeenschappen: zorg organiseren in je dorp",
        "intro": "Van dorpsondersteuner tot zorgcoöperatie: hoe bewoners naar elkaar omzien en wat daarvoor nodig is.",
        "time": ((13, 30), (14, 30)),
        "room": "zaal-a",
        "track": "zorg",
        "format": W,
        "speakers": ["Eline de Wit"],
        "organisers": ["nlzve"],
        "themes": ["zorg-en-welzijn"],
        "de": (
            "Sorgende Gemeinschaften: Pflege im Dorf organisieren",
            "Vom Dorfunterstützer bis zur Pflegegenossenschaft: wie Bewohner füreinander da sind und was dafür nötig ist.",
        ),
        "en": (
            "Caring communities: organising care in your village",
            "From village support worker to care cooperative: how residents look out for each other and what that takes.",
        ),
    },
    {
        "title": "Eenzaamheid samen aanpakken",
        "intro": "Ontmoetingsplekken, maaltijden en huisbezoeken: wat werkt tegen eenzaamheid in de buurt?",
        "time": ((13, 30), (14, 30)),
        "room": "zaal-b",
        "track": "zorg",
        "format": W,
        "speakers": ["Fatima El Amrani"],
        "organisers": ["oranje-fonds"],
        "themes": ["zorg-en-welzijn"],
    },
    {
        "title": "Samen energie opwekken",
        "intro": "Een energiecoöperatie in de buurt: van het eerste dak vol zonnepanelen tot een eigen windmolen.",
        "time": ((13, 30), (14, 30)),
        "room": "zaal-c",
        "track": "duurzaam",
        "format": W,
        "speakers": ["Tom Verbeek"],
        "organisers": ["stichting-doen"],
        "themes": ["energietransitie"],
        "de": (
            "Gemeinsam Energie erzeugen",
            "Eine Energiegenossenschaft in der Nachbarschaft: vom ersten Dach voller Solarmodule bis zum eigenen Windrad.",
        ),
        "en": (
            "Generating energy together",
            "An energy cooperative in the neighbourhood: from the first roof of solar panels to a wind turbine of your own.",
        ),
    },
    {
        "title": "Je aanvraag laten opvallen",
        "intro": "Praktische tips voor een aanvraag die een fonds in één keer begrijpt.",
        "time": ((14, 45), (15, 45)),
        "room": "zaal-a",
        "track": "geld",
        "format": W,
        "speakers": ["Ruud Bosman"],
        "organisers": ["vsbfonds"],
        "themes": ["financiering"],
    },
    {
        "title": "Bewonersbedrijven: ondernemen voor je wijk",
        "intro": "Hoe een bewonersbedrijf werk, ontmoeting en inkomsten in de wijk brengt.",
        "time": ((14, 45), (15, 45)),
        "room": "zaal-b",
        "track": "geld",
        "format": T,
        "speakers": ["Sanne Hofstede"],
        "organisers": ["lsa-bewoners"],
        "themes": ["samenwerking", "financiering"],
    },
    {
        "title": "Wandeling langs initiatieven in Amersfoort",
        "intro": "Een wandeling langs buurttuinen en ontmoetingsplekken in de stad; vertrek bij de ingang van de Prodentfabriek.",
        "time": ((14, 45), (16, 15)),
        "room": None,
        "track": "duurzaam",
        "format": E,
        "speakers": ["Anke Jansen"],
        "organisers": ["knhm-foundation"],
        "themes": ["samenwerking"],
        "de": (
            "Rundgang zu Initiativen in Amersfoort",
            "Ein Rundgang zu Nachbarschaftsgärten und Begegnungsorten in der Stadt; Treffpunkt am Eingang der Prodentfabriek.",
        ),
        "en": (
            "Walk past initiatives in Amersfoort",
            "A walk past community gardens and meeting places in the town; we leave from the entrance of the Prodentfabriek.",
        ),
    },
    {
        "title": "Kern met Pit: winnaars vertellen",
        "intro": "Initiatieven die een trofee wonnen vertellen hoe ze hun plan in een jaar waarmaakten.",
        "time": ((15, 15), (16, 0)),
        "room": "grote-zaal",
        "track": "samenwerken",
        "format": T,
        "organisers": ["knhm-foundation"],
        "themes": ["samenwerking"],
    },
    {
        "title": "Een buurthuis in eigen beheer",
        "intro": "Wat komt er kijken bij een buurthuis dat bewoners zelf draaien, van sleutelbeheer tot programma?",
        "time": ((16, 0), (16, 45)),
        "room": "zaal-b",
        "track": "samenwerken",
        "format": W,
        "speakers": ["Sanne Hofstede"],
        "organisers": ["lsa-bewoners"],
        "themes": ["samenwerking"],
    },
    {
        "title": "Gezond leven in het dorp",
        "intro": "Wandelgroepen, moestuinen en beweegmaatjes: gezondheid als iets wat je samen doet.",
        "time": ((16, 0), (16, 45)),
        "room": "zaal-a",
        "track": "zorg",
        "format": W,
        "speakers": ["Hanna Kleinjans"],
        "organisers": ["nlzve"],
        "themes": ["gezond-leven"],
        "cancelled": "De spreker kan helaas niet komen.",
    },
    {
        "title": "Afsluiting en borrel",
        "intro": "We sluiten de dag samen af, met een drankje en de mooiste ideeën van vandaag.",
        "time": ((16, 15), (17, 0)),
        "room": "grote-zaal",
        "track": "samenwerken",
        "format": T,
        "organisers": [
            "knhm-foundation",
            "lsa-bewoners",
            "oranje-fonds",
            "vsbfonds",
            "nov",
            "stichting-doen",
            "nlzve",
        ],
        "themes": ["samenwerking"],
        "de": (
            "Abschluss und Umtrunk",
            "Wir beenden den Tag gemeinsam, mit einem Getränk und den schönsten Ideen des Tages.",
        ),
        "en": (
            "Closing and drinks",
            "We close the day together, with a drink and the best ideas of the day.",
        ),
    },
]

# -- The digital edition ---------------------------------------------------------------

DIGITAL = {
    "nl": {
        "title": "We doen het samen! Festival digitaal",
        "slug": "digitaal",
        "intro": (
            "Een festival dat een heel jaar duurt: maand na maand webinars en online "
            "werkplaatsen voor en door bewonersinitiatieven, waar je ook woont."
        ),
        "body": (
            "Meedoen kan vanaf je eigen keukentafel. Voor sommige sessies meld je je aan; "
            "je krijgt dan de link per e-mail. Bij andere kun je zo aanschuiven."
        ),
    },
    "de": {
        "title": "Festival „Wir machen das zusammen!“ digital",
        "slug": "digital",
        "intro": (
            "Ein Festival, das ein ganzes Jahr dauert: Monat für Monat Webinare und "
            "Online-Werkstätten von und für Bürgerinitiativen, wo immer Sie wohnen."
        ),
        "body": (
            "Mitmachen können Sie vom eigenen Küchentisch aus. Für manche Sessions melden Sie "
            "sich an und bekommen den Link per E-Mail; bei anderen können Sie einfach dazukommen."
        ),
    },
    "en": {
        "title": "We Do It Together! Festival online",
        "slug": "online",
        "intro": (
            "A festival that lasts a whole year: month after month, webinars and online "
            "workshops by and for community initiatives, wherever you live."
        ),
        "body": (
            "You can take part from your own kitchen table. For some sessions you register "
            "and get the link by e-mail; others you can simply join."
        ),
    },
}
EDITION_DIGITAL = {"nl": "digitaal {}–{}", "de": "digital {}–{}", "en": "online {}–{}"}
TRACKS_DIGITAL = {
    "samenwerken": ("Samenwerken", "Zusammenarbeiten", "Working together", "#1b6e53"),
    "geld": ("Geld en organisatie", "Geld und Organisation", "Money and organisation", "#2f5f9e"),
    "zorg": ("Zorg en welzijn", "Pflege und Wohlergehen", "Care and wellbeing", "#a0285a"),
}
ON = "online"
MEET = "https://meet.example.org/festival/"
# "day": days after the first day; "registration": (capacity, registrations).
SESSIONS_DIGITAL = [
    {
        "title": "Aftrap: een jaar lang samen",
        "intro": "De kernpartners openen het digitale festival en vertellen wat er de komende maanden te doen is.",
        "day": 6,
        "time": ((16, 0), (17, 0)),
        "track": "samenwerken",
        "format": T,
        "speakers": ["Wietske Hoekstra", "Ruben van Dalen"],
        "organisers": ["knhm-foundation", "lsa-bewoners"],
        "themes": ["samenwerking"],
        "registration": (None, 4),
        "de": (
            "Auftakt: ein Jahr lang gemeinsam",
            "Die Kernpartner eröffnen das digitale Festival und erzählen, was in den kommenden Monaten geplant ist.",
        ),
        "en": (
            "Kick-off: a year together",
            "The core partners open the digital festival and tell what is on in the months ahead.",
        ),
    },
    {
        "title": "Community funds across Europe",
        "intro": "How residents in Germany, Belgium and the Netherlands raise money for their own village: an international session in English.",
        "day": 13,
        "time": ((19, 30), (20, 30)),
        "track": "geld",
        "format": ON,
        "languages": "en",
        "speakers": ["Maria Schulte", "Ruud Bosman"],
        "organisers": ["vsbfonds"],
        "themes": ["financiering"],
        "registration": (30, 5),
        "de": (
            "Bürgerfonds in Europa",
            "Wie Bewohner in Deutschland, Belgien und den Niederlanden Geld für ihr eigenes Dorf sammeln: eine internationale Session auf Englisch.",
        ),
        "en": (
            "Community funds across Europe",
            "How residents in Germany, Belgium and the Netherlands raise money for their own village: an international session in English.",
        ),
    },
    {
        "title": "Vrijwilligers werven via sociale media",
        "intro": "Een online werkplaats: je schrijft een oproep die past bij jouw initiatief en krijgt meteen feedback.",
        "day": 20,
        "time": ((19, 30), (21, 0)),
        "track": "zorg",
        "format": W,
        "speakers": ["Joke Vermeer"],
        "organisers": ["nov"],
        "themes": ["vrijwilligers"],
        "registration": (25, 23),
    },
    {
        "title": "Dorfgespräch: Nachbarschaftshilfe über die Grenze",
        "intro": "Bewohner aus Kranenburg und Nijmegen erzählen, wie sie sich gegenseitig helfen. Das Gespräch ist auf Deutsch.",
        "day": 34,
        "time": ((18, 0), (19, 0)),
        "track": "samenwerken",
        "format": ON,
        "languages": "de",
        "speakers": ["Hanna Kleinjans"],
        "organisers": ["knhm-foundation"],
        "themes": ["samenwerking", "zorg-en-welzijn"],
        "de": (
            "Dorfgespräch: Nachbarschaftshilfe über die Grenze",
            "Bewohner aus Kranenburg und Nijmegen erzählen, wie sie sich gegenseitig helfen. Das Gespräch ist auf Deutsch.",
        ),
        "en": (
            "Village talk: neighbourly help across the border",
            "Residents of Kranenburg and Nijmegen tell how they help each other. The talk is in German.",
        ),
    },
    {
        "title": "Spreekuur: je aanvraag in tien minuten",
        "intro": "Bespreek je aanvraag één op één met een fondsadviseur. Er zijn maar een paar plekken.",
        "day": 48,
        "time": ((12, 0), (13, 0)),
        "track": "geld",
        "format": ON,
        "speakers": ["Ruud Bosman"],
        "organisers": ["vsbfonds", "oranje-fonds"],
        "themes": ["financiering"],
        "registration": (10, 12),
        "de": (
            "Sprechstunde: Ihr Antrag in zehn Minuten",
            "Besprechen Sie Ihren Antrag unter vier Augen mit einem Stiftungsberater. Es gibt nur wenige Plätze.",
        ),
        "en": (
            "Consultation hour: your application in ten minutes",
            "Discuss your application one to one with a funding adviser. There are only a few places.",
        ),
    },
    {
        "title": "Zorgzame gemeenschappen in gesprek",
        "intro": "Drie initiatieven vertellen hoe ze zorg en ontmoeting in hun dorp organiseren. "
        "Met een Engelstalige gast uit Vlaanderen; vragen mogen in het Nederlands of Engels.",
        "day": 62,
        "time": ((16, 0), (17, 0)),
        "track": "zorg",
        "format": ON,
        "languages": "nl,en",
        "en": (
            "Caring communities in conversation",
            "Three initiatives tell how they organise care and company in their village. "
            "With an English-speaking guest from Flanders; ask in Dutch or English.",
        ),
        "de": (
            "Sorgende Gemeinschaften im Gespräch",
            "Drei Initiativen erzählen, wie sie Pflege und Begegnung in ihrem Dorf organisieren. "
            "Mit einem englischsprachigen Gast aus Flandern; Fragen auf Niederländisch oder Englisch.",
        ),
        "speakers": ["Eline de Wit"],
        "organisers": ["nlzve"],
        "themes": ["zorg-en-welzijn"],
    },
    {
        "title": "Energy communities: lessons from Germany",
        "intro": "What Dutch energy cooperatives can learn from German citizens' energy projects. In English, with questions in any language.",
        "day": 90,
        "time": ((19, 30), (20, 30)),
        "track": "samenwerken",
        "format": ON,
        "languages": "en,de",
        "speakers": ["Tom Verbeek", "Maria Schulte"],
        "organisers": ["stichting-doen"],
        "themes": ["energietransitie"],
        "de": (
            "Energiegemeinschaften: Lehren aus Deutschland",
            "Was niederländische Energiegenossenschaften von deutschen Bürgerenergieprojekten lernen können. Auf Englisch, Fragen in jeder Sprache.",
        ),
    },
    {
        "title": "Buurthuis in eigen beheer: de eerste honderd dagen",
        "intro": "Van sleuteloverdracht tot eerste programma: een online werkplaats voor nieuwe beheerders.",
        "day": 120,
        "time": ((19, 30), (21, 0)),
        "track": "samenwerken",
        "format": W,
        "speakers": ["Sanne Hofstede"],
        "organisers": ["lsa-bewoners"],
        "themes": ["samenwerking"],
        "registration": (40, 6),
    },
    {
        "title": "Eenzaamheid: wat buren kunnen doen",
        "intro": "Kleine gebaren met groot effect, en hoe je als initiatief mensen bereikt die niet vanzelf komen.",
        "day": 180,
        "time": ((16, 0), (17, 0)),
        "track": "zorg",
        "format": ON,
        "speakers": ["Fatima El Amrani"],
        "organisers": ["oranje-fonds"],
        "themes": ["zorg-en-welzijn"],
    },
    {
        "title": "Maatschappelijk vastgoed: financieren met participaties",
        "intro": "Hoe een bewonersbedrijf met hulp van participaties een pand koopt, stap voor stap.",
        "day": 240,
        "time": ((19, 30), (20, 30)),
        "track": "geld",
        "format": ON,
        "speakers": ["Anke Jansen"],
        "organisers": ["knhm-foundation"],
        "themes": ["financiering", "wonen"],
    },
    {
        "title": "Slotuitzending: wat we samen leerden",
        "intro": "We kijken terug op een jaar festival en blikken vooruit op de volgende festivaldag.",
        "day": 355,
        "time": ((16, 0), (17, 0)),
        "track": "samenwerken",
        "format": T,
        "speakers": ["Wietske Hoekstra", "Marloes Verhoef"],
        "organisers": ["knhm-foundation", "oranje-fonds", "nov"],
        "themes": ["samenwerking"],
        "de": (
            "Abschlusssendung: Was wir gemeinsam gelernt haben",
            "Wir blicken auf ein Festivaljahr zurück und voraus auf den nächsten Festivaltag.",
        ),
        "en": (
            "Closing broadcast: what we learned together",
            "We look back on a year of festival and ahead to the next festival day.",
        ),
    },
]
REGISTRANTS = [
    ("Anke", "nl"),
    ("Jürgen", "de"),
    ("Fatima", "nl"),
    ("Maria", "de"),
    ("Tom", "en"),
    ("Sanne", "nl"),
    ("Klaus", "de"),
    ("Priya", "en"),
]


# A coming day on site, six weeks after the demo was first loaded: the festival
# day the travel demo's plans are for (demo/travel.py).
MEETING_DAY = {
    "nl": {
        "title": "We doen het samen! Ontmoetingsdag",
        "slug": "ontmoetingsdag",
        "intro": (
            "Een dag in de Prodentfabriek in Amersfoort om elkaar weer in het echt te "
            "ontmoeten: 's ochtends de opening, 's middags een werkplaats over samen reizen."
        ),
        "body": (
            "Kom je van ver? Reis samen: bied plaatsen in je auto aan, zoek een rit of neem "
            "anderen mee in de trein. Wie op deze dag komt, reist samen, naar welke sessie "
            "je ook gaat."
        ),
    },
    "de": {
        "title": "Wir machen das zusammen! Begegnungstag",
        "slug": "begegnungstag",
        "intro": (
            "Ein Tag in der Prodentfabriek in Amersfoort, um sich wieder persönlich zu "
            "begegnen: morgens die Eröffnung, nachmittags eine Werkstatt zum gemeinsamen Reisen."
        ),
        "body": (
            "Sie kommen von weit her? Reisen Sie gemeinsam: Bieten Sie Plätze in Ihrem Auto an, "
            "suchen Sie eine Mitfahrgelegenheit oder nehmen Sie andere im Zug mit. Wer an "
            "diesem Tag kommt, reist gemeinsam, egal zu welchem Programmpunkt."
        ),
    },
    "en": {
        "title": "We do it together! Meeting day",
        "slug": "meeting-day",
        "intro": (
            "A day in the Prodentfabriek in Amersfoort to meet in person again: the opening "
            "in the morning, a workshop on travelling together in the afternoon."
        ),
        "body": (
            "Coming from far? Travel together: offer seats in your car, ask for a ride or take "
            "others along on the train. Everyone coming that day travels together, whichever "
            "session they go to."
        ),
    },
}
SESSIONS_MEETING = [
    {
        "title": "Opening van de ontmoetingsdag",
        "intro": "De kernpartners openen de dag: wat bewonersinitiatieven dit jaar samen voor elkaar kregen.",
        "time": ((10, 0), (11, 30)),
        "format": "talk",
        "organisers": ["knhm-foundation"],
        "de": (
            "Eröffnung des Begegnungstags",
            "Die Kernpartner eröffnen den Tag: was Bürgerinitiativen in diesem Jahr gemeinsam erreicht haben.",
        ),
        "en": (
            "Opening of the meeting day",
            "The core partners open the day: what residents' initiatives achieved together this year.",
        ),
    },
    {
        "title": "Werkplaats samen reizen",
        "intro": "Dorpsauto, buurtbus, meerijden: hoe mensen in kleine kernen mobiel blijven door samen te reizen.",
        "time": ((14, 0), (16, 0)),
        "format": "workshop",
        "de": (
            "Werkstatt gemeinsam reisen",
            "Dorfauto, Bürgerbus, Mitfahren: wie Menschen in kleinen Dörfern mobil bleiben, indem sie gemeinsam reisen.",
        ),
        "en": (
            "Workshop: travelling together",
            "Village car, community bus, ride sharing: how people in small villages stay mobile by travelling together.",
        ),
    },
]
