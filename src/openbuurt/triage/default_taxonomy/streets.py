"""Default main categories for enforcement, parking, and roads and traffic.

Written by us. The main category names are the Katwijk (Fixi) labels, so that data maps one to one; the sub
categories follow what residents report most often in that data set.
"""

from __future__ import annotations

from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

OVERLAST_EN_HANDHAVING = MainCategorySpec(
    slug="overlast-en-handhaving",
    service_code="OVL-00",
    service_group="overlast",
    name_nl="Overlast en handhaving",
    name_en="Nuisance and enforcement",
    description_nl="Overlast in de openbare ruimte waar de handhavers (boa's) van de gemeente op letten.",
    description_en="Nuisance in public space that the municipal enforcement officers deal with.",
    keywords="overlast, handhaving, handhaver, boa, hinder, nuisance, enforcement, antisocial",
    handling_message_nl=("Een handhaver bekijkt uw melding binnen 5 werkdagen en neemt de plek mee in de controles."),
    handling_message_en=(
        "An enforcement officer looks at your report within 5 working days and adds the place to patrols."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="voertuig-blokkeert-stoep",
            service_code="OVL-01",
            name_nl="Voertuig blokkeert de stoep",
            name_en="Vehicle blocking the pavement",
            description_nl=(
                "Een auto, busje of aanhanger staat zo op de stoep dat voetgangers en rolstoelen er niet langs kunnen."
            ),
            description_en=(
                "A car, van or trailer is parked on the pavement so that pedestrians and wheelchairs cannot pass."
            ),
            keywords=(
                "stoep geparkeerd, auto op de stoep, busje op de stoep, op de stoep geparkeerd, op de stoep "
                "parkeren, blokkeert de stoep, blokkeert stoep, stoep versperd, rolstoel, kinderwagen, "
                "rollator, on the pavement, blocking the pavement, sidewalk"
            ),
            handling_message_nl=(
                "Een handhaver komt binnen 2 werkdagen kijken; staat het voertuig er dan nog, dan volgt een "
                "waarschuwing of boete."
            ),
            handling_message_en=(
                "An enforcement officer comes within 2 working days; if the vehicle is still there, a "
                "warning or fine follows."
            ),
            sla_days=2,
        ),
        SubCategorySpec(
            slug="geluidsoverlast",
            service_code="OVL-02",
            name_nl="Geluidsoverlast",
            name_en="Noise nuisance",
            description_nl=("Harde muziek, geschreeuw of ander lawaai op straat, uit een woning of van een bedrijf."),
            description_en=("Loud music, shouting or other noise in the street, from a home or from a business."),
            keywords=(
                "geluidsoverlast, geluid, lawaai, herrie, harde muziek, muziek, geschreeuw, schreeuwen, "
                "noise, loud music, loud, shouting"
            ),
            handling_message_nl=(
                "We nemen uw melding binnen 5 werkdagen in behandeling. Is de overlast nu ernstig, bel dan "
                "de politie op 0900-8844."
            ),
            handling_message_en=(
                "We take up your report within 5 working days. If the nuisance is serious right now, call "
                "the police on 0900-8844."
            ),
        ),
        SubCategorySpec(
            slug="overlast-personen",
            service_code="OVL-03",
            name_nl="Overlast door personen",
            name_en="Nuisance caused by people",
            description_nl=(
                "Overlast door personen op straat, zoals dronkenschap, wildplassen, bedelen of slapen op straat."
            ),
            description_en=(
                "Nuisance caused by people in the street, such as drunkenness, public urination, begging or "
                "sleeping rough."
            ),
            keywords=(
                "dronken, drank, alcohol, wildplassen, wildplasser, bedelen, bedelaar, zwerver, dakloos, "
                "dakloze, drunk, begging, homeless, urinating, rough sleeper"
            ),
        ),
        SubCategorySpec(
            slug="weesfiets",
            service_code="OVL-04",
            name_nl="Weesfiets of fietswrak",
            name_en="Abandoned or wrecked bicycle",
            description_nl=("Een fiets of scooter die al lang ongebruikt, kapot of fout gestald op straat staat."),
            description_en=(
                "A bicycle or scooter that has been left unused, broken or badly parked in the street for a long time."
            ),
            keywords=(
                "weesfiets, fietswrak, fietsen, fiets, fout gestald, gestald, oude fiets, kapotte fiets, "
                "achtergelaten fiets, abandoned bike, abandoned bicycle, bike wreck"
            ),
            handling_message_nl=(
                "Een handhaver labelt de fiets binnen 10 werkdagen; wordt hij niet weggehaald, dan "
                "verwijderen we hem na 4 weken."
            ),
            handling_message_en=(
                "An enforcement officer tags the bicycle within 10 working days; if nobody removes it, we "
                "take it away after 4 weeks."
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="honden",
            service_code="OVL-05",
            name_nl="Hondenpoep en loslopende honden",
            name_en="Dog fouling and dogs off the lead",
            description_nl="Hondenpoep die niet wordt opgeruimd, of honden die loslopen waar dat niet mag.",
            description_en=("Dog mess that is not cleaned up, or dogs running loose where that is not allowed."),
            keywords=(
                "hondenpoep, poep, hond, honden, loslopend, aangelijnd, uitlaten, uitlaatplek, dog, dogs, "
                "dog poo, dog mess, off the lead, off leash"
            ),
            handling_message_nl="We nemen de plek binnen 10 werkdagen op in de controles van de handhavers.",
            handling_message_en=("We add the place to the enforcement officers' patrols within 10 working days."),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="hinderlijk-object",
            service_code="OVL-06",
            name_nl="Hinderlijk object op straat",
            name_en="Obstructing object in the street",
            description_nl=(
                "Bouwmateriaal, een bouwcontainer, steiger of ander object dat zonder vergunning of "
                "hinderlijk op straat staat."
            ),
            description_en=(
                "Building materials, a skip, scaffolding or another object that stands in the street without "
                "a permit or in the way."
            ),
            keywords=(
                "bouwmateriaal, bouwcontainer, steiger, zand, obstakel, versperring, staat in de weg, zonder "
                "vergunning, skip, obstruction, building materials, scaffolding"
            ),
        ),
    ),
)

