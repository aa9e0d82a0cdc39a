"""The rules of registration: who gets a place, who waits, who moves up.

Every function that changes places runs inside `transaction.atomic()` and first
locks the row of the date it concerns (`lock_occurrence`: `SELECT … FOR UPDATE`
with a short lock timeout on PostgreSQL). Places are counted *after* taking the
lock, with one aggregate, and written in the same transaction, so two visitors
can never both get the last place (the approach pretix takes). For a series
registration the lock is on the series' first date, the anchor.

Offer mode (an event's `offer_hours`): close to the date, a freed place is
offered to the next person waiting instead of given; the offered place is held
(counted with the confirmed ones) until it is accepted, declined or runs out.
Offers that ran out are settled whenever the places are locked, by the manage
page and the organiser's list, and by `expire_offers` (command and task).

E-mails are queued with `transaction.on_commit`, so a failing mail server never
rolls back a registration (see `registration.emails`).

Views, the admin, the management commands and the demo loader call these
functions; nothing else writes `Registration` rows.
"""

import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import OperationalError, connection, models, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from events.models import EventPage, EventSchedule, Occurrence
from home.i18n import source_version
from home.signing import read_url_token, url_token
from registration.models import EmailKind, Registration, RegistrationSettings, settings_of

logger = logging.getLogger(__name__)

TOKEN_SALT = "registration.manage"  # noqa: S105 - a namespace, not a secret
LOCK_TIMEOUT_MS = 5000


class RegistrationError(Exception):
    """A rule said no; `message` is for the visitor, in their language."""

    code = "error"
    message = _("Registration is not possible.")

    def __init__(self, message=None, *, registration=None):
        self.registration = registration
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    code = "closed"
    message = _("Registration for this date is closed.")


class NotYetOpen(RegistrationError):
    code = "not_open"
    message = _("Registration for this date has not opened yet.")


class DateCancelled(RegistrationError):
    code = "cancelled"
    message = _("This date has been cancelled.")


class Full(RegistrationError):
    code = "full"
    message = _("This date is full.")


class AlreadyRegistered(RegistrationError):
    code = "duplicate"
    message = _("This e-mail address is already registered for this date.")


class InvalidPlaces(RegistrationError):
    code = "places"
    message = _("Choose a number of places that is allowed.")


class OfferLapsed(RegistrationError):
    code = "lapsed"
    message = _(
        "This offer is no longer open: it was not accepted in time, so the place has gone "
        "to the next person on the waiting list."
    )


class Busy(RegistrationError):
    code = "busy"
    message = _("It is very busy right now. Please try again in a moment.")


# -- Settings ---------------------------------------------------------------


def retention_days():
    """Days after a date before its registrations are anonymised (default 30)."""
    return int(getattr(settings, "REGISTRATION_RETENTION_DAYS", 30))


def reminder_hours():
    """How long before a date the reminder goes out (default 48 hours)."""
    return int(getattr(settings, "REGISTRATION_REMINDER_HOURS", 48))


# -- Reading -----------------------------------------------------------------


def normalise_email(email):
    return (email or "").strip().lower()


def anchor_occurrence(event_key):
    """The first date of a series that has not been cancelled: a series
    registration belongs to it (and its row is the series' lock)."""
    return (
        Occurrence.objects.filter(event_key=event_key)
        .exclude(status=Occurrence.Status.CANCELLED)
        .order_by("start", "pk")
        .first()
    )


def settings_page(occurrence):
    """The page whose registration settings count: the date's source page (the
    settings are synchronised to the translations, so any version would do)."""
    return occurrence.event


def decide(
    event,
    occurrence,
    *,
    confirmed,
    now=None,
    places=None,
    registration=None,
    window=True,
    organiser=False,
):
    """The one rule of whether a registration is allowed, as a `State`. The
    event page, the registration form and the services (under the date's lock)
    all ask it.

    Without `places`: what the form can offer for the date (`state.code`):
    "off" (the event takes no registrations), "cancelled", "not_open",
    "closed", "waiting" (no places left, but a waiting list), "full" or "open".

    With `places` (someone asks for that many): `state.outcome` is the status
    the registration gets (confirmed, or waiting when it does not fit and the
    event has a waiting list), or `state.error` says why not:
    - a new registration needs registration on, a date that is not cancelled
      and, unless the organiser adds someone (`window=False`), an open window
      (from `opens`, until `closes` or the date's start);
    - 1 ≤ places ≤ the places per registration (`organiser`: up to the capacity);
    - a `registration` changing its places must be active; a confirmed one
      may grow only into free places (shrinking always fits), a waiting one
      keeps its turn.

    `confirmed` is the date's confirmed places (counted by the caller, for
    many dates at once or under the lock)."""
    now = now or timezone.now()
    rules = settings_of(event)
    capacity = event.capacity
    state = State(occurrence=occurrence, capacity=capacity, confirmed=confirmed)
    state.limit = max(rules.max_places, capacity or 0, 1) if organiser else rules.max_places
    if not rules.enabled:
        state.code = Availability.OFF
    elif occurrence.status == Occurrence.Status.CANCELLED:
        state.code = Availability.CANCELLED
    elif window and rules.opens and now < rules.opens:
        state.code = Availability.NOT_OPEN
    elif window and now >= rules.closes_at(occurrence):
        state.code = Availability.CLOSED
    elif state.places_left == 0:
        state.code = Availability.WAITING if rules.waiting_list else Availability.FULL
    else:
        state.code = Availability.OPEN
    if places is None:
        return state
    if registration is None:
        refusal = {
            Availability.OFF: RegistrationClosed,
            Availability.CANCELLED: DateCancelled,
            Availability.NOT_OPEN: NotYetOpen,
            Availability.CLOSED: RegistrationClosed,
        }.get(state.code)
        if refusal is not None:
            state.error = refusal()
            return state
    elif not registration.is_active:
        state.error = RegistrationClosed(_("This registration has been cancelled."))
        return state
    if not isinstance(places, int) or not 1 <= places <= state.limit:
        state.error = InvalidPlaces()
        return state
    held = registration.places if registration is not None and registration.is_confirmed else 0
    fits = capacity is None or confirmed - held + places <= capacity
    if registration is not None and not registration.is_confirmed:
        state.outcome = Registration.Status.WAITING  # keeps its turn; promotion decides
    elif fits or registration is not None and places <= registration.places:
        state.outcome = Registration.Status.CONFIRMED
    elif registration is not None:
        state.error = Full(_("There are not enough places left for that."))
    elif rules.waiting_list:
        state.outcome = Registration.Status.WAITING
    else:
        state.error = Full()
    return state


