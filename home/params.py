"""One validation path for what visitors put in the query string of public pages.

Two layers, both here:

- `QueryGuardMiddleware` turns away, with a translated 400 page, any public
  request whose path or query string holds a NUL or another control character,
  or a parameter value longer than `MAX_VALUE_LENGTH`. Such input is never a
  link anybody meant; PostgreSQL refuses NUL in a text parameter, so letting it
  through meant a 500 wherever the value reached a query.
- The typed readers the views use for single parameters: `ascii_int` (an id
  or page number) and `int_list` (ids such as `?sessions=12,15`: ASCII digits only, since `"²".isdigit()` is True but
  `int("²")` fails) and `DateField` (a form field that accepts only dates the
  calendar can compute with, so `?end=9999-12-31` is a translated form error,
  not an overflow). Anything else a view reads goes through a Django form
  (choice filters), whose invalid values are ignored or shown as form errors.
"""

import re
from datetime import date

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MAX_VALUE_LENGTH = 2000  # "my programme": 200 session ids of up to 7 digits fit
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_DIGITS = re.compile(r"[0-9]{1,11}")
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def bad_query(request):
    """Why the request's path or query cannot be meant (a short reason), or ''."""
    if _CONTROL.search(request.path):
        return "control character in path"
    for key, values in request.GET.lists():
        if _CONTROL.search(key):
            return "control character in parameter name"
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                return "parameter value too long"
            if _CONTROL.search(value):
                return "control character in parameter value"
    return ""


class QueryGuardMiddleware:
    """Answer 400 (translated page) to public requests with unusable parameters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(SKIP_PREFIXES) and bad_query(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def ascii_int(value):
    """`value` as a non-negative integer when it is ASCII digits (at most 11),
    else None: `str.isdigit()` is True for "²", on which `int()` fails."""
    value = str(value or "")
    return int(value) if _ASCII_DIGITS.fullmatch(value) else None


def int_list(value, *, limit):
    """Positive integers from "12,15,x,12": ASCII digits only, each once, in
    order, at most `limit`; anything else is ignored."""
    numbers = []
    for part in (value or "").split(","):
        part = part.strip()
        if _ASCII_DIGITS.fullmatch(part):
            number = int(part)
            if number not in numbers:
                numbers.append(number)
        if len(numbers) >= limit:
            break
    return numbers


class DateField(forms.DateField):
    """A date filter: only dates between 1900 and 2999, so arithmetic on it
    (the day after, the week around it) never leaves Python's date range."""

    default_error_messages = {"out_of_range": _("Choose a date between 1900 and 2999.")}

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return day
