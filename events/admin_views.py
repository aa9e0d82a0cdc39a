"""Wagtail admin views of the events app: the live preview of a recurrence in
the page editor and the "Dates" view of an event (its occurrences with their
status and per-date actions)."""

import re
from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from events.models import EventPage, EventSchedule, Occurrence, OccurrenceException
from events.schedule import site_zone, to_local
from events.services import add_exception, planned_dates, source_event
from events.text import describe
from events.widgets import RecurrenceRuleWidget, parse_dates, recurrence_from_parts

CANCELLED = Occurrence.Status.CANCELLED

PREVIEW_COUNT = 5


def _parse_local(value):
    if not value:
        return None
    value = value.strip().replace("T", " ")
    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=site_zone())
    return parsed


class _Schedule:
    def __init__(self, start, end, all_day, recurrence):
        self.start, self.end, self.all_day, self.recurrence = start, end, all_day, recurrence


_EXCEPTION_FIELD = re.compile(r"^exceptions-(\d+)-(\w+)$")


def _time(value):
    try:
        return datetime.strptime((value or "").strip()[:5], "%H:%M").time()
    except ValueError:
        return None


def _one_date(value):
    try:
        days = parse_dates(value)
    except forms.ValidationError:
        return None
    return days[0] if len(days) == 1 else None


def unsaved_exceptions(data):
    """The editor's changes to single dates as they stand in the page editor
    (the InlinePanel's `exceptions-N-…` fields), not yet saved: rows marked for
    deletion and rows without a valid date are left out."""
    rows = {}
    for key in data:
        match = _EXCEPTION_FIELD.match(key)
        if match:
            rows.setdefault(int(match[1]), {})[match[2]] = data.get(key)
    exceptions = []
    for _index, row in sorted(rows.items()):
        day = _one_date(row.get("date"))
        action = row.get("action") or OccurrenceException.Action.CANCEL
        if row.get("DELETE") or day is None or action not in OccurrenceException.Action.values:
            continue
        exceptions.append(
            OccurrenceException(
                date=day,
                action=action,
                new_date=_one_date(row.get("new_date")),
                new_start_time=_time(row.get("new_start_time")),
                new_end_time=_time(row.get("new_end_time")),
                reason=(row.get("reason") or "")[:250],
            )
        )
    return exceptions


def recurrence_preview(request):
    """JSON {sentence, dates, error} for the editor's current recurrence values,
    in the editor's language. Reads the same field names the widget posts."""
    name = request.GET.get("name", "recurrence")
    parts = RecurrenceRuleWidget().value_from_datadict(request.GET, None, name)
    start = _parse_local(request.GET.get("start"))
    end = _parse_local(request.GET.get("end")) or (start + timedelta(hours=1) if start else None)
    all_day = request.GET.get("all_day") in {"on", "true", "1"}
    try:
        value = recurrence_from_parts(parts)
    except forms.ValidationError as error:
        return JsonResponse({"sentence": "", "dates": [], "error": " ".join(error.messages)})
    if start is None:
        return JsonResponse(
            {"sentence": "", "dates": [], "error": _("Fill in the start to see the dates.")}
        )
    if end < start:
        end = start
    schedule = _Schedule(start, end, all_day, value)
    now = timezone.now()
    # The same rules as saving (events.services.planned_dates), on an unsaved
    # event with the changes to single dates as they stand in the editor.
    event = EventPage(start=start, end=end, all_day=all_day, recurrence=value)
    planned, _unmatched = planned_dates(
        event, unsaved_exceptions(request.GET), max(now, start) + timedelta(days=3 * 366)
    )
    upcoming = sorted((o for o in planned.values() if o.end >= now), key=lambda o: o.start)
    upcoming = upcoming[:PREVIEW_COUNT]
    sentence = describe(schedule, [o.start for o in upcoming if o.status != CANCELLED][:3])
    if not sentence:
        sentence = _("Single event") + (
            " — " + date_format(to_local(start), "WEEKDAY_DATE_FORMAT") if upcoming else ""
        )
    fmt = "WEEKDAY_DATE_FORMAT" if all_day else "WEEKDAY_DATETIME_FORMAT"
    labels = {
        Occurrence.Status.CANCELLED: _("cancelled"),
        Occurrence.Status.MOVED: _("moved"),
    }
    items = []
    for occurrence in upcoming:
        status = str(occurrence.status)
        if occurrence.origin == Occurrence.Origin.EXTRA:
            status, label = "extra", _("extra date")
        else:
            label = labels.get(occurrence.status, "")
        text = date_format(to_local(occurrence.start), fmt)
        items.append({"text": text, "status": status, "label": label, "note": occurrence.note})
    return JsonResponse(
        {
            "sentence": sentence,
            "dates": [
                f"{item['text']} ({item['label']})" if item["label"] else item["text"]
                for item in items
            ],
            "items": items,
            "error": "",
        }
    )


