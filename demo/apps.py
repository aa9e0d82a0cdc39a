from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and the `load_demo` command: development and tests only."""

    name = "demo"
    verbose_name = "Demo"