class Availability(models.TextChoices):
    """What the form can offer for a date (`State.code`)."""

    OPEN = "open"
    WAITING = "waiting"
    FULL = "full"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    OFF = "off"


@dataclass
class State:
    """A date's registration state for the form, and (when someone asked for
    places) the outcome or the refusal; see `decide`."""

    occurrence: Occurrence
    capacity: int | None
    confirmed: int
    code: str = Availability.OPEN
    limit: int = 1
    outcome: str | None = None
    error: RegistrationError | None = None

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def accepts(self):
        """The form takes registrations (confirmed or for the waiting list)."""
        return self.code in {Availability.OPEN, Availability.WAITING}

    @property
    def fill_percent(self):
        if not self.capacity:
            return None
        return min(100, round(100 * self.confirmed / self.capacity))

    def check(self):
        """Raise the refusal, if there is one; else return the outcome."""
        if self.error is not None:
            raise self.error
        return self.outcome


def is_series(occurrence):
    """Whether registrations for this date's event are for the whole series."""
    return settings_of(occurrence.event).is_series


def same_places(occurrence):
    """The registrations that share places with `occurrence`: those of the date,
    or, for an event registered as a whole series, every registration of the
    series, whichever date it was made on (so cancelling one date never frees
    places of the series)."""
    if is_series(occurrence):
        return Q(event_key=occurrence.event_key)
    return Q(occurrence_id=occurrence.pk)


def confirmed_places(occurrence):
    """The places taken on a date (or series): confirmed, and offered ones,
    which are held for the person until the offer is answered or runs out."""
    return (
        Registration.objects.filter(
            same_places(occurrence), status__in=Registration.HOLDING
        ).aggregate(total=Sum("places"))["total"]
        or 0
    )


def confirmed_by_occurrence(occurrence_ids, *, series=None):
    """{occurrence id: places taken (confirmed or offered)} for many dates in
    one query. `series`: {occurrence id: event key} of dates whose event is
    registered as a whole series: they get the series' total."""
    series = series or {}
    confirmed = Registration.objects.filter(status__in=Registration.HOLDING)
    ids = [pk for pk in occurrence_ids if pk not in series]
    rows = (
        confirmed.filter(occurrence_id__in=ids)
        .values("occurrence_id")
        .annotate(total=Sum("places"))
        if ids
        else []
    )
    result = {row["occurrence_id"]: row["total"] or 0 for row in rows}
    if series:
        totals = dict(
            confirmed.filter(event_key__in=set(series.values()))
            .values("event_key")
            .annotate(total=Sum("places"))
            .values_list("event_key", "total")
        )
        result.update({pk: totals.get(key) or 0 for pk, key in series.items()})
    return result


def counts(queryset):
    """Counts for the organiser: registrations and places per status, attended."""
    return queryset.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        confirmed_places=Sum("places", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        waiting_places=Sum("places", filter=Q(status=Registration.Status.WAITING)),
        offered=Count("pk", filter=Q(status=Registration.Status.OFFERED)),
        offered_places=Sum("places", filter=Q(status=Registration.Status.OFFERED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
    )


# -- Manage links ------------------------------------------------------------


def manage_token(registration):
    """The token of the visitor's manage link: the registration's id and its
    random secret, signed with SECRET_KEY. Unguessable, not enumerable, and
    dead once the secret changes."""
    return url_token([registration.pk, registration.secret], TOKEN_SALT)


def registration_for_token(token):
    """The registration a manage token stands for, or None for anything tampered,
    stale (a newer link was sent) or anonymised."""
    if not isinstance(token, str) or len(token) > 500:
        return None
    try:
        pk, secret = read_url_token(token, TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str) or not secret:
        return None
    registration = (
        Registration.objects.select_related("occurrence", "occurrence__event").filter(pk=pk).first()
    )
    if registration is None or not registration.secret:
        return None
    if not constant_time_compare(registration.secret, secret):
        return None
    return registration


def new_secret():
    return secrets.token_urlsafe(32)


RESEND_LIMIT = (3, 3600)  # "your link" e-mails per address per hour


def resend_link(registration):
    """Someone sent the form again with an address that is already registered:
    e-mail that address its existing manage link (never a new one: a stranger
    must not be able to kill the link the person has). At most `RESEND_LIMIT`
    such e-mails per address per hour. Returns whether one was queued."""
    import hashlib

    from django.core.cache import cache

    count, seconds = RESEND_LIMIT
    key = "registration-resend:" + hashlib.sha256(registration.email_key.encode()).hexdigest()
    cache.add(key, 0, seconds)
    try:
        sent = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)
        sent = 1
    if sent > count:
        return False
    _mail(registration, EmailKind.LINK)
    return True


def send_new_link(registration):
    """Give a registration a new manage link and e-mail it: earlier links stop
    working. Used when the same address registers again."""
    registration.secret = new_secret()
    registration.save(update_fields=["secret", "updated_at"])
    _mail(registration, EmailKind.LINK)


# -- Locking -----------------------------------------------------------------


def lock_occurrence(occurrence_id):
    """Lock a date's row until the transaction ends and return it, fresh.

    On PostgreSQL a short `lock_timeout` turns a pile-up into a `Busy` error
    for the visitor instead of a hanging request. Must run inside atomic()."""
    _lock_timeout()
    try:
        # `of=("self",)`: the date's row only. A plain FOR UPDATE would lock the
        # joined page rows too, in an order that deadlocks with publishing the
        # page (which updates the page, then the dates).
        return (
            Occurrence.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=occurrence_id)
        )
    except OperationalError as error:
        raise Busy() from error


