"""The visitor's views of "Add your activity", served by `SubmitActivityPage`'s
routes: the form (`""`), "check your mail" (`sent/`), the confirmation link
(`confirm/<token>/`: a button, so a mail scanner that follows links confirms
nothing) and the edit link (`edit/<token>/`).

Errors come back next to their field with everything typed still there; a
valid image sent with a form that had other errors is kept (a signed
reference in the form), so it need not be chosen again.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import honeypot
from home.ratelimit import allow
from submissions import services
from submissions.forms import SubmissionForm
from submissions.models import Submission

RATE_LIMIT = (5, 3600)  # submissions per visitor address per hour
EMAIL_RATE_LIMIT = (5, 86400)  # submissions per e-mail address per day


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _url(page, name, **kwargs):
    return page.url + page.reverse_subpage(name, kwargs=kwargs or None)


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    return _private(TemplateResponse(request, template, context, status=status))


def _image_kept(request, form):
    """Store a valid new image, or keep the one a previous post stored; the
    form's hidden reference points at it. Returns the stored name or None."""
    upload = form.cleaned_data.get("image") if hasattr(form, "cleaned_data") else None
    if upload and "image" not in form.errors:
        name = services.store_upload(upload)
    else:
        name = form.stored_image
    form.data = form.data.copy()
    form.data["image_token"] = services.upload_token(name)
    return name


def _form_response(request, page, form, *, error=None, status=400, submission=None, token=None):
    _image_kept(request, form)
    return _render(
        request,
        page,
        "submissions/form.html",
        {
            "form": form,
            "error": error,
            "submission": submission,
            "token": token,
            "stored_image": bool(form.data.get("image_token")),
        },
        status=status,
    )


def form_view(request, page):
    if request.method != "POST":
        return _render(request, page, "submissions/form.html", {"form": SubmissionForm()})
    stored = services.read_upload_token(request.POST.get("image_token"))
    form = SubmissionForm(request.POST, request.FILES, stored_image=stored)
    if honeypot.caught(request):
        # A bot filled in the honeypot: answer like a success, store nothing.
        return HttpResponseRedirect(_url(page, "sent"))
    if not allow(request, "submission", *RATE_LIMIT):
        form.is_valid()
        return _form_response(request, page, form, status=429, error=_too_often())
    if not form.is_valid():
        return _form_response(request, page, form)
    if not allow(
        request, "submission-email", *EMAIL_RATE_LIMIT, per=form.cleaned_data["contact_email"]
    ):
        return _form_response(request, page, form, status=429, error=_too_often())
    upload = _image_kept(request, form)
    services.submit(page, form.cleaned_data, language=get_language(), upload=upload)
    return HttpResponseRedirect(_url(page, "sent"))


def _too_often():
    return _(
        "You have sent the form too often in a short time. Please try again tomorrow, "
        "or write to us. Nothing you typed is lost."
    )


def sent(request, page):
    return _render(request, page, "submissions/sent.html", {"days": services.CONFIRM_DAYS})


def confirm(request, page, token):
    submission = services.submission_to_confirm(token)
    if submission is None:
        return _render(request, page, "submissions/invalid.html", {}, status=404)
    if request.method == "POST" and submission.status == Submission.Status.UNCONFIRMED:
        submission = services.confirm(submission)
        return HttpResponseRedirect(_url(page, "confirm", token=token) + "?done=1")
    return _render(
        request,
        page,
        "submissions/confirm.html",
        {"submission": submission, "done": submission.status != Submission.Status.UNCONFIRMED},
    )


def edit(request, page, token):
    submission = services.submission_to_edit(token)
    if submission is None:
        return _render(request, page, "submissions/invalid.html", {}, status=404)
    if not submission.editable:
        return _render(request, page, "submissions/reviewed.html", {"submission": submission})
    if request.method != "POST":
        form = SubmissionForm(initial=services.initial_for(submission))
        context = {"form": form, "submission": submission, "token": token,
                   "saved": request.GET.get("done") == "1"}  # fmt: skip
        return _render(request, page, "submissions/form.html", context)
    stored = services.read_upload_token(request.POST.get("image_token"))
    data = request.POST.copy()
    data["contact_email"] = submission.contact_email  # the confirmed address stays
    form = SubmissionForm(data, request.FILES, stored_image=stored)
    if not form.is_valid():
        return _form_response(request, page, form, submission=submission, token=token)
    upload = _image_kept(request, form)
    if not services.update(submission, form.cleaned_data, upload=upload):
        return _render(request, page, "submissions/reviewed.html", {"submission": submission})
    return HttpResponseRedirect(_url(page, "edit", token=token) + "?done=1")
