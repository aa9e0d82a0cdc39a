"""The core's demo content: the home, about, privacy and accessibility pages
and the site text, in Dutch with their German and English translations (keyed
by the Dutch text, as wagtail-localize segments it). Data only; `demo.core`
loads it."""

HOME_NL = {
    "title": "Samen Verder",
    "hero_heading": "Samen kom je verder in je dorp, wijk of buurt",
    "intro": (
        "Kennis, voorbeelden en ontmoetingen voor bewonersinitiatieven in Nederland en "
        "over de grens. Van dorpsondersteuners in Limburg tot het online dorpsplein in "
        "Kranenburg: hier vind je wat anderen al uitprobeerden, en waar je elkaar treft."
    ),
    "hero_image_alt": ("Getekend dorp met een kerktoren, huizen en bomen tussen glooiende velden"),
    "hero_link_label": "Lees wie we zijn",
}

# The home page's sections: (heading, text), (heading, intro) of the featured
# pages, (heading, text, button) of the call to action; their translations are
# in HOME_TRANSLATIONS.
HOME_BODY_NL = (
    (
        "Waar dit platform voor is",
        "Bewoners weten vaak zelf het best wat hun dorp of wijk nodig heeft. Dit platform "
        "brengt hun kennis samen met die van fondsen, netwerken en kennisinstellingen, in "
        "het Nederlands, Duits en Engels.",
    ),
    ("Meer over ons", "Wie achter dit platform staan en hoe je meedoet."),
    (
        "Doe mee met een initiatief",
        "Heb je een idee voor je straat of dorp? Begin klein en zoek medestanders: samen "
        "kom je verder.",
        "Neem contact op",
    ),
)

# The sections the other apps draw on the home page (`demo.home_sections`), in
# the order they appear after the first text section: (block, heading by language,
# how many).
HOME_APP_SECTIONS = [
    ("upcoming_events", {"nl": "Binnenkort", "de": "Demnächst", "en": "Coming up"}, 3),
    (
        "latest_articles",
        {
            "nl": "Nieuw in de kennisbank",
            "de": "Neu in der Wissensdatenbank",
            "en": "New in the knowledge base",
        },
        3,
    ),
    ("coming_festival", {"nl": "Festival", "de": "Festival", "en": "Festival"}, None),
    (
        "partners",
        {
            "nl": "Partners over de grens",
            "de": "Partner über die Grenze",
            "en": "Partners across the border",
        },
        None,
    ),
]

HOME_TRANSLATIONS = {
    "de": {
        "Samen Verder": "Gemeinsam weiter",
        "home": "start",
        HOME_NL[
            "hero_heading"
        ]: "Gemeinsam kommt man weiter – im Dorf, im Viertel, in der Nachbarschaft",
        HOME_NL["intro"]: (
            "Wissen, Beispiele und Begegnungen für Bürgerinitiativen in den Niederlanden "
            "und über die Grenze hinweg. Von Dorfunterstützern in Limburg bis zum "
            "Online-Dorfplatz in Kranenburg: Hier finden Sie, was andere schon erprobt "
            "haben, und wo man sich trifft."
        ),
        HOME_NL["hero_image_alt"]: (
            "Gezeichnetes Dorf mit Kirchturm, Häusern und Bäumen zwischen sanften Feldern"
        ),
        HOME_NL["hero_link_label"]: "Wer wir sind",
        "Waar dit platform voor is": "Wofür diese Plattform da ist",
        "Bewoners weten vaak zelf het best wat hun dorp of wijk nodig heeft. Dit platform brengt hun kennis samen met die van fondsen, netwerken en kennisinstellingen, in het Nederlands, Duits en Engels.": (
            "Bewohnerinnen und Bewohner wissen oft selbst am besten, was ihr Dorf oder "
            "Viertel braucht. Diese Plattform bündelt ihr Wissen mit dem von Stiftungen, "
            "Netzwerken und Forschungseinrichtungen – auf Niederländisch, Deutsch und Englisch."
        ),
        "Meer over ons": "Mehr über uns",
        "Wie achter dit platform staan en hoe je meedoet.": "Wer hinter dieser Plattform steht und wie Sie mitmachen.",
        "Doe mee met een initiatief": "Machen Sie bei einer Initiative mit",
        "Heb je een idee voor je straat of dorp? Begin klein en zoek medestanders: samen kom je verder.": (
            "Sie haben eine Idee für Ihre Straße oder Ihr Dorf? Fangen Sie klein an und suchen "
            "Sie Mitstreiter: Gemeinsam kommt man weiter."
        ),
        "Neem contact op": "Kontakt aufnehmen",
    },
    "en": {
        "Samen Verder": "Further Together",
        "home": "home",
        HOME_NL["hero_heading"]: "Together you get further – in your village, district or street",
        HOME_NL["intro"]: (
            "Knowledge, examples and meetings for community initiatives in the Netherlands "
            "and across the border. From village supporters in Limburg to the online village "
            "square in Kranenburg: find what others have already tried, and where to meet."
        ),
        HOME_NL["hero_image_alt"]: (
            "Drawing of a village with a church tower, houses and trees between rolling fields"
        ),
        HOME_NL["hero_link_label"]: "Who we are",
        "Waar dit platform voor is": "What this platform is for",
        "Bewoners weten vaak zelf het best wat hun dorp of wijk nodig heeft. Dit platform brengt hun kennis samen met die van fondsen, netwerken en kennisinstellingen, in het Nederlands, Duits en Engels.": (
            "Residents often know best what their village or neighbourhood needs. This "
            "platform brings their knowledge together with that of funds, networks and "
            "knowledge institutes, in Dutch, German and English."
        ),
        "Meer over ons": "More about us",
        "Wie achter dit platform staan en hoe je meedoet.": "Who is behind this platform and how to take part.",
        "Doe mee met een initiatief": "Join an initiative",
        "Heb je een idee voor je straat of dorp? Begin klein en zoek medestanders: samen kom je verder.": (
            "Have an idea for your street or village? Start small and find allies: together "
            "you get further."
        ),
        "Neem contact op": "Get in touch",
    },
}