def _lock_timeout():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_MS}ms'")


def lock_places(occurrence_id, now=None, *, settle=True):
    """Lock what a registration's places belong to and return the date whose
    rules count: the date itself, or for a whole-series registration the
    series (its `EventSchedule` row, which a change of the dates locks too)
    and its current anchor. Offers that ran out unanswered are settled first
    (`_lapse_offers`), so whoever looks at the places under the lock sees
    them as they are. Must run inside atomic()."""
    occurrence = Occurrence.objects.select_related("event").get(pk=occurrence_id)
    if not is_series(occurrence):
        locked = lock_occurrence(occurrence_id)
    else:
        _lock_timeout()
        try:
            EventSchedule.objects.select_for_update().filter(event_key=occurrence.event_key).first()
        except OperationalError as error:
            raise Busy() from error
        anchor = anchor_occurrence(occurrence.event_key) or occurrence
        locked = lock_occurrence(anchor.pk)
    if settle:
        _lapse_offers(locked, now or timezone.now())
    return locked


def _lapse_offers(occurrence, now):
    """Offers of these places whose deadline has passed: the person is taken
    off the list (`CancelledBy.LAPSED`) and told; the caller's `_promote`
    then passes the place on. Runs under the lock (`lock_places`)."""
    lapsed = list(
        Registration.objects.filter(
            same_places(occurrence),
            status=Registration.Status.OFFERED,
            offer_expires_at__lte=now,
        ).order_by("pk")
    )
    for registration in lapsed:
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = Registration.CancelledBy.LAPSED
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
        _mail(registration, EmailKind.OFFER_EXPIRED)
    return lapsed


def _mail(registration, kind, **extra):
    from registration.emails import queue

    queue(registration, kind, **extra)


# -- Registering -------------------------------------------------------------


@dataclass
class Result:
    registration: Registration
    created: bool = True
    promoted: list = field(default_factory=list)


def register(
    occurrence,
    *,
    name,
    email,
    places=1,
    answers=None,
    language="nl",
    idempotency_key=None,
    source=Registration.Source.FORM,
    now=None,
    check_window=True,
    notify=True,
):
    """Register someone for a date (or, for a series registration, its anchor).

    Rules, all decided while holding the date's lock:
    - The same form token again (double submit, reload, back button) for the
      same person and date returns the registration it already made
      (`created=False`); the key is bound to both (`bound_key`), so another
      person, or another date, sent with a reused form is a registration of
      its own.
    - `decide` says whether the date takes it: not cancelled, registration on,
      the window open (unless the organiser adds someone by hand,
      `check_window=False`), 1 ≤ places ≤ the event's "places per
      registration" (organisers may go up to the capacity).
    - One active registration per e-mail address and date: a second one raises
      `AlreadyRegistered` (carrying the existing registration).
    - Waiting people who fit are promoted first (the capacity may have grown);
      then the new registration is confirmed when its places fit, otherwise it
      goes on the waiting list (when the event has one) or `Full` is raised.
    - The visitor's e-mail (confirmation or waiting list) is queued on commit
      (`notify=False`, for demo content only, sends nothing).
    """
    now = now or timezone.now()
    email_key = normalise_email(email)
    with transaction.atomic():
        occurrence = lock_places(occurrence.pk, now)
        page = settings_page(occurrence)
        if idempotency_key:
            idempotency_key = bound_key(idempotency_key, email_key, occurrence)
            existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return Result(existing, created=False)
        organiser = source == Registration.Source.ADMIN
        state = decide(
            page,
            occurrence,
            confirmed=confirmed_places(occurrence),
            now=now,
            places=places,
            window=check_window,
            organiser=organiser,
        )
        if state.error is not None and not isinstance(state.error, Full):
            raise state.error
        duplicate = Registration.objects.filter(
            same_places(occurrence),
            email_key=email_key,
            status__in=Registration.ACTIVE,
            anonymised_at__isnull=True,
        ).first()
        if duplicate is not None:
            raise AlreadyRegistered(registration=duplicate)
        promoted = _promote(occurrence, page, now)
        if promoted:
            state = decide(
                page,
                occurrence,
                confirmed=confirmed_places(occurrence),
                now=now,
                places=places,
                window=check_window,
                organiser=organiser,
            )
        status = state.check()
        fits = status == Registration.Status.CONFIRMED
        registration = Registration.objects.create(
            occurrence=occurrence,
            event_key=occurrence.event_key,
            status=status,
            places=places,
            name=name.strip(),
            email=email.strip(),
            email_key=email_key,
            answers=answers or [],
            language=language,
            source=source,
            secret=new_secret(),
            idempotency_key=idempotency_key or None,
            confirmed_at=now if fits else None,
        )
        if notify:
            _mail(registration, EmailKind.CONFIRMED if fits else EmailKind.WAITING)
            if settings_of(page).notify_organiser and page.contact_email:
                _mail(registration, EmailKind.ORGANISER)
    return Result(registration, created=True, promoted=promoted)


