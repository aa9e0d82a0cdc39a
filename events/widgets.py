"""A Wagtail-native editor for an event's recurrence.

django-recurrence's own widget needs Django admin's jQuery, a JavaScript
catalogue URL and an element with id "container", none of which Wagtail's page
editor has (django-recurrence #99, #153, #165, #198; wagtail #8078). This widget
is plain HTML form controls — repeat never/daily/weekly/monthly/yearly, every
n, weekdays, "2nd Saturday", ends after n times or on a date, except on these
dates, also on these dates — so it works in the editor, in InlinePanels and
without JavaScript. A small script shows only the controls that apply and asks
`events:recurrence_preview` for the rule as a sentence and the next dates.

The cleaned value is a `recurrence.Recurrence`; dates are written as local
midnight in UTC (see `events.schedule.local_midnight_utc`).
"""

import re
from datetime import UTC, datetime

import recurrence
from django import forms
from django.urls import reverse
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from recurrence import exceptions as recurrence_exceptions

from events.schedule import dates_of, local_midnight_utc, site_zone, to_local
from home.params import ascii_int

FREQUENCIES = {
    "daily": recurrence.DAILY,
    "weekly": recurrence.WEEKLY,
    "monthly": recurrence.MONTHLY,
    "yearly": recurrence.YEARLY,
}
FREQUENCY_NAMES = {value: key for key, value in FREQUENCIES.items()}
FREQUENCY_CHOICES = [
    ("", _("Does not repeat")),
    ("daily", _("Daily")),
    ("weekly", _("Weekly")),
    ("monthly", _("Monthly")),
    ("yearly", _("Yearly")),
]
POSITION_CHOICES = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PARTS = (
    "freq",
    "interval",
    "weekdays",
    "monthly_mode",
    "monthday",
    "position",
    "position_weekday",
    "ends",
    "count",
    "until",
    "exdates",
    "rdates",
    "advanced",
)

_DATE_TOKEN = re.compile(r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})(?:[ T](\d{1,2}:\d{2}))?")


def parse_dates(text, allow_time=False):
    """Dates written as 2026-12-26 or 26-12-2026 (comma, space or line separated);
    with `allow_time` a time may follow ("2027-01-05 19:30")."""
    text = (text or "").strip()
    if not text:
        return []
    values = []
    leftover = _DATE_TOKEN.sub("", text)
    if re.sub(r"[\s,;]", "", leftover):
        raise forms.ValidationError(
            _("Write dates as 2026-12-26 or 26-12-2026, one per line."), code="invalid_date"
        )
    for day_text, time_text in _DATE_TOKEN.findall(text):
        pattern = "%Y-%m-%d" if len(day_text.split("-")[0]) == 4 else "%d-%m-%Y"
        try:
            day = datetime.strptime(day_text, pattern).date()
        except ValueError as error:
            raise forms.ValidationError(
                _("%(value)s is not a date."), params={"value": day_text}, code="invalid_date"
            ) from error
        if time_text and allow_time:
            hours, minutes = (int(x) for x in time_text.split(":"))
            values.append(datetime(day.year, day.month, day.day, hours, minutes))
        else:
            values.append(day)
    return values


def _utc_token(value):
    """A local date or naive local datetime as an RFC 5545 UTC timestamp."""
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=site_zone()).astimezone(UTC)
    else:
        moment = local_midnight_utc(value)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def rule_text_from_parts(parts):
    """The RRULE/EXDATE/RDATE text for the widget's values; raises ValidationError."""
    lines = []
    freq = parts.get("freq") or ""
    if freq:
        if freq not in FREQUENCIES:
            raise forms.ValidationError(_("Choose how often the event repeats."))
        tokens = [f"FREQ={freq.upper()}"]
        interval = _positive_int(parts.get("interval") or "1", _("Every"))
        if interval > 1:
            tokens.append(f"INTERVAL={interval}")
        if freq == "weekly":
            days = [
                RRULE_DAYS[day]
                for day in map(ascii_int, parts.get("weekdays") or [])
                if day is not None and day < len(RRULE_DAYS)
            ]
            if days:
                tokens.append("BYDAY=" + ",".join(days))
        elif freq == "monthly":
            if parts.get("monthly_mode") == "weekday":
                position = parts.get("position") or "1"
                weekday = parts.get("position_weekday") or "0"
                if position not in {"1", "2", "3", "4", "-1"} or ascii_int(weekday) is None:
                    raise forms.ValidationError(_("Choose which weekday of the month."))
                tokens.append(f"BYDAY={position}{RRULE_DAYS[ascii_int(weekday) % 7]}")
            elif parts.get("monthday"):
                day = _positive_int(parts["monthday"], _("Day of the month"))
                if day > 31:
                    raise forms.ValidationError(_("A month has at most 31 days."))
                tokens.append(f"BYMONTHDAY={day}")
        ends = parts.get("ends") or "never"
        if ends == "count":
            tokens.append(f"COUNT={_positive_int(parts.get('count'), _('Number of times'))}")
        elif ends == "until":
            until = parse_dates(parts.get("until"))
            if len(until) != 1:
                raise forms.ValidationError(_("Give the last date of the series."))
            tokens.append(f"UNTIL={_utc_token(until[0])}")
        lines.append("RRULE:" + ";".join(tokens))
    advanced = (parts.get("advanced") or "").strip()
    for line in advanced.splitlines():
        line = line.strip()
        if line:
            lines.append(line if ":" in line else f"RRULE:{line}")
    for value in parse_dates(parts.get("exdates")):
        lines.append(f"EXDATE:{_utc_token(value)}")
    for value in parse_dates(parts.get("rdates"), allow_time=True):
        lines.append(f"RDATE:{_utc_token(value)}")
    return "\n".join(lines)


