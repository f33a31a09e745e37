"""The default taxonomy: Katwijk labels map one to one, every category is complete, police categories are
confidential, installing is idempotent and refuses clashes, and the keywords classify plain texts sensibly."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from django.utils import translation

import pytest

from openbuurt.triage.classifiers import ReportFeatures
from openbuurt.triage.classifiers.keyword import KeywordClassifier
from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG, HandlingOrganisation
from openbuurt.triage.default_taxonomy import (
    DEFAULT_TAXONOMY,
    EMERGENCY_GUIDANCE,
    EMERGENCY_MESSAGE_EN,
    EMERGENCY_MESSAGE_NL,
    KATWIJK_CATEGORY_TO_SLUG,
    POLICE_NON_EMERGENCY_MESSAGE_EN,
    POLICE_NON_EMERGENCY_MESSAGE_NL,
    MainCategorySpec,
    SubCategorySpec,
    TaxonomyError,
    emergency_message,
    install_default_taxonomy,
    iter_category_specs,
    validate_taxonomy,
)
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

SPEC_COUNT = sum(1 for _ in iter_category_specs())
KATWIJK_TRAIN = (
    Path(__file__).resolve().parents[5] / "shared" / "data" / "katwijk_meldingen" / "katwijk_meldingen_train.csv"
)
POLICE_SUBS = (
    "woninginbraak",
    "verdachte-situatie",
    "vernieling",
    "drugsoverlast",
    "geweld-of-bedreiging",
    "verkeersongeval-met-letsel",
    "fietsdiefstal",
    "jeugdoverlast",
)


def _main_slug(category: Category) -> str:
    return category.parent.slug if category.parent is not None else category.slug


def test_the_migration_installed_every_default_category() -> None:
    assert Category.objects.count() == SPEC_COUNT
    assert Category.objects.filter(parent__isnull=True).count() == len(DEFAULT_TAXONOMY)
    fallback = Category.objects.get(slug=FALLBACK_CATEGORY_SLUG)
    assert fallback.is_main
    assert (fallback.name_nl, fallback.name_en) == ("Overig", "Other")
    assert fallback.handling_organisation == HandlingOrganisation.MUNICIPALITY
    assert fallback.keywords == ""  # the keyword classifier falls back to it when nothing matches


@pytest.mark.parametrize(("katwijk_name", "slug"), sorted(KATWIJK_CATEGORY_TO_SLUG.items()))
def test_every_katwijk_label_is_a_municipal_main_category_with_the_same_name(katwijk_name: str, slug: str) -> None:
    category = Category.objects.get(slug=slug)

    assert category.is_main
    assert category.name_nl == katwijk_name
    assert category.handling_organisation == HandlingOrganisation.MUNICIPALITY
    assert not category.is_confidential
    assert 3 <= category.children.count() <= 7


def test_the_mapping_has_the_fifteen_katwijk_labels() -> None:
    assert len(KATWIJK_CATEGORY_TO_SLUG) == 15
    assert len(set(KATWIJK_CATEGORY_TO_SLUG.values())) == 15


@pytest.mark.skipif(not KATWIJK_TRAIN.exists(), reason="the shared Katwijk data is not beside the repository")
def test_every_label_in_the_katwijk_data_is_mapped() -> None:
    with KATWIJK_TRAIN.open(encoding="utf-8", newline="") as handle:
        labels = {row["category"] for row in csv.DictReader(handle)}

    assert labels == set(KATWIJK_CATEGORY_TO_SLUG)


def test_slugs_and_service_codes_are_unique_and_every_category_has_a_code_and_group() -> None:
    codes = list(Category.objects.values_list("service_code", flat=True))

    assert len(codes) == len(set(codes)) == SPEC_COUNT
    assert all(code.strip() for code in codes)
    assert not Category.objects.filter(service_group="").exists()
    validate_taxonomy()  # the shipped taxonomy passes its own checks


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_category_has_a_name_description_and_service_promise_in_both_languages(language: str) -> None:
    with translation.override(language):
        for category in Category.objects.select_related("parent"):
            assert category.name_nl.strip() and category.name_en.strip(), category.slug
            assert category.description_nl.strip() and category.description_en.strip(), category.slug
            assert category.handling_message.strip(), category.slug
            assert category.sla_days >= 1, category.slug


def test_the_english_texts_are_not_copies_of_the_dutch_ones() -> None:
    copies = [c.slug for c in Category.objects.all() if c.description_en == c.description_nl]
    assert copies == []


def test_police_categories_are_confidential_police_handled_and_cover_the_police_themes() -> None:
    police = Category.objects.filter(handling_organisation=HandlingOrganisation.POLICE)

    assert set(POLICE_SUBS) <= set(police.values_list("slug", flat=True))
    assert all(category.is_confidential for category in police)
    for slug in POLICE_SUBS:
        category = Category.objects.get(slug=slug)
        assert category.parent is not None and category.parent.is_police
    # Nothing else is confidential: municipal reports stay public.
    assert not Category.objects.filter(handling_organisation=HandlingOrganisation.MUNICIPALITY, is_confidential=True)


def test_police_service_promises_say_a_report_is_not_an_aangifte_and_name_112() -> None:
    for main in Category.objects.filter(parent__isnull=True, handling_organisation=HandlingOrganisation.POLICE):
        assert "112" in main.handling_message_nl and "112" in main.handling_message_en


def test_sub_categories_share_the_group_organisation_and_confidentiality_of_their_main_category() -> None:
    for sub in Category.objects.filter(parent__isnull=False).select_related("parent"):
        assert sub.parent is not None
        assert sub.service_group == sub.parent.service_group
        assert sub.handling_organisation == sub.parent.handling_organisation
        assert sub.is_confidential == sub.parent.is_confidential


def test_dangerous_situations_have_the_shortest_handling_times() -> None:
    by_slug = {category.slug: category for category in Category.objects.all()}

    for slug in ("lantaarnpaal-beschadigd", "open-luik-losse-kabel", "boom-gevaarlijk", "putdeksel-los"):
        assert (by_slug[slug].sla_days, by_slug[slug].sla_working_days) == (1, False), slug
    assert (by_slug["lamp-defect"].sla_days, by_slug["lamp-defect"].sla_working_days) == (5, True)
    assert by_slug["grofvuil"].sla_days == 10


def test_ordering_lists_each_main_category_followed_by_its_sub_categories() -> None:
    ordered = list(Category.objects.select_related("parent").order_by("order"))
    current_main: Category | None = None

    for category in ordered:
        if category.is_main:
            current_main = category
        else:
            assert current_main is not None and category.parent_id == current_main.pk, category.slug
    assert ordered[-1].slug == FALLBACK_CATEGORY_SLUG


def test_installing_again_creates_nothing_and_changes_nothing() -> None:
    before = {c.slug: (c.pk, c.service_code, c.keywords, c.order) for c in Category.objects.all()}

    assert install_default_taxonomy(Category) == 0
    assert install_default_taxonomy(Category) == 0
    assert {c.slug: (c.pk, c.service_code, c.keywords, c.order) for c in Category.objects.all()} == before


def test_installing_on_an_empty_table_creates_every_category_once() -> None:
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()

    assert install_default_taxonomy(Category) == SPEC_COUNT
    assert install_default_taxonomy(Category) == 0
    assert Category.objects.count() == SPEC_COUNT


def test_installing_again_restores_the_texts_but_keeps_a_category_switched_off() -> None:
    Category.objects.filter(slug="lamp-defect").update(name_nl="Kapot", keywords="", is_active=False)
    Category.objects.filter(slug="grofvuil").update(parent=Category.objects.get(slug="parkeren"))

    assert install_default_taxonomy(Category) == 0

    lamp = Category.objects.get(slug="lamp-defect")
    assert lamp.name_nl == "Lamp defect"
    assert "brandt niet" in lamp.keyword_list()
    assert lamp.is_active is False
    grofvuil = Category.objects.select_related("parent").get(slug="grofvuil")
    assert grofvuil.parent is not None and grofvuil.parent.slug == "huisafval"


def test_installing_leaves_categories_outside_the_taxonomy_alone() -> None:
    own = Category.objects.create(slug="eigen-categorie", name_nl="Eigen", name_en="Own", service_code="EIG-01")

    install_default_taxonomy(Category)

    own.refresh_from_db()
    assert (own.name_nl, own.service_code, own.is_active) == ("Eigen", "EIG-01", True)


def test_a_service_code_held_by_another_category_is_refused_before_anything_is_written() -> None:
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    Category.objects.create(slug="eigen-lampen", name_nl="Eigen lampen", name_en="Own lamps", service_code="STR-01")

    with pytest.raises(TaxonomyError, match="'STR-01' of 'lamp-defect' already belongs to category 'eigen-lampen'"):
        install_default_taxonomy(Category)

    assert list(Category.objects.values_list("slug", flat=True)) == ["eigen-lampen"]


def _sub(**changes: object) -> SubCategorySpec:
    base = SubCategorySpec(
        slug="test-sub",
        service_code="TST-01",
        name_nl="Test (door ons geschreven)",
        name_en="Test (written by us)",
        description_nl="Een testcategorie.",
        description_en="A test category.",
        keywords="test, proef",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _main(*subs: SubCategorySpec, **changes: object) -> MainCategorySpec:
    base = MainCategorySpec(
        slug="test-main",
        service_code="TST-00",
        service_group="test",
        name_nl="Testhoofdcategorie",
        name_en="Test main category",
        description_nl="Een hoofdcategorie om te testen.",
        description_en="A main category for tests.",
        keywords="test",
        handling_message_nl="We kijken ernaar.",
        handling_message_en="We look at it.",
        sla_days=5,
        subs=subs,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("taxonomy", "message"),
    [
        ((_main(_sub(), _sub(service_code="TST-02")),), "slug 'test-sub' is used twice"),
        ((_main(_sub(), _sub(slug="other-sub")),), "service code 'TST-01' of other-sub is used twice"),
        ((_main(_sub(name_en=" ")),), "test-sub: name_en is empty"),
        ((_main(_sub(description_nl="")),), "test-sub: description_nl is empty"),
        ((_main(_sub(keywords="fly-tipping, afval")),), "keyword 'fly-tipping' can never match"),
        ((_main(_sub(sla_days=0)),), "test-sub: sla_days must be at least 1"),
        ((_main(_sub(), handling_message_en=""),), "no handling message of its own or from its main category"),
    ],
)
def test_an_inconsistent_taxonomy_is_refused_with_the_reason_and_nothing_is_written(
    taxonomy: tuple[MainCategorySpec, ...], message: str
) -> None:
    count = Category.objects.count()

    with pytest.raises(TaxonomyError, match=message):
        install_default_taxonomy(Category, taxonomy=taxonomy)

    assert Category.objects.count() == count
    assert not Category.objects.filter(slug__startswith="test-").exists()


def test_a_sub_category_without_its_own_handling_time_or_promise_takes_its_main_categorys() -> None:
    install_default_taxonomy(Category, taxonomy=(_main(_sub(), sla_days=3, sla_working_days=False),))

    sub = Category.objects.get(slug="test-sub")
    assert (sub.sla_days, sub.sla_working_days, sub.handling_message_nl) == (3, False, "")
    with translation.override("en"):
        assert sub.handling_message == "We look at it."


@pytest.mark.parametrize(
    ("text", "main_slug"),
    [
        # Example texts written by us.
        ("De lantaarnpaal voor ons huis brandt niet meer", "straatverlichting"),
        ("The street light in our road is out, it is very dark", "straatverlichting"),
        ("Onze grijze container is vandaag niet geleegd", "huisafval"),
        ("Er ligt overal glas op het fietspad", "zwerfafval"),
        ("Losse tegels op de stoep, mijn moeder is gestruikeld", "wegen-straten-en-verkeer"),
        ("Loose paving stones, I tripped on the pavement", "wegen-straten-en-verkeer"),
        ("De ondergrondse container gaat niet open, pas onbekend", "technische-storingen-en-parkeermeters"),
        ("Elke avond wordt er zwaar vuurwerk afgestoken", "vuurwerkoverlast"),
        ("Veel last van ratten in de tuin en bij de containers", "ongedierte"),
        ("De put voor mijn huis is verstopt", "riolering-en-water"),
        ("The swing in the playground is broken", "speelvoorzieningen"),
        ("Er ligt een dode meeuw op de stoep", "meeuwen"),
        ("Het fietspad is spiegelglad en niet gestrooid", "gladheidsbestrijding"),
        ("Auto staat al weken buiten de vakken geparkeerd", "parkeren"),
        ("Er is vannacht ingebroken in onze schuur", "politie-criminaliteit-en-veiligheid"),
        ("Someone stole my bike at the station, bike stolen", "politie-criminaliteit-en-veiligheid"),
        ("Het onkruid op de stoep groeit hoog", "openbaar-groen"),
        ("Xyzzy qwerty", FALLBACK_CATEGORY_SLUG),
    ],
)
def test_the_keywords_lead_the_keyword_classifier_to_the_right_main_category(text: str, main_slug: str) -> None:
    best = KeywordClassifier().classify(ReportFeatures(text=text)).best

    assert best is not None
    assert _main_slug(Category.objects.select_related("parent").get(slug=best.slug)) == main_slug


def test_the_emergency_texts_name_112_and_the_police_number_in_both_languages() -> None:
    for text in (EMERGENCY_MESSAGE_NL, EMERGENCY_MESSAGE_EN):
        assert "112" in text and "0900-8844" in text
    assert "0900-8844" in POLICE_NON_EMERGENCY_MESSAGE_NL and "0900-8844" in POLICE_NON_EMERGENCY_MESSAGE_EN
    assert dict(EMERGENCY_GUIDANCE) == {"nl": EMERGENCY_MESSAGE_NL, "en": EMERGENCY_MESSAGE_EN}
    assert emergency_message("en-gb") == EMERGENCY_MESSAGE_EN
    assert emergency_message("nl") == EMERGENCY_MESSAGE_NL
    assert emergency_message("de") == EMERGENCY_MESSAGE_NL  # Dutch is the default language


# The taxonomy in the admin: the checks that keep it two levels deep and police categories confidential.


def _form_data(category: Category, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "parent": category.parent_id or "",
        "name_nl": category.name_nl,
        "name_en": category.name_en,
        "slug": category.slug,
        "order": category.order,
        "description_nl": category.description_nl,
        "description_en": category.description_en,
        "handling_organisation": category.handling_organisation,
        "sla_days": category.sla_days,
        "handling_message_nl": category.handling_message_nl,
        "handling_message_en": category.handling_message_en,
        "service_code": category.service_code,
        "service_group": category.service_group,
        "keywords": category.keywords,
        "is_active": category.is_active,
        "is_confidential": category.is_confidential,
        "sla_working_days": category.sla_working_days,
    }
    data.update(changes)
    # An unticked checkbox is absent from a real form post.
    return {key: value for key, value in data.items() if value is not False}


@pytest.mark.parametrize(
    ("slug", "changes", "field", "message"),
    [
        ("lamp-defect", {"parent": "grofvuil"}, "parent", "Select a valid choice"),  # only mains are offered
        ("straatverlichting", {"parent": "huisafval"}, "parent", "must stay a main category"),
        (FALLBACK_CATEGORY_SLUG, {"parent": "huisafval"}, "parent", "“overig” must stay a main category"),
        ("woninginbraak", {"is_confidential": False}, "is_confidential", "must be confidential"),
        ("lamp-defect", {"handling_organisation": "police"}, "is_confidential", "must be confidential"),
    ],
)
def test_the_category_form_refuses_a_deeper_tree_or_a_public_police_category(
    slug: str, changes: dict[str, object], field: str, message: str
) -> None:
    from openbuurt.triage.admin import CategoryForm

    category = Category.objects.get(slug=slug)
    if "parent" in changes:
        changes = {**changes, "parent": Category.objects.get(slug=str(changes["parent"])).pk}
    form = CategoryForm(data=_form_data(category, **changes), instance=category)

    with translation.override("en"):
        assert not form.is_valid()
        assert any(message in error for error in form.errors[field])
    category.refresh_from_db()
    assert Category.objects.get(slug=slug).parent_id == category.parent_id


def test_the_category_admin_lists_filters_and_saves_with_an_audit_entry(admin_client: object) -> None:
    from django.test import Client
    from django.urls import reverse

    from openbuurt.core.models import AuditLogEntry

    assert isinstance(admin_client, Client)
    listing = admin_client.get(reverse("admin:triage_category_changelist"), {"level": "sub", "q": "lamp"})
    assert listing.status_code == 200
    assert "Lamp defect" in listing.content.decode()

    lamp = Category.objects.get(slug="lamp-defect")
    url = reverse("admin:triage_category_change", args=[lamp.pk])
    response = admin_client.post(url, _form_data(lamp, sla_days=3, keywords=lamp.keywords + ", lamp stuk"))

    assert response.status_code == 302, response.content.decode()[:2000]
    lamp.refresh_from_db()
    assert lamp.sla_days == 3
    assert "lamp stuk" in lamp.keyword_list()
    entry = AuditLogEntry.objects.get(object_type="triage.category", object_id=str(lamp.pk))
    assert entry.actor_label == "admin"
    assert entry.detail == {"changed": ["keywords", "sla_days"]}


def test_the_fallback_category_cannot_be_deleted_in_the_admin(admin_client: object) -> None:
    from django.test import Client
    from django.urls import reverse

    assert isinstance(admin_client, Client)
    fallback = Category.objects.get(slug=FALLBACK_CATEGORY_SLUG)

    response = admin_client.post(reverse("admin:triage_category_delete", args=[fallback.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Category.objects.filter(slug=FALLBACK_CATEGORY_SLUG).exists()