def bound_key(token, email_key, occurrence):
    """The idempotency key of a submission: the form's token bound to the person
    (e-mail address) and to what they register for (the date, or the series)."""
    import hashlib

    target = occurrence.event_key if is_series(occurrence) else occurrence.pk
    return hashlib.sha256(f"{token}|{email_key}|{target}".encode()).hexdigest()


class Over(RegistrationError):
    code = "over"
    message = _(
        "This date is over or you have been checked in: the registration can no longer be changed."
    )


def has_ended(registration, now=None):
    """Whether the date (for a whole-series registration: the series' current
    first date) of a registration has ended; after that, and after check-in,
    a visitor can no longer cancel or change places."""
    now = now or timezone.now()
    occurrence = registration.occurrence
    if occurrence is None:
        return True
    if is_series(occurrence):
        occurrence = anchor_occurrence(occurrence.event_key) or occurrence
    return occurrence.end < now


def _check_not_over(registration, by, now):
    if by == Registration.CancelledBy.VISITOR and (
        registration.attended_at is not None or has_ended(registration, now)
    ):
        raise Over()


def _promote(occurrence, page, now):
    """Move waiting people up while the date holds the lock.

    Rule: walk the waiting list in order of registration (first come, first
    served) and confirm every entry whose places fit in what is left; an entry
    that does not fit keeps its place at the head of the list and a later,
    smaller entry may go first. (So a family of four never blocks the single
    person behind them, and is first in line when four places come free.)
    Nobody is promoted on a cancelled or past date. Each promoted person is
    e-mailed on commit.

    Offer mode (`RegistrationSettings.offer_hours`): when the date starts
    within that time, a fitting entry is not confirmed but *offered* the
    place (status `OFFERED`, held for them until `offer_deadline`), and told
    by e-mail with accept and decline links; once the date has started,
    nothing is offered any more. Returns the promoted and offered entries."""
    if occurrence.status == Occurrence.Status.CANCELLED or occurrence.end < now:
        return []
    rules = settings_of(page)
    offering = rules.offers_at(occurrence, now)
    if offering and occurrence.start <= now:
        return []
    waiting = list(
        Registration.objects.filter(
            same_places(occurrence), status=Registration.Status.WAITING
        ).order_by("created_at", "pk")
    )
    if not waiting:
        return []
    left = None if page.capacity is None else page.capacity - confirmed_places(occurrence)
    promoted = []
    for entry in waiting:
        if left is not None and entry.places > left:
            continue
        if left is not None:
            left -= entry.places
        promoted.append(entry)
        if offering:
            entry.status = Registration.Status.OFFERED
            entry.offer_expires_at = rules.offer_deadline(occurrence, now)
            entry.save(update_fields=["status", "offer_expires_at", "updated_at"])
            _mail(entry, EmailKind.OFFERED)
            continue
        entry.status = Registration.Status.CONFIRMED
        entry.confirmed_at = now
        entry.save(update_fields=["status", "confirmed_at", "updated_at"])
        _mail(entry, EmailKind.PROMOTED)
    return promoted


