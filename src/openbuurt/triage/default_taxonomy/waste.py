"""Default main categories for household waste, litter and technical faults (mostly waste containers).

Written by us. The main category names are the Katwijk (Fixi) labels, so that data maps one to one; the sub
categories follow what residents report most often in that data set.
"""

from __future__ import annotations

from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

HUISAFVAL = MainCategorySpec(
    slug="huisafval",
    service_code="HAF-00",
    service_group="afval",
    name_nl="Huisafval",
    name_en="Household waste",
    description_nl=("Problemen met het ophalen van huisvuil, minicontainers, ondergrondse containers en grofvuil."),
    description_en=("Problems with household waste collection, wheelie bins, underground containers and bulky waste."),
    keywords=(
        "huisafval, huisvuil, vuilnis, container, minicontainer, kliko, bak, bakken, grijze bak, groene bak, "
        "restafval, gft, pmd, household waste, garbage, bin, bins, wheelie bin, recycling"
    ),
    handling_message_nl="We lossen een probleem met de afvalinzameling binnen 3 werkdagen op.",
    handling_message_en="We solve a problem with waste collection within 3 working days.",
    sla_days=3,
    subs=(
        SubCategorySpec(
            slug="container-niet-geleegd",
            service_code="HAF-01",
            name_nl="Container niet geleegd",
            name_en="Bin not emptied",
            description_nl="Uw minicontainer of een ondergrondse container is op de inzameldag niet geleegd.",
            description_en="Your wheelie bin or an underground container was not emptied on collection day.",
            keywords=(
                "niet geleegd, niet opgehaald, vergeten, overgeslagen, geleegd, legen, ophaaldag, "
                "inzameldag, not emptied, not collected, missed collection"
            ),
            handling_message_nl=("We legen de container alsnog binnen 2 werkdagen. Laat hem aan de straat staan."),
            handling_message_en="We empty the bin within 2 working days. Please leave it at the kerb.",
            sla_days=2,
        ),
        SubCategorySpec(
            slug="container-vol",
            service_code="HAF-02",
            name_nl="Ondergrondse container vol",
            name_en="Underground container full",
            description_nl=(
                "Een ondergrondse of gezamenlijke container voor restafval, gft, papier, glas of pmd zit vol."
            ),
            description_en=(
                "An underground or shared container for residual waste, organic waste, paper, glass or "
                "plastics is full."
            ),
            keywords=(
                "zit vol, container vol, containers vol, helemaal vol, overvol, propvol, volle container, "
                "kan er niet meer in, container full, bin full, overflowing"
            ),
            handling_message_nl="We legen een volle container binnen 2 werkdagen.",
            handling_message_en="We empty a full container within 2 working days.",
            sla_days=2,
        ),
        SubCategorySpec(
            slug="minicontainer-kapot",
            service_code="HAF-03",
            name_nl="Minicontainer kapot",
            name_en="Wheelie bin damaged",
            description_nl="Het deksel, een wiel of de bak van uw minicontainer is kapot.",
            description_en="The lid, a wheel or the body of your wheelie bin is broken.",
            keywords="container kapot, deksel, wiel, wieltje, bak kapot, kliko kapot, broken bin, lid, wheel",
            handling_message_nl="We repareren of vervangen uw minicontainer binnen 10 werkdagen.",
            handling_message_en="We repair or replace your wheelie bin within 10 working days.",
            sla_days=10,
        ),
        SubCategorySpec(
            slug="afval-naast-container",
            service_code="HAF-04",
            name_nl="Afval naast de container",
            name_en="Waste left next to a container",
            description_nl="Vuilniszakken, dozen of ander afval staan naast een (ondergrondse) container.",
            description_en=("Rubbish bags, boxes or other waste have been left next to an (underground) container."),
            keywords=(
                "naast de container, naast container, naast de containers, naast containers, bijplaatsing, "
                "bijzetting, bijgeplaatst, vuilniszakken, zakken naast, dozen, next to the container, bags "
                "next to, side waste"
            ),
            handling_message_nl=(
                "We ruimen het afval binnen 3 werkdagen op; een handhaver kijkt of de veroorzaker te vinden is."
            ),
            handling_message_en=(
                "We clear the waste within 3 working days; an enforcement officer checks whether the culprit "
                "can be found."
            ),
        ),
        SubCategorySpec(
            slug="grofvuil",
            service_code="HAF-05",
            name_nl="Grofvuil",
            name_en="Bulky waste",
            description_nl=(
                "Grofvuil dat niet is opgehaald op de afgesproken dag, of een vraag over het ophalen van grofvuil."
            ),
            description_en=(
                "Bulky waste that was not collected on the agreed day, or a question about bulky-waste collection."
            ),
            keywords=(
                "grofvuil, grof vuil, grof afval, bankstel, matras, meubels, kast, wasmachine, koelkast, "
                "witgoed, bulky waste, mattress, furniture, sofa, fridge"
            ),
            handling_message_nl="We halen grofvuil dat is blijven staan binnen 10 werkdagen alsnog op.",
            handling_message_en="We collect bulky waste that was left behind within 10 working days.",
            sla_days=10,
        ),
        SubCategorySpec(
            slug="container-of-pas-aanvragen",
            service_code="HAF-06",
            name_nl="Container of afvalpas aanvragen",
            name_en="Request a bin or waste card",
            description_nl=(
                "Een nieuwe, extra of andere minicontainer of afvalpas aanvragen, bijvoorbeeld na een verhuizing."
            ),
            description_en=(
                "Request a new, extra or different wheelie bin or waste card, for example after moving house."
            ),
            keywords=(
                "nieuwe pas, pas kwijt, pas aanvragen, pas koppelen, nieuwe container, extra container, "
                "container aanvragen, verhuisd, verhuizing, new bin, lost card, new card, moved house"
            ),
            handling_message_nl="We leveren een container of pas binnen 10 werkdagen.",
            handling_message_en="We deliver a bin or card within 10 working days.",
            sla_days=10,
        ),
    ),
)

