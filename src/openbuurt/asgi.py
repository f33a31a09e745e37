"""ASGI entry point."""

import os
import sys

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openbuurt.settings")
application = get_asgi_application()
# The threads of one server process share Python's interpreter lock; see OPENBUURT_THREAD_SWITCH_INTERVAL_MS.
sys.setswitchinterval(settings.OPENBUURT_THREAD_SWITCH_INTERVAL_MS / 1000)
