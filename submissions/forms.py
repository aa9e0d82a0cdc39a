"""The "Add your activity" form: what an initiative tells us about its activity.

The dates come in three shapes a visitor knows from paper calendars: one date,
a few dates, or a simple repeat ("every week on Tuesday", "every 2nd Saturday
of the month") until a last date. `submissions.services.schedule_of` turns
them into the event's start, end and django-recurrence rule.

An image is checked for type (JPEG, PNG or WebP, read by Pillow, not by its
name) and size; a valid image survives a form that has other errors: it is
stored and the form carries a signed reference to it (`image_token`).
"""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.fields import LANGUAGE_CHOICES
from home.honeypot import HoneypotMixin
from home.i18n import localized_queryset
from home.models import COUNTRY_CHOICES, Region, Theme

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_EXTRA_DATES = 4
LONGEST_REPEAT_DAYS = 366 * 2  # a repeat ends within two years; editors can extend it

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
NTH = [
    (1, pgettext_lazy("every … weekday of the month", "1st")),
    (2, pgettext_lazy("every … weekday of the month", "2nd")),
    (3, pgettext_lazy("every … weekday of the month", "3rd")),
    (4, pgettext_lazy("every … weekday of the month", "4th")),
    (-1, pgettext_lazy("every … weekday of the month", "last")),
]


class When:
    ONCE = "once"
    SEVERAL = "several"
    REPEAT = "repeat"


class Repeat:
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


def nth_weekday_of(day):
    """(n, weekday) of a date: 12 December 2026 is the 2nd Saturday (2, 5)."""
    return (day.day - 1) // 7 + 1, day.weekday()


