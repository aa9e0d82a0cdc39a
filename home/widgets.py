"""The menus of the public filter panels (calendar, festival programme)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A `<select>` with the markup of Django's own template, written in Python.

    Django renders each option through two included templates; the filter
    panels of the calendar and the festival programme hold eight to nine
    menus of up to a few dozen options each, which cost 10 ms of every list
    view. This reads the same choices and attributes and joins the same
    tags (ids, `selected`, option groups, escaping), without the templates
    and without the option dictionaries Django builds for them."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        wanted = set(self.format_value(value))
        found = False
        html = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        for group_value, group_label in self.choices:
            grouped = isinstance(group_label, list | tuple)
            if grouped:
                html.append(format_html('<optgroup label="{}">', group_value))
            for option_value, option_label in (
                group_label if grouped else [(group_value, group_label)]
            ):
                text = "" if option_value is None else str(option_value)
                # As Django: the first option with the value is the selected one.
                selected = not found and text in wanted
                found = found or selected
                html.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        text,
                        mark_safe(" selected") if selected else "",  # noqa: S308 - a constant
                        option_label,
                    )
                )
            if grouped:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("\n".join(html))  # noqa: S308 - every piece escaped by format_html


class FilterMenu(forms.ChoiceField):
    """One menu of a filter panel: optional, drawn with `QuickSelect`; the
    form fills in `choices` per request when they come from the database."""

    widget = QuickSelect

    def __init__(self, label, choices=(), **kwargs):
        super().__init__(label=label, choices=choices, required=False, **kwargs)
