"""Demo content of the partner pages (facts from the seed documents, sentences
our own):

- the partner index in three languages;
- Mienthuus in Kranenburg, written in German first and translated into Dutch
  (English readers see the Dutch translation, with a notice that says so);
- the exchange with Belarus, written in Dutch and translated into German and
  English, with the study visit's timeline and its funding;
- a workshop under the Mienthuus page, at a venue in Kranenburg (the monthly
  repair café in the calendar is organised by Mienthuus as well), so the
  partner page lists events and the map has markers on both sides of the border;
- the "Mienthuus editors" group, which may edit only the Mienthuus section.

The seeds give no exact dates for the study visit: the timeline shows it by
month (October 2019, as the knowledge base article has it) and the earlier
meeting in North Rhine-Westphalia by year only.

Idempotent: pages are looked up by slug, translations are left alone once made.
The workshop is created through the app registry, so the knowledge base keeps
no import of the events app; without the events app it is left out.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from demo import factories
from demo.data.core import ILLUSTRATION_CREDIT
from demo.data.partners import (
    BELARUS_NL,
    BELARUS_TRANSLATIONS,
    INDEX,
    MEDICARE,
    MEDICARE_TRANSLATIONS,
    MIENTHUUS_DE,
    MIENTHUUS_EN,
    MIENTHUUS_NL,
    PARTNER_LOGO_COLOURS,
    WORKSHOP,
)
from demo.registry import demo_image, demo_loader, demo_logo, get_or_create_child, translate
from events.models import EventPageOrganiser, EventType
from home.models import Organisation, Person, Region, Venue
from partners.models import (
    PartnerContact,
    PartnerFunder,
    PartnerOrganisation,
    PartnerPage,
    PartnerRegion,
)
from partners.sections import ensure_editor_group


def _in(obj, locale):
    """The version of a snippet in `locale` (the demo snippets are all translated)."""
    return obj.get_translation_or_none(locale) or obj


def _gallery(specs, language_code):
    return [
        (
            "photo",
            {
                "image": {
                    "image": demo_image(title, seed=seed, palette=palette),
                    "alt_text": alt,
                    "decorative": False,
                },
                "caption": caption,
                "credit": ILLUSTRATION_CREDIT[language_code],
            },
        )
        for title, seed, palette, alt, caption in specs
    ]


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _links(locale, organisations, regions, people, funders=()):
    """A partner page's inline links, in `locale`, as the factory takes them."""

    def by_slug(model, slug):
        return _in(model.objects.get(slug=slug, locale__language_code="nl"), locale)

    def person(name):
        return _in(Person.objects.get(name=name, locale__language_code="nl"), locale)

    return {
        "organisation_links": [
            PartnerOrganisation(organisation=by_slug(Organisation, slug)) for slug in organisations
        ],
        "region_links": [PartnerRegion(region=by_slug(Region, slug)) for slug in regions],
        "contact_links": [PartnerContact(person=person(name)) for name in people],
        "funder_links": [
            PartnerFunder(organisation=by_slug(Organisation, slug)) for slug in funders
        ],
    }


def _venue(name, locale):
    venue = Venue.objects.filter(name=name, locale__language_code="nl").first()
    return _in(venue, locale) if venue else None


def _load_index(context):
    nl = context.locales["nl"]
    home = Page.objects.get(locale=nl, depth=2).specific
    title, slug, intro = INDEX["nl"]
    index = get_or_create_child(
        home, factories.PartnerIndexPageFactory, slug, title=title, intro=intro, show_in_menus=True
    )
    for code in ("de", "en"):
        translated = INDEX[code]
        translate(index, code, dict(zip(INDEX["nl"], translated, strict=True)))
    return index


def _load_medicare(nl):
    fields = dict(MEDICARE)
    name = fields.pop("name")
    fields["region"] = Region.objects.get(slug=fields["region"], locale=nl)
    venue, _created = Venue.objects.get_or_create(name=name, locale=nl, defaults=fields)
    for code, strings in MEDICARE_TRANSLATIONS.items():
        translate(venue, code, strings)
    return venue


def _load_mienthuus(context, index):
    de = context.locales["de"]
    de_index = index.get_translation(de)
    existing = de_index.get_children().filter(slug=MIENTHUUS_DE["slug"]).first()
    if existing is not None:
        return existing.specific
    spec = MIENTHUUS_DE
    exchange = spec["exchange"]
    page = factories.PartnerPageFactory(
        parent=de_index,
        slug=spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        image=demo_image("Mienthuus: Dorf im Sommer", seed=31, palette="summer"),
        image_alt=spec["image_alt"],
        country="DE",
        languages="de,nl,nds",
        base=_venue("Mienthuus", de),
        body=_paragraphs(spec["paragraphs"]),
        timeline=[
            (
                "exchange",
                {
                    "date": date(2019, 10, 1),
                    "precision": "month",
                    "title": exchange["title"],
                    "places": exchange["places"],
                    "venues": [_venue("Mienthuus", de)],
                    "organisations": [
                        _in(Organisation.objects.get(slug=slug, locale__language_code="nl"), de)
                        for slug in ("mienthuus", "krachtige-kernen")
                    ],
                    "report": exchange["report"],
                    "photos": [],
                },
            )
        ],
        gallery=_gallery(spec["gallery"], "de"),
        **_links(de, ["mienthuus"], ["nordrhein-westfalen"], ["Iris Haarland"]),
    )
    context.log("partner mienthuus (de)")
    return page


