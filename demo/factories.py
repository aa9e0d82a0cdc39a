"""Factories for tests (and demo content): small, explicit, one per model.

Pages are created under the `parent` they are given and published unless
`publish=False`. Snippets are Dutch (the default locale); translate them with
`demo.registry.translate`. `site_tree()` builds the trilingual home tree that
the test suite shares (tests/conftest.py makes it once per test database).
"""

from datetime import date, datetime, timedelta

import factory
import wagtail_factories
from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from demo.registry import translate
from events.models import EventIndexPage, EventPage, EventType
from events.schedule import site_zone
from festival.models import FestivalPage, FestivalRoom, FestivalTrack, SessionPage
from home.models import (
    HomePage,
    Organisation,
    Person,
    Region,
    SiteSettings,
    SiteText,
    StandardPage,
    Theme,
    Venue,
)
from home.slugs import slugify
from kennisbank.models import (
    ArticleKind,
    ArticlePage,
    KennisbankIndexPage,
    OrganisationDirectoryPage,
)
from partners.models import PartnerIndexPage, PartnerPage
from registration.models import Registration


def local(*args):
    """An aware datetime in the site's time zone (Europe/Amsterdam)."""
    return datetime(*args, tzinfo=site_zone())


class LocaleFactory(DjangoModelFactory):
    language_code = "nl"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


def locales():
    """{code: Locale} for every site language."""
    return {code: LocaleFactory(language_code=code) for code, _name in settings.LANGUAGES}


# -- Pages ------------------------------------------------------------------------


class PageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published (`publish=False`: a draft)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # As wagtail-factories does, and `tags=[names]` set before the page is
        # saved, so its first revision has them. Inline children (`theme_links=[…]`)
        # are passed as lists, as to the model.
        tags = kwargs.pop("tags", ())
        instance = model_class(**kwargs)
        if tags:
            instance.tags.add(*tags)
        if parent:
            parent.add_child(instance=instance)
        else:
            model_class.add_root(instance=instance)
        return instance

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create:
            revision = obj.save_revision()
            if extracted is not False:
                revision.publish()


class HomePageFactory(PageFactory):
    title = "Thuis"
    slug = "home"
    intro = "Welkom in het dorp"

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    intro = "Een pagina."

    class Meta:
        model = StandardPage


class KennisbankIndexPageFactory(PageFactory):
    title = "Kennisbank"
    slug = "kennisbank"
    per_page = 12

    class Meta:
        model = KennisbankIndexPage


class OrganisationDirectoryPageFactory(PageFactory):
    title = "Wie kan helpen?"
    slug = "wie-kan-helpen"

    class Meta:
        model = OrganisationDirectoryPage


class EventIndexPageFactory(PageFactory):
    title = "Agenda"
    slug = "agenda"
    per_page = 20

    class Meta:
        model = EventIndexPage


class ArticlePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    intro = "Een verhaal over een dorp."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Het dorp leeft.</p>")])
    publication_date = date(2024, 1, 1)

    class Meta:
        model = ArticlePage


class EventPageFactory(PageFactory):
    title = "Repaircafé"
    start = factory.LazyFunction(lambda: local(2026, 12, 12, 10, 0))
    end = factory.LazyAttribute(lambda obj: obj.start + timedelta(hours=3))

    class Meta:
        model = EventPage


class FestivalPageFactory(PageFactory):
    title = "We doen het samen! Festival"
    slug = "festival"
    edition = "2022"
    start_date = date(2022, 4, 9)
    intro = "Een dag vol ontmoetingen."

    class Meta:
        model = FestivalPage


class SessionPageFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"Sessie {n}")
    start = factory.LazyFunction(lambda: local(2022, 4, 9, 10, 0))
    end = factory.LazyAttribute(lambda obj: obj.start + timedelta(hours=1))
    session_format = "talk"

    class Meta:
        model = SessionPage


class PartnerIndexPageFactory(PageFactory):
    title = "Partners"
    slug = "partners"

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(PageFactory):
    title = "Dorpen in Drenthe"
    intro = "Een netwerk van dorpen."
    country = "NL"

    class Meta:
        model = PartnerPage


# -- Snippets ---------------------------------------------------------------------


class SnippetFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Naam {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        abstract = True


class ThemeFactory(SnippetFactory):
    class Meta:
        model = Theme


class RegionFactory(SnippetFactory):
    kind = Region.Kind.PROVINCE
    country = "NL"

    class Meta:
        model = Region


class ArticleKindFactory(SnippetFactory):
    class Meta:
        model = ArticleKind


class EventTypeFactory(SnippetFactory):
    class Meta:
        model = EventType


class OrganisationFactory(SnippetFactory):
    kind = "fund"

    class Meta:
        model = Organisation


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Persoon {n}")

    class Meta:
        model = Person


class VenueFactory(DjangoModelFactory):
    name = "Dorpshuis"
    street = "Dorpstraat 1"
    postcode = "47559"
    city = "Kranenburg"
    country = "DE"

    class Meta:
        model = Venue


class FestivalTrackFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Spoor {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = FestivalTrack


class FestivalRoomFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Zaal {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = FestivalRoom


class RegistrationFactory(DjangoModelFactory):
    """A confirmed registration for an `occurrence` (skips the service's rules:
    use `registration.services.register` to test those)."""

    event_key = factory.SelfAttribute("occurrence.event_key")
    status = Registration.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"Bezoeker {n}")
    email = factory.Sequence(lambda n: f"bezoeker{n}@example.org")
    email_key = factory.SelfAttribute("email")

    class Meta:
        model = Registration


# -- The shared site tree ---------------------------------------------------------


def site_tree():
    """The trilingual site every test starts from.

    A Dutch home page with 'about' and 'privacy' pages, a knowledge base, an
    organisation directory and a calendar, synchronised into de and en with
    wagtail-localize. Home, about and the three indexes are translated into
    German and English (the directory into German only); the privacy page is
    not, so de/en have it only as an alias. Site text in Dutch and German.
    Returns {name: page or object}; nothing else is needed from the database.
    """
    codes = locales()
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    Site.objects.all().delete()
    home = HomePageFactory(parent=root, locale=codes["nl"])
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    about = StandardPageFactory(
        parent=home, title="Over ons", slug="over-ons", intro="Wie wij zijn", show_in_menus=True
    )
    privacy = StandardPageFactory(
        parent=home,
        title="Privacyverklaring",
        slug="privacyverklaring",
        intro="Wat wij met gegevens doen",
    )
    kennisbank = KennisbankIndexPageFactory(parent=home)
    directory = OrganisationDirectoryPageFactory(parent=home)
    calendar = EventIndexPageFactory(parent=home)
    for code in ("de", "en"):
        LocaleSynchronization.objects.create(locale=codes[code], sync_from=codes["nl"])
        synchronize_tree(codes["nl"], codes[code])
    translations = {
        "de": [
            (home, {"Thuis": "Startseite", "Welkom in het dorp": "Willkommen im Dorf"}),
            (
                about,
                {"Over ons": "Über uns", "over-ons": "ueber-uns", "Wie wij zijn": "Wer wir sind"},
            ),
            (kennisbank, {"Kennisbank": "Wissensdatenbank", "kennisbank": "wissensdatenbank"}),
            (
                directory,
                {"Wie kan helpen?": "Wer kann helfen?", "wie-kan-helpen": "wer-kann-helfen"},
            ),
            (calendar, {"Agenda": "Veranstaltungen", "agenda": "veranstaltungen"}),
        ],
        "en": [
            (home, {"Thuis": "Home", "Welkom in het dorp": "Welcome to the village"}),
            (about, {"Over ons": "About us", "over-ons": "about-us", "Wie wij zijn": "Who we are"}),
            (kennisbank, {"Kennisbank": "Knowledge base", "kennisbank": "knowledge-base"}),
            (calendar, {"Agenda": "Events", "agenda": "events"}),
        ],
    }
    for code, pages in translations.items():
        for page, strings in pages:
            translate(page, code, strings)
    text = SiteText.objects.create(locale=codes["nl"], organisation_name="Samen Verder")
    translate(text, "de", {"Samen Verder": "Gemeinsam weiter"})
    SiteSettings.objects.create(site=site, site_text=text, privacy_page=privacy)
    return {
        "site": site,
        "home": home,
        "about": about,
        "privacy": privacy,
        "kennisbank": kennisbank,
        "directory": directory,
        "calendar": calendar,
    }
