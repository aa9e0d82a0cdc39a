"""Helpers for the registration tests: an event that takes registrations and a
shortcut to register through the service."""

from events.models import Occurrence
from registration import services


def first_date(event):
    return Occurrence.objects.filter(event_key=event.translation_key).order_by("start").first()


def sign_up(occurrence, n, *, places=1, **kwargs):
    kwargs.setdefault("language", "nl")
    return services.register(
        occurrence, name=f"Bezoeker {n}", email=f"bezoeker{n}@example.org", places=places, **kwargs
    ).registration
