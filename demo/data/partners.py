"""The demo partner pages' content: the partner index, the Mienthuus page
(written in German, translated into Dutch and English), its workshop and venue, and the
exchange with Belarus (Dutch, translated into German and English). Data only;
`demo.partners` loads it.
"""

from datetime import date
from decimal import Decimal

INDEX = {
    "nl": (
        "Partners over de grens",
        "partners",
        "Met wie we samenwerken in Duitsland en verder weg: wat de samenwerking inhoudt, "
        "welke uitwisselingen er waren en waar je elkaar binnenkort treft.",
    ),
    "de": (
        "Partner über die Grenze",
        "partner",
        "Mit wem wir in Deutschland und darüber hinaus zusammenarbeiten: worum es geht, "
        "welche Austausche es gab und wo man sich demnächst begegnet.",
    ),
    "en": (
        "Partners across the border",
        "partners",
        "Who we work with in Germany and further afield: what the partnership is about, "
        "which exchanges took place and where to meet soon.",
    ),
}

MEDICARE = {
    "name": "Seniorenresidenz Medicare Kranenburg",
    "postcode": "47559",
    "city": "Kranenburg",
    "country": "DE",
    "region": "nordrhein-westfalen",
    "latitude": Decimal("51.785900"),
    "longitude": Decimal("6.002800"),
    "accessibility": "Gelijkvloers, met lift en invalidentoilet.",
    "route": "In het dorp Kranenburg, een paar minuten lopen van het Mienthuus.",
}
MEDICARE_TRANSLATIONS = {
    "de": {
        MEDICARE["accessibility"]: "Ebenerdig, mit Aufzug und barrierefreier Toilette.",
        MEDICARE["route"]: "Im Ort Kranenburg, wenige Minuten zu Fuß vom Mienthuus.",
    },
    "en": {
        MEDICARE["accessibility"]: "Step-free, with a lift and an accessible toilet.",
        MEDICARE["route"]: "In the village of Kranenburg, a few minutes' walk from the Mienthuus.",
    },
}

# -- Mienthuus: German first ----------------------------------------------------------------

