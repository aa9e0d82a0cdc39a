"""Background tasks of calendar sources (django-tasks): import one source (the
admin's "Import now" on a worker) or all active ones (a periodic job)."""

from django_tasks import task


@task()
def import_source(source_id, user_id=None):
    from sources.models import CalendarSource
    from sources.services import run_source

    source = CalendarSource.objects.filter(pk=source_id).first()
    if source is not None:
        run_source(source, user=None if user_id is None else _user(user_id))


@task()
def import_all_sources():
    from sources.services import run_all

    run_all()


def _user(user_id):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_id).first()
