"""Seed examples from the taxonomy: every category's names, descriptions and keywords as short training texts.

They let a model suggest a category it has (almost) never seen in the history, such as "gladheidsbestrijding" in a
municipality's first winter, and they anchor English words to categories whose history is all Dutch. Seeds are
added to the training data with weight one, like any report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import LabelledExample


@dataclass(frozen=True)
class CategoryText:
    """The texts that describe one category, and the slug of its main category (``""`` for a main category)."""

    slug: str
    parent_slug: str
    texts: tuple[str, ...]


def _split_keywords(keywords: str) -> list[str]:
    return [word.strip() for word in keywords.split(",") if word.strip()]


def category_texts_from_taxonomy() -> list[CategoryText]:
    """Return the texts of the default taxonomy (names, descriptions and keywords, Dutch and English)."""
    from openbuurt.triage.default_taxonomy import DEFAULT_TAXONOMY, MainCategorySpec, SubCategorySpec

    result: list[CategoryText] = []
    for main in DEFAULT_TAXONOMY:
        nodes: list[tuple[MainCategorySpec | SubCategorySpec, str]] = [(main, "")]
        nodes.extend((sub, main.slug) for sub in main.subs)
        for spec, parent in nodes:
            texts = (spec.name_nl, spec.name_en, spec.description_nl, spec.description_en)
            result.append(
                CategoryText(
                    spec.slug, parent, tuple(t for t in (*texts, *_split_keywords(spec.keywords)) if t.strip())
                )
            )
    return result


def category_texts_from_database() -> list[CategoryText]:
    """Return the texts of the site's active categories as stored (administrators may have edited them)."""
    from openbuurt.triage.models import Category

    result: list[CategoryText] = []
    for category in Category.objects.filter(is_active=True).select_related("parent"):
        texts = (category.name_nl, category.name_en, category.description_nl, category.description_en)
        result.append(
            CategoryText(
                category.slug,
                category.parent.slug if category.parent is not None else "",
                tuple(t for t in (*texts, *_split_keywords(category.keywords)) if t.strip()),
            )
        )
    return result


def seed_examples(categories: Iterable[CategoryText], label_for_slug: Mapping[str, str]) -> list[LabelledExample]:
    """Return seed examples for the categories that have a label in ``label_for_slug`` (slug → training label).

    A main category whose label is wanted also gets the texts of those of its sub categories that have no label
    of their own, so "bijplaatsing" (a sub of household waste) teaches the main category when only main
    categories are learned.
    """
    categories = list(categories)
    examples: list[LabelledExample] = []
    for category in categories:
        label = label_for_slug.get(category.slug)
        if label is None and category.parent_slug and category.slug not in label_for_slug:
            label = label_for_slug.get(category.parent_slug)
        if label is None:
            continue
        examples.extend(LabelledExample(features=ReportFeatures(text=text), label=label) for text in category.texts)
    return examples


def labels_for_seeding(categories: Iterable[CategoryText], labels: Iterable[str]) -> dict[str, str]:
    """Return slug → label for seeding: every label that is a slug, plus each main category the data never uses.

    A main category none of whose sub categories is a label either joins as a label of its own, so a category
    without history (a municipality's first winter: "gladheidsbestrijding") can still be suggested. The fallback
    category never joins.
    """
    from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG

    categories = list(categories)
    used = set(labels)
    mapping = {label: label for label in used}
    for category in categories:
        # The fallback ("overig") is what the threshold chooses when nothing fits, not something to learn.
        if category.parent_slug or category.slug in used or category.slug == FALLBACK_CATEGORY_SLUG:
            continue
        subs_used = any(c.parent_slug == category.slug and c.slug in used for c in categories)
        if not subs_used:
            mapping[category.slug] = category.slug
    return mapping
