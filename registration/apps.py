from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Registration for event dates: places, waiting list, e-mails, self-service.
    Sits above `events`: it adds its routes and admin screens to event pages."""

    name = "registration"
    verbose_name = _("Registration")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_unpublished

        from events.models import EventPage, Occurrence
        from registration import cache_rules, routes  # noqa: F401 - page-cache rules; routes attach sub-pages
        from registration.models import PANEL
        from registration.services import keep_snapshot, taken_offline

        # The registration settings and questions in the event page's editor.
        EventPage.add_panels(PANEL)
        # Registrations outlive their dates: they keep what they were for.
        pre_delete.connect(keep_snapshot, sender=Occurrence, dispatch_uid="registration-snapshot")
        # However an event goes offline, nobody stays registered for it untold.
        page_unpublished.connect(taken_offline, dispatch_uid="registration-taken-offline")
