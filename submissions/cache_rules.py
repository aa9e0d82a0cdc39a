"""What submissions touch in the page cache (home.invalidation). A submission
is never shown on a public page (its event page changes the cache through
Wagtail's publishing like any other event); the form page is linked from the
calendar (looked up once per cache generation, submissions/wagtail_hooks.py),
so publishing or unpublishing it starts a new generation (a rare change)."""

from home import invalidation
from submissions.models import Submission, SubmitActivityPage

invalidation.ignore(Submission)


@invalidation.on_publish(SubmitActivityPage)
def calendar_link(pages):
    return invalidation.Touch(site=True)
