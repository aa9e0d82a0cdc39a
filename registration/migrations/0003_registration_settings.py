# Registration settings move from events.EventPage to their own model here.
# Every event page (every language, aliases too) gets one row with its current
# settings; the rows of one event's translations share a translation_key, as
# wagtail-localize keeps them. Page revisions and wagtail-localize's frozen
# sources get the row in the place of the old fields (reverting or
# translating an older version keeps its settings), and the translation
# contexts of the confirmation text follow it into the row. events 0007 then
# drops the columns.

import json
import uuid

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import uuid
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models


OLD_TO_NEW = {
    "registration_enabled": "enabled",
    "registration_scope": "scope",
    "registration_opens": "opens",
    "registration_closes": "closes",
    "max_places_per_registration": "max_places",
    "waiting_list_enabled": "waiting_list",
    "confirmation_text": "confirmation_text",
    "notify_organiser": "notify_organiser",
}
EVENT_MODELS = [("events", "eventpage"), ("festival", "sessionpage")]
CONTEXT_NAMESPACE = uuid.UUID("fcab004a-2b50-11ea-978f-2e728ce88125")  # wagtail-localize's


def _move_fields(data, settings):
    """A serialized page (revision, translation source) with its old settings
    fields replaced by the row. Versions from before registration are left."""
    if not isinstance(data, dict) or "registration_enabled" not in data:
        return False
    child = {
        "pk": settings.pk if settings else None,
        "translation_key": str(settings.translation_key) if settings else str(uuid.uuid4()),
        "locale": data.get("locale"),
        "page": data.get("pk"),
    }
    for old, new in OLD_TO_NEW.items():
        if old in data:
            child[new] = data.pop(old)
    data["registration_settings"] = [child]
    return True


def copy_settings(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    Settings = apps.get_model("registration", "RegistrationSettings")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")

    keys = {}
    rows = []
    for page in EventPage.objects.order_by("pk").values(
        "pk", "translation_key", "locale_id", *OLD_TO_NEW
    ):
        rows.append(
            Settings(
                page_id=page["pk"],
                locale_id=page["locale_id"],
                translation_key=keys.setdefault(page["translation_key"], uuid.uuid4()),
                **{new: page[old] for old, new in OLD_TO_NEW.items()},
            )
        )
    Settings.objects.bulk_create(rows, batch_size=500)
    by_page = {s.page_id: s for s in Settings.objects.all()}

    content_types = [
        ct.pk
        for app_label, model in EVENT_MODELS
        for ct in ContentType.objects.filter(app_label=app_label, model=model)
    ]
    for revision in Revision.objects.filter(content_type_id__in=content_types).iterator():
        if _move_fields(revision.content, by_page.get(int(revision.object_id))):
            revision.save(update_fields=["content"])
    for source in TranslationSource.objects.filter(specific_content_type_id__in=content_types):
        data = json.loads(source.content_json)
        if _move_fields(data, by_page.get(data.get("pk"))):
            source.content_json = json.dumps(data, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])

    # Strings translated in the old place are found in the new one.
    for context in TranslationContext.objects.filter(
        path="confirmation_text", object_id__in=list(keys)
    ):
        path = f"registration_settings.{keys[context.object_id]}.confirmation_text"
        context.path = path
        context.path_id = uuid.uuid5(CONTEXT_NAMESPACE, path)
        context.field_path = "registration_settings.confirmation_text"
        context.save(update_fields=["path", "path_id", "field_path"])


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0006_lean_eventpage'),
        ('festival', '0003_sessions'),
        ('wagtail_localize', '0016_rename_page_revision_translationlog_revision'),
        ('registration', '0002_table_names'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegistrationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('enabled', models.BooleanField(default=False, verbose_name='Registration')),
                ('scope', models.CharField(choices=[('date', 'One date'), ('series', 'The whole series')], default='date', help_text='For a series: one date at a time, or all dates together (a course).', max_length=10, verbose_name='Visitors register for')),
                ('opens', models.DateTimeField(blank=True, help_text='Empty: open right away.', null=True, verbose_name='Registration opens')),
                ('closes', models.DateTimeField(blank=True, help_text='Empty: closes when the date (or the series) starts.', null=True, verbose_name='Registration closes')),
                ('max_places', models.PositiveSmallIntegerField(default=1, help_text='How many places one person may ask for (themselves and others).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='Places per registration')),
                ('waiting_list', models.BooleanField(default=True, verbose_name='Waiting list')),
                ('confirmation_text', models.TextField(blank=True, help_text='Shown in the confirmation e-mail, e.g. what to bring.', verbose_name='Confirmation text')),
                ('notify_organiser', models.BooleanField(default=False, verbose_name='E-mail the contact address on every registration')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='registration_settings', to='events.eventpage')),
            ],
            options={
                'verbose_name': 'registration settings',
                'verbose_name_plural': 'registration settings',
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('page',), name='one_registration_settings_per_page')],
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(copy_settings, migrations.RunPython.noop),
    ]
