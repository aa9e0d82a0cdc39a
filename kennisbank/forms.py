"""The form an organisation uses, through its signed link, to correct its entry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Organisation
from kennisbank.checks import EDITABLE_FIELDS


class OrganisationDetailsForm(forms.ModelForm):
    """Only the fields an organisation may change about itself; the model's own
    validation (lengths, web and e-mail addresses) gives the messages."""

    website = Organisation._meta.get_field("website").formfield(assume_scheme="https")

    class Meta:
        model = Organisation
        fields = EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "website": _("The full address, starting with https://"),
            "contact_email": _("Where visitors and we can reach you."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["website"].widget.attrs["autocomplete"] = "url"

    def validate_unique(self):
        # The entry is not saved from here (an editor approves it first), and
        # the slug, which the unique constraint is about, is not in the form.
        pass
