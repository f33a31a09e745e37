"""Default main categories for street lighting, street furniture and play areas.

Written by us. The main category names are the Katwijk (Fixi) labels, so that data maps one to one; the sub
categories follow what residents report most often in that data set.
"""

from __future__ import annotations

from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

STRAATVERLICHTING = MainCategorySpec(
    slug="straatverlichting",
    service_code="STR-00",
    service_group="verlichting",
    name_nl="Straatverlichting",
    name_en="Street lighting",
    description_nl="Storingen en schade aan lantaarnpalen en andere openbare verlichting.",
    description_en="Faults and damage to street lights and other public lighting.",
    keywords=(
        "straatverlichting, verlichting, lantaarn, lantaren, straatlantaarn, straatlantaren, lichtmast, "
        "lamp, lampen, licht, donker, openbare verlichting, street light, streetlight, street lamp, lamp "
        "post, lighting, light, dark"
    ),
    handling_message_nl=(
        "We verhelpen een defecte lamp binnen 5 werkdagen; gevaarlijke schade maken we binnen 24 uur veilig."
    ),
    handling_message_en=(
        "We fix a broken street light within 5 working days; we make dangerous damage safe within 24 hours."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="lamp-defect",
            service_code="STR-01",
            name_nl="Lamp defect",
            name_en="Street light out",
            description_nl="Eén lantaarnpaal geeft geen licht meer.",
            description_en="A single street light no longer gives light.",
            keywords=(
                "brandt niet, brand niet, branden niet, lamp doet het niet, lantaarnpaal doet het niet, lamp "
                "werkt niet, verlichting werkt niet, lamp defect, lamp kapot, lamp is uit, geen licht, "
                "kapotte lamp, light is out, light not working, broken street light"
            ),
            handling_message_nl="We vervangen of repareren de lamp binnen 5 werkdagen.",
            handling_message_en="We replace or repair the light within 5 working days.",
        ),
        SubCategorySpec(
            slug="meerdere-lampen-uit",
            service_code="STR-02",
            name_nl="Meerdere lampen of hele straat donker",
            name_en="Several lights or whole street dark",
            description_nl=("Meerdere lantaarnpalen naast elkaar, of een hele straat, wijk of weg, zijn donker."),
            description_en=("Several street lights in a row, or a whole street, neighbourhood or road, are dark."),
            keywords=(
                "meerdere lantaarnpalen, meerdere lampen, alle lantaarnpalen, alle lampen, hele straat "
                "donker, hele straat, hele wijk, pikdonker, stroomstoring, several lights, whole street, "
                "power cut, all lights"
            ),
            handling_message_nl=(
                "Een storing in een hele straat verhelpen we binnen 2 werkdagen; ligt de oorzaak bij de "
                "netbeheerder, dan duurt het soms langer."
            ),
            handling_message_en=(
                "We fix an outage in a whole street within 2 working days; it can take longer when the grid "
                "operator must act."
            ),
            sla_days=2,
        ),
        SubCategorySpec(
            slug="verlichting-brandt-overdag",
            service_code="STR-03",
            name_nl="Verlichting brandt overdag",
            name_en="Light on during the day",
            description_nl="Een lantaarnpaal brandt ook overdag, wat energie verspilt.",
            description_en="A street light stays on during the day, wasting energy.",
            keywords=(
                "overdag, brandt overdag, brandt de hele dag, dag en nacht, brandt continu, on during the "
                "day, daytime, always on"
            ),
            handling_message_nl="We stellen de lamp binnen 10 werkdagen opnieuw in of repareren hem.",
            handling_message_en="We reset or repair the light within 10 working days.",
            sla_days=10,
        ),
        SubCategorySpec(
            slug="lamp-knippert",
            service_code="STR-04",
            name_nl="Lamp knippert of brandt zwak",
            name_en="Light flickering or dim",
            description_nl="Een lamp knippert, gaat steeds aan en uit of geeft nog maar weinig licht.",
            description_en="A light flickers, keeps switching on and off or gives only dim light.",
            keywords=(
                "knipper, flikker, gaat aan en uit, aan en uit, zwak licht, brandt zwak, flicker, dim, on and off"
            ),
        ),
        SubCategorySpec(
            slug="lantaarnpaal-beschadigd",
            service_code="STR-05",
            name_nl="Lantaarnpaal beschadigd of scheef",
            name_en="Lamp post damaged or leaning",
            description_nl=("Een lantaarnpaal is aangereden, staat scheef, dreigt om te vallen of is omgevallen."),
            description_en="A lamp post has been hit, is leaning, is about to fall or has fallen over.",
            keywords=(
                "scheef, aangereden, omgereden, omgevallen, omver, beschadigd, paal scheef, leaning, knocked "
                "over, fallen over, damaged lamp post"
            ),
            handling_message_nl=(
                "Een scheve of beschadigde paal is gevaarlijk: we maken hem binnen 24 uur veilig en "
                "herstellen hem daarna."
            ),
            handling_message_en=(
                "A leaning or damaged post is dangerous: we make it safe within 24 hours and repair it afterwards."
            ),
            sla_days=1,
            sla_working_days=False,
        ),
        SubCategorySpec(
            slug="open-luik-losse-kabel",
            service_code="STR-06",
            name_nl="Open paalluik of losse kabel",
            name_en="Open lamp-post hatch or loose cable",
            description_nl=("Het luikje van een lantaarnpaal staat open, of er hangen of liggen stroomkabels los."),
            description_en="The hatch of a lamp post is open, or power cables are hanging or lying loose.",
            keywords=(
                "luikje, luik, kabel, kabels, draden, loshangend, stroomkabel, lampkap, kap, open hatch, "
                "cable, cables, exposed wires, wires"
            ),
            handling_message_nl=(
                "Losse stroomkabels zijn levensgevaarlijk: blijf eraf. We maken de situatie binnen 24 uur veilig."
            ),
            handling_message_en=(
                "Loose power cables are life-threatening: keep away. We make the situation safe within 24 hours."
            ),
            sla_days=1,
            sla_working_days=False,
        ),
    ),
)

