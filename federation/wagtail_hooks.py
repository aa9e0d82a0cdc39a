"""Federation's part of serving pages: event and article pages answer
ActivityStreams requests with their object and announce it in their head;
changed dates (`events.hooks.DATES_CHANGED`) reach followers."""

from wagtail import hooks

from events.hooks import DATES_CHANGED
from federation import negotiation, objects
from federation.signals import schedule_sync
from federation.views import activity_response
from home.cache import other_representation
from home.hooks import HEAD_LINKS

other_representation(negotiation.wants_activity_json)


@hooks.register("before_serve_page")
def serve_activity_json(page, request, serve_args, serve_kwargs):
    if not negotiation.wants_activity_json(request) or not negotiation.federated(page):
        return None
    # The page itself, not one of its sub-pages (a registration form, an iCal file).
    if request.path != page.get_url(request) or page.get_view_restrictions().exists():
        return None
    document = objects.page_document(page)
    if document is None:
        return None
    return activity_response(document)


@hooks.register(HEAD_LINKS)
def activity_json_link(request, page):
    if not negotiation.federated(page):
        return []
    return [("alternate", "application/activity+json", negotiation.object_url(page))]


@hooks.register(DATES_CHANGED)
def dates_changed(event, changes):
    schedule_sync(event)
