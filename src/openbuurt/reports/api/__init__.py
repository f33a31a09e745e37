"""The reports app's JSON API for apps and the web form's scripts (DRF, documented at /api/schema/)."""
