"""The registration tests use the event tests' fixtures: a calendar in the
shared tree, a venue and `make_event`."""

from tests.events.conftest import calendar, make_event, nl, translate_page, venue

__all__ = ["calendar", "make_event", "nl", "translate_page", "venue"]
