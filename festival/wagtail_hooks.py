"""What the festival adds to the pages of the apps below it: the home page's
festival section, and a session's speakers as the `performer`s in its event
page's structured data."""

from wagtail import hooks

from events.hooks import EVENT_PERFORMERS
from festival.models import SessionPage, SessionSpeaker
from home.hooks import HOME_LISTING_TEMPLATES


@hooks.register(EVENT_PERFORMERS)
def session_speakers(event):
    """The session's speakers, in the editor's order, as schema.org `Person`s
    (one query; none for an event that is no session)."""
    if not issubclass(event.specific_class or type(event), SessionPage):
        return []
    links = SessionSpeaker.objects.filter(page_id=event.pk).select_related("person")
    return [{"@type": "Person", "name": link.person.name} for link in links.order_by("sort_order")]


@hooks.register(HOME_LISTING_TEMPLATES)
def home_listing_templates():
    return {"coming_festival": "blocks/coming_festival_block.html"}
