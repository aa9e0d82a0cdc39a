"""The sources in the admin: section editors manage their own sources only,
"Import now" runs the import and the edit screen shows the reports."""

import pytest
from django.contrib.auth.models import Group

from partners.models import PartnerPage
from partners.sections import ensure_editor_group
from sources.models import ImportRun
from tests.sources import feeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(section, django_user_model):
    ensure_editor_group(section.page, name="Mienthuus editors")
    user = django_user_model.objects.create_user("iris", password="x")
    user.groups.add(Group.objects.get(name="Mienthuus editors"))
    return user


@pytest.fixture
def other_source(section, make_source):
    other = PartnerPage(
        title="Ander huis", slug="ander-huis", intro="Elders.", country="NL", base=section.venue
    )
    section.index.add_child(instance=other)
    other.save_revision().publish()
    return make_source("https://example.org/other.ics", section=other, name="Ander huis")


def test_section_editor_sees_and_edits_only_their_sources(
    client, editor, feed_server, make_source, other_source
):
    own = make_source(feed_server.serve("/g.ics", feeds.google()))
    client.force_login(editor)
    listing = client.get("/admin/calendar-sources/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "True" not in body  # "active" in words: "Ja"
    assert f"/admin/calendar-sources/edit/{own.pk}/" in body
    assert f"/admin/calendar-sources/edit/{other_source.pk}/" not in body
    assert client.get(f"/admin/calendar-sources/edit/{own.pk}/").status_code == 200
    for view in ("edit", "delete"):
        url = f"/admin/calendar-sources/{view}/{other_source.pk}/"
        assert client.get(url).status_code in (302, 403)
    refused = client.post(f"/admin/calendar-sources/{other_source.pk}/import/")
    assert refused.status_code in (302, 403)
    assert not ImportRun.objects.filter(source=other_source).exists()


def test_import_now_runs_and_the_report_is_shown(client, editor, feed_server, make_source):
    source = make_source(feed_server.serve("/g.ics", feeds.NEXTCLOUD))
    client.force_login(editor)
    response = client.post(f"/admin/calendar-sources/{source.pk}/import/", follow=True)
    assert response.status_code == 200
    run = ImportRun.objects.get(source=source)
    assert (run.status, run.created, run.skipped, run.triggered_by) == ("ok", 3, 1, editor)
    body = response.content.decode()
    assert "overgeslagen: geen titel (SUMMARY)" in body  # the editor's language (Dutch)
    assert client.get(f"/admin/calendar-sources/{source.pk}/import/").status_code == 405


def test_someone_without_a_section_gets_nothing(client, django_user_model, other_source):
    user = django_user_model.objects.create_user("bob", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/calendar-sources/").status_code in (302, 403)


def test_the_report_is_in_the_editors_language(client, editor, feed_server, make_source):
    """Reasons are stored as message ids with their values and read in the
    language the editor chose for the admin; kept fields by their names."""
    from wagtail.users.models import UserProfile

    from sources.services import run_source

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    source = make_source(feed_server.serve("/g.ics", feeds.google()))
    run_source(source)
    ImportRun.objects.filter(source=source).update(
        details=[{"uid": "x", "summary": "Repaircafé", "kept": ["title", "exceptions"]}]
    )
    feed_server.serve("/g.ics", "oops", status=500)
    source.etag = ""
    source.save()
    failed = run_source(source)
    assert failed.message == "the server answered 500"  # English in the database and logs
    client.force_login(editor)
    body = client.get(f"/admin/calendar-sources/edit/{source.pk}/").content.decode()
    assert "der Server antwortete 500" in body
    assert "Titel, Geänderte und abgesagte Termine" in body