PARKEREN = MainCategorySpec(
    slug="parkeren",
    service_code="PRK-00",
    service_group="parkeren",
    name_nl="Parkeren",
    name_en="Parking",
    description_nl=("Parkeren dat hinder of gevaar geeft of tegen de regels ingaat, en vragen over parkeerplaatsen."),
    description_en=(
        "Parking that causes obstruction or danger or breaks the rules, and questions about parking spaces."
    ),
    keywords=(
        "parkeren, geparkeerd, parkeert, parkeerplaats, parkeerplek, parkeervak, parkeerder, auto, car, parking, parked"
    ),
    handling_message_nl="Een handhaver komt binnen 3 werkdagen kijken; bij gevaar zo snel mogelijk.",
    handling_message_en=("An enforcement officer comes within 3 working days; as soon as possible if there is danger."),
    sla_days=3,
    subs=(
        SubCategorySpec(
            slug="foutparkeren",
            service_code="PRK-01",
            name_nl="Foutparkeren",
            name_en="Illegal parking",
            description_nl=(
                "Een voertuig staat buiten de vakken, op een hoek, in een bocht, op het gras of waar een verbod geldt."
            ),
            description_en=(
                "A vehicle is parked outside the bays, on a corner, in a bend, on the grass or where parking "
                "is prohibited."
            ),
            keywords=(
                "foutparkeren, fout geparkeerd, verkeerd geparkeerd, buiten de vakken, buiten vakken, "
                "parkeerverbod, op de hoek, in de bocht, gele streep, op het gras, illegal parking, wrongly "
                "parked, no parking"
            ),
        ),
        SubCategorySpec(
            slug="gehandicaptenparkeerplaats-bezet",
            service_code="PRK-02",
            name_nl="Gehandicaptenparkeerplaats bezet",
            name_en="Disabled parking space occupied",
            description_nl="Iemand zonder gehandicaptenparkeerkaart staat op een gehandicaptenparkeerplaats.",
            description_en="Someone without a disabled parking card is parked in a disabled parking space.",
            keywords=(
                "gehandicapt, invalide, invaliden, gehandicaptenkaart, disabled parking, disabled bay, blue badge"
            ),
            handling_message_nl="We geven deze melding voorrang: een handhaver komt binnen 1 werkdag kijken.",
            handling_message_en=("We give this report priority: an enforcement officer comes within 1 working day."),
            sla_days=1,
        ),
        SubCategorySpec(
            slug="laadplek-bezet",
            service_code="PRK-03",
            name_nl="Laadplek bezet",
            name_en="Charging bay occupied",
            description_nl=(
                "Een auto die niet oplaadt staat op een parkeerplaats die alleen voor het opladen van "
                "elektrische auto's is."
            ),
            description_en=("A car that is not charging is parked in a space reserved for charging electric cars."),
            keywords=(
                "laadpaal, laadplek, laadplaats, opladen, elektrische auto, niet aan het laden, staat niet "
                "te laden, charging bay, electric car, not charging"
            ),
        ),
        SubCategorySpec(
            slug="lang-geparkeerd-voertuig",
            service_code="PRK-04",
            name_nl="Lang geparkeerde aanhanger, camper, boot of bus",
            name_en="Long-parked trailer, camper, boat or van",
            description_nl=(
                "Een aanhanger, caravan, camper, boot, bedrijfsbus of autowrak staat langer dan toegestaan "
                "op de openbare weg."
            ),
            description_en=(
                "A trailer, caravan, camper, boat, commercial van or car wreck has been on the public road "
                "longer than allowed."
            ),
            keywords=(
                "aanhanger, aanhangwagen, caravan, camper, boot, boottrailer, bedrijfsbus, busje, bus, "
                "autowrak, wrak, zonder kenteken, trailer, campervan, wreck, abandoned car"
            ),
            handling_message_nl=(
                "Een handhaver controleert binnen 10 werkdagen hoe lang het voertuig er staat en laat het zo "
                "nodig weghalen."
            ),
            handling_message_en=(
                "An enforcement officer checks within 10 working days how long the vehicle has been there "
                "and has it removed if needed."
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="uitrit-geblokkeerd",
            service_code="PRK-05",
            name_nl="Uitrit of garage geblokkeerd",
            name_en="Driveway or garage blocked",
            description_nl=(
                "Een geparkeerde auto blokkeert uw uitrit, garage of inrit, zodat u er niet in of uit kunt."
            ),
            description_en=("A parked car blocks your driveway, garage or entrance so that you cannot get in or out."),
            keywords=(
                "uitrit, inrit, oprit, garage, garagedeur, voor mijn garage, kan er niet uit, driveway, blocked in"
            ),
            handling_message_nl=(
                "Een handhaver komt zo snel mogelijk, uiterlijk binnen 1 werkdag, en kan het voertuig laten wegslepen."
            ),
            handling_message_en=(
                "An enforcement officer comes as soon as possible, within 1 working day, and can have the "
                "vehicle towed away."
            ),
            sla_days=1,
        ),
        SubCategorySpec(
            slug="parkeerregels",
            service_code="PRK-06",
            name_nl="Vraag over parkeerplaatsen of parkeerregels",
            name_en="Question about parking spaces or rules",
            description_nl=(
                "Een vraag of idee over parkeerplaatsen, parkeerdruk, bebording of een parkeervergunning in uw straat."
            ),
            description_en=(
                "A question or suggestion about parking spaces, parking pressure, signs or a parking permit "
                "in your street."
            ),
            keywords=(
                "parkeerdruk, parkeervergunning, vergunning, bewonersparkeren, blauwe zone, parkeerschijf, "
                "extra parkeerplaatsen, parking permit, permit, blue zone"
            ),
            handling_message_nl="We beantwoorden uw vraag binnen 15 werkdagen.",
            handling_message_en="We answer your question within 15 working days.",
            sla_days=15,
        ),
    ),
)

WEGEN_STRATEN_EN_VERKEER = MainCategorySpec(
    slug="wegen-straten-en-verkeer",
    service_code="WEG-00",
    service_group="wegen-en-verkeer",
    name_nl="Wegen, straten en verkeer",
    name_en="Roads, streets and traffic",
    description_nl="Schade aan straten, stoepen en fietspaden, en onveilige verkeerssituaties.",
    description_en="Damage to streets, pavements and cycle paths, and unsafe traffic situations.",
    keywords=(
        "bestrating, wegdek, asfalt, stenen, tegel, stoeptegel, stoep kapot, kapotte stoep, fietspad, "
        "voetpad, trottoir, rijplaten, verkeer, road, paving, pavement, cycle path, footpath, traffic"
    ),
    handling_message_nl=(
        "We bekijken uw melding binnen 5 werkdagen; een gevaarlijke situatie maken we binnen 24 uur veilig."
    ),
    handling_message_en=(
        "We look at your report within 5 working days; we make a dangerous situation safe within 24 hours."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="losse-tegels",
            service_code="WEG-01",
            name_nl="Losse of kapotte stoeptegels",
            name_en="Loose or broken paving",
            description_nl=(
                "Tegels of klinkers op de stoep of straat liggen los, zijn kapot of ontbreken, zodat mensen "
                "kunnen struikelen."
            ),
            description_en=(
                "Paving slabs or bricks on the pavement or street are loose, broken or missing, so people can trip."
            ),
            keywords=(
                "losse tegels, tegels los, tegel los, liggen los, stoeptegels, klinkers, klinker, struikel, "
                "gestruikeld, scheve tegel, loose tiles, loose paving, paving stones, trip hazard, tripped"
            ),
            handling_message_nl=(
                "We herstellen losse of kapotte tegels binnen 10 werkdagen; bij gevaar maken we de plek eerder veilig."
            ),
            handling_message_en=(
                "We repair loose or broken paving within 10 working days; if it is dangerous, we make it safe sooner."
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="gat-in-de-weg",
            service_code="WEG-02",
            name_nl="Gat of verzakking in de weg",
            name_en="Pothole or subsidence",
            description_nl="Een gat, kuil, scheur of verzakking in de rijbaan, de stoep of het fietspad.",
            description_en="A hole, pit, crack or sunken patch in the road, the pavement or the cycle path.",
            keywords=(
                "gat, gaten, kuil, scheur, verzakking, verzakt, gat in de weg, pothole, potholes, sinkhole, "
                "crack, subsidence, hole in the road"
            ),
            handling_message_nl=(
                "We maken een gat of verzakking binnen 2 werkdagen veilig en herstellen het daarna zo snel mogelijk."
            ),
            handling_message_en=(
                "We make a hole or subsidence safe within 2 working days and repair it as soon as possible after that."
            ),
            sla_days=2,
        ),
        SubCategorySpec(
            slug="boomwortels-bestrating",
            service_code="WEG-03",
            name_nl="Bestrating omhoog door boomwortels",
            name_en="Paving pushed up by tree roots",
            description_nl=(
                "Boomwortels drukken tegels, klinkers of asfalt omhoog, waardoor een bult of oneffenheid ontstaat."
            ),
            description_en=("Tree roots push up paving, bricks or asphalt, creating a bump or an uneven surface."),
            keywords="wortel, boomwortel, omhoog, bobbel, hobbel, oneffen, roots, tree roots, uneven, bump",
            handling_message_nl=(
                "We beoordelen de plek binnen 10 werkdagen en plannen het herstel, zo nodig samen met de boombeheerder."
            ),
            handling_message_en=(
                "We assess the place within 10 working days and plan the repair, together with the tree team if needed."
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="verkeerslicht-defect",
            service_code="WEG-04",
            name_nl="Verkeerslicht defect",
            name_en="Traffic light out of order",
            description_nl=(
                "Een verkeerslicht of voetgangerslicht brandt niet, blijft op rood staan of reageert niet op "
                "de drukknop."
            ),
            description_en=(
                "A traffic light or pedestrian light is out, stays on red or does not respond to the push button."
            ),
            keywords=(
                "verkeerslicht, stoplicht, voetgangerslicht, fietslicht, drukknop, blijft rood, staat op "
                "rood, traffic light, traffic lights, pedestrian light"
            ),
            handling_message_nl=("Een defect verkeerslicht is gevaarlijk: we sturen binnen 24 uur een monteur."),
            handling_message_en="A broken traffic light is dangerous: we send a technician within 24 hours.",
            sla_days=1,
            sla_working_days=False,
        ),
        SubCategorySpec(
            slug="onveilige-verkeerssituatie",
            service_code="WEG-05",
            name_nl="Onveilige verkeerssituatie",
            name_en="Unsafe traffic situation",
            description_nl=(
                "Een kruising, oversteekplaats of straat die gevaarlijk is door de inrichting, het uitzicht "
                "of te hard rijden."
            ),
            description_en=(
                "A junction, crossing or street that is dangerous because of its layout, poor visibility or speeding."
            ),
            keywords=(
                "verkeerssituatie, onveilig, gevaarlijke situatie, oversteek, zebrapad, kruising, rotonde, "
                "drempel, verkeersdrempel, uitzicht, te hard, hard rijden, snelheid, crossing, junction, "
                "roundabout, speed bump, speeding, unsafe"
            ),
            handling_message_nl=(
                "We bekijken de situatie en laten u binnen 15 werkdagen weten of en welke maatregelen we nemen."
            ),
            handling_message_en=(
                "We look at the situation and tell you within 15 working days whether and which measures we take."
            ),
            sla_days=15,
        ),
        SubCategorySpec(
            slug="hinder-werkzaamheden",
            service_code="WEG-06",
            name_nl="Hinder door werkzaamheden of afzettingen",
            name_en="Disruption from roadworks or closures",
            description_nl="Hinder, gevaar of rommel door werkzaamheden, een afzetting of een omleiding.",
            description_en="Disruption, danger or mess from works, a road closure or a diversion.",
            keywords=(
                "werkzaamheden, wegwerkzaamheden, afzetting, afgezet, omleiding, bouwhekken, werkvak, "
                "opgebroken, roadworks, road works, road closure, diversion, detour"
            ),
        ),
    ),
)
