"""The moved models' tables get this app's names (rows, keys and links stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0001_initial'),
        ('kennisbank', '0003_partners_moved_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='partnerindexpage', table=None),
        migrations.AlterModelTable(name='partnerpage', table=None),
        migrations.AlterModelTable(name='partnerorganisation', table=None),
        migrations.AlterModelTable(name='partnerfunder', table=None),
        migrations.AlterModelTable(name='partnercontact', table=None),
        migrations.AlterModelTable(name='partnerregion', table=None),
    ]
