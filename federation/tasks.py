"""Federation's work for the task worker (django-tasks): bring followers up to
date about a page, and send one delivery. Failed deliveries wait for
`manage.py deliver_activities` (cron), which retries them with backoff."""

from django.apps import apps
from django_tasks import task

from federation import services
from federation.models import Delivery


@task()
def sync(model_label, translation_key):
    """Tell followers what changed about the page with this translation key."""
    model = apps.get_model(model_label)
    page = model.objects.filter(translation_key=translation_key).order_by("pk").first() or model(
        translation_key=translation_key
    )
    return len(services.sync_page(page))


@task()
def deliver(delivery_id):
    delivery = Delivery.objects.select_related("actor").filter(pk=delivery_id).first()
    if delivery is None:
        return False
    return services.deliver_one(delivery)
