"""What submissions touch in the page cache (home.invalidation): nothing. A
submission is never shown on a public page; its event page changes the
cache through Wagtail's publishing like any other event."""

from home import invalidation
from submissions.models import Submission

invalidation.ignore(Submission)
