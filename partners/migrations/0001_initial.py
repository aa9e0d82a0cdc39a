# Moves models into this app without touching their rows; see home/moves.py.

import django.db.models.deletion
import home.fields
import home.languages
import modelcluster.fields
import uuid
import wagtail.fields
from django.db import migrations, models


from home.moves import run_move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('kennisbank', '0002_partners'),
        ('home', '0004_accessibility_page'),
        ('wagtailimages', '0027_image_description'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PartnerIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('intro', models.TextField(blank=True, verbose_name='Introduction')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnerindexpage',
                        'verbose_name': 'partner index',
                        'verbose_name_plural': 'partner indexes',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='PartnerPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('intro', models.TextField(help_text='One or two sentences.', verbose_name='Introduction')),
                        ('image_alt', models.CharField(blank=True, help_text='Describe the image for people who cannot see it.', max_length=250, verbose_name='Image description')),
                        ('country', models.CharField(choices=[('NL', 'Netherlands'), ('DE', 'Germany'), ('BE', 'Belgium'), ('BY', 'Belarus')], max_length=2, verbose_name='Country')),
                        ('languages', home.fields.LanguagesField(blank=True, help_text='The languages the partner works in.', max_length=100, verbose_name='Working languages')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('quote', 11), ('call_to_action', 16), ('embed', 17)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Heading 2'), ('h3', 'Heading 3')], 'label': 'Level'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'h3'], 'label': 'Paragraph', 'template': 'blocks/paragraph_block.html'}), 4: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Photo credit', 'max_length': 120, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('caption', 5), ('credit', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 160, 'required': False}), 10: ('wagtail.blocks.ChoiceBlock', [], {'choices': home.languages.language_choices, 'help_text': 'Only when the quote is in another language than the page.', 'label': 'Language of the quote', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('text', 8), ('attribution', 9), ('language', 10)]], {}), 12: ('wagtail.blocks.TextBlock', (), {'label': 'Text', 'required': False}), 13: ('wagtail.blocks.PageChooserBlock', (), {'label': 'Page', 'required': False}), 14: ('wagtail.blocks.URLBlock', (), {'label': 'Or an external link', 'required': False}), 15: ('wagtail.blocks.CharBlock', (), {'label': 'Button label', 'max_length': 60}), 16: ('wagtail.blocks.StructBlock', [[('heading', 0), ('text', 12), ('page', 13), ('url', 14), ('button_label', 15)]], {}), 17: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A link to a video (YouTube, Vimeo) or another embeddable page.', 'label': 'Video or other embed', 'template': 'blocks/embed_block.html'})}, verbose_name='What the partnership is about')),
                        ('timeline', wagtail.fields.StreamField([('exchange', 14)], blank=True, block_lookup={0: ('wagtail.blocks.DateBlock', (), {'label': 'Date'}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('day', 'Day'), ('month', 'Month'), ('year', 'Year')], 'help_text': 'Show only the month or the year when the exact day is not known.', 'label': 'Show the date as'}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 160}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'As visitors should read them, e.g. “Nijmegen (Brakkenstein), Kranenburg”.', 'label': 'Places visited', 'max_length': 250}), 4: ('wagtail.snippets.blocks.SnippetChooserBlock', ('home.Venue',), {}), 5: ('wagtail.blocks.ListBlock', (4,), {'default': [], 'help_text': "Venues with coordinates appear on the partner's map.", 'label': 'Venues on the map', 'required': False}), 6: ('wagtail.snippets.blocks.SnippetChooserBlock', ('home.Organisation',), {}), 7: ('wagtail.blocks.ListBlock', (6,), {'default': [], 'label': 'Participating organisations', 'required': False}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Short report'}), 9: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Photo'}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 11: ('wagtail.blocks.CharBlock', (), {'label': 'Photo credit', 'max_length': 120, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('image', 9), ('caption', 10), ('credit', 11)]], {}), 13: ('wagtail.blocks.ListBlock', (12,), {'default': [], 'label': 'Photos', 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('date', 0), ('precision', 1), ('title', 2), ('places', 3), ('venues', 5), ('organisations', 7), ('report', 8), ('photos', 13)]], {})}, verbose_name='Timeline of exchanges')),
                        ('funding', models.TextField(blank=True, help_text='Who made the partnership or the exchanges possible.', verbose_name='Funding acknowledgement')),
                        ('gallery', wagtail.fields.StreamField([('photo', 3)], blank=True, block_lookup={0: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Photo'}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'Photo credit', 'max_length': 120, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('image', 0), ('caption', 1), ('credit', 2)]], {})}, verbose_name='Photo gallery')),
                        ('base', models.ForeignKey(blank=True, help_text='A venue with coordinates puts the partner on the map.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.venue', verbose_name='Where the partner is based')),
                        ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='Main image')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnerpage',
                        'verbose_name': 'partner',
                        'verbose_name_plural': 'partners',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='PartnerOrganisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.organisation', verbose_name='Organisation')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisation_links', to='partners.partnerpage')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnerorganisation',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='PartnerFunder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.organisation', verbose_name='Funder')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='funder_links', to='partners.partnerpage')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnerfunder',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='PartnerContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.person', verbose_name='Contact person')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_links', to='partners.partnerpage')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnercontact',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
                migrations.CreateModel(
                    name='PartnerRegion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='region_links', to='partners.partnerpage')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='home.region', verbose_name='Region')),
                    ],
                    options={
                        'db_table': 'kennisbank_partnerregion',
                        'ordering': ['sort_order'],
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
            ],
        ),
        run_move('kennisbank', 'partners', ['partnerindexpage', 'partnerpage', 'partnerorganisation', 'partnerfunder', 'partnercontact', 'partnerregion']),
    ]
