"""The calendar partner websites embed in an <iframe>: `/<lang>/embed/calendar/`
with the calendar's filters as query parameters (`partner`, `region`, `theme`,
`type`, `language`, `organiser`, `when`) and `limit` (how many dates, 1–50).

It fits any width (one column, no fixed sizes), needs no JavaScript, links
every event back to its page here (in a new window, so the partner's page
stays), and is the one public view others may frame: `frame-ancestors *` and
no X-Frame-Options. Bad filter values are shown as the form's errors; the list
then shows every upcoming date rather than none.
"""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from events.models import EventIndexPage
from events.queries import localise
from home.i18n import active_locale
from opendata import services

PARAMS = ["partner", "limit"]
FILTERS = ["partner", "region", "theme", "type", "language", "organiser", "when"]
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def _limit(value):
    try:
        return min(max(int(value), 1), MAX_LIMIT)
    except (TypeError, ValueError):
        return DEFAULT_LIMIT


def embed_query(values):
    """The query string of an embed address: only the filters that have a value."""
    return urlencode([(name, values[name]) for name in [*FILTERS, "limit"] if values.get(name)])


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def calendar(request):
    locale = active_locale(request)
    form = services.event_filter_form(request.GET, locale)
    cleaned = form.cleaned_data if form.is_valid() else {}
    partners = services.partner_choices(get_language())
    partner = request.GET.get("partner", "")
    if partner not in {slug for slug, _title in partners}:
        partner = ""
    limit = _limit(request.GET.get("limit"))
    occurrences = list(services.event_dates(cleaned, partner=partner)[:limit])
    rows = localise(occurrences, request, locale)
    index = EventIndexPage.objects.live().public().filter(locale=locale).first()
    calendar_url = index.get_full_url(request) if index else request.build_absolute_uri("/")
    return render(
        request,
        "opendata/embed_calendar.html",
        {
            "form": form,
            "fields": [
                form[name]
                for name in ("when", "start", "end", "type", "theme", "region", "language")
            ],
            "rows": rows,
            "partner": partner,
            "partners": partners,
            "limit": limit,
            "calendar_url": calendar_url,
            "absolute": request.build_absolute_uri,
        },
    )
