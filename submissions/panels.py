"""The submitter's contact in the editor of an event that came in through the
form: only people who may edit that event (its section's reviewers) see it,
and it is never part of the page or its revisions."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from submissions.models import Submission


class SubmitterPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Submitted by"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/submitter_panel.html"

        @cached_property
        def submission(self):
            if not getattr(self.instance, "pk", None):
                return None
            return Submission.objects.filter(page_id=self.instance.pk).first()

        def is_shown(self):
            return self.submission is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["submission"] = self.submission
            return context
