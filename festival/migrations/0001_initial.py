# Moves models into this app without touching their rows; see home/moves.py.

import django.db.models.deletion
import home.languages
import home.routing
import modelcluster.fields
import uuid
import wagtail.fields
from django.db import migrations, models


from home.moves import run_move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('events', '0003_festival'),
        ('home', '0004_accessibility_page'),
        ('wagtailimages', '0027_image_description'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FestivalPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('edition', models.CharField(help_text="E.g. '2022' or 'digital edition 2027'.", max_length=40, verbose_name='Edition')),
                        ('start_date', models.DateField(verbose_name='First day')),
                        ('end_date', models.DateField(blank=True, help_text='Empty for a one-day festival.', null=True, verbose_name='Last day')),
                        ('is_online', models.BooleanField(default=False, help_text='Sessions take place online.', verbose_name='Online edition')),
                        ('intro', models.TextField(blank=True, verbose_name='Introduction')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('quote', 11), ('call_to_action', 16), ('embed', 17)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3')], 'label': 'Level'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3'], 'label': 'Paragraph', 'template': 'blocks/paragraph_block.html'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Photo credit', 'max_length': 120, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5), ('credit', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 160, 'required': False}), 10: ('wagtail.blocks.ChoiceBlock', [], {'choices': home.languages.language_choices, 'help_text': 'Only when the quote is in another language than the page.', 'label': 'Language of the quote', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('text', 8), ('attribution', 9), ('language', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'required': False}), 13: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 14: ('wagtail.blocks.URLBlock', (), {'label': 'Or an external link', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Button label', 'max_length': 60}), 16: ('wagtail.blocks.StructBlock', [[('heading', 0), ('text', 12), ('page', 13), ('url', 14), ('button_label', 15)]], {}), 17: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A link to a video (YouTube, Vimeo) or another embeddable page.', 'label': 'Video or other embed', 'template': 'blocks/embed_block.html'})}, verbose_name='Body')),
                        ('image_alt', models.CharField(blank=True, max_length=250, verbose_name='Image description')),
                        ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='Image')),
                        ('venue', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.venue', verbose_name='Venue')),
                    ],
                    options={
                        'db_table': 'events_festivalpage',
                        'verbose_name': 'festival',
                        'verbose_name_plural': 'festivals',
                    },
                    bases=(home.routing.AttachedRoutesMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='FestivalTrack',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('name', models.CharField(max_length=100, verbose_name='Name')),
                        ('slug', models.SlugField(max_length=100, verbose_name='Slug')),
                        ('colour', models.CharField(blank=True, help_text='Optional, as #rrggbb; shown as a stripe beside the sessions.', max_length=7, verbose_name='Colour')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tracks', to='festival.festivalpage')),
                    ],
                    options={
                        'db_table': 'events_festivaltrack',
                        'verbose_name': 'track',
                        'verbose_name_plural': 'tracks',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='FestivalRoom',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('name', models.CharField(max_length=100, verbose_name='Name')),
                        ('slug', models.SlugField(max_length=100, verbose_name='Slug')),
                        ('capacity', models.PositiveIntegerField(blank=True, null=True, verbose_name='Seats')),
                        ('accessibility', models.CharField(blank=True, help_text="E.g. 'ground floor, hearing loop'.", max_length=200, verbose_name='Accessibility')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='rooms', to='festival.festivalpage')),
                    ],
                    options={
                        'db_table': 'events_festivalroom',
                        'verbose_name': 'room or stage',
                        'verbose_name_plural': 'rooms and stages',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='FestivalPartner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.organisation', verbose_name='Organisation')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='partner_links', to='festival.festivalpage')),
                    ],
                    options={
                        'db_table': 'events_festivalpartner',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
            ],
        ),
        run_move('events', 'festival', ['festivalpage', 'festivaltrack', 'festivalroom', 'festivalpartner']),
    ]
