"""Add your activity: sent in, confirmed, changed, approved or declined, and
never public before an editor approves it."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from events.models import EventPage, Occurrence
from submissions import services
from submissions.models import Submission
from tests.submissions.conftest import png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today", "mail_now")]


def link(message, word):
    """The path of the link in `message` whose route word is `word` (in the mail's language)."""
    return re.search(rf"http://testserver(/\S*/{word}/\S+/)", message.body)[1]


def send(client, page, values, **extra):
    return client.post(page.url, values, **extra)


def submit_and_confirm(client, page, values):
    response = send(client, page, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    confirm_path = link(mail.outbox[-1], "bevestigen")
    client.post(confirm_path)
    return Submission.objects.get(contact_email=values["contact_email"])


def test_sent_in_waits_for_the_address_then_becomes_a_draft_in_review(client, form_page, values):
    assert client.get(form_page.url).status_code == 200
    events_before = EventPage.objects.count()
    response = send(client, form_page, values)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.UNCONFIRMED
    assert EventPage.objects.count() == events_before  # nothing before the address is confirmed
    assert mail.outbox[0].to == ["anna@example.org"]
    confirm_path = link(mail.outbox[0], "bevestigen")
    # Following the link (a mail scanner) confirms nothing; the button does.
    assert client.get(confirm_path).status_code == 200
    assert Submission.objects.get().status == Submission.Status.UNCONFIRMED
    assert client.post(confirm_path).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.IN_REVIEW
    page = EventPage.objects.get(pk=submission.page_id)
    assert not page.live
    assert page.title == "Repaircafé Kranenburg"
    assert page.venue.city == "Kranenburg"
    assert page.languages == "nl,de"
    assert [link.theme.slug for link in page.theme_links.all()] == ["repareren"]
    assert page.contact_email == "" and page.contact_phone == ""  # contact stays private
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "wijzigen" in mail.outbox[-1].body  # the edit link
    # A second click changes nothing.
    client.post(confirm_path)
    assert EventPage.objects.filter(title="Repaircafé Kranenburg").count() == 1


def test_every_second_saturday_becomes_a_monthly_rule(values):
    data = dict(values, date="2026-12-12", repeat_until="2027-03-31")
    data["themes"], data["region"], data["languages"] = [], None, ["nl"]
    from datetime import date, time

    cleaned = {**data, "date": date(2026, 12, 12), "repeat_until": date(2027, 3, 31),
               "start_time": time(10), "end_time": time(13), "repeat_nth": 2,
               "repeat_weekday": 5}  # fmt: skip
    start, end, rule, last = services.schedule_of(services.serialize(cleaned))
    from events.schedule import expand

    days = [slot.start.date() for slot in expand(start, end, False, rule, end.replace(year=2028))]
    assert days == [date(2026, 12, 12), date(2027, 1, 9), date(2027, 2, 13), date(2027, 3, 13)]
    assert last == date(2027, 3, 31)


def test_the_submitter_changes_the_draft_until_it_is_reviewed(client, form_page, values):
    submission = submit_and_confirm(client, form_page, values)
    edit_path = link(mail.outbox[-1], "wijzigen")
    response = client.get(edit_path)
    assert response.status_code == 200
    assert "Repaircafé Kranenburg" in response.content.decode()
    revisions = EventPage.objects.get(pk=submission.page_id).revisions.count()
    changed = dict(values, title="Repaircafé Kranenburg-Zuid", start_time="11:00")
    assert client.post(edit_path, changed).status_code == 302
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.revisions.count() == revisions + 1
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Repaircafé Kranenburg-Zuid"
    assert not page.live
    assert Submission.objects.get().status == Submission.Status.IN_REVIEW


def reviewer():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("moderator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=services.CALENDAR_GROUP))
    return user


def test_approval_publishes_and_mails_the_public_link(client, form_page, values):
    submission = submit_and_confirm(client, form_page, values)
    state = WorkflowState.objects.get(object_id=str(submission.page_id))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer(), "approve")
    page = EventPage.objects.get(pk=submission.page_id)
    assert page.live
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED
    message = mail.outbox[-1]
    assert message.to == ["anna@example.org"]
    assert page.get_full_url() in message.body
    assert Occurrence.objects.filter(event=page).exists()
    # The edit link now says it has been reviewed.
    edit_path = link(mail.outbox[-2], "wijzigen")
    assert "beoordeeld" in client.get(edit_path).content.decode()


def test_a_declined_activity_is_mailed_with_the_editors_reason(client, form_page, values):
    submission = submit_and_confirm(client, form_page, values)
    state = WorkflowState.objects.get(object_id=str(submission.page_id))
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, reviewer(), "reject", comment="Graag het adres van de ingang erbij."
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DECLINED
    assert "Graag het adres van de ingang erbij." in mail.outbox[-1].body
    assert not EventPage.objects.get(pk=submission.page_id).live


@pytest.mark.search_index
def test_a_confirmed_activity_is_nowhere_public_before_approval(
    client, form_page, values, calendar
):
    submission = submit_and_confirm(client, form_page, values)
    page = EventPage.objects.get(pk=submission.page_id)
    title = "Repaircafé Kranenburg"
    assert client.get(page.url or f"{calendar.url}{page.slug}/").status_code == 404
    for path in (
        calendar.url,
        f"{calendar.url}ical/",
        "/sitemap.xml",
        "/nl/zoeken/?q=Repaircaf%C3%A9",
        "/de/suche/?q=Repaircaf%C3%A9",
        "/",
        "/api/v1/nl/events/",
        "/nl/embed/calendar/",
        "/open-data/hsds/services/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert title not in response.content.decode(), path
        assert page.slug not in response.content.decode(), path
    assert not Occurrence.objects.filter(event_key=page.translation_key).exists()


def test_a_bot_filling_the_honeypot_gets_the_same_answer_and_nothing_is_kept(
    client, form_page, values
):
    response = send(client, form_page, dict(values, website="http://spam.example"))
    assert response.status_code == 302
    assert not Submission.objects.exists()
    assert not mail.outbox


def test_too_many_from_one_address_are_refused_and_nothing_typed_is_lost(client, form_page, values):
    for n in range(5):
        assert (
            send(client, form_page, dict(values, contact_email=f"a{n}@example.org")).status_code
            == 302
        )
    response = send(client, form_page, dict(values, contact_email="a9@example.org"))
    assert response.status_code == 429
    body = response.content.decode()
    assert "te vaak" in body
    assert 'value="Repaircafé Kranenburg"' in body
    assert Submission.objects.count() == 5


def test_too_many_for_one_email_address_are_refused_from_any_address(client, form_page, values):
    for n in range(5):
        response = send(client, form_page, values, REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 302
    response = send(client, form_page, values, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert Submission.objects.count() == 5


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"date": "2026-11-01"}, "date", "al voorbij"),
        ({"end_time": "09:00"}, "end_time", "voor het begin"),
        ({"repeat": "every-full-moon"}, "repeat", "geldige keuze"),
        ({"repeat_weekday": "4"}, "date", "valt niet"),
        ({"venue_name": "", "online_url": ""}, "venue_name", "online link"),
    ],
)
def test_bad_input_is_explained_in_the_visitors_language_and_kept(
    client, form_page, values, change, field, message
):
    response = send(client, form_page, dict(values, **change))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body, body[body.find("form-errors") : body.find("form-errors") + 800]
    assert f'id="sub-{field}-error"' in body
    assert 'value="Repaircafé Kranenburg"' in body
    assert "anna@example.org" in body
    assert not Submission.objects.exists()


def test_an_image_too_large_or_not_an_image_is_refused(client, form_page, values, monkeypatch):
    from submissions import forms

    fake = SimpleUploadedFile("foto.jpg", b"not really a picture", content_type="image/jpeg")
    body = send(client, form_page, dict(values, image=fake)).content.decode()
    assert "geen afbeelding" in body
    monkeypatch.setattr(forms, "MAX_IMAGE_BYTES", 100)
    big = SimpleUploadedFile("foto.png", png_bytes((300, 300)), content_type="image/png")
    body = send(client, form_page, dict(values, image=big)).content.decode()
    assert "5 MB" in body
    assert not Submission.objects.exists()


def test_a_valid_image_is_kept_when_the_form_had_other_errors(client, form_page, values):
    image = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    response = send(client, form_page, dict(values, image=image, end_time="09:00"))
    assert response.status_code == 400
    token = re.search(r'name="image_token" value="([^"]+)"', response.content.decode())[1]
    response = send(client, form_page, dict(values, image_token=token))
    assert response.status_code == 302
    client.post(link(mail.outbox[-1], "bevestigen"))
    page = EventPage.objects.get(pk=Submission.objects.get().page_id)
    assert page.image is not None
    assert page.image.width == 20


def test_a_german_submitter_gets_german_mail(client, form_page_de, values, region, theme, locales):
    german = dict(
        values,
        region=str(region.get_translation(locales["de"]).pk),
        themes=[str(theme.get_translation(locales["de"]).pk)],
    )
    response = send(client, form_page_de, german)
    assert response.status_code == 302
    assert Submission.objects.get().language == "de"
    message = mail.outbox[-1]
    assert "Bitte bestätigen" in message.subject
    client.post(link(message, "bestaetigen"))
    submission = Submission.objects.get()
    assert submission.page.locale.language_code == "de"
    assert mail.outbox[-1].subject.startswith("Wir haben Ihre Aktivität erhalten")
    assert "/aendern/" in mail.outbox[-1].body
    assert [t.theme.name for t in submission.page.theme_links.all()] == ["Reparieren"]


def test_a_partner_covering_the_region_reviews_it(client, form_page, values, region, site_tree):
    from partners.models import PartnerIndexPage, PartnerPage, PartnerRegion

    index = PartnerIndexPage(title="Partners", slug="partners")
    site_tree["home"].add_child(instance=index)
    partner = PartnerPage(title="Mienthuus", slug="mienthuus", intro="Dorpshuis.", country="DE")
    index.add_child(instance=partner)
    PartnerRegion.objects.create(page=partner, region=region, locale=partner.locale)
    submission = submit_and_confirm(client, form_page, values)
    assert submission.section_id == partner.pk
    state = WorkflowState.objects.get(object_id=str(submission.page_id))
    groups = {g.name for g in state.current_task_state.task.specific.groups.all()}
    assert groups == {"Mienthuus editors"}


def test_contact_data_goes_after_the_retention_period(client, form_page, values, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.SUBMISSIONS_RETENTION_DAYS = 30
    submission = submit_and_confirm(client, form_page, values)
    assert services.purge() == 0
    later = timezone.now() + timedelta(days=400)
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.APPROVED)
    assert services.purge(now=later) == 1
    assert not Submission.objects.exists()


def test_unconfirmed_and_declined_submissions_are_purged(client, form_page, values):
    from datetime import timedelta

    from django.utils import timezone

    send(client, form_page, values)
    assert services.purge(now=timezone.now() + timedelta(days=8)) == 1
    submission = submit_and_confirm(client, form_page, dict(values, contact_email="b@example.org"))
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.DECLINED, reviewed_at=timezone.now()
    )
    assert services.purge(now=timezone.now() + timedelta(days=31)) == 1
    assert not EventPage.objects.filter(pk=submission.page_id).exists()  # the unpublished draft too


