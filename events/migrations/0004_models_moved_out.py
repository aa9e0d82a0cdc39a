# Festival and registration models now belong to their own apps (festival,
# registration). Their tables and rows stay: only Django's state changes here.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0003_festival"),
        ("festival", "0001_initial"),
        ("registration", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eventpage",
                    name="track",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="festival.festivaltrack",
                        verbose_name="Track",
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="room",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="festival.festivalroom",
                        verbose_name="Room or stage",
                    ),
                ),
                migrations.DeleteModel(name="FestivalPartner"),
                migrations.DeleteModel(name="FestivalTrack"),
                migrations.DeleteModel(name="FestivalRoom"),
                migrations.DeleteModel(name="FestivalPage"),
                migrations.DeleteModel(name="RegistrationQuestion"),
                migrations.DeleteModel(name="Registration"),
            ],
        ),
    ]
