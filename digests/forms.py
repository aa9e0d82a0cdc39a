"""The subscribe form and the manage form. Choices are translation keys (the
same in every language), labelled in the reader's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digests.models import Subscription
from home.honeypot import HoneypotMixin

LABELS = {
    "theme_keys": _("Themes"),
    "region_keys": _("Regions"),
    "event_type_keys": _("Kinds of event"),
    "section_keys": _("Partners"),
}


class ChoicesForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in LABELS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=options.get(name, []),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def full_clean(self):
        """Fields in error point to their message (`<p id="…-error">`)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )

    def choices(self):
        return {name: self.cleaned_data.get(name) or [] for name in LABELS}

    def choice_fields(self):
        return [self[name] for name in LABELS if self.fields[name].choices]


class SubscribeForm(HoneypotMixin, ChoicesForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={"invalid": _("Please enter an e-mail address such as name@example.org.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", "frequency"]
