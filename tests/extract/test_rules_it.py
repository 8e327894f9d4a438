"""Rules extractor, Italian: every interaction kind with inflected and colloquial forms,
negation and not-yet, counts, dates, titles, places, industries, BANT, disqualifiers."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import AS_OF, kinds, one, read

KIND_CASES = [
    ("website_visit", "Ha visitato il nostro sito tre volte."),
    ("website_visit", "È tornata sul nostro blog ieri."),
    ("pricing_page_visit", "Ha guardato la pagina prezzi due volte."),
    ("pricing_page_visit", "Ha consultato il listino online."),
    ("content_download", "Ha scaricato la guida sulla fatturazione elettronica."),
    ("content_download", "Hanno scaricato l'ebook sul CRM."),
    ("newsletter_signup", "Si è iscritta alla newsletter."),
    ("form_submission", "Ha compilato il modulo contatti sul sito."),
    ("webinar_registration", "Si è registrato al webinar di giovedì."),
    ("webinar_attendance", "Ha partecipato al webinar sulla logistica."),
    ("event_attendance", "L'abbiamo conosciuto al nostro stand in fiera a Bologna."),
    ("email_open", "Ha aperto le ultime 3 email della sequenza."),
    ("email_click", "Ha cliccato il link nella mail di benvenuto."),
    ("email_reply", "Ha risposto alla nostra mail chiedendo i tempi di attivazione."),
    ("social_engagement", "Ci segue su LinkedIn e ha messo mi piace a un post."),
    ("ad_click", "È arrivato dall'annuncio su Google."),
    ("ad_click", "Ha cliccato sull'annuncio Facebook della promo."),
    ("cart_add", "Ha messo due licenze nel carrello."),
    ("wishlist_add", "Ha salvato il pacchetto tra i preferiti."),
    ("free_trial_signup", "Ha attivato la prova gratuita lunedì."),
    ("product_usage", "Durante la prova la usano attivamente, 8 utenti attivi."),
    ("demo_request", "Ha chiesto una demo per il suo team."),
    ("quote_request", "Vuole un preventivo per 20 postazioni."),
    ("quote_request", "Ci ha chiesto un'offerta per tre sedi."),
    ("contact_sales", "Vuole parlare con un commerciale."),
    ("contact_sales", "Chiede di essere ricontattato domani."),
    ("meeting_booked", "Abbiamo fissato una call per martedì."),
    ("upgrade_request", "Vogliono passare al piano a pagamento."),
    ("unsubscribe", "Si è disiscritto dalla newsletter."),
    ("email_bounce", "La mail è tornata indietro, indirizzo non valido."),
]


@pytest.mark.parametrize(
    ("kind", "text"), KIND_CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(KIND_CASES)]
)
def test_each_kind(kind: str, text: str) -> None:
    assert kind in kinds(text, "it")


NEGATED = [
    "Non ha ancora chiesto un preventivo.",
    "Non ha scaricato nulla.",
    "Nessuna richiesta di demo per ora.",
    "Demo per ora no, prima ne parla con il capo.",
    "Non si è iscritto alla newsletter.",
    "Non ha mai risposto alle nostre mail.",
    "Non hanno ancora prenotato una call.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negation_gives_nothing(text: str) -> None:
    assert kinds(text, "it") == set()


def test_plural_and_feminine_forms() -> None:
    assert kinds("Hanno scaricato due whitepaper e si sono iscritte al webinar.", "it") == {
        "content_download",
        "webinar_registration",
    }


def test_registered_not_attended() -> None:
    assert kinds("Si è registrata al webinar ma non ha partecipato.", "it") == {
        "webinar_registration"
    }


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Ha scaricato due whitepaper.", "content_download", 2),
        ("È stato tre volte sulla pagina prezzi.", "pricing_page_visit", 3),
        ("Ha aperto 5 email.", "email_open", 5),
    ],
)
def test_counts(text: str, kind: str, count: int) -> None:
    assert one(text, kind, "it").count == count


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("Ieri ha scaricato la guida.", "content_download", date(2025, 6, 17)),
        ("L'altro ieri si è iscritta alla newsletter.", "newsletter_signup", date(2025, 6, 16)),
        ("La settimana scorsa ha partecipato al webinar.", "webinar_attendance", date(2025, 6, 11)),
        ("Il 3 marzo ha compilato il modulo contatti.", "form_submission", date(2025, 3, 3)),
        ("12/05/2025  Download ebook", "content_download", date(2025, 5, 12)),
    ],
)
def test_dates(text: str, kind: str, day: date) -> None:
    assert one(text, kind, "it").occurred_on == day


@pytest.mark.parametrize(
    ("text", "seniority", "department"),
    [
        ("Marco Neri, amministratore delegato di Neri Spa", "executive", "executive"),
        ("Lucia Riva, titolare di Riva Ottica", "executive", "executive"),
        ("Gianni Ferro, direttore commerciale di Ferro Srl", "director", "sales"),
        ("Sara Conti, responsabile marketing di Conti Moda", "manager", "marketing"),
        ("Paolo Gatti, responsabile amministrazione di Gatti Srl", "manager", "finance"),
        ("Elisa Moro, responsabile ufficio acquisti di Moro Spa", "manager", "procurement"),
        ("Luca Sala, responsabile risorse umane di Sala Group", "manager", "hr"),
        ("Anna Villa, IT manager di Villa Assicurazioni", "manager", "it"),
        ("Marta Riva, specialista marketing di Riva Srl", "individual", "marketing"),
        ("Franco Bassi, vicepresidente vendite di Bassi Spa", "vp", "sales"),
        ("Giulia Greco, stagista marketing di Greco Srl", "entry", "marketing"),
    ],
)
def test_titles(text: str, seniority: str, department: str) -> None:
    contact = read(text + ".", "it").contact
    assert contact.seniority is not None and contact.seniority.value == seniority
    assert contact.department is not None and contact.department.value == department


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Azienda con sede a Torino.", "IT"),
        ("Hanno la sede a Monaco di Baviera.", "DE"),
        ("Lavorano soprattutto in Germania.", "DE"),
        ("È una società polacca.", "PL"),
    ],
)
def test_places(text: str, country: str) -> None:
    assert read(text, "it").company.country == country


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Rossi Srl (e-commerce di abbigliamento, 30 dipendenti)", "ecommerce"),
        ("Bianchi Spa (produzione di componenti meccanici)", "manufacturing"),
        ("Verdi & C. (agenzia di comunicazione)", "marketing_agency"),
        ("Studio Neri (studio dentistico)", "healthcare"),
        ("Hotel Aurora (catena di hotel a Rimini)", "hospitality"),
        ("Trasporti Gallo (autotrasporti e logistica)", "logistics"),
        ("Comune di Lecco (ente pubblico)", "public_sector"),
        ("Banca Lario (istituto di credito)", "financial_services"),
    ],
)
def test_industries(text: str, industry: str) -> None:
    company = read(f"Contatto da {text}.", "it").company
    assert company.industry is not None and company.industry.value == industry


def test_employees_written_with_dots() -> None:
    assert read("Gruppo Serra, 1.200 dipendenti, Padova.", "it").company.employees == 1200


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Budget: 20.000 € già approvati dal CdA.", "confirmed"),
        ("Il budget lo stanno definendo per il prossimo anno.", "planned"),
        ("Non hanno budget quest'anno.", "none"),
    ],
)
def test_budget(text: str, budget: str) -> None:
    bant = read(text, "it").bant
    assert bant.budget is not None and bant.budget.value == budget


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Decide lui, non deve chiedere a nessuno.", "decision_maker"),
        ("Prima ne parla con il suo capo.", "influencer"),
        ("Lei prepara la proposta, firmano i soci.", "influencer"),
    ],
)
def test_authority(text: str, authority: str) -> None:
    bant = read(text, "it").bant
    assert bant.authority is not None and bant.authority.value == authority


def test_need_and_timeline() -> None:
    bant = read(
        "Problema: gestiscono gli ordini su Excel. Vogliono partire entro fine luglio.", "it"
    ).bant
    assert bant.need
    assert bant.timeline_days == 43


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("È una studentessa e le serve materiale per la tesi.", "student"),
        ("Sta cercando lavoro e vorrebbe candidarsi.", "job_seeker"),
        ("Lavora per un nostro concorrente diretto.", "competitor"),
        ("Ci ha detto che non sono interessati.", "not_interested"),
    ],
)
def test_disqualifiers(text: str, kind: str) -> None:
    assert kind in {d.kind.value for d in read(text, "it").disqualifiers}


def test_interest_is_not_a_disqualifier() -> None:
    assert read("Il tema le interessa molto.", "it").disqualifiers == []


def test_as_of_is_the_reference() -> None:
    assert one("Oggi ha chiesto una demo.", "demo_request", "it").occurred_on == AS_OF