def accept_offer(registration, *, now=None):
    """The person accepts the place offered to them: confirmed, if the offer
    still stands (before its deadline, and the place not gone elsewhere);
    else `OfferLapsed`, raised after the lapse and the passing on are saved.
    Accepting twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = lock_places(registration.occurrence_id, now)
        registration = Registration.objects.get(pk=registration.pk)
        stands = registration.is_offered
        if stands:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = now
            registration.offer_expires_at = None
            registration.save(
                update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"]
            )
            _mail(registration, EmailKind.PROMOTED)
        elif not registration.is_confirmed:
            # Ran out (just now, under this lock, or before) or was cancelled.
            _promote(occurrence, settings_page(occurrence), now)
    if not stands and not registration.is_confirmed:
        raise OfferLapsed(registration=registration)
    return Result(registration, created=False)


def decline_offer(registration, *, now=None):
    """The person declines the offered place: they leave the list and the place
    is offered to the next person at once (`cancel`)."""
    now = now or timezone.now()
    if not registration.is_offered:
        raise OfferLapsed(registration=registration)
    return cancel(registration, by=Registration.CancelledBy.VISITOR, now=now)


def expire_offers(*, event_keys=None, now=None):
    """Pass on every offer whose deadline has passed (the periodic task and
    the `expire_offers` command; the services also do it whenever they lock
    the places, the manage page and the organiser's list when they show
    them). `event_keys`: only those events' (a list or a query of event
    keys). Returns how many offers ran out."""
    now = now or timezone.now()
    lapsed = Registration.objects.filter(
        status=Registration.Status.OFFERED, offer_expires_at__lte=now, occurrence__isnull=False
    )
    if event_keys is not None:
        lapsed = lapsed.filter(event_key__in=event_keys)
    dates = lapsed.values_list("occurrence_id", flat=True).distinct()
    return sum(settle_offers(occurrence_id, now=now) for occurrence_id in sorted(set(dates)))


def settle_offers(occurrence_id, *, now=None):
    """Pass on the lapsed offers of one date's places (its series' for a
    whole-series registration), under the lock. Returns how many ran out.
    Cheap when there are none: the lock is only taken when one is due."""
    now = now or timezone.now()
    occurrence = Occurrence.objects.select_related("event").get(pk=occurrence_id)
    if not Registration.objects.filter(
        same_places(occurrence), status=Registration.Status.OFFERED, offer_expires_at__lte=now
    ).exists():
        return 0
    with transaction.atomic():
        occurrence = lock_places(occurrence_id, now, settle=False)
        lapsed = _lapse_offers(occurrence, now)
        _promote(occurrence, settings_page(occurrence), now)
    return len(lapsed)


def cancel(registration, *, by=Registration.CancelledBy.VISITOR, now=None, notify=True):
    """Cancel a registration (or take someone off the waiting list), then
    promote the waiting people who now fit. Cancelling twice changes nothing.
    The person gets an e-mail as a receipt (not when their data is being
    erased: `notify=False`)."""
    now = now or timezone.now()
    if registration.occurrence_id is None:
        # Its event page was deleted: nothing to lock, nobody to move up.
        with transaction.atomic():
            registration = call_off(registration, reason="deleted", now=now)
        return Result(registration, created=False)
    with transaction.atomic():
        occurrence = lock_places(registration.occurrence_id, now)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            # Also an offer that ran out just now: the place has been passed on.
            promoted = _promote(occurrence, settings_page(occurrence), now)
            return Result(registration, created=False, promoted=promoted)
        _check_not_over(registration, by, now)
        was_confirmed = registration.is_confirmed
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        fields = ["status", "cancelled_at", "cancelled_by", "updated_at"]
        if was_confirmed:
            # The receipt takes the entry out of their calendar (METHOD:CANCEL).
            registration.calendar_sequence += 1
            fields.append("calendar_sequence")
        registration.save(update_fields=fields)
        if notify:
            calendar = {"sequence": registration.calendar_sequence} if was_confirmed else {}
            _mail(registration, EmailKind.CANCELLED, by=by, **calendar)
        promoted = _promote(occurrence, settings_page(occurrence), now)
    return Result(registration, created=False, promoted=promoted)


def call_off(registration, *, reason, now=None, planned=(), series_dates=None):
    """Cancel a registration because its date or event is off (the date was
    cancelled, the event unpublished or deleted) and tell the person, with a
    calendar update that removes the entry. Nobody moves up: there is nothing
    to move up to. Run inside the transaction that calls the date off.

    The dates the person has in their calendar travel with the e-mail
    (`calendar_dates`): by the time it is sent, the dates of an event taken
    offline may be gone. `series_dates`: a dict shared by the calls of one
    change, so a series' dates are read once for all its registrants."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("occurrence")
        .get(pk=registration.pk)
    )
    if not registration.is_active:
        return registration
    dates = (
        calendar_dates(registration, planned=planned, series_dates=series_dates)
        if registration.is_confirmed
        else []
    )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by = Registration.CancelledBy.ORGANISER
    registration.calendar_sequence += 1
    registration.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancelled_by",
            "calendar_sequence",
            "updated_at",
        ]
    )
    _mail(
        registration,
        EmailKind.EVENT_CANCELLED,
        reason=reason,
        sequence=registration.calendar_sequence,
        dates=dates,
    )
    return registration


def calendar_dates(registration, *, planned=(), series_dates=None):
    """The dates a registration put in the person's calendar, as plain data
    (they travel with an e-mail task): its date, or every date of its series
    that is not cancelled. `original_start` makes each entry's UID.

    `planned`: dates of the series that are no longer stored (an unpublished
    event keeps only the dates with history), to take out as well.
    `series_dates`: {event key: the series' dates, or None for an event
    registered per date}, filled as events are read (see `call_off`)."""
    occurrence = registration.occurrence
    if occurrence is None:
        return []
    known = {} if series_dates is None else series_dates
    if registration.event_key not in known:
        known[registration.event_key] = (
            _series_dates(registration.event_key, planned) if is_series(occurrence) else None
        )
    dates = known[registration.event_key]
    return _as_calendar_dates([occurrence] if dates is None else dates)


def _series_dates(event_key, planned):
    dates = list(
        Occurrence.objects.filter(event_key=event_key).exclude(status=Occurrence.Status.CANCELLED)
    )
    stored = {o.original_start for o in dates}
    return dates + [o for o in planned if o.original_start not in stored]


def _as_calendar_dates(dates):
    from datetime import UTC

    return [
        {
            "original_start": o.original_start.astimezone(UTC).isoformat(),
            "start": o.start.isoformat(),
            "end": o.end.isoformat(),
            "all_day": o.all_day,
        }
        for o in sorted(dates, key=lambda o: o.start)
        if o.status != Occurrence.Status.CANCELLED
    ]


def active_for_event(event_key):
    """The registrations of an event that someone still counts on."""
    return Registration.objects.filter(
        event_key=event_key, status__in=Registration.ACTIVE, anonymised_at__isnull=True
    )


def ahead_for_events(event_keys, now=None):
    """The active registrations of these events whose date has not ended yet
    (for a whole-series registration: whose series has a date still to come).
    These are the people an event taken offline lets down; registrations of
    dates that took place stay as they are (attended, counted, anonymised
    after the retention period)."""
    now = now or timezone.now()
    event_keys = list(event_keys)
    series = RegistrationSettings.objects.filter(
        page__translation_key__in=event_keys, scope=RegistrationSettings.Scope.SERIES
    ).values("page__translation_key")
    running = (
        Occurrence.objects.filter(event_key__in=event_keys, end__gte=now)
        .exclude(status=Occurrence.Status.CANCELLED)
        .values("event_key")
    )
    return Registration.objects.filter(
        Q(event_key__in=series) & Q(event_key__in=running)
        | Q(occurrence__end__gte=now) & ~Q(event_key__in=series),
        event_key__in=event_keys,
        status__in=Registration.ACTIVE,
        anonymised_at__isnull=True,
    )


def call_off_event(event_key, *, reason, now=None, planned=()):
    """The whole event is off (`reason`: "unpublished" or "deleted"): cancel
    every registration for a date still to come and tell each person once, in
    their language, with a calendar update. Returns how many were cancelled."""
    return call_off_events([event_key], reason=reason, now=now, planned=planned)


