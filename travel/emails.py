"""E-mails of travel together, each in the language of the person it goes to.

`queue()` is what the services call: it enqueues `tasks.send_travel_email`
when the surrounding transaction commits, so nothing is lost whatever the
mail server does. A mail names the other side only by place, time and
counts; addresses and phone numbers appear in `CONTACT` alone, which is sent
only once both sides agreed to share them. Relayed messages (`ASKED`) are
the asker's own words, with no address in the headers: replies go through
the manage page.
"""

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.schedule import to_local
from registration.emails import header_value
from registration.forms import date_label


class Mail(models.TextChoices):
    CREATED = "created"
    MATCH_FOUND = "match_found"
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    PAIRED = "paired"
    SHARE_ASKED = "share_asked"
    CONTACT = "contact"
    MATCH_CANCELLED = "match_cancelled"
    REPORT = "report"
    DATE_CHANGED = "date_changed"


def about(entry):
    """What a mail says about `entry` when it may be gone by the time the
    mail is sent (a cancellation): its kind, place, time and count."""
    return {
        "about": {
            "kind": entry.kind,
            "place": str(entry.place),
            "departs_at": entry.departs_at.isoformat(),
            "count": entry.people if entry.kind == "request" else entry.seats,
        }
    }


def queue(entry, kind, **extra):
    """Send mail `kind` to the person behind `entry` after the commit."""
    from travel.tasks import send_travel_email

    entry_id = entry.pk
    transaction.on_commit(lambda: send_travel_email.enqueue(entry_id, str(kind), extra))


def queue_organiser(entry, **extra):
    queue(entry, Mail.REPORT, **extra)


def time_label(moment):
    return date_format(to_local(moment), "TIME_FORMAT")


def moment_label(moment):
    return date_format(to_local(moment), "WEEKDAY_DATETIME_FORMAT")


def manage_url(entry, page):
    from travel.services import manage_token

    if not entry.secret or page is None:
        return ""
    return page.get_full_url() + page.reverse_subpage(
        "travel_manage", kwargs={"token": manage_token(entry)}
    )


def section_url(page, occurrence):
    if page is None:
        return ""
    return page.get_full_url() + page.reverse_subpage("travel_date", kwargs={"date": occurrence.pk})


def festival_day(entry, language):
    """(festival title in `language`, else its source version's; the day) when
    `entry` is for a festival day on site, else ("", None): the mails then
    name the festival and the day, not the one session the entry was made
    from (everyone going that day travels together)."""
    from travel.destinations import destination_of

    destination = destination_of(entry.occurrence)
    if not (destination.is_festival_day and destination.place):
        return "", None
    festival = destination.festival
    version = festival.get_translations(inclusive=True).filter(
        locale__language_code=language, live=True
    )
    return (version.first() or festival).title, destination.day


def _subject(kind, title, *, cancelled=False):
    if kind == Mail.DATE_CHANGED and cancelled:
        return header_value(_("Cancelled: travel together to %(title)s") % {"title": title})
    subjects = {
        Mail.CREATED: _("Travel together to %(title)s: your entry"),
        Mail.MATCH_FOUND: _("Someone travels your way to %(title)s"),
        Mail.ASKED: _("Someone asks to travel with you to %(title)s"),
        Mail.ACCEPTED: _("You can travel along to %(title)s"),
        Mail.DECLINED: _("No ride this time to %(title)s"),
        Mail.PAIRED: _("The coordinator has paired you for %(title)s"),
        Mail.SHARE_ASKED: _("Share your contact details for %(title)s?"),
        Mail.CONTACT: _("Contact details for travelling to %(title)s"),
        Mail.MATCH_CANCELLED: _("Travel plans changed for %(title)s"),
        Mail.REPORT: _("Misuse reported in travel together: %(title)s"),
        Mail.DATE_CHANGED: _("The date changed: travel together to %(title)s"),
    }
    return header_value(subjects[kind] % {"title": title})


def build_message(entry, kind, extra=None):
    """The e-mail `kind` for `entry`'s person (or for `REPORT` the event's
    contact address), or None when there is nobody to write to."""
    from registration.services import page_for_language
    from travel.models import TravelEntry, TravelMatch

    extra = extra or {}
    source = entry.occurrence.event
    if kind == Mail.REPORT:
        if not source.contact_email:
            return None
        language, recipient = source.locale.language_code, source.contact_email
    else:
        if not entry.email:
            return None
        language, recipient = entry.language, entry.email
    with translation.override(language):
        page = page_for_language(entry.event_key, language)
        festival, day = festival_day(entry, language)
        # A changed or cancelled session, and a report to its organiser,
        # name the session itself.
        per_session = kind in (Mail.DATE_CHANGED, Mail.REPORT)
        own_title = page.title if page else source.title
        match = None
        other = None
        if extra.get("match"):
            match = (
                TravelMatch.objects.select_related("request__place", "offer__place")
                .filter(pk=extra["match"])
                .first()
            )
            if match is None:
                return None
            other = match.offer if match.request_id == entry.pk else match.request
        if extra.get("other"):
            other = TravelEntry.objects.select_related("place").filter(pk=extra["other"]).first()
            if other is None or other.cancelled_at:
                return None
        matches = []
        if extra.get("matches"):
            matches = list(
                TravelEntry.objects.select_related("place").filter(
                    pk__in=extra["matches"], cancelled_at__isnull=True
                )
            )
        gone = extra.get("about")
        if gone:
            from datetime import datetime

            gone = dict(gone, departs=time_label(datetime.fromisoformat(gone["departs_at"])))
        if kind == Mail.CONTACT and not (match and match.contact_shared):
            return None  # never an address before both agreed
        context = {
            "kind": kind,
            "Mail": Mail,
            "entry": entry,
            "other": other,
            "match": match,
            "matches": matches,
            "gone": gone,
            "page": page,
            "title": festival if festival and not per_session else own_title,
            "date": date_format(day, "WEEKDAY_DATE_FORMAT")
            if day and not per_session
            else date_label(entry.occurrence),
            "manage_url": manage_url(entry, page),
            "section_url": section_url(page, entry.occurrence),
            "message": extra.get("message", ""),
            "reason": extra.get("reason", ""),
            "reporter": extra.get("reporter"),
            "cancelled": extra.get("cancelled", False),
            "session_cancelled": extra.get("session_cancelled", False),
            "festival_title": festival,
            "time_label": time_label,
        }
        subject = _subject(kind, context["title"], cancelled=context["cancelled"])
        body = render_to_string("travel/email/body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[recipient])


def send(entry_id, kind, extra=None):
    """Render and send one e-mail now. False when there was nothing to send."""
    from travel.models import TravelEntry

    entry = (
        TravelEntry.objects.select_related("place", "occurrence", "occurrence__event")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or kind not in Mail.values:
        return False
    message = build_message(entry, kind, extra)
    if message is None:
        return False
    message.send()
    return True