STRAATMEUBILAIR_EN_VERKEERSBORDEN = MainCategorySpec(
    slug="straatmeubilair-en-verkeersborden",
    service_code="MEU-00",
    service_group="straatmeubilair",
    name_nl="Straatmeubilair en verkeersborden",
    name_en="Street furniture and traffic signs",
    description_nl=(
        "Schade aan verkeersborden, paaltjes, banken, afvalbakken, fietsenrekken en ander straatmeubilair."
    ),
    description_en=(
        "Damage to traffic signs, bollards, benches, litter bins, bicycle racks and other street furniture."
    ),
    keywords=(
        "straatmeubilair, bord, borden, paal, hek, hekwerk, poepzakjes, street furniture, sign, signs, post, fence"
    ),
    handling_message_nl=(
        "We herstellen of vervangen beschadigd straatmeubilair binnen 10 werkdagen; gevaar maken we binnen "
        "24 uur veilig."
    ),
    handling_message_en=(
        "We repair or replace damaged street furniture within 10 working days; we make danger safe within 24 hours."
    ),
    sla_days=10,
    subs=(
        SubCategorySpec(
            slug="verkeersbord",
            service_code="MEU-01",
            name_nl="Verkeersbord beschadigd, scheef of weg",
            name_en="Traffic sign damaged, leaning or missing",
            description_nl=("Een verkeersbord is beschadigd, staat scheef, is gedraaid, onleesbaar of verdwenen."),
            description_en="A traffic sign is damaged, leaning, turned, unreadable or missing.",
            keywords=(
                "verkeersbord, bord scheef, bord weg, bord omver, voorrangsbord, stopbord, bord gedraaid, "
                "onleesbaar, traffic sign, road sign, sign missing, stop sign"
            ),
            handling_message_nl=(
                "We herstellen het bord binnen 5 werkdagen; een ontbrekend voorrangs- of stopbord vervangen "
                "we binnen 24 uur."
            ),
            handling_message_en=(
                "We repair the sign within 5 working days; we replace a missing give-way or stop sign within 24 hours."
            ),
            sla_days=5,
        ),
        SubCategorySpec(
            slug="paaltje-kapot",
            service_code="MEU-02",
            name_nl="Paaltje kapot of omver",
            name_en="Bollard broken or knocked over",
            description_nl="Een afzetpaaltje of hekpaal is kapot, omvergereden, zit los of ontbreekt.",
            description_en="A bollard or fence post is broken, knocked over, loose or missing.",
            keywords=(
                "paaltje, paaltjes, afzetpaal, amsterdammertje, rood witte paal, omver gereden, "
                "omvergereden, paal los, bollard, bollards, post knocked over"
            ),
        ),
        SubCategorySpec(
            slug="afvalbak-kapot",
            service_code="MEU-03",
            name_nl="Afvalbak kapot",
            name_en="Litter bin damaged",
            description_nl="Een afvalbak op straat is kapot, opgeblazen, los of verdwenen.",
            description_en="A litter bin in the street is broken, blown up, loose or missing.",
            keywords=(
                "afvalbak kapot, prullenbak kapot, vuilnisbak kapot, prullenbak opgeblazen, afvalbak "
                "opgeblazen, opgeblazen, afvalbak weg, prullenbak weg, broken bin, bin missing"
            ),
        ),
        SubCategorySpec(
            slug="bankje-kapot",
            service_code="MEU-04",
            name_nl="Bankje kapot",
            name_en="Bench damaged",
            description_nl=(
                "Een bank in de openbare ruimte is beschadigd, heeft losse of kapotte planken of ontbreekt."
            ),
            description_en="A bench in public space is damaged, has loose or broken slats or is missing.",
            keywords="bankje, banken, zitbank, parkbank, bank, planken, bench, benches, seat",
        ),
        SubCategorySpec(
            slug="fietsenrek-kapot",
            service_code="MEU-05",
            name_nl="Fietsenrek kapot",
            name_en="Bicycle rack damaged",
            description_nl=("Een fietsenrek, fietsnietje of fietsenstalling op straat is beschadigd of zit los."),
            description_en="A bicycle rack, bike hoop or bicycle shelter in the street is damaged or loose.",
            keywords=(
                "fietsenrek, fietsrek, fietsnietje, nietje, fietsenstalling, fietsklem, bike rack, bicycle "
                "rack, bike stand"
            ),
        ),
        SubCategorySpec(
            slug="straatnaambord",
            service_code="MEU-06",
            name_nl="Straatnaambord of wegwijzer",
            name_en="Street name sign or signpost",
            description_nl="Een straatnaambord of wegwijzer is beschadigd, onleesbaar of verdwenen.",
            description_en="A street name sign or signpost is damaged, unreadable or missing.",
            keywords=(
                "straatnaambord, straatnaam, wegwijzer, bewegwijzering, paddenstoel, street name, street sign, signpost"
            ),
            handling_message_nl="We herstellen of vervangen het bord binnen 20 werkdagen.",
            handling_message_en="We repair or replace the sign within 20 working days.",
            sla_days=20,
        ),
        SubCategorySpec(
            slug="graffiti-wildplakken",
            service_code="MEU-07",
            name_nl="Graffiti of wildplakken",
            name_en="Graffiti or fly-posting",
            description_nl=(
                "Graffiti, bekladding, stickers of posters op straatmeubilair, muren of gebouwen van de gemeente."
            ),
            description_en=(
                "Graffiti, defacing, stickers or posters on street furniture, walls or municipal buildings."
            ),
            keywords=(
                "graffiti, beklad, besmeurd, bekladding, tag, tags, verf, stickers, wildplakken, posters, "
                "aanplakbiljet, defaced, fly posting, spray paint"
            ),
            handling_message_nl=(
                "We verwijderen graffiti en wildplakken binnen 10 werkdagen; kwetsende teksten binnen 1 werkdag."
            ),
            handling_message_en=(
                "We remove graffiti and fly-posting within 10 working days; offensive texts within 1 working day."
            ),
        ),
    ),
)

