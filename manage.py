#!/usr/bin/env python
"""Django's command-line utility."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # As the web server's workers (config.wsgi): the task worker and the
    # commands make large blocks too (date generation, imports).
    from config.runtime import tune_allocator

    tune_allocator()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
