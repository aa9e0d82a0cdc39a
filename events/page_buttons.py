"""Buttons on an event page in the admin: the page listing's "More" menu and
the page header. The events app ("Dates") and the apps above it
("Registrations", "Travel together") each add theirs with one call."""

from wagtail import hooks

from events.models import is_event

# A button's place in the header comes after every button's place in the listing.
HEADER_OFFSET = 7


def add_event_page_button(button_class, order):
    """Show `button_class` (a `PageMenuItem` taking `page` and `priority`) on
    every event page, in the listing's "More" menu and in the page header, in
    `order` (lower first)."""

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        if is_event(page):
            yield button_class(page=page, priority=order)

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        if is_event(page):
            yield button_class(page=page, priority=order + HEADER_OFFSET)