ZWERFAFVAL = MainCategorySpec(
    slug="zwerfafval",
    service_code="ZWA-00",
    service_group="afval",
    name_nl="Zwerfafval",
    name_en="Litter",
    description_nl="Los afval, glas en rommel op straat, in het groen en in het water, en volle afvalbakken.",
    description_en=(
        "Loose litter, glass and rubbish in the street, in green areas and in the water, and full litter bins."
    ),
    keywords=(
        "zwerfafval, zwerfvuil, straatvuil, rommel, troep, vuil, viezigheid, smerig, rotzooi, opruimen, "
        "litter, rubbish, mess, dirty"
    ),
    handling_message_nl="We ruimen zwerfafval binnen 5 werkdagen op.",
    handling_message_en="We clear litter within 5 working days.",
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="zwerfafval-op-straat",
            service_code="ZWA-01",
            name_nl="Zwerfafval op straat",
            name_en="Litter in the street",
            description_nl=("Blikjes, plastic, papier en ander los afval op straat, in de bosjes of langs de weg."),
            description_en=("Cans, plastic, paper and other loose litter in the street, in bushes or along the road."),
            keywords=(
                "blikjes, blikje, plastic, flesjes, papiertjes, sigarettenpeuken, peuken, bosjes, ligt "
                "afval, afval op straat, cans, bottles, cigarette butts"
            ),
        ),
        SubCategorySpec(
            slug="glas-op-straat",
            service_code="ZWA-02",
            name_nl="Glas of scherpe voorwerpen",
            name_en="Glass or sharp objects",
            description_nl=(
                "Glasscherven, spijkers, naalden of andere scherpe voorwerpen op straat of op het fietspad."
            ),
            description_en=("Broken glass, nails, needles or other sharp objects in the street or on the cycle path."),
            keywords=(
                "glas, glasscherven, scherven, gebroken glas, kapotte fles, spijkers, naalden, "
                "injectienaald, spuit, broken glass, glass, shards, needles, syringe"
            ),
            handling_message_nl="Glas en scherpe voorwerpen ruimen we binnen 1 werkdag op.",
            handling_message_en="We clear glass and sharp objects within 1 working day.",
            sla_days=1,
        ),
        SubCategorySpec(
            slug="afvalbak-vol",
            service_code="ZWA-03",
            name_nl="Afvalbak vol",
            name_en="Litter bin full",
            description_nl="Een afvalbak op straat of in het park zit vol of puilt uit.",
            description_en="A litter bin in the street or park is full or overflowing.",
            keywords=(
                "afvalbak, prullenbak, vuilnisbak, afvalbak vol, prullenbak vol, puilt uit, litter bin, overflowing bin"
            ),
            handling_message_nl="We legen een volle afvalbak binnen 2 werkdagen.",
            handling_message_en="We empty a full litter bin within 2 working days.",
            sla_days=2,
        ),
        SubCategorySpec(
            slug="afval-gedumpt",
            service_code="ZWA-04",
            name_nl="Gedumpt afval",
            name_en="Fly-tipping",
            description_nl=("Afval, puin, meubels of vuilniszakken zijn illegaal gedumpt in de openbare ruimte."),
            description_en=("Rubbish, rubble, furniture or rubbish bags have been dumped illegally in public space."),
            keywords=(
                "gedumpt, dump, dumping, dumpen, gestort, illegaal gestort, achtergelaten, puin, fly "
                "tipping, flytipping, dumped, illegal dumping"
            ),
            handling_message_nl=(
                "We ruimen gedumpt afval binnen 3 werkdagen op en een handhaver zoekt naar de veroorzaker."
            ),
            handling_message_en=(
                "We clear dumped waste within 3 working days and an enforcement officer looks for the culprit."
            ),
            sla_days=3,
        ),
        SubCategorySpec(
            slug="dood-dier",
            service_code="ZWA-05",
            name_nl="Dood dier",
            name_en="Dead animal",
            description_nl=(
                "Een dood dier op straat, in het groen of in het water, zoals een kat, vogel, konijn of vis."
            ),
            description_en=(
                "A dead animal in the street, in green areas or in the water, such as a cat, bird, rabbit or fish."
            ),
            keywords=(
                "dood dier, dode, dode kat, dode vogel, dode duif, dode vis, dode vissen, dood konijn, "
                "kadaver, overreden, dead animal, dead bird, dead cat, roadkill, carcass"
            ),
            handling_message_nl="We halen een dood dier binnen 1 werkdag weg.",
            handling_message_en="We remove a dead animal within 1 working day.",
            sla_days=1,
        ),
        SubCategorySpec(
            slug="kerstbomen-vuurwerkafval",
            service_code="ZWA-06",
            name_nl="Kerstbomen en vuurwerkafval",
            name_en="Christmas trees and firework debris",
            description_nl="Afgedankte kerstbomen of vuurwerkresten op straat na de feestdagen.",
            description_en="Discarded Christmas trees or firework debris in the street after the holidays.",
            keywords=(
                "kerstboom, kerstbomen, vuurwerkafval, vuurwerkresten, vuurwerk afval, resten vuurwerk, "
                "christmas tree, firework debris, firework rubbish"
            ),
            handling_message_nl=("Na de jaarwisseling ruimen we vuurwerkafval en kerstbomen binnen 10 werkdagen op."),
            handling_message_en=("After New Year we clear firework debris and Christmas trees within 10 working days."),
            sla_days=10,
        ),
    ),
)

