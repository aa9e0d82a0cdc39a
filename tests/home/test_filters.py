"""Filter chips: the address without one choice (`home.filters`)."""

from datetime import date

from django import forms
from django.http import QueryDict

from home.filters import Chip, form_chips, query_string, without


def test_without_removes_one_value_of_a_repeated_parameter_and_the_page():
    params = QueryDict("theme=klimaat&theme=buurt&q=dorp&page=3")
    assert without(params, "theme", "klimaat", path="/nl/kennisbank/") == (
        "/nl/kennisbank/?theme=buurt&q=dorp"
    )
    assert without(params, "q", also=["sort"]) == "?theme=klimaat&theme=buurt"
    assert without(QueryDict("theme=klimaat"), "theme", "klimaat", path="/x/") == "/x/?"


def test_without_writes_cleaned_values_and_drops_empty_ones():
    cleaned = {"when": "custom", "start": date(2026, 5, 1), "theme": "", "region": "drenthe"}
    assert without(cleaned, "region") == "?when=custom&start=2026-05-01"
    assert without(cleaned, "start", also=["when"]) == "?region=drenthe"
    assert query_string(cleaned) == "when=custom&start=2026-05-01&region=drenthe"


class _Form(forms.Form):
    when = forms.ChoiceField(label="When", choices=[("week", "This week")], required=False)
    region = forms.ChoiceField(
        label="Region", choices=[("Countries", [("country-NL", "Netherlands")])], required=False
    )
    start = forms.DateField(label="From", required=False)


def test_form_chips_label_choices_and_carry_a_selection():
    form = _Form({"when": "week", "region": "country-NL"})
    chosen = {"when": "week", "region": "country-NL", "start": date(2026, 5, 1)}
    chips = form_chips(form, chosen, carry={"sessions": "4,7"}, also={"start": ["when"]})
    assert chips == [
        Chip("When", "This week", "?region=country-NL&start=2026-05-01&sessions=4%2C7"),
        Chip("Region", "Netherlands", "?when=week&start=2026-05-01&sessions=4%2C7"),
        Chip("From", "2026-05-01", "?region=country-NL&sessions=4%2C7"),
    ]
