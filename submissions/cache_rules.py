"""What submissions touch in the page cache (home.invalidation). A submission
is never shown on a public page (its event page changes the cache through
Wagtail's publishing like any other event); the form page is linked from the
calendar, so publishing or unpublishing it touches the event lists."""

from events.cache_rules import EVENT_LISTS
from home import invalidation
from submissions.models import Submission, SubmitActivityPage

invalidation.ignore(Submission)


@invalidation.on_publish(SubmitActivityPage)
def calendar_link(pages):
    return invalidation.Touch(tags={EVENT_LISTS})
