"""E-mails about registrations, in the language the visitor used.

`queue()` is what the services call: it enqueues `tasks.send_registration_email`
when the surrounding transaction commits, so a registration is saved whatever
the mail server does. `build_message()` renders one e-mail (text, with the
date's `.ics` attached for confirmed registrations); the online meeting link is
only ever put in e-mails to confirmed registrants.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from events import ical
from events.models import Occurrence
from registration.forms import date_label
from registration.models import EmailKind, Registration, settings_of

# E-mails that carry the date(s) as an .ics file (to confirmed registrations only).
WITH_CALENDAR = {
    EmailKind.CONFIRMED,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    EmailKind.CHANGED,
    EmailKind.LINK,
}


def queue(registration, kind, **extra):
    """Send an e-mail about `registration` after the transaction commits."""
    from registration.tasks import send_registration_email

    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind, extra, 1))


def _subject(kind, title, extra):
    subjects = {
        EmailKind.CONFIRMED: _("Registration confirmed: %(title)s"),
        EmailKind.WAITING: _("You are on the waiting list: %(title)s"),
        EmailKind.PROMOTED: _("A place has come free for you: %(title)s"),
        EmailKind.CANCELLED: _("Registration cancelled: %(title)s"),
        EmailKind.CHANGED: _("Registration changed: %(title)s"),
        EmailKind.LINK: _("Your registration for %(title)s"),
        EmailKind.REMINDER: _("Reminder: %(title)s"),
        EmailKind.ORGANISER: _("New registration: %(title)s"),
    }
    if kind == EmailKind.MESSAGE:
        return f"{title}: {extra.get('subject', '')}"[:200]
    return subjects[kind] % {"title": title}


def dates_of(registration):
    """The dates a registration covers: its date, or every date of the series."""
    if settings_of(registration.occurrence.event).is_series:
        return list(
            Occurrence.objects.filter(event_key=registration.event_key)
            .exclude(status=Occurrence.Status.CANCELLED)
            .order_by("start", "pk")
        )
    return [registration.occurrence]


def ics_for(registration, page, url):
    """A VCALENDAR with the registration's date(s), made by the site's calendar
    builder; the online link only for confirmed registrations."""
    source = registration.occurrence.event
    online = source.online_url if registration.is_confirmed else ""
    calendar = ical.CalendarFile(feed=False)
    for occurrence in dates_of(registration):
        stamp = occurrence.original_start.strftime("%Y%m%dT%H%M%SZ")
        calendar.add(
            uid=f"{registration.event_key}-{stamp}-registration@{ical.site_host()}",
            summary=page.title,
            start=occurrence.start,
            end=occurrence.end,
            all_day=occurrence.all_day,
            location=ical.location(occurrence.venue or source.venue) or online,
            description="\n\n".join(p for p in (page.intro, online, url) if p),
            url=url,
        )
    return calendar.to_ical()


def manage_url(registration, page):
    from registration.services import manage_token

    if not registration.secret:
        return ""
    return page.get_full_url() + page.reverse_subpage(
        "registration_manage", kwargs={"token": manage_token(registration)}
    )


def build_message(registration, kind, extra=None):
    """The e-mail for `kind`, or None when there is nobody to write to (the
    registration was anonymised, or the event has no contact address)."""
    from registration.services import page_for_language

    extra = extra or {}
    if kind == EmailKind.ORGANISER:
        source = registration.occurrence.event
        if not source.contact_email:
            return None
        language, recipient = source.locale.language_code, source.contact_email
    else:
        if not registration.email or registration.anonymised_at:
            return None
        language, recipient = registration.language, registration.email
    with translation.override(language):
        page = page_for_language(registration.event_key, language) or registration.occurrence.event
        url = page.get_full_url()
        source = registration.occurrence.event
        dates = [date_label(o) for o in dates_of(registration)]
        venue = registration.occurrence.venue or source.venue
        if venue is not None and venue.translation_key:
            venue = venue.get_translation_or_none(page.locale) or venue
        context = {
            "kind": kind,
            "registration": registration,
            "page": page,
            "event_url": url,
            "dates": dates,
            "series": settings_of(source).is_series,
            "venue": venue.location if venue else "",
            "online_url": source.online_url if registration.is_confirmed else "",
            "manage_url": manage_url(registration, page) if kind != EmailKind.ORGANISER else "",
            "confirmation_text": settings_of(page).confirmation_text,
            "extra": extra,
            "contact_email": source.contact_email,
        }
        subject = _subject(kind, page.title, extra)
        body = render_to_string("registration/email/body.txt", context)
        message = EmailMultiAlternatives(
            subject=subject.replace("\n", " "),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
        )
        if kind in WITH_CALENDAR and registration.is_confirmed:
            message.attach(f"{page.slug}.ics", ics_for(registration, page, url), "text/calendar")
    return message


def send(registration_id, kind, extra=None):
    """Render and send one e-mail now. Returns False when there was nothing to send."""
    registration = (
        Registration.objects.select_related(
            "occurrence", "occurrence__event", "occurrence__venue", "occurrence__event__venue"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or kind not in EmailKind.values:
        return False
    message = build_message(registration, kind, extra)
    if message is None:
        return False
    message.send()
    return True
