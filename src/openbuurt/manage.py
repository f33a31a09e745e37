"""Entry point of the ``openbuurt`` console command (Django management)."""

import os
import sys


def main() -> None:
    """Run a Django management command with OpenBuurt's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openbuurt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