def call_off_events(event_keys, *, reason, now=None, planned=()):
    """`call_off_event` for several events at once (a page and the events
    below it, a bulk action)."""
    now = now or timezone.now()
    with transaction.atomic():
        registrations = list(ahead_for_events(event_keys, now).order_by("pk"))
        series_dates = {}
        for registration in registrations:
            call_off(
                registration,
                reason=reason,
                now=now,
                planned=planned,
                series_dates=series_dates,
            )
    return len(registrations)


def event_keys_below(pages, *, descendants=True):
    """The events whose dates belong to `pages` (or a page below one of them,
    with `descendants`): deleting or unpublishing those pages takes the
    events' dates offline. A translation owns no dates: its source does."""
    from wagtail.models import Page

    pages = [page for page in pages if page is not None]
    if not pages:
        return set()
    tree = Q(pk__in=[page.pk for page in pages])
    if descendants:
        for page in pages:
            tree |= Q(path__startswith=page.path, depth__gt=page.depth)
    owners = Page.objects.filter(tree).values("pk")
    return set(
        Occurrence.objects.filter(event_id__in=owners)
        .values_list("event_key", flat=True)
        .distinct()
    )


def taken_offline(sender, instance, **kwargs):
    """After any unpublish of an event's source version (the editor's, one of
    a bulk action, the pages below an unpublished page, a scheduled expiry):
    whoever is still registered for a date to come is cancelled and told. The
    admin asks the editor first (`registration.wagtail_hooks`); this makes
    sure nobody is left registered for an event that is gone."""
    from events.services import source_event

    if not isinstance(instance, EventPage) or instance.live:
        return
    source = source_event(instance)
    if source is None or source.pk != instance.pk:
        return
    planned = ()
    if settings_of(instance).is_series:
        # The dates without history went with the unpublish (the events app
        # heard of it first); their calendar entries must go too.
        from events.models import horizon_days
        from events.services import planned_dates

        until = timezone.now() + timedelta(days=horizon_days())
        planned = planned_dates(instance, list(instance.exceptions.all()), until)[0].values()
    call_off_event(instance.translation_key, reason="unpublished", planned=list(planned))


def keep_snapshot(sender, instance, **kwargs):
    """Before a date is deleted (with its event page), its registrations keep
    what they were for: the title in each person's language and the times, so
    the manage page and the e-mails can still say what happened.

    Whoever is still registered for it (a date to come) is cancelled and told
    (`call_off`), however the page went: the editor's delete (which asks
    first), a bulk delete, or a page above it being deleted."""
    registrations = Registration.objects.filter(occurrence_id=instance.pk)
    languages = set(registrations.values_list("language", flat=True))
    if not languages:
        return
    now = timezone.now()
    for registration in ahead_for_events([instance.event_key], now).filter(
        occurrence_id=instance.pk
    ):
        call_off(registration, reason="deleted", now=now)
    titles = {}
    for language in languages:
        page = page_for_language(instance.event_key, language, live=False)
        titles[language] = page.title if page is not None else ""
    for language, title in titles.items():
        registrations.filter(language=language).update(
            updated_at=timezone.now(),
            snapshot={
                "title": title or getattr(instance.event, "title", ""),
                "start": instance.start.isoformat(),
                "end": instance.end.isoformat(),
                "original_start": instance.original_start.isoformat(),
                "all_day": instance.all_day,
            },
        )


def dates_changed(event, changes, *, now=None):
    """Registration's answer to changed dates (`events.hooks.DATES_CHANGED`),
    inside the transaction that changed them.

    Rules:
    - A cancelled date takes its one-date registrations with it: each is
      cancelled and told (`call_off`).
    - Whole-series registrations hold whatever happens to one date (their
      places are the series'); they are told which dates changed.
    - A moved date (time, venue, online link) keeps its registrations; they
      are told what changed.
    Everyone gets one e-mail per change of the schedule, in their language,
    with a calendar update (same UID, higher SEQUENCE)."""
    now = now or timezone.now()
    active = Registration.objects.filter(
        status__in=Registration.ACTIVE, anonymised_at__isnull=True
    ).order_by("pk")
    if settings_of(event).is_series:
        told = [_describe(change) for change in changes]
        for registration in active.filter(event_key=event.translation_key):
            _tell_changes(registration, told)
        return
    for change in changes:
        for registration in active.filter(occurrence_id=change.occurrence.pk):
            if "cancelled" in change.what:
                call_off(registration, reason="date", now=now)
            else:
                _tell_changes(registration, [_describe(change)])


def _describe(change):
    """A date change as plain data (it travels with the e-mail task)."""
    described = {
        "date": change.occurrence.pk,
        "what": sorted(change.what),
        "start": change.before["start"].isoformat(),
        "end": change.before["end"].isoformat(),
    }
    if change.before.get("original_start"):
        described["original_start"] = change.before["original_start"].isoformat()
    return described


def _tell_changes(registration, changes):
    registration.calendar_sequence += 1
    registration.save(update_fields=["calendar_sequence", "updated_at"])
    _mail(
        registration,
        EmailKind.DATE_CHANGED,
        changes=changes,
        sequence=registration.calendar_sequence,
    )


