"""Rules extractor, company size and revenue as reps write them (SPEC section 2, numbers):
abbreviated ("ca 210 dip.", "~1,400 emps", "2 500 prac."), in words ("just me and my
sister", "jest nas dwóch", "una trentina"), glued ("45-person firm"); and the numbers that
are no headcount (seats, invitees, students, a team, trucks)."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import read, row, table

EMPLOYEES = table(
    # a form's labelled field: one digit with its label, a bucket ("1-10") says no size
    row("en", "form-one", "Company: Wordsmith\nNumber of employees: 1", 1),
    row("it", "form-one", "Azienda: Traduzioni Rossi\nNumero dipendenti: 1", 1),
    row("pl", "form-one", "Firma: Tłumaczenia\nLiczba pracowników: 1", 1),
    row("en", "form-bucket", "Company: Wordsmith\nNumber of employees: 1001-5000", None),
    row("it", "form-bucket", "Azienda: Rossi Srl\nNumero dipendenti: 11 – 50", None),
    row("pl", "form-bucket", "Firma: Tłumaczenia\nLiczba pracowników: 1-10", None),
    row("en", "form-bucket-then-number", "Employees: 51-200 (rep checked LinkedIn: ~150)", 150),
    row("it", "form-bucket-then-number", "Dipendenti: 51-200 (su LinkedIn circa 150)", 150),
    row("pl", "form-bucket-then-number", "Liczba pracowników: 51-200 (wg LinkedIna ok. 150)", 150),
    row("en", "tilde-staff", "Acme (~140 staff)", 140),
    row("en", "comma-thousands", "Acme, 1,200 employees", 1200),
    row("en", "fte", "Acme: 420 FTE", 420),
    row("pl", "osmiuset-osob", "Jest nas około ośmiuset osób, dużo pracy zmianowej.", 800),
    row("pl", "osmiuset-bez-znakow", "Jest nas okolo osmiuset osob.", 800),
    row("en", "n-of-us", "I'm the office manager at a small roofing company, 14 of us, near Cardiff", 14),
    row("en", "emps", "Brightfold, ~1,400 emps, Leeds", 1400),
    row("en", "ppl", "Noah Ford (VP Eng @ Gridly, 90 ppl) booked a demo.", 90),
    row("en", "n-person-firm", "Runs a 45-person firm in Bristol.", 45),
    row("en", "me-and-my-sister", "It's just me and my sister running the shop.", 2,
        xfail="'just me and my sister' counts both people: a vague size of 2"),
    row("en", "total", "Small agency, 35 people in total.", 35),
    row("en", "about", "About 600 employees across three sites.", 600),
    row("en", "a-dozen", "A dozen employees, all in one office.", 12),
    row("en", "6-person-bakery", "CEO of a 6-person bakery in Cork reached out on Instagram DM.", 6),
    row("it", "dots-thousands", "Gruppo Serra, 1.200 dipendenti, Padova.", 1200),
    row("it", "ca-dip", "Rossi Srl, ca 210 dip., Bergamo", 210),
    row("it", "circa", "Bassi Arredo (mobilificio, circa 90 dipendenti, Udine)", 90),
    row("it", "una-trentina", "Hanno una trentina di dipendenti.", 30),
    row("it", "siamo-in-due", "Siamo in due, io e mio fratello.", 2),
    row("it", "persone", "Un'azienda di 45 persone a Modena.", 45),
    row("it", "addetti", "Officina Neri, 18 addetti.", 18),
    row("pl", "space-thousands", "Firma X, 1 200 pracowników.", 1200),
    row("pl", "prac-abbrev", "Budmat, 2 500 prac., Kielce", 2500),
    row("pl", "ok-osob", "ok. 85 osób", 85),
    row("pl", "zatrudnia", "zatrudnia 40 osób", 40),
    row("pl", "os-abbrev", "Wielkość firmy: 12 os.", 12),
    row("pl", "jest-nas-dwoch", "Jest nas dwóch, ja i wspólnik.", 2),
    row("pl", "osobowa", "To firma 45-osobowa z Gdańska.", 45),
    row("pl", "okolo-pracownikow", "Około 150 pracowników w dwóch zakładach.", 150),
    # people of the company's trade, counted in its description
    row("en", "engineers", "Brightfold Ltd (software house, 40 engineers, Leeds)", 40),
    row("it", "consulenti", "Serra & Partners (consulenza di direzione, 15 consulenti, Cagliari)", 15),
    row("pl", "prawnikow", "Kancelaria Lis (12 prawników, Olsztyn)", 12),
)


# a headcount's trade is nobody's title
@pytest.mark.parametrize(("text", "lang"), [
    ("Brightfold Ltd (software house, 40 engineers, Leeds)", "en"),
    ("Sanna Informatica (assistenza sistemistica, 60 tecnici), Olbia", "it"),
    ("Kancelaria Lis (12 prawników, Olsztyn)", "pl"),
])
def test_a_headcount_is_no_title(text: str, lang: str) -> None:
    assert read(text).contact.job_title is None


@pytest.mark.parametrize(("text", "employees"), EMPLOYEES)
def test_employees(text: str, employees: int) -> None:
    assert read(text).company.employees == employees


NOT_HEADCOUNT = table(
    # people of the lead's who use the product are its users, not the company's size
    row("en", "n-of-us-use", "Our trial is going great, 7 of us are using it daily.", None),
    row("en", "n-of-us-attended", "3 of us attended the webinar from Acme.", None),
    row("en", "invited", "Trial since Monday, has invited 6 colleagues so far.", None),
    row("en", "students", "Runs a school with 400 students.", None),
    row("en", "seats", "Wants pricing for 50 seats.", None),
    row("en", "trucks", "Mark (Ops Manager, Trucko, a 12-truck haulage firm in Bristol) is happy with his tool.", None),
    row("en", "attendees", "Our webinar had 300 attendees; she was one of them.", None),
    row("en", "team", "Her marketing team is 5 people.", None),
    row("it", "postazioni", "Vuole un preventivo per 20 postazioni.", None),
    row("it", "punti-vendita", "Ottica Bella ha 3 punti vendita.", None),
    row("it", "team", "Il suo team marketing è di 4 persone.", None),
    row("it", "invitati", "Ha invitato 6 colleghi alla prova.", None),
    row("it", "studenti", "Dirige una scuola con 400 studenti.", None),
    row("pl", "licencje", "Chce wycenę na 30 licencji.", None),
    row("pl", "zaprosila", "Zaprosiła 4 osoby z zespołu do konta.", None),
    row("pl", "sklepy", "Sieć 12 sklepów w Małopolsce.", None),
    row("pl", "dzial", "Dział marketingu liczy 5 osób.", None),
    row("pl", "uczniowie", "Szkoła ma 400 uczniów.", None),
)


@pytest.mark.parametrize(("text", "employees"), NOT_HEADCOUNT)
def test_numbers_that_are_no_headcount(text: str, employees: None) -> None:
    assert read(text).company.employees == employees


REVENUE = table(
    row("en", "arr", "Revenue ~ $12M ARR, 80 employees.", (12_000_000, "USD")),
    row("en", "pounds", "Turnover: £4.5m last year.", (4_500_000, "GBP")),
    row("it", "mln", "Acme Srl, fatturato 2,5 mln €, 40 dipendenti.", (2_500_000, "EUR")),
    row("it", "milioni", "Fatturato di circa 8 milioni di euro.", (8_000_000, "EUR")),
    row("pl", "mln-zl", "Przychody: 30 mln zł rocznie.", (30_000_000, "PLN")),
    row("pl", "obroty", "Obroty ok. 12 mln PLN.", (12_000_000, "PLN")),
)


@pytest.mark.parametrize(("text", "want"), REVENUE)
def test_revenue(text: str, want: tuple[float, str]) -> None:
    company = read(text).company
    assert (company.annual_revenue, company.currency) == want
