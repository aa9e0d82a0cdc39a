"""The demo articles. Each has the same shape in every language it is written
in; the loader pairs the Dutch and translated texts for wagtail-localize.

Body blocks: ("p", text), ("h", text), ("quote", (text, who, role)),
("facts", (heading, [(number, label)], source)),
("checklist", (heading, intro, [items], numbered)), ("org", slug).
"""

from datetime import date

ARTICLES = [
    {
        "slug": "delegatie-belarus-in-brakkenstein",
        "kind": "artikel",
        "date": date(2019, 10, 18),
        "themes": ["samenwerking", "bereikbaarheid"],
        "regions": ["gelderland", "vilejka", "mogiljov", "nordrhein-westfalen"],
        "organisations": ["krachtige-kernen", "mienthuus", "lvkk", "ibb-dortmund"],
        "authors": ["Iris Haarland"],
        "photographers": [],
        "tags": ["Belarus", "leerkring", "smart villages"],
        "image": ("Wijk Brakkenstein in de herfst", 21, "autumn"),
        "nl": {
            "title": "Een delegatie uit Belarus zoekt inspiratie in Brakkenstein",
            "intro": "Hoe houden kleine gemeenschappen hun inwoners vast? Met die vraag reisde een gezelschap uit Vilejka en Mogiljov naar Nijmegen en Kranenburg.",
            "hero_alt": "Getekende huizen en bomen in herfstkleuren onder een lichte lucht",
            "hero_caption": "Brakkenstein, de wijk waar de Krachtige Leerkring samenkomt.",
            "body": [
                (
                    "p",
                    "De groep was divers: mensen van de gemeente, uit de zorg en uit de journalistiek. Wat hen bond was hun zorg om de leefbaarheid van dorpen in hun eigen regio.",
                ),
                (
                    "p",
                    "In woonzorgcentrum Boszicht vertelde Ben van Essen van de LVKK hoe dorpshuizen zorg, welzijn, onderwijs en publieke functies onder één dak brengen. Onderzoeker Gideon Visser liet een samenreisapp zien die mensen in de Achterhoek mobiel houdt met het openbaar vervoer.",
                ),
                (
                    "quote",
                    (
                        "Er is weinig bekend over Belarus, in Duitsland en in Nederland. Dat gaat veranderen: we willen in beide richtingen van elkaar leren.",
                        "Iris Haarland",
                        "Mienthuus",
                    ),
                ),
                ("h", "Na Nijmegen"),
                (
                    "p",
                    "De delegatie bezocht ook het dorpsplein Mienthuus in Kranenburg en de provincie Drenthe. Het steunprogramma Belarus van de Duitse overheid, begeleid door IBB Dortmund, maakte de studiereis mogelijk.",
                ),
                ("org", "mienthuus"),
            ],
        },
        "de": {
            "slug": "delegation-aus-belarus-in-brakkenstein",
            "title": "Eine Delegation aus Belarus sucht Inspiration in Brakkenstein",
            "intro": "Wie halten kleine Gemeinschaften ihre Bewohner? Mit dieser Frage reiste eine Gruppe aus Wilejka und Mogiljow nach Nijmegen und Kranenburg.",
            "hero_alt": "Gezeichnete Häuser und Bäume in Herbstfarben unter hellem Himmel",
            "hero_caption": "Brakkenstein, das Viertel, in dem sich der Lernkreis trifft.",
            "body": [
                (
                    "p",
                    "Die Gruppe war bunt gemischt: Leute aus der Verwaltung, aus der Pflege und aus dem Journalismus. Gemeinsam war ihnen die Sorge um die Lebensqualität der Dörfer in ihrer Region.",
                ),
                (
                    "p",
                    "Im Wohn- und Pflegezentrum Boszicht erzählte Ben van Essen vom LVKK, wie Dorfhäuser Pflege, Wohlergehen, Bildung und öffentliche Aufgaben unter einem Dach vereinen. Der Forscher Gideon Visser stellte eine Mitfahr-App vor, die Menschen im Achterhoek mit Bus und Bahn mobil hält.",
                ),
                (
                    "quote",
                    (
                        "Über Belarus weiß man wenig, in Deutschland wie in den Niederlanden. Das wird sich ändern: Wir wollen in beide Richtungen voneinander lernen.",
                        "Iris Haarland",
                        "Mienthuus",
                    ),
                ),
                ("h", "Nach Nijmegen"),
                (
                    "p",
                    "Die Delegation besuchte auch den Dorfplatz Mienthuus in Kranenburg und die Provinz Drenthe. Das Förderprogramm Belarus der Bundesregierung, betreut vom IBB Dortmund, machte die Studienreise möglich.",
                ),
                ("org", "mienthuus"),
            ],
        },
        "en": {
            "slug": "belarus-delegation-in-brakkenstein",
            "title": "A delegation from Belarus looks for inspiration in Brakkenstein",
            "intro": "How do small communities keep their residents? With that question, a group from Vileyka and Mogilev travelled to Nijmegen and Kranenburg.",
            "hero_alt": "Drawn houses and trees in autumn colours under a pale sky",
            "hero_caption": "Brakkenstein, the district where the learning circle meets.",
            "body": [
                (
                    "p",
                    "The group was varied: people from local government, from care and from journalism. What they shared was concern for the liveability of the villages in their region.",
                ),
                (
                    "p",
                    "At the Boszicht care home, Ben van Essen of the LVKK explained how village halls bring care, wellbeing, education and public services under one roof. Researcher Gideon Visser showed a ride-sharing app that keeps people in the Achterhoek mobile by public transport.",
                ),
                (
                    "quote",
                    (
                        "Little is known about Belarus, in Germany or in the Netherlands. That will change: we want to learn from each other in both directions.",
                        "Iris Haarland",
                        "Mienthuus",
                    ),
                ),
                ("h", "After Nijmegen"),
                (
                    "p",
                    "The delegation also visited the Mienthuus village square in Kranenburg and the province of Drenthe. The German government's Belarus support programme, run by IBB Dortmund, made the study trip possible.",
                ),
                ("org", "mienthuus"),
            ],
        },
    },
    {
        "slug": "vijf-sterren-voor-je-dorp",
        "kind": "inspirerend-voorbeeld",
        "date": date(2021, 6, 1),
        "themes": ["samenwerking", "zorg-en-welzijn"],
        "regions": ["drenthe"],
        "organisations": ["bokd"],
        "authors": ["Arghje de Sitter"],
        "photographers": ["Saskia Jans"],
        "tags": ["dorpshuis", "leefbaarheid"],
        "image": ("Drents dorp met brink", 33, "summer"),
        "nl": {
            "title": "Vijf sterren voor je dorp",
            "intro": "In Drenthe laat BOKD dorpen zelf onderzoeken waar hun kracht zit. Welke sterren stralen, en welke kunnen een poetsbeurt gebruiken?",
            "hero_alt": "Getekend dorp met een brink, huizen en hoge bomen in de zomer",
            "hero_caption": "Een dorp in Drenthe, waar omzien naar elkaar nog gewoon is.",
            "body": [
                (
                    "p",
                    "De vijf sterren staan voor de sociale kant van een dorp: identiteit en dorpscultuur, verenigingsleven en ontmoeten, zelforganisatie, leren van elkaar en zorgen voor elkaar.",
                ),
                (
                    "p",
                    "Met een adviseur van BOKD als begeleider verzamelt een dorp zo'n drie maanden lang wat er goed gaat en wat beter kan. Daarna blijven bewoners met hun sterren bezig.",
                ),
                (
                    "facts",
                    (
                        "BOKD in cijfers",
                        [
                            ("245", "dorpen en dorpshuizen"),
                            ("80%", "van de Drentse dorpen is lid"),
                            ("1975", "jaar van oprichting"),
                        ],
                        "BOKD",
                    ),
                ),
                (
                    "quote",
                    (
                        "Denk in mogelijkheden en houd jezelf een spiegel voor. Leer elkaar kennen: dat is de weg naar dorpsontwikkeling.",
                        "Luit Hummel",
                        "BOKD",
                    ),
                ),
            ],
        },
        "de": {
            "slug": "fuenf-sterne-fuer-ihr-dorf",
            "title": "Fünf Sterne für Ihr Dorf",
            "intro": "In Drenthe lässt BOKD Dörfer selbst herausfinden, wo ihre Stärken liegen. Welche Sterne strahlen, und welche könnten eine Politur vertragen?",
            "hero_alt": "Gezeichnetes Dorf mit Anger, Häusern und hohen Bäumen im Sommer",
            "hero_caption": "Ein Dorf in Drenthe, wo man noch selbstverständlich aufeinander achtet.",
            "body": [
                (
                    "p",
                    "Die fünf Sterne stehen für die soziale Seite eines Dorfes: Identität und Dorfkultur, Vereinsleben und Begegnung, Selbstorganisation, voneinander lernen und füreinander sorgen.",
                ),
                (
                    "p",
                    "Begleitet von einer Beraterin oder einem Berater von BOKD sammelt ein Dorf etwa drei Monate lang, was gut läuft und was besser werden kann. Danach bleiben die Bewohner an ihren Sternen dran.",
                ),
                (
                    "facts",
                    (
                        "BOKD in Zahlen",
                        [
                            ("245", "Dörfer und Dorfhäuser"),
                            ("80 %", "der Dörfer in Drenthe sind Mitglied"),
                            ("1975", "Gründungsjahr"),
                        ],
                        "BOKD",
                    ),
                ),
                (
                    "quote",
                    (
                        "Denken Sie in Möglichkeiten und halten Sie sich selbst einen Spiegel vor. Lernen Sie einander kennen: Das ist der Weg zur Dorfentwicklung.",
                        "Luit Hummel",
                        "BOKD",
                    ),
                ),
            ],
        },
        "en": {
            "slug": "five-stars-for-your-village",
            "title": "Five stars for your village",
            "intro": "In Drenthe, BOKD lets villages find out for themselves where their strengths lie. Which stars shine, and which could do with a polish?",
            "hero_alt": "Drawing of a village with a green, houses and tall trees in summer",
            "hero_caption": "A village in Drenthe, where looking out for each other is still normal.",
            "body": [
                (
                    "p",
                    "The five stars stand for the social side of a village: identity and village culture, clubs and meeting, self-organisation, learning from each other and caring for each other.",
                ),
                (
                    "p",
                    "Guided by a BOKD adviser, a village spends about three months collecting what goes well and what could be better. After that, residents keep working on their stars.",
                ),
                (
                    "facts",
                    (
                        "BOKD in figures",
                        [
                            ("245", "villages and village halls"),
                            ("80%", "of Drenthe's villages are members"),
                            ("1975", "year founded"),
                        ],
                        "BOKD",
                    ),
                ),
                (
                    "quote",
                    (
                        "Think in possibilities and hold up a mirror to yourself. Get to know each other: that is the road to village development.",
                        "Luit Hummel",
                        "BOKD",
                    ),
                ),
            ],
        },
    },
    {
        "slug": "het-wijkpaleis-in-middelland",
        "kind": "inspirerend-voorbeeld",
        "date": date(2021, 6, 8),
        "themes": ["samenwerking", "financiering"],
        "regions": ["zuid-holland"],
        "organisations": ["wijkpaleis", "knhm-foundation", "lsa-bewoners", "stichting-doen"],
        "authors": ["Karin Wesselink"],
        "photographers": ["John Voermans"],
        "tags": ["maatschappelijk vastgoed", "Rotterdam"],
        "image": ("Stadswijk met werkplaatsen", 44, "evening"),
        "nl": {
            "title": "Het Wijkpaleis: samen maken in Middelland",
            "intro": "Wat begon als een zomerplek met een oude loempiakar, is nu een schoolgebouw vol werkplaatsen dat de buurt wil kopen.",
            "hero_alt": "Getekende stadsstraat met huizen en lichten in de avond",
            "hero_caption": "Middelland, Rotterdam: een wijk met veel zorgen en nog meer betrokkenheid.",
            "body": [
                (
                    "p",
                    "Op de begane grond van het Wijkpaleis zijn een wijkkeuken, een textielatelier, een maaklokaal en een houtwerkplaats. Boven werken zo'n veertig mensen in achttien ateliers, van theatermaker tot keramist.",
                ),
                (
                    "p",
                    "Ondanks de coronamaatregelen kwamen er in een jaar zo'n 7.500 bezoekers. Maaltijden werden afgehaald, zodat buren in de rij toch even konden praten.",
                ),
                (
                    "quote",
                    (
                        "Het Wijkpaleis is pas echt het Wijkpaleis als er interactie is tussen de gebruikers. Samen maken staat centraal.",
                        "Marieke Hillen",
                        "Het Wijkpaleis",
                    ),
                ),
                ("h", "Hulp van buiten"),
                (
                    "p",
                    "Voor de aankoop van het pand keek een expert van De WijkBV mee naar de financiën, gaf KNHM foundation advies en een lening voor de verbouwing, en hielpen bewoners met eigen leningen.",
                ),
                ("org", "knhm-foundation"),
            ],
        },
        "de": {
            "slug": "der-wijkpaleis-in-middelland",
            "title": "Der Wijkpaleis: gemeinsam gestalten in Middelland",
            "intro": "Was als Sommertreff mit einem alten Frühlingsrollen-Wagen begann, ist heute ein Schulgebäude voller Werkstätten, das die Nachbarschaft kaufen will.",
            "hero_alt": "Gezeichnete Stadtstraße mit Häusern und Lichtern am Abend",
            "hero_caption": "Middelland, Rotterdam: ein Viertel mit vielen Sorgen und noch mehr Engagement.",
            "body": [
                (
                    "p",
                    "Im Erdgeschoss des Wijkpaleis gibt es eine Stadtteilküche, ein Textilatelier, eine offene Werkstatt und eine Holzwerkstatt. Oben arbeiten rund vierzig Menschen in achtzehn Ateliers, vom Theatermacher bis zur Keramikerin.",
                ),
                (
                    "p",
                    "Trotz der Corona-Maßnahmen kamen in einem Jahr rund 7.500 Besucher. Mahlzeiten wurden abgeholt, sodass Nachbarn in der Schlange doch kurz plaudern konnten.",
                ),
                (
                    "quote",
                    (
                        "Der Wijkpaleis ist erst dann wirklich der Wijkpaleis, wenn die Nutzer miteinander ins Gespräch kommen. Gemeinsames Gestalten steht im Mittelpunkt.",
                        "Marieke Hillen",
                        "Het Wijkpaleis",
                    ),
                ),
                ("h", "Hilfe von außen"),
                (
                    "p",
                    "Beim Kauf des Gebäudes prüfte ein Experte von De WijkBV die Finanzen, KNHM foundation gab Rat und ein Darlehen für den Umbau, und Bewohner halfen mit eigenen Darlehen.",
                ),
                ("org", "knhm-foundation"),
            ],
        },
        "en": {
            "slug": "the-wijkpaleis-in-middelland",
            "title": "The Wijkpaleis: making things together in Middelland",
            "intro": "What began as a summer spot with an old spring-roll cart is now a school building full of workshops that the neighbourhood wants to buy.",
            "hero_alt": "Drawn city street with houses and lights in the evening",
            "hero_caption": "Middelland, Rotterdam: a district with many worries and even more commitment.",
            "body": [
                (
                    "p",
                    "On the ground floor of the Wijkpaleis are a neighbourhood kitchen, a textile studio, a makerspace and a woodwork shop. Upstairs, some forty people work in eighteen studios, from theatre makers to ceramicists.",
                ),
                (
                    "p",
                    "Despite the coronavirus measures, about 7,500 visitors came in one year. Meals were collected, so neighbours could still chat while queueing.",
                ),
                (
                    "quote",
                    (
                        "The Wijkpaleis is only really the Wijkpaleis when its users interact. Making things together is what it is about.",
                        "Marieke Hillen",
                        "Het Wijkpaleis",
                    ),
                ),
                ("h", "Help from outside"),
                (
                    "p",
                    "To buy the building, an expert from De WijkBV reviewed the finances, KNHM foundation gave advice and a loan for the renovation, and residents helped with loans of their own.",
                ),
                ("org", "knhm-foundation"),
            ],
        },
    },
    {
        "slug": "dorpsondersteuners-in-america",
        "kind": "inspirerend-voorbeeld",
        "date": date(2023, 3, 15),
        "themes": ["zorg-en-welzijn", "wonen", "vrijwilligers"],
        "regions": ["limburg"],
        "organisations": ["lvkk"],
        "authors": [],
        "photographers": [],
        "tags": ["dorpsondersteuner", "samenredzaamheid"],
        "image": ("Limburgs dorp America", 52, "morning"),
        "nl": {
            "title": "Dorpsondersteuners houden America levend",
            "intro": "Een dorp van 2.000 inwoners in Noord-Limburg kampt met vergrijzing en verdwijnende voorzieningen. Toch heerst er vooral hoop.",
            "hero_alt": "Getekend dorp met een kerktoren tussen velden in de ochtend",
            "hero_caption": "America, Noord-Limburg.",
            "body": [
                (
                    "p",
                    "Sinds 2016 is 't Leafhoes de plek voor ontmoeting en zorg in het dorp. Dorpsondersteuners van America Left werken er samen met de zorginstelling en schrijven welzijn op recept voor. Jongeren bouwen samen woningen in een collectief particulier opdrachtgeverschap.",
                ),
                (
                    "checklist",
                    (
                        "Wat maakt een dorpsondersteuner sterk?",
                        "",
                        [
                            "Een spin in het web: relaties zijn cruciaal",
                            "Bereikbaar en benaderbaar zijn",
                            "Mensen durven en kunnen aanspreken",
                            "Aanspreken op wat iemand wél kan",
                        ],
                        False,
                    ),
                ),
                ("quote", ("Het dorp moet blijven leven!", "Een vrijwilliger in America", "")),
            ],
        },
        "de": {
            "slug": "dorfunterstuetzer-in-america",
            "title": "Dorfunterstützer halten America lebendig",
            "intro": "Ein Dorf mit 2.000 Einwohnern in Nord-Limburg kämpft mit Alterung und schwindenden Angeboten. Trotzdem herrscht vor allem Hoffnung.",
            "hero_alt": "Gezeichnetes Dorf mit Kirchturm zwischen Feldern am Morgen",
            "hero_caption": "America, Nord-Limburg.",
            "body": [
                (
                    "p",
                    "Seit 2016 ist 't Leafhoes der Ort für Begegnung und Pflege im Dorf. Die Dorfunterstützer von America Left arbeiten dort mit dem Pflegeanbieter zusammen und verschreiben Wohlergehen auf Rezept. Junge Leute bauen gemeinsam Wohnungen als Baugemeinschaft.",
                ),
                (
                    "checklist",
                    (
                        "Was macht Dorfunterstützer stark?",
                        "",
                        [
                            "Spinne im Netz: Beziehungen sind entscheidend",
                            "Erreichbar und ansprechbar sein",
                            "Menschen ansprechen wollen und können",
                            "Auf das setzen, was jemand sehr wohl kann",
                        ],
                        False,
                    ),
                ),
                ("quote", ("Das Dorf muss lebendig bleiben!", "Eine Freiwillige in America", "")),
            ],
        },
        "en": {
            "slug": "village-supporters-in-america",
            "title": "Village supporters keep America alive",
            "intro": "A village of 2,000 people in North Limburg faces an ageing population and disappearing services. Yet hope is what you feel most.",
            "hero_alt": "Drawing of a village with a church tower between fields in the morning",
            "hero_caption": "America, North Limburg.",
            "body": [
                (
                    "p",
                    "Since 2016, 't Leafhoes has been the village's place for meeting and care. The village supporters of America Left work there with the care provider and prescribe wellbeing. Young people build homes together as a self-build group.",
                ),
                (
                    "checklist",
                    (
                        "What makes a village supporter strong?",
                        "",
                        [
                            "The spider in the web: relationships are crucial",
                            "Being reachable and approachable",
                            "Daring and being able to speak to people",
                            "Appealing to what someone can do",
                        ],
                        False,
                    ),
                ),
                ("quote", ("The village has to stay alive!", "A volunteer in America", "")),
            ],
        },
    },
]

