"""A venue writes its own address, in the reader's language."""

import pytest
from django.utils import translation

from home.models import Venue


@pytest.fixture
def venue(locales):
    return Venue.objects.create(
        name="Dorpshuis De Linde",
        street="Brink 4",
        postcode="7811 AB",
        city="Emmen",
        country="NL",
        locale=locales["nl"],
    )


@pytest.mark.parametrize(
    ("language", "country"), [("nl", "Nederland"), ("de", "Niederlande"), ("en", "Netherlands")]
)
def test_a_venue_writes_its_address_in_the_readers_language(venue, language, country):
    with translation.override(language):
        assert venue.address_lines == ["Brink 4", "7811 AB Emmen", country]
        assert venue.address == f"Brink 4, 7811 AB Emmen, {country}"
        assert venue.location == f"Dorpshuis De Linde, Brink 4, 7811 AB Emmen, {country}"


def test_a_venue_leaves_out_what_it_does_not_know(locales):
    venue = Venue(name="Marktplatz", city="Nordhorn", country="DE", locale=locales["de"])
    with translation.override("de"):
        assert venue.address == "Nordhorn, Deutschland"
    assert venue.postal_address() == {
        "@type": "PostalAddress",
        "addressLocality": "Nordhorn",
        "addressCountry": "DE",
    }


def test_json_ld_takes_the_same_parts(venue):
    assert venue.postal_address() == {
        "@type": "PostalAddress",
        "streetAddress": "Brink 4",
        "postalCode": "7811 AB",
        "addressLocality": "Emmen",
        "addressCountry": "NL",
    }
