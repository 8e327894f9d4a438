"""Rules extractor on whole notes in the styles reps write (chat, bullets, CRM logs, email
replies, no diacritics): the set of interaction kinds must be exactly right."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import read

AS_OF = date(2025, 9, 10)

NOTES = [
    (
        "en",
        "Spoke to Greg Holt (COO, Parcelo - last-mile delivery startup, 75 ppl, Leeds) this am. They're drowning in manual route planning. Wants a proposal by end of month, budget signed off by the board. He'll loop in their CTO.",
        {"quote_request"},
    ),
    (
        "en",
        "Webinar follow-up: Rita Sousa attended 'Scaling outbound' on Tuesday, asked two questions in chat, then downloaded the slides. Hasn't replied to my email yet. Marketing Manager @ Coastline Travel (tour operator, Porto).",
        {"webinar_attendance", "content_download"},
    ),
    (
        "en",
        "inbound lead – sophie.t@gmail.com filled out the contact us form asking if we integrate with Shopify. Runs a small candle shop online, 2 people. No phone.",
        {"form_submission"},
    ),
    (
        "en",
        "Activity log\n08/09/2025 Visited /pricing\n08/09/2025 Visited /features/reporting\n09/09/2025 Demo request form submitted\nContact: Ian Ross, Sales Ops Lead, Ferrow Ltd",
        {"pricing_page_visit", "website_visit", "demo_request"},
    ),
    (
        "en",
        "Jamie from Bolt Dynamics unsubscribed after the last campaign and the email to his colleague bounced. I don't think there's anything here.",
        {"unsubscribe", "email_bounce"},
    ),
    (
        "en",
        "Freemium user since March, 4 seats active, logs in daily. Asked in-app chat about upgrading to Pro for the whole team of 20.",
        {"free_trial_signup", "product_usage", "upgrade_request"},
    ),
    (
        "en",
        "Quick note: she liked and shared our LinkedIn post about GDPR, and follows our company page. Nothing else yet.",
        {"social_engagement"},
    ),
    (
        "en",
        "Was supposed to attend the webinar but didn't show up. Registered last Monday.",
        {"webinar_registration"},
    ),
    (
        "it",
        "Ciao, oggi pomeriggio ho sentito Laura Bassi, CFO di Bassi Arredo (mobilificio, circa 90 dipendenti, Udine). Hanno ricevuto la nostra mail e hanno chiesto una demo per la settimana prossima. Budget già stanziato, 25k€.",
        {"demo_request"},
    ),
    (
        "it",
        "Lead da fiera: Marco Pini, responsabile IT della Pini Logistica (spedizioni, Genova), ci ha lasciato il biglietto da visita allo stand. Non ha chiesto niente, solo materiale.",
        {"event_attendance"},
    ),
    (
        "it",
        "Andrea ha aperto 2 newsletter e ha cliccato sul link del case study, poi è passato tre volte sul listino prezzi. Nessuna richiesta di contatto.",
        {"email_open", "email_click", "pricing_page_visit"},
    ),
    (
        "it",
        "Federica (titolare di un piccolo negozio di scarpe a Bari) si è iscritta alla prova gratuita ieri, ma non l'ha ancora usata.",
        {"free_trial_signup"},
    ),
    (
        "it",
        "Giorgio Sala, direttore acquisti di Sala Group, ha risposto alla nostra mail chiedendo un preventivo per 50 licenze entro venerdì.",
        {"email_reply", "quote_request"},
    ),
    (
        "it",
        "Ha disdetto l'iscrizione alla newsletter e ha scritto che non è interessato.",
        {"unsubscribe"},
    ),
    (
        "pl",
        "Notatka: rozmawiałem dziś z Joanną Nowak, dyrektorką operacyjną w Logimax (magazyny i transport, 300 osób, Łódź). Chcą umówić spotkanie z handlowcem w przyszłym tygodniu. Budżet jest, ok. 100 tys. zł.",
        {"contact_sales"},
    ),
    (
        "pl",
        "Pan Robert z firmy Budmat założył darmowe konto tydzień temu i od tamtej pory aktywnie korzysta z modułu magazynowego. Nie pytał o cenę.",
        {"free_trial_signup", "product_usage"},
    ),
    (
        "pl",
        "Klientka kliknęła w baner na Instagramie, potem dwa razy odwiedziła stronę i dodała 3 produkty do koszyka.",
        {"ad_click", "website_visit", "cart_add"},
    ),
    (
        "pl",
        "Odpisał na naszego maila, że prosi o wycenę dla 15 użytkowników.",
        {"email_reply", "quote_request"},
    ),
    (
        "pl",
        "Uczestniczyla w webinarze o RODO, pobrala nagranie i zapisala sie na nastepny webinar.",
        {"webinar_attendance", "content_download", "webinar_registration"},
    ),
    (
        "pl",
        "Lead ze stoiska na targach w Kielcach. Nie zostawił maila, tylko telefon 501 222 333.",
        {"event_attendance"},
    ),
    (
        "en",
        "Inbound via chat: Dana Cruz, Director of Finance at Helix Pharma (~2,000 employees, Boston). Requested pricing for 50 seats + SSO. Decision sits with their CFO. Target go-live Q1.",
        {"quote_request"},
    ),
    (
        "en",
        "Re: intro call — Mark (Ops Manager, Trucko, a 12-truck haulage firm in Bristol) said they're happy with their current tool and not looking to switch. Closed-lost.",
        set(),
    ),
    (
        "en",
        "She's a PhD student at KU Leuven researching lead scoring; downloaded 3 whitepapers and signed up for the newsletter.",
        {"content_download", "newsletter_signup"},
    ),
    (
        "en",
        "Tried to reach him twice, no answer. His colleague Ana replied and asked us to send a quote to procurement.",
        {"email_reply", "quote_request"},
    ),
    (
        "en",
        "Opened every email in the onboarding sequence (7 of 7), clicked through to the docs 3 times, but hasn't invited anyone yet.",
        {"email_open", "email_click"},
    ),
    (
        "en",
        "Trade show lead (Hannover Messe). Stopped by the stand, took a brochure. No follow-up yet.",
        {"event_attendance"},
    ),
    (
        "en",
        "Cart abandoned: 2x Pro licences in basket since Sunday. Also wishlisted the API add-on.",
        {"cart_add", "wishlist_add"},
    ),
    (
        "en",
        "Prospect booked a slot via our scheduling link for tomorrow at 10am to talk pricing.",
        {"meeting_booked"},
    ),
    (
        "it",
        "Ha prenotato una demo tramite il sito per lunedì prossimo. È il responsabile commerciale di Elettro Sud (distributore di materiale elettrico, Napoli, 40 dipendenti).",
        {"demo_request"},
    ),
    (
        "it",
        "Non risponde più da due mesi. Le ultime 4 mail sono state aperte ma nessun click.",
        {"email_open"},
    ),
    (
        "it",
        "Visto al convegno di Assolombarda il mese scorso, poi ha scaricato il report di settore e ci ha chiesto di essere richiamato.",
        {"event_attendance", "content_download", "contact_sales"},
    ),
    (
        "it",
        "È uno studente del Politecnico, scrive la tesi sul marketing automation. Ha scaricato tre guide.",
        {"content_download"},
    ),
    (
        "it",
        "Ordine nel carrello da 3 giorni, 5 licenze Team. Ha anche salvato il piano Enterprise nei preferiti.",
        {"cart_add", "wishlist_add"},
    ),
    (
        "pl",
        "Pani Ewa z działu zakupów Miastoprojekt (biuro projektowe, Gdańsk) zadzwoniła z prośbą o ofertę na 10 stanowisk. Decyzję podejmuje zarząd.",
        {"quote_request"},
    ),
    (
        "pl",
        "Klient od miesiąca na trialu, zaprosił 5 współpracowników, codziennie loguje się do systemu. O upgrade nie pytał.",
        {"free_trial_signup", "product_usage"},
    ),
    (
        "pl",
        "Maile do niego odbijają się, adres nieaktywny. Wcześniej otworzył 2 newslettery.",
        {"email_bounce", "email_open"},
    ),
    (
        "pl",
        "Zapisał się na webinar, ale nie wziął udziału. Nagrania też nie obejrzał.",
        {"webinar_registration"},
    ),
    ("pl", "Szuka pracy jako handlowiec, pytał czy rekrutujemy. Nie jest klientem.", set()),
    (
        "pl",
        "Wczoraj odwiedził stronę z cennikiem i kliknął w link z newslettera.",
        {"pricing_page_visit", "email_click"},
    ),
    (
        "pl",
        "Właściciel sklepu internetowego z kosmetykami (8 osób, Rzeszów) polubił nasz post i skomentował artykuł na blogu.",
        {"social_engagement"},
    ),
    (
        "en",
        "Chatted with the Head of IT, Priyanka Rao, at Medisure (private hospital group, 1,800 staff, Birmingham). They plan to replace their ticketing tool next quarter; she needs sign-off from the COO. No budget figure yet.",
        set(),
    ),
    (
        "en",
        "CEO of a 6-person bakery in Cork reached out on Instagram DM asking whether we offer a discount for small shops. Wants to buy 1 licence.",
        {"quote_request"},
    ),
    (
        "en",
        "Will Turner (Procurement Lead, Baxley Foods, Glasgow) will attend our webinar next week and might book a call afterwards.",
        set(),
    ),
    (
        "en",
        "Customer success flagged: account 'Nimbus' (trial) invited 3 teammates and connected Salesforce yesterday.",
        {"free_trial_signup", "product_usage"},
    ),
    ("en", "Sent her the case study and a quote last week. No reply so far.", set()),
    (
        "en",
        "Lead: Tom Becker | Title: Junior Buyer | Company: Ostwerk AG | City: Leipzig | Source: Google Ads",
        set(),
    ),
    (
        "en",
        "Budget: $120k allocated for FY26. Timeline: contract by Dec 15. Champion: Lisa (Sales Ops), economic buyer is the CRO.",
        set(),
    ),
    (
        "it",
        "La dott.ssa Carla Fumagalli, direttrice marketing di Fumagalli Cosmetici (produzione cosmetici, 250 dipendenti, Monza), vorrebbe vedere una demo ma prima deve sentire il CdA.",
        {"demo_request"},
    ),
    (
        "it",
        "Ha scaricato la checklist ieri sera ma non l'ha aperta; non ha ancora prenotato la call che gli abbiamo proposto.",
        {"content_download"},
    ),
    (
        "it",
        "Contatto freddo da lista acquistata, nessuna interazione. Titolare di un'enoteca a Siena.",
        set(),
    ),
    ("it", "Budget non ancora definito, se ne parla a gennaio. Decide il titolare.", set()),
    (
        "pl",
        "Kontakt z polecenia: Marek Zieliński, CTO w DataFlow (software house, 45 osób, Wrocław). Chce zobaczyć system na żywo w przyszłym tygodniu.",
        {"demo_request"},
    ),
    ("pl", "Nie otworzyła żadnego maila z kampanii i wypisała się z listy.", {"unsubscribe"}),
    (
        "pl",
        "Przyszedł do nas z Google Ads, obejrzał cennik i poprosił o kontakt handlowca.",
        {"ad_click", "pricing_page_visit", "contact_sales"},
    ),
    (
        "pl",
        "Budżet: ok. 30 tys. zł, do zatwierdzenia przez zarząd w październiku. Termin wdrożenia: do końca roku.",
        set(),
    ),
    (
        "pl",
        "Pani Anna (księgowa w biurze rachunkowym Saldo, 6 osób, Toruń) pobrała wzór umowy i zapytała ile kosztuje wersja dla 3 osób.",
        {"content_download", "quote_request"},
    ),
    (
        "it",
        "Buongiorno, vi giro il contatto di Simona Ricci (HR Director, Gruppo Ricci, catena di supermercati in Puglia, 600 dipendenti). Ha partecipato a due nostri webinar, ha scaricato l'ebook sul welfare aziendale e la settimana scorsa ha chiesto di parlare con un consulente commerciale.",
        {"webinar_attendance", "content_download", "contact_sales"},
    ),
    (
        "it",
        "Ancora non ha aperto nessuna delle nostre mail. Il sito l'ha visitato una volta a luglio.",
        {"website_visit"},
    ),
    (
        "it",
        "Richiesta di preventivo arrivata dal form del sito il 02/09: 3 licenze, fatturazione annuale. Il cliente è un'agenzia immobiliare di Roma con 15 agenti.",
        {"quote_request"},
    ),
    (
        "it",
        "Ha cliccato la nostra pubblicità su LinkedIn e poi ha lasciato i suoi dati nel modulo per ricevere la guida.",
        {"ad_click", "form_submission"},
    ),
    (
        "it",
        "Nota: è già cliente di un nostro concorrente, ma si è iscritto alla newsletter per curiosità.",
        {"newsletter_signup"},
    ),
    (
        "it",
        "Hanno attivato la versione di prova la scorsa settimana ma non la stanno usando.",
        {"free_trial_signup"},
    ),
    (
        "pl",
        "Dzień dobry, przekazuję leada: Katarzyna Wróbel, kierowniczka marketingu w Ekoland (producent żywności ekologicznej, ok. 150 pracowników, Lublin). Była na dwóch naszych webinarach, pobrała raport i w zeszłym tygodniu poprosiła o kontakt z handlowcem.",
        {"webinar_attendance", "content_download", "contact_sales"},
    ),
    ("pl", "Jeszcze nie otworzył żadnego maila. Stronę odwiedził raz w lipcu.", {"website_visit"}),
    (
        "pl",
        "Zapytanie ofertowe z formularza 02.09: 3 licencje, płatność roczna. Klient to biuro nieruchomości z Gdyni, 15 agentów.",
        {"quote_request"},
    ),
    (
        "pl",
        "Kliknęła w naszą reklamę na LinkedInie, a potem zostawiła dane w formularzu, żeby pobrać przewodnik.",
        {"ad_click", "form_submission"},
    ),
    (
        "pl",
        "Uruchomili wersje probna w zeszlym tygodniu, ale w ogole z niej nie korzystaja.",
        {"free_trial_signup"},
    ),
    ("pl", "ZAPISAŁ SIĘ NA WEBINAR I POBRAŁ EBOOKA.", {"webinar_registration", "content_download"}),
    (
        "en",
        "Update: the quote we sent in May expired. She asked for a refreshed quote yesterday with 10 more seats.",
        {"quote_request"},
    ),
    ("en", "She asked us not to send more emails, so I've removed her from the sequence.", set()),
    (
        "en",
        "Looks like they're evaluating us vs two competitors; procurement requested an RFP response by Oct 1.",
        {"quote_request"},
    ),
    (
        "en",
        "hasn't opened a single email, but visited our careers page twice - probably job hunting.",
        {"website_visit"},
    ),
    (
        "it",
        "Allora, ti aggiorno su Fabio Longo. Lo avevo sentito a giugno per la prima volta: all'epoca non aveva budget e mi aveva detto di ricontattarlo dopo l'estate. Ieri mi ha riscritto lui di sua iniziativa, dicendo che il CdA ha finalmente approvato l'investimento (circa 40.000 euro) e che vorrebbero partire entro novembre. Mi ha chiesto una proposta commerciale dettagliata e una demo per il suo team, che sono 6 persone. Lui è il direttore operativo di Longo Trasporti (autotrasporti, 120 dipendenti, Verona) e la firma finale spetta all'amministratore delegato.",
        {"quote_request", "demo_request"},
    ),
    (
        "it",
        "Lead tiepido. Ha visitato il sito un paio di volte, ha aperto qualche newsletter ma non ha mai cliccato nulla. Non ha scaricato materiali e non si è iscritto ai webinar. Lavora come impiegata amministrativa in uno studio di commercialisti a Parma.",
        {"website_visit", "email_open"},
    ),
    (
        "pl",
        "Krótko o Agacie Kwiatkowskiej z Medicus (sieć przychodni, 250 osób, Poznań): w marcu była na naszym webinarze, potem cisza. Wczoraj odezwała się sama przez czat – chce wycenę dla 12 placówek i prosi o demo w przyszłym tygodniu. Budżet na ten rok mają już zatwierdzony, decyzję podejmuje zarząd, ona jest kierowniczką działu IT.",
        {"webinar_attendance", "quote_request", "demo_request"},
    ),
    (
        "pl",
        "Lead raczej zimny. Odwiedził stronę parę razy, otwierał newslettery, ale w nic nie klikał. Nie pobierał materiałów, nie zapisywał się na webinary. Pracuje jako specjalista ds. zakupów w firmie budowlanej z Rzeszowa.",
        {"website_visit", "email_open"},
    ),
    (
        "en",
        "Long story short: Beatrice (Head of Ops at Quayline Ferries, ~600 staff, Southampton) came to our booth at the Seatrade expo last month, we had a good chat, she took a brochure. Since then she's opened most of our emails and read two blog posts, but no replies, no downloads, and she didn't register for the webinar I invited her to. I'd keep nurturing; she mentioned their ticketing platform contract runs until 2027 anyway.",
        {"event_attendance", "email_open", "website_visit"},
    ),
    (
        "en",
        "He said he's not the right person and that procurement handles tools like ours; gave me the name of their buyer, Nadia Price, but asked us not to add him to any list.",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), NOTES, ids=[f"{n[0]}-{i}" for i, n in enumerate(NOTES)]
)
def test_note_kinds(lang: str, text: str, expected: set[str]) -> None:
    assert {i.kind.value for i in read(text, as_of=AS_OF).interactions} == expected


def test_note_facts_en() -> None:
    e = read(NOTES[0][1], as_of=AS_OF)
    assert (e.contact.name, e.contact.job_title) == ("Greg Holt", "COO")
    assert e.contact.department is not None and e.contact.department.value == "operations"
    assert (e.company.name, e.company.employees, e.company.country, e.company.city) == (
        "Parcelo",
        75,
        "GB",
        "Leeds",
    )
    assert e.bant.budget is not None and e.bant.budget.value == "confirmed"
    assert e.bant.need and e.bant.timeline_days == 20


def test_note_facts_it() -> None:
    e = read(NOTES[8][1], as_of=AS_OF)
    assert e.contact.seniority is not None and e.contact.seniority.value == "executive"
    assert e.contact.department is not None and e.contact.department.value == "finance"
    assert e.company.industry is not None and e.company.industry.value == "manufacturing"
    assert (e.company.employees, e.company.country, e.bant.budget_amount) == (90, "IT", 25000)


def test_note_facts_pl() -> None:
    e = read(NOTES[14][1], as_of=AS_OF)
    assert e.contact.seniority is not None and e.contact.seniority.value == "director"
    assert e.contact.department is not None and e.contact.department.value == "operations"
    assert (e.company.name, e.company.employees, e.company.country) == ("Logimax", 300, "PL")
    assert e.company.industry is not None and e.company.industry.value == "logistics"


def test_person_after_title_is_not_the_company() -> None:
    e = read(
        "Chatted with the Head of IT, Priyanka Rao, at Medisure (private hospital group, 1,800 staff).",
        "en",
    )
    assert (e.contact.name, e.contact.job_title, e.company.name) == (
        "Priyanka Rao",
        "Head of IT",
        "Medisure",
    )
    assert e.company.industry is not None and e.company.industry.value == "healthcare"


def test_labelled_parts_on_one_line() -> None:
    e = read(
        "Lead: Tom Becker | Title: Junior Buyer | Company: Ostwerk AG | City: Leipzig | Source: Google Ads",
        "en",
    )
    assert (e.contact.name, e.company.name, e.company.country) == ("Tom Becker", "Ostwerk AG", "DE")
    assert e.contact.seniority is not None and e.contact.seniority.value == "entry"
    assert e.lead_source is not None and e.lead_source.value == "paid"


def test_region_sets_country_not_city() -> None:
    e = read("Gruppo Neri, catena di supermercati in Puglia, 600 dipendenti.", "it")
    assert (e.company.country, e.company.city) == ("IT", None)


TABLES = [
    (
        "| Date | Activity | Detail |\n|---|---|---|\n| 2025-09-01 | Webinar | Registered |\n"
        "| 2025-09-03 | Webinar | Attended |\n| 2025-09-05 | Email | Opened |",
        {
            "webinar_registration": date(2025, 9, 1),
            "webinar_attendance": date(2025, 9, 3),
            "email_open": date(2025, 9, 5),
        },
    ),
    (
        "01/09/2025 | Webinar | Iscrizione\n03/09/2025 | Webinar | Partecipazione\n05/09/2025 | Email | Aperta",
        {
            "webinar_registration": date(2025, 9, 1),
            "webinar_attendance": date(2025, 9, 3),
            "email_open": date(2025, 9, 5),
        },
    ),
    (
        "01.09.2025; rejestracja na webinar\n03.09.2025; udział w webinarze\n05.09.2025; otwarcie maila",
        {
            "webinar_registration": date(2025, 9, 1),
            "webinar_attendance": date(2025, 9, 3),
            "email_open": date(2025, 9, 5),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), TABLES, ids=["en-table", "it-table", "pl-log"])
def test_log_rows_take_their_leading_date(text: str, expected: dict[str, date]) -> None:
    found = {i.kind.value: i.occurred_on for i in read(text, as_of=AS_OF).interactions}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "Activity summary: 3x pricing page views, 2 whitepaper downloads.",
            {"pricing_page_visit": 3, "content_download": 2},
        ),
        (
            "Pricing page: 4 visits. Downloads: 2 (ebook, checklist). Email opens: 12.",
            {"pricing_page_visit": 4, "content_download": 2, "email_open": 12},
        ),
    ],
)
def test_summary_counts(text: str, counts: dict[str, int]) -> None:
    assert {i.kind.value: i.count for i in read(text, as_of=AS_OF).interactions} == counts


@pytest.mark.parametrize(
    ("text", "name", "title", "company"),
    [
        ("Parlato con il CEO, Andrea Costa.", "Andrea Costa", "CEO", None),
        ("Il direttore tecnico Mario Bianchi.", "Mario Bianchi", "direttore tecnico", None),
        ("Rozmawiałem z prezesem, Janem Kowalskim.", "Jan Kowalski", "prezesem", None),
        ("Our AE Sam spoke to their VP of Engineering.", None, "VP of Engineering", None),
        ("He is the owner of a small dental practice in Leeds.", None, "owner", None),
    ],
)
def test_people_are_not_companies(
    text: str, name: str | None, title: str, company: str | None
) -> None:
    e = read(text, as_of=AS_OF)
    assert (e.contact.name, e.contact.job_title, e.company.name) == (name, title, company)


def test_title_words_do_not_set_the_industry_and_names_not_the_country() -> None:
    e = read("Dyrektor finansowy Adam Nowak zatwierdził budżet 200 tys. zł.", as_of=AS_OF)
    assert e.company.industry is None
    assert e.bant.budget is not None and e.bant.budget.value == "confirmed"
    assert read("Katarzyna Lis, Head of Sales w Softplus.", as_of=AS_OF).company.country is None


def test_the_latest_budget_statement_wins_and_the_description_gives_the_headcount() -> None:
    e = read(NOTES[-6][1], as_of=AS_OF)
    assert e.bant.budget is not None and e.bant.budget.value == "confirmed"
    assert e.bant.budget_amount == 40000
    assert e.bant.authority is not None and e.bant.authority.value == "influencer"
    assert e.company.employees == 120


@pytest.mark.parametrize(
    ("text", "budget", "amount"),
    [
        ("Budget 50k, approved.", "confirmed", 50000),
        ("Budget: 30 tys. zatwierdzone", "confirmed", 30000),
        ("Hanno un budget di 15.000 già stanziato", "confirmed", 15000),
        ("Budget approved for 2026.", "planned", None),
    ],
)
def test_budget_sums_without_currency(text: str, budget: str, amount: float | None) -> None:
    bant = read(text, as_of=AS_OF).bant
    assert (bant.budget.value if bant.budget else None, bant.budget_amount) == (budget, amount)


@pytest.mark.parametrize(
    ("text", "revenue", "currency"),
    [
        ("Acme Srl, fatturato 2,5 mln €, 40 dipendenti.", 2_500_000, "EUR"),
        ("Revenue ~ $12M ARR, 80 employees.", 12_000_000, "USD"),
        ("Przychody: 30 mln zł rocznie.", 30_000_000, "PLN"),
    ],
)
def test_revenue(text: str, revenue: float, currency: str) -> None:
    company = read(text, as_of=AS_OF).company
    assert (company.annual_revenue, company.currency) == (revenue, currency)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deve ancora chiedere un preventivo.", set()),
        ("Preventivo: ancora da richiedere.", set()),
        ("Demo: not yet.", set()),
        ("Demo: pending", set()),
        ("Demo: jeszcze nie.", set()),
        ("Sales contact: none yet", set()),
        ("Zamierza pobrać raport.", set()),
        ("She has yet to open any email.", set()),
        ("Might ask for a demo later.", set()),
        ("Niente demo, solo preventivo.", {"quote_request"}),
        ("No demo, just a quote please.", {"quote_request"}),
        ("Chciałaby zobaczyć demo.", {"demo_request"}),
        ("Would like a demo next week.", {"demo_request"}),
        ("Asked if we could send a quote.", {"quote_request"}),
    ],
)
def test_not_yet_plans_and_wishes(text: str, expected: set[str]) -> None:
    assert {i.kind.value for i in read(text, as_of=AS_OF).interactions} == expected


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("She downloaded the attribution playbook last week too.", "attribution playbook"),
        (
            "Ha scaricato la guida sui contratti digitali, ma ieri si è disiscritto.",
            "guida sui contratti digitali",
        ),
        ("2025-04-02  Webinar registration: Retail Loyalty Live", "Retail Loyalty Live"),
        ("Zapisał się na webinar „Black Friday – co dalej?”", "Black Friday – co dalej?"),
    ],
)
def test_detail_names_the_asset_or_event(text: str, detail: str) -> None:
    assert read(text, as_of=AS_OF).interactions[0].detail == detail
