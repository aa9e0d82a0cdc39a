"""The core's demo content: locales, a home page per language, the about,
privacy and accessibility pages (each in nl, de and en), the site text and
settings, and the development admin user."""

from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from demo import factories
from demo.data.core import (
    ABOUT_NL,
    ABOUT_TRANSLATIONS,
    ACCESSIBILITY_NL,
    ACCESSIBILITY_TRANSLATIONS,
    HOME_BODY_NL,
    HOME_NL,
    HOME_TRANSLATIONS,
    PRIVACY_NL,
    PRIVACY_TRANSLATIONS,
    SITE_TEXT_NL,
    SITE_TEXT_TRANSLATIONS,
)
from demo.registry import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    demo_image,
    demo_loader,
    get_or_create_child,
    translate,
)
from home.models import HomePage, SiteSettings, SiteText


def _paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


@demo_loader(order=0)
def load_core(context):
    for code in ("nl", "de", "en"):
        context.locales[code], _created = Locale.objects.get_or_create(language_code=code)
    nl = context.locales["nl"]
    root = Page.get_first_root_node()

    # Wagtail's migration leaves a "Welcome" page; the site's root is our home page.
    for page in root.get_children().exact_type(Page):
        Site.objects.filter(root_page=page).delete()
        page.delete()

    # German and English follow the Dutch tree: untranslated pages appear there
    # as aliases (Dutch text with a notice) until an editor translates them.
    # Declared once the welcome page is gone and before the first page is made,
    # so no page gets an alias only to have it replaced by its translation.
    for code in ("de", "en"):
        LocaleSynchronization.objects.get_or_create(
            locale=context.locales[code], defaults={"sync_from": nl}
        )

    home = HomePage.objects.filter(locale=nl, depth=2).first()
    if home is None:
        home = factories.HomePageFactory(
            parent=root,
            slug="home",
            locale=nl,
            hero_image=demo_image("Dorp in de ochtend", seed=7, palette="morning"),
            **HOME_NL,
        )
        context.log("home page (nl)")

    about = get_or_create_child(
        home,
        factories.StandardPageFactory,
        "over-ons",
        title=ABOUT_NL["title"],
        intro=ABOUT_NL["intro"],
        show_in_menus=True,
        body=[
            *_paragraphs(ABOUT_NL["paragraphs"]),
            ("heading", {"text": ABOUT_NL["heading"], "level": "h2"}),
            *_paragraphs([ABOUT_NL["closing"]]),
        ],
    )
    privacy = get_or_create_child(
        home,
        factories.StandardPageFactory,
        "privacyverklaring",
        title=PRIVACY_NL["title"],
        intro=PRIVACY_NL["intro"],
        body=_paragraphs(PRIVACY_NL["paragraphs"]),
    )
    accessibility = get_or_create_child(
        home,
        factories.StandardPageFactory,
        "toegankelijkheid",
        title=ACCESSIBILITY_NL["title"],
        intro=ACCESSIBILITY_NL["intro"],
        body=_paragraphs(ACCESSIBILITY_NL["paragraphs"]),
    )

    if not home.body:
        home.hero_link = about
        # The other apps' sections follow the first one (`demo.home_sections`);
        # the about page is the hero's button, not a lone card.
        section, _featured, action = HOME_BODY_NL
        home.body = [
            ("text_section", {"heading": section[0], "text": f"<p>{section[1]}</p>"}),
            (
                "call_to_action",
                {
                    "heading": action[0],
                    "text": action[1],
                    "page": about,
                    "url": "",
                    "button_label": action[2],
                },
            ),
        ]
        home.save_revision().publish()

    for code in ("de", "en"):
        translate(home, code, HOME_TRANSLATIONS[code])
        translate(about, code, ABOUT_TRANSLATIONS[code])
        translate(accessibility, code, ACCESSIBILITY_TRANSLATIONS[code])
        translate(privacy, code, PRIVACY_TRANSLATIONS[code])
        context.homes[code] = home.get_translation(context.locales[code])
    context.homes["nl"] = home

    # The site answers on the address `make run` serves (BASE_URL), so full
    # URLs in the sitemap, hreflang and canonical links work locally.
    base = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.root_page = home
    site.site_name = "Samen Verder"
    site.save()

    text = SiteText.objects.filter(locale=nl).first()
    if text is None:
        text = SiteText.objects.create(locale=nl, **SITE_TEXT_NL)
    for code in ("de", "en"):
        translate(text, code, SITE_TEXT_TRANSLATIONS[code])
    settings, _created = SiteSettings.objects.get_or_create(site=site)
    if settings.site_text_id is None:
        settings.site_text = text
        settings.contact_email = "info@knhm.nl"
        settings.contact_phone = "026 445 01 38"
        settings.privacy_page = privacy
        settings.linkedin_url = "https://www.linkedin.com/company/knhm-foundation/"
        settings.save()
    if settings.accessibility_page_id is None:
        settings.accessibility_page = accessibility
        settings.save()

    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
        context.log("admin user")