def test_the_privacy_screen_exports_and_erases_a_submitter(client, form_page, values):
    from home import privacy

    submit_and_confirm(client, form_page, values)
    exported = privacy.export_all("anna@example.org")["submitted_activities"]
    assert exported[0]["phone"] == "+31 6 12345678"
    sentences = privacy.erase_all("ANNA@example.org")
    assert any("1" in s for s in sentences)
    assert not Submission.objects.exists()


def test_the_calendar_links_to_the_form_of_its_language(client, form_page, calendar):
    body = client.get(calendar.url).content.decode()
    assert f'href="{form_page.url}"' in body
    form_page.unpublish()
    assert f'href="{form_page.url}"' not in client.get(calendar.url).content.decode()


def test_reviewers_see_the_submitter_in_the_editor_and_visitors_never(client, form_page, values):
    submission = submit_and_confirm(client, form_page, values)
    client.force_login(reviewer())
    response = client.get(f"/admin/pages/{submission.page_id}/edit/")
    assert response.status_code == 200
    assert "anna@example.org" in response.content.decode()
    client.logout()
    from django.core.cache import cache

    cache.clear()
    submission.page.save_revision().publish()
    public = client.get(EventPage.objects.get(pk=submission.page_id).url).content.decode()
    assert "anna@example.org" not in public and "12345678" not in public


