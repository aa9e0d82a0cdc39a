"""Demo content of the knowledge base: article kinds, the partner organisations
and people from the seed documents, the knowledge base and the 'who can help'
directory in three languages, and thirteen articles of which four are
translated into German and English (the rest show the Dutch text with a notice).

The texts are in `demo.data.kennisbank`, `demo.data.articles` and
`demo.data.organisations`; the partner pages are loaded by `demo.partners`.

Idempotent: everything is looked up by slug (or name) before it is created, and
`translate` leaves existing translations alone.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from demo import factories
from demo.data.articles import ARTICLES, DUTCH_ONLY
from demo.data.core import ILLUSTRATION_CREDIT
from demo.data.kennisbank import (
    CHECK_CONTACTS,
    CHECKED_DAYS_AGO,
    DIRECTORY,
    INDEX,
    RECENTLY_DAYS_AGO,
)
from demo.data.organisations import KINDS, ORGANISATIONS, PEOPLE
from demo.registry import demo_image, demo_loader, get_or_create_child, translate
from home.models import Organisation, OrganisationRegion, OrganisationTheme, Person, Region, Theme
from kennisbank.models import (
    ArticleAuthor,
    ArticleKind,
    ArticleOrganisation,
    ArticlePhotographer,
    ArticleRegion,
    ArticleTheme,
)


def _page_strings(spec):
    nl = spec["nl"]
    return {
        code: {nl[0]: spec[code][0], nl[1]: spec[code][1], nl[2]: spec[code][2]}
        for code in ("de", "en")
    }


def _leaves(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)


def _article_strings(spec, code):
    """{Dutch text: translation} for every text of an article, paired by position."""
    nl, other = spec["nl"], spec[code]
    strings = {spec["slug"]: other["slug"], ILLUSTRATION_CREDIT["nl"]: ILLUSTRATION_CREDIT[code]}
    for key in ("title", "intro", "hero_alt", "hero_caption"):
        strings[nl[key]] = other[key]
    for (kind_nl, value_nl), (_kind, value_other) in zip(nl["body"], other["body"], strict=True):
        if kind_nl == "org":
            continue
        for source, target in zip(_leaves(value_nl), _leaves(value_other), strict=True):
            if source:
                strings[source] = target
    return strings


def _body(blocks, organisations):
    stream = []
    for kind, value in blocks:
        if kind == "p":
            stream.append(("paragraph", f"<p>{value}</p>"))
        elif kind == "h":
            stream.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "quote":
            text, who, role = value
            stream.append(("pull_quote", {"text": text, "attribution": who, "role": role}))
        elif kind == "facts":
            heading, facts, source = value
            stream.append(
                (
                    "facts",
                    {
                        "heading": heading,
                        "facts": [{"number": n, "label": label} for n, label in facts],
                        "source": source,
                    },
                )
            )
        elif kind == "checklist":
            heading, intro, items, numbered = value
            stream.append(
                (
                    "checklist",
                    {"heading": heading, "intro": intro, "items": items, "numbered": numbered},
                )
            )
        elif kind == "org":
            stream.append(
                (
                    "organisation_box",
                    {"organisation": organisations[value], "heading": "", "text": ""},
                )
            )
    return stream


def _load_kinds(nl):
    kinds = {}
    for order, (slug, (name, de, en)) in enumerate(KINDS.items()):
        kind, _created = ArticleKind.objects.get_or_create(
            slug=slug, locale=nl, defaults={"name": name, "sort_order": order}
        )
        translate(kind, "de", {name: de})
        translate(kind, "en", {name: en})
        kinds[slug] = kind
    return kinds


def _last_checked(slug):
    """When the organisation's details were last confirmed, counted back from
    today (None: never)."""
    days = CHECKED_DAYS_AGO.get(slug, RECENTLY_DAYS_AGO)
    return None if days is None else timezone.localdate() - timedelta(days=days)


def _load_organisations(context, nl):
    themes = {t.slug: t for t in Theme.objects.filter(locale=nl)}
    regions = {r.slug: r for r in Region.objects.filter(locale=nl)}
    organisations = {}
    for slug, data in ORGANISATIONS.items():
        organisation = Organisation.objects.filter(slug=slug, locale=nl).first()
        description, description_de, description_en = data["description"]
        if organisation is None:
            organisation = Organisation(
                slug=slug,
                locale=nl,
                name=data["name"],
                kind=data["kind"],
                country=data.get("country", "NL"),
                website=data["website"],
                description=description,
                last_checked=_last_checked(slug),
                contact_email=CHECK_CONTACTS.get(slug, ""),
                **{f"offers_{offer}": True for offer in data["offers"]},
            )
            for theme in data["themes"]:
                organisation.theme_links.add(OrganisationTheme(theme=themes[theme]))
            for region in data["regions"]:
                organisation.region_links.add(OrganisationRegion(region=regions[region]))
            organisation.save()
            context.log(f"organisation {slug}")
        elif not organisation.description:
            # Created with fewer fields by another app's loader: complete it once.
            organisation.description = description
            organisation.website = organisation.website or data["website"]
            organisation.last_checked = organisation.last_checked or _last_checked(slug)
            organisation.contact_email = organisation.contact_email or CHECK_CONTACTS.get(slug, "")
            for offer in data["offers"]:
                setattr(organisation, f"offers_{offer}", True)
            if not organisation.theme_links.exists():
                for theme in data["themes"]:
                    organisation.theme_links.add(OrganisationTheme(theme=themes[theme]))
            if not organisation.region_links.exists():
                for region in data["regions"]:
                    organisation.region_links.add(OrganisationRegion(region=regions[region]))
            organisation.save()
        translate(organisation, "de", {description: description_de})
        translate(organisation, "en", {description: description_en})
        organisations[slug] = organisation
    return organisations


def _load_people(nl, organisations):
    people = {}
    for name, (role, role_de, role_en, organisation) in PEOPLE.items():
        person, _created = Person.objects.get_or_create(
            name=name,
            locale=nl,
            defaults={"role": role, "organisation": organisations.get(organisation)},
        )
        translate(person, "de", {role: role_de})
        translate(person, "en", {role: role_en})
        people[name] = person
    return people


def _section(home, factory, texts):
    title, slug, intro = texts["nl"]
    return get_or_create_child(home, factory, slug, title=title, intro=intro, show_in_menus=True)


def _create_article(index, spec, texts, kinds, organisations, people, themes, regions):
    existing = index.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    title, seed, palette = spec["image"]
    return factories.ArticlePageFactory(
        parent=index,
        slug=spec["slug"],
        title=texts["title"],
        intro=texts["intro"],
        kind=kinds[spec["kind"]],
        publication_date=spec["date"],
        hero_image=demo_image(title, seed=seed, palette=palette),
        hero_alt=texts.get("hero_alt", ""),
        hero_caption=texts.get("hero_caption", ""),
        hero_credit=ILLUSTRATION_CREDIT["nl"],
        body=_body(texts["body"], organisations),
        theme_links=[ArticleTheme(theme=themes[slug]) for slug in spec["themes"]],
        region_links=[ArticleRegion(region=regions[slug]) for slug in spec["regions"]],
        organisation_links=[
            ArticleOrganisation(organisation=organisations[slug]) for slug in spec["organisations"]
        ],
        author_links=[ArticleAuthor(person=people[name]) for name in spec.get("authors", [])],
        photographer_links=[
            ArticlePhotographer(person=people[name]) for name in spec.get("photographers", [])
        ],
        tags=spec.get("tags", []),
    )


@demo_loader(order=10)
def load_kennisbank(context):
    nl = context.locales["nl"]
    kinds = _load_kinds(nl)
    organisations = _load_organisations(context, nl)
    people = _load_people(nl, organisations)

    home = Page.objects.get(locale=nl, depth=2).specific
    index = _section(home, factories.KennisbankIndexPageFactory, INDEX)
    directory = _section(home, factories.OrganisationDirectoryPageFactory, DIRECTORY)
    for page, texts in ((index, INDEX), (directory, DIRECTORY)):
        for code, strings in _page_strings(texts).items():
            translate(page, code, strings)

    themes = {t.slug: t for t in Theme.objects.filter(locale=nl)}
    regions = {r.slug: r for r in Region.objects.filter(locale=nl)}
    created = []
    for spec in ARTICLES:
        created.append(
            (
                spec,
                _create_article(
                    index, spec, spec["nl"], kinds, organisations, people, themes, regions
                ),
            )
        )
    for spec in DUTCH_ONLY:
        _create_article(index, spec, spec, kinds, organisations, people, themes, regions)
    for spec, article in created:
        for code in ("de", "en"):
            translate(article, code, _article_strings(spec, code))