ABOUT_NL = {
    "title": "Over ons",
    "intro": (
        "Samen Verder is het gezamenlijke kennis- en evenementenplatform van netwerken die "
        "bewonersinitiatieven steunen, aan beide kanten van de Nederlands-Duitse grens."
    ),
    "paragraphs": [
        (
            "Het platform is ontstaan uit samenwerking tussen onder meer KNHM foundation, de "
            "Landelijke Vereniging van Kleine Kernen (LVKK), het HAN Centre of Expertise "
            "Krachtige Kernen en het Duits-Nederlandse dorpsplein Mienthuus in Kranenburg."
        ),
        (
            "Je vindt hier inspirerende voorbeelden, praktische tips en verslagen, en je meldt "
            "je aan voor workshops, leerkringen en de sessies van het We doen het samen! Festival."
        ),
    ],
    "heading": "Meedoen",
    "closing": (
        "Werk je bij een fonds, gemeente of welzijnsorganisatie, of trek je zelf een initiatief? "
        "Deel je ervaring: wat bij jou werkte, helpt een ander dorp verder."
    ),
}

ABOUT_TRANSLATIONS = {
    "de": {
        "Over ons": "Über uns",
        "over-ons": "ueber-uns",
        ABOUT_NL["intro"]: (
            "Gemeinsam weiter ist die gemeinsame Wissens- und Veranstaltungsplattform von "
            "Netzwerken, die Bürgerinitiativen unterstützen – auf beiden Seiten der "
            "deutsch-niederländischen Grenze."
        ),
        ABOUT_NL["paragraphs"][0]: (
            "Die Plattform entstand aus der Zusammenarbeit unter anderem von KNHM foundation, "
            "dem niederländischen Verband der kleinen Dörfer (LVKK), dem HAN Centre of Expertise "
            "Krachtige Kernen und dem deutsch-niederländischen Dorfplatz Mienthuus in Kranenburg."
        ),
        ABOUT_NL["paragraphs"][1]: (
            "Hier finden Sie inspirierende Beispiele, praktische Tipps und Berichte, und Sie "
            "melden sich für Workshops, Lernkreise und die Sessions des Festivals „We doen het "
            "samen!“ an."
        ),
        "Meedoen": "Mitmachen",
        ABOUT_NL["closing"]: (
            "Sie arbeiten bei einer Stiftung, einer Gemeinde oder einem Wohlfahrtsverband, oder "
            "Sie leiten selbst eine Initiative? Teilen Sie Ihre Erfahrung: Was bei Ihnen "
            "funktioniert hat, hilft einem anderen Dorf weiter."
        ),
    },
    "en": {
        "Over ons": "About us",
        "over-ons": "about-us",
        ABOUT_NL["intro"]: (
            "Further Together is the shared knowledge and events platform of networks that "
            "support community initiatives, on both sides of the Dutch–German border."
        ),
        ABOUT_NL["paragraphs"][0]: (
            "The platform grew out of cooperation between KNHM foundation, the Dutch national "
            "association of small villages (LVKK), the HAN Centre of Expertise Krachtige Kernen "
            "and the German–Dutch village square Mienthuus in Kranenburg, among others."
        ),
        ABOUT_NL["paragraphs"][1]: (
            "Here you find inspiring examples, practical tips and reports, and you can sign up "
            "for workshops, learning circles and the sessions of the We doen het samen! Festival."
        ),
        "Meedoen": "Take part",
        ABOUT_NL["closing"]: (
            "Do you work at a fund, a municipality or a welfare organisation, or do you run an "
            "initiative yourself? Share your experience: what worked for you helps another "
            "village on its way."
        ),
    },
}

