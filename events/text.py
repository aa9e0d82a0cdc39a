"""An event's schedule as a human sentence, in the active language.

"Every 2nd Saturday of the month, 10:00–13:00 — next: 12 Dec, 9 Jan, 13 Feb"
("Elke 2e zaterdag van de maand…", "Jeden 2. Samstag im Monat…").
django-recurrence's `to_text()` is English-shaped ("each month on the 2nd
Saturday") and leaves times, end dates and exceptions out, so we word it
ourselves: weekday and month names come from Django's own translations, the
sentence frames from ours.
"""

import recurrence
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, time_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.schedule import dates_of, to_local

NBSP = "\u00a0"


def short_date(value, fmt="SHORT_MONTH_DAY_FORMAT"):
    """A date with an abbreviated month as each language writes it ("12 dec",
    "12. Dez.", "12 Dec"); `fmt` names one of locales/formats."""
    return date_format(value, fmt)


def ordinal(position):
    names = {
        1: _("1st"),
        2: _("2nd"),
        3: _("3rd"),
        4: _("4th"),
        5: _("5th"),
        -1: _("last"),
        -2: _("second to last"),
    }
    return names.get(position, str(position))


def _and_list(items):
    return get_text_list([str(item) for item in items], _("and"))


def _weekdays(days):
    return _and_list(WEEKDAYS[recurrence.to_weekday(d).number] for d in days)


def describe_rule(rule, first_start, *, with_end=True):
    """One rule as a phrase ("Every 2 weeks on Tuesday and Thursday"), with its
    end ("…, 6 times", "…, until 1 June 2027") unless `with_end` is false."""
    n = rule.interval or 1
    days = [recurrence.to_weekday(d) for d in rule.byday]
    if rule.freq == recurrence.DAILY:
        text = _("Every day") if n == 1 else _("Every %(n)d days") % {"n": n}
    elif rule.freq == recurrence.WEEKLY:
        names = _weekdays(days) if days else WEEKDAYS[first_start.weekday()]
        if n == 1:
            text = _("Every %(weekdays)s") % {"weekdays": names}
        else:
            text = _("Every %(n)d weeks on %(weekdays)s") % {"n": n, "weekdays": names}
    elif rule.freq == recurrence.MONTHLY:
        if days:
            position = days[0].index or (rule.bysetpos or [1])[0]
            values = {"n": n, "ordinal": ordinal(position), "weekday": _weekdays(days)}
            if n == 1:
                text = _("Every %(ordinal)s %(weekday)s of the month") % values
            else:
                text = _("Every %(n)d months on the %(ordinal)s %(weekday)s") % values
        else:
            day = rule.bymonthday[0] if rule.bymonthday else first_start.day
            if n == 1:
                text = _("Every month on day %(day)d") % {"day": day}
            else:
                text = _("Every %(n)d months on day %(day)d") % {"n": n, "day": day}
    elif rule.freq == recurrence.YEARLY:
        when = date_format(first_start, "MONTH_DAY_FORMAT")
        if n == 1:
            text = _("Every year on %(date)s") % {"date": when}
        else:
            text = _("Every %(n)d years on %(date)s") % {"n": n, "date": when}
    else:
        text = rule.to_text()
    if not with_end:
        return text
    if rule.count:
        text = _("%(rule)s, %(count)s") % {
            "rule": text,
            "count": ngettext("once", "%(count)d times", rule.count) % {"count": rule.count},
        }
    elif rule.until:
        text = _("%(rule)s, until %(date)s") % {
            "rule": text,
            "date": date_format(to_local(rule.until), "DATE_FORMAT"),
        }
    return text


def time_range(start, end, all_day):
    """ "10:00–13:00", or "all day"."""
    if all_day:
        return _("all day")
    start, end = to_local(start), to_local(end)
    if end.date() != start.date():
        return f"{short_date(start)} {time_format(start)} – {short_date(end)} {time_format(end)}"
    return f"{time_format(start)}–{time_format(end)}"


def describe(event_or_fields, upcoming=None):
    """The whole schedule as one sentence: rules, time, exceptions and, when
    `upcoming` (aware datetimes) is given, the next dates. Empty for a single
    event without rules or extra dates."""
    start = event_or_fields.start
    end = event_or_fields.end
    all_day = event_or_fields.all_day
    value = event_or_fields.recurrence
    if value is None or not (value.rrules or value.rdates):
        return ""
    first = to_local(start)
    phrases = [describe_rule(rule, first) for rule in value.rrules]
    if not phrases:
        phrases = [_("On several dates")]
    sentence = "; ".join(phrases)
    sentence = f"{sentence}, {time_range(start, end, all_day)}"
    rdates = dates_of(value, "rdates")
    if rdates and value.rrules:
        sentence += ", " + _("also on %(dates)s") % {
            "dates": _and_list(short_date(d, "SHORT_MONTH_DATE_FORMAT") for d in rdates[:5])
        }
    exdates = dates_of(value, "exdates")
    if exdates:
        sentence += ", " + _("except %(dates)s") % {
            "dates": _and_list(short_date(d, "SHORT_MONTH_DATE_FORMAT") for d in exdates[:5])
        }
        if len(exdates) > 5:
            sentence += " " + _("and %(count)d more") % {"count": len(exdates) - 5}
    if upcoming:
        sentence += " — " + _("next: %(dates)s") % {
            "dates": ", ".join(short_date(to_local(d)) for d in upcoming)
        }
    return sentence


def series_rule(event):
    """A series' rule and time for a list row: "Every 2nd Saturday of the month,
    10:00–13:00", or "On several dates, 10:00–13:00" for a series of extra dates
    only. Ends and exceptions are left out: the row counts the dates."""
    value = event.recurrence
    rules = value.rrules if value is not None else []
    first = to_local(event.start)
    phrases = [describe_rule(rule, first, with_end=False) for rule in rules]
    sentence = "; ".join(phrases) or _("On several dates")
    return f"{sentence}, {time_range(event.start, event.end, event.all_day)}"


def series_line(event, next_start, next_end, dates, *, moved=False):
    """The one line a grouped series shows in a list: "Every 2nd Saturday of the
    month, 10:00–13:00 · next: Sat 12 Dec · 18 dates". A moved next date says
    its own time ("next: Sat 13 Feb, moved to 14:00–17:00")."""
    # The date and the count each hold together when the line wraps on a phone.
    day = short_date(to_local(next_start), "SHORT_WEEKDAY_FORMAT").replace(" ", NBSP)
    if moved:
        upcoming = _("next: %(date)s, moved to %(time)s") % {
            "date": day,
            "time": time_range(next_start, next_end, False),
        }
    else:
        upcoming = _("next: %(date)s") % {"date": day}
    count = ngettext("%(count)d date", "%(count)d dates", dates) % {"count": dates}
    count = count.replace(" ", NBSP)
    return " · ".join([series_rule(event), upcoming, count])
