"""The digest's hooks: its part of the personal-data export and erase, and
the footer link to the subscription page in the reader's language."""

from django.utils.translation import get_language, gettext
from wagtail import hooks

from digests import services
from digests.models import DigestPage
from home.cache import per_generation
from home.hooks import FOOTER_LINKS, PERSONAL_DATA
from home.privacy import PersonalData


@hooks.register(PERSONAL_DATA)
def digest_personal_data():
    return PersonalData(
        key="digest_subscriptions",
        export=services.export_for_email,
        erase=services.erase_for_email,
    )


@hooks.register(FOOTER_LINKS)
def digest_footer_link(request):
    language = get_language()

    def subscribe_url():
        page = DigestPage.objects.live().public().filter(locale__language_code=language).first()
        return (page.url or "") if page is not None else ""

    # Every page draws the footer: look the page up once per cache generation
    # (publishing a digest page starts a new one, digests/cache_rules.py).
    url = per_generation(f"digests:footer:{language}", subscribe_url)
    return [(gettext("E-mail digest"), url)] if url else []
