# The programme fields left for festival.SessionPage (festival 0003 copied them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0005_programme_fields_renamed"),
        ("festival", "0003_sessions"),
    ]

    operations = [
        migrations.RemoveField(model_name="eventpage", name="old_track"),
        migrations.RemoveField(model_name="eventpage", name="old_room"),
        migrations.RemoveField(model_name="eventpage", name="old_session_format"),
        migrations.DeleteModel(name="EventPageSpeaker"),
    ]
