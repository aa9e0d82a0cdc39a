"""Submissions in the admin: their part of the privacy screen (export and
erase by e-mail address)."""

from wagtail import hooks

from home.hooks import PERSONAL_DATA
from home.privacy import PersonalData
from submissions import services


@hooks.register(PERSONAL_DATA)
def submissions_personal_data():
    return PersonalData(
        key="submitted_activities",
        export=services.export_for_email,
        erase=services.erase_for_email,
    )
