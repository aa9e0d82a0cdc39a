"""The who-can-help directory as Open Referral HSDS 3.0 (openreferral/specification).

Mapping:
- an `Organisation` is an HSDS `organization`; its id is its `translation_key`
  (a UUID, the same in every language, so ids are stable);
- each thing it offers (knowledge, money, network, advice) is a `service` of
  that organisation, with a UUID derived from the organisation's key and the
  offer, an `attribute` pointing to a taxonomy term of the offer, and the
  organisation's themes as further attributes;
- its regions are the service's `service_areas`;
- `languages` are the languages the organisation is written to in
  (`Organisation.language`, its e-mail language).

Contacts: the directory records no consent of a person to be published, so no
personal contacts (`Person`, the addresses checks were sent to) are ever
published. Only the organisation-level e-mail, phone and website that the
public directory page shows are.

Texts are in the language asked for (`?lang=nl|de|en`, the default language
otherwise), with the directory's fallback (`home.i18n.localized_queryset`).
"""

import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

from home.i18n import localized_queryset
from home.models import Organisation, OrganisationRegion, OrganisationTheme
from kennisbank import directory

HSDS_VERSION = "3.0"
PROFILE = "https://docs.openreferral.org/en/latest/hsds/overview.html"
NAMESPACE = uuid.UUID("5b0c4f9e-3f3c-4c6e-9d37-0f3f0b0b9d11")
OFFERS = [
    ("offers_knowledge", "knowledge"),
    ("offers_money", "money"),
    ("offers_network", "network"),
    ("offers_advice", "advice"),
]
LANGUAGE_NAMES = {"nl": "Nederlands", "de": "Deutsch", "en": "English"}


def stable_id(*parts):
    """A UUID that is the same for the same parts on every run and language."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def organisations(language):
    """The directory in `language`, with themes and regions: three queries."""
    return (
        localized_queryset(Organisation, locale=language)
        .order_by("name", "pk")
        .prefetch_related(
            Prefetch(
                "theme_links",
                OrganisationTheme.objects.select_related("theme").order_by("sort_order"),
            ),
            Prefetch(
                "region_links",
                OrganisationRegion.objects.select_related("region").order_by("sort_order"),
            ),
        )
    )


def _term(offer, label, language):
    return {
        "id": stable_id("offer", offer),
        "code": offer,
        "name": str(label),
        "description": str(label),
        "taxonomy": "offer",
        "language": language,
    }


def _offer_labels(organisation):
    """{flag: label} of what it offers, labelled as the directory's filter is."""
    offered = {name for name, _label in organisation.offers}
    return {flag: label for flag, label in directory.OFFERS.values() if flag in offered}


def _service(organisation, flag, offer, label, language, absolute):
    service_id = stable_id(organisation.translation_key, offer)
    attributes = [
        {
            "id": stable_id(service_id, "offer"),
            "link_id": service_id,
            "link_type": "offer",
            "link_entity": "service",
            "taxonomy_term_id": stable_id("offer", offer),
            "value": offer,
            "taxonomy_term": _term(offer, label, language),
        }
    ]
    for link in organisation.theme_links.all():
        theme = link.theme
        attributes.append(
            {
                "id": stable_id(service_id, "theme", theme.slug),
                "link_id": service_id,
                "link_type": "theme",
                "link_entity": "service",
                "taxonomy_term_id": stable_id("theme", theme.slug),
                "value": theme.slug,
                "taxonomy_term": {
                    "id": stable_id("theme", theme.slug),
                    "code": theme.slug,
                    "name": theme.name,
                    "description": theme.description or theme.name,
                    "taxonomy": "theme",
                    "language": language,
                },
            }
        )
    code = organisation.language
    service = {
        "id": service_id,
        "organization_id": str(organisation.translation_key),
        "name": f"{organisation.name}: {label}",
        "description": organisation.description or organisation.name,
        "status": "active",
        "url": organisation.website or None,
        "email": organisation.contact_email or None,
        "last_modified": (
            organisation.last_checked.isoformat() if organisation.last_checked else None
        ),
        "service_areas": [
            {
                "id": stable_id(service_id, "area", link.region.slug),
                "service_id": service_id,
                "name": link.region.name,
                "description": link.region.get_kind_display(),
                "extent_type": "region",
                "uri": absolute(f"?region={link.region.slug}"),
            }
            for link in organisation.region_links.all()
        ],
        "languages": [
            {
                "id": stable_id(service_id, "language", code),
                "service_id": service_id,
                "name": LANGUAGE_NAMES.get(code, code),
                "code": code,
            }
        ],
        "attributes": attributes,
        "contacts": [],
        "phones": _phones(organisation, service_id=service_id),
    }
    return _clean(service)


def _phones(organisation, **owner):
    if not organisation.contact_phone:
        return []
    key = next(iter(owner.values()))
    return [
        {
            "id": stable_id(key, "phone"),
            **owner,
            "number": organisation.contact_phone,
            "type": "voice",
        }
    ]


def _clean(data):
    """Leave out fields without a value (HSDS: absent rather than null)."""
    return {key: value for key, value in data.items() if value is not None}


def services_of(organisation, language, absolute):
    with translation.override(language):
        labels = _offer_labels(organisation)
        return [
            _service(organisation, flag, offer, labels[flag], language, absolute)
            for flag, offer in OFFERS
            if flag in labels
        ]


def organisation(organisation, language, absolute, *, full=True):
    """One organisation as an HSDS `organization` (with its services when `full`)."""
    key = str(organisation.translation_key)
    data = {
        "id": key,
        "name": organisation.name,
        "description": organisation.description or organisation.name,
        "email": organisation.contact_email or None,
        "website": organisation.website or None,
        "uri": absolute(f"organizations/{key}/"),
        "phones": _phones(organisation, organization_id=key),
        "contacts": [],
    }
    if full:
        data["services"] = services_of(organisation, language, absolute)
    return _clean(data)


def service_with_organisation(organisation_obj, service, language, absolute):
    return {
        **service,
        "organization": organisation(organisation_obj, language, absolute, full=False),
    }


def language_of(request):
    """The `lang` parameter if it is one of the site's languages, else the default."""
    code = request.GET.get("lang", "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
