"""Keeping the directory current: which organisations are due for a check, and
the rules of checking them.

- An organisation is *due* when nobody confirmed its details in the last
  `STALE_AFTER` (never-checked ones first).
- An editor may mark it checked (after a phone call, say), or *ask* it: an
  e-mail in the organisation's language (`Organisation.language`) with a
  signed link that expires after `ORGANISATION_CHECK_LINK_DAYS`. Through the
  link the organisation confirms ("still correct": checked today) or proposes
  new details, which wait as an `OrganisationChange` until an editor approves
  (then they are live on every language version and the entry counts as
  checked) or rejects them. The organisation is told either way.
- `send_yearly_reminders()` asks every due organisation with an address that
  was not asked in the last `ORGANISATION_ASK_INTERVAL_DAYS`; running it twice
  sends nothing more.

Everything an editor or an organisation does is in Wagtail's log of the
organisation.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home.models import Organisation
from home.signing import read_url_token, url_token
from kennisbank.models import (
    OrganisationChange,
    OrganisationCheckRequest,
    OrganisationDirectoryPage,
)

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(days=365)
TOKEN_SALT = "kennisbank.organisation-check"  # noqa: S105 (a salt, not a secret)
# What an organisation may change in its own entry. Everything but the
# description is the same in every language; the description is the one of the
# organisation's own language.
EDITABLE_FIELDS = [
    "name",
    "description",
    "website",
    "contact_email",
    "contact_phone",
    "offers_knowledge",
    "offers_money",
    "offers_network",
    "offers_advice",
]
PER_LANGUAGE_FIELDS = {"description"}


def link_days():
    return settings.ORGANISATION_CHECK_LINK_DAYS


def ask_interval():
    return timedelta(days=settings.ORGANISATION_ASK_INTERVAL_DAYS)


def due_organisations(today=None):
    """Organisations (source language) never checked, or last checked over a year ago.

    Never-checked ones come first on every database (PostgreSQL sorts NULL last)."""
    today = today or timezone.localdate()
    return (
        Organisation.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=today - STALE_AFTER))
        .order_by(F("last_checked").asc(nulls_first=True), "name")
    )


def source_of(organisation):
    """The organisation in the site's source language (where the report lists it)."""
    if organisation.locale.language_code == settings.LANGUAGE_CODE:
        return organisation
    return (
        Organisation.objects.filter(
            translation_key=organisation.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).first()
        or organisation
    )


def in_language(organisation, language):
    """The language version of `organisation` in `language`, or the source."""
    return Organisation.objects.filter(
        translation_key=organisation.translation_key, locale__language_code=language
    ).first() or source_of(organisation)


@transaction.atomic
def mark_checked(organisation, user=None, action="kennisbank.organisation_checked"):
    """The details are confirmed today, in every language version."""
    today = timezone.localdate()
    Organisation.objects.filter(translation_key=organisation.translation_key).update(
        last_checked=today
    )
    organisation.last_checked = today
    log(source_of(organisation), action, user=user)


# -- The signed link ---------------------------------------------------------


def check_token(organisation):
    return url_token([organisation.pk], TOKEN_SALT)


def organisation_for_token(token):
    """(organisation, problem): the organisation a link stands for, or None and
    "expired" (older than the link's lifetime) or "invalid" (tampered, unknown)."""
    try:
        value = read_url_token(token, TOKEN_SALT, max_age=timedelta(days=link_days()))
    except signing.SignatureExpired:
        return None, "expired"
    except (signing.BadSignature, ValueError, TypeError):
        return None, "invalid"
    if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], int):
        return None, "invalid"
    organisation = Organisation.objects.filter(pk=value[0]).first()
    return organisation, (None if organisation else "invalid")


