"""Partner sections as Group actors, and knowledge-base articles as `Article`s."""

import pytest

from federation import actors, objects
from tests.kennisbank.conftest import kennisbank, make_article, taxonomy
from tests.partners.test_partners import built_partner_tree, partner_tree

__all__ = ["built_partner_tree", "kennisbank", "make_article", "partner_tree", "taxonomy"]


def test_a_partner_section_is_a_group_with_its_own_address(client, partner_tree):
    german = partner_tree["german"]
    response = client.get("/.well-known/webfinger", {"resource": "acct:mienthuus@testserver"})
    assert response.status_code == 200
    href = response.json()["links"][0]["href"]
    group = client.get(href.removeprefix("http://testserver")).json()
    assert group["type"] == "Group"
    assert group["preferredUsername"] == "mienthuus"
    assert set(group["nameMap"]) >= {"de", "nl"}
    # Its event is told to the section's followers and to the site's.
    event_actors = actors.actors_for(partner_tree["own_event"])
    assert [a.username for a in event_actors] == ["netwerk", "mienthuus"]
    document = objects.event_documents(partner_tree["own_event"])[0]
    assert document["attributedTo"] == href
    assert actors.section_of(german).pk == german.pk


@pytest.mark.django_db
def test_an_article_is_an_article_with_content_in_its_languages(client, make_article):
    article = make_article(title="Dorpshuis", intro="Een verhaal over een dorp.")
    document = objects.article_document(article)
    assert document["type"] == "Article"
    # The German and English aliases borrow the Dutch text: only Dutch is in the maps.
    assert document["nameMap"] == {"nl": "Dorpshuis"}
    assert document["contentMap"] == {"nl": "<p>Een verhaal over een dorp.</p>"}
    assert {link["hreflang"] for link in document["url"]} == {"nl", "de", "en"}
    response = client.get(article.url, HTTP_ACCEPT="application/activity+json")
    assert response.json()["id"] == document["id"]
