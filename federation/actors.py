"""Our actors and their addresses: the site (`Organization`) and one `Group`
per partner section (a partner page and everything below it). Keys are made
on first use and kept in the database (`Actor`)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify

from federation.models import Actor
from federation.signatures import new_key_pair
from home.i18n import source_version
from partners.models import PartnerPage


def base_url():
    """The site's address, as every id we hand out starts (never the request's Host)."""
    return (getattr(settings, "FEDERATION_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip(
        "/"
    )


def host():
    return base_url().split("://", 1)[-1].split("/", 1)[0]


def absolute(path):
    return base_url() + path


def site_username():
    return getattr(settings, "FEDERATION_SITE_USERNAME", "netwerk")


def actor_url(actor):
    return absolute(reverse("federation:actor", args=[actor.username]))


def key_id(actor):
    return actor_url(actor) + "#main-key"


def _create(**fields):
    private, public = new_key_pair()
    try:
        with transaction.atomic():
            return Actor.objects.create(private_key_pem=private, public_key_pem=public, **fields)
    except IntegrityError:  # made by a parallel request meanwhile
        return None


def site_actor():
    actor = Actor.objects.filter(kind=Actor.Kind.SITE).first()
    if actor is None:
        actor = _create(kind=Actor.Kind.SITE, username=site_username())
        actor = actor or Actor.objects.get(kind=Actor.Kind.SITE)
    return actor


def _free_username(base):
    base = (slugify(base) or "partner")[:50]
    name, number = base, 1
    while name == site_username() or Actor.objects.filter(username=name).exists():
        number += 1
        name = f"{base}-{number}"
    return name


def section_actor(partner_page):
    """The Group actor of a partner section (any language version of its page)."""
    key = partner_page.translation_key
    actor = Actor.objects.filter(section_key=key).first()
    if actor is None:
        source = source_version(partner_page, model=PartnerPage) or partner_page
        actor = _create(
            kind=Actor.Kind.SECTION, username=_free_username(source.slug), section_key=key
        )
        actor = actor or Actor.objects.get(section_key=key)
    return actor


def section_page(actor):
    """The live source partner page of a section actor, or None."""
    if actor.kind != Actor.Kind.SECTION:
        return None
    pages = PartnerPage.objects.filter(
        translation_key=actor.section_key, live=True, alias_of__isnull=True
    ).order_by("pk")
    return pages.first()


def section_of(page):
    """The partner page a page lives under (or is), or None."""
    if isinstance(page.specific_deferred, PartnerPage):
        return page
    return PartnerPage.objects.ancestor_of(page).live().first()


def actors_for(page):
    """Whose followers hear about `page`: the site's, and its section's."""
    actors = [site_actor()]
    section = section_of(page)
    if section is not None:
        actors.append(section_actor(section))
    return actors


def find(username):
    """The actor called `username`; the site's and live sections' are made on first ask."""
    actor = Actor.objects.filter(username=username).first()
    if actor is None and username == site_username():
        actor = site_actor()
    if actor is not None and actor.kind == Actor.Kind.SECTION and section_page(actor) is None:
        return None
    if actor is None:
        for page in PartnerPage.objects.live().filter(alias_of__isnull=True, slug=username):
            source = source_version(page, model=PartnerPage) or page
            if source.slug == username:
                return section_actor(source)
    return actor
