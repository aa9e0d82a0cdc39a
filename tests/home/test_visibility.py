"""Who may see a page, read once per cache generation (home/visibility.py):
Wagtail's own `.public()` uses the kept restricted paths, counts an alias of a
restricted page as restricted, and sees a restriction as soon as it is made or
lifted. The site search and the sitemap, which go through `.public()`, follow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.search_index
def test_public_leaves_out_restricted_pages_their_children_and_aliases(client, site_tree):
    home = site_tree["home"]
    members = add(home, "Ledenhoek", "ledenhoek")
    inside = add(members, "Notulen van de leden", "notulen")
    open_page = add(home, "Open dag", "open-dag")
    german = Locale.objects.get(language_code="de")
    alias = inside.copy_for_translation(german, copy_parents=True, alias=True)

    def public_ids():
        ids = {members.pk, inside.pk, open_page.pk, alias.pk}
        return set(Page.objects.filter(pk__in=ids).public().values_list("pk", flat=True))

    assert public_ids() == {members.pk, inside.pk, open_page.pk, alias.pk}
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type="password", password="x"
    )
    assert public_ids() == {open_page.pk}
    assert set(Page.objects.filter(pk=alias.pk).not_public().values_list("pk", flat=True)) == {
        alias.pk
    }
    with CaptureQueriesContext(connection) as queries:
        public_ids()
    assert not any("pageviewrestriction" in q["sql"] for q in queries.captured_queries)
    found = client.get("/nl/zoeken/", {"q": "Notulen"}).content.decode()
    assert "Notulen van de leden" not in found
    assert "/nl/ledenhoek/" not in client.get("/sitemap.xml").content.decode()

    restriction.delete()
    assert public_ids() == {members.pk, inside.pk, open_page.pk, alias.pk}
    assert "Notulen van de leden" in client.get("/nl/zoeken/", {"q": "Notulen"}).content.decode()
