# Moves models into this app without touching their rows; see home/moves.py.

import django.db.models.deletion
import modelcluster.fields
import uuid
from django.db import migrations, models


from home.moves import run_move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0003_festival'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('event_key', models.UUIDField(db_index=True)),
                        ('status', models.CharField(choices=[('confirmed', 'Confirmed'), ('waiting', 'Waiting list'), ('cancelled', 'Cancelled')], max_length=10, verbose_name='Status')),
                        ('places', models.PositiveSmallIntegerField(default=1, verbose_name='Places')),
                        ('name', models.CharField(max_length=100, verbose_name='Name')),
                        ('email', models.EmailField(max_length=254, verbose_name='E-mail')),
                        ('email_key', models.CharField(db_index=True, max_length=254)),
                        ('answers', models.JSONField(blank=True, default=list, verbose_name='Answers')),
                        ('language', models.CharField(default='nl', max_length=8, verbose_name='Language')),
                        ('source', models.CharField(choices=[('form', 'Registration form'), ('admin', 'Added by the organiser')], default='form', max_length=10)),
                        ('secret', models.CharField(blank=True, max_length=64)),
                        ('idempotency_key', models.CharField(blank=True, max_length=64, null=True, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='Registered at')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                        ('cancelled_by', models.CharField(blank=True, max_length=10)),
                        ('attended_at', models.DateTimeField(blank=True, null=True, verbose_name='Attended')),
                        ('reminded_at', models.DateTimeField(blank=True, null=True)),
                        ('anonymised_at', models.DateTimeField(blank=True, null=True)),
                        ('occurrence', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.occurrence', verbose_name='date')),
                    ],
                    options={
                        'db_table': 'events_registration',
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                        'ordering': ['created_at', 'pk'],
                        'indexes': [models.Index(fields=['occurrence', 'status'], name='registration_occ_status')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('anonymised_at__isnull', True), ('status__in', ['confirmed', 'waiting'])), fields=('occurrence', 'email_key'), name='one_active_registration_per_email_and_date'), models.CheckConstraint(condition=models.Q(('places__gte', 1)), name='registration_places_at_least_one')],
                    },
                ),
                migrations.CreateModel(
                    name='RegistrationQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('label', models.CharField(max_length=200, verbose_name='Question')),
                        ('kind', models.CharField(choices=[('short', 'Short text'), ('long', 'Long text'), ('choice', 'Choose one'), ('checkboxes', 'Checkboxes (several)')], default='short', max_length=12, verbose_name='Kind')),
                        ('required', models.BooleanField(default=False, verbose_name='Required')),
                        ('choices', models.TextField(blank=True, help_text='For a choice or checkboxes: one option per line.', verbose_name='Choices')),
                        ('help_text', models.CharField(blank=True, max_length=250, verbose_name='Help text')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='registration_questions', to='events.eventpage')),
                    ],
                    options={
                        'db_table': 'events_registrationquestion',
                        'verbose_name': 'registration question',
                        'verbose_name_plural': 'registration questions',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
            ],
        ),
        run_move('events', 'registration', ['registration', 'registrationquestion']),
    ]