def _load_workshop(context, mienthuus, venue):
    """A workshop under the German Mienthuus page, translated into Dutch (and
    into English by the caller)."""
    de = context.locales["de"]
    existing = mienthuus.get_children().filter(slug=WORKSHOP["slug"]).first()
    if existing is not None:
        return existing.specific
    zone = timezone.get_default_timezone()
    day = timezone.localdate() + timedelta(days=12)
    event_type = EventType.objects.filter(slug="workshop", locale=de).first()
    organiser = Organisation.objects.get(slug="mienthuus", locale__language_code="nl")
    page = factories.EventPageFactory(
        parent=mienthuus,
        slug=WORKSHOP["slug"],
        title=WORKSHOP["title"],
        intro=WORKSHOP["intro"],
        start=datetime.combine(day, time(15, 0), tzinfo=zone),
        end=datetime.combine(day, time(17, 0), tzinfo=zone),
        venue=_in(venue, de),
        languages="de,nl",
        event_type=event_type,
        contact_email="agenda@example.org",
        organiser_links=[EventPageOrganiser(organisation=_in(organiser, de))],
    )
    strings = dict(WORKSHOP["nl"])
    strings[WORKSHOP["intro"]] = WORKSHOP["nl_intro"]
    translate(page, "nl", strings)
    context.log("event workshop-online-dorfplatz (de)")
    return page


def _load_belarus(context, index):
    nl = context.locales["nl"]
    existing = index.get_children().filter(slug=BELARUS_NL["slug"]).first()
    if existing is not None:
        return existing.specific
    spec = BELARUS_NL
    timeline = []
    for exchange in spec["exchanges"]:
        timeline.append(
            (
                "exchange",
                {
                    "date": exchange["date"],
                    "precision": exchange["precision"],
                    "title": exchange["title"],
                    "places": exchange["places"],
                    "venues": [_venue(name, nl) for name in exchange["venues"]],
                    "organisations": [
                        Organisation.objects.get(slug=slug, locale=nl)
                        for slug in exchange["organisations"]
                    ],
                    "report": exchange["report"],
                    "photos": [],
                },
            )
        )
    page = factories.PartnerPageFactory(
        parent=index,
        slug=spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        image=demo_image("Wijk Brakkenstein in de herfst", seed=21, palette="autumn"),
        image_alt=spec["image_alt"],
        country="BY",
        languages="nl,de",
        body=_paragraphs(spec["paragraphs"]),
        timeline=timeline,
        funding=spec["funding"],
        gallery=_gallery(spec["gallery"], "nl"),
        **_links(
            nl,
            ["krachtige-kernen", "mienthuus", "lvkk"],
            ["vilejka", "mogiljov"],
            ["Iris Haarland", "Ben van Essen"],
            funders=["ibb-dortmund"],
        ),
    )
    context.log("partner uitwisseling-belarus")
    return page


@demo_loader(order=30)
def load_partners(context):
    nl = context.locales.get("nl") or Locale.objects.get(language_code="nl")
    index = _load_index(context)
    medicare = _load_medicare(nl)
    mienthuus = _load_mienthuus(context, index)
    for code, strings in (("nl", MIENTHUUS_NL), ("en", MIENTHUUS_EN)):
        credit = {ILLUSTRATION_CREDIT["de"]: ILLUSTRATION_CREDIT[code]}
        translate(mienthuus, code, {**strings, **credit})
    workshop = _load_workshop(context, mienthuus, medicare)
    translate(workshop, "en", {**WORKSHOP["en"], WORKSHOP["intro"]: WORKSHOP["en_intro"]})
    belarus = _load_belarus(context, index)
    for code, strings in BELARUS_TRANSLATIONS.items():
        credit = {ILLUSTRATION_CREDIT["nl"]: ILLUSTRATION_CREDIT[code]}
        translate(belarus, code, {**strings, **credit})
    _load_logos(nl)


def _load_logos(nl):
    """A drawn logo for each partner organisation, shared by its language versions."""
    for slug, colour in PARTNER_LOGO_COLOURS.items():
        organisation = Organisation.objects.filter(slug=slug, locale=nl).first()
        if organisation is None or organisation.logo_id is not None:
            continue
        Organisation.objects.filter(
            translation_key=organisation.translation_key, logo__isnull=True
        ).update(logo=demo_logo(organisation.name, colour))


@demo_loader(order=31)
def load_partner_editors(context):
    """After the trees are settled, so the English alias of the Mienthuus page
    exists and the group gets its permissions in every language."""
    mienthuus = PartnerPage.objects.filter(
        slug=MIENTHUUS_DE["slug"], locale__language_code="de", alias_of__isnull=True
    ).first()
    if mienthuus is not None:
        ensure_editor_group(mienthuus, name="Mienthuus editors")