def recurrence_from_parts(parts):
    text = rule_text_from_parts(parts)
    try:
        value = recurrence.deserialize(text)
    except recurrence_exceptions.DeserializationError as error:
        raise forms.ValidationError(
            _("The advanced rule is not valid: %(error)s"), params={"error": error}
        ) from error
    return value


def _positive_int(value, label):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise forms.ValidationError(
            _("%(label)s: give a whole number of 1 or more."), params={"label": label}
        )
    return number


def parts_from_recurrence(value):
    """The widget's values for a stored recurrence. A first rule the controls can
    show goes into them; anything else (more rules, EXRULEs) into 'advanced'."""
    parts = {
        "freq": "",
        "interval": "1",
        "weekdays": [],
        "monthly_mode": "monthday",
        "monthday": "",
        "position": "1",
        "position_weekday": "5",
        "ends": "never",
        "count": "",
        "until": "",
        "exdates": "",
        "rdates": "",
        "advanced": "",
    }
    if isinstance(value, str):
        try:
            value = recurrence.deserialize(value) if value else None
        except recurrence_exceptions.DeserializationError:
            parts["advanced"] = value
            return parts
    if value is None:
        return parts
    rules = list(value.rrules)
    advanced = []
    if rules and _fits_controls(rules[0]):
        rule = rules.pop(0)
        parts["freq"] = FREQUENCY_NAMES[rule.freq]
        parts["interval"] = str(rule.interval or 1)
        days = [recurrence.to_weekday(d) for d in rule.byday]
        if rule.freq == recurrence.WEEKLY:
            parts["weekdays"] = [str(d.number) for d in days]
        elif rule.freq == recurrence.MONTHLY:
            if days:
                parts["monthly_mode"] = "weekday"
                parts["position"] = str(days[0].index or (rule.bysetpos or [1])[0])
                parts["position_weekday"] = str(days[0].number)
            elif rule.bymonthday:
                parts["monthday"] = str(rule.bymonthday[0])
        if rule.count:
            parts["ends"], parts["count"] = "count", str(rule.count)
        elif rule.until:
            parts["ends"], parts["until"] = "until", to_local(rule.until).date().isoformat()
    for rule in rules:
        advanced.append("RRULE:" + recurrence.serialize(rule).split("RRULE:", 1)[-1])
    for rule in value.exrules:
        text = recurrence.serialize(recurrence.Recurrence(rrules=[rule]))
        advanced.append("EXRULE:" + text.split("RRULE:", 1)[-1])
    parts["advanced"] = "\n".join(advanced)
    parts["exdates"] = "\n".join(d.isoformat() for d in dates_of(value, "exdates"))
    rdates = []
    for moment in value.rdates:
        local = to_local(moment)
        rdates.append(
            local.date().isoformat()
            if local.time() == datetime.min.time()
            else local.strftime("%Y-%m-%d %H:%M")
        )
    parts["rdates"] = "\n".join(sorted(rdates))
    return parts


def _fits_controls(rule):
    if rule.freq not in FREQUENCY_NAMES:
        return False
    days = [recurrence.to_weekday(d) for d in rule.byday]
    others = [p for p in rule.byparams if p not in {"byday", "bymonthday"} and getattr(rule, p)]
    if others and not (rule.freq == recurrence.MONTHLY and others == ["bysetpos"] and days):
        return False
    if rule.freq == recurrence.WEEKLY:
        return not rule.bymonthday and all(not d.index for d in days)
    if rule.freq == recurrence.MONTHLY:
        if days:
            return len(days) == 1 and not rule.bymonthday and (days[0].index or rule.bysetpos)
        return len(rule.bymonthday) <= 1
    return not days and not rule.bymonthday


class RecurrenceRuleWidget(forms.Widget):
    template_name = "events/widgets/recurrence_widget.html"

    class Media:
        js = ["events/js/recurrence-widget.js"]
        css = {"all": ["events/css/recurrence-widget.css"]}

    def value_from_datadict(self, data, files, name):
        parts = {}
        for part in PARTS:
            key = f"{name}-{part}"
            if part == "weekdays":
                parts[part] = data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
            else:
                parts[part] = data.get(key, "")
        return parts

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-freq" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parts = value if isinstance(value, dict) else parts_from_recurrence(value)
        context["parts"] = parts
        context["frequency_choices"] = FREQUENCY_CHOICES
        context["position_choices"] = POSITION_CHOICES
        context["weekdays"] = [(str(n), WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in range(7)]
        context["preview_url"] = reverse("events:recurrence_preview")
        return context

    def format_value(self, value):
        return value


class RecurrenceRuleField(forms.Field):
    widget = RecurrenceRuleWidget

    def __init__(self, *args, **kwargs):
        for key in ("max_length", "empty_value"):
            kwargs.pop(key, None)
        super().__init__(*args, **kwargs)
        self.required = False

    def prepare_value(self, value):
        return value

    def clean(self, value):
        if isinstance(value, dict):
            return recurrence_from_parts(value)
        if isinstance(value, str):
            return recurrence.deserialize(value) if value else None
        return value

    def has_changed(self, initial, data):
        try:
            new = self.clean(data)
        except forms.ValidationError:
            return True
        old = self.clean(initial) if isinstance(initial, str | dict) else initial
        return recurrence.serialize(new) != recurrence.serialize(old) if old or new else False
