"""Demo content of "Add your activity": the form page in Dutch, German and
English (in the menu), and one activity that was sent in and confirmed and now
waits for an editor in the moderation workflow, so the admin shows what
reviewing looks like. The waiting activity is the open evening of the learning
circle in Brakkenstein (Nijmegen), which the seed documents name; its
sentences and the contact, a made-up example address, are our own.

Idempotent: the page is looked up by slug; the example by its address.
"""

from datetime import date, time, timedelta

from django.utils import timezone
from wagtail.models import Page

from demo.registry import demo_loader, translate
from home.models import Region, Theme
from submissions import services
from submissions.models import Submission, SubmitActivityPage

PAGE = {
    "nl": ("Activiteit aanmelden", "activiteit-aanmelden",
           "Organiseert uw initiatief iets dat anderen mogen bijwonen? Meld het hier aan, "
           "zonder account. De redactie van uw regio bekijkt het voordat het in de agenda komt."),
    "de": ("Aktivität melden", "aktivitaet-melden",
           "Veranstaltet Ihre Initiative etwas, zu dem andere kommen können? Melden Sie es hier, "
           "ohne Konto. Die Redaktion Ihrer Region prüft es, bevor es in den Kalender kommt."),
    "en": ("Add your activity", "add-your-activity",
           "Is your initiative organising something others can join? Add it here, no account "
           "needed. The editors of your region look at it before it appears in the calendar."),
}  # fmt: skip
EXAMPLE_EMAIL = "leerkring@example.org"


def _page(nl):
    home = Page.objects.get(locale=nl, depth=2).specific
    title, slug, intro = PAGE["nl"]
    page = home.get_children().filter(slug=slug).type(SubmitActivityPage).first()
    if page is None:
        page = SubmitActivityPage(title=title, slug=slug, intro=intro, show_in_menus=False)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page.specific


def _first_saturday_after(day):
    day += timedelta(days=(5 - day.weekday()) % 7 or 7)
    return day


@demo_loader(order=46)
def load_submissions(context):
    nl = context.locales["nl"]
    page = _page(nl)
    for code in ("de", "en"):
        translate(page, code, dict(zip(PAGE["nl"], PAGE[code], strict=True)))
    if Submission.objects.filter(contact_email=EXAMPLE_EMAIL).exists():
        return
    region = Region.objects.filter(slug="gelderland", locale=nl).first()
    if region is None:
        return
    first = _first_saturday_after(timezone.localdate() + timedelta(days=14))
    cleaned = {
        "title": "Open avond Leerkring Brakkenstein",
        "description": (
            "De leerkring vertelt hoe bewoners van Brakkenstein samen de wijk leefbaar houden, "
            "van de samenreisapp tot de buurtkamer. Iedereen is welkom; de koffie staat klaar."
        ),
        "when": "once",
        "date": first,
        "start_time": time(19, 30),
        "end_time": time(21, 30),
        "venue_name": "Buurtkamer Brakkenstein",
        "street": "",
        "postcode": "",
        "city": "Nijmegen",
        "country": "NL",
        "online_url": "",
        "languages": ["nl"],
        "themes": list(Theme.objects.filter(locale=nl, slug="samenwerking")[:1]),
        "region": region,
        "image_alt": "",
        "contact_name": "Leerkring Brakkenstein",
        "contact_email": EXAMPLE_EMAIL,
        "contact_phone": "",
    }
    submission = services.submit(page, cleaned, language="nl")
    services.confirm(submission)
    context.log(
        f"Submitted activity waiting for review: {cleaned['title']} ({date.isoformat(first)})"
    )
