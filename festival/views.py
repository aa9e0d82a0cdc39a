"""The festival's public pages: overview with its live state, the programme as
a filterable list and as a day grid, speakers, a page per partner and "my
programme". Served through `FestivalPage`'s routes.

Every view starts from `load_sessions` (a fixed number of queries) and hands
the list to the pure functions in `festival.programme`; images come
with their renditions in two queries, so no view grows with the programme.
"""

import re
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from events.exporters import webcal
from events.schedule import to_local
from festival import programme, timetable
from festival.hooks import festival_page_context
from festival.links import day_url, festival_urls, partner_url
from festival.models import FestivalRoom, FestivalTrack
from festival.sessions import load_sessions, session_days
from home.filters import form_chips
from home.i18n import active_locale, localized
from home.models import Organisation, Person

LOGO_SPEC = "max-240x120|format-webp"
PHOTO_SPEC = "fill-160x160|format-webp"


# -- Helpers ----------------------------------------------------------------------


def _with_renditions(objects, attribute, spec):
    """Load the images behind `attribute` of `objects` with their rendition for
    `spec` (two queries), so `{% image %}` in a loop costs nothing more."""
    ids = {getattr(o, f"{attribute}_id") for o in objects} - {None}
    if not ids:
        return objects
    images = {
        image.pk: image
        for image in get_image_model().objects.filter(pk__in=ids).prefetch_renditions(spec)
    }
    for o in objects:
        image_id = getattr(o, f"{attribute}_id")
        if image_id in images:
            setattr(o, attribute, images[image_id])
    return objects


def festival_partners(page, locale, base=""):
    """The organising partners in the editor's order, in the active language,
    with their logos and the address of their page in the festival."""
    sources = [link.organisation for link in page.partner_links.select_related("organisation")]
    found = localized(Organisation, sources, locale=locale)
    partners = [found[o.translation_key] for o in sources]
    for organisation in partners:
        organisation.festival_url = partner_url(page, base, organisation.slug)
    return _with_renditions(partners, "logo", LOGO_SPEC)


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _track_styles(page):
    """(slug, colour) of tracks with a valid colour, for the stripes beside sessions."""
    return [
        (slug, colour)
        for slug, colour in FestivalTrack.objects.filter(page=page).values_list("slug", "colour")
        if colour and HEX_COLOUR.match(colour) and re.match(r"^[-a-zA-Z0-9_]+$", slug)
    ]


def _base_context(request, page, view, sessions, days=None, **extra):
    """What every festival view shows: navigation, day picker, the visitor's
    selection carried along without JavaScript (`?sessions=`). `days`: the
    festival's days with sessions, when `sessions` are not all of them."""
    urls = festival_urls(page, request)
    ids = programme.parse_ids(request.GET.get("sessions"))
    days = sorted({s.day for s in sessions}) if days is None else days
    today = timezone.localdate()
    grid_day = (
        page.start_date
        if page.is_one_day or not days
        else next((d for d in days if d >= today), days[0])
    )
    context = {
        "page": page,
        "self": page,
        "view": view,
        "urls": urls,
        "grid_url": day_url(page, urls["overview"], grid_day),
        "carried_ids": programme.join_ids(ids),
        "carried": ids,
        "storage_key": f"festival-{page.translation_key}",
        "days": days,
        "day_links": [(d, day_url(page, urls["overview"], d)) for d in days],
        "track_styles": _track_styles(page),
    }
    context.update(extra)
    _selection_links(context)
    return context


def _selection_links(context):
    """The start of each session's "add to my programme" link, and the link to
    the selection as it is (written once, not once per session)."""
    mine = context["urls"]["my_programme"] + "?sessions="
    carried_ids = context["carried_ids"]
    context["mine_url"] = mine + carried_ids
    context["add_url"] = mine + (f"{carried_ids}," if carried_ids else "")


def _active_filters(form, filters, carried):
    """The filter chips; the visitor's selection stays on every link."""
    return form_chips(form, filters, carry={"sessions": carried})


