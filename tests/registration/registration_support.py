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


def delete_after_the_question(client, page, event):
    """Delete `page` in the admin as an editor does when people are registered
    for `event` (the page itself or an event below it): the question comes
    first, Wagtail's own confirmation alone deletes nothing and tells nobody,
    then the editor chooses to cancel the registrations."""
    from django.core import mail

    from events.models import EventPage

    url = f"/admin/pages/{page.pk}/delete/"
    asked = client.get(url).content.decode()
    assert "2 mensen zijn aangemeld voor deze activiteit" in asked
    assert client.post(url).status_code == 200
    assert EventPage.objects.filter(pk=event.pk).exists() and not mail.outbox
    client.post(url, {"registrations": "cancel"})
    assert not EventPage.objects.filter(pk=event.pk).exists()
