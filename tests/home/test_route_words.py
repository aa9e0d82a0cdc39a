"""Sub-page addresses carry words in the page's language (msgctxt "URL path" in
the .po files). A translation may change the words, never the parameters: each
language's pattern of a route takes the same values, and no two routes of a
page answer the same address."""

import re

import pytest
from django.conf import settings
from django.utils.translation import override

from events.models import EventIndexPage, EventPage
from festival.models import FestivalPage
from home.languages import LEGACY
from kennisbank.models import KennisbankIndexPage, OrganisationDirectoryPage

ROUTABLE = [EventIndexPage, EventPage, FestivalPage, KennisbankIndexPage, OrganisationDirectoryPage]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _parameters(pattern):
    return sorted(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern))


@pytest.mark.parametrize("model", ROUTABLE, ids=lambda m: m.__name__)
def test_each_language_keeps_the_parameters_of_every_route(model):
    routes = [r for r in model.get_subpage_urls() if not r.name.endswith(LEGACY)]
    for route in routes:
        with override(None):
            original = _parameters(str(route.pattern))
        for code in LANGUAGES:
            with override(code):
                assert _parameters(str(route.pattern)) == original, (model, route.name, code)


@pytest.mark.parametrize("model", ROUTABLE, ids=lambda m: m.__name__)
@pytest.mark.parametrize("code", LANGUAGES)
def test_no_two_routes_share_an_address_in_a_language(model, code):
    with override(code):
        patterns = [
            str(r.pattern)
            for r in model.get_subpage_urls()
            # Wagtail's own "" route stands behind the page's own "" route.
            if not r.name.endswith(LEGACY) and r.name != "index_route"
        ]
    assert len(patterns) == len(set(patterns)), (model, code, patterns)


def test_translated_routes_have_their_words_in_each_language():
    with override("de"):
        german = {r.name: str(r.pattern) for r in FestivalPage.get_subpage_urls()}
    with override("nl"):
        dutch = {r.name: str(r.pattern) for r in EventIndexPage.get_subpage_urls()}
    assert german["programme"] == "programm/" and german["speakers"] == "referenten/"
    assert german["my_programme"] == "mein-programm/"
    assert dutch["month"] == "maand/<int:year>/<int:month>/" and dutch["archive"] == "archief/"
    # Files for calendar and conference apps keep their address.
    assert german["ical"] == "ical/" and german["my_programme_ical"] == "my-programme/ical/"
