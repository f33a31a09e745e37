#!/usr/bin/env python
"""Django's manage.py; the same as the ``openbuurt`` console command."""

from openbuurt.manage import main

if __name__ == "__main__":
    main()