def check_url(organisation, language):
    """The absolute address of the link, on the directory in `language` (or in
    the source language when that has no directory); None without a directory."""
    directories = OrganisationDirectoryPage.objects.live().select_related("locale")
    directory = directories.filter(locale__language_code=language).first() or (
        directories.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    if directory is None:
        return None
    path = directory.reverse_subpage(
        "organisation_check", kwargs={"token": check_token(organisation)}
    )
    return directory.get_full_url() + path


# -- E-mails -----------------------------------------------------------------


def _send(organisation, language, subject, template, context, to=None):
    recipient = to or organisation.contact_email
    with translation.override(language):
        body = render_to_string(
            template,
            {"organisation": organisation, "site_name": _site_name(), **context},
        )
        message = EmailMessage(
            subject=" ".join(str(subject).split())[:200],
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
        )
    message.send()


def _site_name():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.site_name if site and site.site_name else ""


class CannotAsk(Exception):
    """Why an organisation cannot be asked (a translated sentence)."""


def ask(organisation, user=None):
    """E-mail the organisation its link to confirm or correct its entry."""
    organisation = source_of(organisation)
    if not organisation.contact_email:
        raise CannotAsk(_("%(name)s has no contact e-mail address.") % {"name": organisation})
    language = organisation.language
    url = check_url(organisation, language)
    if url is None:
        raise CannotAsk(_("There is no published organisation directory to link to."))
    local = in_language(organisation, language)
    with translation.override(language):
        subject = _("Are the details of %(name)s still correct?") % {"name": local.name}
    try:
        _send(
            local,
            language,
            subject,
            "kennisbank/email/organisation_check.txt",
            {"url": url, "days": link_days()},
            to=organisation.contact_email,
        )
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("Could not ask organisation %s: %s", organisation.pk, error)
        raise CannotAsk(_("The e-mail could not be sent; please try again later.")) from error
    request = OrganisationCheckRequest.objects.create(
        organisation=organisation, email=organisation.contact_email, language=language, sent_by=user
    )
    log(
        organisation,
        "kennisbank.organisation_asked",
        user=user,
        data={"email": organisation.contact_email, "language": language},
    )
    return request


def send_yearly_reminders(now=None):
    """Ask every due organisation with an address that was not asked within
    `ORGANISATION_ASK_INTERVAL_DAYS`; returns how many were asked. Idempotent:
    a second run in the same interval asks nobody."""
    now = now or timezone.now()
    recently_asked = OrganisationCheckRequest.objects.filter(
        organisation=OuterRef("pk"), sent_at__gte=now - ask_interval()
    )
    due = (
        due_organisations(timezone.localdate(now))
        .exclude(contact_email="")
        .filter(~Exists(recently_asked))
    )
    asked = 0
    for organisation in due:
        try:
            ask(organisation)
        except CannotAsk:
            continue  # asked again on the next run
        asked += 1
    return asked


# -- What the organisation does with its link ---------------------------------


def confirm(organisation):
    """The organisation says its details are still correct."""
    mark_checked(organisation, action="kennisbank.organisation_confirmed")


def current_details(organisation):
    return {name: getattr(organisation, name) for name in EDITABLE_FIELDS}


@transaction.atomic
def propose_change(organisation, language, details):
    """Store what the organisation sent (only what differs from the live entry)
    for an editor to approve; replaces its earlier proposal still waiting.
    Returns None when nothing differs."""
    local = in_language(organisation, language)
    source = source_of(organisation)
    current = current_details(local)
    data = {
        name: details[name]
        for name in EDITABLE_FIELDS
        if name in details and details[name] != current[name]
    }
    if not data:
        return None
    OrganisationChange.objects.filter(
        organisation=source, status=OrganisationChange.Status.PENDING
    ).update(status=OrganisationChange.Status.REJECTED, decided_at=timezone.now())
    change = OrganisationChange.objects.create(organisation=source, language=language, data=data)
    log(source, "kennisbank.organisation_change_proposed", data={"fields": sorted(data)})
    return change


def pending_changes():
    return OrganisationChange.objects.filter(status=OrganisationChange.Status.PENDING)


def change_rows(change):
    """[(label, live value, proposed value)] of a proposed change, for editors."""
    local = in_language(change.organisation, change.language)
    fields = {f.name: f for f in Organisation._meta.get_fields() if f.name in EDITABLE_FIELDS}
    return [
        (fields[name].verbose_name, getattr(local, name), value)
        for name, value in change.data.items()
        if name in fields
    ]


@transaction.atomic
def approve(change, user):
    """Publish the proposed details: the shared ones on every language version,
    the description on the organisation's own language; the entry is checked."""
    change = OrganisationChange.objects.select_for_update().get(pk=change.pk)
    if change.status != OrganisationChange.Status.PENDING:
        return False
    shared = {k: v for k, v in change.data.items() if k in EDITABLE_FIELDS}
    per_language = {k: shared.pop(k) for k in list(shared) if k in PER_LANGUAGE_FIELDS}
    versions = Organisation.objects.filter(translation_key=change.organisation.translation_key)
    local = in_language(change.organisation, change.language)
    for version in versions:
        for name, value in shared.items():
            setattr(version, name, value)
        if version.pk == local.pk:
            for name, value in per_language.items():
                setattr(version, name, value)
        version.last_checked = timezone.localdate()
        version.save()
    change.status = OrganisationChange.Status.APPROVED
    change.decided_at = timezone.now()
    change.decided_by = user
    change.save()
    log(change.organisation, "kennisbank.organisation_change_approved", user=user)
    transaction.on_commit(lambda: _tell_decision(change))
    return True


@transaction.atomic
def reject(change, user):
    change = OrganisationChange.objects.select_for_update().get(pk=change.pk)
    if change.status != OrganisationChange.Status.PENDING:
        return False
    change.status = OrganisationChange.Status.REJECTED
    change.decided_at = timezone.now()
    change.decided_by = user
    change.save()
    log(change.organisation, "kennisbank.organisation_change_rejected", user=user)
    transaction.on_commit(lambda: _tell_decision(change))
    return True


def _tell_decision(change):
    """Tell the organisation what became of the details it sent."""
    organisation = Organisation.objects.get(pk=change.organisation_id)
    to = change.data.get("contact_email") or organisation.contact_email
    if not to:
        return
    local = in_language(organisation, change.language)
    approved = change.status == OrganisationChange.Status.APPROVED
    with translation.override(change.language):
        if approved:
            subject = _("Your new details for %(name)s are online") % {"name": local.name}
        else:
            subject = _("Your details for %(name)s were not changed") % {"name": local.name}
    try:
        _send(
            local,
            change.language,
            subject,
            "kennisbank/email/organisation_change_decided.txt",
            {"approved": approved},
            to=to,
        )
    except (OSError, smtplib.SMTPException) as error:
        # The decision stands; the editor sees it in the report and the log.
        logger.warning("Could not tell organisation %s: %s", organisation.pk, error)
