"""Rules extractor on phrasings it was not tuned on: general causes found on held-out notes
(date attachment, names, coordinated objects, industry families), each with fresh wording."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import AS_OF, one, read

YESTERDAY = date(2025, 6, 17)


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "lang", "want"),
    [
        # a date in a clause of the same sentence that names no other action
        ("Form 'Schedule a demo' - received yesterday at 16:10", "demo_request", "en", YESTERDAY),
        (
            "Chiese un preventivo a maggio (12/05/2025), poi più nulla.",
            "quote_request",
            "it",
            date(2025, 5, 12),
        ),
        (
            "Mail do j.kowal@firma.pl odbił się wczoraj (skrzynka nie istnieje).",
            "email_bounce",
            "pl",
            YESTERDAY,
        ),
        # "same day": the day named last before it
        (
            "Clicked our LinkedIn ad on 2 June and downloaded the pricing guide the same day.",
            "content_download",
            "en",
            date(2025, 6, 2),
        ),
        (
            "Il 3 giugno ha visitato il sito e lo stesso giorno ha scaricato l'ebook.",
            "content_download",
            "it",
            date(2025, 6, 3),
        ),
        (
            "5 czerwca kliknął reklamę, tego samego dnia pobrał e-booka.",
            "content_download",
            "pl",
            date(2025, 6, 5),
        ),
        # a reply that asks for something dates the ask
        (
            'On Monday he answered our follow-up: "could you send a quote for 20 seats?"',
            "quote_request",
            "en",
            date(2025, 6, 16),
        ),
        # the message of the day before carries the ask
        (
            "Wczoraj napisała do nas na czacie Anna Wolska. Prosi o wycenę dla 8 osób.",
            "quote_request",
            "pl",
            YESTERDAY,
        ),
    ],
)
def test_date_reaches_the_action(text: str, kind: str, lang: str, want: date) -> None:
    assert one(text, kind, lang).occurred_on == want


@pytest.mark.parametrize(
    ("text", "kind", "lang"),
    [
        # a coming event in the clause is not the day of the action
        (
            "Il 10 giugno ha aperto la newsletter, si è iscritta al webinar del 30 giugno.",
            "webinar_registration",
            "it",
        ),
        # a sequence word ends the reach of a date opening the sentence
        ("Wczoraj kliknął reklamę, następnie: dodał pakiet do koszyka.", "cart_add", "pl"),
        # reported speech: the day is the message's, not the trial's
        (
            "She wrote yesterday that their free trial ends soon and they want to upgrade.",
            "free_trial_signup",
            "en",
        ),
    ],
)
def test_date_does_not_reach(text: str, kind: str, lang: str) -> None:
    found = [i for i in read(text, lang).interactions if i.kind.value == kind]
    assert all(i.occurred_on is None for i in found)


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Priya Nair, Head of Growth at Tallowby, opened three emails on Monday", "Priya Nair"),
        ("Kenji Mori from Sablewood registered for the webinar", "Kenji Mori"),
        ("Spoke with Hannah Iles at the expo, she wants a quote", "Hannah Iles"),
        ("Call with Dr. Paul Grant today, he asked for pricing", "Paul Grant"),
        ("Today Nora Quinn (COO, Veldt Labs) asked for a demo", "Nora Quinn"),
        ("Oggi Paolo Conti (CFO, Lumen Srl) ha chiesto un preventivo", "Paolo Conti"),
        ("Chiamata con Elena Serra di Vetrerie Serra, vuole una demo", "Elena Serra"),
        (
            "Sig. Andrea Galli, direttore vendite di Orvat Srl, ha scaricato la guida",
            "Andrea Galli",
        ),
        ("Dzisiaj Pan Marek Zając, prezes Drewlux, poprosił o ofertę", "Marek Zając"),
        ("Rozmowa z Agnieszką Wróblewską z Femax, chce demo", "Agnieszka Wróblewska"),
        ("Na targach poznałem Michała Borowskiego, CTO w Softrex.", "Michał Borowski"),
    ],
)
def test_contact_name(text: str, want: str) -> None:
    assert read(text).contact.name == want


def test_inflected_city_is_given_in_the_nominative() -> None:
    e = read("Kierownik zakupów w hurtowni z Poznania, pobrał katalog.", "pl")
    assert (e.company.city, e.company.country) == ("Poznań", "PL")


# --- coordinated objects ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Pobrał katalog i trzy poradniki w zeszłym tygodniu.", "pl", 4),
        ("She downloaded the buyer's guide and two templates on Monday.", "en", 3),
        ("Ha scaricato il report e una checklist ieri.", "it", 2),
    ],
)
def test_coordinated_objects_of_a_download_add_up(text: str, lang: str, count: int) -> None:
    found = one(text, "content_download", lang)
    assert found.count == count
    assert found.occurred_on is not None


def test_a_coordinated_action_is_not_an_object() -> None:
    assert one("Downloaded the report and booked a call.", "content_download", "en").count == 1


# --- industry families -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "industry"),
    [
        ("Buyer at Ambrel (a firm that makes organic snacks, Bristol).", "en", "manufacturing"),
        ("Ops lead at Kestrel Systems (managed IT services for schools).", "en", "it_services"),
        ("Founder of Parsley Box (online meal kit shop, 40 staff).", "en", "ecommerce"),
        ("They build a churn-prediction tool themselves.", "en", "software"),
        ("Responsabile acquisti di un'azienda manifatturiera di Brescia.", "it", "manufacturing"),
        ("CEO di Gestio srl (gestionali per studi dentistici, Bari).", "it", "software"),
        ("Kierownik zakupów w firmie produkcyjnej z Radomia.", "pl", "manufacturing"),
        ("Dyrektor w Drewbud (wytwórca okien, 300 osób).", "pl", "manufacturing"),
        ("Prezes w Netcore (integrator IT, 80 osób).", "pl", "it_services"),
        ("Partner w Lexim (kancelaria prawna, 12 osób).", "pl", "other"),
    ],
)
def test_industry_families(text: str, lang: str, industry: str) -> None:
    assert read(text, lang).company.industry == industry


# --- departments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "department", "seniority"),
    [
        ("Mia Holt, Customer Success Manager, Orbix Ltd", "en", "other", "manager"),
        ("Aldo Riva, sistemista presso Ferrix spa", "it", "it", "individual"),
        ("Jan Nowicki, partner zarządzający w Lexim", "pl", "executive", "executive"),
        ("Ola Zięba, team lead wsparcia IT w Datex", "pl", "it", "manager"),
        ("Lena Ode, e-commerce manager at Sorbet Shoes", "en", None, "manager"),
    ],
)
def test_department_follows_the_function(
    text: str, lang: str, department: str | None, seniority: str
) -> None:
    c = read(text, lang).contact
    assert (c.department, c.seniority) == (department, seniority)


def test_a_department_after_a_channel_word() -> None:
    c = read("Noel Park, Director of Ecommerce Sales at Kettle Co", "en").contact
    assert (c.department, c.seniority) == ("sales", "director")


# --- quoted titles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Joined the 'Demo Hour: pipelines in 20 minutes' session yesterday.", "en"),
        ("Ha seguito il webinar 'Demo live: report in 10 minuti' lunedì.", "it"),
        ("Był na szkoleniu 'Demo: raporty w 5 minut' we wtorek.", "pl"),
    ],
)
def test_a_demo_word_in_a_quoted_title_is_no_request(text: str, lang: str) -> None:
    assert "demo_request" not in {i.kind.value for i in read(text, lang).interactions}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Subject: RE: Demo invitation\n\nThanks, not for us right now.", "en"),
        ("Oggetto: R: Proposta di demo\n\nGrazie, non ci interessa.", "it"),
        ("Temat: Re: Propozycja demo\n\nDziękuję, nie jesteśmy zainteresowani.", "pl"),
    ],
)
def test_our_demo_proposal_in_a_subject_is_no_request(text: str, lang: str) -> None:
    assert "demo_request" not in {i.kind.value for i in read(text, lang).interactions}


def test_a_date_inside_a_quoted_title_is_not_the_action_date() -> None:
    found = one(
        "On Friday she downloaded 'Onboarding in 30 minutes' and the checklist.",
        "content_download",
        "en",
    )
    assert found.occurred_on == date(2025, 6, 13)


# --- cue families that overreached ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        ("Durante la chiamata ha detto che usano già un CRM.", "it", "contact_sales"),
        (
            "Il problema: perdono metà delle richieste di preventivo dei loro clienti.",
            "it",
            "quote_request",
        ),
        (
            "Pain: quote requests from their customers sit in a shared inbox for days.",
            "en",
            "quote_request",
        ),
        ("Problem: tracą zapytania o wycenę od swoich klientów.", "pl", "quote_request"),
        ("Umówił spotkanie z naszym handlowcem na czwartek.", "pl", "contact_sales"),
    ],
)
def test_no_hand_raise_from_a_bystander_word(text: str, lang: str, absent: str) -> None:
    assert absent not in {i.kind.value for i in read(text, lang).interactions}


def test_a_call_back_about_pricing_is_contact_sales_not_a_quote() -> None:
    found = {
        i.kind.value
        for i in read("She asked for someone to call her back about pricing.", "en").interactions
    }
    assert "quote_request" not in found


# --- the lead's own words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        (
            'Chat: "Hi, I downloaded your onboarding checklist and I\'ve been following your page for months, any student discount?"',
            "en",
            {"content_download", "social_engagement"},
        ),
        (
            'WhatsApp: "Salve, ho scaricato la vostra guida e mi sono iscritta alla newsletter, vi seguo da un anno."',
            "it",
            {"content_download", "newsletter_signup", "social_engagement"},
        ),
        (
            'Wiadomość: "Dzień dobry, pobrałem wasz poradnik i obserwuję was na Facebooku od dawna."',
            "pl",
            {"content_download", "social_engagement"},
        ),
    ],
)
def test_first_person_in_the_leads_message_is_the_lead(
    text: str, lang: str, want: set[str]
) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I downloaded their annual report to prepare the call.", "en"),
        ("Ho scaricato il loro listino per prepararmi.", "it"),
        ("Pobrałem ich raport roczny przed rozmową.", "pl"),
    ],
)
def test_the_reps_own_first_person_is_not_the_lead(text: str, lang: str) -> None:
    assert "content_download" not in {i.kind.value for i in read(text, lang).interactions}


def test_a_mail_from_the_lead_dates_its_ask_by_the_header() -> None:
    text = (
        "From: Tara Quill <tara@quillworks.io>\n"
        "Sent: Monday, 16 June 2025 09:12\n"
        "Subject: pricing\n\n"
        "Thanks for the deck. Could you send a quote for 40 seats?\n"
    )
    e = read(text, "en")
    assert {i.kind.value: i.occurred_on for i in e.interactions} == {
        "email_reply": date(2025, 6, 16),
        "quote_request": date(2025, 6, 16),
    }


def test_a_reply_subject_takes_the_received_date() -> None:
    text = "Mail ricevuta ieri:\nDa: Ugo Sarti <ugo@sarti.it>\nOggetto: R: materiali\n\nGrazie, ci sentiamo."
    assert one(text, "email_reply", "it").occurred_on == YESTERDAY


# --- BANT ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Talked budget with Ian: he's the one who decides, no committee involved.", "en"),
        ("Con Carla: è lei che firma, senza l'approvazione del CdA.", "it"),
        ("Rozmowa z Olą: to ona zatwierdza zakup.", "pl"),
    ],
)
def test_who_signs_is_the_decision_maker(text: str, lang: str) -> None:
    assert read(text, lang).bant.authority == "decision_maker"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Message: "we need a shared calendar for 6 stylists, bookings get lost"', "en"),
        ('Nel modulo: "dobbiamo capire come seguire i preventivi, ne perdiamo metà"', "it"),
        ('Formularz: "potrzebujemy narzędzia do grafiku, gubimy rezerwacje"', "pl"),
    ],
)
def test_a_need_in_the_leads_quoted_message(text: str, lang: str) -> None:
    assert read(text, lang).bant.need is not None


def test_a_deadline_with_an_abbreviated_month() -> None:
    assert read("Wants it running by 15 Sept.", "en").bant.timeline_days == 89


def test_a_plan_named_before_the_cart_is_no_intent() -> None:
    found = one("Added the Pro plan to the basket on 2 June, then left.", "cart_add", "en")
    assert found.occurred_on == date(2025, 6, 2)


@pytest.mark.parametrize(
    ("text", "lang", "kind", "want"),
    [
        (
            "Iscritta alla newsletter 2 sett. fa, poi niente.",
            "it",
            "newsletter_signup",
            date(2025, 6, 4),
        ),
        (
            "Pobrał e-booka 3 tyg. temu, od tej pory cisza.",
            "pl",
            "content_download",
            date(2025, 5, 28),
        ),
        ("Signed up to the newsletter 2 wks. ago.", "en", "newsletter_signup", date(2025, 6, 4)),
    ],
)
def test_abbreviated_units_in_ago_phrases(text: str, lang: str, kind: str, want: date) -> None:
    assert one(text, kind, lang).occurred_on == want


# --- disqualifiers and asks in the lead's words --------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        (
            'LinkedIn: "Salve, sono in cerca di una nuova posizione come analista, vi allego il mio CV."',
            "it",
            "job_seeker",
        ),
        (
            'Email: "Hello, I am looking for a new role in RevOps, my CV is attached."',
            "en",
            "job_seeker",
        ),
        ('Czat: "Dzień dobry, szukam nowej pracy, w załączeniu CV."', "pl", "job_seeker"),
        ("Heads-up: they sell a similar platform, probably researching us.", "en", "competitor"),
        ("Attenzione: vendono un prodotto simile al nostro.", "it", "competitor"),
        ("Uwaga: sprzedają podobne narzędzie, to rozpoznanie.", "pl", "competitor"),
    ],
)
def test_disqualifier_families(text: str, lang: str, kind: str) -> None:
    assert kind in {d.kind.value for d in read(text, lang).disqualifiers}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Web chat: could you email me your price list for 10 users?", "en"),
        ("Mi ha chiesto di mandargli i prezzi per 3 sedi.", "it"),
        ("Poprosiła o przesłanie cennika dla 20 osób.", "pl"),
    ],
)
def test_asking_to_be_sent_prices_is_a_quote_request(text: str, lang: str) -> None:
    kinds_found = {i.kind.value for i in read(text, lang).interactions}
    assert "quote_request" in kinds_found
    assert "pricing_page_visit" not in kinds_found


def test_sending_our_price_list_is_no_request() -> None:
    assert "quote_request" not in {
        i.kind.value for i in read("I sent her the price list after the call.", "en").interactions
    }


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ha aperto la pagina 'Prezzi e piani' due volte ieri.", "pricing_page_visit"),
        ("Si è iscritto alla newsletter e poi ha aperto l'email di benvenuto.", "email_open"),
    ],
)
def test_italian_page_names_and_elided_objects(text: str, kind: str) -> None:
    assert kind in {i.kind.value for i in read(text, "it").interactions}


def test_watching_the_price_list_is_no_webinar() -> None:
    text = "Lunedì ha seguito il webinar. Oggi ha guardato il listino sul sito."
    att = [i for i in read(text, "it").interactions if i.kind.value == "webinar_attendance"]
    assert len(att) == 1


# --- companies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Ana Lima (Finance Analyst, Moss & Pike Insurance) opened our email.",
            "Moss & Pike Insurance",
        ),
        ("Eric Vos, CFO, Dale & Stone Lending, asked for pricing.", "Dale & Stone Lending"),
    ],
)
def test_company_after_a_title_in_brackets_or_with_an_ampersand(text: str, company: str) -> None:
    e = read(text, "en")
    assert e.company.name == company
    assert e.company.industry is None  # only the name says what they do (SPEC section 2)


def test_polish_marketing_is_not_a_market() -> None:
    assert read("Piszę pracę o automatyzacji marketingu.", "pl").company.industry is None


# --- more date anchors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "lang", "want"),
    [
        (
            "Spoke to Dana this a.m. and she booked a call for Friday.",
            "meeting_booked",
            "en",
            AS_OF,
        ),
        (
            "Joined Tuesday's webinar. Grabbed the slides + the workbook right after the session.",
            "content_download",
            "en",
            date(2025, 6, 17),
        ),
        (
            "Ha partecipato ieri alla fiera. Ha scaricato la guida + il modello subito dopo l'evento.",
            "content_download",
            "it",
            YESTERDAY,
        ),
        (
            "[Drift chat, yesterday 16:40] Guest: hi, can someone send me a quote for 12 seats?",
            "quote_request",
            "en",
            YESTERDAY,
        ),
        (
            "HubSpot: new booking!\nDiscovery call booked today for next Wednesday by Jo Tan.",
            "meeting_booked",
            "en",
            AS_OF,
        ),
    ],
)
def test_date_anchors(text: str, kind: str, lang: str, want: date) -> None:
    assert one(text, kind, lang).occurred_on == want


def test_a_person_label_is_no_title() -> None:
    c = read("Referente: Ugo Neri, sistemista presso Alfa srl", "it").contact
    assert (c.name, c.job_title, c.department) == ("Ugo Neri", "sistemista", "it")


@pytest.mark.parametrize(
    ("text", "lang", "name", "company", "city"),
    [
        (
            "Maya Tran, Ops Manager, Fernhill Bakeries. Wants a quote.",
            "en",
            "Maya Tran",
            "Fernhill Bakeries",
            None,
        ),
        (
            "Liam Roe (COO, Tidewater Freight, 500 employees) asked for a demo.",
            "en",
            "Liam Roe",
            "Tidewater Freight",
            None,
        ),
        (
            "Nina Vale (nina@valeco.io) — founder of Valeco (12 staff, Leeds).",
            "en",
            "Nina Vale",
            "Valeco",
            "Leeds",
        ),
        ("Paola Neri, CEO, Torino. Ha chiesto una demo.", "it", "Paola Neri", None, "Torino"),
        ("Bounced twice. Company: Larkmoor Dental, 9 staff.", "en", None, "Larkmoor Dental", None),
    ],
)
def test_person_company_and_place_in_a_row(
    text: str, lang: str, name: str | None, company: str | None, city: str | None
) -> None:
    e = read(text, lang)
    assert (e.contact.name, e.company.name, e.company.city) == (name, company, city)


def test_invitees_are_not_the_headcount() -> None:
    assert (
        read("Trial since Monday, has invited 6 colleagues so far.", "en").company.employees is None
    )


def test_a_capitalised_verb_is_not_a_country() -> None:
    assert read("Usa attivamente la prova da lunedì.", "it").company.country is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Referred by a partner: she wants a call next week to discuss a rollout.", "en"),
        ("Ha chiesto una call per capire i costi di attivazione.", "it"),
        ("Prosi o kontakt w sprawie wdrożenia.", "pl"),
    ],
)
def test_asking_for_a_call_is_contact_sales(text: str, lang: str) -> None:
    assert "contact_sales" in {i.kind.value for i in read(text, lang).interactions}


@pytest.mark.parametrize(
    ("text", "lang", "industry"),
    [
        ("Tom from Veltra (fleet software, Bremen) replied.", "en", "software"),
        ("Titolare di Dolce Vita (catena di gelaterie, Bari).", "it", "hospitality"),
        ("Właścicielka Kwiatostanu (kwiaciarnia internetowa, 6 osób).", "pl", "ecommerce"),
    ],
)
def test_more_industry_families(text: str, lang: str, industry: str) -> None:
    assert read(text, lang).company.industry == industry


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Filled the 'Get a quote' form on 6/12, wants pricing for 2 crews.", date(2025, 6, 12)),
        ("Filled the 'Get a quote' form on 12/6, wants pricing for 2 crews.", date(2025, 6, 12)),
    ],
)
def test_english_day_month_order_reads_the_recent_past(text: str, want: date) -> None:
    assert one(text, "quote_request", "en").occurred_on == want


def test_the_notes_own_stamp_dates_an_ask_made_in_it() -> None:
    text = "Meeting notes 13/06: met Ola Berg, COO at Frostline. She asked for a proposal for 30 users."
    assert one(text, "quote_request", "en").occurred_on == date(2025, 6, 13)


def test_a_title_and_company_in_a_single_names_bracket() -> None:
    e = read("Tina (ops coordinator, Ferncraft, online tea shop) asked about a trial.", "en")
    assert e.company.name == "Ferncraft"


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        (
            "Ha cliccato tre volte sull'annuncio e poi ha compilato il modulo contatti.",
            "it",
            {"ad_click", "form_submission"},
        ),
        ("Web form, message: looking for pricing on 40 seats.", "en", {"quote_request"}),
    ],
)
def test_more_cue_shapes(text: str, lang: str, want: set[str]) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


def test_money_set_aside_is_a_confirmed_budget() -> None:
    b = read("They have $25k set aside for this, she decides.", "en").bant
    assert (b.budget, b.budget_amount) == ("confirmed", 25000)


def test_a_c_level_who_signs_off_makes_the_contact_an_influencer() -> None:
    assert read("He wants a proposal; the CIO signs off.", "en").bant.authority == "influencer"


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        (
            "Asked whether the trial includes SSO; she hasn't started one.",
            "en",
            "free_trial_signup",
        ),
        ("Quote: sent by us on 2 June, no answer.", "en", "quote_request"),
        ("Preventivo: inviato da noi il 3 giugno.", "it", "quote_request"),
        ("Oferta: przesłana przez nas 4 czerwca.", "pl", "quote_request"),
    ],
)
def test_questions_and_our_own_sendings_are_not_the_leads_actions(
    text: str, lang: str, absent: str
) -> None:
    assert absent not in {i.kind.value for i in read(text, lang).interactions}


# --- an industry for every id, in every language -----------------------------------------

INDUSTRY_SWEEP = [
    ("en", "Works at Tallis (regional chain of 40 grocery stores).", "retail"),
    ("en", "Ops lead at Ferro Logistics (freight forwarding, 200 staff).", "logistics"),
    ("en", "CTO of Mediq (telehealth platform for clinics).", "software"),
    ("en", "Head of IT at St. Anne's Hospital.", "healthcare"),
    ("en", "Dean's office, Northgate University.", "education"),
    (
        "en",
        "Marketing lead at Brightwave (digital marketing agency, 25 people).",
        "marketing_agency",
    ),
    ("en", "CFO of Harbor Homes (property management company, Dublin).", "real_estate"),
    ("en", "GM at The Linden (boutique hotel, 40 rooms).", "hospitality"),
    ("en", "IT manager at Westshire County Council.", None),
    ("en", "Procurement at Volta Grid (solar installer, 120 employees).", "energy"),
    ("en", "Partner at Kestrel Advisory (management consultancy, 30 consultants).", "consulting"),
    ("en", "VP Sales at Linkwave (mobile network operator).", "telecommunications"),
    ("en", "Owner of Crumb & Co (family bakery making bread for supermarkets).", "manufacturing"),
    ("en", "Finance lead at Pebble Pay (payments startup).", "financial_services"),
    ("en", "Head of Growth at Shoply (online marketplace for vintage clothes).", "ecommerce"),
    ("en", "CIO at Northbeam (managed service provider, 80 engineers).", "it_services"),
    (
        "it",
        "Responsabile IT di Trasporti Rapidi (spedizioni e logistica, 150 dipendenti).",
        "logistics",
    ),
    ("it", "Titolare di Ottica Bella (negozio di ottica, 3 punti vendita).", "retail"),
    ("it", "Direttore di Hotel Miramare (albergo 4 stelle, Rimini).", "hospitality"),
    ("it", "CFO di Banca Etica Locale (istituto di credito).", "financial_services"),
    ("it", "Preside dell'Istituto Tecnico Volta (scuola superiore).", "education"),
    (
        "it",
        "Responsabile marketing di Studio Pixel (agenzia di comunicazione).",
        "marketing_agency",
    ),
    ("it", "Ufficio acquisti, Comune di Lecco.", "public_sector"),
    ("it", "CEO di Solaria (impianti fotovoltaici, 60 dipendenti).", "energy"),
    ("it", "Partner di Consulta srl (consulenza aziendale).", "consulting"),
    ("it", "Direttore di Immobiliare Sole (agenzia immobiliare).", "real_estate"),
    ("it", "IT manager di Clinica Serena (poliambulatorio privato).", "healthcare"),
    ("it", "Responsabile di Vodanet (operatore telefonico).", "telecommunications"),
    ("it", "CTO di Cloudia (sviluppa app per ristoranti).", "software"),
    ("pl", "Kierownik IT w Transbud (firma transportowa, 300 osób).", "logistics"),
    ("pl", "Dyrektor w Hotelu Pod Lipami (hotel, 60 pokoi).", "hospitality"),
    ("pl", "Księgowa w Biurze Rachunkowym Nowak.", None),
    ("pl", "Dyrektor szkoły językowej Lingua (50 lektorów).", "education"),
    ("pl", "Prezes agencji interaktywnej Pixelhub.", "marketing_agency"),
    ("pl", "Naczelnik wydziału w Urzędzie Miasta Gdyni.", "public_sector"),
    ("pl", "Właściciel firmy instalującej fotowoltaikę, 20 osób.", "energy"),
    ("pl", "Kierownik w sieci sklepów spożywczych Groszek.", "retail"),
    ("pl", "CTO w Appsy (tworzą aplikacje mobilne dla banków).", "software"),
    ("pl", "Dyrektor operacyjny w szpitalu powiatowym.", "healthcare"),
    ("pl", "Szef sprzedaży w Netia (operator telekomunikacyjny).", "telecommunications"),
    ("pl", "Doradca w firmie konsultingowej Strateg.", "consulting"),
    ("pl", "Zarządca nieruchomości w Domus (zarządzanie wspólnotami).", "real_estate"),
]


@pytest.mark.parametrize(("lang", "text", "industry"), INDUSTRY_SWEEP)
def test_industry_sweep(lang: str, text: str, industry: str | None) -> None:
    # a company name alone says nothing about the trade (SPEC section 2): "County Council"
    assert read(text, lang).company.industry == industry


# --- seniority and department for common titles ------------------------------------------

TITLE_SWEEP = [
    ("en", "Karen Holt, Chief Financial Officer at Norvik.", "executive", "finance"),
    ("en", "Sam Lee, Head of People at Norvik.", "director", "hr"),
    ("en", "Ravi Das, Senior Software Engineer at Norvik.", "individual", "it"),
    ("en", "Jo Park, Purchasing Manager at Norvik.", "manager", "procurement"),
    ("en", "Ana Ruiz, Marketing Intern at Norvik.", "entry", "marketing"),
    ("en", "Tom Wu, SVP of Sales at Norvik.", "vp", "sales"),
    ("en", "Lea Moss, Founder & CEO of Norvik.", "executive", "executive"),
    ("en", "Dev Rao, Supply Chain Manager at Norvik.", "manager", "operations"),
    ("en", "Mia Chen, Accounts Payable Specialist at Norvik.", "individual", "finance"),
    ("en", "Ian Bell, Director of Customer Support at Norvik.", "director", "operations"),
    ("en", "Eva Kim, Talent Acquisition Lead at Norvik.", "manager", "hr"),
    ("en", "Max Orr, Junior Account Executive at Norvik.", "entry", "sales"),
    ("it", "Paolo Bini, direttore commerciale di Norvik.", "director", "sales"),
    ("it", "Sara Vitti, responsabile risorse umane di Norvik.", "manager", "hr"),
    ("it", "Luca Neri, amministratore delegato di Norvik.", "executive", "executive"),
    ("it", "Giulia Sala, responsabile amministrazione e finanza di Norvik.", "manager", "finance"),
    ("it", "Marco Riva, responsabile ufficio acquisti di Norvik.", "manager", "procurement"),
    ("it", "Anna Gatti, stagista marketing presso Norvik.", "entry", "marketing"),
    ("it", "Enrico Costa, sviluppatore software presso Norvik.", "individual", "it"),
    ("it", "Chiara Rota, direttrice generale di Norvik.", "executive", "executive"),
    ("it", "Fabio Villa, vicepresidente vendite di Norvik.", "vp", "sales"),
    ("pl", "Anna Kowal, dyrektor finansowa w Norvik.", "director", "finance"),
    ("pl", "Jan Mazur, kierownik działu kadr w Norvik.", "manager", "hr"),
    ("pl", "Ewa Lis, specjalistka ds. zakupów w Norvik.", "individual", "procurement"),
    ("pl", "Piotr Wilk, prezes zarządu Norvik.", "executive", "executive"),
    ("pl", "Ola Nowak, stażystka w dziale marketingu Norvik.", "entry", "marketing"),
    ("pl", "Adam Bąk, wiceprezes ds. sprzedaży w Norvik.", "vp", "sales"),
    ("pl", "Marek Sowa, kierownik logistyki w Norvik.", "manager", "operations"),
    ("pl", "Kasia Róg, programistka w Norvik.", "individual", "it"),
    ("pl", "Tomasz Dąb, handlowiec w Norvik.", "individual", "sales"),
]


@pytest.mark.parametrize(("lang", "text", "seniority", "department"), TITLE_SWEEP)
def test_title_sweep(lang: str, text: str, seniority: str, department: str) -> None:
    c = read(text, lang).contact
    assert (c.seniority, c.department) == (seniority, department)


# --- every interaction kind, three languages, fresh wording --------------------------------

KIND_SWEEP = [
    ("en", "Checked out our blog three times this week.", {"website_visit"}),
    ("en", "Browsed the website on Tuesday.", {"website_visit"}),
    ("en", "Spent 5 minutes on the plans & pricing page.", {"pricing_page_visit"}),
    ("en", "Grabbed the 2026 benchmark report.", {"content_download"}),
    ("en", "Joined our mailing list last week.", {"newsletter_signup"}),
    ("en", "Submitted the contact form asking about integrations.", {"form_submission"}),
    ("en", "Signed up for next Tuesday's webinar.", {"webinar_registration"}),
    ("en", "Showed up to the webinar and stayed till the end.", {"webinar_attendance"}),
    ("en", "Stopped by our stand at the trade fair.", {"event_attendance"}),
    ("en", "Opened 6 of our last 8 emails.", {"email_open"}),
    ("en", "Clicked through to the case study from the nurture email.", {"email_click"}),
    ("en", "Responded to my outreach saying timing is bad.", {"email_reply"}),
    ("en", "Commented on our LinkedIn post about lead scoring.", {"social_engagement"}),
    ("en", "Came in via a Google Ads click.", {"ad_click"}),
    ("en", "Put two add-ons in her basket but did not check out.", {"cart_add"}),
    ("en", "Saved the Pro plan to favourites.", {"wishlist_add"}),
    ("en", "Created a free account yesterday.", {"free_trial_signup"}),
    (
        "en",
        "Trial account: has been logging in daily and invited two teammates.",
        {"free_trial_signup", "product_usage"},
    ),
    ("en", "Requested a live walkthrough of the product.", {"demo_request"}),
    ("en", "Wants an offer for 20 licences.", {"quote_request"}),
    ("en", "Asked to speak with someone from sales.", {"contact_sales"}),
    ("en", "Scheduled a 30-min intro call for Friday via Calendly.", {"meeting_booked"}),
    ("en", "Wants to move from the free tier to a paid plan.", {"upgrade_request"}),
    ("en", "Opted out of our emails.", {"unsubscribe"}),
    ("en", "Our email hard-bounced.", {"email_bounce"}),
    ("it", "Ha navigato sul nostro sito giovedì.", {"website_visit"}),
    ("it", "Ha guardato la pagina dei prezzi due volte.", {"pricing_page_visit"}),
    ("it", "Ha scaricato il case study sul retail.", {"content_download"}),
    ("it", "Si è iscritto alla nostra newsletter mensile.", {"newsletter_signup"}),
    (
        "it",
        "Ha compilato il modulo di contatto chiedendo informazioni generali.",
        {"form_submission"},
    ),
    ("it", "Si è registrata al webinar di marzo.", {"webinar_registration"}),
    ("it", "Ha partecipato al webinar di martedì.", {"webinar_attendance"}),
    ("it", "È passato al nostro stand in fiera.", {"event_attendance"}),
    ("it", "Ha aperto 4 email della sequenza.", {"email_open"}),
    ("it", "Ha cliccato sul link nell'email di benvenuto.", {"email_click"}),
    ("it", "Ha risposto alla nostra email di follow-up.", {"email_reply"}),
    ("it", "Ha messo mi piace a un nostro post su LinkedIn.", {"social_engagement"}),
    ("it", "È arrivato tramite un annuncio su Google.", {"ad_click"}),
    ("it", "Ha aggiunto il piano Pro al carrello.", {"cart_add"}),
    ("it", "Ha salvato il prodotto nella lista dei desideri.", {"wishlist_add"}),
    ("it", "Ha attivato la prova gratuita di 14 giorni.", {"free_trial_signup"}),
    ("it", "Sta usando attivamente la prova con 3 colleghi.", {"product_usage"}),
    ("it", "Ha chiesto una demo dal vivo.", {"demo_request"}),
    ("it", "Vuole un preventivo per 10 utenti.", {"quote_request"}),
    ("it", "Vuole parlare con un commerciale.", {"contact_sales"}),
    ("it", "Ha prenotato una call per venerdì.", {"meeting_booked"}),
    ("it", "Vuole passare al piano a pagamento.", {"upgrade_request"}),
    ("it", "Si è disiscritto dalla newsletter.", {"unsubscribe"}),
    ("it", "L'email è tornata indietro.", {"email_bounce"}),
    ("pl", "Wszedł na naszą stronę w środę.", {"website_visit"}),
    ("pl", "Dwa razy oglądała cennik.", {"pricing_page_visit"}),
    ("pl", "Ściągnął nasz raport o rynku.", {"content_download"}),
    ("pl", "Zapisała się do newslettera.", {"newsletter_signup"}),
    ("pl", "Wypełnił formularz kontaktowy.", {"form_submission"}),
    ("pl", "Zarejestrowała się na webinar o scoringu.", {"webinar_registration"}),
    ("pl", "Był na naszym webinarze w czwartek.", {"webinar_attendance"}),
    ("pl", "Odwiedził nasze stoisko na targach.", {"event_attendance"}),
    ("pl", "Otworzyła 3 maile z kampanii.", {"email_open"}),
    ("pl", "Kliknął link w mailu.", {"email_click"}),
    ("pl", "Odpowiedział na naszego maila.", {"email_reply"}),
    ("pl", "Polubiła nasz post na LinkedInie.", {"social_engagement"}),
    ("pl", "Przyszedł z reklamy na Facebooku.", {"ad_click"}),
    ("pl", "Dodał pakiet Pro do koszyka.", {"cart_add"}),
    ("pl", "Dodała produkt do ulubionych.", {"wishlist_add"}),
    ("pl", "Założył darmowe konto próbne.", {"free_trial_signup"}),
    ("pl", "Aktywnie korzysta z aplikacji, zaprosił 4 osoby do konta.", {"product_usage"}),
    ("pl", "Poprosił o prezentację produktu na żywo.", {"demo_request"}),
    ("pl", "Prosi o wycenę na 15 licencji.", {"quote_request"}),
    ("pl", "Chce porozmawiać z handlowcem.", {"contact_sales"}),
    ("pl", "Umówił się na rozmowę w piątek.", {"meeting_booked"}),
    ("pl", "Chce przejść na płatny plan.", {"upgrade_request"}),
    ("pl", "Wypisał się z newslettera.", {"unsubscribe"}),
    ("pl", "Mail wrócił jako niedostarczony.", {"email_bounce"}),
]


@pytest.mark.parametrize(("lang", "text", "want"), KIND_SWEEP)
def test_kind_sweep(lang: str, text: str, want: set[str]) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


KIND_SWEEP_2 = [
    ("en", "Download: 'Scoring playbook' (PDF), 12 Mar.", {"content_download"}),
    ("en", "Webinar registration - 'Intent data 101'.", {"webinar_registration"}),
    ("en", "They registered 3 people for the webinar.", {"webinar_registration"}),
    ("en", "Email opens: 5. Clicks: 2.", {"email_open", "email_click"}),
    ("en", "Demo requested via website chat.", {"demo_request"}),
    ("en", "Requested pricing for 200 seats.", {"quote_request"}),
    ("en", "Trial started 3 days ago; 2 active users.", {"free_trial_signup", "product_usage"}),
    ("en", "Unsubscribe received 3/10.", {"unsubscribe"}),
    ("en", "Replied 'not now, check back in Q3'.", {"email_reply"}),
    ("en", "Booked a meeting with our AE for next Monday.", {"meeting_booked"}),
    ("en", "Asked to upgrade to the annual plan.", {"upgrade_request"}),
    ("en", "Filled in the newsletter signup form.", {"newsletter_signup"}),
    ("it", "Download ebook 'Guida al CRM' del 3 marzo.", {"content_download"}),
    ("it", "Iscrizione al webinar del 20 marzo.", {"webinar_registration"}),
    ("it", "Hanno scaricato entrambe le guide.", {"content_download"}),
    ("it", "Le sue colleghe si sono iscritte alla newsletter.", {"newsletter_signup"}),
    ("it", "Richiesta demo arrivata dal sito.", {"demo_request"}),
    ("it", "Richiesta di preventivo per 3 sedi.", {"quote_request"}),
    ("it", "Ha avviato la prova gratuita ieri.", {"free_trial_signup"}),
    ("it", "Ha fissato un appuntamento con il nostro commerciale.", {"meeting_booked"}),
    (
        "it",
        "Ha visitato il sito 4 volte e la pagina prezzi una volta.",
        {"website_visit", "pricing_page_visit"},
    ),
    ("it", "Ha partecipato alla nostra fiera a Milano.", {"event_attendance"}),
    (
        "it",
        "ha scaricato la guida e si e iscritto alla newsletter",
        {"content_download", "newsletter_signup"},
    ),
    ("pl", "Pobrali dwa e-booki.", {"content_download"}),
    (
        "pl",
        "pobrala cennik i zapisala sie do newslettera",
        {"pricing_page_visit", "content_download", "newsletter_signup"},
    ),
    ("pl", "Rejestracja na webinar 12.03.", {"webinar_registration"}),
    ("pl", "Prośba o demo przez formularz.", {"demo_request"}),
    ("pl", "Zapytanie ofertowe na 30 stanowisk.", {"quote_request"}),
    ("pl", "Uruchomił darmowy okres próbny w poniedziałek.", {"free_trial_signup"}),
    ("pl", "Odwiedzili stronę 6 razy w tym tygodniu.", {"website_visit"}),
    ("pl", "Otworzyli newsletter dwukrotnie.", {"email_open"}),
    ("pl", "Umówiła spotkanie z handlowcem na wtorek.", {"meeting_booked"}),
    ("pl", "Wzięła udział w naszym webinarze.", {"webinar_attendance"}),
    ("pl", "Klikneła w link w mailu.", {"email_click"}),
    ("pl", "Chcą przejść z wersji darmowej na płatną.", {"upgrade_request"}),
    ("pl", "Poznaliśmy go na targach w Poznaniu.", {"event_attendance"}),
]


@pytest.mark.parametrize(("lang", "text", "want"), KIND_SWEEP_2)
def test_kind_sweep_labels_plurals_and_no_diacritics(lang: str, text: str, want: set[str]) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


def test_a_stats_line_gives_each_count() -> None:
    got = {i.kind.value: i.count for i in read("Email opens: 5. Clicks: 2.", "en").interactions}
    assert got == {"email_open": 5, "email_click": 2}


def test_ad_clicks_are_not_email_clicks() -> None:
    assert "email_click" not in {
        i.kind.value for i in read("LinkedIn ad - clicks: 2", "en").interactions
    }


# --- disqualifiers and BANT, three languages -------------------------------------------------

DISQUALIFIER_SWEEP = [
    ("en", "She works for a direct competitor of ours.", ["competitor"]),
    ("en", "MBA student doing research for a class project.", ["student"]),
    ("en", "He's between jobs and asked if we're hiring.", ["job_seeker"]),
    ("en", "Told us they're not interested, please remove them from the list.", ["not_interested"]),
    ("en", "Said no thanks, they went with another vendor.", ["not_interested"]),
    ("en", "Their competitors use us; they are a retailer.", []),
    ("it", "È uno studente universitario che prepara la tesi.", ["student"]),
    ("it", "Lavora per un nostro concorrente diretto.", ["competitor"]),
    ("it", "Ha detto chiaramente che non sono interessati.", ["not_interested"]),
    ("it", "Ci ha chiesto se abbiamo posizioni aperte, sta cercando lavoro.", ["job_seeker"]),
    ("it", "Hanno scelto un altro fornitore, grazie comunque.", ["not_interested"]),
    ("pl", "To student informatyki, pisze pracę magisterską.", ["student"]),
    ("pl", "Pracuje w firmie konkurencyjnej.", ["competitor"]),
    ("pl", "Powiedział, że nie są zainteresowani współpracą.", ["not_interested"]),
    ("pl", "Szuka pracy jako handlowiec.", ["job_seeker"]),
    ("pl", "Wybrali innego dostawcę.", ["not_interested"]),
]


@pytest.mark.parametrize(("lang", "text", "want"), DISQUALIFIER_SWEEP)
def test_disqualifier_sweep(lang: str, text: str, want: list[str]) -> None:
    assert sorted(d.kind.value for d in read(text, lang).disqualifiers) == sorted(want)


BANT_SWEEP = [
    (
        "en",
        "Budget of €40k approved by the board; she owns the decision; go-live by end of Q2.",
        ("confirmed", "decision_maker", 106),
    ),
    ("en", "No budget this year. He needs sign-off from the CFO.", ("none", "influencer", None)),
    (
        "en",
        "Budget is being drafted for next fiscal year; timeline: within 6 months.",
        ("planned", None, 180),
    ),
    ("it", "Il budget non c'è ancora, lo stanno definendo per il 2027.", ("planned", None, None)),
    ("it", "Deve far approvare l'acquisto dal direttore generale.", (None, "influencer", None)),
    (
        "pl",
        "Budżet 80 tys. zł zatwierdzony, decyzję podejmuje sama, wdrożenie do końca czerwca.",
        ("confirmed", "decision_maker", 106),
    ),
    ("pl", "Nie mają budżetu na ten rok.", ("none", None, None)),
    (
        "pl",
        "Budżet planowany na przyszły rok, decyzja należy do zarządu.",
        ("planned", "influencer", None),
    ),
]


@pytest.mark.parametrize(("lang", "text", "want"), BANT_SWEEP)
def test_bant_sweep(lang: str, text: str, want: tuple) -> None:
    b = read(text, lang, as_of=date(2026, 3, 16)).bant
    assert (b.budget, b.authority, b.timeline_days) == want


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pain: they write quotes by hand in Word and lose track of them.", "en"),
        ("Problema: gestiscono i preventivi su Excel e ne perdono tanti.", "it"),
        ("Problem: przygotowują oferty dla klientów ręcznie.", "pl"),
    ],
)
def test_the_leads_own_quotes_are_their_pain_not_a_request(text: str, lang: str) -> None:
    e = read(text, lang)
    assert "quote_request" not in {i.kind.value for i in e.interactions}
    assert e.bant.need is not None


def test_revops_is_sales() -> None:
    c = read("From Ada Lim, RevOps Manager, Corvid Labs: can we get a quote?", "en").contact
    assert (c.name, c.department) == ("Ada Lim", "sales")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Nia Rhys, Finance Director, Tawe Mills, 029 2040 7788.", "029 2040 7788"),
        ("Contatto: Ugo Serra, 347 1234567, ha chiesto una demo.", "347 1234567"),
        ("Kontakt: Jan Lis, 22 614 33 21, prosi o ofertę.", "22 614 33 21"),
    ],
)
def test_national_phone_numbers_without_a_label(text: str, phone: str) -> None:
    assert read(text).contact.phone == phone


def test_a_title_without_a_rank_still_makes_the_record_enriched() -> None:
    c = read("Marta Sowa, Product Owner, Tabix (SaaS), marta@tabix.pl", "pl").contact
    assert (c.job_title, c.seniority, c.department) == ("Product Owner", None, None)


def test_a_data_analyst_has_no_known_department() -> None:
    # "data" alone names no function of SPEC section 2; data engineering is IT
    assert read("Ivo Kerr, Data Analyst at Morrow Bank.", "en").contact.department is None


SHORTHAND = [
    ("en", "dl'd the ebook yday", {"content_download"}),
    ("en", "req'd a demo via chat", {"demo_request"}),
    ("en", "pricing pg x3 this wk", {"pricing_page_visit"}),
    ("en", "nurture emails: opened x2, clicked x1", {"email_open", "email_click"}),
    ("en", "webinar: reg'd, no-show", {"webinar_registration"}),
    ("en", "LI ad click -> site visit", {"ad_click", "website_visit"}),
    ("en", "signed up for free trial 2 days ago, hasn't logged in since", {"free_trial_signup"}),
    ("en", "RFQ received for 50 units", {"quote_request"}),
    ("en", "wants pricing asap", {"quote_request"}),
    ("en", "bounced - invalid address", {"email_bounce"}),
    ("en", "opted out", {"unsubscribe"}),
    ("it", "scaricato ebook ieri", {"content_download"}),
    ("it", "demo richiesta via chat", {"demo_request"}),
    ("it", "visto listino 3 volte", {"pricing_page_visit"}),
    ("it", "iscritta newsletter", {"newsletter_signup"}),
    ("it", "email rimbalzata", {"email_bounce"}),
    ("it", "webinar: iscritto ma non presente", {"webinar_registration"}),
    ("pl", "pobral ebooka wczoraj", {"content_download"}),
    ("pl", "prosba o wycene przez formularz", {"quote_request"}),
    ("pl", "cennik x3", {"pricing_page_visit"}),
    ("pl", "zapis na webinar, nie byl obecny", {"webinar_registration"}),
    ("pl", "mail odbity", {"email_bounce"}),
    ("pl", "wypisal sie z newslettera", {"unsubscribe"}),
]


@pytest.mark.parametrize(("lang", "text", "want"), SHORTHAND)
def test_reps_shorthand(lang: str, text: str, want: set[str]) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Pan Adam Kruk pobrał raport w piątek.", "pl", "Adam Kruk"),
        ("Dott.ssa Carla Fermi ha scaricato il whitepaper.", "it", "Carla Fermi"),
        ("Ms Dana Frost booked a call for Monday.", "en", "Dana Frost"),
        ("Yesterday Lily Shore opened the pricing email.", "en", "Lily Shore"),
        ("Ieri Nadia Conte ha visitato il sito.", "it", "Nadia Conte"),
        ("Yesterday Corvid Labs asked for a demo.", "en", None),
        ("Yesterday Google Ads brought 3 clicks.", "en", None),
    ],
)
def test_a_name_opening_a_sentence(text: str, lang: str, name: str | None) -> None:
    assert read(text, lang).contact.name == name


def test_dates_labelling_a_run_of_log_entries() -> None:
    text = "Log: 02.06 - otwarcie maila, 09.06 - wizyta na stronie cennika (2x), 12.06 - prośba o kontakt."
    got = {i.kind.value: i.occurred_on for i in read(text, "pl").interactions}
    assert got["pricing_page_visit"] == date(2025, 6, 9)
    assert got["contact_sales"] == date(2025, 6, 12)


def test_a_click_after_opens_keeps_its_own_count() -> None:
    text = "Lunedì ha aperto tre nostre email e cliccato sul link del caso studio."
    got = {i.kind.value: i.count for i in read(text, "it").interactions}
    assert got == {"email_open": 3, "email_click": 1}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Il 2 giugno ci ha scritto chiedendo i prezzi; gli abbiamo mandato il listino.", "it"),
        ("He asked about costs on Monday, so we sent him the price list.", "en"),
        ("Zapytał o ceny, więc wysłaliśmy mu cennik.", "pl"),
    ],
)
def test_our_price_list_is_no_pricing_page_visit(text: str, lang: str) -> None:
    assert "pricing_page_visit" not in {i.kind.value for i in read(text, lang).interactions}


NEGATION_SWEEP = [
    ("en", "Downloaded the guide but didn't attend the webinar.", {"content_download"}),
    ("en", "Registered for the webinar, didn't show up.", {"webinar_registration"}),
    ("en", "No reply yet to our follow-ups, but she did open them.", {"email_open"}),
    ("en", "Trial expired without any logins.", {"free_trial_signup"}),
    ("en", "Demo? Not yet - she is still reading the docs.", set()),
    ("en", "Never asked for a quote, but visited pricing twice.", {"pricing_page_visit"}),
    ("en", "Visited pricing twice; no quote requested.", {"pricing_page_visit"}),
    ("it", "Si è registrato al webinar ma non ha partecipato.", {"webinar_registration"}),
    ("it", "Ha scaricato la guida, ma non ha mai aperto le nostre email.", {"content_download"}),
    ("it", "Demo: non ancora richiesta. Ha visitato il sito.", {"website_visit"}),
    ("it", "Nessuna risposta alle email, però le apre tutte.", {"email_open"}),
    ("pl", "Zapisał się na webinar, ale nie przyszedł.", {"webinar_registration"}),
    ("pl", "Pobrał raport, ale nie odpowiada na maile.", {"content_download"}),
    ("pl", "O demo jeszcze nie prosił, za to dwa razy oglądał cennik.", {"pricing_page_visit"}),
    ("pl", "Brak odpowiedzi na maile, ale je otwiera.", {"email_open"}),
]


@pytest.mark.parametrize(("lang", "text", "want"), NEGATION_SWEEP)
def test_negation_and_pronoun_objects(lang: str, text: str, want: set[str]) -> None:
    assert {i.kind.value for i in read(text, lang).interactions} == want


@pytest.mark.parametrize(
    ("text", "name", "company"),
    [
        ("Voicemail from Tara Boyd, ops at Hillcrest Farms: wants pricing.", "Tara Boyd", None),
        ("Update: Dana at Pinecone Credit went quiet after the pilot.", None, "Pinecone Credit"),
        ("Noah Ford (VP Eng @ Gridly, 90 ppl) booked a demo.", "Noah Ford", "Gridly"),
    ],
)
def test_names_and_companies_around_at_and_from(
    text: str, name: str | None, company: str | None
) -> None:
    e = read(text, "en")
    assert (e.contact.name, e.company.name) == (name, company)
    assert e.company.industry is None  # only a name says what they do (SPEC section 2)


def test_budget_is_there() -> None:
    assert (
        read("Budget's there per her last email; she wants a demo.", "en").bant.budget
        == "confirmed"
    )


def test_an_ai_tool_maker_is_software() -> None:
    assert read("Founder of Quillo (AI writing tool, 8 ppl).", "en").company.industry == "software"


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("Needs quotes for a tender, deadline July 31.", "en", 43),
        ("Gara pubblica, scadenza il 31 luglio.", "it", 43),
        ("Przetarg, termin 31 lipca.", "pl", 43),
    ],
)
def test_a_deadline_without_a_colon(text: str, lang: str, days: int) -> None:
    assert read(text, lang).bant.timeline_days == days


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Email: "We run 4 gyms. Could someone call me about pricing for all sites?"', "en"),
        ('Messaggio: "Buongiorno, potete richiamarmi domattina? Grazie."', "it"),
        ('Wiadomość: "Dzień dobry, proszę o kontakt telefoniczny w sprawie oferty."', "pl"),
    ],
)
def test_asking_to_be_called_is_contact_sales(text: str, lang: str) -> None:
    assert "contact_sales" in {i.kind.value for i in read(text, lang).interactions}


def test_a_chat_speaker_is_no_title() -> None:
    text = (
        "Chat 12/06:\nVisitor: hi, is there a trial?\nAgent: yes, here is the link\nVisitor: thanks"
    )
    assert read(text, "en").contact.job_title is None
