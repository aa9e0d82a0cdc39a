"""QuickSelect writes the markup Django's own Select template writes."""

import pytest
from django import forms
from django.test.html import parse_html

from home.widgets import FilterMenu, QuickSelect

CHOICES = [
    ("", "Alle"),
    ("wonen", "Wonen & zorg"),
    ("Landen", [("country-NL", "Nederland"), ("country-DE", 'Duitsland "DE"')]),
    ("x<y>", "<script>alert(1)</script>"),
    (3, "Drie"),
]


@pytest.mark.parametrize("value", [None, "", "wonen", "country-DE", "x<y>", "3", "onbekend"])
def test_the_same_select_as_djangos_template(value):
    attrs = {"id": "id_theme", "class": "filter", "data-x": 'a"b'}
    ours = QuickSelect(attrs=attrs, choices=CHOICES).render("theme", value)
    django = forms.Select(attrs=attrs, choices=CHOICES).render("theme", value)
    assert parse_html(ours) == parse_html(django)
    assert "<script>" not in ours


def test_a_filter_menu_is_optional_and_renders_with_it():
    class Filters(forms.Form):
        theme = FilterMenu("Thema", CHOICES)

    assert Filters({}).is_valid()
    html = str(Filters({"theme": "country-NL"})["theme"])
    assert parse_html(html) == parse_html(
        str(forms.Select(attrs={"id": "id_theme"}, choices=CHOICES).render("theme", "country-NL"))
    )
    assert '<option value="country-NL" selected>Nederland</option>' in html
