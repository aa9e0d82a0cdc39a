"""Partner pages compose the knowledge base and the calendar, so their tests
use the fixtures of both (one `translate_page`: the two are the same)."""

from tests.events.conftest import calendar, make_event, nl, translate_page, venue
from tests.kennisbank.conftest import directory, kennisbank, make_article, taxonomy
from tests.partners.test_partners import built_partner_tree, partner_tree

__all__ = [
    "built_partner_tree",
    "calendar",
    "directory",
    "kennisbank",
    "make_article",
    "make_event",
    "nl",
    "partner_tree",
    "taxonomy",
    "translate_page",
    "venue",
]
