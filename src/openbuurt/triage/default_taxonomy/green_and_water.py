"""Default main categories for public green space, sewers and water, and winter gritting.

Written by us. The main category names are the Katwijk (Fixi) labels, so that data maps one to one; the sub
categories follow what residents report most often in that data set.
"""

from __future__ import annotations

from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

OPENBAAR_GROEN = MainCategorySpec(
    slug="openbaar-groen",
    service_code="GRN-00",
    service_group="groen",
    name_nl="Openbaar groen",
    name_en="Public green space",
    description_nl="Onderhoud van bomen, struiken, gras, plantsoenen en ander openbaar groen.",
    description_en="Maintenance of trees, shrubs, grass, flower beds and other public green space.",
    keywords=(
        "openbaar groen, het groen, groenstrook, groenvoorziening, planten, plantsoen, perk, park, boom, "
        "bomen, struik, beplanting, green space, tree, trees, shrubs, plants"
    ),
    handling_message_nl=("We bekijken uw melding binnen 10 werkdagen en nemen het werk mee in de onderhoudsplanning."),
    handling_message_en=(
        "We look at your report within 10 working days and include the work in the maintenance schedule."
    ),
    sla_days=10,
    subs=(
        SubCategorySpec(
            slug="onkruid",
            service_code="GRN-01",
            name_nl="Onkruid",
            name_en="Weeds",
            description_nl="Onkruid op de stoep, tussen de tegels, in een perk of langs een fietspad.",
            description_en=("Weeds on the pavement, between paving stones, in a flower bed or along a cycle path."),
            keywords="onkruid, distels, brandnetels, woekert, overwoekerd, weeds, weed, overgrown",
            handling_message_nl=(
                "We verwijderen onkruid in de eerstvolgende onderhoudsronde, uiterlijk binnen 20 werkdagen."
            ),
            handling_message_en=(
                "We remove weeds in the next maintenance round, within 20 working days at the latest."
            ),
            sla_days=20,
        ),
        SubCategorySpec(
            slug="snoeien",
            service_code="GRN-02",
            name_nl="Snoeien van bomen, struiken of heggen",
            name_en="Pruning trees, shrubs or hedges",
            description_nl=(
                "Takken, struiken of een heg hangen over de stoep of weg, belemmeren het uitzicht of raken een woning."
            ),
            description_en=(
                "Branches, shrubs or a hedge overhang the pavement or road, block the view or touch a house."
            ),
            keywords=(
                "snoeien, gesnoeid, snoei, takken, tak, overhangend, heg, heggen, haag, struiken, prune, "
                "pruning, branches, hedge, overhanging"
            ),
            handling_message_nl="We beoordelen binnen 10 werkdagen of snoeien nodig is en plannen het in.",
            handling_message_en="We assess within 10 working days whether pruning is needed and schedule it.",
        ),
        SubCategorySpec(
            slug="boom-gevaarlijk",
            service_code="GRN-03",
            name_nl="Boom omgevallen of gevaarlijk",
            name_en="Fallen or dangerous tree",
            description_nl="Een boom of grote tak is omgevallen, afgebroken of dreigt te vallen.",
            description_en="A tree or large branch has fallen, broken off or is about to fall.",
            keywords=(
                "omgevallen boom, boom omgevallen, boom is omgevallen, afgebroken tak, tak afgebroken, "
                "dreigt te vallen, stormschade, omgewaaid, fallen tree, tree fell, branch fell, storm damage"
            ),
            handling_message_nl="Een gevaarlijke boom of tak maken we binnen 24 uur veilig.",
            handling_message_en="We make a dangerous tree or branch safe within 24 hours.",
            sla_days=1,
            sla_working_days=False,
        ),
        SubCategorySpec(
            slug="boom-ziek-of-dood",
            service_code="GRN-04",
            name_nl="Dode of zieke boom",
            name_en="Dead or diseased tree",
            description_nl="Een boom in de openbare ruimte lijkt dood, ziek of aangetast.",
            description_en="A tree in public space looks dead, diseased or affected.",
            keywords=(
                "dode boom, zieke boom, boom dood, boom ziek, kappen, gekapt, schimmel, iepziekte, "
                "essentaksterfte, dead tree, diseased tree, felling"
            ),
            handling_message_nl="Een boomdeskundige bekijkt de boom binnen 10 werkdagen.",
            handling_message_en="A tree specialist inspects the tree within 10 working days.",
        ),
        SubCategorySpec(
            slug="gras-maaien",
            service_code="GRN-05",
            name_nl="Gras maaien",
            name_en="Grass cutting",
            description_nl=("Het gras in een berm, park of grasveld is te hoog, of het maaisel is niet opgeruimd."),
            description_en=(
                "The grass on a verge, in a park or on a lawn is too long, or the cuttings were not cleared."
            ),
            keywords=("gras, maaien, gemaaid, grasveld, berm, bermen, maaisel, grass, mowing, mow, lawn, verge"),
            handling_message_nl=("We nemen de plek mee in de volgende maaironde, uiterlijk binnen 15 werkdagen."),
            handling_message_en=(
                "We include the place in the next mowing round, within 15 working days at the latest."
            ),
            sla_days=15,
        ),
        SubCategorySpec(
            slug="bladeren",
            service_code="GRN-06",
            name_nl="Bladeren",
            name_en="Fallen leaves",
            description_nl="Gevallen bladeren liggen op straat of het fietspad, of verstoppen de putten.",
            description_en="Fallen leaves lie in the street or on the cycle path, or block the drains.",
            keywords="bladeren, blad, bladafval, herfstblad, bladkorf, leaves, fallen leaves",
            handling_message_nl=(
                "In de herfst vegen we bladeren volgens een vast schema; uw melding nemen we binnen 10 werkdagen mee."
            ),
            handling_message_en=(
                "In autumn we sweep leaves on a fixed schedule; we act on your report within 10 working days."
            ),
        ),
        SubCategorySpec(
            slug="invasieve-plant",
            service_code="GRN-07",
            name_nl="Japanse duizendknoop of andere exoot",
            name_en="Japanese knotweed or another invasive plant",
            description_nl=(
                "Japanse duizendknoop, reuzenberenklauw of een andere invasieve plant in de openbare ruimte."
            ),
            description_en="Japanese knotweed, giant hogweed or another invasive plant in public space.",
            keywords=(
                "japanse duizendknoop, duizendknoop, reuzenberenklauw, berenklauw, exoot, invasieve, "
                "japanese knotweed, knotweed, hogweed"
            ),
            handling_message_nl=(
                "Een specialist bestrijdt de plant binnen 15 werkdagen; maai of snoei haar niet zelf, want "
                "dan verspreidt ze zich."
            ),
            handling_message_en=(
                "A specialist treats the plant within 15 working days; do not cut it yourself, as that spreads it."
            ),
            sla_days=15,
        ),
    ),
)

