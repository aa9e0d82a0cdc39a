"""Signal receivers of the knowledge base."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from partners.models import PartnerPage


@receiver(post_save, sender=PartnerPage)
def new_partner_version_joins_its_section(sender, instance, created, raw=False, **kwargs):
    """A new translation or alias of a partner page gets the section's editors."""
    if created and not raw:
        from partners.sections import share_section_permissions

        share_section_permissions(instance)
