"""Typed plugin registries for variation points (geocoders, classifiers, channels, notification backends)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

PluginT = TypeVar("PluginT")


class UnknownPluginError(LookupError):
    """Raised when a registry is asked for a name nobody registered."""


class Registry(Generic[PluginT]):
    """A named collection of plugins of one kind.

    Register a plugin class or factory with ``@registry.register("name")``; look it up with ``registry["name"]``.
    Registering the same name twice is an error, so two plugins cannot silently shadow each other.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._plugins: dict[str, PluginT] = {}

    def register(self, name: str) -> Callable[[PluginT], PluginT]:
        """Return a decorator that registers its argument under ``name``."""

        def decorator(plugin: PluginT) -> PluginT:
            if name in self._plugins and self._plugins[name] is not plugin:
                raise ValueError(f"{self.kind} plugin {name!r} is already registered")
            self._plugins[name] = plugin
            return plugin

        return decorator

    def __getitem__(self, name: str) -> PluginT:
        try:
            return self._plugins[name]
        except KeyError:
            known = ", ".join(sorted(self._plugins)) or "none"
            raise UnknownPluginError(f"no {self.kind} plugin named {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._plugins

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._plugins))

    def items(self) -> list[tuple[str, PluginT]]:
        """Return (name, plugin) pairs sorted by name."""
        return sorted(self._plugins.items())
