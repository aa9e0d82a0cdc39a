# The registration settings live in registration.RegistrationSettings now
# (registration 0003 copied every page's values there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0006_lean_eventpage"),
        ("registration", "0003_registration_settings"),
    ]

    operations = [
        migrations.RemoveField(model_name="eventpage", name="confirmation_text"),
        migrations.RemoveField(model_name="eventpage", name="max_places_per_registration"),
        migrations.RemoveField(model_name="eventpage", name="notify_organiser"),
        migrations.RemoveField(model_name="eventpage", name="registration_closes"),
        migrations.RemoveField(model_name="eventpage", name="registration_enabled"),
        migrations.RemoveField(model_name="eventpage", name="registration_opens"),
        migrations.RemoveField(model_name="eventpage", name="registration_scope"),
        migrations.RemoveField(model_name="eventpage", name="waiting_list_enabled"),
    ]
