"""A honeypot for public forms: a field people never see and bots fill in.

`HoneypotMixin` adds the field `website` to a form; the template draws it with
`{% include "home/honeypot.html" with field=form.website %}` (out of sight and
out of the tab order, still in the form). `caught(request)` tells a view that
a bot sent the form: answer as on success and store nothing, so the bot learns
nothing.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

FIELD = "website"


class HoneypotMixin(forms.Form):
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})


def caught(request):
    """True when the honeypot of the form in `request` was filled in."""
    return bool(request.POST.get(FIELD))
