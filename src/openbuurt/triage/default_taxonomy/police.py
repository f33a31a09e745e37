"""Default main categories handled by the police; every report in them is confidential.

Written by us. A report here is not an official crime report (aangifte): the service promises say so, and they
repeat that a situation happening now is for 112.
"""

from __future__ import annotations

from openbuurt.triage.constants import HandlingOrganisation
from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec

CRIMINALITEIT_EN_VEILIGHEID = MainCategorySpec(
    slug="politie-criminaliteit-en-veiligheid",
    service_code="POL-00",
    service_group="politie",
    name_nl="Criminaliteit en veiligheid (politie)",
    name_en="Crime and safety (police)",
    description_nl=(
        "Inbraak, verdachte situaties, vernieling, drugs, geweld en jeugdoverlast; de politie behandelt deze "
        "meldingen vertrouwelijk."
    ),
    description_en=(
        "Burglary, suspicious situations, vandalism, drugs, violence and youth nuisance; the police handle "
        "these reports in confidence."
    ),
    keywords=(
        "politie, agent, wijkagent, criminaliteit, crimineel, misdrijf, diefstal, gestolen, police, crime, "
        "criminal, stolen, theft"
    ),
    handling_message_nl=(
        "De politie leest uw melding binnen 1 dag. Een melding is geen aangifte: aangifte doet u via "
        "politie.nl of 0900-8844. Is er direct gevaar? Bel 112."
    ),
    handling_message_en=(
        "The police read your report within 1 day. A report is not an official crime report: file one at "
        "politie.nl or on 0900-8844. Immediate danger? Call 112."
    ),
    sla_days=1,
    sla_working_days=False,
    handling_organisation=HandlingOrganisation.POLICE,
    is_confidential=True,
    subs=(
        SubCategorySpec(
            slug="woninginbraak",
            service_code="POL-01",
            name_nl="Woninginbraak",
            name_en="Burglary",
            description_nl=(
                "Er is ingebroken in een woning, schuur of garage, of er zijn sporen van een poging tot inbraak."
            ),
            description_en=(
                "A home, shed or garage has been broken into, or there are signs of an attempted burglary."
            ),
            keywords=(
                "inbraak, inbreker, inbrekers, ingebroken, inbraakpoging, opengebroken, breekijzer, "
                "burglary, burglar, break in, broke in, broken into"
            ),
            handling_message_nl=(
                "De politie neemt binnen 1 dag contact op over sporenonderzoek. Doe ook aangifte via "
                "politie.nl of 0900-8844. Is de inbreker er nog? Bel 112."
            ),
            handling_message_en=(
                "The police contact you within 1 day about forensic investigation. Also file a report at "
                "politie.nl or on 0900-8844. Is the burglar still there? Call 112."
            ),
        ),
        SubCategorySpec(
            slug="verdachte-situatie",
            service_code="POL-02",
            name_nl="Verdachte situatie",
            name_en="Suspicious situation",
            description_nl=(
                "Personen, voertuigen of gedrag die u niet vertrouwt, zoals iemand die bij woningen of "
                "auto's naar binnen kijkt."
            ),
            description_en=(
                "People, vehicles or behaviour you do not trust, such as someone looking into homes or cars."
            ),
            keywords=(
                "verdacht, verdachte situatie, loert, gluurt, probeert deuren, niet pluis, rondsluipen, "
                "suspicious, suspicious person, lurking, prowling"
            ),
        ),
        SubCategorySpec(
            slug="vernieling",
            service_code="POL-03",
            name_nl="Vernieling",
            name_en="Vandalism",
            description_nl="Opzettelijke schade aan auto's, woningen, bushokjes of andere eigendommen.",
            description_en="Deliberate damage to cars, homes, bus shelters or other property.",
            keywords=(
                "vernieling, vernield, vernielen, vandalisme, kapotgemaakt, kapot gemaakt, bekrast, ruit "
                "ingegooid, ingegooid, vandalism, vandalised, smashed"
            ),
            handling_message_nl=(
                "De politie bekijkt uw melding binnen 3 werkdagen. Wilt u de schade verhalen, doe dan "
                "aangifte via politie.nl of 0900-8844."
            ),
            handling_message_en=(
                "The police look at your report within 3 working days. To claim the damage, file a report at "
                "politie.nl or on 0900-8844."
            ),
            sla_days=3,
            sla_working_days=True,
        ),
        SubCategorySpec(
            slug="drugsoverlast",
            service_code="POL-04",
            name_nl="Drugsoverlast",
            name_en="Drug-related nuisance",
            description_nl=("Drugshandel, drugsgebruik op straat, een vermoedelijke hennepkwekerij of drugsafval."),
            description_en="Drug dealing, drug use in the street, a suspected cannabis farm or drug waste.",
            keywords=(
                "drugs, drugshandel, dealen, dealer, dealers, blowen, wiet, hennep, hennepkwekerij, "
                "wietlucht, lachgas, drugsafval, drug dealing, weed, cannabis, laughing gas"
            ),
            handling_message_nl=(
                "De politie gebruikt uw melding voor de aanpak in de wijk en bekijkt haar binnen 5 "
                "werkdagen. Anoniem melden kan bij Meld Misdaad Anoniem: 0800-7000."
            ),
            handling_message_en=(
                "The police use your report in their neighbourhood approach and look at it within 5 working "
                "days. To report anonymously, call Meld Misdaad Anoniem: 0800-7000."
            ),
            sla_days=5,
            sla_working_days=True,
        ),
        SubCategorySpec(
            slug="geweld-of-bedreiging",
            service_code="POL-05",
            name_nl="Geweld of bedreiging",
            name_en="Violence or threats",
            description_nl="Mishandeling, een vechtpartij, bedreiging of intimidatie die al voorbij is.",
            description_en="Assault, a fight, threats or intimidation that is already over.",
            keywords=(
                "geweld, mishandeling, mishandeld, geslagen, bedreiging, bedreigd, bedreigen, intimidatie, "
                "vechtpartij, violence, assault, assaulted, threat, threatened, fight"
            ),
            handling_message_nl=(
                "Gebeurt het nu of is iemand gewond? Bel 112. Anders neemt de politie binnen 1 dag contact met u op."
            ),
            handling_message_en=(
                "Is it happening now or is someone injured? Call 112. Otherwise the police contact you within 1 day."
            ),
        ),
        SubCategorySpec(
            slug="fietsdiefstal",
            service_code="POL-06",
            name_nl="Fietsdiefstal",
            name_en="Bicycle theft",
            description_nl=(
                "Uw fiets, e-bike of scooter is gestolen, of u ziet iemand die een fiets probeert te stelen."
            ),
            description_en=(
                "Your bicycle, e-bike or scooter has been stolen, or you see someone trying to steal a bike."
            ),
            keywords=(
                "fietsdiefstal, fiets gestolen, gestolen fiets, fietsendief, slot doorgeknipt, scooter "
                "gestolen, bike stolen, stolen bike, bicycle theft"
            ),
            handling_message_nl=(
                "Doe aangifte via politie.nl, dan kan de politie uw fiets teruggeven als die wordt gevonden. "
                "De politie bekijkt uw melding binnen 5 werkdagen."
            ),
            handling_message_en=(
                "File a report at politie.nl so the police can return your bike if it is found. The police "
                "look at your report within 5 working days."
            ),
            sla_days=5,
            sla_working_days=True,
        ),
        SubCategorySpec(
            slug="jeugdoverlast",
            service_code="POL-07",
            name_nl="Jeugdoverlast",
            name_en="Youth nuisance",
            description_nl="Groepen jongeren die overlast geven, mensen lastigvallen of vernielingen plegen.",
            description_en=("Groups of young people causing nuisance, harassing people or committing vandalism."),
            keywords=(
                "jongeren, jeugd, hangjongeren, groep jongeren, jongens, hangplek, jeugdoverlast, youths, "
                "teenagers, youngsters, gang"
            ),
            handling_message_nl=(
                "De wijkagent bespreekt uw melding met jongerenwerk en handhaving; de politie bekijkt haar "
                "binnen 3 werkdagen."
            ),
            handling_message_en=(
                "The community officer discusses your report with youth workers and enforcement; the police "
                "look at it within 3 working days."
            ),
            sla_days=3,
            sla_working_days=True,
        ),
    ),
)