class ExceptionForm(forms.Form):
    """Cancel one date, or move it to another day and/or time."""

    date = forms.DateField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[
            (OccurrenceException.Action.CANCEL, OccurrenceException.Action.CANCEL.label),
            (OccurrenceException.Action.MOVE, OccurrenceException.Action.MOVE.label),
        ]
    )
    reason = forms.CharField(max_length=250, required=False)
    new_date = forms.DateField(required=False)
    new_start_time = forms.TimeField(required=False)
    new_end_time = forms.TimeField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == OccurrenceException.Action.MOVE and not (
            data.get("new_date") or data.get("new_start_time")
        ):
            raise forms.ValidationError(_("Give the new date or start time."))
        return data

    @property
    def changes(self):
        if self.cleaned_data["action"] != OccurrenceException.Action.MOVE:
            return {}
        return {k: self.cleaned_data[k] for k in ("new_date", "new_start_time", "new_end_time")}


def occurrences(request, page_id):
    """An event's dates: status, time, venue, note, and actions (cancel a date,
    edit the changes in the page editor)."""
    page = get_object_or_404(EventPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    event = source_event(page) or page
    if request.method == "POST":
        if not event.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        form = ExceptionForm(request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, " ".join(error))
        else:
            moving = form.cleaned_data["action"] == OccurrenceException.Action.MOVE
            _revision, published = add_exception(
                event,
                day=form.cleaned_data["date"],
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                **form.changes,
            )
            log(
                event,
                "events.move_date" if moving else "events.cancel_date",
                user=request.user,
                data={
                    "date": form.cleaned_data["date"].isoformat(),
                    "reason": form.cleaned_data["reason"],
                    "published": published,
                    **{k: v.isoformat() for k, v in form.changes.items() if v},
                },
            )
            day = date_format(form.cleaned_data["date"], "DATE_FORMAT")
            if moving and published:
                messages.success(request, _("%(date)s is moved and published.") % {"date": day})
            elif moving:
                messages.warning(
                    request,
                    _(
                        "%(date)s is moved in a draft: the page has other unpublished "
                        "changes. Publish it from the editor."
                    )
                    % {"date": day},
                )
            elif published:
                messages.success(request, _("%(date)s is cancelled and published.") % {"date": day})
            else:
                messages.warning(
                    request,
                    _(
                        "%(date)s is cancelled in a draft: the page has other unpublished "
                        "changes. Publish it from the editor."
                    )
                    % {"date": day},
                )
        return redirect("events:occurrences", page_id=page.pk)
    now = timezone.now()
    show_past = request.GET.get("past") == "1"
    rows = Occurrence.objects.filter(event_key=event.translation_key).select_related("venue")
    rows = rows.order_by("-start") if show_past else rows.filter(end__gte=now).order_by("start")
    rows = list(rows[:200])
    for row in rows:
        row.local_start = to_local(row.start)
        row.local_end = to_local(row.end)
        row.local_original = to_local(row.original_start)
    schedule = EventSchedule.objects.filter(event_key=event.translation_key).first()
    upcoming = [r.start for r in rows if r.status != Occurrence.Status.CANCELLED][:3]
    context = {
        "page": page,
        "event": event,
        "rows": rows,
        "show_past": show_past,
        "sentence": describe(event, None if show_past else upcoming),
        "schedule": schedule,
        "report": schedule.report if schedule else {},
        "header_title": _("Dates of “%(title)s”") % {"title": page.get_admin_display_title()},
        "can_publish": event.permissions_for_user(request.user).can_publish(),
        "cancel_action": OccurrenceException.Action.CANCEL,
        "move_action": OccurrenceException.Action.MOVE,
        "Status": Occurrence.Status,
        "Origin": Occurrence.Origin,
    }
    return TemplateResponse(request, "events/admin/occurrences.html", context)
