"""The admin's "Embed the calendar" view: an editor picks filters and gets the
<iframe> code to paste into a partner's website. A GET form, so the code is
there without JavaScript, and the preview is the embed itself."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.models import SPOKEN_LANGUAGES
from events.queries import filter_options
from home.models import COUNTRY_CHOICES
from opendata import embed, services


class EmbedForm(forms.Form):
    site_language = forms.ChoiceField(label=_("Language of the calendar"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    region = forms.ChoiceField(label=_("Region or country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    type = forms.ChoiceField(label=_("Kind of event"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    limit = forms.IntegerField(
        label=_("Number of dates"),
        min_value=1,
        max_value=embed.MAX_LIMIT,
        initial=embed.DEFAULT_LIMIT,
        required=False,
    )
    height = forms.IntegerField(
        label=_("Height in pixels"), min_value=200, max_value=3000, initial=600, required=False
    )

    def __init__(self, data, language):
        super().__init__(data)
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
        options = filter_options(locale)
        everything = [("", _("All"))]
        self.fields["site_language"].choices = list(settings.LANGUAGES)
        self.fields["partner"].choices = everything + services.partner_choices(language)
        self.fields["region"].choices = (
            everything
            + [(f"country-{code}", label) for code, label in COUNTRY_CHOICES]
            + options["region"]
        )
        self.fields["theme"].choices = everything + options["theme"]
        self.fields["type"].choices = everything + options["type"]
        self.fields["language"].choices = everything + list(SPOKEN_LANGUAGES)


def embed_code(request):
    language = request.GET.get("site_language") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    form = EmbedForm(request.GET or None, language)
    code = url = None
    if form.is_valid():
        values = form.cleaned_data
        with translation.override(language):
            path = reverse("embed_calendar")
            title = str(_("Upcoming events"))
        query = embed.embed_query(values)
        url = request.build_absolute_uri(f"{path}?{query}" if query else path)
        height = values.get("height") or 600
        code = (
            f'<iframe src="{url}" title="{title}" width="100%" height="{height}" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>'
        )
    return render(
        request,
        "opendata/admin/embed_code.html",
        {"form": form, "code": code, "url": url, "header_title": _("Embed the calendar")},
    )
