"""E-mails about registrations, in the language the visitor used.

`queue()` is what the services call: it enqueues `tasks.send_registration_email`
when the surrounding transaction commits, so a registration is saved whatever
the mail server does. `build_message()` renders one e-mail (text, with the
date's `.ics` attached for confirmed registrations); the online meeting link is
only ever put in e-mails to confirmed registrants.
"""

import re
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from events import ical
from events.models import Occurrence
from registration.forms import date_label, moment_label
from registration.hooks import mail_links
from registration.models import EmailKind, Registration, settings_of

# E-mails that carry the date(s) as an .ics file (to confirmed registrations only).
WITH_CALENDAR = {
    EmailKind.CONFIRMED,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    EmailKind.CHANGED,
    EmailKind.LINK,
}


# E-mails that carry the other apps' links (`registration.hooks.MAIL_LINKS`).
MAIL_LINK_KINDS = {EmailKind.CONFIRMED, EmailKind.PROMOTED, EmailKind.REMINDER}


# Line breaks of every kind and other control characters: never in a header.
HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def header_value(value, limit=200):
    """A header value (a subject) built from any text, such as an event title:
    control characters and line breaks become spaces, so a title with a
    carriage return can never make a mail fail (`BadHeaderError`)."""
    return " ".join(HEADER_UNSAFE.sub(" ", str(value)).split())[:limit]


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
        EmailKind.DATE_CHANGED: _("Changed: %(title)s"),
        EmailKind.EVENT_CANCELLED: _("Cancelled: %(title)s"),
        EmailKind.OFFERED: _("A place is offered to you: %(title)s"),
        EmailKind.OFFER_EXPIRED: _("The offered place has been passed on: %(title)s"),
        EmailKind.MOVED: _("Your registration has been moved: %(title)s"),
    }
    if kind == EmailKind.MESSAGE:
        return header_value(f"{title}: {extra.get('subject', '')}")
    return header_value(subjects[kind] % {"title": title})


def dates_of(registration):
    """The dates a registration covers: its date, or every date of the series."""
    if settings_of(registration.occurrence.event).is_series:
        return list(
            Occurrence.objects.filter(event_key=registration.event_key)
            .exclude(status=Occurrence.Status.CANCELLED)
            .order_by("start", "pk")
        )
    return [registration.occurrence]


def ics_for(registration, page, url, *, sequence=0, cancel=False, dates=None):
    """A VCALENDAR with the registration's date(s) (or `dates`), made by the
    site's calendar builder; the online link only for confirmed registrations.

    Each date's UID stays the same whatever happens to it (it is made of the
    date's place in the schedule, not its time), so an update with a higher
    `sequence` replaces the entry the confirmation added; `cancel` writes
    METHOD:CANCEL and STATUS:CANCELLED, which takes it out."""
    source = registration.occurrence.event
    online = source.online_url if registration.is_confirmed else ""
    calendar = ical.CalendarFile(feed=False, method=ical.CANCEL if cancel else ical.PUBLISH)
    for occurrence in dates_of(registration) if dates is None else dates:
        stamp = occurrence.original_start.strftime("%Y%m%dT%H%M%SZ")
        calendar.add(
            uid=f"{registration.event_key}-{stamp}-registration@{ical.site_host()}",
            sequence=sequence,
            summary=page.title,
            start=occurrence.start,
            end=occurrence.end,
            all_day=occurrence.all_day,
            status=ical.CANCELLED if cancel else None,
            location=ical.location(occurrence.venue or source.venue) or online,
            description="\n\n".join(p for p in (page.intro, online, url) if p),
            url=url,
        )
    return calendar.to_ical()