def test_the_form_costs_a_fixed_number_of_queries(client, form_page, django_assert_max_num_queries):
    client.get(form_page.url)
    with django_assert_max_num_queries(21):  # site chrome (menu, footer links), themes, regions
        assert client.get(form_page.url).status_code == 200


def test_a_confirmation_link_older_than_a_week_does_not_work(
    client, form_page, values, monkeypatch
):
    import time as clock

    from django.core import signing

    send(client, form_page, values)
    path = link(mail.outbox[-1], "bevestigen")
    later = clock.time() + 8 * 86400
    monkeypatch.setattr(signing, "time", type("T", (), {"time": staticmethod(lambda: later)}))
    response = client.post(path)
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()
    assert Submission.objects.get().status == Submission.Status.UNCONFIRMED


def test_an_editor_deleting_the_draft_tells_the_submitter(client, form_page, values):
    """Deleting the draft is a decline too: the submitter hears it (without a
    reason) instead of waiting, and the edit link says it was reviewed."""
    submission = submit_and_confirm(client, form_page, values)
    edit_path = link(mail.outbox[-1], "wijzigen")
    mail.outbox.clear()
    EventPage.objects.get(pk=submission.page_id).delete()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DECLINED
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "niet gepubliceerd" in message.subject
    assert "beoordeeld" in client.get(edit_path).content.decode()


