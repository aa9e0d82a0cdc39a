"""What test_bovine.py does to the site it serves, run as its own process with
the served site's settings and database (`python -m tests.federation.served_site`):

- `build`: the trilingual site tree with its calendar and a venue;
- `edit START`: an editor publishes the "Repaircafé" event starting at START
  (ISO 8601), translates it into German, moves it one hour later and
  unpublishes it (the Dutch source first), in that order. Followers are told on each step (tasks run
  immediately), so the peer receives them in that order.
"""

import sys
from datetime import datetime, timedelta

import django

TITLES = {"nl": "Repaircafé", "de": "Reparatur-Café"}
INTRO = {"nl": "Kapotte spullen? Samen repareren.", "de": "Kaputte Sachen? Gemeinsam reparieren."}
MOVED = timedelta(hours=1)


def build():
    from demo import factories
    from tests.events.conftest import make_venue

    factories.site_tree()
    make_venue()


def edit(start):
    from demo.registry import translate
    from events.models import EventIndexPage, EventPage
    from home.models import Venue

    calendar = EventIndexPage.objects.get(locale__language_code="nl")
    page = EventPage(
        title=TITLES["nl"],
        slug="repaircafe",
        intro=INTRO["nl"],
        start=start,
        end=start + timedelta(hours=3),
        venue=Venue.objects.get(name="Dorpshuis"),
    )
    calendar.add_child(instance=page)
    page.save_revision().publish()
    translate(page, "de", {TITLES["nl"]: TITLES["de"], INTRO["nl"]: INTRO["de"]})
    page = EventPage.objects.get(pk=page.pk)
    page.start += MOVED
    page.end += MOVED
    page.save_revision().publish()
    for version in EventPage.objects.filter(translation_key=page.translation_key).order_by("pk"):
        version.unpublish()


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "build":
        build()
    else:
        edit(datetime.fromisoformat(sys.argv[2]))
