"""Default main categories for fireworks, pests and gulls.

Written by us. The main category names are the Katwijk (Fixi) labels, so that data maps one to one; the sub
categories follow what residents report most often in that data set.
"""

from __future__ import annotations

from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

VUURWERKOVERLAST = MainCategorySpec(
    slug="vuurwerkoverlast",
    service_code="VWK-00",
    service_group="overlast",
    name_nl="Vuurwerkoverlast",
    name_en="Fireworks nuisance",
    description_nl="Overlast en gevaar door vuurwerk buiten de jaarwisseling of door illegaal vuurwerk.",
    description_en="Nuisance and danger from fireworks outside New Year's Eve or from illegal fireworks.",
    keywords=(
        "vuurwerk, vuurwerkoverlast, knalvuurwerk, knallen, knal, knallers, carbid, carbiet, afgestoken, "
        "afsteken, fireworks, firework, bangers"
    ),
    handling_message_nl=(
        "Handhaving neemt de plek binnen 5 werkdagen mee in de controles. Is er nu gevaar? Bel 112, anders "
        "de politie op 0900-8844."
    ),
    handling_message_en=(
        "Enforcement adds the place to patrols within 5 working days. Danger right now? Call 112; otherwise "
        "the police on 0900-8844."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="vuurwerk-afsteken",
            service_code="VWK-01",
            name_nl="Vuurwerk buiten de toegestane tijd",
            name_en="Fireworks outside the permitted time",
            description_nl=(
                "Er wordt vuurwerk afgestoken terwijl dat niet mag, bijvoorbeeld in de weken voor of na de "
                "jaarwisseling."
            ),
            description_en=(
                "Fireworks are set off when that is not allowed, for example in the weeks before or after New Year."
            ),
            keywords=(
                "vuurwerk afgestoken, vuurwerk afsteken, elke avond vuurwerk, iedere avond, rotjes, rotje, "
                "fireworks at night, firecrackers"
            ),
        ),
        SubCategorySpec(
            slug="zwaar-vuurwerk",
            service_code="VWK-02",
            name_nl="Zwaar of illegaal vuurwerk",
            name_en="Heavy or illegal fireworks",
            description_nl=(
                "Er wordt zwaar of illegaal vuurwerk afgestoken, zoals cobra's, nitraten of zelfgemaakte bommen."
            ),
            description_en=("Heavy or illegal fireworks are set off, such as cobras, nitrates or home-made bombs."),
            keywords=(
                "zwaar vuurwerk, illegaal vuurwerk, illegale, bom, bommen, cobra, nitraat, mortier, harde "
                "knal, explosie, illegal fireworks, bomb, explosion, heavy fireworks"
            ),
            handling_message_nl=(
                "Zwaar vuurwerk is levensgevaarlijk: we geven uw melding binnen 1 werkdag door aan "
                "handhaving en politie."
            ),
            handling_message_en=(
                "Heavy fireworks are life-threatening: we pass your report to enforcement and the police "
                "within 1 working day."
            ),
            sla_days=1,
        ),
        SubCategorySpec(
            slug="vuurwerk-gooien",
            service_code="VWK-03",
            name_nl="Vuurwerk naar mensen, dieren of auto's",
            name_en="Fireworks thrown at people, animals or cars",
            description_nl=(
                "Vuurwerk wordt naar mensen, dieren, auto's of woningen gegooid, of door de brievenbus gestopt."
            ),
            description_en=("Fireworks are thrown at people, animals, cars or homes, or put through letterboxes."),
            keywords=(
                "vuurwerk gooien, vuurwerk gegooid, gooien, gegooid, brievenbus, naar mensen, naar dieren, "
                "huisdieren, thrown, throwing fireworks, letterbox"
            ),
            handling_message_nl=(
                "Gebeurt het nu? Bel 112. Anders geven we uw melding binnen 1 werkdag door aan handhaving en politie."
            ),
            handling_message_en=(
                "Is it happening now? Call 112. Otherwise we pass your report to enforcement and the police "
                "within 1 working day."
            ),
            sla_days=1,
        ),
    ),
)

