"""Registrations get their own permission, "Can view and manage registrations".

Until now whoever could edit an event page read and exported its registrations,
so Wagtail's default Editors (page permissions on the whole tree) saw every
visitor's name and address. The permission is created here, not only after
`migrate`, so that the partner sections' editor groups can be given it in the
same run (partners 0003); Wagtail's default groups never hold it.
"""

from django.db import migrations

CODENAME = "manage_registrations"
NAME = "Can view and manage registrations"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def create_and_keep_from_default_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="registration", model="registration"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('registration', '0004_cancelled_by_choices'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='registration',
            options={'ordering': ['created_at', 'pk'], 'permissions': [('manage_registrations', 'Can view and manage registrations')], 'verbose_name': 'registration', 'verbose_name_plural': 'registrations'},
        ),
        migrations.RunPython(create_and_keep_from_default_groups, migrations.RunPython.noop),
    ]
