"""Seeded generator of a realistic benchmark corpus of samordningsförbund meeting records.

`python -m bench.generate OUT_DIR [--docs 10000] [--seed 1]` writes plain UTF-8 `.txt` files shaped
like the sample corpus (data/sample): board protocols with a header (meeting number, date, members,
justering, anslagsbevis), "§ N Title" sections with decision blocks, bullet lists, budget tables and
page furniture, plus about 5 % tertial, delårs and annual reports with "Mål N – Title" sections.
The förbund come from data/forbund.toml (the first 75 entries), the meeting dates from 2008–2026.

The text is built from sentence templates and word pools of the domain; nouns are inflected and
compounded and sampled with Zipf-like weights, so the corpus has tens of thousands of distinct word
forms with a realistic long tail. The output depends only on `seed` and `docs`: document i is made
with its own `random.Random` derived from the seed, so the files are identical whether they are
written by one process or several.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import string
import sys
import time
import tomllib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path


def _words(text: str) -> list[str]:
    """A word list written as one whitespace-separated string ("_" stands for a space)."""
    return [word.replace("_", " ") for word in text.split()]


REGISTRY = Path(__file__).resolve().parent.parent / "data" / "forbund.toml"
MAX_FORBUND = 75
REPORT_SHARE = 0.05
FIRST_DATE = dt.date(2008, 1, 1)
LAST_DATE = dt.date(2026, 6, 30)

# Queries the search benchmark runs against the generated corpus (and the real one).
BENCH_QUERIES: list[str] = [
    # single words
    "genomlysning",
    "ESF",
    "budget",
    "förbundsordning",
    "verksamhetsplan",
    "rehabilitering",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "NNS",
    "SIP",
    "UVAS",
    "MUCF",
    "delårsrapport",
    # phrases
    '"extern genomlysning"',
    '"samordnad individuell plan"',
    '"godkänna dagordningen"',
    '"lägga informationen till handlingarna"',
    '"unga som varken arbetar eller studerar"',
    # filters
    "förbund:halland budget",
    "förbund:soderasen genomlysning",
    "år:2024 ESF",
    "år:2015 verksamhetsplan",
    "typ:beslut utbildning",
    "typ:beslut förbundsordning",
    "datum:2020-01-01..2021-12-31 rehabilitering",
    "förbund:ostra-sodertorn år:2023 Brottsofferjouren",
    # compounds and their parts
    "utbildning",
    "samverkansutbildning",
    "handledarutbildning",
    "brottsoffer",
    "arbetsmarknad",
    "insatser",
    # misspellings
    "genomlysnig",
    "samverkn",
    "förbundsordnig",
    "rehabiliteing",
    # prefix
    "samverk*",
    "utbild*",
    # OR and exclusion
    "ESF OR NNS",
    "budget -revision",
    "SIP OR UVAS",
    "deltagare -ESF",
    # longer natural queries
    "ansökan om medel för ESF-projekt",
    "uppföljning av insatser för unga",
]

# ---------------------------------------------------------------------------------------------
# Word pools
# ---------------------------------------------------------------------------------------------

FIRST_NAMES = _words(
    """
Anna Maria Karin Eva Lena Kerstin Sara Emma Ingrid Marie Malin Jenny Hanna Linda Susanne
Johanna Elin Helena Annika Camilla Sofia Therese Emelie Cecilia Ida Frida Åsa Ulrika Mia
Petra Anneli Birgitta Gunilla Monica Inger Jessica Josefin Lisa Louise Marianne Pia Sanna
Katarina Charlotte Agneta Britt Carina Eva-Lena Anna-Karin Margareta Ann-Sofie Tove Matilda
Lars Anders Johan Per Mikael Erik Karl Peter Jan Thomas Daniel Fredrik Hans Bengt Magnus
Stefan Mats Ulf Björn Niklas Jonas Patrik Henrik Roger Tommy Christer Kent Leif Göran
Martin Andreas Marcus Olof Sven Nils Gustav Oskar Filip Emil Jörgen Raymond Tony Sedat
Samuel Rasmus Viktor Håkan Kjell Ola Lennart Ingvar Sören Robert Claes Ahmed Ali Mehmet
Fatima Amina Leila Mohammed Nadia Yusuf Zeynep Dragan Milan Antonella Ajda Menaid Lucy
"""
)

LAST_NAMES = _words(
    """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson
Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist
Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund
Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson
Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson
Nordström Mårtensson Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström Lund
Nordin Ström Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren
Abrahamsson Falk Martinsson Öberg Andreasson Strömberg Månsson Hansen Åkesson Dahl Lindholm
Norberg Holmqvist Brantmark Blixt Rahm Glinka Lexelius Söderholm Heghammar Biltmark Grahn
Tågsjö Fallmon Blomdahl Westerberg Ekblad Widerström Holmér Juhlin Hägg Freij Zackrisson
Kjellin Lundholm Sundqvist Ryberg Fager Nocic Dogru Pirrone Asgari Hassan Yilmaz Demir
"""
)

PARTIES = ["(S)", "(M)", "(C)", "(V)", "(KD)", "(L)", "(MP)", "(SD)"]

REGION_KOMMUNER: dict[str, list[str]] = {
    "Region Skåne": _words(
        "Malmö Helsingborg Lund Kristianstad Landskrona Trelleborg Ystad Eslöv Hässleholm "
        "Ängelholm Höganäs Bjuv Åstorp Klippan Perstorp Svalöv Simrishamn Sjöbo Tomelilla Höör "
        "Hörby Osby Bromölla Båstad Örkelljunga"
    ),
    "Region Stockholm": [
        *_words(
            "Stockholm Huddinge Botkyrka Salem Haninge Nynäshamn Tyresö Södertälje Värmdö Nacka "
            "Täby Österåker Vaxholm Vallentuna Danderyd Norrtälje Sollentuna Sigtuna Sundbyberg"
        ),
        "Upplands Väsby",
    ],
    "Region Uppsala": _words("Uppsala Enköping Håbo Tierp Älvkarleby Östhammar Knivsta Heby"),
    "Region Sörmland": _words(
        "Eskilstuna Nyköping Katrineholm Flen Gnesta Oxelösund Trosa Vingåker Strängnäs"
    ),
    "Region Östergötland": _words(
        "Linköping Norrköping Söderköping Valdemarsvik Motala Mjölby Vadstena Ödeshög Boxholm "
        "Åtvidaberg Kinda"
    ),
    "Region Jönköpings län": _words(
        "Jönköping Habo Mullsjö Vaggeryd Aneby Eksjö Nässjö Sävsjö Tranås Vetlanda Gislaved "
        "Gnosjö Värnamo"
    ),
    "Region Kalmar län": _words(
        "Kalmar Nybro Oskarshamn Västervik Vimmerby Borgholm Mörbylånga Torsås Emmaboda "
        "Hultsfred Högsby Mönsterås"
    ),
    "Region Gotland": ["Gotland"],
    "Region Blekinge": _words("Karlskrona Karlshamn Ronneby Sölvesborg Olofström"),
    "Region Halland": _words("Falkenberg Halmstad Hylte Kungsbacka Laholm Varberg"),
    "Västra Götalandsregionen": _words(
        "Göteborg Ale Kungälv Stenungsund Tjörn Lysekil Munkedal Sotenäs Tanum Strömstad "
        "Uddevalla Orust Färgelanda Borås Mark Svenljunga Tranemo Ulricehamn Bollebygd Alingsås "
        "Lerum Vårgårda Lidköping Grästorp Götene Vara Essunga Skara Skövde Falköping Tidaholm "
        "Hjo Tibro Karlsborg Mariestad Töreboda Gullspång Trollhättan Vänersborg Mellerud "
        "Bengtsfors Åmål Dals-Ed Lilla_Edet"
    ),
    "Region Värmland": _words(
        "Karlstad Arvika Eda Hammarö Kil Forshaga Grums Säffle Årjäng Torsby Sunne Hagfors "
        "Filipstad Kristinehamn Storfors Munkfors"
    ),
    "Region Örebro län": _words(
        "Örebro Kumla Hallsberg Askersund Laxå Lekeberg Lindesberg Nora Ljusnarsberg Hällefors "
        "Karlskoga Degerfors"
    ),
    "Region Västmanland": _words(
        "Västerås Köping Arboga Kungsör Fagersta Norberg Skinnskatteberg Sala Hallstahammar "
        "Surahammar"
    ),
    "Region Dalarna": _words(
        "Falun Borlänge Mora Orsa Älvdalen Gagnef Leksand Rättvik Vansbro Avesta Hedemora "
        "Ludvika Smedjebacken Säter Malung-Sälen"
    ),
    "Region Gävleborg": _words(
        "Gävle Sandviken Hofors Ockelbo Bollnäs Ovanåker Söderhamn Hudiksvall Nordanstig Ljusdal"
    ),
    "Region Västernorrland": _words(
        "Sundsvall Timrå Härnösand Kramfors Sollefteå Örnsköldsvik Ånge"
    ),
    "Region Jämtland Härjedalen": _words(
        "Östersund Krokom Åre Strömsund Ragunda Bräcke Berg Härjedalen"
    ),
    "Region Västerbotten": _words(
        "Umeå Skellefteå Norsjö Lycksele Malå Sorsele Storuman Vilhelmina Dorotea Åsele Vindeln "
        "Robertsfors Nordmaling Vännäs Bjurholm"
    ),
    "Region Norrbotten": _words(
        "Luleå Piteå Älvsbyn Boden Kalix Haparanda Kiruna Gällivare Jokkmokk Arjeplog "
        "Arvidsjaur Överkalix Övertorneå Pajala"
    ),
}

# Header layout of the sample protocols: A Söderåsen, B Östra Södertörn, C Blekinge, D Halland.
STYLE_BY_SLUG = {"soderasen": "A", "ostra-sodertorn": "B", "blekinge": "C", "halland": "D"}

# Member municipalities where the name does not tell them.
KOMMUNER_BY_SLUG: dict[str, list[str]] = {
    "soderasen": ["Bjuv", "Klippan", "Perstorp", "Åstorp", "Örkelljunga"],
    "ostra-sodertorn": ["Haninge", "Nynäshamn", "Tyresö"],
    "blekinge": ["Karlskrona", "Karlshamn", "Ronneby", "Sölvesborg", "Olofström"],
    "halland": ["Falkenberg", "Halmstad", "Hylte", "Kungsbacka", "Laholm", "Varberg"],
    "skane-nordost": ["Kristianstad", "Hässleholm", "Osby", "Bromölla"],
    "nnv-skane": ["Ängelholm", "Höganäs", "Båstad"],
    "mittskane": ["Eslöv", "Höör", "Hörby"],
    "sydostra-skane": ["Simrishamn", "Sjöbo", "Tomelilla", "Ystad"],
    "varna": ["Värmdö", "Nacka"],
    "roslagen": ["Täby", "Österåker", "Vaxholm", "Vallentuna", "Danderyd", "Norrtälje"],
    "ostra-ostergotland": ["Norrköping", "Söderköping", "Valdemarsvik"],
    "centrala-ostergotland": ["Linköping", "Åtvidaberg", "Kinda", "Boxholm"],
    "vastra-ostergotland": ["Motala", "Mjölby", "Vadstena", "Ödeshög"],
    "sodra-vatterbygden": ["Jönköping", "Habo", "Mullsjö", "Vaggeryd"],
    "hoglandet": ["Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"],
    "finnveden": ["Gislaved", "Gnosjö", "Värnamo"],
    "norra-bohuslan": ["Lysekil", "Munkedal", "Sotenäs", "Tanum", "Strömstad"],
    "vastra-malardalen": ["Köping", "Arboga", "Kungsör"],
    "norra-vastmanland": ["Fagersta", "Norberg", "Skinnskatteberg"],
    "norra-dalarna": ["Mora", "Orsa", "Älvdalen"],
    "nedansiljan": ["Gagnef", "Leksand", "Rättvik"],
    "vasterdalarna": ["Malung-Sälen", "Vansbro"],
    "sodra-lappland": ["Lycksele", "Malå", "Sorsele", "Åsele", "Storuman", "Dorotea"],
    "sodra-norrbotten": ["Luleå", "Piteå", "Älvsbyn"],
    "pyramis": ["Luleå"],
    "vast": _words("Uddevalla Orust Färgelanda Lysekil Munkedal Sotenäs Tanum Strömstad Mellerud"),
    "sjuharad": _words("Borås Bollebygd Mark Svenljunga Tranemo Ulricehamn"),
    "norra-dalsland": _words("Bengtsfors Dals-Ed Åmål"),
    "sodra-vanern": ["Trollhättan", "Vänersborg", "Lilla Edet", "Grästorp"],
    "sodra-dalarna": ["Avesta", "Hedemora"],
    "vastra-skaraborg": _words("Lidköping Grästorp Götene Vara Essunga Skara"),
    "ostra-skaraborg": _words("Skövde Falköping Tidaholm Hjo Tibro Karlsborg Mariestad Töreboda"),
    "rar-sormland": _words("Flen Gnesta Katrineholm Nyköping Oxelösund Trosa Vingåker"),
    "sydnarke": _words("Askersund Hallsberg Kumla Laxå Lekeberg"),
    "norra-orebro-lan": _words("Lindesberg Nora Ljusnarsberg Hällefors"),
    "samspelet": ["Karlstad"],
}

# Region per registry slug; förbund added later by users get a region by seeded chance.
REGION_BY_SLUG: dict[str, str] = {}
for _region, _slugs in {
    "Region Skåne": "soderasen skane-nordost helsingborg landskrona-svalov nnv-skane malmo "
    "mittskane sydostra-skane trelleborg lund",
    "Region Stockholm": "ostra-sodertorn stockholms-stad botkyrka-huddinge-och-salem sodertalje "
    "varna roslagen sollentuna-upplands-vasby-och-sigtuna sundbybergs-stad",
    "Region Uppsala": "uppsala-lan",
    "Region Sörmland": "rar-sormland",
    "Region Östergötland": "centrala-ostergotland ostra-ostergotland vastra-ostergotland",
    "Region Jönköpings län": "sodra-vatterbygden hoglandet finnveden",
    "Region Kalmar län": "kalmar-lan",
    "Region Gotland": "gotland",
    "Region Blekinge": "blekinge",
    "Region Halland": "halland",
    "Västra Götalandsregionen": "goteborg ale-kungalv-stenungsund-och-tjorn norra-bohuslan vast "
    "uddevalla-orust-och-fargelanda sjuharad insjoriket vastra-skaraborg ostra-skaraborg "
    "falkoping-tidaholm sodra-vanern trollhattan-lilla-edet-och-grastorp mellerud-vanersborg "
    "norra-dalsland",
    "Region Värmland": "varmland arvika-eda samspelet",
    "Region Örebro län": "sydnarke norra-orebro-lan",
    "Region Västmanland": "vastra-malardalen vasteras norra-vastmanland vastmanland",
    "Region Dalarna": "norra-dalarna nedansiljan vasterdalarna falun-borlange sodra-dalarna",
    "Region Gävleborg": "gavleborg",
    "Region Västernorrland": "ornskoldsvik harnosand-timra",
    "Region Jämtland Härjedalen": "jamtlands-lan",
    "Region Västerbotten": "umea sodra-lappland skelleftea-norsjo",
    "Region Norrbotten": "sodra-norrbotten pyramis",
}.items():
    for _slug in _slugs.split():
        REGION_BY_SLUG[_slug] = _region

# Nouns as "word:class". Classes: ar (-en/-ar/-arna), er (-en/-er/-erna), or (skola/skolan/
# skolor/skolorna), r (e-final common gender: -n/-r/-rna), n (e-final neuter: -t/-n/-na),
# 0 (neuter, plural unchanged: -et/-/-en), are (deltagare/-n/-/deltagarna), ier (strategi/-n/
# -er/-erna), u (no plural), or explicit "sg=def,pl,pldef".
NOUNS = _words(
    """