ONGEDIERTE = MainCategorySpec(
    slug="ongedierte",
    service_code="ONG-00",
    service_group="dieren",
    name_nl="Ongedierte",
    name_en="Pests",
    description_nl="Ratten, muizen, wespen en andere plaagdieren in de openbare ruimte of rond woningen.",
    description_en="Rats, mice, wasps and other pests in public space or around homes.",
    keywords=("ongedierte, plaagdieren, plaag, mollen, bestrijding, ongediertebestrijding, pest, pests, vermin"),
    handling_message_nl=(
        "We bekijken uw melding binnen 5 werkdagen. Ongedierte in uw eigen woning bestrijdt u zelf of via uw "
        "verhuurder."
    ),
    handling_message_en=(
        "We look at your report within 5 working days. Pests inside your own home are for you or your "
        "landlord to tackle."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="ratten",
            service_code="ONG-01",
            name_nl="Ratten",
            name_en="Rats",
            description_nl=(
                "Ratten gezien op straat, in het groen, bij containers of rond woningen, of sporen zoals "
                "holen en keutels."
            ),
            description_en=(
                "Rats seen in the street, in green areas, near containers or around homes, or signs such as "
                "burrows and droppings."
            ),
            keywords=(
                "rat, ratten, last van ratten, rattenoverlast, rattenhol, rattenkeutels, keutels, knaagdier, "
                "rats, rodent, droppings, burrow"
            ),
            handling_message_nl=(
                "Een ongediertebestrijder komt binnen 5 werkdagen kijken en bestrijdt de ratten in de openbare ruimte."
            ),
            handling_message_en=("A pest controller comes within 5 working days and tackles the rats in public space."),
        ),
        SubCategorySpec(
            slug="muizen",
            service_code="ONG-02",
            name_nl="Muizen",
            name_en="Mice",
            description_nl="Muizen in de openbare ruimte of in meerdere woningen in een straat.",
            description_en="Mice in public space or in several homes in a street.",
            keywords="muis, muizen, muizenkeutels, mouse, mice",
        ),
        SubCategorySpec(
            slug="wespen-bijen",
            service_code="ONG-03",
            name_nl="Wespen- of bijennest",
            name_en="Wasp or bee nest",
            description_nl=(
                "Een wespennest of bijenzwerm in de openbare ruimte, zoals in een boom, afvalbak of lantaarnpaal."
            ),
            description_en=("A wasp nest or bee swarm in public space, such as in a tree, litter bin or lamp post."),
            keywords=(
                "wesp, wespen, wespennest, bijen, bijenzwerm, zwerm, hoornaar, wasp, wasps, wasp nest, bees, "
                "swarm, hornet"
            ),
            handling_message_nl=(
                "We laten een nest in de openbare ruimte binnen 3 werkdagen verwijderen; een bijenzwerm "
                "geven we door aan een imker."
            ),
            handling_message_en=(
                "We have a nest in public space removed within 3 working days; we pass a bee swarm on to a beekeeper."
            ),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="eikenprocessierups",
            service_code="ONG-04",
            name_nl="Eikenprocessierups",
            name_en="Oak processionary caterpillar",
            description_nl=(
                "Nesten of rupsen van de eikenprocessierups in eikenbomen; hun brandharen geven jeuk en irritatie."
            ),
            description_en=(
                "Nests or caterpillars of the oak processionary moth in oak trees; their hairs cause itching "
                "and irritation."
            ),
            keywords=(
                "eikenprocessierups, processierups, rups, rupsen, brandharen, jeuk, eikenboom, "
                "processionary, caterpillar, caterpillars"
            ),
            handling_message_nl=("We laten nesten op drukke plekken binnen 3 werkdagen verwijderen. Raak ze niet aan."),
            handling_message_en=("We have nests in busy places removed within 3 working days. Do not touch them."),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="insecten",
            service_code="ONG-05",
            name_nl="Vliegen of andere insecten",
            name_en="Flies or other insects",
            description_nl=(
                "Overlast van vliegen, muggen, kakkerlakken of andere insecten door een bron in de openbare ruimte."
            ),
            description_en=(
                "Nuisance from flies, mosquitoes, cockroaches or other insects caused by a source in public space."
            ),
            keywords=(
                "vliegen, vlieg, muggen, mug, kakkerlak, insecten, maden, flies, mosquitoes, cockroach, "
                "insects, maggots"
            ),
        ),
    ),
)

