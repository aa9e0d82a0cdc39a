"""The visitor's registration views, served by `EventPage`'s routes:
`register/` (the form's POST), `register/done/<receipt>/` (after the redirect)
and `registration/<token>/` (the personal manage page), their words in the
page's language (`aanmelden/`, `anmelden/`; registration/routes.py).

Views translate HTTP to `registration.services` calls and back: errors
become messages next to the field, in the page's language; success redirects
(POST-redirect-GET), so a reload never posts again.
"""

from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Occurrence
from home import honeypot
from home.ratelimit import allow
from home.signing import read_url_token, url_token
from registration import services
from registration.forms import PlacesForm, RegistrationForm, date_label, moment_label
from registration.models import Registration, settings_of

RECEIPT_SALT = "registration.done"
RATE_LIMIT = (10, 3600)  # registrations per visitor address per hour
DATES_OFFERED = 8  # a long series offers its next dates, not 18 months of them


def candidate_dates(page, event, upcoming):
    """The dates the form is about: the series' anchor, or every upcoming date."""
    if settings_of(event).is_series:
        anchor = services.anchor_occurrence(page.translation_key)
        return [anchor] if anchor else []
    return list(upcoming)[:DATES_OFFERED]


def confirmed_for(event, dates):
    """{date id: confirmed places}; a whole-series registration counts on the series."""
    series = {o.pk: o.event_key for o in dates} if settings_of(event).is_series else None
    return services.confirmed_by_occurrence([o.pk for o in dates], series=series)


def registration_context(request, page, event, upcoming, *, form=None, error=None, now=None):
    """What the event page's registration section needs: each date's state and
    places left, the form, and an error for the whole form. Two queries at most
    (confirmed places of all dates at once; the page's questions), three in
    offer mode (offers that ran out)."""
    now = now or timezone.now()
    rules = settings_of(event)
    if rules.offer_hours:
        # Offers that ran out pass on before anyone reads the places.
        services.expire_offers(event_keys=[page.translation_key], now=now)
    dates = [o for o in candidate_dates(page, event, upcoming) if o.end >= now]
    confirmed = confirmed_for(event, dates)
    states = [services.decide(event, o, confirmed=confirmed.get(o.pk, 0), now=now) for o in dates]
    for state in states:
        state.label = date_label(state.occurrence)
    accepting = [s for s in states if s.accepts]
    if form is None and accepting:
        form = RegistrationForm(
            dates=[s.occurrence for s in states if not s.occurrence.is_cancelled],
            questions=list(page.registration_questions.all()),
            event=event,
        )
    if form is not None:
        selected = form["occurrence"].value()
        if selected in (None, "") and accepting:
            selected = accepting[0].occurrence.pk
        for state in states:
            state.checked = str(state.occurrence.pk) == str(selected)
    return {
        "states": states,
        "accepting": accepting,
        "form": form if accepting or form is not None and form.is_bound else None,
        "error": error,
        "series": rules.is_series,
        "action": page.url + page.reverse_subpage("register") if page.url else "",
        "waiting_list": rules.waiting_list,
        "retention_days": services.retention_days(),
        "all_waiting": bool(accepting)
        and all(s.code == services.Availability.WAITING for s in accepting),
    }


def _receipt_url(page, occurrence=None, places=None):
    """The "we sent you an e-mail" page: the same for a new registration, one on
    the waiting list and an address that was already registered (the e-mail
    says which), so nobody can find out through the form who is registered."""
    data = {"s": "received"}
    if occurrence is not None:
        data.update({"o": occurrence.pk, "p": places})
    receipt = url_token(data, RECEIPT_SALT)
    return page.url + page.reverse_subpage("registration_done", kwargs={"receipt": receipt})


