"""Travel together's rules: entries, matching, asking, answering, sharing
contact, cancelling, reporting, deleting. Views, the admin and the tasks call
these; nothing else changes travel rows.

- Matching (`find_matches`): an offer or a trip matches a request of the same
  destination (`travel.destinations`: one date, or for a festival every
  session of the same day at the same place) from the same place first, then from places within `TRAVEL_MATCH_KM`
  (default 15 km) of each other. A new entry that matches tells both sides.
- Seats are counted under a row lock on the offer (`_lock_entry`): accepting
  never promises a car to more people than it has seats.
- Contact goes through the site: asking relays the asker's message by e-mail;
  each side's address and phone are shown to the other only once both agreed
  (`TravelMatch.contact_shared`).
- Everything is deleted `TRAVEL_RETENTION_DAYS` (default 7) after the date
  (`purge`, run by `manage.py purge_travel` or the task `tasks.purge_travel`).
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home.signing import read_url_token, url_token
from travel import emails
from travel.destinations import destination_of
from travel.emails import Mail
from travel.models import MAX_PLACES, TravelEntry, TravelMatch
from travel.places import distance_km

Kind = TravelEntry.Kind
Status = TravelMatch.Status
TOKEN_SALT = "travel.manage"  # noqa: S105 - a signing salt, not a password
LOCK_TIMEOUT_MS = 3000


class TravelError(Exception):
    """A rule said no; `message` says why, in the visitor's language."""

    code = "error"
    message = _("That did not work. Please try again.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotEnoughSeats(TravelError):
    code = "seats"
    message = _("There are not enough free seats left for this.")


class NotOpen(TravelError):
    code = "closed"
    message = _("This date has passed or was cancelled: nothing can be changed any more.")


class NotAllowed(TravelError):
    code = "not_allowed"
    message = _("This is not possible for this offer or request.")


class Busy(TravelError):
    code = "busy"
    message = _("It is very busy right now. Please try again in a moment.")


# -- Settings ---------------------------------------------------------------


def match_km():
    """How far apart two places may be to match (default 15 km)."""
    return float(getattr(settings, "TRAVEL_MATCH_KM", 15))


def retention_days():
    """Days after a date before its travel entries are deleted (default 7)."""
    return int(getattr(settings, "TRAVEL_RETENTION_DAYS", 7))


def normalise_email(email):
    return (email or "").strip().lower()


# -- Reading -----------------------------------------------------------------


def is_open(occurrence, now=None):
    """People may still offer, ask and answer: the date has not ended and is
    on; for a festival session, some session of its festival day is."""
    return destination_of(occurrence).is_open(now)


def destination_entries(occurrence):
    """The active entries of `occurrence`'s destination (its festival day)."""
    return TravelEntry.objects.filter(
        occurrence_id__in=destination_of(occurrence).ids, cancelled_at__isnull=True
    )


def active_entries(occurrence):
    return TravelEntry.objects.filter(occurrence=occurrence, cancelled_at__isnull=True)


def entries_for(occurrence):
    """The date's active entries with their place and matches (the coordinator's
    list): `seats_taken` set on every offer and trip."""
    entries = list(
        active_entries(occurrence)
        .select_related("place", "entered_by")
        .prefetch_related("matches_asked", "matches_offered")
        .order_by("kind", "departs_at", "pk")
    )
    for entry in entries:
        entry.seats_taken = sum(
            m.places for m in entry.matches_offered.all() if m.status == Status.ACCEPTED
        )
    return entries


def taken_seats(offer_ids):
    """{offer id: places accepted} in one query (none without offers)."""
    if not offer_ids:
        return {}
    rows = (
        TravelMatch.objects.filter(offer_id__in=offer_ids, status=Status.ACCEPTED)
        .values("offer_id")
        .annotate(total=Sum("places"))
    )
    return {row["offer_id"]: row["total"] or 0 for row in rows}


def seats_left(offer, taken=None):
    """Free seats of an offer; None for a trip without a limit."""
    if offer.kind == Kind.TRANSIT and not offer.seats:
        return None
    if taken is None:
        taken = taken_seats([offer.pk]).get(offer.pk, 0)
    return max(0, offer.seats - taken)


@dataclass
class PublicRow:
    """What the public page shows of an entry: never who."""

    kind: str
    place: object
    departs_at: object
    count: int | None  # seats left (offer, trip) or people (request); None: no limit
    wheelchair: bool = False
    walker: bool = False
    languages: list = field(default_factory=list)


def public_rows(occurrences, destinations=None):
    """{occurrence id: [PublicRow]} for the public section: places, times,
    counts. Two queries whatever the number of dates and entries (one
    when nobody offers a seat). With `destinations` ({occurrence id:
    Destination}), each date shows every entry of its destination (a festival
    day's other sessions too)."""
    ids = [o.pk for o in occurrences]
    destinations = destinations or {}
    covered = {pk: destinations[pk].ids if pk in destinations else [pk] for pk in ids}
    wanted = {i for members in covered.values() for i in members}
    entries = list(
        TravelEntry.objects.filter(occurrence_id__in=wanted, cancelled_at__isnull=True)
        .select_related("place")
        .order_by("departs_at", "place__name", "pk")
    )
    taken = taken_seats([e.pk for e in entries if e.gives_places])
    by_date = {}
    for entry in entries:
        count = (
            entry.people
            if entry.kind == Kind.REQUEST
            else seats_left(entry, taken.get(entry.pk, 0))
        )
        by_date.setdefault(entry.occurrence_id, []).append(
            PublicRow(
                kind=entry.kind,
                place=entry.place,
                departs_at=entry.departs_at,
                count=count,
                wheelchair=entry.wheelchair,
                walker=entry.walker,
                languages=list(entry.languages or []),
            )
        )
    rows = {}
    for pk, members in covered.items():
        shown = [row for member in members for row in by_date.get(member, ())]
        if len(members) > 1:
            shown.sort(key=lambda row: (row.departs_at, row.place.name))
        rows[pk] = shown
    return rows


def counts_by_place(occurrence):
    """Per place, how many travel together (counts only, for the organiser's
    dashboard): [{"place": Place, "offers": n, "seats": n, "requests": n,
    "people": n, "transit": n, "matched": n}], most people first."""
    by_place = {}
    entries = list(active_entries(occurrence).select_related("place"))
    accepted = taken_seats([e.pk for e in entries if e.gives_places])
    for entry in entries:
        row = by_place.setdefault(
            entry.place_id,
            {
                "place": entry.place,
                "offers": 0,
                "seats": 0,
                "requests": 0,
                "people": 0,
                "transit": 0,
                "matched": 0,
            },
        )
        if entry.kind == Kind.OFFER:
            row["offers"] += 1
            row["seats"] += entry.seats
            row["matched"] += accepted.get(entry.pk, 0)
        elif entry.kind == Kind.TRANSIT:
            row["transit"] += 1
            row["matched"] += accepted.get(entry.pk, 0)
        else:
            row["requests"] += 1
            row["people"] += entry.people
    return sorted(by_place.values(), key=lambda r: (-(r["people"] + r["seats"]), r["place"].name))


def find_matches(entry):
    """The entries of the other side that suit `entry`: requests for an offer
    or a trip, offers and trips for a request; the same place first, then the
    nearest within `match_km()`; each with `distance_km` set."""
    kinds = [Kind.OFFER, Kind.TRANSIT] if entry.kind == Kind.REQUEST else [Kind.REQUEST]
    candidates = (
        destination_entries(entry.occurrence)
        .filter(kind__in=kinds)
        .exclude(pk=entry.pk)
        .select_related("place")
    )
    if entry.email_key:
        candidates = candidates.exclude(email_key=entry.email_key)
    km = match_km()
    found = []
    for other in candidates:
        distance = (
            0.0 if other.place_id == entry.place_id else distance_km(entry.place, other.place)
        )
        if distance <= km:
            other.distance_km = distance
            found.append(other)
    found.sort(key=lambda o: (o.place_id != entry.place_id, o.distance_km, o.departs_at, o.pk))
    return found


def manage_token(entry):
    return url_token([entry.pk, entry.secret], TOKEN_SALT)


def entry_for_token(token):
    """The active or cancelled entry a manage link names, or None for any bad,
    old or replaced link."""
    from django.core import signing

    try:
        pk, secret = read_url_token(token, TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not secret:
        return None
    entry = (
        TravelEntry.objects.select_related("place", "occurrence", "occurrence__event")
        .filter(pk=pk)
        .first()
    )
    if entry is None or not secrets.compare_digest(entry.secret, str(secret)):
        return None
    return entry


def matches_of(entry):
    """Every match `entry` is part of, as the manage page lists them."""
    return list(
        TravelMatch.objects.filter(Q(request=entry) | Q(offer=entry))
        .select_related("request", "request__place", "offer", "offer__place")
        .order_by("created_at", "pk")
    )


# -- Locks -----------------------------------------------------------------


def _lock_entry(pk):
    """Lock an entry's row until the transaction ends and return it, fresh.
    Every change of an offer's seats and its accepted matches takes this lock
    first, so two answers can never give away the same seat."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_MS}ms'")
    try:
        return (
            TravelEntry.objects.select_for_update(of=("self",))
            .select_related("place", "occurrence")
            .get(pk=pk)
        )
    except OperationalError as error:
        raise Busy() from error


# -- Changing ------------------------------------------------------------


def create_entry(
    occurrence,
    *,
    kind,
    place,
    departs_at,
    name,
    email="",
    phone="",
    seats=0,
    people=1,
    wheelchair=False,
    walker=False,
    languages=(),
    needs="",
    language="nl",
    entered_by=None,
    now=None,
):
    """Save an offer, a request or a trip, mail its manage link and tell both
    sides of every match. `entered_by`: the coordinator who took it by phone
    (then the e-mail may be empty)."""
    now = now or timezone.now()
    if not is_open(occurrence, now):
        raise NotOpen()
    if kind not in Kind.values:
        raise NotAllowed()
    if kind == Kind.OFFER and not 1 <= seats <= MAX_PLACES:
        raise NotAllowed(_("Offer between 1 and %(max)s seats.") % {"max": MAX_PLACES})
    if not 1 <= people <= MAX_PLACES:
        raise NotAllowed(_("Between 1 and %(max)s people.") % {"max": MAX_PLACES})
    if not email and entered_by is None:
        raise NotAllowed(_("Please give your e-mail address."))
    with transaction.atomic():
        entry = TravelEntry.objects.create(
            occurrence=occurrence,
            event_key=occurrence.event_key,
            kind=kind,
            place=place,
            departs_at=departs_at,
            seats=seats if kind != Kind.REQUEST else 0,
            people=people if kind == Kind.REQUEST else 1,
            wheelchair=wheelchair,
            walker=walker,
            languages=sorted(set(languages)),
            needs=needs,
            name=name,
            email=email,
            email_key=normalise_email(email),
            phone=phone,
            language=language,
            secret=secrets.token_urlsafe(24),
            entered_by=entered_by,
        )
        matches = find_matches(entry)
        emails.queue(entry, Mail.CREATED, matches=[m.pk for m in matches])
        for other in matches:
            emails.queue(other, Mail.MATCH_FOUND, other=entry.pk)
        if entered_by is not None:
            log(entry, "travel.enter", user=entered_by, data={"kind": kind, "date": occurrence.pk})
    return entry


def _check_pair(request_entry, offer_entry):
    if not (request_entry.is_active and offer_entry.is_active):
        raise NotAllowed(_("This offer or request was cancelled."))
    if request_entry.kind != Kind.REQUEST or not offer_entry.gives_places:
        raise NotAllowed()
    destination = destination_of(request_entry.occurrence)
    if offer_entry.occurrence_id not in destination.ids:
        raise NotAllowed()
    if not destination.is_open():
        raise NotOpen()


def ask(request_entry, offer_entry, message=""):
    """The person behind `request_entry` asks to travel along; the other side
    gets the message by e-mail, relayed (no addresses). Asking again after a
    decline or cancel asks anew."""
    with transaction.atomic():
        offer_entry = _lock_entry(offer_entry.pk)
        _check_pair(request_entry, offer_entry)
        left = seats_left(offer_entry)
        if left is not None and left < request_entry.people:
            raise NotEnoughSeats()
        match, created = TravelMatch.objects.get_or_create(
            request=request_entry,
            offer=offer_entry,
            defaults={"places": request_entry.people},
        )
        if not created:
            if match.status in TravelMatch.ACTIVE:
                raise NotAllowed(_("You have already asked to join."))
            match.status = Status.ASKED
            match.places = request_entry.people
            match.answered_at = None
            match.share_by_offerer = match.share_by_requester = False
            match.save()
        emails.queue(offer_entry, Mail.ASKED, match=match.pk, message=message[:2000])
    return match


def accept(match, now=None):
    """The offer's side says yes: the seats are given under the offer's lock."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = _lock_entry(match.offer_id)
        match = TravelMatch.objects.select_for_update().get(pk=match.pk)
        if match.status != Status.ASKED:
            raise NotAllowed(_("This question was already answered."))
        _check_pair(match.request, offer)
        left = seats_left(offer)
        if left is not None and left < match.places:
            raise NotEnoughSeats()
        match.status = Status.ACCEPTED
        match.answered_at = now
        match.save(update_fields=["status", "answered_at", "updated_at"])
        emails.queue(match.request, Mail.ACCEPTED, match=match.pk)
    return match


def decline(match, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        match = TravelMatch.objects.select_for_update().get(pk=match.pk)
        if match.status != Status.ASKED:
            raise NotAllowed(_("This question was already answered."))
        match.status = Status.DECLINED
        match.answered_at = now
        match.save(update_fields=["status", "answered_at", "updated_at"])
        emails.queue(match.request, Mail.DECLINED, match=match.pk)
    return match


def pair(request_entry, offer_entry, *, by):
    """A coordinator pairs two people by hand (after a phone call): accepted
    at once, seats counted under the lock, logged; both are told."""
    with transaction.atomic():
        offer = _lock_entry(offer_entry.pk)
        _check_pair(request_entry, offer)
        match = TravelMatch.objects.filter(request=request_entry, offer=offer).first()
        if match is not None and match.status == Status.ACCEPTED:
            return match
        left = seats_left(offer)
        if left is not None and left < request_entry.people:
            raise NotEnoughSeats()
        if match is None:
            match = TravelMatch(request=request_entry, offer=offer)
        match.status = Status.ACCEPTED
        match.places = request_entry.people
        match.paired_by = by
        match.answered_at = timezone.now()
        match.save()
        log(offer, "travel.pair", user=by, data={"match": match.pk, "request": request_entry.pk})
        emails.queue(request_entry, Mail.PAIRED, match=match.pk)
        emails.queue(offer, Mail.PAIRED, match=match.pk)
    return match


def share_contact(match, entry):
    """`entry`'s side agrees to share contact details; once both agreed,
    both get the other's address and phone by e-mail."""
    with transaction.atomic():
        match = (
            TravelMatch.objects.select_for_update()
            .select_related("request", "offer")
            .get(pk=match.pk)
        )
        if match.status != Status.ACCEPTED:
            raise NotAllowed(_("Contact details can be shared once the question was accepted."))
        if entry.pk == match.request_id:
            if match.share_by_requester:
                return match
            match.share_by_requester = True
        elif entry.pk == match.offer_id:
            if match.share_by_offerer:
                return match
            match.share_by_offerer = True
        else:
            raise NotAllowed()
        match.save(update_fields=["share_by_requester", "share_by_offerer", "updated_at"])
        if match.contact_shared:
            emails.queue(match.request, Mail.CONTACT, match=match.pk)
            emails.queue(match.offer, Mail.CONTACT, match=match.pk)
        else:
            other = match.offer if entry.pk == match.request_id else match.request
            emails.queue(other, Mail.SHARE_ASKED, match=match.pk)
    return match


def cancel_match(match, entry):
    """Either side calls off one match; the other side is told."""
    with transaction.atomic():
        _lock_entry(match.offer_id)
        match = TravelMatch.objects.select_for_update().get(pk=match.pk)
        if match.status not in TravelMatch.ACTIVE:
            return match
        match.status = Status.CANCELLED
        match.save(update_fields=["status", "updated_at"])
        other = match.offer if entry.pk == match.request_id else match.request
        emails.queue(other, Mail.MATCH_CANCELLED, **emails.about(entry))
    return match


def cancel(entry, *, by=None, now=None, tell=True):
    """Withdraw an offer, request or trip: its matches end and the people
    matched are told. Returns the number of people told."""
    now = now or timezone.now()
    told = 0
    with transaction.atomic():
        entry = _lock_entry(entry.pk)
        if entry.cancelled_at is not None:
            return 0
        entry.cancelled_at = now
        entry.save(update_fields=["cancelled_at", "updated_at"])
        for match in TravelMatch.objects.filter(
            Q(request=entry) | Q(offer=entry), status__in=TravelMatch.ACTIVE
        ).select_related("request", "offer"):
            match.status = Status.CANCELLED
            match.save(update_fields=["status", "updated_at"])
            other = match.offer if match.request_id == entry.pk else match.request
            if tell:
                emails.queue(other, Mail.MATCH_CANCELLED, **emails.about(entry))
                told += 1
        if by is not None:
            log(entry, "travel.cancel", user=by, data={"entry": entry.pk})
    return told


def report(entry, reporter, reason=""):
    """`reporter` (an entry of the same date, through its manage link) reports
    misuse by `entry`: the event's organiser contact gets an e-mail."""
    if (
        reporter.pk == entry.pk
        or entry.occurrence_id not in destination_of(reporter.occurrence).ids
    ):
        raise NotAllowed()
    with transaction.atomic():
        entry = _lock_entry(entry.pk)
        entry.report_count += 1
        entry.reported_at = timezone.now()
        entry.save(update_fields=["report_count", "reported_at", "updated_at"])
        emails.queue_organiser(entry, reporter=reporter.pk, reason=reason[:2000])
    return entry


def dates_changed(changes):
    """The organiser changed dates (`events.hooks.DATES_CHANGED`): everyone
    with an active entry for a date that moved or changed venue is told to
    check their plans; for a cancelled date, entries and matches end and
    everyone is told. A cancelled festival session whose day goes on (another
    session of the same destination is on) ends nothing: its travellers are
    told their plans stand; the day's last session cancelled ends every entry
    of the day. Runs inside the caller's transaction; mails go after it."""
    for change in changes:
        what = set(change.what) & {"cancelled", "time", "venue"}
        if not what:
            continue
        entries = list(active_entries(change.occurrence).select_related("place"))
        if "cancelled" not in what:
            for entry in entries:
                emails.queue(entry, Mail.DATE_CHANGED, cancelled=False)
            continue
        destination = destination_of(change.occurrence)
        if destination.is_open():
            for entry in entries:
                emails.queue(entry, Mail.DATE_CHANGED, session_cancelled=True)
            continue
        if len(destination.ids) > 1:
            entries = list(
                TravelEntry.objects.filter(
                    occurrence_id__in=destination.ids, cancelled_at__isnull=True
                )
            )
        for entry in entries:
            entry.cancelled_at = timezone.now()
            entry.save(update_fields=["cancelled_at", "updated_at"])
            emails.queue(entry, Mail.DATE_CHANGED, cancelled=True)
        if entries:
            TravelMatch.objects.filter(offer__in=entries, status__in=TravelMatch.ACTIVE).update(
                status=Status.CANCELLED, updated_at=timezone.now()
            )


# -- Retention and personal data -------------------------------------------


def purge(now=None):
    """Delete every entry (and its matches) of dates that ended more than
    `retention_days()` ago, and of dates that no longer exist; a festival
    day's entries once its last session ended that long ago. Returns the
    number of entries deleted."""
    now = now or timezone.now()
    limit = now - timedelta(days=retention_days())
    old = TravelEntry.objects.filter(occurrence__end__lt=limit)
    keep = set()
    sessions = old.filter(occurrence__event__content_type__in=_session_types()).select_related(
        "occurrence", "occurrence__event"
    )
    checked = {}
    for entry in sessions:
        if entry.occurrence_id not in checked:
            checked[entry.occurrence_id] = destination_of(entry.occurrence).end >= limit
        if checked[entry.occurrence_id]:
            keep.add(entry.pk)
    _total, details = old.exclude(pk__in=keep).delete()
    return details.get(TravelEntry._meta.label, 0)


def _session_types():
    from django.contrib.contenttypes.models import ContentType

    from festival.models import SessionPage

    models = [SessionPage, *(m for m in apps.get_models() if issubclass(m, SessionPage))]
    return list(ContentType.objects.get_for_models(*models).values())


def export_for_email(email):
    """Everything kept about an address, as plain data."""
    key = normalise_email(email)
    rows = []
    for entry in TravelEntry.objects.filter(email_key=key).select_related("place", "occurrence"):
        rows.append(
            {
                "kind": entry.kind,
                "event_key": str(entry.event_key),
                "date": entry.occurrence.start.isoformat(),
                "from": str(entry.place),
                "departs_at": entry.departs_at.isoformat(),
                "seats": entry.seats,
                "people": entry.people,
                "wheelchair": entry.wheelchair,
                "walker": entry.walker,
                "languages": entry.languages,
                "needs": entry.needs,
                "name": entry.name,
                "email": entry.email,
                "phone": entry.phone,
                "language": entry.language,
                "created_at": entry.created_at.isoformat(),
                "cancelled_at": entry.cancelled_at.isoformat() if entry.cancelled_at else None,
                "matches": [
                    {"status": m.status, "places": m.places, "created_at": m.created_at.isoformat()}
                    for m in matches_of(entry)
                ],
            }
        )
    return rows


def erase_for_email(email, user=None):
    """Cancel (telling whoever was matched) and delete every entry of an
    address. Returns a sentence for the editor, or ""."""
    from django.utils.translation import ngettext

    key = normalise_email(email)
    if not key:
        return ""
    entries = list(TravelEntry.objects.filter(email_key=key))
    for entry in entries:
        cancel(entry)
    count = len(entries)
    if not count:
        return ""
    TravelEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
    return ngettext(
        "%(count)s travel offer or request was erased.",
        "%(count)s travel offers or requests were erased.",
        count,
    ) % {"count": count}