MEEUWEN = MainCategorySpec(
    slug="meeuwen",
    service_code="MEE-00",
    service_group="dieren",
    name_nl="Meeuwen",
    name_en="Gulls",
    description_nl="Overlast van meeuwen, en dode, jonge of gewonde meeuwen.",
    description_en="Nuisance from gulls, and dead, young or injured gulls.",
    keywords="meeuw, meeuwen, zeemeeuw, meeuwenoverlast, gull, gulls, seagull, seagulls",
    handling_message_nl=(
        "We bekijken uw melding binnen 10 werkdagen. Voer meeuwen niet: dat maakt de overlast groter."
    ),
    handling_message_en=(
        "We look at your report within 10 working days. Please do not feed gulls: it makes the nuisance worse."
    ),
    sla_days=10,
    subs=(
        SubCategorySpec(
            slug="dode-meeuw",
            service_code="MEE-01",
            name_nl="Dode meeuw",
            name_en="Dead gull",
            description_nl="Een dode meeuw op straat, op de stoep of in het groen.",
            description_en="A dead gull in the street, on the pavement or in a green area.",
            keywords="dode meeuw, dode meeuwen, meeuw dood, dead gull, dead seagull",
            handling_message_nl="We halen een dode meeuw binnen 1 werkdag weg.",
            handling_message_en="We remove a dead gull within 1 working day.",
            sla_days=1,
        ),
        SubCategorySpec(
            slug="jonge-of-gewonde-meeuw",
            service_code="MEE-02",
            name_nl="Jonge of gewonde meeuw",
            name_en="Young or injured gull",
            description_nl="Een jonge meeuw die uit het nest is gevallen, of een gewonde of zieke meeuw.",
            description_en="A young gull that has fallen from its nest, or an injured or sick gull.",
            keywords=(
                "jonge meeuw, jonge meeuwen, kuiken, gewonde meeuw, zieke meeuw, uit het nest, young gull, "
                "injured gull, chick"
            ),
            handling_message_nl=(
                "Een jonge meeuw op de grond wordt meestal nog door de ouders gevoerd: laat hem met rust. "
                "Voor een gewonde meeuw belt u de dierenambulance via 144."
            ),
            handling_message_en=(
                "A young gull on the ground is usually still fed by its parents: leave it alone. For an "
                "injured gull, call the animal ambulance on 144."
            ),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="agressieve-meeuwen",
            service_code="MEE-03",
            name_nl="Agressieve meeuwen",
            name_en="Aggressive gulls",
            description_nl="Meeuwen duiken op mensen af, vallen aan of stelen eten, vaak in de broedtijd.",
            description_en="Gulls swoop at people, attack or steal food, often in the breeding season.",
            keywords=(
                "agressief, agressieve, aangevallen, aanvallen, duiken, pikken, attack, attacking, aggressive, swooping"
            ),
            sla_days=5,
        ),
        SubCategorySpec(
            slug="meeuwennesten",
            service_code="MEE-04",
            name_nl="Meeuwennesten en lawaai",
            name_en="Gull nests and noise",
            description_nl="Meeuwen broeden op daken en veroorzaken lawaai, vuil of schade.",
            description_en="Gulls nest on roofs and cause noise, mess or damage.",
            keywords=(
                "nest, nesten, broeden, dak, daken, gekrijs, krijsen, nachtrust, nests, nesting, roof, screeching"
            ),
        ),
        SubCategorySpec(
            slug="meeuwen-voeren",
            service_code="MEE-05",
            name_nl="Meeuwen voeren of afval openpikken",
            name_en="Gulls fed or pecking open rubbish",
            description_nl=(
                "Mensen voeren meeuwen, of meeuwen pikken vuilniszakken open, waardoor afval op straat komt."
            ),
            description_en=("People feed gulls, or gulls peck open rubbish bags and spread waste in the street."),
            keywords=("voeren, gevoerd, brood, opengepikt, openpikken, zakken open, feeding, feed, bread, pecked open"),
        ),
    ),
)