def change_places(registration, places, *, now=None, by=Registration.CancelledBy.VISITOR):
    """Change how many places a registration has.

    Rules (`decide`'s): 1 ≤ places ≤ places per registration (organisers: up
    to the capacity). A confirmed registration may grow only into free places
    (else `Full`, nothing changes); shrinking frees places and promotes
    waiting people. A waiting entry may change freely (it keeps its turn) and
    is confirmed at once if it now fits."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = lock_places(registration.occurrence_id, now)
        page = settings_page(occurrence)
        registration = Registration.objects.get(pk=registration.pk)
        if isinstance(places, int) and places == registration.places and registration.is_active:
            return Result(registration, created=False)
        _check_not_over(registration, by, now)
        if registration.is_offered:
            raise RegistrationError(_("Accept or decline the offered place first."))
        decide(
            page,
            occurrence,
            confirmed=confirmed_places(occurrence),
            now=now,
            places=places,
            registration=registration,
            organiser=by == Registration.CancelledBy.ORGANISER,
        ).check()
        registration.places = places
        registration.save(update_fields=["places", "updated_at"])
        promoted = _promote(occurrence, page, now)
        _mail(registration, EmailKind.CHANGED)
    return Result(registration, created=False, promoted=promoted)


def move(registration, target, *, waiting_list=False, now=None):
    """The organiser moves a registration to another date of the same event.

    Rules, decided while holding both dates' locks (taken in id order, so two
    moves the other way round cannot deadlock):
    - only a one-date registration that is still active moves, to an upcoming
      date of its event that is not cancelled, where the address is not
      registered yet;
    - it is confirmed there when its places fit; otherwise nothing changes
      (`Full`), unless the organiser chose `waiting_list` and the event has
      one: then it goes on that date's waiting list (behind those already
      waiting);
    - the manage link stays the same; the person is told in their language,
      with a calendar update that takes the old date out (METHOD:CANCEL) and
      adds the new one (higher SEQUENCE);
    - the place freed on the old date goes to the next waiting person (or is
      offered, in offer mode)."""
    now = now or timezone.now()
    if registration.occurrence_id is None or registration.occurrence_id == target.pk:
        raise RegistrationError(_("Choose another date of this event."))
    if target.event_key != registration.event_key:
        raise RegistrationError(_("Choose another date of this event."))
    if is_series(target):
        raise RegistrationError(
            _("A registration for the whole series cannot be moved to one date.")
        )
    with transaction.atomic():
        first, second = sorted([registration.occurrence_id, target.pk])
        locked = {first: lock_places(first, now), second: lock_places(second, now)}
        old, target = locked[registration.occurrence_id], locked[target.pk]
        page = settings_page(target)
        registration = Registration.objects.get(pk=registration.pk)
        if not registration.is_active:
            raise RegistrationError(_("This registration has been cancelled."))
        if target.status == Occurrence.Status.CANCELLED:
            raise DateCancelled()
        if target.end < now:
            raise RegistrationClosed(_("That date is over."))
        if Registration.objects.filter(
            occurrence=target,
            email_key=registration.email_key,
            status__in=Registration.ACTIVE,
            anonymised_at__isnull=True,
        ).exists():
            raise AlreadyRegistered(
                _("This e-mail address is already registered for that date."),
                registration=registration,
            )
        state = decide(
            page,
            target,
            confirmed=confirmed_places(target),
            now=now,
            places=registration.places,
            window=False,
            organiser=True,
        )
        if state.error is not None and not isinstance(state.error, Full):
            raise state.error
        fits = state.outcome == Registration.Status.CONFIRMED
        if not fits and not (waiting_list and settings_of(page).waiting_list):
            raise Full(
                _("That date has not enough places left: the registration stays where it was.")
            )
        was_confirmed = registration.is_confirmed
        registration.occurrence = target
        registration.status = Registration.Status.CONFIRMED if fits else Registration.Status.WAITING
        registration.confirmed_at = (registration.confirmed_at or now) if fits else None
        registration.offer_expires_at = None
        if not fits:
            # Behind those already waiting for that date.
            registration.created_at = now
        registration.calendar_sequence += 1
        registration.save()
        _mail(
            registration,
            EmailKind.MOVED,
            moved_from={
                "date": old.pk,
                "start": old.start.isoformat(),
                "end": old.end.isoformat(),
                "original_start": old.original_start.isoformat(),
                "all_day": old.all_day,
            },
            had_calendar=was_confirmed,
            sequence=registration.calendar_sequence,
        )
        promoted = _promote(old, settings_page(old), now)
        # Offers on the target date that ran out (settled by the lock) pass on too.
        promoted += _promote(target, page, now)
    return Result(registration, created=False, promoted=promoted)


def promote(registration, *, now=None):
    """The organiser moves one waiting person up. Rule: only when their places
    fit (the capacity is the organiser's own promise to the venue)."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = lock_places(registration.occurrence_id, now)
        page = settings_page(occurrence)
        registration = Registration.objects.get(pk=registration.pk)
        if not registration.is_waiting:
            return Result(registration, created=False, promoted=_promote(occurrence, page, now))
        taken = confirmed_places(occurrence)
        if page.capacity is not None and taken + registration.places > page.capacity:
            raise Full(_("There are not enough places left to promote this registration."))
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _mail(registration, EmailKind.PROMOTED)
    return Result(registration, created=False)


def set_attended(registration, attended=True, *, now=None):
    """Check someone in (or undo it). Only confirmed registrations attend."""
    now = now or timezone.now()
    if attended and not registration.is_confirmed:
        return registration
    registration.attended_at = now if attended else None
    registration.save(update_fields=["attended_at", "updated_at"])
    return registration


def message_all(occurrence, *, subject, body, include_waiting=False):
    """E-mail everyone registered for a date (the organiser's own words, sent
    as written). Returns how many e-mails were queued."""
    statuses = [Registration.Status.CONFIRMED]
    if include_waiting:
        # Someone offered a place has not taken it yet: they are waiting too.
        statuses += [Registration.Status.WAITING, Registration.Status.OFFERED]
    registrations = Registration.objects.filter(
        occurrence=occurrence, status__in=statuses, anonymised_at__isnull=True
    )
    count = 0
    with transaction.atomic():
        for registration in registrations:
            _mail(registration, EmailKind.MESSAGE, subject=subject, body=body)
            count += 1
    return count


# -- Reminders and privacy -----------------------------------------------------


def send_reminders(*, now=None):
    """Queue the reminders due: one per confirmed registration and date that
    starts within `REGISTRATION_REMINDER_HOURS`.

    Rules: only confirmed people (never waiting, offered or cancelled ones);
    never for a cancelled date; a whole-series registration is reminded before
    each date of the series, a one-date registration before its date. Each
    (registration, date) is reminded once, recorded by a `Reminder` row whose
    unique constraint also holds when two runs overlap, so it is safe to run
    from cron (or the task worker) as often as you like. Returns how many
    reminders were queued."""
    from datetime import timedelta

    from django.db import IntegrityError

    from registration.models import Reminder

    now = now or timezone.now()
    due = list(
        Occurrence.objects.filter(start__gt=now, start__lte=now + timedelta(hours=reminder_hours()))
        .exclude(status=Occurrence.Status.CANCELLED)
        .select_related("event")
        .order_by("start", "pk")
    )
    series = {
        page_id for page_id, rules in settings_for_pages(o.event for o in due).items() if rules
    }
    confirmed = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, anonymised_at__isnull=True
    ).exclude(email="")
    count = 0
    for occurrence in due:
        if occurrence.event_id in series:
            registrations = confirmed.filter(event_key=occurrence.event_key)
        else:
            # reminded_at: reminded before reminders were kept per date.
            registrations = confirmed.filter(occurrence=occurrence, reminded_at__isnull=True)
        for registration in registrations.order_by("pk"):
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        registration=registration, occurrence=occurrence, sent_at=now
                    )
                    Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
                    _mail(registration, EmailKind.REMINDER, date=occurrence.pk)
            except IntegrityError:
                continue  # reminded already (by this run's predecessor or a parallel one)
            count += 1
    return count


