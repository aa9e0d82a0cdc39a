"""Demo content of the e-mail digest: its subscription page in Dutch, German
and English (translated from the Dutch one, as an editor would), linked from
every page's footer. No subscribers: the demo sends no mail.

Idempotent: the page is looked up by slug, translations are left alone once made.
"""

from wagtail.models import Page

from demo.registry import demo_loader, translate
from digests.models import DigestPage

PAGE = {
    "nl": (
        "Nieuws per e-mail",
        "nieuws-per-e-mail",
        "Krijg elke week of elke maand een e-mail met de nieuwe artikelen en de "
        "komende activiteiten over wat u bezighoudt: een thema, uw regio, een soort "
        "activiteit of een partner over de grens.",
    ),
    "de": (
        "Neuigkeiten per E-Mail",
        "neuigkeiten-per-e-mail",
        "Erhalten Sie jede Woche oder jeden Monat eine E-Mail mit den neuen Artikeln "
        "und den kommenden Veranstaltungen zu dem, was Sie bewegt: ein Thema, Ihre "
        "Region, eine Art von Veranstaltung oder ein Partner jenseits der Grenze.",
    ),
    "en": (
        "News by e-mail",
        "news-by-e-mail",
        "Get an e-mail every week or every month with the new articles and the "
        "upcoming events on what matters to you: a theme, your region, a kind of "
        "event or a partner across the border.",
    ),
}


@demo_loader(order=47)
def load_digest_pages(context):
    nl = context.locales.get("nl")
    home = Page.objects.filter(locale=nl, depth=2).first() if nl else None
    if home is None:
        return
    title, slug, intro = PAGE["nl"]
    page = home.get_children().filter(slug=slug).first()
    if page is None:
        page = DigestPage(title=title, slug=slug, intro=intro)
        home.add_child(instance=page)
        page.save_revision().publish()
        context.log("digest page")
    else:
        page = page.specific
    for code in ("de", "en"):
        translate(page, code, dict(zip(PAGE["nl"], PAGE[code], strict=True)))
