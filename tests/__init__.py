"""Tests that run outside the package: browser tests of whole flows."""