def test_erasing_a_submission_with_its_draft_mails_nobody(client, form_page, values):
    from datetime import timedelta

    from django.utils import timezone

    submission = submit_and_confirm(client, form_page, values)
    mail.outbox.clear()
    later = timezone.now() + timedelta(days=400)
    assert services.purge(now=later) == 1  # still in review long after its last date
    assert not EventPage.objects.filter(pk=submission.page_id).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"when": "once", "date": "2026-12-05"}, ["2026-12-05"]),
        (
            {
                "when": "several",
                "date": "2026-12-05",
                "date_2": "2027-01-09",
                "date_3": "2026-12-19",
            },  # fmt: skip
            ["2026-12-05", "2026-12-19", "2027-01-09"],
        ),
        (
            {
                "when": "repeat",
                "repeat": "weekly",
                "date": "2026-12-01",
                "repeat_weekday": "1",
                "repeat_until": "2026-12-22",
            },  # fmt: skip
            ["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"],
        ),
        (
            {
                "when": "repeat",
                "repeat": "fortnightly",
                "date": "2026-12-01",
                "repeat_weekday": "",
                "repeat_until": "2027-01-12",
            },  # fmt: skip
            ["2026-12-01", "2026-12-15", "2026-12-29", "2027-01-12"],
        ),
        (
            {
                "when": "repeat",
                "repeat": "monthly",
                "repeat_nth": "-1",
                "date": "2026-12-26",
                "repeat_weekday": "5",
                "repeat_until": "2027-03-31",
            },  # fmt: skip
            ["2026-12-26", "2027-01-30", "2027-02-27", "2027-03-27"],
        ),
    ],
)
def test_each_shape_of_dates_becomes_the_dates_of_the_approved_event(
    client, form_page, values, change, expected
):
    """One date, several dates, and weekly, fortnightly and "last Saturday"
    repeats, through the form to the dates in the calendar after approval."""
    submission = submit_and_confirm(client, form_page, dict(values, **change))
    state = WorkflowState.objects.get(object_id=str(submission.page_id))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer(), "approve")
    page = EventPage.objects.get(pk=submission.page_id)
    from events.schedule import to_local

    starts = sorted(
        to_local(o.start) for o in Occurrence.objects.filter(event_key=page.translation_key)
    )
    assert [s.date().isoformat() for s in starts] == expected
    assert {(s.hour, s.minute) for s in starts} == {(10, 0)}


