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
    if (
        field.field.required
        and not field.is_hidden
        and field.widget_type != "checkboxselectmultiple"
    ):
        attrs.setdefault("required", True)
    return field.as_widget(attrs=attrs)
