# Partner pages now belong to their own app (partners). Their tables and rows
# stay: only Django's state changes here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("kennisbank", "0002_partners"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PartnerOrganisation"),
                migrations.DeleteModel(name="PartnerFunder"),
                migrations.DeleteModel(name="PartnerContact"),
                migrations.DeleteModel(name="PartnerRegion"),
                migrations.DeleteModel(name="PartnerPage"),
                migrations.DeleteModel(name="PartnerIndexPage"),
            ],
        ),
    ]
