"""Template tags for the home page's festival section (`coming_festival` block)."""

from datetime import timedelta

from django import template
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from festival.models import FestivalPage

register = template.Library()

# A festival appears on the home page this many days before its first day,
# and stays there until its last day is over.
ANNOUNCE_DAYS = 60


@register.simple_tag
def coming_festival(days=ANNOUNCE_DAYS):
    """The live festival in the active language that starts within `days` or is
    running today (the earliest, when two are near), or None. One query."""
    today = timezone.localdate()
    return (
        FestivalPage.objects.live()
        .public()
        .filter(
            locale__language_code=get_language(),
            start_date__lte=today + timedelta(days=days),
        )
        .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        .select_related("image")
        .order_by("start_date", "path")
        .first()
    )


@register.filter
def days_until(day):
    """Whole days from today until `day` (0 today, negative once it has begun)."""
    return (day - timezone.localdate()).days
