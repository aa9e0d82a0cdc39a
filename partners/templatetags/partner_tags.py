"""Template tags of the partner pages: the map of partners and event venues."""

from django import template

from partners import sections as partners

register = template.Library()


@register.simple_tag
def partner_map(places, event_rows=None):
    """The map of `places` ({key: MapPlace} from the page's context) together with
    the venues of `event_rows` (the events app's upcoming rows)."""
    merged = {}
    for key, place in (places or {}).items():
        merged[key] = partners.MapPlace(**{**place.__dict__, "entries": list(place.entries)})
    partners.add_event_rows(merged, event_rows)
    return partners.build_map(merged)


@register.filter
def exchange_date(value, precision="day"):
    """A timeline date as precise as the editor knows it: a day, a month or a year."""
    from django.utils.formats import date_format

    if not value:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


@register.simple_tag
def home_partners(limit=6):
    """The home page's partner cards in the active language (`sections.home_partners`)."""
    return partners.home_partners(limit=limit)


@register.simple_tag
def partner_index_page():
    """The partner index of the active language, or None."""
    from django.utils.translation import get_language

    from partners.models import PartnerIndexPage

    return (
        PartnerIndexPage.objects.live()
        .public()
        .filter(locale__language_code=get_language())
        .first()
    )
