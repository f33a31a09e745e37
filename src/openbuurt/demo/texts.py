"""The texts of the demo reports and of their status messages: written by us, not real reports.

Every text here was written by the OpenBuurt developers for the demo, in the plain Dutch residents use. None is
taken from a real data set. Each report text is a template filled with a place phrase, a "since when" phrase and
a closing, so about fifty templates give a few thousand different texts.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_LABEL = "[demo]"
"""Put in front of every demo text, so nobody mistakes a demo report for a real one."""


@dataclass(frozen=True)
class ReportTemplate:
    """A report text for one category: ``sub`` is tried first, then ``main`` (slugs of the default taxonomy)."""

    main: str
    sub: str
    text: str
    weight: int = 3


# Places inside a neighbourhood; the neighbourhood itself comes from the map point.
PLACES = (
    "bij de bushalte",
    "op de hoek van onze straat",
    "voor de ingang van de basisschool",
    "naast het winkelcentrum",
    "bij de ingang van het park",
    "tegenover de supermarkt",
    "langs de kade",
    "bij het bruggetje over de vaart",
    "achter de flat",
    "bij de glasbakken",
    "naast de sporthal",
    "voor de huisartsenpraktijk",
    "bij het fietspad naar het centrum",
    "op het pleintje bij de kerk",
)
SINCE = (
    "sinds gisteren",
    "al een paar dagen",
    "al ruim een week",
    "sinds het weekend",
    "sinds vanochtend",
    "al twee weken",
)
CLOSINGS = (
    "",
    "",
    " Graag snel oplossen.",
    " Wilt u er iemand naar laten kijken?",
    " Alvast bedankt.",
    " Ik heb het al eens eerder gemeld.",
    " Groet, een buurtbewoner.",
)

_M = "straatverlichting"
_Z = "zwerfafval"
_H = "huisafval"
_G = "openbaar-groen"
_R = "riolering-en-water"
_W = "wegen-straten-en-verkeer"
_S = "straatmeubilair-en-verkeersborden"
_T = "technische-storingen-en-parkeermeters"
_O = "overlast-en-handhaving"
_P = "parkeren"
_SP = "speelvoorzieningen"
_GL = "gladheidsbestrijding"

MUNICIPAL_TEMPLATES: tuple[ReportTemplate, ...] = (
    ReportTemplate(
        _M,
        "lamp-defect",
        "De lantaarnpaal {place} doet het {since} niet. 's Avonds is het daar aardedonker.{closing}",
        6,
    ),
    ReportTemplate(
        _M,
        "meerdere-lampen-uit",
        "Alle straatlampen {place} zijn uit, {since}. Je ziet 's avonds geen hand voor ogen.{closing}",
        4,
    ),
    ReportTemplate(
        _M,
        "lamp-knippert",
        "De straatlamp {place} gaat steeds aan en uit. Dat geknipper is heel hinderlijk in de slaapkamer.{closing}",
    ),
    ReportTemplate(
        _M,
        "verlichting-brandt-overdag",
        "De straatverlichting {place} brandt {since} ook overdag. Zonde van de stroom.{closing}",
        2,
    ),
    ReportTemplate(
        _M,
        "lantaarnpaal-beschadigd",
        "Er is tegen de lantaarnpaal {place} aangereden. De paal staat scheef en de kap hangt los.{closing}",
        2,
    ),
    ReportTemplate(
        _Z,
        "zwerfafval-op-straat",
        "{Place} ligt veel zwerfvuil: blikjes, chipszakken en plastic flesjes. Het wordt steeds erger.{closing}",
        6,
    ),
    ReportTemplate(
        _Z,
        "glas-op-straat",
        "Op het fietspad {place} ligt een kapotte fles. Overal glasscherven, "
        "gevaarlijk voor banden en hondenpoten.{closing}",
        4,
    ),
    ReportTemplate(_Z, "afvalbak-vol", "De prullenbak {place} zit propvol en het afval waait over straat.{closing}", 5),
    ReportTemplate(
        _Z,
        "afval-gedumpt",
        "Iemand heeft {place} een oude bank, een matras en een paar vuilniszakken neergezet.{closing}",
        5,
    ),
    ReportTemplate(_Z, "dood-dier", "{Place} ligt een dode meeuw op de stoep. Kan die worden opgehaald?{closing}", 1),
    ReportTemplate(
        _H,
        "container-niet-geleegd",
        "Onze groene container is deze week niet geleegd, terwijl de rest van de straat wel is geweest.{closing}",
        5,
    ),
    ReportTemplate(
        _H,
        "container-vol",
        "De ondergrondse container voor restafval {place} is vol. Er staan al zakken naast.{closing}",
        6,
    ),
    ReportTemplate(
        _H,
        "afval-naast-container",
        "Naast de papiercontainer {place} staan stapels dozen die nat worden van de regen.{closing}",
        4,
    ),
    ReportTemplate(
        _H,
        "minicontainer-kapot",
        "Het deksel van onze grijze minicontainer is afgebroken bij het legen door de vuilniswagen.{closing}",
        2,
    ),
    ReportTemplate(
        _H, "grofvuil", "Het grofvuil dat we hadden aangemeld is niet opgehaald. Het staat {since} {place}.{closing}", 2
    ),
    ReportTemplate(
        _G, "snoeien", "De struiken {place} groeien over het fietspad. Je moet uitwijken naar de rijbaan.{closing}", 4
    ),
    ReportTemplate(
        _G,
        "boom-gevaarlijk",
        "Na de storm hangt er een grote tak half afgebroken boven de stoep {place}. Dat lijkt me gevaarlijk.{closing}",
        3,
    ),
    ReportTemplate(_G, "onkruid", "Tussen de stoeptegels {place} staat het onkruid kniehoog.{closing}", 2),
    ReportTemplate(_G, "gras-maaien", "Het gras in het plantsoen {place} is in weken niet gemaaid.{closing}", 2),
    ReportTemplate(
        _G,
        "boom-ziek-of-dood",
        "De boom {place} heeft dit jaar geen blad gekregen en lijkt dood. Er vallen steeds dorre takken af.{closing}",
        1,
    ),
    ReportTemplate(
        _R,
        "put-verstopt",
        "De straatkolk {place} zit verstopt met bladeren. Na een bui blijft er een grote plas staan.{closing}",
        4,
    ),
    ReportTemplate(_R, "rioolstank", "Er hangt {since} een sterke rioollucht {place}.{closing}", 2),
    ReportTemplate(
        _R,
        "putdeksel-los",
        "Een putdeksel {place} ligt los en klappert elke keer als er een auto overheen rijdt.{closing}",
        2,
    ),
    ReportTemplate(
        _R,
        "wateroverlast",
        "Bij elke flinke bui staat de straat {place} blank. Het water komt bijna tot aan de voordeuren.{closing}",
        2,
    ),
    ReportTemplate(
        _W,
        "losse-tegels",
        "{Place} liggen een paar stoeptegels los en steken omhoog. Mijn buurvrouw "
        "is er bijna over gestruikeld.{closing}",
        6,
    ),
    ReportTemplate(
        _W,
        "gat-in-de-weg",
        "Er zit een diep gat in het wegdek {place}. Fietsers moeten er 's avonds omheen slingeren.{closing}",
        4,
    ),
    ReportTemplate(
        _W,
        "boomwortels-bestrating",
        "Boomwortels duwen het fietspad {place} omhoog; er zitten flinke bulten in.{closing}",
        2,
    ),
    ReportTemplate(_W, "verkeerslicht-defect", "Het fietsstoplicht {place} blijft {since} op rood staan.{closing}", 2),
    ReportTemplate(
        _W,
        "onveilige-verkeerssituatie",
        "Auto's rijden veel te hard door de straat {place}, ook als "
        "de kinderen naar school gaan. Kan hier een drempel komen?{closing}",
        2,
    ),
    ReportTemplate(_S, "verkeersbord", "Het verkeersbord {place} is omver gereden en ligt op de stoep.{closing}", 2),
    ReportTemplate(
        _S, "bankje-kapot", "Het bankje {place} is vernield: er zijn twee planken uit getrokken.{closing}", 2
    ),
    ReportTemplate(
        _S,
        "fietsenrek-kapot",
        "Het fietsenrek {place} is helemaal verbogen; je krijgt je fiets er niet meer in.{closing}",
        2,
    ),
    ReportTemplate(
        _S, "paaltje-kapot", "Een paaltje {place} is afgebroken. Het stompje steekt nog uit de grond.{closing}", 1
    ),
    ReportTemplate(
        _T,
        "parkeerautomaat-defect",
        "De parkeerautomaat {place} accepteert geen pinpas en het scherm blijft zwart.{closing}",
        2,
    ),
    ReportTemplate(
        _T,
        "ondergrondse-container-storing",
        "De klep van de ondergrondse container {place} gaat niet open met mijn afvalpas.{closing}",
        3,
    ),
    ReportTemplate(_T, "laadpaal-defect", "De laadpaal {place} geeft een foutmelding en laadt niet.{closing}", 1),
    ReportTemplate(_O, "honden", "{Place} ligt ontzettend veel hondenpoep. Er wordt nooit opgeruimd.{closing}", 3),
    ReportTemplate(_O, "weesfiets", "Er staat al maanden een fietswrak met lekke banden {place}.{closing}", 3),
    ReportTemplate(
        _O,
        "voertuig-blokkeert-stoep",
        "Een bestelbus staat {since} half op de stoep {place}. Met een "
        "rolstoel of kinderwagen kom je er niet langs.{closing}",
        3,
    ),
    ReportTemplate(
        _O, "geluidsoverlast", "Er draait al een paar avonden harde muziek tot diep in de nacht {place}.{closing}", 2
    ),
    ReportTemplate(
        _P,
        "foutparkeren",
        "Er wordt steeds geparkeerd op de hoek {place}, waardoor je niet ziet of er verkeer aankomt.{closing}",
        3,
    ),
    ReportTemplate(
        _P, "lang-geparkeerd-voertuig", "Er staat {since} een aanhanger {place} die nooit wordt verplaatst.{closing}", 2
    ),
    ReportTemplate(
        _SP,
        "speeltoestel-kapot",
        "De schommel in de speeltuin {place} is kapot; een van de kettingen is los.{closing}",
        2,
    ),
    ReportTemplate(
        _SP, "speeltuin-vervuild", "In de zandbak van de speeltuin {place} liggen glasscherven en peuken.{closing}", 2
    ),
    ReportTemplate(
        "vuurwerkoverlast",
        "vuurwerk-afsteken",
        "Er wordt {since} elke avond vuurwerk afgestoken {place}. De honden in de buurt zijn doodsbang.{closing}",
        2,
    ),
    ReportTemplate(
        "ongedierte", "ratten", "We zien {since} ratten rondrennen {place}, vooral bij de containers.{closing}", 2
    ),
    ReportTemplate(
        "meeuwen",
        "meeuwen-voeren",
        "Een buurtbewoner voert {place} elke dag brood aan de meeuwen. Het wordt een enorme herrie en rommel.{closing}",
        1,
    ),
    ReportTemplate(
        _GL, "gladheid-weg-fietspad", "Het fietspad {place} is spiegelglad en er is niet gestrooid.{closing}", 1
    ),
)

_POL = "politie-criminaliteit-en-veiligheid"

POLICE_TEMPLATES: tuple[ReportTemplate, ...] = (
    ReportTemplate(
        _POL,
        "verdachte-situatie",
        "'s Nachts lopen er al een paar keer mensen met zaklampen langs de "
        "schuurtjes {place}. Het ziet er verdacht uit.{closing}",
        3,
    ),
    ReportTemplate(
        _POL, "vernieling", "Vannacht zijn bij een paar auto's {place} de spiegels eraf getrapt.{closing}", 3
    ),
    ReportTemplate(
        _POL,
        "drugsoverlast",
        "{Place} wordt 's avonds gedeald: auto's stoppen even, er stapt iemand "
        "in en na een paar minuten rijden ze weer weg.{closing}",
        2,
    ),
    ReportTemplate(
        _POL,
        "woninginbraak",
        "Bij de buren {place} is ingebroken toen ze op vakantie waren. Er zitten "
        "braaksporen bij de achterdeur.{closing}",
        1,
    ),
    ReportTemplate(
        _POL, "fietsdiefstal", "Mijn fiets is gestolen uit het rek {place}, terwijl hij op slot stond.{closing}", 2
    ),
    ReportTemplate(
        _POL,
        "jeugdoverlast",
        "Een groep jongeren hangt elke avond rond {place}, gooit met spullen en scheldt voorbijgangers uit.{closing}",
        2,
    ),
)


@dataclass(frozen=True)
class StatusTexts:
    """Messages to the reporter that go with a status, one of which is picked per report."""

    municipal: tuple[str, ...]
    police: tuple[str, ...]


STATUS_TEXTS: dict[str, StatusTexts] = {
    "accepted": StatusTexts(
        municipal=(
            "Bedankt voor uw melding. We hebben hem doorgestuurd naar het team dat dit oppakt.",
            "Uw melding is bij ons binnen en ingedeeld bij het juiste team.",
        ),
        police=(
            "De politie heeft uw melding ontvangen. De wijkagent neemt hem mee.",
            "Bedankt voor uw melding. Het basisteam bekijkt wat er nodig is.",
        ),
    ),
    "in_progress": StatusTexts(
        municipal=(
            "Een medewerker gaat deze week naar de plek om te kijken.",
            "We zijn met uw melding bezig.",
        ),
        police=("De wijkagent gaat de komende dagen extra langs deze plek.",),
    ),
    "scheduled": StatusTexts(
        municipal=(
            "Het herstel is ingepland; we verwachten het binnen twee weken uit te voeren.",
            "We nemen dit mee in de geplande ronde van volgende week.",
        ),
        police=("We hebben een controle op deze plek ingepland.",),
    ),
    "on_hold": StatusTexts(
        municipal=(
            "We wachten op onderdelen van de leverancier. Daarna pakken we het op.",
            "Dit stemmen we eerst af met de netbeheerder. U hoort van ons zodra er meer bekend is.",
        ),
        police=("We wachten op meer informatie voordat we verder kunnen.",),
    ),
    "done": StatusTexts(
        municipal=(
            "We hebben het probleem verholpen. Bedankt dat u de moeite nam het te melden.",
            "Onze medewerkers zijn langs geweest en hebben het opgelost.",
            "Het is in orde gemaakt. Ziet u dat het niet goed is? Laat het ons weten.",
        ),
        police=(
            "De wijkagent heeft de situatie bekeken. Bedankt voor uw oplettendheid.",
            "Uw melding is meegenomen in het politiewerk in de wijk. Bedankt.",
        ),
    ),
    "cancelled": StatusTexts(
        municipal=(
            "Dit was al eerder gemeld. We behandelen het onder die eerdere melding.",
            "Deze plek is geen eigendom van de gemeente. We hebben de eigenaar ingelicht.",
        ),
        police=("Dit was al eerder bij ons gemeld; we behandelen het onder die melding.",),
    ),
}


def fill(template: str, *, place: str, since: str, closing: str) -> str:
    """Return ``template`` with its place, "since" and closing filled in and the demo label in front."""
    text = template.format(place=place, Place=place[:1].upper() + place[1:], since=since, closing=closing)
    return f"{DEMO_LABEL} {text}"