def describe_changes(registration, changes, page):
    """The lines that say what changed (`services.dates_changed`), in the active
    language; the dates that were cancelled; and the dates whose calendar entry
    must go because the date is now known by another key (the rule's time
    changed: a new entry replaces it)."""
    from registration.forms import date_label

    ids = [change["date"] for change in changes]
    occurrences = Occurrence.objects.select_related("venue").in_bulk(ids)
    source = registration.occurrence.event
    lines, cancelled, rekeyed = [], [], []
    for change in changes:
        occurrence = occurrences.get(change["date"])
        if occurrence is None:
            continue
        now_label = date_label(occurrence)
        before = Occurrence(
            event_key=registration.event_key,
            original_start=datetime.fromisoformat(
                change.get("original_start") or occurrence.original_start.isoformat()
            ),
            start=datetime.fromisoformat(change["start"]),
            end=datetime.fromisoformat(change["end"]),
            all_day=occurrence.all_day,
        )
        if before.original_start != occurrence.original_start:
            rekeyed.append(before)
        what = set(change["what"])
        if "cancelled" in what:
            cancelled.append(occurrence)
            lines.append(_("Cancelled: %(date)s") % {"date": now_label})
            continue
        if "time" in what:
            lines.append(
                _("Moved: %(before)s, now %(date)s")
                % {"before": date_label(before), "date": now_label}
            )
        if "venue" in what:
            venue = occurrence.venue or source.venue
            if venue is not None and venue.translation_key:
                venue = venue.get_translation_or_none(page.locale) or venue
            lines.append(
                _("New venue for %(date)s: %(venue)s")
                % {"date": now_label, "venue": venue.location if venue else "-"}
            )
        if "online" in what:
            lines.append(_("The online link for %(date)s has changed.") % {"date": now_label})
        if occurrence.note:
            lines.append(f"  {occurrence.note}")
    return lines, cancelled, rekeyed


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
    if registration.occurrence_id is None:
        return _message_without_event(registration, kind, extra)
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
        if kind == EmailKind.EVENT_CANCELLED:
            # The event may have been taken offline in their language while
            # another stays live: the title in their language all the same.
            page = page_for_language(registration.event_key, language, live=False) or page
        # An event taken offline has no page to link to any more.
        url = page.get_full_url() if page.live else ""
        source = registration.occurrence.event
        dates = [date_label(o) for o in dates_of(registration)]
        reminded = None
        if kind == EmailKind.REMINDER and extra.get("date"):
            # A whole-series registration is reminded of each date on its own.
            reminded = Occurrence.objects.filter(pk=extra["date"]).first()
            if reminded is not None:
                dates = [date_label(reminded)]
        venue = registration.occurrence.venue or source.venue
        if venue is not None and venue.translation_key:
            venue = venue.get_translation_or_none(page.locale) or venue
        manage = manage_url(registration, page) if kind != EmailKind.ORGANISER else ""
        context = {
            "kind": kind,
            "registration": registration,
            "page": page,
            "event_url": url,
            "dates": dates,
            "series": settings_of(source).is_series,
            "venue": venue.location if venue else "",
            "online_url": source.online_url if registration.is_confirmed else "",
            "manage_url": manage,
            "accept_url": f"{manage}?offer=accept" if manage else "",
            "decline_url": f"{manage}?offer=decline" if manage else "",
            "offer_until": moment_label(registration.offer_expires_at)
            if registration.offer_expires_at
            else "",
            "moved_from": "",
            "confirmation_text": settings_of(page).confirmation_text,
            "extra": extra,
            "contact_email": source.contact_email,
            "changes": [],
            "Kind": EmailKind,
            "Status": Registration.Status,
        }
        calendars = []
        sequence = extra.get("sequence", registration.calendar_sequence)
        if kind == EmailKind.DATE_CHANGED:
            context["changes"], off, rekeyed = describe_changes(
                registration, extra.get("changes", []), page
            )
            if registration.is_confirmed:
                if off or rekeyed:
                    calendars.append(("cancelled", off + rekeyed, True))
                calendars.append((page.slug, None, False))
        elif kind == EmailKind.MOVED:
            old = _moved_from(registration, extra.get("moved_from") or {})
            context["moved_from"] = date_label(old) if old else ""
            if old is not None and extra.get("had_calendar"):
                calendars.append(("cancelled", [old], True))
            if registration.is_confirmed:
                calendars.append((page.slug, None, False))
        elif kind in (EmailKind.EVENT_CANCELLED, EmailKind.CANCELLED):
            if "sequence" in extra and registration.confirmed_at:
                calendars.append((page.slug, _calendar_dates(registration, extra), True))
        elif kind in WITH_CALENDAR and registration.is_confirmed:
            calendars.append((page.slug, None, False))
        context["links"] = (
            mail_links(registration, page, reminded)
            if kind in MAIL_LINK_KINDS and registration.is_confirmed and page.live
            else []
        )
        context["calendar"] = bool(calendars)
        context["calendar_cancels"] = all(cancel for _name, _dates, cancel in calendars)
        subject = _subject(kind, page.title, extra)
        body = render_to_string("registration/email/body.txt", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
        )
        for name, dates, cancel in calendars:
            ics = ics_for(registration, page, url, sequence=sequence, cancel=cancel, dates=dates)
            message.attach(f"{name}.ics", ics, "text/calendar")
    return message


