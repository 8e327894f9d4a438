"""Polish probes of the offline engine (assistant/extract/engine/) with the Polish vocabulary
(assistant/extract/vocab_next/pl/): short notes as Polish reps write them, with and without
diacritics, in every case and word order, checked fact by fact.

Every probe is invented for this file. Interactions are checked as the exact set of kinds
found, so a false positive fails as surely as a miss.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.extract.engine import EngineExtractor
from assistant.extract.spans import fold

AS_OF = date(2025, 6, 18)
_EXTRACTOR = EngineExtractor()


def _extract(text: str):
    return _EXTRACTOR.extract(text, as_of=AS_OF).extraction


def _kinds(text: str) -> set[str]:
    return {str(getattr(i.kind, "value", i.kind)) for i in _extract(text).interactions}


def _value(x):
    return None if x is None else str(getattr(x, "value", x))


def _case(text, expected, id_, xfail=None):
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(text, expected, id=id_, marks=marks)


# --- interaction kinds (SPEC section 3): the exact set of kinds ---------------------------------

KINDS = [
    _case("Odwiedził naszą stronę 3 razy w tym tygodniu.", {"website_visit"}, "visit-site"),
    _case(
        "Weszla na bloga i przeczytala artykul o scoringu.", {"website_visit"}, "visit-blog-nodiac"
    ),
    _case("Przeglądała cennik wczoraj wieczorem.", {"pricing_page_visit"}, "pricing-browse"),
    _case("Dwa razy byl na stronie z cenami.", {"pricing_page_visit"}, "pricing-nodiac"),
    _case("Pobrała e-booka o automatyzacji sprzedaży.", {"content_download"}, "download-ebook"),
    _case("Pobral raport i checkliste dla handlowcow.", {"content_download"}, "download-nodiac"),
    _case("Zapisała się do newslettera po webinarze.", {"newsletter_signup"}, "newsletter"),
    _case("Wypełnił formularz kontaktowy na stronie.", {"form_submission"}, "form"),
    _case(
        "Zarejestrowała się na webinar o lead scoringu, ale nie wzięła udziału.",
        {"webinar_registration"},
        "webinar-reg-only",
    ),
    _case("Zapisal sie na webinar w czwartek.", {"webinar_registration"}, "webinar-reg-nodiac"),
    _case(
        "Wzięli udział w naszym webinarze w zeszłym tygodniu.",
        {"webinar_attendance"},
        "webinar-attend",
    ),
    _case("Obejrzała nagranie webinaru do końca.", {"webinar_attendance"}, "webinar-watch"),
    _case(
        "Poznałem ją na targach w Poznaniu, podeszła do naszego stoiska.",
        {"event_attendance"},
        "event-fair",
    ),
    _case(
        "Skan identyfikatora z targów E-commerce Expo.", {"event_attendance"}, "event-badge-scan"
    ),
    _case("Otworzył 3 maile z kampanii.", {"email_open"}, "email-open"),
    _case("Kliknęła w link w newsletterze.", {"email_click"}, "email-click"),
    _case("Odpisał na maila z pytaniami o integracje.", {"email_reply"}, "email-reply"),
    _case(
        "Obserwuje nas na LinkedInie i polubiła nasz ostatni post.", {"social_engagement"}, "social"
    ),
    _case("Kliknął w reklamę na Facebooku.", {"ad_click"}, "ad-click"),
    _case("Trafiła do nas z reklamy Google Ads.", {"ad_click"}, "ad-come-from"),
    _case("Dodała 3 produkty do koszyka, ale nie kupiła.", {"cart_add"}, "cart"),
    _case("Dodał do ulubionych dwa pakiety.", {"wishlist_add"}, "wishlist"),
    _case("Założyła konto w wersji próbnej.", {"free_trial_signup"}, "trial-signup"),
    _case("Odpalil triala w poniedzialek.", {"free_trial_signup"}, "trial-nodiac"),
    _case("Aktywnie korzysta z trialu, zaprosiła 4 osoby z zespołu.", {"product_usage"}, "usage"),
    _case("Loguje się codziennie do aplikacji.", {"product_usage"}, "usage-daily"),
    _case("Poprosiła o demo na przyszły tydzień.", {"demo_request"}, "demo"),
    _case("Prosi o wycenę dla 20 użytkowników.", {"quote_request"}, "quote"),
    _case("Zapytał, ile kosztuje licencja dla 50 osób.", {"quote_request"}, "quote-how-much"),
    _case("Chce porozmawiać z handlowcem o wdrożeniu.", {"contact_sales"}, "contact-sales"),
    _case("Prosi o kontakt telefoniczny.", {"contact_sales"}, "contact-callback"),
    _case("Umówiła spotkanie przez Calendly na czwartek.", {"meeting_booked"}, "meeting"),
    _case("Chce przejść na płatny plan po trialu.", {"upgrade_request"}, "upgrade"),
    _case("Wypisał się z newslettera.", {"unsubscribe"}, "unsubscribe"),
    _case("Mail wrócił, adres nie istnieje.", {"email_bounce"}, "bounce"),
    _case(
        "Prosila o demo i wycene dla zespolu.",
        {"demo_request", "quote_request"},
        "demo-and-quote-nodiac",
    ),
    _case(
        "Prosila o demo i wycene.", {"demo_request", "quote_request"}, "demo-and-quote-nodiac-short"
    ),
    _case("Wypełniła formularz z prośbą o demo.", {"demo_request"}, "demo-form-is-not-form"),
    _case(
        "Odpisała na maila i poprosiła o ofertę.", {"email_reply", "quote_request"}, "reply-asking"
    ),
    _case(
        "Była na webinarze „Demo na żywo” i wyszła po 20 min.",
        {"webinar_attendance"},
        "webinar-titled-demo",
    ),
    _case("Przeszła interaktywną wycieczkę po produkcie.", {"product_usage"}, "product-tour"),
    _case("Pytał o wycenę dla 15 handlowców.", {"quote_request"}, "seats-are-not-sales-contact"),
    _case("Umówiła się na demo na czwartek.", {"demo_request"}, "booked-demo"),
    _case("Mail otwarty 3x, bez kliknięć.", {"email_open"}, "crm-open-no-click"),
    _case(
        "12.06 - pobranie ebooka 'Lead scoring w praktyce'\n13.06 - wizyta na stronie cennika\n"
        "15.06 - zapis na webinar\n17.06 - prośba o kontakt z handlowcem",
        {"content_download", "pricing_page_visit", "webinar_registration", "contact_sales"},
        "crm-timeline",
    ),
    _case(
        "Klientka zadzwoniła sama, chce demo i pricing dla 10 userów.",
        {"demo_request", "quote_request"},
        "jargon-demo-pricing",
    ),
    _case("Pobrala ebooka.", {"content_download"}, "short-nodiac"),
    _case(
        "Zrobiłem follow-up po demo, poprosiła o propozycję cenową.",
        {"quote_request"},
        "after-our-follow-up",
    ),
    _case(
        "PoC ruszył w maju, 5 userów aktywnie testuje.",
        {"free_trial_signup", "product_usage"},
        "poc",
    ),
    _case("Zaprosiła do trialu 3 koleżanki z działu.", {"product_usage"}, "invited-colleagues"),
    _case(
        "Webinar 12.06 - obecny, zadawał pytania o API.",
        {"webinar_attendance"},
        "crm-webinar-present",
    ),
    _case(
        "Wysłaliśmy sekwencję 4 maili, otworzyła wszystkie, kliknęła w CTA w ostatnim.",
        {"email_open", "email_click"},
        "sequence-open-click",
    ),
    _case(
        "Od: Anna Kowalska <anna.kowalska@betaplast.pl>\nWysłane: 16 czerwca 2025\nTemat: Odp: oferta\n"
        "Dzień dobry, dziękuję za materiały. Chcielibyśmy zobaczyć demo w przyszłym tygodniu. "
        "Czy mogą Państwo przesłać też cennik dla 30 użytkowników?\nPozdrawiam, Anna Kowalska",
        {"email_reply", "demo_request", "quote_request"},
        "email-thread-reply",
    ),
    _case(
        "Zgłoszenie z formularza kontaktowego: firma Orion pyta o integrację z Allegro i prosi o demo.",
        {"demo_request"},
        "contact-form-asking-demo",
    ),
    _case(
        "Lead z LinkedIna: polubiła 3 posty, skomentowała artykuł o scoringu.",
        {"social_engagement"},
        "linkedin-likes",
    ),
    _case(
        "Kupił plan Pro po trialu.",
        {"upgrade_request"},
        "bought-pro-after-trial",
    ),
    _case(
        "Zapytał o cennik i umówił się na call w piątek.",
        {"quote_request", "meeting_booked"},
        "quote-and-call",
    ),
    # a word or two between "był" and "na": the formal you, an adverb (x-pl-B-018, B-053, A-058)
    _case("Był też na naszym stoisku na targach w Kielcach.", {"event_attendance"}, "byl-tez-na"),
    _case(
        "Handlowiec: Widzę, że była Pani wczoraj na naszym webinarze.",
        {"webinar_attendance"},
        "formal-you-said-by-rep",
    ),
    _case(
        "Handlowiec: wziął Pan udział w webinarze w czwartek.",
        {"webinar_attendance"},
        "wzial-pan-udzial",
    ),
    # the adverbial participle asks too (x-pl-A-048)
    _case("Odpisała na ofertę, pytając o demo.", {"email_reply", "demo_request"}, "pytajac-o-demo"),
    _case("Zadzwonił, prosząc o wycenę dla 20 osób.", {"quote_request"}, "proszac-o-wycene"),
    # the lead's own question "Czy możemy umówić ...?" is their request (x-pl-B-031)
    _case(
        "Klient: Czy możemy umówić prezentację dla zespołu?", {"demo_request"}, "czy-mozemy-umowic"
    ),
    # the nominative plural "użytkownicy" (-k- -> -c-) counts seats (x-pl-B-036)
    _case("Użytkownicy: 6 (zaproszeni przez Kasię)", {"product_usage"}, "uzytkownicy-zaproszeni"),
    # "podpięte" / "podpięliśmy": connected in the product (x-pl-B-033)
    _case("Mamy już podpięte dwie skrzynki w koncie.", {"product_usage"}, "podpiete-w-koncie"),
    # a trial that ends was started (d-pl-004); the object first (d-pl-006)
    _case(
        "Kończy jej się trial, pyta o cennik.", {"free_trial_signup", "quote_request"}, "trial-ends"
    ),
    _case("Konto założyła w maju.", {"free_trial_signup"}, "konto-zalozyla"),
    # "z roczną licencją" is what was bought, not seats given to teammates (d-pl-012)
    _case("Dodała do koszyka pakiet z roczną licencją.", {"cart_add"}, "licence-is-no-teammate"),
    # "odezwał się" alone is getting in touch, not a reply (d-pl-001)
    _case(
        "Odezwał się przez formularz na stronie.", {"form_submission"}, "odezwal-sie-is-no-reply"
    ),
    # "znalazłem" (-azłem) is the rep's first person
    _case("Znalazłem ją na LinkedInie i wysłałem zaproszenie na webinar.", set(), "znalazlem"),
    # "mailem" (by email) is no first-person verb "-łem"
    _case("Wysłała mailem zapytanie o ofertę.", {"quote_request"}, "mailem-is-no-first-person"),
    # a ticket's parts named by whose they are: the support's reply is ours (x-pl-B-010, B-031)
    _case(
        "Wiadomość klienta: chcielibyśmy zobaczyć demo.\nOdpowiedź supportu (Ola): przekazałam dalej.",
        {"demo_request"},
        "ticket-parts",
    ),
    _case(
        "Poprosił o demo przez formularz na stronie.",
        {"demo_request"},
        "demo-via-form",
    ),
    _case(
        "Była na webinarze o cenach.",
        {"webinar_attendance"},
        "webinar-about-prices",
        xfail="engine: 'o cenach' after the head noun 'webinarze' is what the webinar is about, not a "
        "pricing-page visit ('był na' is also a visit act); Polish puts the topic after its head",
    ),
    _case(
        "Sama umówiła demo na przyszły czwartek przez kalendarz.",
        {"meeting_booked"},
        "booked-a-demo",
        xfail="common.toml: 'book' + 'demo' is a demo_request frame and meeting_booked is dropped when "
        "demo_request is in the clause; a demo booked in the calendar is the meeting (x-pl-A-048)",
    ),
    _case(
        "Kończy im się trial i chcą przejść na płatny plan.",
        {"free_trial_signup", "upgrade_request"},
        "trial-ends-and-upgrade",
    ),
    _case(
        "Ja: Czy pobrała Pani raport?\nAnna Nowak (Drewmax): Tak, pobrałam raport i zapisałam się "
        "na webinar.",
        {"content_download", "webinar_registration"},
        "name-as-turn-label",
    ),
    _case(
        "Handlowiec: Widzę, że pobrał Pan wczoraj raport.",
        {"content_download"},
        "formal-you-one-word-act",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kinds(text, expected):
    assert _kinds(text) == expected


# --- negation, hedges, plans, questions: nothing happened ----------------------------------------

NOTHING = [
    _case("Wyceny nie chciał, o demo też nie prosił.", set(), "object-before-neg"),
    _case("O demo jeszcze nie prosiła.", set(), "object-first-not-yet"),
    _case("Demo? Jeszcze nie.", set(), "clipped-answer"),
    _case("Prośba o demo: nie.", set(), "label-no"),
    _case("Nie pobrał ebooka.", set(), "neg-download"),
    _case("Nie zapisala sie na webinar.", set(), "neg-nodiac"),
    _case("Ebooka nie pobrała, newslettera też nie.", set(), "object-first-download"),
    _case("Chyba będzie chciała demo.", set(), "hedge"),
    _case("Planuje zapisać się na webinar.", set(), "plan"),
    _case("Może pobierze raport w przyszłym tygodniu.", set(), "hedge-future"),
    _case("Jeśli założy konto trial, wyślę instrukcję.", set(), "condition"),
    _case("Nie wiem, czy otworzyła maila.", set(), "unsure"),
    _case("Podziękowała za demo z zeszłego tygodnia.", set(), "thanks-past-demo"),
    _case("Czekamy na odpowiedź.", set(), "waiting-reply"),
    _case("Brak odpowiedzi na maile.", set(), "no-reply"),
    _case("Jutro pobierze raport.", set(), "future-perfective-download"),
    _case("Zapisze się na webinar w przyszłym tygodniu.", set(), "future-perfective-register"),
    _case("Odwiedzi nasze stoisko na targach.", set(), "future-perfective-visit"),
    _case("Poprosi o wycenę po rozmowie z szefem.", set(), "future-perfective-ask"),
    _case("Cennika nie oglądał.", set(), "object-first-pricing"),
    _case("Triala jeszcze nie założyła.", set(), "object-first-trial"),
    _case("Nie prosił ani o demo, ani o wycenę.", set(), "ani-ani"),
    _case("Do koszyka nic nie dodała.", set(), "nothing-added"),
    _case("Nie była na targach, nie odwiedziła stoiska.", set(), "neg-event"),
    # a request named in the accusative asks for nothing without its verb (x-pl-A-057)
    _case("Na rozmowę z handlowcem jeszcze za wcześnie.", set(), "too-early-for-sales"),
    _case("Za wcześnie na demo, najpierw przetestują.", set(), "too-early-for-demo"),
    # "czas odpowiedzi" is a response time, no reply
    _case("Celem jest skrócenie czasu odpowiedzi na leady.", set(), "response-time-is-no-reply"),
]


@pytest.mark.parametrize(("text", "expected"), NOTHING)
def test_negation_and_hedges(text, expected):
    assert _kinds(text) == expected


# --- speaker: our side's acts are not the lead's --------------------------------------------------

OUR_SIDE = [
    _case("Wysłałem jej ofertę i link do pobrania ebooka.", set(), "i-sent-offer"),
    _case("Wyslalem link do webinaru.", set(), "i-sent-nodiac"),
    _case("Zarejestrowałem ją na webinar.", set(), "i-registered-her"),
    _case("Zaprosiliśmy ją na demo w piątek.", set(), "we-invited"),
    _case("Dzwoniłam dwa razy, bez odpowiedzi.", set(), "i-called"),
    _case("Nasz handlowiec zaproponował demo.", set(), "our-rep"),
    _case("Support odpisał na zgłoszenie.", set(), "support-replied"),
    _case("Wysłaliśmy wycenę w poniedziałek.", set(), "we-sent-quote"),
    _case("Przygotowuję wycenę dla 30 licencji.", set(), "i-prepare-quote"),
    _case(
        "Zadzwoniłem, nie odebrała. Wysłałam SMS z linkiem do cennika.", set(), "i-called-i-texted"
    ),
    _case("Umówiłem demo na czwartek.", set(), "i-booked"),
    _case("Zaprosiłam ją na webinar, ale się nie zarejestrowała.", set(), "invited-not-registered"),
    _case("Nasz SDR umówił demo na wtorek.", set(), "our-sdr-booked"),
    _case("Handlowiec: Czy możemy umówić demo na czwartek?", set(), "our-question-czy-mozemy"),
]


@pytest.mark.parametrize(("text", "expected"), OUR_SIDE)
def test_our_side(text, expected):
    assert _kinds(text) == expected


# --- the lead's own words: their first person is theirs -------------------------------------------

LEAD_VOICE = [
    _case(
        "Klient: pobrałem wasz raport i zapisałem się na webinar.",
        {"content_download", "webinar_registration"},
        "transcript-turn",
    ),
    _case(
        "Handlowiec: Czy mogę przesłać ofertę?\nKlient: Tak, poproszę ofertę i demo.",
        {"quote_request", "demo_request"},
        "transcript-two-turns",
    ),
    _case(
        '"Chcielibyśmy przejść na plan Business" - napisała w mailu.',
        {"upgrade_request"},
        "quoted-wish",
    ),
    _case("Napisała do supportu z prośbą o demo.", {"demo_request"}, "wrote-to-support"),
    _case(
        "Kolega wysłał jej wycenę, odpisała tego samego dnia.",
        {"email_reply"},
        "colleague-sent-she-replied",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LEAD_VOICE)
def test_lead_voice(text, expected):
    assert _kinds(text) == expected


# --- inflection, no diacritics, names in other cases ---------------------------------------------

NAMES = [
    _case(
        "Rozmowa z Kacprem Nowakiem z firmy Drewmax.",
        ("Kacper Nowak", "Drewmax"),
        "instrumental-male",
    ),
    _case(
        "Spotkanie z Anną Kowalską z Betaplast Sp. z o.o.",
        ("Anna Kowalska", "Betaplast Sp. z o.o."),
        "instrumental-female",
    ),
    _case(
        "Mail od Marty Wiśniewskiej z firmy Lumen.",
        ("Marta Wiśniewska", "Lumen"),
        "genitive-female",
    ),
    _case(
        "Dzwoniłem do Piotra Zielińskiego z Alterbud.",
        ("Piotr Zieliński", "Alterbud"),
        "genitive-male",
    ),
    _case(
        "Rozmowa z Anna Kowalska z firmy Drewmax.",
        ("Anna Kowalska", "Drewmax"),
        "nominative-nodiac",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names(text, expected):
    e = _extract(text)
    assert (e.contact.name, e.company.name) == expected


def test_contact_fields_with_abbreviations():
    c = _extract(
        "mgr inż. Paweł Kruk, kier. produkcji, kom. 601 222 333, pawel.kruk@alfa-pol.pl"
    ).contact
    assert (c.name, _value(c.seniority), _value(c.department)) == (
        "Paweł Kruk",
        "manager",
        "operations",
    )
    assert c.phone == "601 222 333" and c.email == "pawel.kruk@alfa-pol.pl"


def test_record_labels():
    e = _extract(
        "Klient: Drewmax\nKontakt: Ewa Mróz, kierownik zakupów\nTel.: 600 123 456\n"
        "Notatki: prosi o ofertę na 20 licencji."
    )
    assert (e.contact.name, e.company.name, e.contact.phone) == (
        "Ewa Mróz",
        "Drewmax",
        "600 123 456",
    )
    assert (_value(e.contact.seniority), _value(e.contact.department)) == ("manager", "procurement")
    assert _kinds("Klient: Drewmax\nNotatki: prosi o ofertę na 20 licencji.") == {"quote_request"}


def test_company_label_firma():
    assert (
        _extract("Firma: Betaplast\nStanowisko: kierownik marketingu").company.name == "Betaplast"
    )


# --- sizes ---------------------------------------------------------------------------------------

SIZES = [
    _case("Firma zatrudnia ok. 200 prac.", 200, "approx-abbrev"),
    _case("Ok. 1 200 pracowników w trzech zakładach.", 1200, "spaced-thousands"),
    _case("45-osobowa firma z Gdańska.", 45, "n-osobowa"),
    _case("Jest nas dwóch, ja i wspólnik.", 2, "jest-nas-dwoch"),
    _case("Jednoosobowa działalność, pracuje sama.", 1, "sole-trader"),
    _case("Zatrudniają około 80 osób.", 80, "okolo-osob"),
    _case("Jej zespół liczy 6 osób, cała firma ma 250 pracowników.", 250, "team-is-not-company"),
    _case("Mają 40 aktywnych użytkowników w trialu.", None, "users-are-not-staff"),
    _case("Jest nas troje.", 3, "jest-nas-troje"),
    _case("Firma zatrudnia kilkunastu pracowników.", None, "vague-no-number"),
    _case("Dyr. handlowy, ok. 3 tys. prac., obroty 150 mln zł.", 3000, "tys-prac"),
    _case("Zatrudniają 2,5 tys. pracowników.", 2500, "decimal-thousands"),
    _case("Zespół 30-osobowy, cała spółka to ok. 400 osób.", 400, "team-then-company"),
    _case("Mała firma, jest nas pięciu.", 5, "jest-nas-pieciu"),
    _case("Działa sama, JDG.", 1, "jdg"),
    _case("Na webinarze było 50 osób, ona jedyna z firmy.", None, "attendees-are-not-staff"),
]


@pytest.mark.parametrize(("text", "expected"), SIZES)
def test_sizes(text, expected):
    assert _extract(text).company.employees == expected


# --- counts and lists -----------------------------------------------------------------------------

COUNTS = [
    _case("Pobrała trzy e-booki.", ("content_download", 3), "three-ebooks"),
    _case("Pobrał checklistę i szablon.", ("content_download", 2), "list-of-two"),
    _case(
        "Pobrał checklistę, szablon i raport.",
        ("content_download", 3),
        "list-of-three-commas",
    ),
    _case("Odwiedził stronę 5 razy.", ("website_visit", 5), "five-times"),
    _case("Otworzyła dwukrotnie maila z ofertą.", ("email_open", 2), "twice"),
    _case("Kliknął 4x w link z newslettera.", ("email_click", 4), "4x"),
    # "drugi raz": a second time, so two (x-pl-B-050)
    _case(
        "Oglądała cennik w poniedziałek i drugi raz w środę.",
        ("pricing_page_visit", 2),
        "drugi-raz",
    ),
    _case("Odwiedził cennik po raz trzeci.", ("pricing_page_visit", 3), "po-raz-trzeci"),
]


@pytest.mark.xfail(
    reason="engine: the verb of the second half is left out ('..., a checklistę i szablon wczoraj'): "
    "the objects after 'a' are not read with the act before it (x-pl-A-057)",
    strict=True,
)
def test_gapped_verb_counts_its_objects():
    found = [
        i
        for i in _extract(
            "Raport pobrał w zeszłym tygodniu, a checklistę i szablon wczoraj."
        ).interactions
        if str(getattr(i.kind, "value", i.kind)) == "content_download"
    ]
    assert sum(i.count for i in found) == 3


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text, expected):
    kind, count = expected
    found = {str(getattr(i.kind, "value", i.kind)): i.count for i in _extract(text).interactions}
    assert found.get(kind) == count


# --- titles -> seniority and department -----------------------------------------------------------

TITLES = [
    _case("Anna Nowak, prezes zarządu Drewmax.", ("executive", "executive"), "prezes"),
    _case(
        "Rozmawiałem z właścicielką sklepu, Ewą Lis.", ("executive", "executive"), "wlascicielka"
    ),
    _case("Tomasz Wrona, wiceprezes ds. sprzedaży.", ("vp", "sales"), "wiceprezes"),
    _case("Jan Kos, dyr. ds. IT w firmie Alfa.", ("director", "it"), "dyr-abbrev"),
    _case("Ewa Lis, dyrektor finansowy.", ("director", "finance"), "dyrektor-finansowy"),
    _case("Marek Sowa, kier. działu logistyki.", ("manager", "operations"), "kier-abbrev"),
    _case("Kierowniczka ds. marketingu, Ola Kruk.", ("manager", "marketing"), "kierowniczka"),
    _case("Piotr Lis, specjalista ds. zakupów.", ("individual", "procurement"), "specjalista"),
    _case("Agata Mróz, analityczka danych.", ("individual", "other"), "analityczka"),
    _case("Kamil Sęk, stażysta w dziale HR.", ("entry", "hr"), "stazysta"),
    _case(
        "Młodszy specjalista ds. marketingu w firmie Alfa.",
        ("entry", "marketing"),
        "mlodszy-specjalista",
    ),
    _case("Head of Marketing w Drewmax, Iga Pawlak.", ("director", "marketing"), "english-title"),
    _case("Zofia Brzoza, CFO w Lumen.", ("executive", "finance"), "cfo"),
    _case("Paweł Nowicki, właściciel firmy transportowej.", ("executive", "executive"), "owner"),
    _case("Dyr. handlowy w firmie Alfa, Jan Kos.", ("director", "sales"), "dyr-handlowy"),
    _case(
        "Pani Joanna Lis, HR Business Partner w sieci hoteli Aurora.", ("individual", "hr"), "hrbp"
    ),
    _case("Zastępca dyrektora handlowego, Adam Bąk.", ("director", "sales"), "deputy-director"),
    _case("Główna księgowa w biurze rachunkowym.", ("manager", "finance"), "chief-accountant"),
    _case("Członek zarządu ds. finansowych, Ewa Kot.", ("executive", "executive"), "board-member"),
    _case("Katarzyna Mazur, koordynatorka projektów IT.", ("individual", "it"), "coordinator-it"),
    _case("Młodsza księgowa, Ola Wrona.", ("entry", "finance"), "junior-accountant"),
    _case(
        "Ewelina Górska – CMO, Fintechy sp. z o.o., Warszawa.", ("executive", "marketing"), "cmo"
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles(text, expected):
    c = _extract(text).contact
    assert (_value(c.seniority), _value(c.department)) == expected


# --- industries ------------------------------------------------------------------------------------

INDUSTRIES = [
    _case("Drewmax to polski producent mebli, zatrudnia 120 osób.", "manufacturing", "producer"),
    _case("Drewmax to producent mebli z Podkarpacia.", "manufacturing", "producer-short-sentence"),
    _case(
        "Lumen (sklep internetowy z odzieżą) szuka narzędzia do maili.", "ecommerce", "online-shop"
    ),
    _case("Alterbud to software house z Wrocławia.", "it_services", "software-house"),
    _case(
        "Firma Kordex zajmuje się spedycją i transportem międzynarodowym.",
        "logistics",
        "forwarding",
    ),
    _case("Sieć 12 klinik stomatologicznych.", "healthcare", "dental-clinics"),
    _case("Agencja marketingowa z Krakowa, 15 osób.", "marketing_agency", "agency"),
    _case("Prowadzą hotel i restaurację w Zakopanem.", "hospitality", "hotel"),
    _case("Betasoft tworzy oprogramowanie dla hoteli.", "software", "software-for-hotels"),
    _case("Biuro rachunkowe z Lublina, obsługuje 200 firm.", "financial_services", "accounting"),
    _case("Urząd gminy Dębnica, wydział promocji.", "public_sector", "municipality"),
    _case("Firma montuje instalacje fotowoltaiczne.", "energy", "solar"),
    _case("Szkoła językowa z Torunia, 3 placówki.", "education", "language-school"),
    _case("Deweloper mieszkaniowy z Gdyni.", "real_estate", "developer"),
    _case(
        "Anna Wisniewska, wlascicielka sklepu internetowego z Lodzi.",
        "ecommerce",
        "online-shop-nodiac",
    ),
    _case(
        "Zgłoszenie od firmy Orion (e-commerce, 60 osób, Poznań).",
        "ecommerce",
        "bracket-description",
    ),
    _case("Tomasz z firmy Kordex (spedycja), zapytał o cennik.", "logistics", "bracket-forwarding"),
    _case("Prowadzą piekarnię rodzinną w Radomiu.", "hospitality", "bakery"),
    # a shop "z <goods> online" / "<kind> online" sells online (x-pl-A-057, d-pl-007)
    _case("Sklep z winami online, 12 osób.", "ecommerce", "shop-with-goods-online"),
    _case("Sklep rowerowy online z Gdyni.", "ecommerce", "shop-kind-online"),
    # a system for someone by its acronym (x-pl-A-024)
    _case("Cargix (TMS dla firm transportowych, Łódź).", "software", "tms-for"),
    _case("Producent prefabrykatów betonowych z Opola.", "manufacturing", "precast-concrete"),
    _case("Serwis AGD z Radomia, dwie osoby.", "other", "appliance-repair"),
    _case("Wynajem aut dla firm, 40 osób.", "other", "car-rental"),
    _case(
        "Pisze pracę magisterską o automatyzacji marketingu w e-commerce.",
        None,
        "thesis-topic-far",
        xfail="engine: topic_of is looked for only 3 words before an industry word; 'pracę magisterską o "
        "automatyzacji marketingu w e-commerce' is a thesis topic 6 words on (x-pl-A-019, B-015)",
    ),
    _case(
        "Wiadomość klienta: w sklepie korzystamy z waszej wtyczki.\n"
        "Jan Kos, Modnisia.pl (sklep internetowy z obuwiem), Łódź",
        "ecommerce",
        "domain-name-description",
        xfail="engine: a company named with its domain ('Modnisia.pl') is not found, so its bracket is "
        "no description and 'w sklepie' earlier gives retail (x-pl-B-031)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INDUSTRIES)
def test_industries(text, expected):
    assert _value(_extract(text).company.industry) == expected


# --- places -----------------------------------------------------------------------------------------

PLACES = [
    _case("Firma z siedzibą w Krakowie.", ("PL", "Kraków"), "w-krakowie"),
    _case("Producent okien z Poznania.", ("PL", "Poznań"), "z-poznania"),
    _case("Biuro mają we Wrocławiu.", ("PL", "Wrocław"), "we-wroclawiu"),
    _case("Centrala w Lodzi, oddzialy w calej Polsce.", ("PL", None), "w-lodzi-nodiac"),
    _case("Niemiecka spółka, biuro w Monachium.", ("DE", "Monachium"), "german-company"),
    _case("Firma z Niemiec, mówią tylko po angielsku.", ("DE", None), "from-germany"),
    _case("Siedziba w Gdansku.", ("PL", "Gdańsk"), "gdansk-nodiac"),
    _case("ul. Piękna 12, 00-549 Warszawa", ("PL", "Warszawa"), "street-address"),
    _case("Firma z Wroclawia, ok. 50 osob.", ("PL", "Wrocław"), "z-wroclawia-nodiac"),
    _case("Przedstawiciel handlowy na region Śląska.", ("PL", None), "region"),
    _case(
        "Kontakt z targów ITM w Poznaniu. Rozmawiałem z Kamilem Zielińskim (CTO, Softlab).",
        (None, None),
        "event-city-is-not-company-city",
    ),
    # the neighbours' cities, Polish and local names (x-pl-A-046)
    _case("Tiskarna Beskydy, Ostrava.", ("CZ", "Ostrava"), "ostrava"),
    _case("Jan Novak, Tiskarna Moravia, Olomouc.", ("CZ", "Olomouc"), "olomouc"),
    _case(
        "Targi w Berlinie, skan na stoisku: Anna Nowak, Drewmax (producent mebli, Rzeszów).",
        ("PL", "Rzeszów"),
        "company-city-on-an-event-line",
    ),
    _case(
        "Ja: wysłałem link do trialu.\n---\nNotatka: Anna Nowak, Lemonstorm (Kraków, 28 osób).",
        ("PL", "Kraków"),
        "separator-ends-our-turn",
    ),
    _case(
        "Jan Kos, Kierownik Sprzedaży, Winiarnia Dobre Grono (sklep z winami online, 20 osób, Wrocław)",
        ("PL", "Wrocław"),
        "grono-is-no-swiss-town",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_places(text, expected):
    co = _extract(text).company
    country, city = expected
    assert _value(co.country) == country
    if city is not None:
        assert co.city is not None and fold(co.city).startswith(fold(city)[:4])


# --- BANT -----------------------------------------------------------------------------------------------

BANT = [
    _case(
        "Budżet zatwierdzony, 50 tys. zł na ten rok.", ("budget", "confirmed"), "budget-confirmed"
    ),
    _case("Budżet jest w przygotowaniu na przyszły rok.", ("budget", "planned"), "budget-planned"),
    _case("Nie mają budżetu na nowe narzędzia.", ("budget", "none"), "budget-none"),
    _case("Brak budżetu w tym roku.", ("budget", "none"), "budget-brak"),
    _case("O budżecie jeszcze nie rozmawialiśmy.", ("budget", None), "budget-not-discussed"),
    _case(
        "Decyzję podejmuje sama, bez zgody zarządu.",
        ("authority", "decision_maker"),
        "decides-herself",
    ),
    _case(
        "Decyzję podejmuje zarząd, ona przygotowuje rekomendację.",
        ("authority", "influencer"),
        "board-decides",
    ),
    _case("Musi to skonsultować z prezesem.", ("authority", "influencer"), "needs-approval"),
    _case("Nie jest osobą decyzyjną.", ("authority", "influencer"), "not-decision-maker"),
    _case(
        "Decyzję podejmuje dyrektor operacyjny.", ("authority", "influencer"), "verb-subject-order"
    ),
    _case("Decyduje jej szef.", ("authority", "influencer"), "her-boss-decides"),
    _case(
        "Ona decyduje, podpisuje umowy do 100 tys.", ("authority", "decision_maker"), "she-signs"
    ),
    _case("Budżetu na razie nie ma.", ("budget", "none"), "object-first-no-budget"),
    _case(
        "Budżetu nie mają, może w przyszłym roku.", ("budget", "planned"), "none-now-planned-later"
    ),
    _case("Budżet to 40 tys. zł.", ("budget", "confirmed"), "budget-amount"),
    _case("Budżet na szkolenia jest zamrożony.", ("budget", "none"), "budget-frozen"),
    _case("Budzet zatwierdzony przez zarzad.", ("budget", "confirmed"), "budget-nodiac"),
    # the object first in the genitive of negation, far from its "nie mają" (x-pl-B-018)
    _case(
        "Budżetu na nowe narzędzia w tym roku nie mają.",
        ("budget", "none"),
        "genitive-far-no-budget",
    ),
    # nothing set aside after a label "Budżet:" (x-pl-B-027)
    _case(
        "Budżet: konkretnej kwoty brak, nic nie odłożone.", ("budget", "none"), "nothing-set-aside"
    ),
    # the future negated is none, not planned (d-pl-008)
    _case(
        "Budżetu nie mają i w przyszłym roku też nie będą mieć.",
        ("budget", "none"),
        "wont-have-budget",
    ),
    _case("Decyzja jest po jego stronie.", ("authority", "decision_maker"), "decision-is-his"),
    # it goes to a boss first, someone else stamps it (x-pl-B-011, A-055)
    _case("Musi to najpierw pokazać szefowi.", ("authority", "influencer"), "show-it-to-the-boss"),
    _case("Budżet musi przyklepać zarząd.", ("authority", "influencer"), "board-must-stamp"),
    _case(
        "Termin: nie wiadomo, może kiedyś w przyszłym roku.",
        ("timeline_days", None),
        "hedged-timeline",
        xfail="engine: _timeline reads no hedge ('może kiedyś w przyszłym roku' is no deadline; "
        "x-pl-B-013)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BANT)
def test_bant(text, expected):
    field, value = expected
    assert _value(getattr(_extract(text).bant, field)) == value


def test_need_is_stated():
    need = _extract("Leady prowadzą ręcznie w Excelu i gubią połowę zapytań.").bant.need
    assert need is not None and "Excel" in need


NEEDS = [
    # "problem", "celem" end in "-lem" but are no first-person verbs (x-pl-A-025)
    _case("Ma problem z gubieniem leadów.", "problem", "problem-is-no-first-person"),
    _case("Celem jest skrócenie czasu odpowiedzi na leady.", "Celem", "celem-is-no-first-person"),
    # what they lack, what they need or look for named (x-pl-A-036, B-019, B-029)
    _case("Brakuje im raportów dla zarządu.", "raportów", "brakuje-im"),
    _case("Potrzebujemy CRM-a z integracją z Allegro.", "CRM", "potrzebujemy-crm"),
    _case("Szukają czegoś do obsługi zapytań.", "czegoś", "szukaja-czegos"),
]


@pytest.mark.parametrize(("text", "expected"), NEEDS)
def test_needs(text, expected):
    need = _extract(text).bant.need
    assert need is not None and expected in need


def test_timeline_end_of_quarter():
    days = _extract("Chcą wdrożyć system do końca września.").bant.timeline_days
    assert days is not None and 90 <= days <= 110


def test_revenue_in_millions():
    assert _extract("Obroty ok. 12 mln zł rocznie.").company.annual_revenue == 12_000_000


def test_budget_amount_in_thousands():
    assert _extract("Budżet: 80 tys. zł, zatwierdzony przez zarząd.").bant.budget_amount == 80_000


def test_decision_within_two_weeks():
    assert _extract("Decyzja w ciągu 2 tygodni.").bant.timeline_days == 14


def test_follow_up_is_no_timeline():
    assert _extract("Oddzwonić w czwartek.").bant.timeline_days is None


# --- disqualifiers -----------------------------------------------------------------------------------

DISQUALIFIERS = [
    _case("Nie jesteśmy zainteresowani, dziękujemy.", {"not_interested"}, "not-interested-we"),
    _case(
        "Klient nie jest zainteresowany, prosi o niekontaktowanie się.",
        {"not_interested"},
        "not-interested-he",
    ),
    _case("Na razie nie są zainteresowani, wrócić po wakacjach.", set(), "not-now-is-soft"),
    _case("Pracuje u konkurencji, pewnie robi rozpoznanie.", {"competitor"}, "competitor"),
    _case("Robią też narzędzie do lead scoringu.", {"competitor"}, "we-build-too"),
    _case(
        "Porównują nas z konkurencją, rozważają też ofertę Beta.",
        set(),
        "comparing-is-no-competitor",
    ),
    _case("Studentka, pisze pracę magisterską o marketingu automation.", {"student"}, "student"),
    _case("Szuka pracy, przysłał CV.", {"job_seeker"}, "job-seeker"),
    _case("Wybrali innego dostawcę.", {"not_interested"}, "went-elsewhere"),
    _case(
        "PoC odrzucony, wybrali konkurencję.",
        {"not_interested"},
        "chose-competitor-is-no-competitor",
    ),
    _case("Jest studentem, robi projekt na zaliczenie.", {"student"}, "student-male"),
    _case("Wyslal CV i pytal, czy szukamy handlowcow.", {"job_seeker"}, "cv-nodiac"),
    _case(
        "Nasz bezpośredni konkurent, robią podobne narzędzie.", {"competitor"}, "direct-competitor"
    ),
    _case(
        "Korzystają z rozwiązania konkurencji, umowa kończy się w marcu.",
        set(),
        "uses-competitor-is-a-prospect",
    ),
    _case("Prosi, żeby więcej nie dzwonić.", {"not_interested"}, "do-not-call"),
    _case(
        "Nie odbiera telefonu, maile bez odpowiedzi. Zamykam temat.",
        set(),
        "we-close-is-no-disqualifier",
    ),
    _case("Nigdy nie byli zainteresowani, usunąć z bazy.", {"not_interested"}, "remove-from-db"),
    _case(
        'Napisała: "nie jesteśmy zainteresowani współpracą".',
        {"not_interested"},
        "quoted-not-interested",
    ),
    _case("Robi doktorat z marketingu, zbiera dane do pracy.", {"student"}, "phd"),
    _case("Szkoła językowa dla 300 uczniów.", set(), "pupils-are-customers"),
    # "studiuje" alone also reads something closely
    _case("Klient studiuje naszą ofertę i wróci w piątek.", set(), "studies-the-offer"),
    _case("Studiuje zaocznie marketing, pracuje w sklepie.", {"student"}, "studies-part-time"),
    _case(
        "Nie jest zainteresowana demo, ale chce wycenę.",
        set(),
        "not-interested-in-one-thing",
    ),
    # "nie dzwonić" is the infinitive: the past "nie dzwoniłem" is our side not calling yet
    _case("Nie dzwoniłem do niego, wysłałem maila.", set(), "i-did-not-call"),
    _case("Nie kontaktowała się z nami od marca.", set(), "she-did-not-get-in-touch"),
    _case("Proszę więcej nie dzwonić.", {"not_interested"}, "do-not-call-again"),
    _case(
        "Nie jesteśmy zainteresowani ani teraz, ani w przyszłości.",
        {"not_interested"},
        "not-now-nor-ever",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DISQUALIFIERS)
def test_disqualifiers(text, expected):
    found = {str(getattr(d.kind, "value", d.kind)) for d in _extract(text).disqualifiers}
    assert found == expected


# --- lead source -----------------------------------------------------------------------------------

SOURCES = [
    _case("Lead z polecenia od naszego klienta.", "referral", "referral"),
    _case("Poznałem go na targach w Kielcach.", "event", "event"),
    _case("Zimny telefon z listy wystawców.", "outbound", "outbound"),
    _case("Sam się zgłosił przez formularz na stronie.", "inbound", "inbound"),
    _case("Przyszła z reklamy na LinkedInie.", "paid", "paid"),
    _case("Klientka zadzwoniła sama w sprawie oferty.", "inbound", "called-by-herself"),
    _case("Poleciła nas jej koleżanka z firmy Orion.", "referral", "recommended-us"),
    _case("Wysłaliśmy sekwencję 4 maili, otworzyła wszystkie.", "outbound", "sequence"),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES)
def test_sources(text, expected):
    assert _value(_extract(text).lead_source) == expected
