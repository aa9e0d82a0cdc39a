"""Snippet choosers whose button texts follow the editor's admin language.

Wagtail builds one chooser widget per snippet model when the model is
registered, at start-up, and formats "Choose %(object)s" there and then
(wagtail/snippets/widgets.py, `AdminSnippetChooser.__init__`): every editor
then reads the start-up language ("Kies locatie" in an English admin). These
widgets format their texts when they are rendered, with Wagtail's own
translations. Our snippet viewsets use them through
`chooser_viewset_class = LocalizedSnippetChooserViewSet`.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def _text(template):
    """A text of the widget, in the active language whenever it is read. Wagtail
    sets it in `__init__`; that value is ignored."""

    def read(widget):
        return gettext(template) % {"object": widget.model._meta.verbose_name}

    return property(read, lambda widget, value: None)


class LocalizedSnippetChooser(AdminSnippetChooser):
    choose_one_text = _text("Choose %(object)s")
    choose_another_text = _text("Choose another %(object)s")
    link_to_chosen_text = _text("Edit this %(object)s")


class LocalizedSnippetChooserViewSet(SnippetChooserViewSet):
    @cached_property
    def widget_class(self):
        return LocalizedSnippetChooser(model=self.model, icon=self.icon)
