"""Festival sessions become their own page type, `SessionPage` (an event with its
track, room, format and speakers), so a plain event carries none of that.

Every event below a festival, in any language, and every event that has a
track, room, format or speaker becomes a session: a `festival_sessionpage` row
is added under the same id, the programme fields and speakers are copied, and the
page, its revisions, its translation sources, history and references now name
the session type. `events.0006` then drops the old columns and table.
"""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def _ids_sql(ids):
    return ", ".join(str(int(i)) for i in ids)


def sessions_from_events(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    db = schema_editor.connection.alias
    event_ct = ContentType.objects.using(db).filter(app_label="events", model="eventpage").first()
    festival_ct = (
        ContentType.objects.using(db).filter(app_label="festival", model="festivalpage").first()
    )
    if event_ct is None:
        return  # a new database: nothing to move
    festival_paths = set(
        Page.objects.using(db).filter(content_type=festival_ct).values_list("path", flat=True)
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_ptr_id FROM events_eventpage WHERE old_track_id IS NOT NULL"
            " OR old_room_id IS NOT NULL OR old_session_format <> ''"
            " UNION SELECT page_id FROM events_eventpagespeaker"
        )
        with_programme = {row[0] for row in cursor.fetchall()}
    ids = sorted(
        page.pk
        for page in Page.objects.using(db).filter(content_type=event_ct).only("pk", "path")
        if page.path[:-4] in festival_paths or page.pk in with_programme
    )
    if not ids:
        return
    session_ct, _ = ContentType.objects.using(db).get_or_create(
        app_label="festival", model="sessionpage"
    )
    id_list = _ids_sql(ids)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO festival_sessionpage (eventpage_ptr_id, track_id, room_id, session_format)"
            " SELECT page_ptr_id, old_track_id, old_room_id, old_session_format"
            " FROM events_eventpage"
            f" WHERE page_ptr_id IN ({id_list})"
        )
        cursor.execute(
            "INSERT INTO festival_sessionspeaker"
            " (translation_key, sort_order, locale_id, page_id, person_id)"
            " SELECT translation_key, sort_order, locale_id, page_id, person_id"
            f" FROM events_eventpagespeaker WHERE page_id IN ({id_list}) ORDER BY id"
        )
        # History, references and workflow states name the page's type too.
        for table, key in (
            ("wagtailcore_pagelogentry", "page_id"),
            ("wagtailcore_referenceindex", "object_id"),
            ("wagtailcore_workflowstate", "object_id"),
        ):
            values = id_list if key == "page_id" else ", ".join(f"'{int(i)}'" for i in ids)
            cursor.execute(
                f"UPDATE {table} SET content_type_id = %s"
                f" WHERE content_type_id = %s AND {key} IN ({values})",
                [session_ct.pk, event_ct.pk],
            )
    pages = Page.objects.using(db).filter(pk__in=ids)
    keys = set(pages.values_list("translation_key", flat=True))
    pages.update(content_type=session_ct)
    TranslationSource.objects.using(db).filter(
        object_id__in=keys, specific_content_type=event_ct
    ).update(specific_content_type=session_ct)
    revisions = Revision.objects.using(db).filter(
        content_type=event_ct, object_id__in=[str(i) for i in ids]
    )
    for revision in revisions.iterator():
        revision.content_type = session_ct
        if isinstance(revision.content, dict):
            revision.content["content_type"] = session_ct.pk
        revision.save(update_fields=["content_type", "content"])


class Migration(migrations.Migration):

    dependencies = [
        ("festival", "0002_table_names"),
        ("events", "0005_programme_fields_renamed"),
        ("home", "0004_accessibility_page"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.CreateModel(
            name='SessionPage',
            fields=[
                ('eventpage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='events.eventpage')),
                ('session_format', models.CharField(blank=True, choices=[('workshop', 'Workshop'), ('talk', 'Talk'), ('market', 'Market'), ('excursion', 'Excursion'), ('online', 'Online session')], max_length=12, verbose_name='Format')),
                ('room', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='festival.festivalroom', verbose_name='Room or stage')),
                ('track', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='festival.festivaltrack', verbose_name='Track')),
            ],
            options={
                'verbose_name': 'festival session',
                'verbose_name_plural': 'festival sessions',
            },
            bases=('events.eventpage',),
        ),
        migrations.CreateModel(
            name='SessionSpeaker',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='speaker_links', to='festival.sessionpage')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.person', verbose_name='Person')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(sessions_from_events, elidable=True),
    ]
