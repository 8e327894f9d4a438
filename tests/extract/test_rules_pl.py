"""Rules extractor, Polish: every interaction kind with masculine, feminine and plural
forms (pobrał/pobrała/pobrali), notes typed without diacritics, negation, counts, dates,
titles, places (inflected city names), industries, BANT and disqualifiers."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import AS_OF, kinds, one, read

KIND_CASES = [
    ("website_visit", "Odwiedził naszą stronę dwa razy."),
    ("website_visit", "Odwiedziła blog w poniedziałek."),
    ("pricing_page_visit", "Trzy razy oglądała cennik."),
    ("content_download", "Pobrał raport o rynku."),
    ("content_download", "Pobrała e-booka o automatyzacji."),
    ("content_download", "Pobrali case study."),
    ("content_download", "Pobrala poradnik o fakturach."),
    ("newsletter_signup", "Zapisała się do newslettera."),
    ("form_submission", "Wypełnił formularz kontaktowy na stronie."),
    ("webinar_registration", "Zarejestrowała się na webinar o CRM."),
    ("webinar_attendance", "Wziął udział w webinarze o logistyce."),
    ("event_attendance", "Poznałem go na targach w Poznaniu, podszedł do naszego stoiska."),
    ("email_open", "Otworzyła trzy maile z kampanii."),
    ("email_click", "Kliknął link w mailu powitalnym."),
    ("email_reply", "Odpisała na maila z ofertą szkolenia."),
    ("social_engagement", "Obserwuje nas na LinkedInie i polubiła nasz post."),
    ("ad_click", "Kliknął w reklamę na Facebooku."),
    ("ad_click", "Przyszła z reklamy Google."),
    ("cart_add", "Dodał do koszyka dwa terminale."),
    ("wishlist_add", "Dodała pakiet do listy życzeń."),
    ("free_trial_signup", "Założył konto w wersji próbnej."),
    ("free_trial_signup", "Uruchomili trial w zeszłym tygodniu."),
    ("product_usage", "Na trialu aktywnie korzystają z systemu, 9 użytkowników."),
    ("demo_request", "Poprosił o demo dla zespołu."),
    ("quote_request", "Chce wycenę na 30 licencji."),
    ("quote_request", "Prosi o ofertę na wdrożenie."),
    ("contact_sales", "Chce porozmawiać z handlowcem o umowie."),
    ("contact_sales", "Prosi o kontakt telefoniczny jutro."),
    ("meeting_booked", "Umówił spotkanie na czwartek."),
    ("meeting_booked", "Umówiliśmy się na rozmowę w piątek."),
    ("upgrade_request", "Chcą przejść na płatny plan."),
    ("unsubscribe", "Wypisała się z newslettera."),
    ("email_bounce", "Mail wrócił jako niedoręczony."),
]


@pytest.mark.parametrize(
    ("kind", "text"), KIND_CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(KIND_CASES)]
)
def test_each_kind(kind: str, text: str) -> None:
    assert kind in kinds(text, "pl")


NEGATED = [
    "Nie prosił o wycenę.",
    "O demo nie prosiła.",
    "Nie pobrał jeszcze żadnych materiałów.",
    "Brak kontaktu z handlowcem.",
    "Nie zapisał się do newslettera.",
    "O płatny plan jeszcze nie pytali.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negation_gives_nothing(text: str) -> None:
    assert kinds(text, "pl") == set()


def test_first_person_is_the_rep_not_the_lead() -> None:
    assert "content_download" not in kinds("Pobrałem jej dane z CRM.", "pl")


def test_registered_not_attended() -> None:
    assert kinds("Zarejestrował się na webinar (nie dołączył).", "pl") == {"webinar_registration"}


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Pobrał 2 e-booki.", "content_download", 2),
        ("Trzy razy oglądał cennik.", "pricing_page_visit", 3),
        ("Wyświetlił cennik (4 razy).", "pricing_page_visit", 4),
        ("Otworzył 5 maili.", "email_open", 5),
    ],
)
def test_counts(text: str, kind: str, count: int) -> None:
    assert one(text, kind, "pl").count == count


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("Wczoraj pobrała poradnik.", "content_download", date(2025, 6, 17)),
        ("Przedwczoraj oglądał cennik.", "pricing_page_visit", date(2025, 6, 16)),
        ("W zeszłym tygodniu wziął udział w webinarze.", "webinar_attendance", date(2025, 6, 11)),
        ("2025-05-02  Pobrał whitepaper", "content_download", date(2025, 5, 2)),
        ("12.05.2025 – zapisał się do newslettera", "newsletter_signup", date(2025, 5, 12)),
    ],
)
def test_dates(text: str, kind: str, day: date) -> None:
    assert one(text, kind, "pl").occurred_on == day


@pytest.mark.parametrize(
    ("text", "seniority", "department"),
    [
        ("Jan Nowak, prezes zarządu Nowex", "executive", "executive"),
        ("Ewa Lis, właścicielka kwiaciarni Lilia", "executive", "executive"),
        ("Adam Bąk, wiceprezes ds. finansowych w Bakpol", "vp", "finance"),
        ("Olga Mróz, dyrektor marketingu w Mrozex", "director", "marketing"),
        ("Piotr Kot, dyrektor sprzedaży w Kotex", "director", "sales"),
        ("Marek Sowa, kierownik działu zakupów w Sowpol", "manager", "procurement"),
        ("Anna Wilk, kierowniczka działu kadr w Wilkex", "manager", "hr"),
        ("Ola Zając, specjalistka ds. marketingu w Zajpol", "individual", "marketing"),
        ("Tomasz Lis, analityk w dziale finansów w Lisbud", "individual", "finance"),
        ("Kasia Kruk, stażystka w dziale sprzedaży Krukpol", "entry", "sales"),
        ("Robert Dąb, kierownik IT w Dąbex", "manager", "it"),
    ],
)
def test_titles(text: str, seniority: str, department: str) -> None:
    contact = read(text + ".", "pl").contact
    assert contact.seniority is not None and contact.seniority.value == seniority
    assert contact.department is not None and contact.department.value == department


@pytest.mark.parametrize(
    ("text", "country", "city"),
    [
        ("Firma z siedzibą w Krakowie.", "PL", "Kraków"),
        ("Sieć sklepów z Wrocławia.", "PL", "Wrocław"),
        ("Biuro we Wroclawiu, bez polskich znakow.", "PL", "Wrocław"),
        ("Centrala w Monachium.", "DE", "Monachium"),
        ("Działają głównie w Niemczech.", "DE", None),
        ("To polska firma produkcyjna.", "PL", None),
    ],
)
def test_places(text: str, country: str, city: str | None) -> None:
    company = read(text, "pl").company
    assert company.country == country
    assert company.city == city


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Agro-Mix (producent pasz, 120 osób)", "manufacturing"),
        ("Sklepik.pl (sklep internetowy z zabawkami)", "ecommerce"),
        ("Medica (sieć przychodni)", "healthcare"),
        ("TransPol (firma transportowa i spedycyjna)", "logistics"),
        ("Hotel Pod Lipą (hotel i restauracja)", "hospitality"),
        ("Urząd Miasta Opola (administracja publiczna)", "public_sector"),
        ("SoftCode (software house, usługi IT)", "it_services"),
        ("Solar-Tech (instalacje fotowoltaiczne)", "energy"),
        ("Domus (biuro nieruchomości)", "real_estate"),
        ("Lingua (szkoła językowa)", "education"),
    ],
)
def test_industries(text: str, industry: str) -> None:
    company = read(f"Nowy lead: {text}.", "pl").company
    assert company.industry is not None and company.industry.value == industry


@pytest.mark.parametrize(
    ("text", "employees"),
    [
        ("Firma X, 1 200 pracowników.", 1200),
        ("ok. 85 osób", 85),
        ("zatrudnia 40 osób", 40),
        ("Zespół: 12 os.", 12),
    ],
)
def test_employees(text: str, employees: int) -> None:
    assert read(text, "pl").company.employees == employees


@pytest.mark.parametrize(
    ("text", "budget", "amount"),
    [
        ("Budżet: 50 tys. zł, zatwierdzony przez zarząd.", "confirmed", 50000),
        ("Budżet mają zaplanowany dopiero na przyszły rok.", "planned", None),
        ("Budżetu na to nie mają.", "none", None),
        ("Brak budżetu w tym roku.", "none", None),
    ],
)
def test_budget(text: str, budget: str, amount: float | None) -> None:
    bant = read(text, "pl").bant
    assert bant.budget is not None and bant.budget.value == budget
    assert bant.budget_amount == amount


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Decyzję podejmuje sam.", "decision_maker"),
        ("Decyzja jest po jej stronie.", "decision_maker"),
        ("Decyduje zarząd, ona tylko rekomenduje.", "influencer"),
        ("Musi to skonsultować z prezesem.", "influencer"),
    ],
)
def test_authority(text: str, authority: str) -> None:
    bant = read(text, "pl").bant
    assert bant.authority is not None and bant.authority.value == authority


def test_need_and_timeline() -> None:
    bant = read("Problem: faktury wprowadzane ręcznie. Chcą wdrożenie do końca lipca.", "pl").bant
    assert bant.need
    assert bant.timeline_days == 43


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("To nasz bezpośredni konkurent.", "competitor"),
        ("Jest studentką, pisze pracę magisterską.", "student"),
        ("Szuka pracy i przesłał CV.", "job_seeker"),
        ("Powiedział, że nie są zainteresowani.", "not_interested"),
    ],
)
def test_disqualifiers(text: str, kind: str) -> None:
    assert kind in {d.kind.value for d in read(text, "pl").disqualifiers}


def test_today_is_the_reference_date() -> None:
    assert one("Dziś poprosiła o demo.", "demo_request", "pl").occurred_on == AS_OF