SPEELVOORZIENINGEN = MainCategorySpec(
    slug="speelvoorzieningen",
    service_code="SPL-00",
    service_group="spelen",
    name_nl="Speelvoorzieningen",
    name_en="Play areas",
    description_nl="Schade en gevaar in speeltuinen, aan speeltoestellen en op trapveldjes.",
    description_en="Damage and hazards in playgrounds, on play equipment and on small sports pitches.",
    keywords=(
        "speeltuin, speelplaats, speelplein, speelplek, speelveld, spelen, playground, play area, play equipment"
    ),
    handling_message_nl=(
        "We bekijken de speelplek binnen 5 werkdagen; een gevaarlijk toestel zetten we binnen 24 uur af."
    ),
    handling_message_en=(
        "We inspect the play area within 5 working days; we close off dangerous equipment within 24 hours."
    ),
    sla_days=5,
    subs=(
        SubCategorySpec(
            slug="speeltoestel-kapot",
            service_code="SPL-01",
            name_nl="Speeltoestel kapot",
            name_en="Play equipment broken",
            description_nl=(
                "Een schommel, glijbaan, wip, klimrek of ander speeltoestel is kapot, zit los of heeft scherpe delen."
            ),
            description_en=(
                "A swing, slide, seesaw, climbing frame or other play equipment is broken, loose or has sharp parts."
            ),
            keywords=(
                "speeltoestel, schommel, bandenschommel, glijbaan, wip, wipwap, wipkip, klimrek, zandbak, "
                "draaimolen, kabelbaan, scherpe delen, swing, slide, seesaw, climbing frame, sandpit"
            ),
        ),
        SubCategorySpec(
            slug="valondergrond",
            service_code="SPL-02",
            name_nl="Valondergrond beschadigd",
            name_en="Safety surface damaged",
            description_nl=("Rubberen tegels of zand onder een speeltoestel liggen los, hebben gaten of ontbreken."),
            description_en="Rubber tiles or sand under play equipment are loose, have holes or are missing.",
            keywords=(
                "rubberen tegels, rubbertegels, rubber tegels, valondergrond, valtegels, rubber, safety "
                "surface, rubber tiles"
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="speeltuin-hek",
            service_code="SPL-03",
            name_nl="Hek of poort van speeltuin kapot",
            name_en="Playground fence or gate broken",
            description_nl=(
                "Het hek of de poort rond een speeltuin is kapot of sluit niet, zodat kinderen weg kunnen lopen."
            ),
            description_en=(
                "The fence or gate around a playground is broken or does not close, so children can run off."
            ),
            keywords=(
                "hek speeltuin, speeltuinhek, poort, poortje, hekje, sluit niet, valt niet dicht, playground gate, gate"
            ),
            sla_days=10,
        ),
        SubCategorySpec(
            slug="speeltuin-vervuild",
            service_code="SPL-04",
            name_nl="Speeltuin vervuild",
            name_en="Playground dirty",
            description_nl="Glas, hondenpoep, zwerfafval of andere viezigheid in een speeltuin of zandbak.",
            description_en="Glass, dog mess, litter or other dirt in a playground or sandpit.",
            keywords=(
                "speeltuin vies, vieze speeltuin, glas in de speeltuin, poep in de zandbak, poep in de "
                "speeltuin, dirty playground, glass in the playground"
            ),
            handling_message_nl="We maken de speeltuin binnen 2 werkdagen schoon.",
            handling_message_en="We clean the playground within 2 working days.",
            sla_days=2,
        ),
        SubCategorySpec(
            slug="trapveld-sportplek",
            service_code="SPL-05",
            name_nl="Trapveldje of sportplek",
            name_en="Small sports pitch",
            description_nl="Schade aan een trapveldje, basketbalveld, doel of kunstgrasveld in de wijk.",
            description_en=(
                "Damage to a small football pitch, basketball court, goal or artificial grass pitch in the "
                "neighbourhood."
            ),
            keywords=(
                "trapveld, voetbalveld, kunstgras, doeltje, goal, basketbal, skatebaan, sportveld, football "
                "pitch, basketball, skate park"
            ),
            sla_days=10,
        ),
    ),
)
