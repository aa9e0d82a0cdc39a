"""Travel together's public pages below each event page: a date's overview
(places, times and counts only), the three forms, and the personal manage
page behind the e-mailed link. Nothing personal is ever on a page others
see: the overview and the event page's section show no name, address or
phone, and the manage page is marked private and never cached."""

from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import Occurrence
from events.schedule import to_local
from home.honeypot import caught
from home.i18n import active_locale, localized
from home.models import Venue
from home.params import ascii_int
from home.ratelimit import allow
from registration.forms import date_label
from travel import services
from travel.destinations import destination_of
from travel.forms import AskForm, EntryForm, ReportForm
from travel.models import Place, TravelEntry, TravelMatch
from travel.planner import planner_name, planner_url

Kind = TravelEntry.Kind
FORM_LIMIT = (10, 3600)  # entries per visitor per hour
ACTION_LIMIT = (60, 3600)  # manage-page actions per visitor per hour
# What a bot that filled the honeypot of a form is told it did.
HONEYPOT_NOTICES = {"ask": "asked", "report": "reported"}


def _occurrence(page, date):
    occurrence = (
        Occurrence.objects.select_related("venue", "event", "event__venue")
        .filter(pk=date, event_key=page.translation_key)
        .first()
    )
    if occurrence is None:
        raise Http404
    return occurrence


def _venue(request, occurrence):
    venue = occurrence.venue or occurrence.event.venue
    if venue is None:
        return None
    if venue.translation_key:
        return localized(Venue, [venue], locale=active_locale(request)).get(
            venue.translation_key, venue
        )
    return venue


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def form_urls(page, occurrence):
    base = {"date": occurrence.pk}
    return {
        "date": page.url + page.reverse_subpage("travel_date", kwargs=base),
        Kind.OFFER: page.url + page.reverse_subpage("travel_offer", kwargs=base),
        Kind.REQUEST: page.url + page.reverse_subpage("travel_request", kwargs=base),
        Kind.TRANSIT: page.url + page.reverse_subpage("travel_transit", kwargs=base),
    }


def date_page(request, page, date):
    """One date: who travels from where (counts only) and the three forms."""
    occurrence = _occurrence(page, date)
    destination = destination_of(occurrence)
    rows = services.public_rows([occurrence], {occurrence.pk: destination})[occurrence.pk]
    for row in rows:
        row.local_departs = to_local(row.departs_at)
    venue = _venue(request, occurrence)
    festival = _festival_version(request, destination.festival)
    return render(
        request,
        "travel/date.html",
        {
            "page": page,
            "self": page,
            "occurrence": occurrence,
            "date_label": date_label(occurrence),
            "rows": rows,
            "urls": form_urls(page, occurrence),
            "is_open": destination.is_open(),
            "venue": venue,
            "festival": festival,
            "festival_day": destination.day,
            "Kind": Kind,
        },
    )


def _festival_version(request, festival):
    """The festival page in the reader's language (else as it is), or None."""
    if festival is None:
        return None
    version = (
        festival.get_translations(inclusive=True)
        .filter(locale=active_locale(request), live=True)
        .first()
    )
    return version or festival


def _entry_form(request, page, date, kind):
    occurrence = _occurrence(page, date)
    if not services.is_open(occurrence):
        return render(
            request,
            "travel/closed.html",
            {"page": page, "self": page, "date_label": date_label(occurrence)},
            status=410,
        )
    days = services.retention_days()
    error = None
    if request.method == "POST":
        form = EntryForm(request.POST, kind=kind, occurrence=occurrence, retention_days=days)
        if caught(request):
            # A bot: answer as on success, keep nothing.
            return HttpResponseRedirect(form_urls(page, occurrence)["date"] + "?done=saved")
        if not allow(request, "travel-entry", *FORM_LIMIT):
            error = _("Too many entries from your connection. Please try again later.")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.create_entry(
                    occurrence,
                    kind=kind,
                    place=data["place"],
                    departs_at=form.departs_at(),
                    name=data["name"],
                    email=data["email"],
                    phone=data.get("phone", ""),
                    seats=data.get("seats") or data.get("transit_seats") or 0,
                    people=data.get("people") or 1,
                    wheelchair=data.get("wheelchair", False),
                    walker=data.get("walker", False),
                    languages=data.get("languages", []),
                    needs=data.get("needs", ""),
                    language=get_language() or "nl",
                )
            except services.TravelError as failure:
                error = str(failure.message)
            else:
                return HttpResponseRedirect(manage_path(page, entry) + "?done=saved")
    else:
        initial = {}
        place = ascii_int(request.GET.get("from"))
        if place is not None:
            initial["place"] = Place.objects.filter(pk=place, active=True).first()
        form = EntryForm(initial=initial, kind=kind, occurrence=occurrence, retention_days=days)
    titles = {
        Kind.OFFER: _("Offer seats in your car"),
        Kind.REQUEST: _("Ask for a ride"),
        Kind.TRANSIT: _("Go by public transport: others join you"),
    }
    return render(
        request,
        "travel/form.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "kind": kind,
            "heading": titles[kind],
            "error": error,
            "date_label": date_label(occurrence),
            "urls": form_urls(page, occurrence),
        },
        status=400 if request.method == "POST" else 200,
    )


