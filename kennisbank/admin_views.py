"""The editors' actions of the "Organisations to check" report: mark an entry
checked, ask the organisation, and approve or reject what it sent. The rules
are in `kennisbank.checks`; these views only translate requests to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.models import Organisation
from kennisbank import checks
from kennisbank.models import OrganisationChange

REPORT = "kennisbank_reports:stale_organisations"


def _allowed(request):
    if not request.user.has_perm(f"home.change_{Organisation._meta.model_name}"):
        raise PermissionDenied


@require_POST
def mark_checked(request, pk):
    _allowed(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    checks.mark_checked(organisation, user=request.user)
    messages.success(request, _("%(name)s is marked as checked.") % {"name": organisation})
    return redirect(REPORT)


@require_POST
def ask(request, pk):
    _allowed(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    try:
        sent = checks.ask(organisation, user=request.user)
    except checks.CannotAsk as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request,
            _("We e-mailed %(email)s a link to check the details of %(name)s.")
            % {"email": sent.email, "name": organisation},
        )
    return redirect(REPORT)


def change(request, pk):
    _allowed(request)
    proposed = get_object_or_404(OrganisationChange.objects.select_related("organisation"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            done = checks.approve(proposed, request.user)
            text = _("The changes to %(name)s are online; the organisation has been told.")
        elif action == "reject":
            done = checks.reject(proposed, request.user)
            text = _("The changes to %(name)s were rejected; the organisation has been told.")
        else:
            done, text = False, ""
        if done:
            messages.success(request, text % {"name": proposed.organisation})
        else:
            messages.error(request, _("These changes were already decided on."))
        return redirect(REPORT)
    return TemplateResponse(
        request,
        "kennisbank/admin/organisation_change.html",
        {
            "change": proposed,
            "rows": checks.change_rows(proposed),
            "header_title": _("Changes proposed by %(name)s") % {"name": proposed.organisation},
        },
    )
