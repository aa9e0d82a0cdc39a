"""The rules of "Add your activity", called by the views, the workflow
receivers, the privacy screen and the purge task.

1. `submit`: a valid form becomes a `Submission` waiting for its e-mail
   address to be confirmed; the submitter gets a signed confirmation link.
2. `confirm`: the activity becomes a *draft* event page (never live) in its
   section (`section_for`: the partner page that covers its region, else the
   calendar of its language) and is submitted to that section's moderation
   workflow (`workflow_for`: one Wagtail workflow with a group approval task
   for the section's editors, made on first use). The submitter gets a
   signed link to change it while it waits (`update`: a new revision; a new
   region moves the draft to the workflow of the section that covers it).
3. `approved` / `declined`: called when the workflow ends (an editor approves,
   or requests changes with a reason, or deletes the draft); the submitter is
   told in their language.
4. `purge`: contact data goes N days after the activity's last date or after a
   decline (`SUBMISSIONS_RETENTION_DAYS`), unconfirmed ones after a week.
"""

import logging
import uuid
from datetime import date, datetime, time, timedelta

import recurrence
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext, override
from wagtail.models import GroupPagePermission, Locale, Page, Workflow, WorkflowTask
from wagtail.models.workflows import GroupApprovalTask, WorkflowState

from events.models import EventIndexPage, EventPage, EventPageTheme
from events.schedule import local_midnight_utc, site_zone
from home.models import Region, Theme, Venue
from home.signing import read_url_token, url_token
from home.slugs import slugify
from partners.models import PartnerPage, PartnerRegion
from partners.sections import ensure_editor_group
from submissions import emails
from submissions.forms import MORE_DATES, Repeat, When
from submissions.models import Submission

logger = logging.getLogger(__name__)

CONFIRM_SALT = "submissions.confirm"
EDIT_SALT = "submissions.edit"
UPLOAD_SALT = "submissions.upload"
CONFIRM_DAYS = 7  # a confirmation link lives a week; unconfirmed submissions go then
UPLOAD_DIR = "submissions"
CALENDAR_GROUP = "Moderators"  # Wagtail's own group, for activities no partner covers
WEEKDAY_CODES = [recurrence.MO, recurrence.TU, recurrence.WE, recurrence.TH, recurrence.FR,
                 recurrence.SA, recurrence.SU]  # fmt: skip


def retention_days():
    return int(getattr(settings, "SUBMISSIONS_RETENTION_DAYS", 30))


# -- Signed links -----------------------------------------------------------------------


def confirm_token(submission):
    return url_token({"k": str(submission.key)}, CONFIRM_SALT)


def edit_token(submission):
    return url_token({"k": str(submission.key)}, EDIT_SALT)


