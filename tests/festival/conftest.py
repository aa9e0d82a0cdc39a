"""The festival tests use the event tests' fixtures: a calendar in the shared
tree, a venue, `make_event` and `translate_page`."""

from tests.events.conftest import calendar, make_event, nl, theme, translate_page, venue

__all__ = ["calendar", "make_event", "nl", "theme", "translate_page", "venue"]