# The credit under the demo's drawn pictures, in the page's language.
ILLUSTRATION_CREDIT = {
    "nl": "Illustratie: Samen Verder",
    "de": "Illustration: Samen Verder",
    "en": "Illustration: Samen Verder",
}

PRIVACY_NL = {
    "title": "Privacyverklaring",
    "intro": "Hoe wij omgaan met de gegevens die je ons geeft als je je aanmeldt of contact opneemt.",
    "paragraphs": [
        (
            "We vragen alleen wat we nodig hebben om je aanmelding voor een bijeenkomst te "
            "verwerken: je naam, je e-mailadres en de antwoorden op de vragen van de organisator."
        ),
        (
            "Na afloop van een bijeenkomst maken we je gegevens anoniem. We bewaren alleen "
            "aantallen, zodat we kunnen zien hoeveel mensen er kwamen. Je kunt ons altijd vragen "
            "welke gegevens we van je hebben, en ze laten verwijderen."
        ),
    ],
}

PRIVACY_TRANSLATIONS = {
    "de": {
        "Privacyverklaring": "Datenschutzerklärung",
        "privacyverklaring": "datenschutzerklaerung",
        PRIVACY_NL["intro"]: (
            "Wie wir mit den Daten umgehen, die Sie uns bei einer Anmeldung oder einer "
            "Kontaktaufnahme geben."
        ),
        PRIVACY_NL["paragraphs"][0]: (
            "Wir fragen nur, was wir brauchen, um Ihre Anmeldung zu einer Veranstaltung zu "
            "bearbeiten: Ihren Namen, Ihre E-Mail-Adresse und die Antworten auf die Fragen der "
            "Veranstalter."
        ),
        PRIVACY_NL["paragraphs"][1]: (
            "Nach einer Veranstaltung anonymisieren wir Ihre Daten. Wir behalten nur Zahlen, "
            "damit wir sehen, wie viele Menschen gekommen sind. Sie können uns jederzeit fragen, "
            "welche Daten wir über Sie haben, und sie löschen lassen."
        ),
    },
    "en": {
        "Privacyverklaring": "Privacy statement",
        "privacyverklaring": "privacy-statement",
        PRIVACY_NL["intro"]: (
            "How we handle the details you give us when you register for an event or get in touch."
        ),
        PRIVACY_NL["paragraphs"][0]: (
            "We only ask for what we need to process your registration for an event: your name, "
            "your e-mail address and your answers to the organiser's questions."
        ),
        PRIVACY_NL["paragraphs"][1]: (
            "After an event we make your details anonymous. We keep only numbers, so that we can "
            "see how many people came. You can always ask us which details we hold about you, "
            "and have them deleted."
        ),
    },
}

ACCESSIBILITY_NL = {
    "title": "Toegankelijkheidsverklaring",
    "intro": (
        "We willen dat iedereen deze site kan gebruiken: met een schermlezer, alleen met het "
        "toetsenbord, op een kleine telefoon of met grote letters."
    ),
    "paragraphs": [
        (
            "Deze site is gebouwd volgens de richtlijnen WCAG 2.1 op niveau AA, de norm voor "
            "Nederlandse overheden en maatschappelijke organisaties."
        ),
        (
            "Bij elke wijziging controleren we automatisch de belangrijkste pagina's in het "
            "Nederlands, Duits en Engels, op een telefoon en op een laptop. Redacteuren krijgen "
            "in het beheer een controle op toegankelijkheid te zien voordat ze publiceren."
        ),
        (
            "Video's van andere websites hebben niet altijd ondertiteling. Loop je ergens tegenaan? "
            "Mail ons via het adres onderaan de pagina; we antwoorden binnen vijf werkdagen."
        ),
    ],
}

