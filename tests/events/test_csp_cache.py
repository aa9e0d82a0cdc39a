"""CSP without frozen nonces: a cached page is the same for everyone, so the
policy of a cacheable page allows scripts from our origin only, and no page
carries a nonce that the cache would hand to every visitor."""

import pytest

from festival.models import FestivalTrack
from home.cache import invalidate
from tests.festival.test_festival_views import add_festival

pytestmark = pytest.mark.django_db


def test_a_cached_festival_page_carries_no_nonce_and_allows_only_our_scripts(
    client, site_tree, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    festival = add_festival(site_tree["home"])
    festival.tracks.add(FestivalTrack(name="Wonen", slug="wonen", colour="#1b6e53"))
    festival.save_revision().publish()
    invalidate()
    first = client.get(festival.url)
    second = client.get(festival.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "--track-colour" in second.content.decode()  # the page has its inline style
    for response in (first, second):
        assert b"nonce" not in response.content
        policy = response["Content-Security-Policy"]
        assert "nonce-" not in policy
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'"
