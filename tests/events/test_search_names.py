"""The site search finds an event by the names of its themes in the reader's
language (home/search_names.py), also on the German version of a Dutch event,
which is an alias linked to the Dutch themes."""

import pytest
from bs4 import BeautifulSoup
from wagtail_localize.synctree import create_aliases_for_new_page

from events.models import EventPageTheme

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def result_titles(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".result__title a")]


def test_an_event_is_found_by_its_themes_in_the_readers_language(client, make_event, theme):
    event = make_event(title="Oogstmarkt", slug="oogstmarkt", publish=False)
    event.theme_links.add(EventPageTheme(theme=theme))
    event.save_revision().publish()
    make_event(title="Repaircafé", slug="repaircafe")
    create_aliases_for_new_page(event)

    assert result_titles(client.get("/de/suche/", {"q": "Lebensmittel"})) == ["Oogstmarkt"]
    assert result_titles(client.get("/nl/zoeken/", {"q": "voedsel"})) == ["Oogstmarkt"]
    assert result_titles(client.get("/nl/zoeken/", {"q": "Lebensmittel"})) == []
