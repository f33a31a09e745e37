"""WSGI entry point for gunicorn and other WSGI servers."""

import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openbuurt.settings")
application = get_wsgi_application()
# The threads of one server process share Python's interpreter lock; see OPENBUURT_THREAD_SWITCH_INTERVAL_MS.
sys.setswitchinterval(settings.OPENBUURT_THREAD_SWITCH_INTERVAL_MS / 1000)