def _from_token(token, salt, max_age=None):
    try:
        value = read_url_token(token, salt, max_age=max_age)
        key = uuid.UUID(str(value["k"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Submission.objects.filter(key=key).first()


def submission_to_confirm(token):
    """The submission a confirmation link names, or None (unknown, forged, older than a week)."""
    return _from_token(token, CONFIRM_SALT, max_age=timedelta(days=CONFIRM_DAYS))


def submission_to_edit(token):
    return _from_token(token, EDIT_SALT)


# -- Uploads kept across a form with errors ---------------------------------------------


def store_upload(upload):
    """Keep a checked image until the submission is confirmed; its stored name."""
    name = f"{UPLOAD_DIR}/{uuid.uuid4().hex}.{upload.image_extension}"
    upload.seek(0)
    return default_storage.save(name, upload)


def upload_token(name):
    return url_token({"f": name}, UPLOAD_SALT) if name else ""


def read_upload_token(token):
    """The stored image a form's hidden `image_token` names, or None."""
    if not token:
        return None
    try:
        name = read_url_token(token, UPLOAD_SALT, max_age=timedelta(days=CONFIRM_DAYS))["f"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not str(name).startswith(UPLOAD_DIR + "/") or not default_storage.exists(name):
        return None
    return name


def discard_upload(name):
    if name and default_storage.exists(name):
        default_storage.delete(name)


# -- What was typed, and the dates it means ---------------------------------------------


def serialize(cleaned):
    """The form's cleaned values as plain JSON (snippets by translation key)."""
    data = {}
    for key in ("title", "description", "when", "repeat", "venue_name", "street", "postcode",
                "city", "country", "online_url", "image_alt"):  # fmt: skip
        data[key] = cleaned.get(key) or ""
    for key in ("repeat_nth", "repeat_weekday"):
        data[key] = cleaned.get(key) if data["when"] == When.REPEAT else None
    for key in ("date", "repeat_until", *MORE_DATES):
        value = cleaned.get(key)
        data[key] = value.isoformat() if value else ""
    data["start_time"] = cleaned["start_time"].strftime("%H:%M")
    data["end_time"] = cleaned["end_time"].strftime("%H:%M")
    data["extra_dates"] = list(cleaned.get("extra_dates") or [])
    data["languages"] = list(cleaned.get("languages") or [])
    data["themes"] = [str(theme.translation_key) for theme in cleaned.get("themes") or []]
    region = cleaned.get("region")
    data["region"] = str(region.translation_key) if region else ""
    return data


def initial_for(submission):
    """The form's initial values for an edit, snippets in the active language."""
    from home.i18n import localized

    data = dict(submission.data)
    initial = {k: v for k, v in data.items() if k not in ("themes", "region", "extra_dates")}
    for key in ("date", "repeat_until", *MORE_DATES):
        initial[key] = date.fromisoformat(data[key]) if data.get(key) else None
    if data.get("themes"):
        themes = localized(Theme, [uuid.UUID(k) for k in data["themes"]])
        initial["themes"] = [t.pk for t in themes.values()]
    if data.get("region"):
        regions = localized(Region, [uuid.UUID(data["region"])])
        initial["region"] = next((r.pk for r in regions.values()), None)
    initial["contact_name"] = submission.contact_name
    initial["contact_email"] = submission.contact_email
    initial["contact_phone"] = submission.contact_phone
    initial["consent"] = True
    return initial


def schedule_of(data):
    """(start, end, recurrence or None, last date) of what was typed."""
    first = date.fromisoformat(data["date"])
    zone = site_zone()
    start = datetime.combine(first, time.fromisoformat(data["start_time"]), tzinfo=zone)
    end = datetime.combine(first, time.fromisoformat(data["end_time"]), tzinfo=zone)
    rule, last = None, first
    if data.get("when") == When.SEVERAL and data.get("extra_dates"):
        extra = [date.fromisoformat(day) for day in data["extra_dates"]]
        rule = recurrence.Recurrence(rdates=[local_midnight_utc(day) for day in extra])
        last = max([first, *extra])
    elif data.get("when") == When.REPEAT and data.get("repeat"):
        until = date.fromisoformat(data["repeat_until"])
        weekday = WEEKDAY_CODES[int(data["repeat_weekday"])]
        if data["repeat"] == Repeat.MONTHLY:
            byday = [weekday(int(data["repeat_nth"]))]
            freq, interval = recurrence.MONTHLY, 1
        else:
            byday = [weekday]
            freq = recurrence.WEEKLY
            interval = 2 if data["repeat"] == Repeat.FORTNIGHTLY else 1
        rrule = recurrence.Rule(
            freq, interval=interval, byday=byday, until=local_midnight_utc(until)
        )
        rule = recurrence.Recurrence(rrules=[rrule])
        last = until
    return start, end, rule, last


# -- 1. Sent in -------------------------------------------------------------------------


def submit(form_page, cleaned, *, language, upload=None):
    """A new submission waiting for its address; the confirmation mail goes out."""
    submission = Submission.objects.create(
        language=language,
        form_page=form_page,
        contact_name=cleaned["contact_name"],
        contact_email=cleaned["contact_email"],
        contact_phone=cleaned.get("contact_phone") or "",
        data=serialize(cleaned),
        upload=upload or "",
    )
    submission.last_date = schedule_of(submission.data)[3]
    submission.save(update_fields=["last_date"])
    emails.queue(submission, emails.CONFIRM)
    return submission


# -- 2. Confirmed: a draft in its section's workflow ------------------------------------


def _locale(submission):
    if submission.form_page_id:
        return submission.form_page.locale
    return Locale.objects.filter(language_code=submission.language).first() or Locale.get_default()


def section_for(region_key, locale):
    """Where the draft goes: the partner page (of this language, not an alias)
    that covers the region, else this language's calendar, else any calendar."""
    if region_key:
        partner = (
            PartnerPage.objects.filter(
                locale=locale,
                alias_of__isnull=True,
                pk__in=PartnerRegion.objects.filter(region__translation_key=region_key).values(
                    "page_id"
                ),
            )
            .order_by("path")
            .first()
        )
        if partner is not None:
            return partner
    calendar = EventIndexPage.objects.filter(locale=locale, alias_of__isnull=True).first()
    return calendar or EventIndexPage.objects.order_by("path").first()


def reviewers_of(section):
    """The groups that may publish in the section: its editor group for a
    partner page, Wagtail's moderators for a calendar."""
    if isinstance(section.specific, PartnerPage):
        groups = list(
            Group.objects.filter(
                page_permissions__page__translation_key=section.translation_key,
                page_permissions__permission__codename="publish_page",
            ).distinct()
        )
        return groups or [ensure_editor_group(section)]
    group, created = Group.objects.get_or_create(name=CALENDAR_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=section,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return [group]


def workflow_for(section):
    """The section's moderation workflow for submitted activities, made on
    first use: one group approval task for the section's reviewers."""
    groups = reviewers_of(section)
    with override(settings.LANGUAGE_CODE):  # one workflow, whoever's language made it
        name = gettext("Submitted activities: %(groups)s") % {
            "groups": ", ".join(sorted(g.name for g in groups))
        }
    workflow, created = Workflow.objects.get_or_create(name=name[:255])
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=name[:255])
        task.groups.set(groups)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _venue(data, locale):
    if not data.get("venue_name"):
        return None
    existing = Venue.objects.filter(
        locale=locale, name__iexact=data["venue_name"], city__iexact=data.get("city", "")
    ).first()
    if existing is not None:
        return existing
    region = None
    if data.get("region"):
        region = Region.objects.filter(translation_key=data["region"], locale=locale).first()
    return Venue.objects.create(
        locale=locale,
        name=data["venue_name"],
        street=data.get("street", ""),
        postcode=data.get("postcode", ""),
        city=data.get("city", ""),
        country=data.get("country") or "NL",
        region=region,
    )


def _image(submission, title):
    from wagtail.images import get_image_model

    if not submission.upload or not default_storage.exists(submission.upload):
        return None
    with default_storage.open(submission.upload) as handle:
        image = get_image_model()(title=title[:255])
        image.file.save(submission.upload.rsplit("/", 1)[-1], File(handle), save=False)
        image.save()
    discard_upload(submission.upload)
    submission.upload = ""
    return image


def _apply(page, submission, locale):
    """Put what was typed into the (draft) event page."""
    data = submission.data
    start, end, rule, _last = schedule_of(data)
    page.title = data["title"]
    page.intro = data["description"]
    page.start, page.end, page.recurrence = start, end, rule
    page.venue = _venue(data, locale)
    page.online_url = data.get("online_url", "")
    page.languages = ",".join(data.get("languages") or [])
    image = _image(submission, data["title"])
    if image is not None:
        page.image = image
    if image is not None or not page.image_id or data.get("image_alt"):
        page.image_alt = data.get("image_alt", "")
    themes = Theme.objects.filter(translation_key__in=data.get("themes") or [], locale=locale)
    page.theme_links = [EventPageTheme(theme=theme, locale=locale) for theme in themes]


def _free_slug(parent, title, language):
    base = slugify(title, language)[:70] or "activiteit"
    slug, n = base, 2
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def confirm(submission):
    """The address is confirmed: a draft event page goes to its section's
    workflow. A second click on the link changes nothing."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.UNCONFIRMED:
        return submission
    locale = _locale(submission)
    section = section_for(submission.data.get("region"), locale)
    page = EventPage(locale=section.locale, live=False)
    _apply(page, submission, section.locale)
    page.slug = _free_slug(section, page.title, submission.language)
    section.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    workflow_for(section).start(page, None)
    submission.status = Submission.Status.IN_REVIEW
    submission.page = page
    submission.section = section
    submission.confirmed_at = timezone.now()
    submission.save()
    logger.info("Submission %s confirmed: draft page %s, revision %s", submission.pk, page.pk,
                revision.pk)  # fmt: skip
    emails.queue(submission, emails.RECEIVED)
    return submission


@transaction.atomic
def update(submission, cleaned, *, upload=None):
    """The submitter changed their activity: new values, and (once confirmed)
    a new revision of the draft, still in review. False when it can no longer
    be changed (reviewed meanwhile)."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.editable:
        return False
    submission.data = serialize(cleaned)
    submission.contact_name = cleaned["contact_name"]
    submission.contact_phone = cleaned.get("contact_phone") or ""
    if upload:
        discard_upload(submission.upload)
        submission.upload = upload
    submission.last_date = schedule_of(submission.data)[3]
    submission.save()
    if submission.page_id:
        page = EventPage.objects.get(pk=submission.page_id)
        section = section_for(submission.data.get("region"), page.locale)
        if section is not None and section.pk != submission.section_id:
            _move_to(submission, page, section)
        draft = page.get_latest_revision_as_object()
        draft.slug = page.slug
        _apply(draft, submission, page.locale)
        draft.save_revision(log_action=True)
    return True


def _move_to(submission, page, section):
    """The submitter chose another region: the draft leaves the old section's
    workflow and waits in the new section's, whose reviewers are told."""
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    siblings = set(section.get_children().values_list("slug", flat=True))
    if page.slug in siblings:
        page.slug = _free_slug(section, page.title, submission.language)
        page.save(update_fields=["slug"], clean=False)
    page.move(section, pos="last-child")
    page = EventPage.objects.get(pk=page.pk)
    workflow_for(section).start(page, None)
    submission.section = section
    submission.save(update_fields=["section"])


# -- 3. Reviewed ------------------------------------------------------------------------


def _in_review(page_id):
    return (
        Submission.objects.select_for_update()
        .filter(page_id=page_id, status=Submission.Status.IN_REVIEW)
        .first()
    )


@transaction.atomic
def approved(page):
    """The draft went live (the workflow approved it, or an editor published it)."""
    submission = _in_review(page.pk)
    if submission is None:
        return None
    submission.status = Submission.Status.APPROVED
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reviewed_at"])
    emails.queue(submission, emails.APPROVED)
    return submission


@transaction.atomic
def declined(page_id, reason):
    """An editor requested changes (Wagtail's reject, with a comment)."""
    submission = _in_review(page_id)
    if submission is None:
        return None
    submission.status = Submission.Status.DECLINED
    submission.reason = reason or ""
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reason", "reviewed_at"])
    emails.queue(submission, emails.DECLINED)
    return submission


def workflow_state_page_id(state):
    """The page a workflow state is about, when it is a page."""
    if isinstance(state, WorkflowState) and state.base_content_type.model_class() is Page:
        return int(state.object_id)
    return None


# -- 4. Retention -----------------------------------------------------------------------


def _drop(submissions):
    count = 0
    for submission in submissions:
        discard_upload(submission.upload)
        page = submission.page
        # The submission goes first: its draft's deletion then tells nobody.
        submission.delete()
        if page is not None and not page.live and submission.status != Submission.Status.APPROVED:
            # A draft nobody published is the submitter's own text: it goes too.
            page.delete()
        count += 1
    return count


def purge(now=None):
    """Erase what the retention rules no longer allow us to keep; the number erased."""
    now = now or timezone.now()
    days = retention_days()
    today = timezone.localdate(now)
    done = Submission.objects.filter(
        status__in=[Submission.Status.APPROVED, Submission.Status.IN_REVIEW],
        last_date__lt=today - timedelta(days=days),
    )
    declined_ = Submission.objects.filter(
        status=Submission.Status.DECLINED, reviewed_at__lt=now - timedelta(days=days)
    )
    unconfirmed = Submission.objects.filter(
        status=Submission.Status.UNCONFIRMED, created_at__lt=now - timedelta(days=CONFIRM_DAYS)
    )
    count = 0
    for queryset in (done, declined_, unconfirmed):
        count += _drop(queryset.select_related("page"))
    return count


def export_for_email(email):
    return [
        {
            "activity": submission.data.get("title", ""),
            "status": submission.status,
            "language": submission.language,
            "name": submission.contact_name,
            "email": submission.contact_email,
            "phone": submission.contact_phone,
            "sent": submission.created_at.isoformat(),
            "what_was_typed": submission.data,
        }
        for submission in Submission.objects.filter(contact_email__iexact=email)
    ]


def erase_for_email(email, user=None):
    count = _drop(Submission.objects.filter(contact_email__iexact=email).select_related("page"))
    if not count:
        return ""
    return ngettext(
        "%(count)s submitted activity was erased.",
        "%(count)s submitted activities were erased.",
        count,
    ) % {"count": count}
