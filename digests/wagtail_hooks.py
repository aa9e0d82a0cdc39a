"""The digest's hooks: its part of the personal-data export and erase, and
the footer link to the subscription page in the reader's language."""

from django.utils.translation import gettext
from wagtail import hooks

from digests import services
from digests.models import DigestPage
from home.hooks import FOOTER_LINKS, PERSONAL_DATA
from home.i18n import active_locale
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
    page = DigestPage.objects.live().public().filter(locale=active_locale(request)).first()
    if page is None:
        return []
    return [(gettext("E-mail digest"), page.get_url(request))]