def register(request, page):
    """The form's POST: validate, register under the date's lock, redirect."""
    from events.services import source_event
    from events.views import event_detail

    if request.method != "POST":
        return HttpResponseRedirect(page.url + "#register")
    event = source_event(page) or page
    if not settings_of(event).enabled:
        return HttpResponseRedirect(page.url)
    if not allow(request, "event-register", *RATE_LIMIT):
        return event_detail(
            request,
            page,
            registration_error=_(
                "You have sent the form too often in a short time. Please wait an hour "
                "and try again, or write to the organiser."
            ),
            status=429,
        )
    now = timezone.now()
    upcoming = list(
        Occurrence.objects.filter(event_key=page.translation_key, end__gte=now).order_by(
            "start", "pk"
        )
    )
    dates = [
        o for o in candidate_dates(page, event, upcoming) if o.status != Occurrence.Status.CANCELLED
    ]
    form = RegistrationForm(
        request.POST,
        dates=dates,
        questions=list(page.registration_questions.all()),
        event=event,
        confirmed=confirmed_for(event, dates),
        now=now,
    )
    if honeypot.caught(request):
        # A bot filled in the honeypot: answer like a success, store nothing.
        return HttpResponseRedirect(_receipt_url(page))
    if not form.is_valid():
        return event_detail(request, page, registration_form=form)
    occurrence = next(o for o in dates if o.pk == form.cleaned_data["occurrence"])
    try:
        services.register(
            occurrence,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            places=form.cleaned_data["places"],
            answers=form.answers(),
            language=page.locale.language_code,
            idempotency_key=form.cleaned_data["form_token"] or None,
            now=now,
        )
    except services.AlreadyRegistered as duplicate:
        # Answered exactly like a new registration, so the form never tells
        # whether an address is registered; the mail tells its owner.
        services.resend_link(duplicate.registration)
        return HttpResponseRedirect(_receipt_url(page, occurrence, form.cleaned_data["places"]))
    except services.InvalidPlaces as error:
        form.add_error("places", str(error.message))
        return event_detail(request, page, registration_form=form)
    except services.RegistrationError as error:
        form.add_error(None, str(error.message))
        return event_detail(request, page, registration_form=form)
    return HttpResponseRedirect(_receipt_url(page, occurrence, form.cleaned_data["places"]))