def settings_for_pages(pages):
    """{page id: whether it takes whole-series registrations} for many pages."""
    from registration.models import settings_for

    return {pk: rules.is_series for pk, rules in settings_for(list(pages)).items()}


ANONYMOUS_FIELDS = {"name": "", "email": "", "email_key": "", "answers": [], "secret": ""}


def anonymise_past(*, days=None, now=None):
    """Blank the personal data of registrations whose date (for a series
    registration: the series' last date) ended more than `days` (default
    `REGISTRATION_RETENTION_DAYS`, 30) ago. Status, places,
    attendance and dates stay, so the counts remain. Idempotent."""
    from datetime import timedelta

    now = now or timezone.now()
    days = retention_days() if days is None else days
    cutoff = now - timedelta(days=days)
    # A series registration sits on the first date but lasts until the last.
    running_series = Occurrence.objects.filter(end__gte=cutoff).values("event_key")
    # A registration whose event page was deleted counts from the deletion.
    past = Q(occurrence__end__lt=cutoff) | Q(occurrence__isnull=True, updated_at__lt=cutoff)
    return (
        Registration.objects.filter(past, anonymised_at__isnull=True)
        .exclude(
            Q(occurrence__event__registration_settings__scope=RegistrationSettings.Scope.SERIES)
            & Q(event_key__in=running_series)
        )
        .update(anonymised_at=now, idempotency_key=None, **ANONYMOUS_FIELDS)
    )


def registrations_for_email(email):
    return Registration.objects.filter(email_key=normalise_email(email)).select_related(
        "occurrence", "occurrence__event"
    )


def export_for_email(email):
    """Everything stored about one e-mail address, as plain data (GDPR access)."""
    rows = []
    for registration in registrations_for_email(email).order_by("created_at", "pk"):
        occurrence = registration.occurrence
        snapshot = registration.snapshot or {}
        rows.append(
            {
                "event": occurrence.event.title if occurrence else snapshot.get("title", ""),
                "date": occurrence.start.isoformat() if occurrence else snapshot.get("start"),
                "status": registration.status,
                "places": registration.places,
                "name": registration.name,
                "email": registration.email,
                "answers": registration.answers,
                "language": registration.language,
                "registered_at": registration.created_at.isoformat(),
                "cancelled_at": registration.cancelled_at.isoformat()
                if registration.cancelled_at
                else None,
                "attended": registration.attended_at is not None,
            }
        )
    return rows


def erase_email(email, *, now=None):
    """Erase everything about one e-mail address (GDPR erasure): its active
    registrations are cancelled first (so waiting people move up), then all of
    them are anonymised. Returns how many registrations were erased."""
    now = now or timezone.now()
    for registration in registrations_for_email(email).filter(status__in=Registration.ACTIVE):
        cancel(registration, by=Registration.CancelledBy.ORGANISER, now=now, notify=False)
    return (
        registrations_for_email(email)
        .filter(anonymised_at__isnull=True)
        .update(anonymised_at=now, idempotency_key=None, **ANONYMOUS_FIELDS)
    )


def page_for_language(event_key, language, *, live=True):
    """The live version of an event in a language, else its source version
    (`home.i18n.source_version`, among the live ones).

    `live=False`: among every version, live or not: what an event taken
    offline was called in the person's language (nothing to link to)."""
    pages = EventPage.objects.filter(translation_key=event_key)
    if live:
        pages = pages.filter(live=True)
    pages = list(pages.select_related("locale").order_by("pk"))
    by_code = {}
    for page in pages:
        if page.alias_of_id is None or page.locale.language_code not in by_code:
            by_code.setdefault(page.locale.language_code, page)
    return (
        by_code.get(language)
        or source_version(None, versions=pages)
        or next(iter(by_code.values()), None)
    )
