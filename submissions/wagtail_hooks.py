"""Submissions in the admin and beside the calendar: their part of the privacy
screen (export and erase by e-mail address), the link from the calendar to
the form, and the list of submitted activities for editors."""

from wagtail import hooks

from events.hooks import CALENDAR_LINKS
from home.cache import per_generation
from home.hooks import PERSONAL_DATA
from home.privacy import PersonalData
from submissions import services
from submissions.models import SubmitActivityPage


@hooks.register(PERSONAL_DATA)
def submissions_personal_data():
    return PersonalData(
        key="submitted_activities",
        export=services.export_for_email,
        erase=services.erase_for_email,
    )


@hooks.register(CALENDAR_LINKS)
def add_your_activity(request, index):
    """The calendar links to the form of its language (looked up once per
    cache generation: publishing the form page starts a new one)."""

    def link():
        page = SubmitActivityPage.objects.live().public().filter(locale_id=index.locale_id).first()
        return [page.title, page.url] if page is not None and page.url else []

    found = per_generation(f"submissions:calendar-link:{index.locale_id}", link)
    return [tuple(found)] if found else []