def done(request, page, receipt):
    """After sending the form: "we sent you an e-mail", whatever the outcome."""
    try:
        data = read_url_token(receipt, RECEIPT_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return _invalid(request, page)
    occurrence = None
    if isinstance(data, dict) and data.get("o"):
        occurrence = Occurrence.objects.filter(pk=data["o"], event_key=page.translation_key).first()
    response = render(
        request,
        "registration/done.html",
        {
            "page": page,
            "self": page,
            "status": data.get("s") if isinstance(data, dict) else "received",
            "places": data.get("p") if isinstance(data, dict) else None,
            "date_label": date_label(occurrence) if occurrence else "",
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid(request, page):
    response = render(
        request, "registration/invalid.html", {"page": page, "self": page}, status=404
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def cancel_outcome(registration, date_count):
    """What cancelling will do, said before the visitor confirms: a place goes
    to the waiting list only when someone is waiting for it."""
    if registration.status == Registration.Status.WAITING:
        return _(
            "You leave the waiting list: when a place comes free, it goes to the next "
            "person waiting instead of you."
        )
    places = registration.places
    someone_waits = (
        Registration.objects.filter(
            occurrence_id=registration.occurrence_id, status=Registration.Status.WAITING
        )
        .exclude(pk=registration.pk)
        .exists()
    )
    if someone_waits:
        text = ngettext(
            "Your place goes to the waiting list: people waiting for it are registered "
            "automatically.",
            "Your %(places)d places go to the waiting list: people waiting for them are "
            "registered automatically.",
            places,
        )
    else:
        text = ngettext(
            "Your place becomes free, so someone else can register for it.",
            "Your %(places)d places become free, so others can register for them.",
            places,
        )
    text %= {"places": places}
    if date_count > 1:
        text += " " + _("This cancels your registration for every date.")
    return text


def manage(request, page, token):
    """The personal page behind the e-mailed link: see, change places, cancel
    (or leave the waiting list). Anything wrong with the token is one answer."""
    registration = services.registration_for_token(token)
    if registration is None or registration.event_key != page.translation_key:
        return _invalid(request, page)
    if registration.is_offered and registration.offer_expires_at <= timezone.now():
        # Nobody answered in time: pass the place on now, whoever looks first.
        services.settle_offers(registration.occurrence_id)
        registration.refresh_from_db()
    event = registration.occurrence.event
    rules = settings_of(event)
    notice = request.GET.get("done", "")
    places_form = PlacesForm(initial={"places": registration.places}, max_places=rules.max_places)
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept-offer":  # posted only by the offer's confirmation step
                services.accept_offer(registration)
                return HttpResponseRedirect(f"{request.path}?done=accepted")
            if action == "decline-offer":
                services.decline_offer(registration)
                return HttpResponseRedirect(f"{request.path}?done=declined")
            if action == "cancel":  # posted only by the confirmation step below
                result = services.cancel(registration, by=Registration.CancelledBy.VISITOR)
                done = "cancelled-waiting" if result.promoted else "cancelled"
                return HttpResponseRedirect(f"{request.path}?done={done}")
            if action == "places":
                places_form = PlacesForm(request.POST, max_places=rules.max_places)
                if places_form.is_valid():
                    services.change_places(registration, places_form.cleaned_data["places"])
                    return HttpResponseRedirect(request.path + "?done=changed")
        except services.InvalidPlaces as failure:
            places_form.add_error("places", str(failure.message))
        except services.RegistrationError as failure:
            error = str(failure.message)
        registration.refresh_from_db()
    dates = [registration.occurrence]
    if rules.is_series:
        dates = list(
            Occurrence.objects.filter(event_key=registration.event_key)
            .exclude(status=Occurrence.Status.CANCELLED)
            .order_by("start", "pk")
        )
    # The same rule the services apply: nothing changes after the date or check-in.
    ended = services.has_ended(registration) or registration.attended_at is not None
    can_cancel = registration.is_active and not ended
    # The second step of cancelling; the e-mail's "leave the waiting list" link
    # opens it too (a mail scanner opening a link must not take anyone off the list).
    confirm_cancel = can_cancel and (
        request.GET.get("step") == "cancel"
        or (request.GET.get("leave") == "1" and registration.is_waiting)
    )
    # The offer e-mail's accept and decline links open a confirmation step
    # (a GET never acts: mail scanners open links); the button posts.
    offer_step = request.GET.get("offer") if request.method == "GET" else None
    if offer_step not in {"accept", "decline"}:
        offer_step = None
    if offer_step and not registration.is_offered and error is None:
        if offer_step == "accept" and registration.is_confirmed:
            notice = "accepted"
        else:
            error = str(services.OfferLapsed.message)
        offer_step = None
    response = render(
        request,
        "registration/manage.html",
        {
            "page": page,
            "self": page,
            "registration": registration,
            "dates": [date_label(o) for o in dates],
            "places_form": places_form,
            "can_change": registration.is_active and not ended and rules.max_places > 1,
            "can_cancel": can_cancel,
            "confirm_cancel": confirm_cancel and not offer_step,
            "offer_step": offer_step,
            "offer_until": moment_label(registration.offer_expires_at)
            if registration.is_offered
            else "",
            "cancel_outcome": cancel_outcome(registration, len(dates)) if confirm_cancel else "",
            "online_url": event.online_url if registration.is_confirmed else "",
            "notice": notice
            if notice in {"cancelled", "cancelled-waiting", "changed", "accepted", "declined"}
            else "",
            "error": error,
            # Say what happened to a registration the organiser's plans called off.
            "date_cancelled": registration.occurrence.is_cancelled,
            "Status": Registration.Status,
        },
        status=400 if places_form.is_bound and places_form.errors else 200,
    )
    # Never send the token to other sites; "no-referrer" would make browsers
    # post `Origin: null`, which Django's CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def manage_anywhere(request, token):
    """Every manage link, whatever became of its event: while the event is live
    the event's own manage page answers; once it was unpublished or deleted,
    the link still shows the registration and says what happened."""
    from django.utils.translation import get_language

    registration = services.registration_for_token(token)
    if registration is None:
        return _gone(request, None, status=404)
    page = services.page_for_language(registration.event_key, get_language())
    if page is not None and registration.occurrence_id is not None:
        return manage(request, page, token)
    return _gone(request, registration)


def _gone(request, registration, status=200):
    """The manage page of a registration whose event is no longer online."""
    title = ""
    label = ""
    if registration is not None:
        occurrence = registration.occurrence
        if occurrence is not None:
            from django.utils.translation import get_language

            page = (
                services.page_for_language(registration.event_key, get_language(), live=False)
                or occurrence.event
            )
            title = page.title
            label = date_label(occurrence)
        else:
            snapshot = registration.snapshot or {}
            title = snapshot.get("title", "")
            if snapshot.get("start"):
                from datetime import datetime

                label = date_label(
                    Occurrence(
                        start=datetime.fromisoformat(snapshot["start"]),
                        end=datetime.fromisoformat(snapshot["end"]),
                        all_day=bool(snapshot.get("all_day")),
                    )
                )
    response = render(
        request,
        "registration/gone.html",
        {
            # Not a page any more: what the base template reads of one.
            "page": {"title": title, "seo_title": "", "search_description": "", "intro": ""},
            "registration": registration,
            "event_title": title,
            "date_label": label,
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