TECHNISCHE_STORINGEN = MainCategorySpec(
    slug="technische-storingen-en-parkeermeters",
    service_code="TEC-00",
    service_group="technische-storingen",
    name_nl="Technische storingen en parkeermeters",
    name_en="Technical faults and parking meters",
    description_nl=(
        "Storingen aan ondergrondse afvalcontainers, afvalpassen, parkeerautomaten, beweegbare palen en laadpalen."
    ),
    description_en=(
        "Faults in underground waste containers, waste cards, parking meters, retractable bollards and charging points."
    ),
    keywords="storing, technische storing, werkt niet, malfunction, fault, out of order, not working",
    handling_message_nl="We verhelpen een storing binnen 3 werkdagen.",
    handling_message_en="We fix a fault within 3 working days.",
    sla_days=3,
    subs=(
        SubCategorySpec(
            slug="ondergrondse-container-storing",
            service_code="TEC-01",
            name_nl="Ondergrondse container gaat niet open",
            name_en="Underground container will not open",
            description_nl=(
                "De klep of trommel van een ondergrondse container gaat niet open, zit vast of is geblokkeerd."
            ),
            description_en=("The lid or drum of an underground container will not open, is stuck or is blocked."),
            keywords=(
                "ondergrondse container, luiercontainer, gaat niet open, niet open, opent niet, container "
                "open, klep, trommel, zit vast, geblokkeerd, blokkade, container storing, will not open, lid "
                "stuck, drum stuck"
            ),
            handling_message_nl=(
                "We verhelpen een storing aan een ondergrondse container binnen 2 werkdagen. Gebruik tot die "
                "tijd een andere container in de buurt."
            ),
            handling_message_en=(
                "We fix a fault in an underground container within 2 working days. Until then, please use "
                "another container nearby."
            ),
            sla_days=2,
        ),
        SubCategorySpec(
            slug="afvalpas-werkt-niet",
            service_code="TEC-02",
            name_nl="Afvalpas werkt niet",
            name_en="Waste card not working",
            description_nl=("De container herkent uw afvalpas niet of geeft een foutmelding, zoals 'pas onbekend'."),
            description_en=(
                "The container does not recognise your waste card or shows an error, such as 'card unknown'."
            ),
            keywords=(
                "pas onbekend, paslezer, afvalpas, milieupas, pasje, pas werkt niet, niet herkend, pas "
                "geblokkeerd, waste card, card unknown, card not recognised"
            ),
            handling_message_nl=(
                "We controleren uw pas en de container binnen 3 werkdagen en laten u weten of u een nieuwe "
                "pas nodig hebt."
            ),
            handling_message_en=(
                "We check your card and the container within 3 working days and tell you whether you need a new card."
            ),
        ),
        SubCategorySpec(
            slug="parkeerautomaat-defect",
            service_code="TEC-03",
            name_nl="Parkeerautomaat defect",
            name_en="Parking meter out of order",
            description_nl=("Een parkeerautomaat geeft geen kaartje, accepteert geen betaling of staat in storing."),
            description_en="A parking meter gives no ticket, accepts no payment or shows a fault.",
            keywords=(
                "parkeerautomaat, parkeermeter, parkeerkaartje, kaartje, betalen, pinnen, parking meter, pay "
                "and display, ticket machine"
            ),
            handling_message_nl=(
                "We repareren de parkeerautomaat binnen 3 werkdagen. Gebruik tot die tijd een andere "
                "automaat of een parkeerapp."
            ),
            handling_message_en=(
                "We repair the parking meter within 3 working days. Until then, please use another meter or "
                "a parking app."
            ),
        ),
        SubCategorySpec(
            slug="beweegbare-paal-storing",
            service_code="TEC-04",
            name_nl="Beweegbare paal of slagboom werkt niet",
            name_en="Retractable bollard or barrier not working",
            description_nl=("Een beweegbare paal (poller) of slagboom gaat niet omhoog of omlaag, of blijft hangen."),
            description_en="A retractable bollard or barrier does not go up or down, or gets stuck.",
            keywords=(
                "beweegbare paal, poller, pollers, slagboom, zakpaal, toegangspaal, retractable bollard, barrier"
            ),
            handling_message_nl="We sturen binnen 1 werkdag een monteur.",
            handling_message_en="We send a technician within 1 working day.",
            sla_days=1,
        ),
        SubCategorySpec(
            slug="laadpaal-defect",
            service_code="TEC-05",
            name_nl="Openbare laadpaal defect",
            name_en="Public charging point out of order",
            description_nl="Een openbare laadpaal voor elektrische auto's werkt niet of is beschadigd.",
            description_en="A public charging point for electric cars is not working or is damaged.",
            keywords=(
                "laadpaal defect, laadpaal werkt niet, laadpaal kapot, laadpaal doet het niet, laadpunt, "
                "laadkabel, charging point, charger"
            ),
            handling_message_nl=(
                "We geven uw melding binnen 1 werkdag door aan de beheerder van de laadpaal, die hem binnen "
                "5 werkdagen repareert."
            ),
            handling_message_en=(
                "We pass your report to the operator of the charging point within 1 working day; they repair "
                "it within 5 working days."
            ),
            sla_days=5,
        ),
        SubCategorySpec(
            slug="openbare-klok-of-lift",
            service_code="TEC-06",
            name_nl="Openbare klok, lift of roltrap",
            name_en="Public clock, lift or escalator",
            description_nl=("Een openbare klok loopt verkeerd of stil, of een openbare lift of roltrap werkt niet."),
            description_en=("A public clock is wrong or has stopped, or a public lift or escalator does not work."),
            keywords="klok, kerkklok, torenklok, uurwerk, lift, roltrap, clock, elevator, escalator",
            handling_message_nl=("We verhelpen de storing binnen 3 werkdagen; een defecte lift heeft voorrang."),
            handling_message_en="We fix the fault within 3 working days; a broken lift gets priority.",
        ),
    ),
)