MIENTHUUS_DE = {
    "title": "Mienthuus in Kranenburg",
    "slug": "mienthuus",
    "intro": (
        "Ein deutsch-niederländischer Dorfplatz, online und vor Ort: In Kranenburg bringen "
        "Ehrenamtliche die Menschen mit Workshops und Repair-Cafés zusammen."
    ),
    "image_alt": "Gezeichnetes Dorf mit Kirchturm und Bäumen an einem Sommertag",
    "paragraphs": [
        (
            "Mienthuus will kleine Orte und Dörfer lebenswert halten, indem die Bewohnerinnen "
            "und Bewohner öfter miteinander in Kontakt kommen. Ehrenamtliche organisieren dafür "
            "Workshops und Repair-Cafés, und auf MIENTHUUS.de finden Nachbarn einander auch online."
        ),
        (
            "Die Idee stammt aus den Niederlanden, wo sie als „Mijn buurtje“ begann. Nach "
            "Kranenburg brachten sie die Gemeinde Kranenburg, die Stichting Welzijn Groesbeek, "
            "die Stichting wijkkrant en wijkwebsite Nijmegen-Oost und die Seniorenresidenz "
            "Medicare Kranenburg."
        ),
        (
            "Projektkoordinatorin ist Iris Haarland, Expertin für Gesundheit und gesellschaftliche "
            "Entwicklung und Gesundheitscoach. Sie stellt das Projekt auch im Ausland vor, etwa "
            "Gästen aus Belarus."
        ),
    ],
    "exchange": {
        "title": "Besuch der Delegation aus Belarus",
        "places": "Kranenburg",
        "report": (
            "Die Gäste aus den Regionen Wilejka und Mogiljow wollten sehen, wie der "
            "Online-Dorfplatz im Alltag funktioniert, und besuchten MIENTHUUS.de vor Ort."
        ),
    },
    "gallery": [
        (
            "Mienthuus: Dorf im Sommer",
            31,
            "summer",
            "Gezeichnete Häuser mit roten Dächern zwischen grünen Hügeln",
            "Kranenburg liegt direkt an der Grenze bei Nijmegen.",
        ),
        (
            "Mienthuus: Dorf am Morgen",
            32,
            "morning",
            "Gezeichnetes Dorf im Morgenlicht mit Bäumen am Wegesrand",
            "Treffpunkt für Nachbarn von beiden Seiten der Grenze.",
        ),
    ],
}
MIENTHUUS_NL = {
    MIENTHUUS_DE["title"]: "Mienthuus in Kranenburg",
    MIENTHUUS_DE["intro"]: (
        "Een Duits-Nederlands dorpsplein, online en in het echt: in Kranenburg brengen "
        "vrijwilligers mensen samen met workshops en repaircafés."
    ),
    MIENTHUUS_DE["image_alt"]: "Getekend dorp met een kerktoren en bomen op een zomerdag",
    MIENTHUUS_DE["paragraphs"][0]: (
        "Mienthuus wil kleine kernen en dorpen leefbaar houden door inwoners vaker met elkaar in "
        "contact te brengen. Vrijwilligers organiseren daarvoor workshops en repaircafés, en op "
        "MIENTHUUS.de vinden buren elkaar ook online."
    ),
    MIENTHUUS_DE["paragraphs"][1]: (
        "Het idee komt uit Nederland, waar het begon als ‘Mijn buurtje’. De gemeente Kranenburg, "
        "Stichting Welzijn Groesbeek, Stichting wijkkrant en wijkwebsite Nijmegen-Oost en "
        "Seniorenresidenz Medicare Kranenburg brachten het naar Kranenburg."
    ),
    MIENTHUUS_DE["paragraphs"][2]: (
        "Projectcoördinator is Iris Haarland, expert in gezondheid en maatschappelijke "
        "ontwikkeling en gezondheidscoach. Zij vertelt ook over de grens over het project, "
        "bijvoorbeeld aan gasten uit Belarus."
    ),
    MIENTHUUS_DE["exchange"]["title"]: "Bezoek van de delegatie uit Belarus",
    MIENTHUUS_DE["exchange"]["report"]: (
        "De gasten uit de regio's Vilejka en Mogiljov wilden zien hoe het online dorpsplein in "
        "het dagelijks leven werkt, en bezochten MIENTHUUS.de ter plekke."
    ),
    MIENTHUUS_DE["gallery"][0][3]: "Getekende huizen met rode daken tussen groene heuvels",
    MIENTHUUS_DE["gallery"][0][4]: "Kranenburg ligt vlak over de grens bij Nijmegen.",
    MIENTHUUS_DE["gallery"][1][3]: "Getekend dorp in het ochtendlicht met bomen langs de weg",
    MIENTHUUS_DE["gallery"][1][4]: "Een ontmoetingsplek voor buren van beide kanten van de grens.",
    "mienthuus": "mienthuus",
}

