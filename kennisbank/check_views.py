"""The page an organisation reaches through the link in "are your details
still correct?": confirm them, or send new ones for an editor to approve.

Never cached and never indexed: the address is the organisation's key.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kennisbank import checks
from kennisbank.forms import OrganisationDetailsForm


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def organisation_check(request, page, token):
    organisation, problem = checks.organisation_for_token(token)
    if organisation is None:
        response = page.render(
            request,
            template="kennisbank/organisation_check_invalid.html",
            context_overrides={"expired": problem == "expired"},
        )
        response.status_code = 410 if problem == "expired" else 404
        return _private(response)
    language = page.locale.language_code
    local = checks.in_language(organisation, language)
    form = OrganisationDetailsForm(instance=local)
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            checks.confirm(local)
            messages.success(request, _("Thank you: your details are marked as checked."))
            return redirect(request.path)
        form = OrganisationDetailsForm(request.POST, instance=checks.in_language(local, language))
        if form.is_valid():
            change = checks.propose_change(local, language, form.cleaned_data)
            if change is None:
                checks.confirm(local)
                messages.success(
                    request, _("Nothing changed, so your details are marked as checked. Thank you.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: an editor will look at your changes and put them "
                        "online. We will let you know by e-mail."
                    ),
                )
            return redirect(request.path)
        messages.error(request, _("Please correct the fields marked below."))
    waiting = checks.pending_changes().filter(organisation=checks.source_of(local)).exists()
    response = page.render(
        request,
        template="kennisbank/organisation_check.html",
        context_overrides={"organisation": local, "form": form, "waiting": waiting},
    )
    return _private(response)