RIOLERING_EN_WATER = MainCategorySpec(
    slug="riolering-en-water",
    service_code="RIO-00",
    service_group="water",
    name_nl="Riolering en water",
    name_en="Sewers and water",
    description_nl="Verstopte putten, wateroverlast, stank uit het riool en problemen met sloten en vijvers.",
    description_en="Blocked drains, flooding, sewer smells and problems with ditches and ponds.",
    keywords="riool, riolering, put, putten, kolk, water, sewer, drain, drains",
    handling_message_nl=(
        "We bekijken uw melding binnen 5 werkdagen; gevaar of ernstige wateroverlast pakken we dezelfde dag op."
    ),
    handling_message_en=(
        "We look at your report within 5 working days; danger or serious flooding is dealt with the same day."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="put-verstopt",
            service_code="RIO-01",
            name_nl="Verstopte put of kolk",
            name_en="Blocked drain or gully",
            description_nl="Een straatkolk of put is verstopt, waardoor regenwater niet wegloopt.",
            description_en="A street gully or drain is blocked, so rainwater does not drain away.",
            keywords=(
                "verstopt, verstopte, verstopping, straatkolk, put verstopt, loopt niet weg, blocked drain, "
                "clogged, gully"
            ),
        ),
        SubCategorySpec(
            slug="wateroverlast",
            service_code="RIO-02",
            name_nl="Wateroverlast op straat",
            name_en="Flooding in the street",
            description_nl="Na regen blijft er veel water op straat, de stoep of het fietspad staan.",
            description_en="After rain, a lot of water stays on the street, the pavement or the cycle path.",
            keywords=(
                "wateroverlast, plas, plassen, onder water, kelder, blijft staan, regenwater, regenval, "
                "hoosbui, flooding, flooded, puddle, standing water"
            ),
            handling_message_nl=("We bekijken binnen 3 werkdagen waar het water vandaan komt en hoe we het oplossen."),
            handling_message_en=("We find out within 3 working days where the water comes from and how to solve it."),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="rioolstank",
            service_code="RIO-03",
            name_nl="Stank uit het riool",
            name_en="Sewer smell",
            description_nl="Er komt een rioollucht of stank uit een put, kolk of het riool.",
            description_en="A sewer smell or stench comes from a drain, gully or the sewer.",
            keywords=("stank, stinkt, stankoverlast, rioollucht, rioolstank, smell, smells, stench, sewer smell"),
            handling_message_nl=("We onderzoeken de stank binnen 3 werkdagen. Ruikt u gas? Bel dan direct 112."),
            handling_message_en=("We investigate the smell within 3 working days. Do you smell gas? Call 112 at once."),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="putdeksel-los",
            service_code="RIO-04",
            name_nl="Putdeksel los of weg",
            name_en="Manhole cover loose or missing",
            description_nl="Een putdeksel of rooster ligt los, rammelt, is verschoven of ontbreekt.",
            description_en="A manhole cover or grate is loose, rattles, has shifted or is missing.",
            keywords=("putdeksel, rooster, rammelt, klappert, open put, manhole, manhole cover, grate, drain cover"),
            handling_message_nl="Een open of losse put is gevaarlijk: we maken de plek binnen 24 uur veilig.",
            handling_message_en="An open or loose manhole is dangerous: we make it safe within 24 hours.",
            sla_days=1,
            sla_working_days=False,
        ),
        SubCategorySpec(
            slug="gemaal-storing",
            service_code="RIO-05",
            name_nl="Storing rioolgemaal of pomp",
            name_en="Sewage pump failure",
            description_nl=("Een rioolgemaal of (vacuüm)pomp staat in storing, maakt lawaai of laat water overlopen."),
            description_en=("A sewage pumping station or (vacuum) pump has failed, is noisy or lets water overflow."),
            keywords=(
                "gemaal, rioolgemaal, pomp, pompje, vacuumpomp, pomp storing, overstort, loopt over, pumping "
                "station, pump, sewage pump"
            ),
            handling_message_nl="We sturen binnen 24 uur een monteur.",
            handling_message_en="We send a technician within 24 hours.",
            sla_days=1,
            sla_working_days=False,
        ),
        SubCategorySpec(
            slug="sloot-vijver",
            service_code="RIO-06",
            name_nl="Sloot, vijver of vaart",
            name_en="Ditch, pond or canal",
            description_nl=(
                "Vervuild of stilstaand water, kroos, drijfvuil, een lage waterstand of een beschadigde oever."
            ),
            description_en=(
                "Polluted or stagnant water, duckweed, floating litter, a low water level or a damaged bank."
            ),
            keywords=(
                "sloot, sloten, vijver, gezonken boot, vaart, gracht, singel, kroos, drijfvuil, oever, "
                "beschoeiing, waterstand, ditch, pond, canal, duckweed"
            ),
            handling_message_nl=("We bekijken uw melding binnen 10 werkdagen, zo nodig samen met het waterschap."),
            handling_message_en=(
                "We look at your report within 10 working days, together with the water board if needed."
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="huisaansluiting-verstopt",
            service_code="RIO-07",
            name_nl="Afvoer van uw woning verstopt",
            name_en="Drain from your home blocked",
            description_nl=(
                "Het toilet of de afvoer in huis loopt niet door, mogelijk door een verstopping in de "
                "aansluiting op het riool."
            ),
            description_en=(
                "The toilet or drain at home does not empty, possibly because the connection to the sewer is blocked."
            ),
            keywords=(
                "toilet, wc, afvoer, huisaansluiting, aansluiting, gootsteen, doucheputje, borrelt, toilet "
                "blocked, house connection"
            ),
            handling_message_nl=(
                "Laat eerst een ontstoppingsbedrijf kijken; zit de verstopping in het deel onder de openbare "
                "grond, dan verhelpen wij haar binnen 2 werkdagen."
            ),
            handling_message_en=(
                "First have a drain company check; if the blockage is in the part under public ground, we "
                "clear it within 2 working days."
            ),
            sla_days=2,
        ),
    ),
)

