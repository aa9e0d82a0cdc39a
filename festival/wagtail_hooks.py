"""What the festival adds to the pages of the apps below it: the home page's
festival section; a session's speakers as the `performer`s in its event page's
structured data; the festival pages that show a session's places left."""

from wagtail import hooks

from events.hooks import EVENT_PERFORMERS, PLACES_SHOWN_ON
from festival.models import FestivalPage, SessionPage, SessionSpeaker
from home.hooks import HOME_LISTING_TEMPLATES


@hooks.register(EVENT_PERFORMERS)
def session_speakers(event):
    """The session's speakers, in the editor's order, as schema.org `Person`s
    (one query; none for an event that is no session)."""
    if not issubclass(event.specific_class or type(event), SessionPage):
        return []
    links = SessionSpeaker.objects.filter(page_id=event.pk).select_related("person")
    return [{"@type": "Person", "name": link.person.name} for link in links.order_by("sort_order")]


@hooks.register(PLACES_SHOWN_ON)
def festival_of_session(event):
    """A session's places are listed on its festival page's views (the
    programme, the days, the timetable and their exports)."""
    if not issubclass(event.specific_class or type(event), SessionPage):
        return []
    return list(FestivalPage.objects.ancestor_of(event).live())


@hooks.register(HOME_LISTING_TEMPLATES)
def home_listing_templates():
    return {"coming_festival": "blocks/coming_festival_block.html"}