MIENTHUUS_EN = {
    MIENTHUUS_DE["title"]: "Mienthuus in Kranenburg",
    MIENTHUUS_DE["intro"]: (
        "A German-Dutch village square, online and in person: in Kranenburg, volunteers "
        "bring people together with workshops and repair cafés."
    ),
    MIENTHUUS_DE["image_alt"]: "Drawn village with a church tower and trees on a summer day",
    MIENTHUUS_DE["paragraphs"][0]: (
        "Mienthuus wants to keep small towns and villages good places to live by bringing their "
        "residents into touch with each other more often. To that end, volunteers run workshops "
        "and repair cafés, and on MIENTHUUS.de neighbours also find each other online."
    ),
    MIENTHUUS_DE["paragraphs"][1]: (
        "The idea comes from the Netherlands, where it started as ‘Mijn buurtje’. The "
        "municipality of Kranenburg, Stichting Welzijn Groesbeek, Stichting wijkkrant en "
        "wijkwebsite Nijmegen-Oost and the Seniorenresidenz Medicare Kranenburg brought it "
        "to Kranenburg."
    ),
    MIENTHUUS_DE["paragraphs"][2]: (
        "The project is coordinated by Iris Haarland, an expert in health and community "
        "development and a health coach. She also presents the project abroad, for instance "
        "to visitors from Belarus."
    ),
    MIENTHUUS_DE["exchange"]["title"]: "Visit of the delegation from Belarus",
    MIENTHUUS_DE["exchange"]["report"]: (
        "The guests from the Vileyka and Mogilev regions wanted to see how the online village "
        "square works in everyday life, and visited MIENTHUUS.de on site."
    ),
    MIENTHUUS_DE["gallery"][0][3]: "Drawn houses with red roofs between green hills",
    MIENTHUUS_DE["gallery"][0][4]: "Kranenburg lies right on the border near Nijmegen.",
    MIENTHUUS_DE["gallery"][1][3]: "Drawn village in the morning light with trees along the road",
    MIENTHUUS_DE["gallery"][1][4]: "A meeting place for neighbours from both sides of the border.",
    "mienthuus": "mienthuus",
}

WORKSHOP = {
    "slug": "workshop-online-dorfplatz",
    "title": "Workshop: Mitmachen auf dem Online-Dorfplatz",
    "intro": (
        "Wie man auf MIENTHUUS.de Nachbarn, Hilfe und Termine findet: Ehrenamtliche zeigen es "
        "Schritt für Schritt, auf Deutsch und Niederländisch. Bringen Sie gern Ihr Telefon mit."
    ),
    "nl": {
        "Workshop: Mitmachen auf dem Online-Dorfplatz": "Workshop: meedoen op het online dorpsplein",
        "workshop-online-dorfplatz": "workshop-online-dorpsplein",
    },
    "nl_intro": (
        "Hoe je op MIENTHUUS.de buren, hulp en activiteiten vindt: vrijwilligers laten het stap "
        "voor stap zien, in het Duits en het Nederlands. Neem gerust je telefoon mee."
    ),
    "en": {
        "Workshop: Mitmachen auf dem Online-Dorfplatz": "Workshop: joining the online village square",
        "workshop-online-dorfplatz": "workshop-online-village-square",
    },
    "en_intro": (
        "How to find neighbours, help and activities on MIENTHUUS.de: volunteers show you step "
        "by step, in German and Dutch. Feel free to bring your phone."
    ),
}

# -- The exchange with Belarus: Dutch first -------------------------------------------------

