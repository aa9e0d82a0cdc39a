"""The digest's e-mails, each in the subscriber's language (`translation.override`,
as registration's e-mails do): the confirmation link, the "you already
subscribe" note with the manage link, and the digest itself (text and HTML).

Every digest carries a signed manage link and RFC 8058 one-click unsubscribe
headers: `List-Unsubscribe` (our URL and a mailto) and `List-Unsubscribe-Post`.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from digests.models import DigestPage, Subscription
from digests.services import token_for

CONFIRM = "confirm"
ALREADY = "already"


def queue(subscription, kind):
    """Send the e-mail after the transaction commits, by the task worker."""
    from digests.tasks import send_subscription_email

    pk = subscription.pk
    transaction.on_commit(lambda: send_subscription_email.enqueue(pk, kind))


def digest_page(language):
    """The subscription page in `language` (the default language's otherwise)."""
    pages = DigestPage.objects.live().public().select_related("locale")
    found = {page.locale.language_code: page for page in pages}
    return (
        found.get(language) or found.get(settings.LANGUAGE_CODE) or next(iter(found.values()), None)
    )


def _base():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def page_link(subscription, route, purpose):
    page = digest_page(subscription.language)
    if page is None:
        return ""
    url = page.get_full_url() or ""
    if url.startswith("/"):
        url = _base() + url
    return url + page.reverse_subpage(route, kwargs={"token": token_for(subscription, purpose)})


def manage_link(subscription):
    return page_link(subscription, "digest_manage", "manage")


def unsubscribe_link(subscription):
    with translation.override(subscription.language):
        path = reverse(
            "digest_unsubscribe", kwargs={"token": token_for(subscription, "unsubscribe")}
        )
    return _base() + path


def unsubscribe_mailto():
    address = (
        getattr(settings, "DIGEST_UNSUBSCRIBE_EMAIL", "")
        or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    )
    return f"mailto:{address}?subject=unsubscribe"


def send_subscription_email(subscription_id, kind):
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return False
    with translation.override(subscription.language):
        if kind == CONFIRM:
            if subscription.is_confirmed:
                return False
            subject = _("Please confirm your subscription to the digest")
            context = {"link": page_link(subscription, "digest_confirm", "confirm"), "days": 3}
        else:
            subject = _("You already receive the digest")
            context = {"link": manage_link(subscription)}
        body = render_to_string(f"digests/email/{kind}.txt", context)
    EmailMultiAlternatives(subject, body, to=[subscription.email]).send()
    return True


def build_digest(digest):
    subscription = digest.subscription
    with translation.override(subscription.language):
        context = {
            "digest": digest,
            "manage_link": manage_link(subscription),
            "unsubscribe_link": unsubscribe_link(subscription),
            "date": date_format(timezone.localdate(), "DATE_FORMAT"),
            "weekly": subscription.frequency == Subscription.Frequency.WEEKLY,
            "language": subscription.language,
        }
        subject = _("Your digest of %(date)s") % {"date": context["date"]}
        text = render_to_string("digests/email/digest.txt", context)
        html = render_to_string("digests/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_link']}>, <{unsubscribe_mailto()}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digest(digest):
    build_digest(digest).send()
