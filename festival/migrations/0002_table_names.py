"""The moved models' tables get this app's names (rows, keys and links stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('festival', '0001_initial'),
        ('events', '0004_models_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='festivalpage', table=None),
        migrations.AlterModelTable(name='festivaltrack', table=None),
        migrations.AlterModelTable(name='festivalroom', table=None),
        migrations.AlterModelTable(name='festivalpartner', table=None),
    ]
