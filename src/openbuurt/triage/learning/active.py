"""Which model a running site uses: its own active version, else the default shipped in the package.

The loaded model is cached per process; :func:`reset` (called by ``selectors.reset_classifier_cache``) forgets
it after training, activation or rollback.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

import structlog

from openbuurt.triage.learning.modelfile import ModelBundle, ModelFileError, ModelStore, load_default

log = structlog.get_logger()


def models_dir() -> Path:
    """Return the site's model directory (setting ``OPENBUURT_MODELS_DIR``, default ``DATA_DIR/models``)."""
    configured = getattr(settings, "OPENBUURT_MODELS_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "models"


def model_store() -> ModelStore:
    """Return the site's model store."""
    return ModelStore(models_dir())


@lru_cache(maxsize=1)
def active_bundle() -> ModelBundle | None:
    """Return the site's active model, else the shipped default, else ``None``.

    A damaged site model is logged and skipped (the default takes over) rather than breaking report intake.
    """
    try:
        bundle = model_store().load_active()
    except ModelFileError as error:
        log.error("triage_model_unreadable", error=str(error))
        bundle = None
    if bundle is not None:
        return bundle
    try:
        return load_default()
    except ModelFileError as error:
        log.error("triage_default_model_unreadable", error=str(error))
        return None


def reset() -> None:
    """Forget the cached model."""
    active_bundle.cache_clear()