insats:er plan:er grupp:er team:0 arbete:n process:er modell:er utbildning:ar projekt:0 möte:n
rapport:er uppdrag:0 budget:ar avtal:0 strategi:ier resultat:0 samordnare:are handledare:are
ledare:are konferens:er nätverk:0 organisation:er förbund:0 stöd:0 beslut:0 dialog:er analys:er
uppföljning:ar utvärdering:ar kartläggning:ar genomlysning:ar verksamhet:er ram:ar mål:0
område:n fråga:or arena:or satsning:ar metod:er verktyg:0 tjänst:er kostnad:er intäkt:er
period:er rutin:er deltagare:are individ:er myndighet:er kommun:er region:er part:er
rehabilitering:ar arbetsmarknad:er försörjning:ar sysselsättning:ar styrelse:r ersättare:are
förbundschef:er ekonom:er dagordning:ar protokoll:0 paragraf:er bilaga:or förlängning:ar
upphandling:ar revision:er revisor:er årsredovisning:ar delårsrapport:er verksamhetsplan:er
förbundsordning:ar internkontroll:er riktlinje:r överenskommelse:r målgrupp:er arbetsgivare:are
arbetsplats:er praktik:er arbetsträning:ar studie:r coach:er handläggare:are socialtjänst:er
vårdcentral:er psykiatri:ier beroende:n jour:er kvinna:or ungdom:ar familj:er barn:0 språk:0
integration:er etablering:ar kompetens:er kunskap:er erfarenhet:er lärande:n forskning:ar
föreläsning:ar enkät:er statistik:er nyckeltal:0 indikator:er effekt:er nytta:or resurs:er
finansiering:ar medfinansiering:ar återflöde:n kapital:0 underskott:0 överskott:0 prognos:er
utfall:0 avvikelse:r tertial:0 halvår:0 kvartal:0 år:0 vecka:or månad:er dag:ar tid:er plats:er
lokal:er styrgrupp:er beredningsgrupp:er arbetsgrupp:er referensgrupp:er samverkan:u ohälsa:u
hälsa:u kansli=kansliet,kanslier,kanslierna medlem=medlemmen,medlemmar,medlemmarna
ledamot=ledamoten,ledamöter,ledamöterna ansökan=ansökan,ansökningar,ansökningarna
brottsoffer=brottsoffret,brottsoffer,brottsoffren seminarium=seminariet,seminarier,seminarierna
ordförande=ordföranden,ordförande,ordförandena medel=medlet,medel,medlen
behov:0 underlag:0 förslag:0 ärende:n handling:ar yttrande:n remiss:er skrivelse:r
processledare:are verksamhetsutvecklare:are utvärderare:are projektledare:are
enhet:er funktion:er roll:er struktur:er system:0 flöde:n spår:0 torg:0 mottagning:ar samtal:0
kurs:er träff:ar serie:r portal:er material:0 ersättning:ar bidrag:0 anslag:0 avgift:er andel:ar
nivå:er steg:0 fas:er kedja:or film:er guide:r center=centret,center,centren lots:ar
insamling:ar granskning:ar rekrytering:ar matchning:ar validering:ar introduktion:er
"""
)

# Compound modifiers in their linking form ("samverkans-" + "utbildning").
MODIFIERS = _words(
    """
