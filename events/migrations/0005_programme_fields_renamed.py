# Out of the way of festival.SessionPage's fields of the same names, until
# festival 0003 has copied them (events 0006 then drops them).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0004_models_moved_out"),
    ]

    operations = [
        migrations.RenameField(model_name="eventpage", old_name="track", new_name="old_track"),
        migrations.RenameField(model_name="eventpage", old_name="room", new_name="old_room"),
        migrations.RenameField(
            model_name="eventpage", old_name="session_format", new_name="old_session_format"
        ),
    ]
