"""Reusable test set-up for apps that need real areas (reports, routing, channels …).

Use it from a conftest with the database enabled::

    from openbuurt.places.tests.fixtures import load_groningen_areas

    @pytest.fixture
    def groningen_areas(db: None) -> int:
        return load_groningen_areas()

The areas are CBS / PDOK data (CC BY 4.0) shipped in ``places/data``; the aliases are written by us.
"""

from __future__ import annotations

from openbuurt.places.demo import install_demo_areas
from openbuurt.places.geometry import reset_index
from openbuurt.places.models import Area


def load_groningen_areas() -> int:
    """Load gemeente Groningen (20 wijken, 150 buurten, GM0014 and the gazetteer); return the number of areas.

    Forget this process's spatial index first: one built in an earlier test may hold areas rolled back since.
    """
    reset_index()
    install_demo_areas()
    return Area.objects.count()