BELARUS_NL = {
    "title": "Uitwisseling met Belarus",
    "slug": "uitwisseling-belarus",
    "intro": (
        "Een delegatie uit de regio's Vilejka en Mogiljov zocht in Nederland en Duitsland naar "
        "manieren om kleine gemeenschappen leefbaar te houden. Sindsdien leren we in beide "
        "richtingen van elkaar."
    ),
    "image_alt": "Getekende huizen en bomen in herfstkleuren onder een lichte lucht",
    "paragraphs": [
        (
            "De groep was divers: mensen van de gemeente, uit de zorg en uit de journalistiek. "
            "Allemaal werken ze aan duurzaamheid en aan de maatschappelijke en economische "
            "ontwikkeling van hun regio, en allemaal vragen ze zich af hoe kleine gemeenschappen "
            "leefbaar blijven."
        ),
        (
            "Ze zochten goede voorbeelden van duurzaamheid, digitalisering en burgerinitiatieven. "
            "Vragen hadden ze vooral over hoe organisaties samenwerken en wie waarvoor "
            "verantwoordelijk is."
        ),
        (
            "Over Belarus is in Nederland en Duitsland weinig bekend. Daarom werken de partners "
            "met gemeenten, openbare instellingen, universiteiten en gemeenschappen aan concrete "
            "projecten waarin ervaringen heen en weer gaan."
        ),
    ],
    "exchanges": [
        {
            "date": date(2019, 1, 1),
            "precision": "year",
            "title": "Smart villages in Noordrijn-Westfalen",
            "places": "Noordrijn-Westfalen",
            "venues": [],
            "organisations": ["mienthuus"],
            "report": (
                "Op het evenement Global Sustainable Municipality hoorde de delegatie Iris "
                "Haarland vertellen over smart villages en het online-offline dorpsplein "
                "MIENTHUUS.de. Daar wilden de gasten meer van weten."
            ),
        },
        {
            "date": date(2019, 10, 1),
            "precision": "month",
            "title": "Een ochtend in Brakkenstein",
            "places": "Nijmegen (Brakkenstein, woonzorgcentrum Boszicht)",
            "venues": ["Woonzorgcentrum Boszicht"],
            "organisations": ["krachtige-kernen", "lvkk"],
            "report": (
                "In de Krachtige Leerkring vertelde Ben van Essen van de LVKK over dorpshuizen "
                "waar zorg, welzijn, onderwijs en publieke functies samenkomen. Onderzoeker "
                "Gideon Visser liet een samenreisapp zien die mensen in kleine kernen mobiel "
                "houdt. De lunch kwam van BUUR, de huiskamer van de wijk."
            ),
        },
        {
            "date": date(2019, 10, 1),
            "precision": "month",
            "title": "Het dorpsplein in Kranenburg",
            "places": "Kranenburg en Nijmegen",
            "venues": ["Mienthuus"],
            "organisations": ["mienthuus"],
            "report": (
                "Iris Haarland nam de delegatie mee naar MIENTHUUS.de in Kranenburg. Daarna "
                "fietsten de gasten door Nijmegen, de groenste hoofdstad van Europa."
            ),
        },
        {
            "date": date(2019, 10, 1),
            "precision": "month",
            "title": "Dorpsvernieuwing in Drenthe",
            "places": "Provincie Drenthe",
            "venues": [],
            "organisations": [],
            "report": (
                "Een deel van de delegatie maakte in Drenthe kennis met goede voorbeelden van "
                "dorpsvernieuwing en landbouw."
            ),
        },
    ],
    "funding": (
        "De studiereis werd mogelijk gemaakt door het steunprogramma Belarus, dat het "
        "International Education and Exchange Institute (IBB) gGmbH Dortmund namens de Duitse "
        "federale overheid begeleidt."
    ),
    "gallery": [
        (
            "Belarus: Brakkenstein in de herfst",
            41,
            "autumn",
            "Getekende wijk met huizen en bomen in herfstkleuren",
            "Brakkenstein, waar de Krachtige Leerkring samenkomt.",
        ),
        (
            "Belarus: landschap in Drenthe",
            42,
            "morning",
            "Getekend dorp tussen weilanden onder een lichte ochtendlucht",
            "Het Drentse platteland, waar het bezoek eindigde.",
        ),
    ],
}

