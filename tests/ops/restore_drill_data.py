"""The two halves of the restore drill (tests/ops/test_restore_drill.py), run
with `manage.py shell -c` against a database named by DATABASE_URL:

- `fill()` builds a site from the factories: the trilingual tree, an article
  with an image, and an event with registration open and four registrations
  (one cancelled, in three languages).
- `snapshot()` prints, as one JSON line after `SNAPSHOT `, what the site
  serves: the HTML of a set of pages (with what differs on every request taken
  out: CSRF tokens, CSP nonces, the registration form's one-time token) and,
  for every registration, its status and what its manage link answers.
"""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from demo import factories
from events.models import EventPage, Occurrence
from home.models import Theme
from kennisbank.models import ArticlePage, ArticleTheme
from registration import services
from registration.emails import manage_url
from registration.models import Registration, RegistrationSettings

PAGES = [
    "/nl/",
    "/de/",
    "/en/",
    "/nl/over-ons/",
    "/de/ueber-uns/",
    "/nl/kennisbank/",
    "/nl/kennisbank/het-dorpshuis/",
    "/nl/kennisbank/thema/wonen/",
    "/nl/agenda/",
    "/de/veranstaltungen/",
    "/nl/agenda/repaircafe/",
    "/nl/agenda/repaircafe/ical/",
    "/sitemap.xml",
]

# What a page carries that is new on every request, never stored data.
VOLATILE = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1-"),
    (re.compile(r'(nonce=")[^"]*'), r"\1-"),
    (re.compile(r'(name="form_token" value=")[^"]*'), r"\1-"),
]


def fill():
    tree = factories.site_tree()
    image = get_image_model().objects.create(title="Dorpsplein", file=get_test_image_file())
    theme = Theme.objects.create(name="Wonen", slug="wonen")
    article = ArticlePage(
        title="Het dorpshuis",
        slug="het-dorpshuis",
        intro="Over wonen in het dorp.",
        hero_image=image,
        hero_alt="Het plein voor het dorpshuis",
    )
    tree["kennisbank"].add_child(instance=article)
    article.theme_links.add(ArticleTheme(theme=theme))
    article.save_revision().publish()
    start = (timezone.now() + timedelta(days=20)).replace(hour=10, minute=0, second=0)
    event = EventPage(
        title="Repaircafé",
        slug="repaircafe",
        start=start,
        end=start + timedelta(hours=3),
        capacity=10,
        registration_settings=[RegistrationSettings(enabled=True)],
    )
    tree["calendar"].add_child(instance=event)
    event.save_revision().publish()
    occurrence = Occurrence.objects.get(event_key=event.translation_key)
    people = [("Anna", "nl"), ("Bernd", "de"), ("Claire", "en"), ("Dirk", "nl")]
    for name, language in people:
        services.register(
            occurrence, name=name, email=f"{name.lower()}@example.org", language=language
        )
    services.cancel(Registration.objects.get(name="Dirk"))


def _page_html(client, url):
    response = client.get(url)
    text = response.content.decode()
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return {"status": response.status_code, "body": text}


def snapshot():
    client = Client()
    pages = {url: _page_html(client, url) for url in PAGES}
    registrations = []
    for registration in Registration.objects.order_by("pk"):
        page = services.page_for_language(registration.event_key, registration.language)
        link = manage_url(registration, page)
        parts = urlsplit(link)
        answer = Client().get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        registrations.append(
            {
                "name": registration.name,
                "status": registration.status,
                "places": registration.places,
                "manage": answer.status_code,
                "manage_names_them": registration.name in answer.content.decode(),
            }
        )
    data = {
        "pages": pages,
        "registrations": registrations,
        "counts": {
            "events": EventPage.objects.count(),
            "articles": ArticlePage.objects.count(),
            "images": get_image_model().objects.count(),
        },
    }
    print("SNAPSHOT " + json.dumps(data, sort_keys=True))  # noqa: T201 - read by the test