def is_last_weekday(day):
    return (day + timedelta(days=7)).month != day.month


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SubmissionForm(HoneypotMixin, forms.Form):
    title = forms.CharField(
        label=_("Name of the activity"),
        max_length=120,
        help_text=_("E.g. “Repair café in the village hall”."),
    )
    description = forms.CharField(
        label=_("What happens"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What visitors can expect, who it is for, whether they should bring something."
        ),
    )
    when = forms.ChoiceField(
        label=_("Dates"),
        choices=[
            (When.ONCE, _("One date")),
            (When.SEVERAL, _("Several dates")),
            (When.REPEAT, _("Repeats regularly")),
        ],
        initial=When.ONCE,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(label=_("(First) date"), widget=DateInput())
    repeat = forms.ChoiceField(
        label=_("How it repeats"),
        required=False,
        choices=[
            ("", _("— only for “Repeats regularly” —")),
            (Repeat.WEEKLY, _("Every week on the weekday below")),
            (Repeat.FORTNIGHTLY, _("Every two weeks on the weekday below")),
            (Repeat.MONTHLY, _("Every month on the weekday below (e.g. every 2nd Saturday)")),
        ],
    )
    repeat_nth = forms.TypedChoiceField(
        label=_("Which one in the month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *NTH],
        help_text=_("Only for a monthly repeat."),
    )
    repeat_weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *WEEKDAYS],
    )
    repeat_until = forms.DateField(label=_("Repeats until"), required=False, widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    venue_name = forms.CharField(
        label=_("Place"),
        max_length=160,
        required=False,
        help_text=_("E.g. “Village hall De Linde”. Leave empty for an online activity."),
    )
    street = forms.CharField(label=_("Street and number"), max_length=160, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=12, required=False)
    city = forms.CharField(label=_("Town or village"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES, initial="NL")
    online_url = forms.URLField(
        assume_scheme="https",
        label=_("Online link"),
        required=False,
        max_length=500,
        help_text=_("For an online or hybrid activity: the video call or livestream."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        empty_label=_("— choose —"),
        help_text=_("Decides which editors look at your activity."),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("A JPEG, PNG or WebP photo of at most 5 MB, that you may publish."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_token = forms.CharField(required=False, widget=forms.HiddenInput)
    image_alt = forms.CharField(
        label=_("What the image shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it."),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=100)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm it. Never shown on the site."),
    )
    contact_phone = forms.CharField(
        label=_("Your phone number (optional)"),
        max_length=40,
        required=False,
        help_text=_("Only for the editors, if they have a question."),
    )
    consent = forms.BooleanField(
        label=_("I agree to the privacy statement."),
        error_messages={"required": _("Please agree to the privacy statement to send the form.")},
    )

    def __init__(self, *args, today=None, stored_image=None, **kwargs):
        """`stored_image`: the name of a valid image sent with an earlier post
        (read back from `image_token` by the view)."""
        kwargs.setdefault("auto_id", "sub-%s")
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.stored_image = stored_image
        self.fields["themes"].queryset = localized_queryset(Theme).order_by("name")
        self.fields["region"].queryset = localized_queryset(Region).order_by("country", "name")
        for name in MORE_DATES:
            self.fields[name] = forms.DateField(
                label=_("Another date"), required=False, widget=DateInput()
            )
        autocomplete = {
            "contact_name": "name",
            "contact_email": "email",
            "contact_phone": "tel",
            # One line: "street-address" is for a multi-line field (a textarea).
            "street": "address-line1",
            "postcode": "postal-code",
            "city": "address-level2",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["contact_phone"].widget.input_type = "tel"

    @property
    def error_list(self):
        """(field id, label, message) of every field error, for the summary on top."""
        return [
            (self[name].auto_id, self[name].label, " ".join(errors))
            for name, errors in self.errors.items()
            if name in self.fields and name != "__all__"
        ]

    @property
    def more_date_fields(self):
        return [self[name] for name in MORE_DATES]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        if upload.size > MAX_IMAGE_BYTES:
            raise ValidationError(
                _("The image is larger than 5 MB. Please send a smaller one."), code="too_large"
            )
        from PIL import Image, UnidentifiedImageError

        try:
            upload.seek(0)
            with Image.open(upload) as picture:
                kind = picture.format
                picture.verify()
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ValidationError(
                _("This file is not an image we can read. Please send a JPEG, PNG or WebP."),
                code="not_an_image",
            ) from error
        finally:
            upload.seek(0)
        if kind not in IMAGE_FORMATS:
            raise ValidationError(
                _("Please send the image as JPEG, PNG or WebP."), code="wrong_type"
            )
        upload.image_extension = IMAGE_FORMATS[kind]
        return upload

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("date")
        when = cleaned.get("when")
        if first and first < self.today:
            self.add_error("date", _("This date has already passed."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end lies before the start."))
        if not cleaned.get("venue_name") and not cleaned.get("online_url"):
            self.add_error(
                "venue_name",
                _("Enter a place, an online link, or both for a hybrid activity."),
            )
        if cleaned.get("venue_name") and not cleaned.get("city"):
            self.add_error("city", _("Enter the town or village of the place."))
        extra = sorted({cleaned[name] for name in MORE_DATES if cleaned.get(name)})
        if when == When.SEVERAL:
            if not extra:
                self.add_error(MORE_DATES[0], _("Enter at least one more date."))
            for day in extra:
                if day < self.today:
                    self.add_error(MORE_DATES[0], _("This date has already passed."))
                    break
            cleaned["extra_dates"] = [day.isoformat() for day in extra if first and day != first]
        else:
            cleaned["extra_dates"] = []
        if when == When.REPEAT and first:
            self._clean_repeat(cleaned, first)
        return cleaned

    def _clean_repeat(self, cleaned, first):
        repeat = cleaned.get("repeat")
        if not repeat:
            self.add_error("repeat", _("Choose how the activity repeats."))
            return
        weekday = cleaned.get("repeat_weekday")
        if weekday is None:
            weekday = first.weekday()
            cleaned["repeat_weekday"] = weekday
        if repeat == Repeat.MONTHLY:
            nth = cleaned.get("repeat_nth")
            if nth is None:
                self.add_error("repeat_nth", _("Choose which weekday of the month, e.g. “2nd”."))
                return
            matches = first.weekday() == weekday and (
                nth_weekday_of(first)[0] == nth or (nth == -1 and is_last_weekday(first))
            )
        else:
            matches = first.weekday() == weekday
        if not matches:
            self.add_error(
                "date",
                _(
                    "The first date does not fall on the repeat you chose. Please pick a date "
                    "that does, e.g. the first one."
                ),
            )
        until = cleaned.get("repeat_until")
        if until is None:
            self.add_error("repeat_until", _("Enter the date of the last time."))
        elif until <= first:
            self.add_error("repeat_until", _("The last time lies before the first date."))
        elif until > first + timedelta(days=LONGEST_REPEAT_DAYS):
            self.add_error(
                "repeat_until",
                _("A repeat may run for two years at most; you can extend it later."),
            )


MORE_DATES = [f"date_{n}" for n in range(2, 2 + MAX_EXTRA_DATES)]


def initial_from(data):
    """The form's initial values from a stored submission's `data` (an edit)."""
    initial = dict(data)
    for key in ("date", "repeat_until", *MORE_DATES):
        if initial.get(key):
            initial[key] = date.fromisoformat(initial[key])
    return initial
