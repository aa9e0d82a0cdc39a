"""A database made and filled by the code before the apps became layers
(commit 16cf281: festival, registration and partner models inside `events` and
`kennisbank`, sessions as plain events) migrates forward with every row,
translation link and registration intact.

The fixture is that commit's demo database (`load_demo` on SQLite, then
VACUUM): events with registrations, series, a festival of sessions with
speakers in three languages, partner pages written in German first.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("before-layers-16cf281.sqlite3.gz")

PAGES = "SELECT id, translation_key, locale_id, path, url_path, live, alias_of_id FROM wagtailcore_page"
REGISTRATIONS = (
    "SELECT id, occurrence_id, event_key, status, places, email, answers, secret FROM {table}"
)
SPEAKERS = "SELECT page_id, person_id, translation_key, locale_id, sort_order FROM {table}"
PROGRAMME = "SELECT {pk}, {track}, {room}, {fmt} FROM {table}"
SETTINGS_BEFORE = (
    "SELECT e.page_ptr_id, p.locale_id, e.registration_enabled, e.registration_scope,"
    " e.registration_opens, e.registration_closes, e.max_places_per_registration,"
    " e.waiting_list_enabled, e.confirmation_text, e.notify_organiser"
    " FROM events_eventpage e JOIN wagtailcore_page p ON p.id = e.page_ptr_id"
)
REVISED_BEFORE = (
    "SELECT id, object_id, json_extract(content, '$.registration_enabled'),"
    " json_extract(content, '$.max_places_per_registration'),"
    " json_extract(content, '$.registration_scope'), json_extract(content, '$.confirmation_text')"
    " FROM wagtailcore_revision WHERE json_extract(content, '$.registration_enabled') IS NOT NULL"
)
REVISED_AFTER = (
    "SELECT id, object_id, json_extract(content, '$.registration_settings[0].enabled'),"
    " json_extract(content, '$.registration_settings[0].max_places'),"
    " json_extract(content, '$.registration_settings[0].scope'),"
    " json_extract(content, '$.registration_settings[0].confirmation_text')"
    " FROM wagtailcore_revision WHERE json_extract(content, '$.registration_settings') IS NOT NULL"
)
SETTINGS_AFTER = (
    "SELECT page_id, locale_id, enabled, scope, opens, closes, max_places, waiting_list,"
    " confirmation_text, notify_organiser FROM registration_registrationsettings"
)


def rows(db, sql):
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute(sql).fetchall(), key=repr)


def model_of_pages(db):
    """{page id: "app.model"} as the content types say."""
    return dict(
        rows(
            db,
            "SELECT p.id, c.app_label || '.' || c.model FROM wagtailcore_page p"
            " JOIN django_content_type c ON c.id = p.content_type_id",
        )
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layers")
    db = folder / "before.sqlite3"
    with gzip.open(FIXTURE) as source, open(db, "wb") as target:
        shutil.copyfileobj(source, target)
    before = {
        "pages": rows(db, PAGES),
        "models": model_of_pages(db),
        "registrations": rows(db, REGISTRATIONS.format(table="events_registration")),
        "questions": rows(db, "SELECT * FROM events_registrationquestion"),
        "speakers": rows(db, SPEAKERS.format(table="events_eventpagespeaker")),
        "programme": rows(
            db,
            PROGRAMME.format(
                pk="page_ptr_id",
                track="track_id",
                room="room_id",
                fmt="session_format",
                table="events_eventpage",
            ),
        ),
        "partners": rows(db, "SELECT * FROM kennisbank_partnerpage"),
        "partner_links": rows(db, "SELECT * FROM kennisbank_partnerorganisation"),
        "tracks": rows(db, "SELECT * FROM events_festivaltrack"),
        "occurrences": rows(db, "SELECT * FROM events_occurrence"),
        "sources": rows(db, "SELECT id, object_id FROM wagtail_localize_translationsource"),
        "settings": rows(db, SETTINGS_BEFORE),
        "revised": rows(db, REVISED_BEFORE),
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return db, before, env


def test_every_page_keeps_its_place_language_and_translation_link(migrated):
    db, before, _env = migrated
    assert rows(db, PAGES) == before["pages"]


def test_registrations_and_their_questions_are_all_there(migrated):
    db, before, _env = migrated
    assert len(before["registrations"]) > 50
    assert rows(db, REGISTRATIONS.format(table="registration_registration")) == (
        before["registrations"]
    )
    assert rows(db, "SELECT * FROM registration_registrationquestion") == before["questions"]
    assert rows(db, "SELECT * FROM events_occurrence") == before["occurrences"]


def test_events_below_a_festival_become_sessions_with_their_programme(migrated):
    db, before, _env = migrated
    models = model_of_pages(db)
    sessions = {pk for pk, model in models.items() if model == "festival.sessionpage"}
    festivals = {
        path
        for pk, _key, _locale, path, *_ in before["pages"]
        if before["models"][pk] == "events.festivalpage"
    }
    below_festivals = {
        pk for pk, _key, _locale, path, *_ in before["pages"] if path[:-4] in festivals
    }
    assert sessions == below_festivals and len(sessions) > 20
    # Other events stay plain events; nothing else changed type.
    for pk, model in before["models"].items():
        expected = {
            "events.festivalpage": "festival.festivalpage",
            "kennisbank.partnerpage": "partners.partnerpage",
            "kennisbank.partnerindexpage": "partners.partnerindexpage",
        }.get(model, model)
        if pk not in sessions:
            assert models[pk] == expected
    programme = [row for row in before["programme"] if row[0] in sessions]
    assert rows(
        db,
        PROGRAMME.format(
            pk="eventpage_ptr_id",
            track="track_id",
            room="room_id",
            fmt="session_format",
            table="festival_sessionpage",
        ),
    ) == sorted(programme, key=repr)
    assert rows(db, SPEAKERS.format(table="festival_sessionspeaker")) == before["speakers"]


def test_partner_pages_and_festival_parts_keep_their_rows(migrated):
    db, before, _env = migrated
    assert rows(db, "SELECT * FROM partners_partnerpage") == before["partners"]
    assert rows(db, "SELECT * FROM partners_partnerorganisation") == before["partner_links"]
    assert rows(db, "SELECT * FROM festival_festivaltrack") == before["tracks"]
    assert rows(db, "SELECT id, object_id FROM wagtail_localize_translationsource") == (
        before["sources"]
    )


def test_every_event_keeps_its_registration_settings_in_every_language(migrated):
    db, before, _env = migrated
    settings = before["settings"]
    assert len(settings) > 100 and sum(1 for row in settings if row[2]) > 20
    assert any(row[8] for row in settings), "the fixture has confirmation texts"
    # One row per page (aliases and translations too), its own values kept.
    assert rows(db, SETTINGS_AFTER) == settings
    columns = {row[1] for row in rows(db, "PRAGMA table_info(events_eventpage)")}
    assert not columns & {"registration_enabled", "confirmation_text", "notify_organiser"}


def test_the_settings_of_an_events_translations_share_one_translation_key(migrated):
    db, _before, _env = migrated
    pairs = rows(
        db,
        "SELECT p.translation_key, s.translation_key FROM registration_registrationsettings s"
        " JOIN wagtailcore_page p ON p.id = s.page_id",
    )
    key_of_event = {}
    for event_key, settings_key in pairs:
        key_of_event.setdefault(event_key, set()).add(settings_key)
    assert all(len(keys) == 1 for keys in key_of_event.values())
    settings_keys = [next(iter(keys)) for keys in key_of_event.values()]
    assert len(set(settings_keys)) == len(settings_keys) > 30


def test_revisions_carry_the_settings_they_had(migrated):
    db, before, _env = migrated
    assert len(before["revised"]) > 100
    assert rows(db, REVISED_AFTER) == before["revised"]
    leftover = "SELECT count(*) FROM wagtailcore_revision WHERE content LIKE '%registration_enabled%'"
    assert rows(db, leftover) == [(0,)]


CHECK = """
import django
django.setup()
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from festival.models import SessionPage
from events.models import EventPage
from registration.models import Registration, settings_of

pages = list(Page.objects.all().specific())
assert all(type(p) is not Page for p in pages[1:]), "a page lost its type"
revised = 0
for page in pages:
    revision = page.latest_revision
    if revision is not None:
        old = revision.as_object()
        assert type(old) is type(page), page
        if isinstance(page, EventPage):
            # The revision carries the page's settings row (its values then).
            (row,) = old.registration_settings.all()
            assert row.pk == settings_of(page).pk and row.locale_id == page.locale_id, page
            assert row.translation_key == settings_of(page).translation_key, page
            revised += 1
assert revised > 30, revised
for source in TranslationSource.objects.all():
    instance = source.get_source_instance()
    assert source.specific_content_type.model_class() is type(instance), source
    if isinstance(instance, EventPage):
        (row,) = source.as_instance().registration_settings.all()
        assert row.translation_key == settings_of(instance).translation_key, source
session = SessionPage.objects.filter(speaker_links__isnull=False).first()
assert session.track is not None and session.speaker_links.count()
assert all(r.occurrence.event.translation_key == r.event_key for r in Registration.objects.all())
print("ok", len(pages))
"""


def test_the_site_reads_the_migrated_pages_revisions_and_translation_sources(migrated):
    _db, _before, env = migrated
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