# -- Views ------------------------------------------------------------------------


def overview(request, page):
    """The festival page: intro, when and where, live state, partners, body,
    links to the programme and its exports, and the sections of the apps
    above (`festival.hooks.FESTIVAL_PAGE_CONTEXT`)."""
    locale = active_locale(request)
    now = timezone.now()
    sessions = load_sessions(page, request, locale=locale, now=now)
    context = _base_context(
        request,
        page,
        "overview",
        sessions,
        live=programme.live_state(page, sessions, now),
        partners=festival_partners(page, locale, festival_urls(page, request)["overview"]),
        session_count=len(sessions),
        live_today=to_local(now).date(),
        venue=localized(type(page.venue), [page.venue], locale=locale)[page.venue.translation_key]
        if page.venue_id
        else None,
    )
    # Absolute, so a printed page shows where to find the files.
    for name in ("ical", "json", "frab"):
        context["urls"][name] = request.build_absolute_uri(context["urls"][name])
    context["urls"]["webcal"] = webcal(context["urls"]["ical"])
    added, sections = festival_page_context(request, page, sessions)
    context.update(added)
    context["festival_sections"] = sections
    return render(request, "festival/festival_page.html", context)


def programme_list(request, page):
    """All sessions, filtered by GET parameters, grouped by day and time, in
    pages of `programme.LIST_PAGE_SIZE` (the links keep the filters and the
    visitor's selection)."""
    locale = active_locale(request)
    now = timezone.now()
    sessions = load_sessions(page, request, locale=locale, now=now)
    tracks = list(FestivalTrack.objects.filter(page=page))
    choices = programme.filter_choices(sessions, tracks)
    form = programme.ProgrammeFilterForm(request.GET or None, choices)
    filters = form.filters()
    shown = programme.filter_sessions(sessions, filters, now)
    page_obj = Paginator(shown, programme.LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    carried = programme.join_ids(programme.parse_ids(request.GET.get("sessions")))
    context = _base_context(
        request,
        page,
        "list",
        sessions,
        form=form,
        filters=filters,
        active_filters=_active_filters(form, filters, carried),
        groups=programme.group_by_day_and_time(page_obj.object_list),
        page_obj=page_obj,
        count=len(shown),
        total=len(sessions),
    )
    return render(request, "festival/programme_list.html", context)


def _parse_day(value, page):
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Http404(_("There is no such day in this festival.")) from None
    if len(value) != 10 or not page.start_date <= day <= page.last_day:
        raise Http404(_("There is no such day in this festival."))
    return day


def programme_grid(request, page, day):
    """One day as a table: rooms (or tracks, with ?by=track) × time slots."""
    day = _parse_day(day, page)
    locale = active_locale(request)
    # Only the day's sessions: the grid of one day costs the same in a long festival.
    sessions = load_sessions(page, request, locale=locale, day=day)
    rooms = list(FestivalRoom.objects.filter(page=page))
    tracks = list(FestivalTrack.objects.filter(page=page))
    default_by = "room" if rooms or not tracks else "track"
    by = request.GET.get("by") if request.GET.get("by") in {"room", "track"} else default_by
    if by == "room":
        columns = [programme.Column(r.translation_key, r.name, r) for r in rooms]

        def key(s):
            return s.room.translation_key if s.room else None

        in_day = [s for s in sessions if s.day == day]
        other_label = (
            _("Online")
            if in_day and all(s.is_online for s in in_day if s.room is None)
            else _("Other places")
        )
    else:
        columns = [programme.Column(t.translation_key, t.name, t) for t in tracks]

        def key(s):
            return s.track.translation_key if s.track else None

        other_label = _("Other sessions") if tracks else _("Programme")
    grid = programme.build_grid(sessions, day, columns, key, other_label)
    base = festival_urls(page, request)["overview"]
    context = _base_context(
        request,
        page,
        "grid",
        sessions,
        days=session_days(page),
        day=day,
        grid=grid,
        by=by,
        can_switch=bool(rooms) and bool(tracks),
        by_room_url=day_url(page, base, day, "room"),
        by_track_url=day_url(page, base, day, "track"),
        groups=programme.group_by_day_and_time([s for s in sessions if s.day == day]),
    )
    if grid:
        context["timetable_rows"] = timetable.table_rows(
            grid, by, context["carried"], context["add_url"], context["mine_url"]
        )
    return render(request, "festival/programme_grid.html", context)


def speakers(request, page):
    """Every speaker with their sessions, by name."""
    locale = active_locale(request)
    sessions = load_sessions(page, request, locale=locale)
    by_key = {}
    for s in sessions:
        for person in s.speakers:
            entry = by_key.setdefault(person.translation_key, {"person": person, "sessions": []})
            if s not in entry["sessions"]:
                entry["sessions"].append(s)
    people = {
        p.pk: p
        for p in _with_renditions(
            list(
                Person.objects.filter(
                    pk__in=[e["person"].pk for e in by_key.values()]
                ).select_related("organisation")
            ),
            "photo",
            PHOTO_SPEC,
        )
    }
    organisations = localized(
        Organisation, [p.organisation for p in people.values()], locale=locale
    )
    entries = []
    for entry in by_key.values():
        person = people.get(entry["person"].pk, entry["person"])
        organisation = (
            organisations.get(person.organisation.translation_key)
            if person.organisation_id
            else None
        )
        entries.append({**entry, "person": person, "organisation": organisation})
    entries.sort(key=lambda e: e["person"].name.casefold())
    context = _base_context(request, page, "speakers", sessions, speakers=entries)
    return render(request, "festival/speakers.html", context)


def partner(request, page, slug):
    """A partner (organising partner or session organiser) and its sessions."""
    locale = active_locale(request)
    sessions = load_sessions(page, request, locale=locale)
    candidates = {o.slug: o for s in sessions for o in s.organisers}
    found = next((o for o in festival_partners(page, locale) if o.slug == slug), None)
    found = found or candidates.get(slug)
    if found is None:
        raise Http404(_("This organisation is not a partner of this festival."))
    _with_renditions([found], "logo", LOGO_SPEC)
    theirs = [
        s for s in sessions if any(o.translation_key == found.translation_key for o in s.organisers)
    ]
    context = _base_context(
        request,
        page,
        "partner",
        sessions,
        organisation=found,
        groups=programme.group_by_day_and_time(theirs),
        count=len(theirs),
    )
    return render(request, "festival/partner.html", context)


def my_programme(request, page):
    """The sessions a visitor chose (`?sessions=<occurrence ids>`), with links to
    remove each one and to download them as one calendar file."""
    locale = active_locale(request)
    sessions = load_sessions(page, request, locale=locale)
    asked = programme.parse_ids(request.GET.get("sessions"))
    chosen = programme.selected(sessions, asked)
    ids = [s.occurrence.pk for s in chosen]
    urls = festival_urls(page, request)
    for s in chosen:
        rest = programme.join_ids(i for i in ids if i != s.occurrence.pk)
        # Always with `sessions=`, even empty: without it the page shows the
        # sessions starred in this browser (festival.js), the one just removed too.
        s.remove_url = urls["my_programme"] + f"?sessions={rest}"
    joined = programme.join_ids(ids)
    context = _base_context(
        request,
        page,
        "my_programme",
        sessions,
        chosen=chosen,
        groups=programme.group_by_day_and_time(chosen),
        ignored=len(asked) - len(ids),
        ids=joined,
        download_url=urls["my_programme_ical"] + f"?sessions={joined}" if ids else "",
        share_url=request.build_absolute_uri(urls["my_programme"] + f"?sessions={joined}")
        if ids
        else "",
    )
    context["carried_ids"] = joined
    _selection_links(context)
    return render(request, "festival/my_programme.html", context)