def _calendar_dates(registration, extra):
    """The dates to take out of a calendar, as they were when the registration
    was called off (`services.calendar_dates`): the dates of an event taken
    offline may be gone by the time the e-mail is sent. None: the dates the
    registration covers now."""
    if not extra.get("dates"):
        return None
    return [
        Occurrence(
            event_key=registration.event_key,
            original_start=datetime.fromisoformat(date["original_start"]),
            start=datetime.fromisoformat(date["start"]),
            end=datetime.fromisoformat(date["end"]),
            all_day=bool(date.get("all_day")),
        )
        for date in extra["dates"]
    ]


def _moved_from(registration, moved_from):
    """The date a registration was moved away from, as it was then (its UID
    comes from `original_start`, so the calendar update finds the entry)."""
    if not moved_from.get("start"):
        return None
    return Occurrence(
        event_key=registration.event_key,
        original_start=datetime.fromisoformat(
            moved_from.get("original_start") or moved_from["start"]
        ),
        start=datetime.fromisoformat(moved_from["start"]),
        end=datetime.fromisoformat(moved_from["end"]),
        all_day=bool(moved_from.get("all_day")),
    )


def _message_without_event(registration, kind, extra):
    """The e-mail about a registration whose event page was deleted: what it
    was for comes from its snapshot; the calendar update takes the date out."""
    from types import SimpleNamespace

    snapshot = registration.snapshot or {}
    if kind == EmailKind.ORGANISER or not registration.email or registration.anonymised_at:
        return None
    if not snapshot.get("start"):
        return None
    date = Occurrence(
        event_key=registration.event_key,
        original_start=datetime.fromisoformat(snapshot.get("original_start") or snapshot["start"]),
        start=datetime.fromisoformat(snapshot["start"]),
        end=datetime.fromisoformat(snapshot["end"]),
        all_day=bool(snapshot.get("all_day")),
    )
    page = SimpleNamespace(title=snapshot.get("title", ""), intro="", slug="event")
    with translation.override(registration.language):
        context = {
            "kind": kind,
            "registration": registration,
            "page": page,
            "event_url": "",
            "dates": [date_label(date)],
            "extra": extra,
            "changes": [],
            "Kind": EmailKind,
            "Status": Registration.Status,
            "calendar": bool(registration.confirmed_at),
            "calendar_cancels": True,
        }
        message = EmailMultiAlternatives(
            subject=_subject(kind, page.title, extra),
            body=render_to_string("registration/email/body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if registration.confirmed_at:
            calendar = ical.CalendarFile(feed=False, method=ical.CANCEL)
            for entry in _calendar_dates(registration, extra) or [date]:
                stamp = entry.original_start.strftime("%Y%m%dT%H%M%SZ")
                calendar.add(
                    uid=f"{registration.event_key}-{stamp}-registration@{ical.site_host()}",
                    sequence=extra.get("sequence", registration.calendar_sequence),
                    summary=page.title,
                    start=entry.start,
                    end=entry.end,
                    all_day=entry.all_day,
                    status=ical.CANCELLED,
                )
            message.attach("event.ics", calendar.to_ical(), "text/calendar")
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
