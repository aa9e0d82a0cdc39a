"""The visitor's registration form and the manage page's forms.

The form checks what the visitor typed and asks `registration.services.decide`
(the one rule) whether the chosen date takes that many places; the service
asks the same rule again under the date's lock, where the answer is final.
"""

import re
import secrets

from django import forms
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from events.schedule import to_local
from home.honeypot import HoneypotMixin
from registration.models import RegistrationQuestion, settings_of
from registration.services import InvalidPlaces, decide

UNSAFE_NAME = re.compile(r"[<>{}\x00-\x1f\x7f]")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def date_label(occurrence):
    """The date as the active language writes it, e.g. "Samstag, 12. Dezember 2026, 10:00–13:00"."""
    start, end = to_local(occurrence.start), to_local(occurrence.end)
    day = date_format(start, "WEEKDAY_DATE_FORMAT")
    if occurrence.all_day:
        return day
    return f"{day}, {time_format(start)}–{time_format(end)}"


def moment_label(moment):
    """A moment (e.g. an offer's deadline) as the active language writes it,
    e.g. "Samstag, 12. Dezember 2026, 10:00"."""
    return date_format(to_local(moment), "WEEKDAY_DATETIME_FORMAT")


class RegistrationForm(HoneypotMixin, forms.Form):
    """Name, e-mail, places, the event's questions, consent; plus the chosen
    date for a series registered per date, a honeypot and the form token."""

    occurrence = forms.TypedChoiceField(
        label=_("Date"), coerce=int, widget=forms.RadioSelect, empty_value=None
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    places = forms.IntegerField(label=_("Number of places"), min_value=1, initial=1)
    consent = forms.BooleanField(
        label=_("I agree to the privacy statement."),
        required=True,
        error_messages={"required": _("Please agree to the privacy statement to register.")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event, dates=(), questions=(), confirmed=None, now=None, **kwargs):
        """`event`: the source page (its settings and capacity count);
        `confirmed`: {date id: confirmed places}, for the check in `clean`."""
        kwargs.setdefault("auto_id", "reg-%s")
        super().__init__(*args, **kwargs)
        self.event = event
        self.confirmed = confirmed or {}
        self.now = now
        max_places = settings_of(event).max_places
        self.dates = list(dates)
        self.questions = list(questions)
        self.fields["occurrence"].choices = [(o.pk, date_label(o)) for o in self.dates]
        if len(self.dates) == 1:
            self.fields["occurrence"].widget = forms.HiddenInput()
            self.fields["occurrence"].initial = self.dates[0].pk
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        places = self.fields["places"]
        places.widget.attrs.update({"min": 1, "max": max_places, "inputmode": "numeric"})
        places.help_text = _("Yourself and the people you bring along (at most %(n)s).") % {
            "n": max_places
        }
        if max_places == 1:
            places.widget = forms.HiddenInput()
        if not self.is_bound:
            self.initial["form_token"] = secrets.token_urlsafe(24)
        for question in self.questions:
            self.fields[self.question_field(question)] = self._question_field(question)

    @staticmethod
    def question_field(question):
        return f"q_{question.pk}"

    def _question_field(self, question):
        common = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
        }
        kind = RegistrationQuestion.Kind
        if question.kind == kind.LONG:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common
            )
        if question.kind == kind.CHOICE:
            choices = [(c, c) for c in question.choice_list]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if question.kind == kind.CHECKBOXES:
            choices = [(c, c) for c in question.choice_list]
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.CharField(max_length=200, **common)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if UNSAFE_NAME.search(name):
            raise forms.ValidationError(
                _("Please write your name without the characters < > { }."), code="unsafe"
            )
        return name

    def clean(self):
        """The date must take this many places (the rule of `services.decide`)."""
        cleaned = super().clean()
        chosen = cleaned.get("occurrence")
        places = cleaned.get("places")
        occurrence = next((o for o in self.dates if o.pk == chosen), None)
        if occurrence is None or places is None:
            return cleaned
        state = decide(
            self.event,
            occurrence,
            confirmed=self.confirmed.get(occurrence.pk, 0),
            now=self.now,
            places=places,
        )
        if isinstance(state.error, InvalidPlaces):
            self.add_error("places", str(state.error.message))
        elif state.error is not None:
            self.add_error(None, str(state.error.message))
        return cleaned

    def clean_form_token(self):
        token = self.cleaned_data.get("form_token") or ""
        return token if TOKEN.match(token) else ""

    def answers(self):
        """The answers as stored: [{key, label, value}] with the question's
        translation key, so answers in any language line up in the export."""
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(self.question_field(question))
            if isinstance(value, list):
                value = ", ".join(value)
            result.append(
                {
                    "key": str(question.translation_key),
                    "label": question.label,
                    "value": value or "",
                }
            )
        return result

    def bound_questions(self):
        return [self[self.question_field(q)] for q in self.questions]

    def error_list(self):
        """[(field id, label, message)] for the error summary at the top."""
        items = []
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            bound = self[name]
            target = bound.auto_id
            if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                target = f"{bound.auto_id}_0"
            for error in errors:
                items.append((target, bound.label, error))
        return items


class PlacesForm(forms.Form):
    places = forms.IntegerField(label=_("Number of places"), min_value=1)

    def __init__(self, *args, max_places=1, **kwargs):
        kwargs.setdefault("auto_id", "manage-%s")
        super().__init__(*args, **kwargs)
        # The limit itself is `services.decide`'s (change_places asks it).
        self.fields["places"].widget.attrs.update({"min": 1, "max": max_places})