samverkans rehabiliterings arbetsmarknads utbildnings verksamhets budget projekt uppföljnings
kompetens förbunds styrelse individ struktur försörjnings hälso ohälso arbetslivs socialtjänst
myndighets kommun region stöd insats deltagar handledar samordnings utvärderings kvalitets
ekonomi finansierings kunskaps metod resurs ungdoms familje integrations språk praktik
arbetstränings studie sjukskrivnings försäkrings psykiatri beroende vålds brottsoffer kris
jämställdhets mångfalds digitaliserings kommunikations informations utvecklings lednings
planerings process nätverks samråds berednings arbetsgivar medarbetar chefs forsknings
kartläggnings revisions delårs tertial halvårs års kvartals lärande etablerings coachnings
motivations aktiverings väglednings friskvårds skuld rekryterings
arbetslöshets aktivitets sjuk rehab samhälls välfärds omställnings inkluderings
sysselsättnings närvaro frånvaro boende bostads skol gymnasie vuxenutbildnings vårdcentrals
primärvårds habiliterings funktionshinder funktionsrätts neuropsykiatri civilsamhälles
förenings idrotts kultur fritids läns riks styr ansöknings besluts anställnings lönebidrags
introduktions validerings matchnings jobb arbets yrkes praktikplats mentor lots kurator
psykolog samtals grupp team konsultations koordinator hemmasittar missbruks skuldrådgivnings
"""
)

HYPHEN_MODIFIERS = ["ESF-", "FINSAM-", "EU-", "SIP-", "IPS-", "NNS-", "Finsam-", "NPF-", "SFI-"]

# Heads that combine well; a subset of NOUNS.
HEADS = _words(
    """
insats plan grupp team arbete process modell utbildning projekt möte rapport uppdrag budget
avtal strategi resultat samordnare handledare ledare konferens nätverk organisation stöd
beslut dialog analys uppföljning utvärdering kartläggning genomlysning verksamhet ram mål
område fråga arena satsning metod verktyg tjänst kostnad intäkt period rutin medel ansökan
överenskommelse riktlinje enkät statistik effekt resurs finansiering prognos seminarium
styrgrupp behov underlag förslag coach handläggare enhet funktion roll struktur system
flöde spår torg mottagning samtal kurs träff serie portal material ersättning bidrag anslag
avgift andel nivå steg fas kedja film guide center lots granskning rekrytering matchning
"""
)

ADJECTIVES = [
    ("gemensam", "gemensamt", "gemensamma"),
    ("långsiktig", "långsiktigt", "långsiktiga"),
    ("strukturövergripande", "strukturövergripande", "strukturövergripande"),
    ("individinriktad", "individinriktat", "individinriktade"),
    ("arbetslivsinriktad", "arbetslivsinriktat", "arbetslivsinriktade"),
    ("myndighetsgemensam", "myndighetsgemensamt", "myndighetsgemensamma"),
    ("samordnad", "samordnat", "samordnade"),
    ("regional", "regionalt", "regionala"),
    ("nationell", "nationellt", "nationella"),
    ("lokal", "lokalt", "lokala"),
    ("ekonomisk", "ekonomiskt", "ekonomiska"),
    ("förebyggande", "förebyggande", "förebyggande"),
    ("tidig", "tidigt", "tidiga"),
    ("hållbar", "hållbart", "hållbara"),
    ("fördjupad", "fördjupat", "fördjupade"),
    ("utökad", "utökat", "utökade"),
    ("positiv", "positivt", "positiva"),
    ("tydlig", "tydligt", "tydliga"),
    ("aktuell", "aktuellt", "aktuella"),
    ("psykisk", "psykiskt", "psykiska"),
    ("social", "socialt", "sociala"),
    ("medicinsk", "medicinskt", "medicinska"),
    ("digital", "digitalt", "digitala"),
    ("fysisk", "fysiskt", "fysiska"),
    ("ny", "nytt", "nya"),
    ("stor", "stort", "stora"),
    ("viktig", "viktigt", "viktiga"),
    ("strategisk", "strategiskt", "strategiska"),
    ("operativ", "operativt", "operativa"),
    ("kommunal", "kommunalt", "kommunala"),
    ("statlig", "statligt", "statliga"),
    ("preliminär", "preliminärt", "preliminära"),
    ("beviljad", "beviljat", "beviljade"),
    ("extern", "externt", "externa"),
    ("intern", "internt", "interna"),
    ("successiv", "successivt", "successiva"),
    ("god", "gott", "goda"),
    ("bred", "brett", "breda"),
    ("kvalitativ", "kvalitativt", "kvalitativa"),
    ("kvantitativ", "kvantitativt", "kvantitativa"),
    ("idéburen", "idéburet", "idéburna"),
    ("sammanhållen", "sammanhållet", "sammanhållna"),
    ("evidensbaserad", "evidensbaserat", "evidensbaserade"),
    ("kompetenshöjande", "kompetenshöjande", "kompetenshöjande"),
    ("uppsökande", "uppsökande", "uppsökande"),
]

VERBS_PAST = [
    *_words(
        """
presenterade redovisade föredrog lyfte diskuterade betonade beskrev konstaterade efterfrågade
sammanfattade föreslog undersökte genomförde startade avslutade utvärderade analyserade
kartlade förankrade prioriterade granskade godkände noterade påtalade underströk
"""
    ),
    "informerade om",
    "redogjorde för",
    "tog upp",
    "gick igenom",
    "tog ställning till",
]

VERBS_INF = [
    *_words(
        """
stärka utveckla samordna förbättra öka minska säkerställa tydliggöra stödja finansiera
genomföra förankra kartlägga synliggöra implementera sprida främja förebygga motverka
effektivisera utvärdera prioritera möjliggöra underlätta
"""
    ),
    "följa upp",
    "ta fram",
    "se över",
    "lyfta fram",
]

VERBS_PRES = [
    *_words(
        """
pågår fortlöper fortsätter utvecklas planeras genomförs redovisas behöver visar kräver
omfattar bidrar innebär stärker påverkar
"""
    ),
    "följs upp",
    "ligger till grund för",
    "har påbörjats",
    "har avslutats",
]

PREPOSITIONS = [
    "inom ramen för",
    "i samverkan med",
    "för",
    "av",
    "med",
    "till",
    "kring",
    "inom",
    "utifrån",
    "genom",
    "mellan",
    "under",
    "efter",
    "inför",
    "enligt",
    "avseende",
    "gällande",
    "i",
]

ORGS_FIXED = [
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "NNS",
    "SKR",
    "MUCF",
    "ESF-rådet",
    "Brottsofferjouren",
    "Nationella rådet",
    "ISF",
    "Socialstyrelsen",
    "Samhall",
    "Kriminalvården",
    "Polisen",
    "Länsstyrelsen",
    "Folkhälsomyndigheten",
    "Coompanion",
    "Nationella nätverket för samordningsförbund",
    "Sveriges Kommuner och Regioner",
]

ROLES = [
    "förbundschef",
    "processledare",
    "verksamhetsutvecklare",
    "ekonom",
    "utvärderare",
    "samverkansstrateg",
    "projektledare",
    "biträdande förbundschef",
    "administratör",
    "samordnare",
    "kommunikatör",
    "controller",
    "handläggare",
    "enhetschef",
]

TARGETS = [
    "unga som varken arbetar eller studerar",
    "personer med psykisk ohälsa",
    "långtidssjukskrivna",
    "personer med försörjningsstöd",
    "utrikesfödda kvinnor",
    "nyanlända",
    "unga vuxna med neuropsykiatriska funktionsnedsättningar",
    "personer i behov av samordnade insatser",
    "personer som står långt från arbetsmarknaden",
    "personer med beroendeproblematik",
    "våldsutsatta kvinnor",
    "brottsoffer",
    "personer med aktivitetsersättning",
    "arbetssökande med funktionsnedsättning",
]

GROUPS = [
    "beredningsgruppen",
    "styrgruppen",
    "utvecklingsgruppen",
    "den regionala styrgruppen",
    "arbetsutskottet",
    "presidiet",
    "lokala samverkansgruppen",
    "medlemssamrådet",
    "ledningsgruppen",
    "referensgruppen",
    "NNS styrelse",
    "Nationella rådet",
]

PROJECT_STEMS = [
    *_words(
        """
Lumena Conecto Satsa Nextstep OSSI Akademi Vidare Steget Brobygget Navet Språngbrädan
Kompassen Framsteget Arena Motivation Vägen Ankaret Trappan Nystart Balans Fokus Hållbar
Mosaik Pilen Bryggan Startpunkt Resursrådet Jobbspåret Livslust Jobbverket Kraftverket
Insikt Mötesplatsen Plattformen Utsikt Horisont Fyren Ledstången Pusslet
"""
    ),
    "Gemensam Kraft",
    "Unga In",
    "Vägen Vidare",
    "Steg för steg",
]

STREETS = [
    *_words(
        """