BELARUS_TRANSLATIONS = {
    "de": {
        "Uitwisseling met Belarus": "Austausch mit Belarus",
        "uitwisseling-belarus": "austausch-mit-belarus",
        BELARUS_NL["intro"]: (
            "Eine Delegation aus den Regionen Wilejka und Mogiljow suchte in den Niederlanden "
            "und Deutschland nach Wegen, kleine Gemeinschaften lebenswert zu halten. Seitdem "
            "lernen wir in beide Richtungen voneinander."
        ),
        BELARUS_NL["image_alt"]: "Gezeichnete Häuser und Bäume in Herbstfarben unter hellem Himmel",
        BELARUS_NL["paragraphs"][0]: (
            "Die Gruppe war vielfältig: Menschen aus der Verwaltung, der Pflege und dem "
            "Journalismus. Alle arbeiten an Nachhaltigkeit und an der gesellschaftlichen und "
            "wirtschaftlichen Entwicklung ihrer Region, und alle fragen sich, wie kleine "
            "Gemeinschaften lebenswert bleiben."
        ),
        BELARUS_NL["paragraphs"][1]: (
            "Sie suchten gute Beispiele für Nachhaltigkeit, Digitalisierung und "
            "Bürgerinitiativen. Fragen hatten sie vor allem dazu, wie Organisationen "
            "zusammenarbeiten und wer wofür verantwortlich ist."
        ),
        BELARUS_NL["paragraphs"][2]: (
            "Über Belarus weiß man in den Niederlanden und in Deutschland wenig. Darum arbeiten "
            "die Partner mit Gemeinden, öffentlichen Einrichtungen, Hochschulen und "
            "Gemeinschaften an konkreten Projekten, in denen Erfahrungen hin und her gehen."
        ),
        "Smart villages in Noordrijn-Westfalen": "Smart Villages in Nordrhein-Westfalen",
        "Noordrijn-Westfalen": "Nordrhein-Westfalen",
        BELARUS_NL["exchanges"][0]["report"]: (
            "Bei der Veranstaltung Global Sustainable Municipality hörte die Delegation Iris "
            "Haarland über Smart Villages und den Online-Offline-Dorfplatz MIENTHUUS.de "
            "sprechen. Darüber wollten die Gäste mehr wissen."
        ),
        "Een ochtend in Brakkenstein": "Ein Vormittag in Brakkenstein",
        BELARUS_NL["exchanges"][1][
            "places"
        ]: "Nijmegen (Brakkenstein, Wohn- und Pflegezentrum Boszicht)",
        BELARUS_NL["exchanges"][1]["report"]: (
            "Im Lernkreis Brakkenstein erzählte Ben van Essen vom LVKK von Dorfhäusern, in "
            "denen Pflege, Wohlfahrt, Bildung und öffentliche Aufgaben zusammenkommen. Der "
            "Forscher Gideon Visser zeigte eine Mitfahr-App, die Menschen in kleinen Orten "
            "mobil hält. Das Mittagessen kam von BUUR, dem Wohnzimmer des Viertels."
        ),
        "Het dorpsplein in Kranenburg": "Der Dorfplatz in Kranenburg",
        "Kranenburg en Nijmegen": "Kranenburg und Nijmegen",
        BELARUS_NL["exchanges"][2]["report"]: (
            "Iris Haarland zeigte der Delegation MIENTHUUS.de in Kranenburg. Danach fuhren die "
            "Gäste mit dem Rad durch Nijmegen, die grünste Hauptstadt Europas."
        ),
        "Dorpsvernieuwing in Drenthe": "Dorferneuerung in Drenthe",
        "Provincie Drenthe": "Provinz Drenthe",
        BELARUS_NL["exchanges"][3]["report"]: (
            "Ein Teil der Delegation lernte in Drenthe gute Beispiele für Dorferneuerung und "
            "Landwirtschaft kennen."
        ),
        BELARUS_NL["funding"]: (
            "Die Studienreise wurde durch das Förderprogramm Belarus ermöglicht, das die "
            "Internationales Bildungs- und Begegnungswerk (IBB) gGmbH Dortmund im Auftrag der "
            "Bundesregierung betreut."
        ),
        BELARUS_NL["gallery"][0][3]: "Gezeichnetes Viertel mit Häusern und Bäumen in Herbstfarben",
        BELARUS_NL["gallery"][0][4]: "Brakkenstein, wo sich der Lernkreis trifft.",
        BELARUS_NL["gallery"][1][3]: "Gezeichnetes Dorf zwischen Weiden unter hellem Morgenhimmel",
        BELARUS_NL["gallery"][1][4]: "Das Land in Drenthe, wo der Besuch endete.",
    },
    "en": {
        "Uitwisseling met Belarus": "Exchange with Belarus",
        "uitwisseling-belarus": "exchange-with-belarus",
        BELARUS_NL["intro"]: (
            "A delegation from the Vileyka and Mogilev regions looked in the Netherlands and "
            "Germany for ways to keep small communities liveable. Since then we have been "
            "learning from each other in both directions."
        ),
        BELARUS_NL["image_alt"]: "Drawing of houses and trees in autumn colours under a pale sky",
        BELARUS_NL["paragraphs"][0]: (
            "The group was diverse: people from local government, from care and from "
            "journalism. All of them work on sustainability and on the social and economic "
            "development of their region, and all of them wonder how small communities stay "
            "liveable."
        ),
        BELARUS_NL["paragraphs"][1]: (
            "They were looking for good examples of sustainability, digitalisation and "
            "citizens' initiatives. Most of their questions were about how organisations work "
            "together and who is responsible for what."
        ),
        BELARUS_NL["paragraphs"][2]: (
            "Little is known about Belarus in the Netherlands and Germany. That is why the "
            "partners work with municipalities, public bodies, universities and communities "
            "on concrete projects in which experience travels both ways."
        ),
        "Smart villages in Noordrijn-Westfalen": "Smart villages in North Rhine-Westphalia",
        "Noordrijn-Westfalen": "North Rhine-Westphalia",
        BELARUS_NL["exchanges"][0]["report"]: (
            "At the Global Sustainable Municipality event the delegation heard Iris Haarland "
            "talk about smart villages and the online-offline village square MIENTHUUS.de. The "
            "guests wanted to know more."
        ),
        "Een ochtend in Brakkenstein": "A morning in Brakkenstein",
        BELARUS_NL["exchanges"][1]["places"]: "Nijmegen (Brakkenstein, Boszicht care home)",
        BELARUS_NL["exchanges"][1]["report"]: (
            "In the Brakkenstein learning circle, Ben van Essen of the LVKK talked about "
            "village halls where care, welfare, education and public services come together. "
            "Researcher Gideon Visser showed a ride-sharing app that keeps people in small "
            "communities mobile. Lunch came from BUUR, the neighbourhood's living room."
        ),
        "Het dorpsplein in Kranenburg": "The village square in Kranenburg",
        "Kranenburg en Nijmegen": "Kranenburg and Nijmegen",
        BELARUS_NL["exchanges"][2]["report"]: (
            "Iris Haarland took the delegation to MIENTHUUS.de in Kranenburg. Afterwards the "
            "guests cycled through Nijmegen, Europe's greenest capital."
        ),
        "Dorpsvernieuwing in Drenthe": "Village renewal in Drenthe",
        "Provincie Drenthe": "Province of Drenthe",
        BELARUS_NL["exchanges"][3]["report"]: (
            "Part of the delegation got to know good examples of village renewal and farming "
            "in Drenthe."
        ),
        BELARUS_NL["funding"]: (
            "The study trip was made possible by the Belarus support programme, run by the "
            "International Education and Exchange Institute (IBB) gGmbH Dortmund on behalf of "
            "the German federal government."
        ),
        BELARUS_NL["gallery"][0][
            3
        ]: "Drawing of a neighbourhood with houses and trees in autumn colours",
        BELARUS_NL["gallery"][0][4]: "Brakkenstein, where the learning circle meets.",
        BELARUS_NL["gallery"][1][
            3
        ]: "Drawing of a village between meadows under a pale morning sky",
        BELARUS_NL["gallery"][1][4]: "The Drenthe countryside, where the visit ended.",
    },
}

# The partner organisations' colours for their drawn logos (`demo.images.emblem_logo`).
PARTNER_LOGO_COLOURS = {
    "mienthuus": (190, 90, 40),
    "krachtige-kernen": (40, 80, 150),
    "lvkk": (27, 110, 83),
}
