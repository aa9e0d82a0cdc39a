"""Filter chips: "remove this filter" links for the lists visitors can filter
(calendar, festival programme, knowledge base, organisation directory).

The views pass what a visitor chose; `components/active_filters.html` shows
each choice as a chip whose link is the same address without it (and without
the page number, since the list changes).
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict


@dataclass(frozen=True)
class Chip:
    label: str  # the filter ("Theme")
    value: str  # what was chosen, as the visitor reads it ("Climate")
    url: str  # the address without this choice


def _flatten(choices):
    for key, value in choices:
        if isinstance(value, list | tuple):
            yield from _flatten(value)
        else:
            yield key, value


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def without(params, name, value=None, *, also=(), path=""):
    """The address `path?query` of `params` without the filter `name` (only its
    `value` when given: one choice of a multi-valued filter), without the
    parameters in `also` (which only make sense with it) and without the page.

    `params` is a QueryDict (the request's GET) or a dict of cleaned values
    (dates are written as ISO dates; empty values are left out)."""
    if isinstance(params, QueryDict):
        rest = params.copy()
    else:
        rest = QueryDict(mutable=True)
        for key, item in params.items():
            if item not in (None, ""):
                rest[key] = _plain(item)
    if value is None:
        rest.pop(name, None)
    else:
        kept = [v for v in rest.getlist(name) if v != _plain(value)]
        if kept:
            rest.setlist(name, kept)
        else:
            rest.pop(name, None)
    for key in (*also, "page"):
        rest.pop(key, None)
    return f"{path}?{rest.urlencode()}"


def form_chips(form, chosen, *, carry=None, also=None):
    """Chips for the choices `chosen` ({field name: cleaned value}) of a filter
    form, labelled as the form labels its fields and choices. `carry` holds
    parameters that stay on every link (a visitor's selection); `also` maps a
    field to the ones removed with it (e.g. {"start": ["when"]})."""
    carry = carry or {}
    also = also or {}
    chips = []
    for name, value in chosen.items():
        field = form[name]
        shown = dict(_flatten(getattr(field.field, "choices", []))).get(
            _plain(value), _plain(value)
        )
        chips.append(
            Chip(field.label, shown, without({**chosen, **carry}, name, also=also.get(name, ())))
        )
    return chips


def query_string(params):
    """`params` as a query string, leaving out empty values (dates as ISO dates)."""
    return urlencode({k: _plain(v) for k, v in params.items() if v not in (None, "")})
