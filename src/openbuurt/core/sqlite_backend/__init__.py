"""SQLite database backend of OpenBuurt: Django's own, with writers queued in order instead of polling the lock."""