VERKEER_EN_ONGEVALLEN = MainCategorySpec(
    slug="politie-verkeer-en-ongevallen",
    service_code="PVK-00",
    service_group="politie",
    name_nl="Verkeer en ongevallen (politie)",
    name_en="Traffic and accidents (police)",
    description_nl=("Verkeersongevallen en gevaarlijk rijgedrag; de politie behandelt deze meldingen vertrouwelijk."),
    description_en="Traffic accidents and dangerous driving; the police handle these reports in confidence.",
    keywords="ongeluk, ongeval, aanrijding, botsing, accident, crash, collision",
    handling_message_nl=(
        "Is er iemand gewond of is er nu gevaar? Bel direct 112. De politie leest uw melding binnen 1 dag."
    ),
    handling_message_en=(
        "Is someone injured or is there danger now? Call 112 at once. The police read your report within 1 day."
    ),
    sla_days=1,
    sla_working_days=False,
    handling_organisation=HandlingOrganisation.POLICE,
    is_confidential=True,
    subs=(
        SubCategorySpec(
            slug="verkeersongeval-met-letsel",
            service_code="PVK-01",
            name_nl="Verkeersongeval met letsel",
            name_en="Traffic accident with injuries",
            description_nl=(
                "Een aanrijding waarbij iemand gewond raakte en die al voorbij is; bel bij een ongeval dat "
                "nu gebeurt 112."
            ),
            description_en=(
                "A collision in which someone was injured that is already over; call 112 for an accident happening now."
            ),
            keywords=(
                "verkeersongeval, ongeluk met letsel, aangereden, doorgereden, doorrijden, letsel, gewonde, "
                "hit and run, injured, injury, road accident"
            ),
        ),
        SubCategorySpec(
            slug="gevaarlijk-rijgedrag",
            service_code="PVK-02",
            name_nl="Gevaarlijk rijgedrag",
            name_en="Dangerous driving",
            description_nl=(
                "Steeds weer te hard, roekeloos of onder invloed rijden, racen of rijden met een opgevoerde scooter."
            ),
            description_en=(
                "Repeated speeding, reckless or drink driving, street racing or riding a souped-up scooter."
            ),
            keywords=(
                "rijgedrag, roekeloos, scheuren, racen, straatrace, wegpiraat, bumperkleven, onder invloed, "
                "opgevoerde scooter, reckless, racing, drink driving, joyriding"
            ),
            handling_message_nl=(
                "De politie gebruikt uw melding om te bepalen waar zij controleert en bekijkt haar binnen 5 werkdagen."
            ),
            handling_message_en=(
                "The police use your report to decide where to run checks and look at it within 5 working days."
            ),
            sla_days=5,
            sla_working_days=True,
        ),
    ),
)