def test_an_english_visitor_gets_the_form_errors_and_mail_in_english(
    client, form_page, values, translate_page, region, theme, locales
):
    english = translate_page(
        form_page,
        "en",
        {"Activiteit aanmelden": "Add your activity", "aanmelden": "add", "Meld aan.": "Add."},
    )
    response = client.get(english.url)
    body = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in body
    assert "Name of the activity" in body
    data = dict(
        values,
        region=str(region.get_translation(locales["en"]).pk)
        if region.get_translation_or_none(locales["en"])
        else str(region.pk),
        themes=[],
    )
    response = send(client, english, dict(data, end_time="09:00"))
    assert response.status_code == 400
    assert "The end lies before the start." in response.content.decode()
    assert send(client, english, data).status_code == 302
    message = mail.outbox[-1]
    assert message.subject.startswith("Please confirm your e-mail address")
    client.post(link(message, "confirm"))
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert mail.outbox[-1].subject.startswith("We received your activity")
    assert "/edit/" in mail.outbox[-1].body


def test_a_new_region_in_an_edit_moves_the_draft_to_that_sections_review(
    client, form_page, values, region, site_tree
):
    """Sent in for a region no partner covers (the calendar's moderators), then
    changed to a partner's region: the draft leaves the first workflow and
    waits for the partner's editors, still a draft."""
    from home.models import Region
    from partners.models import PartnerIndexPage, PartnerPage, PartnerRegion

    elsewhere = Region.objects.create(
        name="Drenthe", slug="drenthe", kind=Region.Kind.STATE, country="NL"
    )
    index = PartnerIndexPage(title="Partners", slug="partners")
    site_tree["home"].add_child(instance=index)
    partner = PartnerPage(title="Mienthuus", slug="mienthuus", intro="Dorpshuis.", country="DE")
    index.add_child(instance=partner)
    PartnerRegion.objects.create(page=partner, region=region, locale=partner.locale)
    submission = submit_and_confirm(client, form_page, dict(values, region=str(elsewhere.pk)))
    assert submission.section_id != partner.pk
    first = WorkflowState.objects.get(object_id=str(submission.page_id))

    edit_path = link(mail.outbox[-1], "wijzigen")
    assert (
        client.post(edit_path, dict(values, title="Repaircafé Kranenburg-Zuid")).status_code == 302
    )
    submission.refresh_from_db()
    page = EventPage.objects.get(pk=submission.page_id)
    assert submission.section_id == partner.pk
    assert page.get_parent().pk == partner.pk and not page.live
    first.refresh_from_db()
    assert first.status == WorkflowState.STATUS_CANCELLED
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    groups = {g.name for g in state.current_task_state.task.specific.groups.all()}
    assert groups == {"Mienthuus editors"}
    assert page.get_latest_revision_as_object().title == "Repaircafé Kranenburg-Zuid"
