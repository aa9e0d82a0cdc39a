"""Helpers for the registration tests: an event's registration settings, a
shortcut to change them, and one to register through the service."""

from events.models import Occurrence
from registration import services
from registration.models import RegistrationSettings


def registration_on(**fields):
    """The `registration_settings` of a new event page: on, unless told otherwise.
    E.g. `make_event(..., registration_settings=registration_on(max_places=4))`."""
    fields.setdefault("enabled", True)
    return [RegistrationSettings(**fields)]


def set_rules(event, **fields):
    """Change the registration settings of an event (every language version)."""
    updated = RegistrationSettings.objects.filter(
        page__translation_key=event.translation_key
    ).update(**fields)
    assert updated, "the event has no registration settings"


def first_date(event):
    return Occurrence.objects.filter(event_key=event.translation_key).order_by("start").first()


def sign_up(occurrence, n, *, places=1, **kwargs):
    kwargs.setdefault("language", "nl")
    return services.register(
        occurrence, name=f"Bezoeker {n}", email=f"bezoeker{n}@example.org", places=places, **kwargs
    ).registration
