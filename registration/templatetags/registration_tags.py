"""Template helpers of the registration form: widgets with the ARIA links to
their help text and error message (WCAG 3.3.1 / 1.3.1)."""

from django import template

register = template.Library()


@register.simple_tag
def reg_widget(field, **attrs):
    """Render a bound field's widget with aria-invalid and aria-describedby."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    # Django's rule for the widget: no `required` on a group of checkboxes,
    # nor on a select whose first option already has a value (invalid HTML).
    if (
        field.field.required
        and not field.is_hidden
        and field.field.widget.use_required_attribute(field.initial)
    ):
        attrs.setdefault("required", True)
    return field.as_widget(attrs=attrs)
