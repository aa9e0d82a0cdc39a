from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """ "Add your activity": initiatives without an account submit an event; it
    becomes a draft event in the right section once they confirm their e-mail
    address, and goes live only when an editor approves it in a Wagtail
    workflow. Sits above `partners`: a section is a partner page or a calendar."""

    name = "submissions"
    verbose_name = _("Submitted activities")

    def ready(self):
        from events.models import EventPage
        from submissions import cache_rules, routes, signals  # noqa: F401 - rules, routes, receivers
        from submissions.panels import SubmitterPanel

        signals.connect()
        # Who sent it in, for the section's reviewers in the event's editor.
        EventPage.add_panels(SubmitterPanel())
