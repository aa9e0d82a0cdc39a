"""Partner sections' editor groups keep seeing their events' registrations.

Registrations now need their own permission besides page permissions
(registration 0005); the section groups made before get it here, as
`partners.sections.grant_section_to_group` gives it to new ones. A section
group is one with page permissions on a partner page.
"""

from django.db import migrations

CODENAME = "manage_registrations"


def grant_to_section_groups(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    partner_page = ContentType.objects.filter(app_label="partners", model="partnerpage").first()
    if partner_page is None:
        return
    permission = Permission.objects.get(
        content_type__app_label="registration", codename=CODENAME
    )
    groups = Group.objects.filter(
        page_permissions__page__content_type=partner_page
    ).distinct()
    for group in groups:
        group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_table_names'),
        ('registration', '0005_manage_registrations_permission'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.RunPython(grant_to_section_groups, migrations.RunPython.noop),
    ]
