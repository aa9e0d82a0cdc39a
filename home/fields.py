"""Model fields more than one app uses."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

# Languages people speak at an event or a partner works in: the site's three
# first, then those most asked for in the border region, in Dutch villages and
# in the exchanges further east.
LANGUAGE_CHOICES = [
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
    ("nds", _("Low German (Platt)")),
    ("li", _("Limburgish")),
    ("fy", _("Frisian")),
    ("fr", _("French")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
    ("dse", _("Dutch Sign Language")),
    ("gsg", _("German Sign Language")),
]


class LanguagesFormField(forms.MultipleChoiceField):
    """Checkboxes whose cleaned value is the comma-separated list the model stores."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = [code for code in value.split(",") if code]
        return super().to_python(value)

    def clean(self, value):
        return ",".join(super().clean(value))


class LanguagesField(models.CharField):
    """Language codes as "nl,de", edited as checkboxes: filterable with a plain
    LIKE, no JSON lookups (SQLite has no JSON containment), and synchronised
    across translations like any other field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "home.fields.LanguagesField", args, kwargs

    def formfield(self, **kwargs):
        return LanguagesFormField(
            choices=LANGUAGE_CHOICES,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