GLADHEIDSBESTRIJDING = MainCategorySpec(
    slug="gladheidsbestrijding",
    service_code="GLD-00",
    service_group="gladheid",
    name_nl="Gladheidsbestrijding",
    name_en="Winter gritting",
    description_nl="Gladheid door ijs, sneeuw, olie of modder op wegen, fietspaden en stoepen.",
    description_en="Slippery surfaces from ice, snow, oil or mud on roads, cycle paths and pavements.",
    keywords=(
        "glad, gladheid, ijzel, ijs, sneeuw, bevroren, strooien, gestrooid, strooiwagen, zout, pekel, "
        "slippery, ice, icy, snow, gritting, grit, salt"
    ),
    handling_message_nl=(
        "We strooien eerst de hoofdroutes, busroutes en belangrijke fietspaden; andere plekken bekijken we "
        "binnen 24 uur."
    ),
    handling_message_en=(
        "We grit main roads, bus routes and main cycle paths first; we look at other places within 24 hours."
    ),
    sla_days=1,
    sla_working_days=False,
    subs=(
        SubCategorySpec(
            slug="gladheid-weg-fietspad",
            service_code="GLD-01",
            name_nl="Gladheid op weg, fietspad of stoep",
            name_en="Ice on a road, cycle path or pavement",
            description_nl=("Een weg, fietspad of stoep is glad door ijs of sneeuw en er is (nog) niet gestrooid."),
            description_en=(
                "A road, cycle path or pavement is slippery from ice or snow and has not (yet) been gritted."
            ),
            keywords=(
                "niet gestrooid, spiegelglad, ijzel, ijslaag, sneeuw, onderuit, uitgegleden, not gritted, "
                "icy road, black ice"
            ),
        ),
        SubCategorySpec(
            slug="gladheid-tunnel-brug",
            service_code="GLD-02",
            name_nl="Gladheid in tunnel of op brug",
            name_en="Ice in an underpass or on a bridge",
            description_nl=(
                "Een fietstunnel, brug of helling is glad en gevaarlijk, vaak eerder dan de rest van de weg."
            ),
            description_en=(
                "A cycle underpass, bridge or slope is slippery and dangerous, often before the rest of the road."
            ),
            keywords="tunnel, tunneltje, fietstunnel, brug, bruggetje, helling, underpass, bridge, slope",
        ),
        SubCategorySpec(
            slug="gladheid-olie-modder",
            service_code="GLD-03",
            name_nl="Gladheid door olie of modder",
            name_en="Slippery from oil or mud",
            description_nl="Een olievlek of modder van werkzaamheden maakt de weg of het fietspad glad.",
            description_en="An oil spill or mud from works makes the road or cycle path slippery.",
            keywords="olie, olievlek, olie op de weg, diesel, modder, oil, oil spill, mud",
            handling_message_nl="We laten een olievlek of modder binnen 24 uur opruimen of afzetten.",
            handling_message_en="We have an oil spill or mud cleaned up or cordoned off within 24 hours.",
        ),
        SubCategorySpec(
            slug="strooiroute",
            service_code="GLD-04",
            name_nl="Vraag over strooiroutes",
            name_en="Question about gritting routes",
            description_nl=(
                "Een verzoek om een weg of fietspad in de strooiroute op te nemen, of een vraag over strooien."
            ),
            description_en=(
                "A request to add a road or cycle path to the gritting routes, or a question about gritting."
            ),
            keywords="strooiroute, strooiprogramma, strooiplan, opnemen in, gritting route, gritting routes",
            handling_message_nl=(
                "We beantwoorden uw vraag binnen 15 werkdagen en nemen uw verzoek mee in het volgende strooiplan."
            ),
            handling_message_en=(
                "We answer your question within 15 working days and consider your request for the next gritting plan."
            ),
            sla_days=15,
            sla_working_days=True,
        ),
    ),
)
