"""Views of the back office, one module per screen."""