def offer_form(request, page, date):
    return _entry_form(request, page, date, Kind.OFFER)


def request_form(request, page, date):
    return _entry_form(request, page, date, Kind.REQUEST)


def transit_form(request, page, date):
    return _entry_form(request, page, date, Kind.TRANSIT)


def manage_path(page, entry):
    return page.url + page.reverse_subpage(
        "travel_manage", kwargs={"token": services.manage_token(entry)}
    )


def _own_match(entry, pk):
    """A match `entry` is part of (either side), or None (a forged number)."""
    pk = ascii_int(pk)
    if pk is None:
        return None
    return (
        TravelMatch.objects.select_related("request", "offer")
        .filter(Q(request=entry) | Q(offer=entry), pk=pk)
        .first()
    )


def manage(request, page, token):
    """The personal page behind the e-mailed link."""
    entry = services.entry_for_token(token)
    if entry is None or entry.event_key != page.translation_key:
        return _private(
            render(request, "travel/invalid.html", {"page": page, "self": page}, status=404)
        )
    occurrence = entry.occurrence
    error = None
    ask_form = AskForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if caught(request):
            # A bot behind a forwarded link: answer as on success, change nothing.
            done = HONEYPOT_NOTICES.get(action, "")
            return _private(HttpResponseRedirect(f"{request.path}?done={done}"))
        if not allow(request, "travel-manage", *ACTION_LIMIT):
            error = _("Too many actions from your connection. Please try again later.")
        else:
            try:
                done = _act(request, entry, action)
            except services.TravelError as failure:
                error = str(failure.message)
            else:
                if done:
                    return HttpResponseRedirect(f"{request.path}?done={done}")
                error = _("That did not work. Please try again.")
        entry.refresh_from_db()
    matches = services.matches_of(entry)
    asked_ids = {m.offer_id for m in matches if m.status in TravelMatch.ACTIVE}
    suggestions = []
    if entry.is_active and services.is_open(occurrence):
        taken = services.taken_seats([e.pk for e in services.find_matches(entry) if e.gives_places])
        for other in services.find_matches(entry):
            if other.pk in asked_ids:
                continue
            other.seats_left = (
                services.seats_left(other, taken.get(other.pk, 0)) if other.gives_places else None
            )
            other.local_departs = to_local(other.departs_at)
            suggestions.append(other)
    for match in matches:
        match.other = match.offer if match.request_id == entry.pk else match.request
        match.other.local_departs = to_local(match.other.departs_at)
        match.mine_shared = (
            match.share_by_requester if match.request_id == entry.pk else match.share_by_offerer
        )
    venue = _venue(request, occurrence)
    response = render(
        request,
        "travel/manage.html",
        {
            "page": page,
            "self": page,
            "entry": entry,
            "local_departs": to_local(entry.departs_at),
            "date_label": date_label(occurrence),
            "matches": matches,
            "suggestions": suggestions,
            "ask_form": ask_form,
            "report_form": ReportForm(),
            "error": error,
            "notice": request.GET.get("done", ""),
            "confirm_cancel": request.GET.get("cancel") == "1" and entry.is_active,
            "is_open": services.is_open(occurrence),
            "venue": venue,
            "planner_url": planner_url(entry.place, venue),
            "planner_name": planner_name(venue),
            "Kind": Kind,
            "Status": TravelMatch.Status,
            "urls": form_urls(page, occurrence),
        },
        status=400 if error else 200,
    )
    return _private(response)


def _act(request, entry, action):
    """Carry out one manage-page action; the notice to show, or None."""
    post = request.POST
    if action == "cancel":
        services.cancel(entry)
        return "cancelled"
    if not entry.is_active:
        raise services.NotAllowed(_("This offer or request was cancelled."))
    if action == "ask" and entry.kind == Kind.REQUEST:
        form = AskForm(post)
        offer_pk = ascii_int(post.get("offer"))
        if not form.is_valid() or offer_pk is None:
            return None
        offer = (
            TravelEntry.objects.filter(
                pk=offer_pk, occurrence_id__in=destination_of(entry.occurrence).ids
            )
            .exclude(kind=Kind.REQUEST)
            .first()
        )
        if offer is None:
            return None
        services.ask(entry, offer, form.cleaned_data["message"])
        return "asked"
    match = _own_match(entry, post.get("match"))
    if match is None:
        return None
    is_offerer = match.offer_id == entry.pk
    if action == "accept" and is_offerer:
        services.accept(match)
        return "accepted"
    if action == "decline" and is_offerer:
        services.decline(match)
        return "declined"
    if action == "share":
        services.share_contact(match, entry)
        return "shared"
    if action == "cancel-match":
        services.cancel_match(match, entry)
        return "match-cancelled"
    if action == "report":
        form = ReportForm(post)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        other = match.request if is_offerer else match.offer
        services.report(other, entry, reason)
        return "reported"
    return None
