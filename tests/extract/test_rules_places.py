"""Rules extractor, the company's place (SPEC section 2): an explicit city sets the country
(Milano -> IT, Kraków -> PL), in any case ("z Poznania", "we Wroclawiu") and given in the
nominative; a country or demonym sets the country alone; a first name or surname, a
capitalised verb ("Usa"), a company name or the city of a fair sets nothing."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import read, row, table

PLACES = table(
    # English
    row("en", "based-in", "Carla runs a bakery chain based in Manchester.", ("GB", "Manchester")),
    row("en", "sits-in", "The team sits in Rotterdam.", ("NL", "Rotterdam")),
    row("en", "hq", "HQ Munich, 200 staff.", ("DE", "Munich")),
    row("en", "city-and-country", "Office in Milan, Italy.", ("IT", "Milan")),
    row("en", "demonym", "They are a Polish software house.", ("PL", None)),
    row("en", "country-only", "Customers across Germany.", ("DE", None)),
    row("en", "label-city", "Name: Olga Berg\nTitle: Operations Manager\nCompany: Fjordline AS\nCity: Oslo\n"
        "Email: olga@fjordline.no", ("NO", "Oslo")),
    row("en", "pipe-labels", "Lead: Tom Becker | Title: Junior Buyer | Company: Ostwerk AG | City: Leipzig | "
        "Source: Google Ads", ("DE", "Leipzig")),
    row("en", "bracket", "Nina Vale (nina@valeco.io) — founder of Valeco (12 staff, Leeds).", ("GB", "Leeds")),
    # Italian
    row("it", "sede-a", "Azienda con sede a Torino.", ("IT", "Torino")),
    row("it", "sede-estero", "Hanno la sede a Monaco di Baviera.", ("DE", "Monaco di Baviera")),
    row("it", "country-only", "Lavorano soprattutto in Germania.", ("DE", None)),
    row("it", "demonym", "È una società polacca.", ("PL", None)),
    row("it", "region", "Gruppo Neri, catena di supermercati in Puglia, 600 dipendenti.", ("IT", None)),
    row("it", "title-city", "Paola Neri, CEO, Torino. Ha chiesto una demo.", ("IT", "Torino")),
    row("it", "bracket", "Bassi Arredo (mobilificio, circa 90 dipendenti, Udine).", ("IT", "Udine")),
    # Polish
    row("pl", "locative", "Firma z siedzibą w Krakowie.", ("PL", "Kraków")),
    row("pl", "genitive", "Sieć sklepów z Wrocławia.", ("PL", "Wrocław")),
    row("pl", "no-diacritics", "Biuro we Wroclawiu, bez polskich znakow.", ("PL", "Wrocław")),
    row("pl", "genitive-poznan", "Kierownik zakupów w hurtowni z Poznania, pobrał katalog.", ("PL", "Poznań")),
    row("pl", "foreign-city", "Centrala w Monachium.", ("DE", "Monachium")),
    row("pl", "country-only", "Działają głównie w Niemczech.", ("DE", None)),
    row("pl", "demonym", "To polska firma produkcyjna.", ("PL", None)),
    row("pl", "bracket", "Joanna Nowak, dyrektorka operacyjna w Logimax (magazyny i transport, 300 osób, Łódź).", ("PL", "Łódź"),
        xfail="a city written in the nominative ('Łódź') is given as written: the word-form table must not turn it into another case ('Łodzią')"),
)


@pytest.mark.parametrize(("text", "want"), PLACES)
def test_places(text: str, want: tuple[str | None, str | None]) -> None:
    company = read(text).company
    assert (company.country, company.city) == want


NO_PLACE = table(
    # a first name or surname is no country or city
    row("en", "first-name-jordan", "Call with Jordan about the demo.", (None, None),
        xfail="a place word inside a person's name ('Jordan', 'Chad', 'Luca Francia', 'Anna Messina') is no country or city"),
    row("en", "first-name-chad", "Chad from Brightfold asked for pricing.", (None, None),
        xfail="a place word inside a person's name ('Jordan', 'Chad', 'Luca Francia', 'Anna Messina') is no country or city"),
    row("en", "first-name-georgia", "Georgia Reed, Head of Ops at Loopwise.", (None, None)),
    row("it", "surname-francia", "Chiamata con Luca Francia, vuole una demo.", (None, None),
        xfail="a place word inside a person's name ('Jordan', 'Chad', 'Luca Francia', 'Anna Messina') is no country or city"),
    row("it", "surname-messina", "Parlato con Anna Messina di Rossi Srl.", (None, None),
        xfail="a place word inside a person's name ('Jordan', 'Chad', 'Luca Francia', 'Anna Messina') is no country or city"),
    row("pl", "first-name-jordan", "Rozmawiałem z Jordanem z firmy Budmat.", (None, None)),
    row("pl", "name-title", "Katarzyna Lis, Head of Sales w Softplus.", (None, None)),
    # a capitalised verb, a topic
    row("it", "usa-verb", "Usa attivamente la prova da lunedì.", (None, None)),
    row("en", "may-verb", "May book a call next week.", (None, None)),
    row("pl", "report-topic", "Pobrała raport o Rzymie i Paryżu jako destynacjach.", (None, None),
        xfail="a place that is the topic of a report ('raport o Rzymie') is not the company's city"),
    # a company name or legal suffix
    row("en", "company-name-city", "Lead from Hamburg Logistics GmbH asked for a quote.", (None, None)),
    row("en", "legal-suffix", "Fjordline AS asked for a demo.", (None, None)),
    row("it", "company-name-city", "Contatto da Milano Arredi Srl, vuole un preventivo.", (None, None)),
    row("pl", "company-name-city", "Kontakt z firmy Warszawa Meble Sp. z o.o.", (None, None)),
    # the city of a fair is not the company's
    row("en", "fair-city", "Met her at the trade fair in Berlin.", (None, None)),
    row("it", "fair-city", "L'abbiamo conosciuta in fiera a Bologna.", (None, None)),
    row("pl", "fair-city", "Poznałem go na targach w Poznaniu.", (None, None)),
)


@pytest.mark.parametrize(("text", "want"), NO_PLACE)
def test_no_place_from_a_name_a_verb_or_a_fair(text: str, want: tuple[None, None]) -> None:
    company = read(text).company
    assert (company.country, company.city) == want