ACCESSIBILITY_TRANSLATIONS = {
    "de": {
        "Toegankelijkheidsverklaring": "Erklärung zur Barrierefreiheit",
        "toegankelijkheid": "barrierefreiheit",
        ACCESSIBILITY_NL["intro"]: (
            "Alle sollen diese Website nutzen können: mit einem Screenreader, nur mit der "
            "Tastatur, auf einem kleinen Telefon oder mit großer Schrift."
        ),
        ACCESSIBILITY_NL["paragraphs"][0]: (
            "Diese Website folgt den Richtlinien WCAG 2.1 auf der Stufe AA, dem Maßstab für "
            "niederländische Behörden und gemeinnützige Organisationen."
        ),
        ACCESSIBILITY_NL["paragraphs"][1]: (
            "Bei jeder Änderung prüfen wir die wichtigsten Seiten automatisch auf Niederländisch, "
            "Deutsch und Englisch, auf einem Telefon und auf einem Laptop. Redakteurinnen und "
            "Redakteure sehen vor dem Veröffentlichen eine Prüfung der Barrierefreiheit."
        ),
        ACCESSIBILITY_NL["paragraphs"][2]: (
            "Videos anderer Websites haben nicht immer Untertitel. Stoßen Sie auf ein Hindernis? "
            "Schreiben Sie uns an die Adresse unten auf der Seite; wir antworten innerhalb von "
            "fünf Werktagen."
        ),
    },
    "en": {
        "Toegankelijkheidsverklaring": "Accessibility statement",
        "toegankelijkheid": "accessibility",
        ACCESSIBILITY_NL["intro"]: (
            "We want everyone to be able to use this site: with a screen reader, with the "
            "keyboard alone, on a small phone or with large text."
        ),
        ACCESSIBILITY_NL["paragraphs"][0]: (
            "This site follows the WCAG 2.1 guidelines at level AA, the standard for Dutch "
            "public bodies and non-profit organisations."
        ),
        ACCESSIBILITY_NL["paragraphs"][1]: (
            "With every change we automatically check the main pages in Dutch, German and "
            "English, on a phone and on a laptop. Editors see an accessibility check in the "
            "admin before they publish."
        ),
        ACCESSIBILITY_NL["paragraphs"][2]: (
            "Videos from other websites do not always have subtitles. Did something get in your "
            "way? E-mail us at the address at the bottom of the page; we answer within five "
            "working days."
        ),
    },
}

SITE_TEXT_NL = {
    "organisation_name": "Samen Verder",
    "tagline": "Kennis en ontmoeting voor bewonersinitiatieven in Nederland en over de grens",
    "footer_text": (
        "<p>Een platform van netwerken voor bewonersinitiatieven: KNHM foundation, LVKK, "
        "Krachtige Kernen, Mienthuus en de partners van het We doen het samen! Festival.</p>"
    ),
    "address": "Postbus 33\n6800 LE Arnhem",
}

SITE_TEXT_TRANSLATIONS = {
    "de": {
        "Samen Verder": "Gemeinsam weiter",
        SITE_TEXT_NL[
            "tagline"
        ]: "Wissen und Begegnung für Bürgerinitiativen in den Niederlanden und über die Grenze hinweg",
        "Een platform van netwerken voor bewonersinitiatieven: KNHM foundation, LVKK, Krachtige Kernen, Mienthuus en de partners van het We doen het samen! Festival.": (
            "Eine Plattform von Netzwerken für Bürgerinitiativen: KNHM foundation, LVKK, "
            "Krachtige Kernen, Mienthuus und die Partner des Festivals „We doen het samen!“."
        ),
        SITE_TEXT_NL["address"]: "Postbus 33\n6800 LE Arnhem\nNiederlande",
    },
    "en": {
        "Samen Verder": "Further Together",
        SITE_TEXT_NL[
            "tagline"
        ]: "Knowledge and meeting places for community initiatives in the Netherlands and across the border",
        "Een platform van netwerken voor bewonersinitiatieven: KNHM foundation, LVKK, Krachtige Kernen, Mienthuus en de partners van het We doen het samen! Festival.": (
            "A platform of networks for community initiatives: KNHM foundation, LVKK, "
            "Krachtige Kernen, Mienthuus and the partners of the We doen het samen! Festival."
        ),
        SITE_TEXT_NL["address"]: "Postbus 33\n6800 LE Arnhem\nThe Netherlands",
    },
}
