"""The public forms of travel together: offer seats, ask for a ride, go by
public transport; and the manage page's "ask to join" and report forms."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from events.schedule import to_aware, to_local
from home.honeypot import HoneypotMixin
from travel.models import LANGUAGES_SPOKEN, MAX_PLACES, Place, TravelEntry

Kind = TravelEntry.Kind


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, place):
        return str(place)


class EntryForm(HoneypotMixin, forms.Form):
    """One form for the three kinds; fields that do not apply are removed."""

    place = PlaceChoiceField(
        label=_("From (village or town)"),
        queryset=Place.objects.filter(active=True).order_by("name", "municipality"),
        empty_label=_("Choose a place"),
        error_messages={"invalid_choice": _("Please choose a place from the list.")},
    )
    departs = forms.TimeField(
        label=_("Departure time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Please give a time such as 18:30.")},
    )
    seats = forms.IntegerField(label=_("Free seats"), min_value=1, max_value=MAX_PLACES, initial=1)
    transit_seats = forms.IntegerField(
        label=_("How many may join you (0: no limit)"),
        min_value=0,
        max_value=MAX_PLACES,
        initial=0,
    )
    people = forms.IntegerField(
        label=_("How many people travel (you included)"),
        min_value=1,
        max_value=MAX_PLACES,
        initial=1,
    )
    wheelchair = forms.BooleanField(label=_("Wheelchair"), required=False)
    walker = forms.BooleanField(label=_("Walker"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGES_SPOKEN,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.CharField(
        label=_("Anything the driver should know (only shown to the people you travel with)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to manage your entry. It is never shown on the site."),
    )
    phone = forms.CharField(
        label=_("Phone (optional, shared only when you agree)"), max_length=40, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are kept for this trip and deleted a week after the event."
        ),
        error_messages={"required": _("Please agree, or we cannot keep your entry.")},
    )

    def __init__(self, *args, kind, occurrence, retention_days=7, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.occurrence = occurrence
        drop = {
            Kind.OFFER: ("people", "transit_seats"),
            Kind.REQUEST: ("seats", "transit_seats"),
            Kind.TRANSIT: ("seats", "people", "needs"),
        }[kind]
        for name in drop:
            del self.fields[name]
        if kind == Kind.REQUEST:
            self.fields["wheelchair"].label = _("I travel with a wheelchair")
            self.fields["walker"].label = _("I travel with a walker")
            self.fields["departs"].label = _("Earliest departure time")
        elif kind == Kind.OFFER:
            self.fields["wheelchair"].label = _("The car takes a wheelchair")
            self.fields["walker"].label = _("The car takes a walker")
        else:
            del self.fields["wheelchair"]
            del self.fields["walker"]
        self.fields["consent"].label = _(
            "I agree that my details are kept for this trip and deleted %(days)s days after the event."
        ) % {"days": retention_days}

    def departs_at(self):
        """The departure on the date's day (local time)."""
        day = to_local(self.occurrence.start).date()
        return to_aware(datetime.combine(day, self.cleaned_data["departs"]))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name


class AskForm(HoneypotMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message (optional; your e-mail address stays hidden)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.CharField(
        label=_("What happened? (goes to the organiser)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
