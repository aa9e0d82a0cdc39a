"""What calendar sources touch in the page cache (home.invalidation): nothing
directly. A source, its links and its reports are admin bookkeeping that no
public page shows; the event pages an import creates or changes touch the
calendar through their own publishing, like any editor's."""

from home import invalidation
from sources.models import CalendarSource, ImportedEvent, ImportRun

invalidation.ignore(CalendarSource, ImportedEvent, ImportRun)
invalidation.ignore(CalendarSource.themes.through)
