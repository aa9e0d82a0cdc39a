"""The moved models' tables get this app's names (rows, keys and links stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('registration', '0001_initial'),
        ('events', '0004_models_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='registration', table=None),
        migrations.AlterModelTable(name='registrationquestion', table=None),
    ]