Storgatan Kungsgatan Skolgatan Rådhusgatan Drottninggatan Järnvägsgatan Stationsgatan
Torggatan Kyrkogatan Parkgatan Rudsjöterrassen Stadshusgatan Hamngatan Nygatan
Bangårdsgatan Fabriksgatan
"""
    ),
    "Södra Vägen",
    "Norra Vägen",
    "Östra Storgatan",
    "Västra Vallgatan",
]

VENUES = [
    "Folkets Hus",
    "Stadshuset",
    "Kommunhuset",
    "Rådhuset",
    "förbundets kansli",
    "Teams",
    "Kulturhuset",
    "Medborgarhuset",
    "Regionens hus",
    "Arbetsförmedlingens lokaler",
]

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag"]
SEASONS = ["våren", "hösten", "sommaren", "vintern", "första halvåret", "andra halvåret"]

FURNITURE = "          Justerare         Utdragsbestyrkande    "

OPENING_TITLES = [
    ["Mötets öppnande", "Sammanträdet öppnas", "Mötet öppnas", "Ordförande öppnar mötet"],
    ["Val av justerare", "Val av justeringsperson", "Val av protokollsjusterare"],
    [
        "Godkännande av dagordning",
        "Godkännande av dagordningen",
        "Fastställande av dagordning",
        "Förslag till dagordning",
    ],
    ["Föregående protokoll", "Föregående mötesprotokoll", "Genomgång av föregående protokoll"],
]
CLOSING_TITLES = [
    ["Övrigt", "Övriga frågor", "Meddelanden", "Konferenser, seminarier och återrapporter"],
    ["Nästa möte", "Kommande möten", "Mötesplan {next}"],
    ["Mötets avslutande", "Avslutning", "Mötet avslutas", "Sammanträdet avslutas"],
]
TOPIC_TITLES = [
    "Ekonomisk uppföljning",
    "Ekonomisk uppföljning {month} {year}",
    "Ekonomi och intern kontroll",
    "Verksamhetsplan och budget {next}",
    "Verksamhetsplan {next} med budget {next}-{next2}",
    "Delårsrapport {year}",
    "Årsredovisning {prev}",
    "Tertialrapport {t} {year}",
    "Förbundschefen informerar",
    "Kansliet rapporterar",
    "Information från förbundschefen",
    "Ansökan om medel: {proj}",
    "Ansökan om förlängning av {proj}",
    "{proj} – lägesrapport",
    "Uppföljning av {proj}",
    "Extern genomlysning av {nd}",
    "Förslag till gemensam upphandling för extern genomlysning",
    "Revidering av förbundsordning",
    "Ny förbundsordning",
    "Internkontrollplan {year}",
    "Uppföljning av intern kontroll",
    "Delegationsordning",
    "Anmälan av delegationsbeslut",
    "NNS – vad har hänt sen sist?",
    "Ombud NNS medlemsmöte",
    "Samverkansutbildning {season} {year}",
    "Handledarutbildning",
    "ESF-projekt {proj}",
    "Ansökan till ESF-rådet",
    "Attestordning {year}",
    "Val av firmatecknare",
    "Revisionsrapport {prev}",
    "Granskning av {nd}",
    "SIP – samordnad individuell plan",
    "Rapport från beredningsgruppen",
    "Brottsofferjouren – dialog om samverkan",
    "UVAS – unga som varken arbetar eller studerar",
    "Genomgång och presentation av {proj}",
    "Budgetram för {np} {next}",
    "Uppföljning av {np}",
    "Information om {nd}",
    "Redovisning av {nd}",
    "Medelstilldelning {next}",
    "Policy för gåvor och representation",
    "Arbetsmiljö {year}",
    "Dataskyddsombud och GDPR",
    "Dokumenthanteringsplan",
    "Kommunikationsplan {year}",
    "Omvärldsbevakning",
    "Samverkan med {org}",
    "Resultat av arbetsplatsundersökning {year}",
    "Lärande genomlysning av {np}",
    "Utökning av budgetram för {np}",
]

GOAL_TITLES = [
    "Ökad samverkan",
    "Behålla och utöka nätverk",
    "Inkluderande arbetsliv",
    "Omvärldsbevakning",
    "Påverkansarbete",
    "Värdegrund i processer",
    "Kompetensutveckling",
    "Långsiktig integrerad samverkan",
    "Budget enligt NNS riktlinjer",
    "Akademi {short}",
    "Öka kunskapen om {name}",
    "Individinriktade insatser",
    "Strukturövergripande insatser",
    "Tidiga insatser för unga",
    "Arbetsgivarsamverkan",
    "Hållbar ekonomi",
    "Uppföljning och utvärdering",
    "Kommunikation och spridning",
    "Jämställdhet och mångfald",
]

DECISIONS = [
    "godkänna dagordningen",
    "lägga informationen till handlingarna",
    "tacka för informationen",
    "godkänna föregående protokoll",
    "bevilja {proj} {amt} för {next}",
    "fastställa verksamhetsplan och budget för {next}",
    "återremittera ärendet till kansliet",
    "anta reviderad förbundsordning och överlämna den till medlemmarna för beslut",
    "uppdra åt förbundschefen att {inf} {nd} och återkomma till styrelsen",
    "godkänna delårsrapporten för {year}",
    "godkänna årsredovisningen för {prev}",
    "utse {per} att tillsammans med ordföranden justera protokollet",
    "anta internkontrollplan för {year}",
    "godkänna attestordningen",
    "delfinansiera den externa genomlysningen med {amt}",
    "avslå ansökan om medel för {proj}",
    "förlänga {proj} till och med {date}",
    "ge kansliet i uppdrag att ta fram ett underlag om {np}",
    "godkänna ansökan till ESF-rådet för {proj}",
    "utöka ramen för {np} till {amt}",
]

BULLETS = [
    "Minst {num} kompetenshöjande aktiviteter ska erbjudas under året",
    "{Cap_np} ska ha deltagare från alla medlemsorganisationer",
    "Varje utförd aktivitet ska utvärderas efter syfte och mål",
    "{Cap_adjp} {np} för {target}",
    "{Cap_nd} har genomförts enligt plan",
    "{pct} av deltagarna har gått vidare till arbete eller studier",
    "Handlingsplan",
    "Kartläggning",
    "Slutdokumentation",
    "Statistikfil",
    "Manual",
    "Dialog med {org} om {nd}",
    "{Cap_inf} {nd} i samverkan med {org}",
    "Utbildning i SIP för {np}",
    "Samverkansutbildning för chefer och handläggare",
    "{num} nätverksmöten och {num2} handledarutbildningar",
    "{Cap_c}",
    "{Cap_c} och {c}",
]

SENTENCES = [
    "{staffrole}, informerade om {nd} och {nd} inom {proj}.",
    "Under {season} har {nd} fortsatt enligt plan och {num} deltagare har varit inskrivna.",
    "{org} lyfte behovet av {adjp} {np} för att {inf} {nd}.",
    "Styrelsen diskuterade {nd} och ser positivt på att kansliet undersöker möjligheterna "
    "till {c}.",
    "Kostnaden beräknas uppgå till {amt} och fördelas proportionellt mellan parterna.",
    "Förbundschefen redogjorde för {nd} samt för {adjp} {np} inom ramen för {proj}.",
    "Syftet med {nd} är att {inf} {nd} och att {inf} {np} för målgruppen.",
    "Det finns ett stort behov av att {inf} samverkan kring {np}, särskilt för {target}.",
    "{num} personer deltog och representanter fanns från {org} och {kom}.",
    "Ansökan till ESF avser {proj} med en total budget om {amt} för perioden {year}–{next}.",
    "En extern genomlysning av {nd} ska genomföras under {season} {year}.",
    "Frågan om {c} kommer att lyftas i {group} den {date}.",
    "Utvärderingen visar att {pct} av deltagarna har gått vidare till arbete eller studier.",
    "{org} har tagit kontakt med förbundet angående {np}.",
    "Enligt förbundsordningen ska {nd} redovisas till medlemmarna senast den {date}.",
    "Arbetet sker i samverkan med {org} och inom ramen för NNS.",
    "Deltagarna i {proj} har genomgått {c} och {c}.",
    "Målgruppen är unga som varken arbetar eller studerar (UVAS) samt {target}.",
    "MUCF:s statistik visar att {num} unga i {kom} varken arbetar eller studerar.",
    "Samordnad individuell plan (SIP) ska användas i högre utsträckning i {np}.",
    "Brottsofferjouren i {kom} upplever ett ökat tryck och behovet av stöd till brottsoffer "
    "är stort.",
    "Dialogen omfattar även civilsamhällesfrågor och stöd till utrikesfödda.",
    "Handledarutbildningen genomfördes i {kom} med {num} deltagare från {org}.",
    "Samverkansutbildningen startar under {season} {year} och anmälningar har börjat komma in.",
    "Försäkringskassans avsikt är att meddela slutligt beslut om medelstilldelningen senast "
    "vecka {week}.",
    "Preliminär fördelning för {next} innebär en förändring av förbundets budget med {amt}.",
    "Nuvarande prognos visar ett återflöde på {amt} från {np}.",
    "Processen för internkontroll {year} är påbörjad och en plan presenteras vid nästa möte.",
    "Kansliet har tagit fram ett utkast till ny förbundsordning som följer mallen från "
    "Nationella rådet.",
    "Revisorerna {past} {nd} och lämnade synpunkter på {np}.",
    "Verksamhetsplanen för {next} ska fokusera på {np} och {adjp} {np}.",
    "Arbetsförmedlingen informerade om förändringar i {nd} och hur de påverkar {np}.",
    "Det kan handla om allt från synergieffekter av att samnyttja {np} till att genomföra "
    "{np} utifrån gemensamma behov.",
    "(Ärendet behandlades efter § {sec} i enlighet med justerad dagordning.)",
    "Se bilaga {num} för {nd}.",
    "Den {date} hölls en gemensam heldag med {org} och {group}.",
    "Ungefär {pct} svarade ja på frågorna och resten svarade delvis.",
    "Ord som kunskap, hopp och inspiration inkom när deltagarna fick beskriva {nd}.",
    "Region {regionshort} och {kom} har framfört önskemål om {adjp} {np}.",
    "{Cap_nd} {pres} och {nd} {pres}.",
    "{Cap_adjp} {np} {pres} {prep} {nd}.",
    "{org} {past} {nd} {prep} {np}.",
    "{Cap_c} {pres} {prep} {c}.",
    "{Cap_nd} {prep} {nd} {pres} {prep} {adjp} {np}.",
    "Det är viktigt att {inf} {nd} {prep} {c} och {c}.",
    "{per} {past} {nd} och {c}.",
    "Kansliet {past} {nd} {prep} {org}.",
    "Styrelsen {past} {c} och {nd}.",
    "Förbundet ska {inf} {np} {prep} {adjp} {np}.",
    "{Cap_np} {prep} {kom} {pres} {prep} {c}.",
    "Insatsen syftar till arbetslivsinriktad rehabilitering och en väg tillbaka till "
    "arbetsmarknaden för {target}.",
    "{num} grundkurser i försäkringsmedicin och samordnad rehabilitering har genomförts.",
    "Revisionen av {prev} års räkenskaper har genomförts av förtroendevalda revisorer.",
    "Läget på arbetsmarknaden i {kom} påverkar {np} och {nd}.",
    "Förbundet har under året bedrivit verksamhet för {amt} och finansierat {num} insatser.",
    "Genomlysningen ska ge svar på möjliga vägar till samverkan mellan förbunden i {regionshort}.",
    "Dialog pågår med {org} om rehabilitering för {target} och om {c}.",
    "Förbundets egna kapital uppgick vid årets slut till {amt}.",
]

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


def _noun_forms(entry: str) -> tuple[str, str, str, str]:
    """(indefinite, definite, plural, plural definite) of a NOUNS entry."""
    if "=" in entry:
        word, rest = entry.split("=")
        defi, pl, pld = rest.split(",")
        return word, defi, pl, pld
    word, cls = entry.split(":")
    if cls == "ar":
        return word, word + "en", word + "ar", word + "arna"
    if cls == "er":
        return word, word + "en", word + "er", word + "erna"
    if cls == "or":
        stem = word[:-1]
        return word, word + "n", stem + "or", stem + "orna"
    if cls == "r":
        return word, word + "n", word + "r", word + "rna"
    if cls == "n":
        return word, word + "t", word + "n", word + "na"
    if cls == "0":
        return word, word + "et", word, word + "en"
    if cls == "are":
        return word, word + "n", word, word[:-1] + "na"
    if cls == "ier":
        return word, word + "n", word + "er", word + "erna"
    if cls == "u":
        return word, word + ("n" if word.endswith("a") else ""), word, word
    raise ValueError(entry)


def _genitive(word: str) -> str:
    return word if word[-1] in "sxz" else word + "s"


def _zipf_cum(n: int, offset: float = 8.0, exponent: float = 1.0) -> list[float]:
    total = 0.0
    cum = []
    for rank in range(n):
        total += 1.0 / (rank + offset) ** exponent
        cum.append(total)
    return cum


@dataclass
class Vocab:
    """Word pools shared by all documents; built once from the seed."""

    nouns: list[str]  # every form of simple nouns and compounds, Zipf-ordered
    nouns_cum: list[float]
    nouns_def: list[str]  # singular definite forms, Zipf-ordered
    nouns_def_cum: list[float]
    nouns_pl: list[str]
    nouns_pl_cum: list[float]
    compounds: list[str]
    compounds_cum: list[float]
    templates: list[tuple[tuple[bool, str], ...]]
    templates_cum: list[float]


_TEMPLATE_CACHE: dict[str, tuple[tuple[bool, str], ...]] = {}


def _parse_template(text: str) -> tuple[tuple[bool, str], ...]:
    cached = _TEMPLATE_CACHE.get(text)
    if cached is not None:
        return cached
    parts: list[tuple[bool, str]] = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        if literal:
            parts.append((False, literal))
        if name is not None:
            parts.append((True, name))
    result = tuple(parts)
    _TEMPLATE_CACHE[text] = result
    return result


def build_vocab(seed: int) -> Vocab:
    rng = random.Random(seed * 7_919 + 17)
    simple = [_noun_forms(e) for e in NOUNS]
    head_forms = {f[0]: f for f in simple if f[0] in HEADS}
    compounds: list[tuple[str, str, str, str]] = []
    for mod in MODIFIERS:
        for head in HEADS:
            if head not in head_forms or mod.startswith(head[:5]):
                continue
            h = head_forms[head]
            compounds.append(tuple(mod + x for x in h))  # type: ignore[arg-type]
    for mod in HYPHEN_MODIFIERS:
        for head in (
            "projekt",
            "medel",
            "ansökan",
            "plan",
            "insats",
            "samordnare",
            "utbildning",
            "team",
            "rapport",
            "budget",
            "möte",
            "verksamhet",
            "kartläggning",
            "stöd",
        ):
            if head in head_forms:
                compounds.append(tuple(mod + x for x in head_forms[head]))  # type: ignore[arg-type]
    rng.shuffle(compounds)
    # A few compounds a real corpus uses a lot go first.
    favourites = [
        "samverkansutbildning",
        "handledarutbildning",
        "samverkansmöte",
        "rehabiliteringsinsats",
        "arbetsmarknadsinsats",
        "ESF-projekt",
        "FINSAM-plan",
        "individinsats",
        "förbundsbudget",
        "verksamhetsuppföljning",
    ]
    fav = [c for c in compounds if c[0] in favourites]
    rest = [c for c in compounds if c[0] not in favourites]
    compounds = fav + rest

    ordered_simple = simple[:]
    rng.shuffle(ordered_simple)
    # interleave: simple nouns dominate the head of the distribution, compounds the tail
    lemmas = ordered_simple[:60] + compounds[:40] + ordered_simple[60:] + compounds[40:]

    all_forms: list[str] = []
    defs: list[str] = []
    pls: list[str] = []
    for indef, defi, pl, pld in lemmas:
        all_forms.extend((indef, defi, pl, pld))
        defs.append(defi)
        pls.append(pl)
        if rng.random() < 0.35:
            all_forms.append(_genitive(defi))
        if rng.random() < 0.15:
            all_forms.append(_genitive(pld))
    all_forms = list(dict.fromkeys(all_forms))
    comp_forms = list(dict.fromkeys(x for c in compounds for x in c))
    templates = [_parse_template(t) for t in SENTENCES]
    # Templates with many slots vary a lot; nearly fixed sentences must stay rare.
    weights = [max(0.2, float(sum(1 for is_slot, _ in t if is_slot)) - 0.8) for t in templates]
    templates_cum = []
    running = 0.0
    for w in weights:
        running += w
        templates_cum.append(running)
    return Vocab(
        nouns=all_forms,
        nouns_cum=_zipf_cum(len(all_forms), 12.0),
        nouns_def=defs,
        nouns_def_cum=_zipf_cum(len(defs), 6.0),
        nouns_pl=pls,
        nouns_pl_cum=_zipf_cum(len(pls), 6.0),
        compounds=comp_forms,
        compounds_cum=_zipf_cum(len(comp_forms), 20.0, 0.9),
        templates=templates,
        templates_cum=templates_cum,
    )


# ---------------------------------------------------------------------------------------------
# Förbund profiles
# ---------------------------------------------------------------------------------------------


@dataclass
class Person:
    name: str
    party: str | None
    org: str
    role: str


@dataclass
class Profile:
    name: str
    slug: str
    aliases: list[str]
    region: str
    kommuner: list[str]
    city: str
    address: str
    style: str  # "A" Söderåsen, "B" Östra Södertörn, "C" Blekinge, "D" Halland
    running_numbers: bool
    heading_nospace: float
    heading_double: float
    width: int
    members: list[Person]
    alternates: list[Person]
    staff: list[Person]
    projects: list[str]
    short: str
    weight: float = 1.0


def kommun_org(name: str) -> str:
    if name in ("Stockholm", "Göteborg", "Malmö", "Helsingborg", "Sundbyberg"):
        return f"{_genitive(name) if name != 'Malmö' else name} stad"
    if name == "Gotland":
        return "Region Gotland"
    if name[-1] in "aeiouyåäö":
        return f"{name} kommun"
    return f"{_genitive(name)} kommun"


def load_registry(path: Path = REGISTRY, limit: int = MAX_FORBUND) -> list[dict]:
    with path.open("rb") as fh:
        entries = tomllib.load(fh)["forbund"]
    return entries[:limit]


def _person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.08:
            second = rng.choice(LAST_NAMES)
            if not name.endswith(second):
                name = f"{name} {second}"
        if name not in used:
            used.add(name)
            return name


def build_profiles(entries: list[dict], seed: int) -> list[Profile]:
    profiles = []
    regions = sorted(REGION_KOMMUNER)
    for idx, entry in enumerate(entries):
        rng = random.Random(seed * 104_729 + idx * 31 + 7)
        slug = entry["slug"]
        region = REGION_BY_SLUG.get(slug) or rng.choice(regions)
        pool = REGION_KOMMUNER[region]
        named = [k for k in pool if re.search(rf"(?<!\w){re.escape(k)}s?(?!\w)", entry["name"])]
        if " län" in entry["name"] or region.endswith(tuple(entry["name"].split()[-1:])):
            named = pool[:]  # a county-wide förbund: every municipality is a member
        kommuner = (
            KOMMUNER_BY_SLUG.get(slug)
            or named
            or rng.sample(pool, min(len(pool), rng.randint(1, 6)))
        )
        city = kommuner[0]
        used: set[str] = set()
        orgs = [kommun_org(k) for k in kommuner] + [
            region,
            "Försäkringskassan",
            "Arbetsförmedlingen",
        ]
        members = []
        for org in orgs:
            political = org not in ("Försäkringskassan", "Arbetsförmedlingen")
            members.append(
                Person(
                    _person(rng, used), rng.choice(PARTIES) if political else None, org, "ledamot"
                )
            )
        rng.shuffle(members)
        members[0].role = "ordförande"
        members[1].role = "vice ordförande"
        alternates = [
            Person(
                _person(rng, used),
                rng.choice(PARTIES) if rng.random() < 0.7 else None,
                rng.choice(orgs),
                "ersättare",
            )
            for _ in range(rng.randint(3, 7))
        ]
        staff = [Person(_person(rng, used), None, entry["name"], "förbundschef")]
        for role in rng.sample(ROLES[1:], rng.randint(2, 4)):
            staff.append(Person(_person(rng, used), None, entry["name"], role))
        projects = rng.sample(PROJECT_STEMS, rng.randint(4, 9))
        projects += [
            "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(3, 5)))
            for _ in range(rng.randint(1, 3))
        ]
        style = STYLE_BY_SLUG.get(slug) or rng.choices("ABCD", weights=(4, 3, 2, 2))[0]
        profiles.append(
            Profile(
                name=entry["name"],
                slug=slug,
                aliases=list(entry.get("aliases") or [entry["name"]]),
                region=region,
                kommuner=kommuner,
                city=city,
                address=f"{rng.choice(STREETS)} {rng.randint(1, 60)}, "
                f"{rng.randint(100, 984)} {rng.randint(10, 99)} {city}",
                style=style,
                running_numbers=rng.random() < 0.4,
                heading_nospace=0.9 if style == "C" else rng.choice((0.0, 0.03, 0.1)),
                heading_double=0.5 if style == "D" else rng.choice((0.0, 0.05)),
                width=rng.randint(78, 96),
                members=members,
                alternates=alternates,
                staff=staff,
                projects=projects,
                short=slug.split("-")[0].upper()[:6],
                weight=rng.uniform(0.4, 2.2),
            )
        )
    return profiles


# ---------------------------------------------------------------------------------------------
# Document writer
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocSpec:
    index: int
    forbund: int
    date: dt.date
    kind: str  # "protokoll" or "rapport"
    report: str = ""  # "T1", "T2", "delar", "ar"


def fmt_amount(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class Writer:
    """Writes one document with its own random generator."""

    def __init__(self, vocab: Vocab, profile: Profile, spec: DocSpec, seed: int) -> None:
        self.v = vocab
        self.p = profile
        self.spec = spec
        self.rng = random.Random(seed * 1_000_003 + spec.index)
        self.year = spec.date.year
        self.buffers: dict[str, list[str]] = {}
        self.lines: list[str] = []
        self.sections = 0
        self.lines_on_page = 0
        self.slots: dict[str, Callable[[], str]] = {
            "n": lambda: self._draw("n", self.v.nouns, self.v.nouns_cum),
            "nd": lambda: self._draw("nd", self.v.nouns_def, self.v.nouns_def_cum),
            "np": lambda: self._draw("np", self.v.nouns_pl, self.v.nouns_pl_cum),
            "c": lambda: self._draw("c", self.v.compounds, self.v.compounds_cum),
            "adjp": lambda: self.rng.choice(ADJECTIVES)[2],
            "org": self._org,
            "per": lambda: self._someone().name,
            "role": lambda: self.rng.choice(ROLES),
            "staffrole": self._staff_role,
            "proj": lambda: self.rng.choice(self.p.projects),
            "date": self._date_text,
            "num": lambda: str(int(self.rng.paretovariate(1.2) * 4)),
            "num2": lambda: str(self.rng.randint(2, 12)),
            "amt": self._amount_text,
            "pct": lambda: f"{self.rng.randint(5, 95)} %",
            "year": lambda: str(self.year),
            "next": lambda: str(self.year + 1),
            "next2": lambda: str(self.year + 2),
            "prev": lambda: str(self.year - 1),
            "season": lambda: self.rng.choice(SEASONS),
            "month": lambda: self.rng.choice(MONTHS),
            "week": lambda: str(self.rng.randint(2, 50)),
            "target": lambda: self.rng.choice(TARGETS),
            "group": lambda: self.rng.choice(GROUPS),
            "kom": lambda: self.rng.choice(self.p.kommuner),
            "inf": lambda: self.rng.choice(VERBS_INF),
            "past": lambda: self.rng.choice(VERBS_PAST),
            "pres": lambda: self.rng.choice(VERBS_PRES),
            "prep": lambda: self.rng.choice(PREPOSITIONS),
            "sec": lambda: str(self.rng.randint(1, 60)),
            "t": lambda: str(self.rng.randint(1, 3)),
            "regionshort": lambda: self.p.region.replace("Region ", "").split()[0],
            "short": lambda: self.p.short,
            "name": lambda: self.p.name,
        }

    # -- sampling helpers ---------------------------------------------------------------------

    def _draw(self, key: str, items: list, cum: list[float]):
        buf = self.buffers.get(key)
        if not buf:
            buf = self.rng.choices(items, cum_weights=cum, k=256)
            self.buffers[key] = buf
        return buf.pop()

    def _org(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice(ORGS_FIXED[:8])
        if r < 0.75:
            return kommun_org(self.rng.choice(self.p.kommuner))
        if r < 0.85:
            return self.p.region
        return self.rng.choice(ORGS_FIXED)

    def _staff_role(self) -> str:
        person = self.rng.choice(self.p.staff)
        return f"{person.name}, {person.role}"

    def _someone(self) -> Person:
        pool = self.rng.choice((self.p.members, self.p.staff, self.p.alternates))
        return self.rng.choice(pool)

    def _date_text(self) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)}"

    def _amount_text(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"{self.rng.randint(20, 900)} tkr"
        if r < 0.8:
            return f"{fmt_amount(self.rng.randint(10, 4000) * 1000)} kr"
        return f"{self.rng.randint(1, 25)},{self.rng.randint(0, 9)} miljoner kronor"

    def fill(self, template: tuple[tuple[bool, str], ...], cap: bool = True) -> str:
        out = []
        slots = self.slots
        for is_slot, value in template:
            if not is_slot:
                out.append(value)
            elif value.startswith("Cap_"):
                word = slots[value[4:]]()
                out.append(word[:1].upper() + word[1:])
            else:
                out.append(slots[value]())
        text = "".join(out)
        return text[:1].upper() + text[1:] if cap else text

    def fill_text(self, text: str, cap: bool = True) -> str:
        return self.fill(_parse_template(text), cap)

    def sentence(self) -> str:
        return self.fill(self._draw("tmpl", self.v.templates, self.v.templates_cum))

    # -- line output ----------------------------------------------------------------------------

    def emit(self, line: str = "") -> None:
        self.lines.append(line)
        self.lines_on_page += 1
        if (
            self.lines_on_page > 48
            and self.p.style in "AB"
            and self.spec.kind == "protokoll"
            and self.rng.random() < 0.3
        ):
            self.lines.append(FURNITURE)
            self.lines.append(" ")
            self.lines_on_page = 0

    def blank(self) -> None:
        self.emit(self.rng.choice((" ", "", " ", "  ")))

    def paragraph(self, n_sentences: int) -> None:
        text = " ".join(self.sentence() for _ in range(n_sentences))
        width = self.p.width
        while len(text) > width:
            cut = text.rfind(" ", 0, width)
            if cut <= 0:
                cut = width
            self.emit(text[:cut] + " ")
            text = text[cut + 1 :]
        self.emit(text + " ")

    def bullets(self) -> None:
        mark = self.rng.choice(("• ", "• ", "- ", " - "))
        for _ in range(self.rng.randint(3, 7)):
            self.emit(mark + self.fill_text(self.rng.choice(BULLETS)) + " ")
            if mark == "• " and self.rng.random() < 0.4:
                self.emit(" ")

    def budget_table(self) -> None:
        rng = self.rng
        y = self.year
        self.emit("Prognos Budget")
        self.emit("")
        self.emit(f"INTÄKTER {y} {y + 1}")
        self.emit("")
        self.emit("Medlemsavgifter:")
        self.emit("")
        total_a = total_b = 0
        state = rng.randint(900, 12000) * 1000
        rows = [("Staten", state), (self.p.region, state // 2)]
        share = state // 2
        for kommun in self.p.kommuner:
            pct = rng.randint(1, 9)
            rows.append((f"{kommun_org(kommun)}, {pct}%", share * pct // 40))
        for label, amount in rows:
            nxt = int(amount * rng.uniform(0.95, 1.06))
            total_a += amount
            total_b += nxt
            self.emit(
                f"{label} {fmt_amount(amount)}{' ' * rng.randint(3, 14)}{fmt_amount(nxt)}"
                f"{' ' * rng.randint(0, 24)}"
            )
            self.emit("")
        self.emit(
            f"Summa intäkter medlemsavgifter {fmt_amount(total_a)}           {fmt_amount(total_b)}"
        )
        self.emit("")
        self.emit("UTGIFTER ")
        spent_a = spent_b = 0
        for proj in rng.sample(self.p.projects, min(len(self.p.projects), rng.randint(2, 6))):
            a = rng.randint(50, 5000) * 1000
            b = int(a * rng.uniform(0.6, 1.2))
            spent_a += a
            spent_b += b
            self.emit(f"{proj} {fmt_amount(a)}                 {fmt_amount(b)}")
            self.emit("")
        self.emit(f"Utgifter insatser {fmt_amount(spent_a)}           {fmt_amount(spent_b)} ")
        result_a, result_b = total_a - spent_a, total_b - spent_b
        self.emit(
            f"Resultat {fmt_amount(abs(result_a))}{'-' if result_a < 0 else ''}         "
            f"{fmt_amount(abs(result_b))}{'-' if result_b < 0 else ''}    "
        )

    def decision(self, number: int) -> None:
        rng = self.rng
        text = self.fill_text(rng.choice(DECISIONS), cap=False)
        style = self.p.style
        r = rng.random()
        self.blank()
        if style == "C":
            self.emit("Styrelsen beslutade:")
            self.emit(f"Beslut {self.year}-{self.extra_nr} §{number:02d}:{rng.randint(1, 2)}")
            self.emit(f"Att {text}.")
            return
        if r < 0.35:
            self.emit(rng.choice(("Beslut.", "Beslut", " Beslut. ", "Beslut:")))
            self.emit(f"Styrelsen beslutar att {text}. ")
        elif r < 0.6:
            self.emit("Styrelsen beslutar: ")
            self.blank()
            self.emit(f"Att {text}. ")
        elif r < 0.8:
            self.emit("Förslag till beslut: ")
            self.emit(f"Styrelsen föreslås besluta att {text}. ")
            self.blank()
            self.emit("Beslut: ")
            self.emit("Styrelsen beslutar enligt förslaget. ")
        else:
            self.emit("Styrelsen föreslås besluta: ")
            self.blank()
            self.emit(f"Att {text}. ")
            self.blank()
            self.emit("Styrelsen beslutar: ")
            self.blank()
            self.emit(f"Styrelsen beslutar att {text}. ")

    # -- protocol -----------------------------------------------------------------------------

    @property
    def extra_nr(self) -> int:
        return max(1, (self.spec.date.month + 1) // 2)

    def _member_line(self, person: Person, style: str) -> str:
        role = person.role
        if style == "B":
            party = f" {person.party}" if person.party else ""
            suffix = "" if role in ("ledamot", "ersättare") else f", {role}"
            return f"{person.name}{party} {person.org}{suffix}  "
        if style == "D":
            return f"{person.name}, {person.org} "
        return f"{person.name}, {role}, {person.org}. "

    def header_protocol(self, first: int, last: int) -> None:
        p, rng, d = self.p, self.rng, self.spec.date
        nr = self.extra_nr
        iso = d.isoformat()
        alias = rng.choice(p.aliases)
        secretary = p.staff[0].name
        chair = p.members[0].name
        adjuster = rng.choice(p.members[1:]).name
        attending = p.members[:2] + [m for m in p.members[2:] if rng.random() < 0.85]
        absent = [m for m in p.members if m not in attending]
        if p.style == "A":
            self.emit(f" Sammanträdesprotokoll nr {nr}  {iso} ")
            for _ in range(rng.randint(2, 4)):
                self.blank()
            start = rng.randint(8, 14)
            self.emit(f"Plats och tid  {p.address} kl {start}-{start + rng.randint(1, 4)} ")
            self.blank()
            self.emit(f"Beslutande  {self._member_line(attending[0], 'A')}")
            for m in attending[1:]:
                self.emit(self._member_line(m, "A"))
            for a in p.alternates[: rng.randint(1, len(p.alternates))]:
                self.emit(self._member_line(a, "A"))
            self.blank()
            self.emit("Övriga närvarande  ")
            for s in p.staff[1:]:
                self.emit(f"{s.name}, {s.role} ")
            self.blank()
            if absent:
                self.emit(f"Anmält förhinder {self._member_line(absent[0], 'A')}")
                self.blank()
            signed = d + dt.timedelta(days=rng.randint(1, 6))
            self.emit(
                "Justering Protokollet justeras och signeras via digital signering "
                f"{signed.strftime('%y%m%d')} "
            )
            self.blank()
            self.emit(f"Justerande paragrafer §§ {first}-{last} ")
            self.blank()
            self.emit("Underskrifter ")
            self.emit("Sekreterare  …….................................... ")
            self.emit(f"  {secretary} ")
            self.blank()
            self.emit("Ordförande  …………………………… ")
            self.emit(f"  {chair} ")
            self.blank()
            self.emit("Justerare  …………………………… ")
            self.emit(f"  {adjuster} ")
            self.blank()
            self.emit("ANSLAG/BEVIS ")
            self.emit("Protokollet är justerat. Justeringen har tillkännagivits genom anslag. ")
            self.blank()
            self.emit(f"Organ   {alias} ")
            self.blank()
            self.emit(f"Sammanträdesdatum  {iso} ")
            self.blank()
            up = d + dt.timedelta(days=rng.randint(2, 9))
            self.emit(f"Datum då anslaget sätts upp  {up.isoformat()} ")
            self.emit(f"Datum då anslaget tas ner  {(up + dt.timedelta(days=21)).isoformat()} ")
            self.blank()
            self.emit(f"Förvaringsplats för protokollet  {alias}, {p.city} ")
            self.blank()
            self.emit("Underskrift ")
            self.emit("   ………………………………………………………….. ")
            self.emit(f"   {secretary}, Förbundschef ")
        elif p.style == "B":
            self.emit(FURNITURE)
            self.blank()
            self.emit("Plats och tid ")
            start = rng.randint(8, 14)
            self.emit(
                f"{d.day} {MONTHS[d.month - 1]} {d.year} kl. {start}.00-"
                f"{start + rng.randint(1, 4)}.{rng.choice(('00', '15', '30', '45'))} "
            )
            self.blank()
            self.emit(f"{p.name}, {p.address}. ")
            self.blank()
            self.emit("Beslutande  ")
            for m in attending:
                self.emit(self._member_line(m, "B"))
            self.blank()
            self.emit("Ersättare  ")
            for a in p.alternates:
                self.emit(self._member_line(a, "B"))
            self.blank()
            if absent:
                self.emit("Frånvarande (deltog ej i mötet) ")
                for m in absent:
                    self.emit(self._member_line(m, "B"))
                self.blank()
            self.emit("Övriga deltagande från kansliet  ")
            for s in p.staff:
                self.emit(f"{s.name}, {s.role}  ")
            self.blank()
            self.emit("Justeringens plats och tid ")
            self.emit(f"Signering {(d + dt.timedelta(days=6)).isoformat()} (digital)  ")
            self.blank()
            self.emit("Sekreterare ")
            self.emit(f"{secretary}, förbundschef ")
            self.blank()
            self.emit("Ordförande ")
            self.emit(chair)
            self.blank()
            self.emit("Justerare ")
            self.emit(f"{adjuster}   ")
            self.emit(FURNITURE)
            self.blank()
            self.emit("ANSLAGSBEVIS ")
            self.blank()
            self.emit(" Protokollet är justerat. Justeringen har tillkännagivits genom anslag. ")
            self.blank()
            self.emit(f" {p.name} ")
            self.blank()
            self.emit("Sammanträdes- ")
            self.emit("datum ")
            self.blank()
            self.emit(f"{iso} ")
            self.blank()
            self.emit("Förvaringsplats ")
            self.emit("för protokollet ")
            self.emit(f"Samordningsförbundets kansli, {p.city} ")
            self.emit(FURNITURE)
        elif p.style == "C":
            self.emit("")
            self.emit(f"Protokoll Nr. {d.year}-{nr}")
            self.emit(f"Sammanträdesdatum {iso}")
            self.emit("")
            self.emit(f"Protokoll Styrelsemöte i {p.name}")
            self.emit("")
            self.emit(f"Styrelsemötet hölls {WEEKDAYS[d.weekday()]} {iso} kl. 09.00 - 12.00")
            self.emit(f"på {p.address.split(',')[0]} i {p.city} i {rng.choice(VENUES)}.")
            self.emit("")
            self.emit("Närvarande")
            for m in attending:
                self.emit(f"{m.name}, {m.role}, {m.org}")
            for s in p.staff[:2]:
                self.emit(f"{s.name}, {s.role}")
            self.emit("")
            self.emit("-" * 96)
        else:
            self.emit("")
            self.emit(" ")
            for k in p.kommuner:
                self.emit(f"{kommun_org(k)} ")
            self.emit(f"{p.region} ")
            self.emit("Arbetsförmedlingen ")
            self.emit("Försäkringskassan ")
            self.blank()
            self.emit("Protokoll från styrelsemöte i ")
            self.emit(f"{p.name} ")
            self.emit(f"{d.strftime('%y%m%d')} ")
            self.blank()
            self.emit(f"Ordinarie ledamöter: {self._member_line(attending[0], 'D')}")
            for m in attending[1:]:
                self.emit(self._member_line(m, "D"))
            self.blank()
            self.emit(f"Ersättare:  {self._member_line(p.alternates[0], 'D')}")
            for a in p.alternates[1:]:
                self.emit(self._member_line(a, "D"))
            if absent:
                self.emit(f"Frånvarande:   {self._member_line(absent[0], 'D')}")
            self.blank()
            self.emit(f"Övriga:   {p.staff[0].name}, förbundschef ")
            for s in p.staff[1:]:
                self.emit(f"{s.name}, {s.role} ")
            self.blank()
            self.emit(f"Datum:  {iso} ")
            start = rng.randint(8, 13)
            self.emit(f"Tid:  {start}.00-{start + rng.randint(1, 4)}.00 ")
            self.emit(f"Plats: {rng.choice(VENUES)} {p.city} ")
            self.blank()

    def heading(self, number: int, title: str) -> None:
        rng = self.rng
        p = self.p
        if rng.random() < p.heading_nospace:
            head = f"§{number} {title}"
        elif rng.random() < p.heading_double:
            head = f"§ {number}  {title}"
        else:
            head = f"§ {number} {title}"
        if p.style == "A" and rng.random() < 0.5:
            head += "."
        if rng.random() < 0.15:
            head = " " + head
        if len(head) > p.width and " " in head[40:]:
            cut = head.rfind(" ", 40, p.width)
            if cut > 0:
                self.emit(head[:cut] + " ")
                self.emit("")
                head = head[cut + 1 :]
        self.emit(head + ("" if p.style == "C" else " "))
        self.sections += 1

    def _title(self, template: str) -> str:
        return self.fill_text(template) if "{" in template else template

    def protocol(self) -> None:
        rng = self.rng
        n = rng.randint(7, 18)
        first = (self.extra_nr - 1) * rng.randint(8, 12) + 1 if self.p.running_numbers else 1
        last = first + n - 1
        self.header_protocol(first, last)
        if self.p.style == "B":
            self.emit(FURNITURE)
        opening = [rng.choice(group) for group in OPENING_TITLES[: rng.randint(2, 4)]]
        closing = [rng.choice(group) for group in CLOSING_TITLES if rng.random() < 0.8]
        middle_n = max(1, n - len(opening) - len(closing))
        middle = [self._title(rng.choice(TOPIC_TITLES)) for _ in range(middle_n)]
        titles = opening + middle + [self._title(t) for t in closing]
        number = first
        for i, title in enumerate(titles):
            self.blank()
            self.heading(number, title)
            self.blank()
            if i < len(opening):
                self.opening_body(title, number)
            elif i >= len(opening) + len(middle):
                self.closing_body(title)
            else:
                self.topic_body(number)
            if self.p.style == "B" or rng.random() < 0.12:
                self.emit(FURNITURE)
            number += 1

    def opening_body(self, title: str, number: int) -> None:
        rng = self.rng
        p = self.p
        if "juster" in title:
            self.emit(
                f"{rng.choice(p.members[1:]).name} utses att tillsammans med ordförande "
                "justera dagens protokoll. "
            )
        elif "dagordning" in title:
            self.emit("Förslag till dagordning föreligger. ")
            self.decision_fixed(number, "godkänna dagordningen")
        elif "protokoll" in title:
            self.emit("Föregående protokoll gicks igenom och lades till handlingarna. ")
        else:
            self.emit(f"Ordförande {p.members[0].name} öppnar mötet och hälsar alla välkomna. ")

    def decision_fixed(self, number: int, text: str) -> None:
        self.blank()
        if self.p.style == "C":
            self.emit("Styrelsen beslutade:")
            self.emit(f"Beslut {self.year}-{self.extra_nr} §{number:02d}:1")
            self.emit(f"Att {text}.")
        else:
            self.emit(self.rng.choice((" Beslut. ", "Beslut", "Styrelsen beslutar: ")))
            self.emit(f"Styrelsen beslutar att {text}. ")

    def closing_body(self, title: str) -> None:
        rng = self.rng
        if title.startswith(("Mötets avslutande", "Avslutning", "Mötet avslutas", "Sammanträdet")):
            self.emit("Ordförande tackar för ett bra möte och förklarar mötet avslutat. ")
        elif "möte" in title.lower():
            d = self.spec.date + dt.timedelta(days=rng.randint(25, 70))
            self.emit(
                f"Nästa möte äger rum den {d.day} {MONTHS[d.month - 1]} {d.year} "
                f"kl. {rng.randint(8, 14)}.00 i {rng.choice(VENUES)}. "
            )
        else:
            for _ in range(rng.randint(0, 2)):
                self.paragraph(rng.randint(1, 3))
                self.blank()

    def topic_body(self, number: int) -> None:
        rng = self.rng
        for _ in range(max(1, int(rng.lognormvariate(1.25, 0.55)))):
            r = rng.random()
            if r < 0.14:
                self.bullets()
            elif r < 0.19:
                self.budget_table()
            else:
                self.paragraph(max(1, int(rng.lognormvariate(1.73, 0.5))))
            self.blank()
            if rng.random() < 0.3:
                self.blank()
        if rng.random() < 0.7:
            self.decision(number)

    # -- report -------------------------------------------------------------------------------

    def report(self) -> None:
        rng, p, d = self.rng, self.p, self.spec.date
        kind = self.spec.report
        if kind in ("T1", "T2"):
            period = "Januari – April" if kind == "T1" else "Maj – Augusti"
            self.emit(f" Tertialrapport {p.name}  ")
            self.blank()
            self.emit(f"{d.year} {period}  ")
        elif kind == "delar":
            self.emit(f" Delårsrapport {d.year} ")
            self.emit(f"{p.name} ")
            self.emit(f"Perioden {d.year}-01-01 – {d.isoformat()} ")
        else:
            self.emit(f" Verksamhetsberättelse {d.year} ")
            self.emit(f"{p.name} ")
            self.emit(f"Verksamhetsåret {d.year}-01-01 – {d.isoformat()} ")
        self.blank()
        self.blank()
        n_goals = rng.randint(4, 10)
        for goal in range(1, n_goals + 1):
            title = self._title(rng.choice(GOAL_TITLES))
            dash = rng.choice(("–", "–", "-"))
            lead = " " if rng.random() < 0.15 else ""
            self.emit(f"{lead}Mål {goal} {dash} {title} ")
            self.sections += 1
            self.blank()
            self.bullets()
            self.blank()
            for _ in range(rng.randint(1, 4)):
                self.paragraph(rng.randint(2, 6))
                self.blank()
            if rng.random() < 0.15:
                self.budget_table()
                self.blank()

    def render(self) -> str:
        if self.spec.kind == "rapport":
            self.report()
        else:
            self.protocol()
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


def plan_documents(profiles: list[Profile], docs: int, seed: int) -> list[DocSpec]:
    """Assign each document a förbund, a date and a kind (deterministic for the seed)."""
    rng = random.Random(seed)
    weights = [p.weight for p in profiles]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    span = (LAST_DATE - FIRST_DATE).days
    specs = []
    for i in range(docs):
        f = rng.choices(range(len(profiles)), cum_weights=cum)[0]
        if rng.random() < REPORT_SHARE:
            year = rng.randint(FIRST_DATE.year, LAST_DATE.year - 1)
            report = rng.choice(("T1", "T2", "delar", "ar"))
            end = {"T1": (4, 30), "T2": (8, 31), "delar": (6, 30), "ar": (12, 31)}[report]
            specs.append(DocSpec(i, f, dt.date(year, *end), "rapport", report))
            continue
        while True:
            day = FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
            if day.weekday() < 5 and day.month != 7:
                break
        specs.append(DocSpec(i, f, day, "protokoll"))
    return specs


_STATE: dict = {}


def _init_worker(
    vocab: Vocab, profiles: list[Profile], seed: int, out_dir: str, digits: int
) -> None:
    _STATE.update(vocab=vocab, profiles=profiles, seed=seed, out_dir=Path(out_dir), digits=digits)


def _write_chunk(specs: list[DocSpec]) -> tuple[int, int, int]:
    vocab, profiles, seed = _STATE["vocab"], _STATE["profiles"], _STATE["seed"]
    out_dir, digits = _STATE["out_dir"], _STATE["digits"]
    files = sections = size = 0
    for spec in specs:
        profile = profiles[spec.forbund]
        writer = Writer(vocab, profile, spec, seed)
        text = writer.render()
        data = text.encode("utf-8")
        name = f"{spec.index:0{digits}d}_{profile.slug}_{spec.date.isoformat()}.txt"
        (out_dir / profile.slug / name).write_bytes(data)
        files += 1
        sections += writer.sections
        size += len(data)
    return files, sections, size


def generate(out_dir: Path, docs: int, seed: int, workers: int | None = None) -> dict:
    """Write `docs` documents under `out_dir` (one folder per förbund); return a summary."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    profiles = build_profiles(load_registry(), seed)
    vocab = build_vocab(seed)
    specs = plan_documents(profiles, docs, seed)
    for slug in sorted({profiles[s.forbund].slug for s in specs}):
        (out_dir / slug).mkdir(parents=True, exist_ok=True)
    digits = max(5, len(str(max(docs - 1, 0))))
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    chunk = 250
    chunks = [specs[i : i + chunk] for i in range(0, len(specs), chunk)]
    files = sections = size = 0
    if workers <= 1 or len(chunks) <= 1:
        _init_worker(vocab, profiles, seed, str(out_dir), digits)
        results = map(_write_chunk, chunks)
        for f, s, b in results:
            files, sections, size = files + f, sections + s, size + b
    else:
        ctx = get_context("fork") if sys.platform != "win32" else None
        with ProcessPoolExecutor(
            workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(vocab, profiles, seed, str(out_dir), digits),
        ) as pool:
            for f, s, b in pool.map(_write_chunk, chunks):
                files, sections, size = files + f, sections + s, size + b
    return {
        "out_dir": str(out_dir),
        "files": files,
        "sections": sections,
        "bytes": size,
        "mb": round(size / 1_000_000, 1),
        "forbund": len({s.forbund for s in specs}),
        "reports": sum(1 for s in specs if s.kind == "rapport"),
        "seconds": round(time.perf_counter() - started, 1),
        "seed": seed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a seeded synthetic corpus of samordningsförbund protocols and reports.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--docs", type=int, default=10_000, help="number of documents")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes to use (default: CPU count); output does not depend on it",
    )
    args = parser.parse_args(argv)
    if args.docs < 0:
        parser.error("--docs must be >= 0")
    summary = generate(args.out_dir, args.docs, args.seed, workers=args.workers)
    print(
        f"wrote {summary['files']} files ({summary['reports']} reports) for "
        f"{summary['forbund']} förbund, {summary['sections']} sections, "
        f"{summary['mb']} MB in {summary['seconds']} s -> {summary['out_dir']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