# Dutch-only articles (the German and English sites show them with a notice).
DUTCH_ONLY = [
    {
        "slug": "vliegwiel-van-gemeenschapskracht",
        "kind": "visie",
        "date": date(2019, 5, 20),
        "themes": ["lokaal-voedsel", "bereikbaarheid", "wonen", "gezond-leven", "energietransitie"],
        "regions": ["utrecht"],
        "organisations": ["provincie-utrecht"],
        "authors": ["Jitske Tiemersma"],
        "image": ("Utrechtse kern", 61, "morning"),
        "title": "Een vliegwiel voor gemeenschapskracht in Utrechtse kernen",
        "intro": "Kleine kernen in de provincie Utrecht staan onder druk. De provincie kiest ervoor aan te sluiten bij de energie die er al is.",
        "body": [
            (
                "p",
                "Het risico is bekend: een eenzijdige bevolking, grotere verschillen in gezondheid en een dalende leefbaarheid. Tegelijk veranderen de rollen van bewoners, overheden, maatschappelijke organisaties en bedrijven.",
            ),
            (
                "checklist",
                (
                    "Uitgangspunten",
                    "",
                    [
                        "Uitgaan van gemeenschapskracht en aansluiten bij lokale energie",
                        "Leren en delen",
                        "Verbinden over thema's heen",
                        "Lokaal inspireren, regionaal reproduceren",
                    ],
                    False,
                ),
            ),
            (
                "p",
                "In 2019 en 2020 liepen experimenten rond lokale voedselvoorziening, bereikbaarheid, wonen, gezond leven en de energietransitie. Daarnaast zocht de provincie nieuwe vormen van samenwerking, zoals maatschappelijk aandeelhouderschap, een pilot met het right to challenge en dorpsdialogen.",
            ),
        ],
    },
    {
        "slug": "expeditie-nieuwe-gezichten",
        "kind": "praktische-tips",
        "date": date(2021, 6, 15),
        "themes": ["vrijwilligers"],
        "regions": ["nederland"],
        "organisations": ["nov", "oranje-fonds", "vsbfonds", "kansfonds"],
        "authors": ["Els Wiegant"],
        "image": ("Groep op expeditie", 72, "summer"),
        "title": "Op expeditie naar nieuwe vrijwilligers",
        "intro": "In zestien tot achttien weken schrijven deelnemers samen met vier andere organisaties een plan om nieuwe vrijwilligers te vinden.",
        "body": [
            (
                "p",
                "Nederland telt zo'n zeven miljoen vrijwilligers; het programma Nationaal Jaar Vrijwillige Inzet wilde daar in twee jaar zes procent bij. Programmaleider Jacquelien Willemse noemt dat zelf 'sky high'.",
            ),
            (
                "checklist",
                (
                    "Drie principes van de expeditie",
                    "",
                    [
                        "Verplaats je in de vrijwilliger die je zoekt: wat heeft hij of zij nodig?",
                        "Maak het probleem behapbaar: begin met een vacaturetekst, niet met de hele website",
                        "Kijk naar je eigen cultuur: welke ongeschreven regels schrikken nieuwkomers af?",
                    ],
                    True,
                ),
            ),
            (
                "quote",
                (
                    "De kennis van de één is de oplossing van de ander.",
                    "Jacquelien Willemse",
                    "programmaleider",
                ),
            ),
            (
                "facts",
                (
                    "",
                    [
                        ("7 miljoen", "vrijwilligers in Nederland"),
                        ("70", "opgeleide expeditiebegeleiders"),
                        ("16-18", "weken per expeditie"),
                    ],
                    "NOV",
                ),
            ),
        ],
    },
    {
        "slug": "lokale-kracht-congres",
        "kind": "artikel",
        "date": date(2017, 10, 6),
        "themes": ["gezond-leven", "samenwerking"],
        "regions": ["utrecht"],
        "organisations": ["mijnbuurtje"],
        "authors": [],
        "image": ("Congreszaal in Utrecht", 83, "evening"),
        "title": "Lokale Kracht: maakt een betrokken buurt het verschil?",
        "intro": "Honderd professionals uit Nederland, België en Duitsland kwamen in de Oude Rechtbank in Utrecht bijeen over buurtverbinders, positieve gezondheid en de sociale kaart.",
        "body": [
            (
                "p",
                "In iedere wijk zijn talenten, activiteiten en ideeën, maar informatie is versnipperd en vaak verouderd. De aanpak van mijnbuurtje.nl leidt bewoners samen met professionals op tot buurtverbinders, ondersteund door een online platform.",
            ),
            (
                "p",
                "Keynotespreker Erik Gerritsen, secretaris-generaal van VWS, zag vooral kansen in ontschotten: alles wat nodig is, is er al, als partijen maar samen om tafel gaan. Techniek is daarbij een middel, geen doel.",
            ),
            ("h", "Een sociale kaart die verbindt"),
            (
                "p",
                "Een buurtplatform is al een sociale kaart, betoogde Hanneke van Stokkom. Door informatie over formele en informele zorg te delen waar mensen toch al kijken, blijft ze actueel en bereikt ze veel meer inwoners.",
            ),
            (
                "quote",
                (
                    "Niet te lang nadenken, maar gewoon beginnen.",
                    "Joke Reuwer-Verheij",
                    "wethouder Papendrecht",
                ),
            ),
        ],
    },
    {
        "slug": "voorwaarden-voor-goede-samenwerking",
        "kind": "praktische-tips",
        "date": date(2021, 6, 22),
        "themes": ["samenwerking"],
        "regions": ["nederland"],
        "organisations": ["knhm-foundation", "lsa-bewoners"],
        "authors": ["Mariska Lokker"],
        "image": ("Samen aan tafel", 91, "morning"),
        "title": "Drie voorwaarden voor een goede samenwerking",
        "intro": "Samen heb je meer kennis, meer geld of meer mensen. Maar samenwerken gaat niet vanzelf. Drie dingen maken het verschil.",
        "body": [
            (
                "checklist",
                (
                    "Zo werk je prettig samen",
                    "",
                    [
                        "Wees jezelf: communiceer open en transparant, houd niets voor elkaar achter en vertrouw elkaar",
                        "Houd rekening met de ander: begrijp wat de ander wil bereiken en let ook op diens doelen",
                        "Versterk elkaar: bepaal wat je samen wilt bereiken, zie obstakels vooraf en bedenk er oplossingen voor",
                    ],
                    True,
                ),
            ),
            (
                "p",
                "Een goede relatie tussen bewonersinitiatief, sociaal wijkteam en gemeente begint met duidelijke werkafspraken. Leg ze vast, en kijk er samen regelmatig naar.",
            ),
        ],
    },
    {
        "slug": "hoe-kies-je-het-juiste-netwerk",
        "kind": "praktische-tips",
        "date": date(2021, 6, 23),
        "themes": ["samenwerking", "vrijwilligers"],
        "regions": ["nederland"],
        "organisations": ["lsa-bewoners", "nlzve", "nov"],
        "authors": [],
        "image": ("Netwerk van dorpen", 95, "summer"),
        "title": "Hoe kies je het juiste netwerk?",
        "intro": "Niet elk netwerk past bij elk initiatief. Stel jezelf deze vragen voordat je ergens lid wordt.",
        "body": [
            (
                "checklist",
                (
                    "Kijk eerst naar je buurt",
                    "",
                    [
                        "Wat doen je buurtgenoten al, en waar zijn ze goed in?",
                        "Wat kunnen en willen ze nog meer doen?",
                        "Waarbij hebben ze hulp van buiten de buurt nodig?",
                        "Welke netwerken zijn er in de wijk, en welke landelijk?",
                    ],
                    False,
                ),
            ),
            (
                "checklist",
                (
                    "Kijk dan naar het netwerk",
                    "",
                    [
                        "Wat zoek ik: opdrachten, kennis of vrijwilligers?",
                        "Wil ik bij dit netwerk horen, en pas ik erin?",
                        "Wat zijn de gevolgen van deel uitmaken van dit netwerk?",
                    ],
                    False,
                ),
            ),
            (
                "p",
                "Twijfel je? In de gids 'Wie kan helpen?' zie je per organisatie of ze kennis, geld of een netwerk bieden.",
            ),
        ],
    },
    {
        "slug": "wie-helpt-met-kennis-geld-of-netwerk",
        "kind": "feiten-en-cijfers",
        "date": date(2021, 6, 24),
        "themes": ["financiering", "samenwerking"],
        "regions": ["nederland"],
        "organisations": [
            "knhm-foundation",
            "vsbfonds",
            "oranje-fonds",
            "stichting-doen",
            "lsa-bewoners",
            "nov",
            "nlzve",
        ],
        "authors": [],
        "image": ("Zeven partners", 99, "autumn"),
        "title": "Zeven partners: wie helpt met kennis, geld of netwerk?",
        "intro": "De kernpartners van het We doen het samen! Festival op een rij, zodat je snel ziet bij wie je terechtkunt.",
        "body": [
            (
                "facts",
                (
                    "In cijfers",
                    [
                        ("150", "vrijwillige adviseurs bij KNHM"),
                        ("6 miljoen", "vrijwilligers vertegenwoordigd door NOV"),
                        ("1.500", "zorgzame gemeenschappen bij NLZVE"),
                    ],
                    "Werkplaats voor de leefomgeving",
                ),
            ),
            (
                "p",
                "KNHM foundation, VSBfonds, het Oranje Fonds en Stichting DOEN hebben geld voor initiatieven. LSA bewoners, NOV en Nederland Zorgt Voor Elkaar zijn geen financier, maar verwijzen je door en delen kennis.",
            ),
            ("org", "oranje-fonds"),
        ],
    },
    {
        "slug": "interview-ruimte-respect-ruggensteun",
        "kind": "interview",
        "date": date(2024, 2, 10),
        "themes": ["zorg-en-welzijn", "samenwerking"],
        "regions": ["limburg"],
        "organisations": ["lvkk"],
        "authors": [],
        "image": ("Gesprek in het dorpshuis", 104, "morning"),
        "title": "Ben van Essen: 'Geef ons ruimte, respect en ruggensteun'",
        "intro": "Samenredzaamheid geeft hoop, maar kent ook hobbels. Een gesprek over wat dorpen van overheden en instellingen nodig hebben.",
        "body": [
            ("h", "Waar lopen dorpen tegenaan?"),
            (
                "p",
                "Aan de formele kant is het vaak de regelgeving: dit kan niet, dit mag niet. En soms weerstand van professionals die vinden dat het hún werk is. Binnen de gemeenschap speelt de angst voor het ongewone: wat als het misgaat?",
            ),
            ("h", "Wat vraagt u dan?"),
            (
                "p",
                "Ruimte om te laten zien dat het anders kan. Respect, dus erkenning van de waarde van wat we doen. En ruggensteun: sta klaar als we hulp nodig hebben.",
            ),
            (
                "quote",
                (
                    "Blijf uit de fuik van het systeem; zorg voor verbinding maar behoud je autonomie.",
                    "Trees Hogema",
                    "",
                ),
            ),
        ],
    },
    {
        "slug": "column-plezier-is-de-motor",
        "kind": "column",
        "date": date(2022, 1, 5),
        "themes": ["samenwerking", "vrijwilligers"],
        "regions": ["nederland"],
        "organisations": ["lsa-bewoners"],
        "authors": ["Thijs van Mierlo"],
        "image": ("Festival in de wijk", 111, "summer"),
        "title": "Plezier is de motor van elk bewonersinitiatief",
        "intro": "Waarom een festival voor bewonersinitiatieven meer is dan een feestje.",
        "body": [
            (
                "p",
                "Wie initiatiefnemers spreekt, hoort vaak hetzelfde: het is gewoon leuk om met elkaar aan een mooiere buurt te werken. Dat enthousiasme is geen bijzaak. Het is de brandstof waar alles op draait.",
            ),
            (
                "p",
                "Een festival maakt zichtbaar hoe groot de beweging is en geeft initiatieven een podium om van elkaar te leren. Daar steken ze elkaar aan, en dat is precies wat nodig is.",
            ),
        ],
    },
    {
        "slug": "samenreisapp-voor-kleine-kernen",
        "kind": "artikel",
        "date": date(2019, 11, 2),
        "themes": ["bereikbaarheid"],
        "regions": ["gelderland"],
        "organisations": ["krachtige-kernen"],
        "authors": ["Gideon Visser"],
        "image": ("Bus tussen de dorpen", 117, "autumn"),
        "title": "Een samenreisapp houdt de Achterhoek mobiel",
        "intro": "Wie in een klein dorp woont en geen auto heeft, is snel afhankelijk van anderen. Mobility as a service kan helpen.",
        "body": [
            (
                "p",
                "De app combineert openbaar vervoer met meerijden, zodat bewoners van kleine kernen zelfstandig naar de huisarts, de winkel of familie kunnen. Onderzoekers van Krachtige Kernen volgen hoe dorpsbewoners de app gebruiken.",
            ),
            (
                "p",
                "De belangrijkste les tot nu toe: techniek werkt pas als er mensen in het dorp zijn die anderen op weg helpen.",
            ),
        ],
    },
]
