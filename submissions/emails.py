"""E-mails to the person who submitted an activity, in the language they used.

`queue()` sends after the surrounding transaction commits (a task), so a
submission is saved whatever the mail server does.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

CONFIRM = "confirm"
RECEIVED = "received"
APPROVED = "approved"
DECLINED = "declined"


def queue(submission, kind):
    from submissions.tasks import send_submission_email

    submission_id = submission.pk
    transaction.on_commit(lambda: send_submission_email.enqueue(submission_id, kind))


def _site_url(path):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return path if path.startswith("http") else base + path


def _route(submission, name, token):
    page = submission.form_page
    if page is None:
        return ""
    return _site_url(page.url + page.reverse_subpage(name, kwargs={"token": token}))


def build(submission, kind):
    """The e-mail of `kind` about `submission`, in the submitter's language."""
    from submissions import services

    with translation.override(submission.language):
        title = " ".join(submission.data.get("title", "").split())[:150]
        subjects = {
            CONFIRM: _("Please confirm your e-mail address: %(title)s"),
            RECEIVED: _("We received your activity: %(title)s"),
            APPROVED: _("Your activity is online: %(title)s"),
            DECLINED: _("Your activity was not published: %(title)s"),
        }
        context = {
            "submission": submission,
            "title": title,
            "kind": kind,
            "confirm_url": _route(submission, "confirm", services.confirm_token(submission))
            if kind == CONFIRM
            else "",
            "edit_url": _route(submission, "edit", services.edit_token(submission))
            if kind == RECEIVED
            else "",
            "public_url": submission.page.get_full_url()
            if kind == APPROVED and submission.page
            else "",
            "confirm_days": services.CONFIRM_DAYS,
            "retention_days": services.retention_days(),
        }
        body = render_to_string("submissions/email/body.txt", context)
        subject = subjects[kind] % {"title": title}
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[submission.contact_email],
    )


def send(submission_id, kind):
    from submissions.models import Submission

    submission = Submission.objects.select_related("form_page", "page").filter(pk=submission_id)
    submission = submission.first()
    if submission is None:  # erased meanwhile
        return False
    return bool(build(submission, kind).send())
