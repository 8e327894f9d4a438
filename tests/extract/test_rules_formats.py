"""Rules extractor on whole notes in the formats reps paste (call jottings, chat, bullets,
CRM activity logs, email replies, no diacritics, long forwarded updates): the EXACT set of
interaction kinds of each note, the labels a CRM export writes, and the facts of a note
read together. Notes are dated 2025-09-10 unless a row says otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.extract.rules_cases import kinds, read, row, table, value

NOTES_AS_OF = date(2025, 9, 10)

NOTES = table(
    row("en", "spoke-greg-holt-coo", "Spoke to Greg Holt (COO, Parcelo - last-mile delivery startup, 75 ppl, Leeds) this am. They're drowning in manual route planning. Wants a proposal by end of month, budget signed off by the board. He'll loop in their CTO.",
        {"quote_request"}),
    row("en", "webinar-follow-up-rita", "Webinar follow-up: Rita Sousa attended 'Scaling outbound' on Tuesday, asked two questions in chat, then downloaded the slides. Hasn't replied to my email yet. Marketing Manager @ Coastline Travel (tour operator, Porto).",
        {"content_download", "webinar_attendance"},
        xfail="a label naming the object ('Webinar follow-up:') gives it to the act after it ('attended 'Scaling outbound'')"),
    row("en", "inbound-lead-sophie-gmail", "inbound lead – sophie.t@gmail.com filled out the contact us form asking if we integrate with Shopify. Runs a small candle shop online, 2 people. No phone.",
        {"form_submission"},
        xfail="a 'contact us' form is a generic form (form_submission), not a request to talk to sales"),
    # a demo, quote or sales form is that hand-raise, its title's words in any quote marks
    # (a Polish „ closed with a typed "), whether or not they make a frame of their own
    row("pl", "form-title-imperative", 'Formularz „Poproś o demo" – 15.12.2025\nImię: Oksana\nWiadomość: chciałabym wiedzieć, jak działa wasz CRM',
        {"demo_request"}),
    row("pl", "form-title-quote", 'Formularz „Zamów wycenę" wypełniony 3.12.', {"quote_request"}),
    row("en", "form-title-demo", 'Filled in the "Request a demo" form on 3 Dec.', {"demo_request"}),
    row("it", "form-title-demo", 'Ha compilato il modulo "Richiedi una demo" il 3/12.', {"demo_request"}),
    row("pl", "title-in-quotes", 'Otworzyła mail „Nowe funkcje: parser CV" w poniedziałek.', {"email_open"}),
    # a product digest: a free plan since a date is the signup, seats in use the usage
    row("en", "product-digest", "Product signal (auto)\nPlan: Free since 09.02.2025 · 230 sessions in the last 30 days · 3 seats in use", {"free_trial_signup", "product_usage"}),
    row("it", "riepilogo-uso", "Segnale prodotto\nPiano: Free dal 09/02/2025 · 230 sessioni negli ultimi 30 giorni · 3 postazioni in uso", {"free_trial_signup", "product_usage"}),
    row("pl", "podsumowanie-uzycia", "Sygnał produktowy\nPlan: Free od 09.02.2025 · 230 sesji w ostatnich 30 dniach · 3 stanowiska w użyciu", {"free_trial_signup", "product_usage"}),
    row("pl", "plan-darmowy-webinar", "Nasz plan: darmowy webinar w maju.", set()),
    row("en", "site-visit-and-usage", "Visited the site twice and uses the trial daily.", {"website_visit", "product_usage"}),
    # a webinar platform's attendance report: the time in the session is the attendance
    row("en", "attendance-report", 'Attendance report\nWebinar: "Scoring 101" (08.04.2025)\nParticipant: Ann Lee\nTime in session: 41 min / 45',
        {"webinar_attendance"}),
    row("it", "report-presenze", 'Report presenze\nWebinar: "Forecast" del 13/11\nPartecipante: Irene Colombo\nTempo di permanenza: 41 min',
        {"webinar_attendance"}),
    row("pl", "raport-obecnosci", 'Raport obecności – ClickWebinar\nUczestnik: Justyna Orłowska\nCzas obecności: 54 min (90%)',
        {"webinar_attendance"}),
    row("pl", "raport-obecnosci-zero", 'Raport obecności – ClickWebinar\nUczestnik: Justyna Orłowska\nCzas obecności: 0 min',
        set()),
    row("en", "activity-log-08-09", "Activity log\n08/09/2025 Visited /pricing\n08/09/2025 Visited /features/reporting\n09/09/2025 Demo request form submitted\nContact: Ian Ross, Sales Ops Lead, Ferrow Ltd",
        {"demo_request", "pricing_page_visit", "website_visit"}),
    row("en", "jamie-from-bolt-dynamics", "Jamie from Bolt Dynamics unsubscribed after the last campaign and the email to his colleague bounced. I don't think there's anything here.",
        {"unsubscribe"}),
    row("en", "freemium-user-since-march", "Freemium user since March, 4 seats active, logs in daily. Asked in-app chat about upgrading to Pro for the whole team of 20.",
        {"free_trial_signup", "product_usage", "upgrade_request"}),
    row("en", "quick-note-liked-shared", "Quick note: she liked and shared our LinkedIn post about GDPR, and follows our company page. Nothing else yet.",
        {"social_engagement"}),
    row("en", "supposed-attend-webinar-but", "Was supposed to attend the webinar but didn't show up. Registered last Monday.",
        {"webinar_registration"},
        xfail="'was supposed to attend' is no attendance, and a bare 'Registered' in the next sentence takes the webinar named before"),
    row("it", "ciao-oggi-pomeriggio-ho", "Ciao, oggi pomeriggio ho sentito Laura Bassi, CFO di Bassi Arredo (mobilificio, circa 90 dipendenti, Udine). Hanno ricevuto la nostra mail e hanno chiesto una demo per la settimana prossima. Budget già stanziato, 25k€.",
        {"demo_request"}),
    row("it", "lead-fiera-marco-pini", "Lead da fiera: Marco Pini, responsabile IT della Pini Logistica (spedizioni, Genova), ci ha lasciato il biglietto da visita allo stand. Non ha chiesto niente, solo materiale.",
        {"event_attendance"}),
    row("it", "andrea-aperto-2-newsletter", "Andrea ha aperto 2 newsletter e ha cliccato sul link del case study, poi è passato tre volte sul listino prezzi. Nessuna richiesta di contatto.",
        {"email_click", "email_open", "pricing_page_visit"}),
    row("it", "federica-titolare-un-piccolo", "Federica (titolare di un piccolo negozio di scarpe a Bari) si è iscritta alla prova gratuita ieri, ma non l'ha ancora usata.",
        {"free_trial_signup"}),
    row("it", "giorgio-sala-direttore-acquisti", "Giorgio Sala, direttore acquisti di Sala Group, ha risposto alla nostra mail chiedendo un preventivo per 50 licenze entro venerdì.",
        {"email_reply", "quote_request"}),
    row("it", "disdetto-l-iscrizione-alla", "Ha disdetto l'iscrizione alla newsletter e ha scritto che non è interessato.",
        {"unsubscribe"},
        xfail="cancelling a subscription ('ha disdetto l'iscrizione alla newsletter') is an unsubscribe, not a signup"),
    row("pl", "notatka-rozmawialem-dzis-joanna", "Notatka: rozmawiałem dziś z Joanną Nowak, dyrektorką operacyjną w Logimax (magazyny i transport, 300 osób, Łódź). Chcą umówić spotkanie z handlowcem w przyszłym tygodniu. Budżet jest, ok. 100 tys. zł.",
        {"contact_sales"}),
    row("pl", "pan-robert-firmy-budmat", "Pan Robert z firmy Budmat założył darmowe konto tydzień temu i od tamtej pory aktywnie korzysta z modułu magazynowego. Nie pytał o cenę.",
        {"free_trial_signup", "product_usage"}),
    row("pl", "klientka-kliknela-baner-instagramie", "Klientka kliknęła w baner na Instagramie, potem dwa razy odwiedziła stronę i dodała 3 produkty do koszyka.",
        {"ad_click", "cart_add", "website_visit"}),
    row("pl", "lead-ze-stoiska-targach-kinds", "Lead ze stoiska na targach w Kielcach. Nie zostawił maila, tylko telefon 501 222 333.",
        {"event_attendance"}),
    row("en", "inbound-via-chat-dana", "Inbound via chat: Dana Cruz, Director of Finance at Helix Pharma (~2,000 employees, Boston). Requested pricing for 50 seats + SSO. Decision sits with their CFO. Target go-live Q1.",
        {"quote_request"}),
    row("en", "intro-call-mark-ops", "Re: intro call — Mark (Ops Manager, Trucko, a 12-truck haulage firm in Bristol) said they're happy with their current tool and not looking to switch. Closed-lost.",
        set()),
    row("en", "phd-student-at-ku", "She's a PhD student at KU Leuven researching lead scoring; downloaded 3 whitepapers and signed up for the newsletter.",
        {"content_download", "newsletter_signup"}),
    row("en", "opened-every-email-onboarding", "Opened every email in the onboarding sequence (7 of 7), clicked through to the docs 3 times, but hasn't invited anyone yet.",
        {"email_click", "email_open"},
        xfail="a click-through from an email to a page ('clicked through to the docs 3 times') is the email click, not also a website visit"),
    row("en", "trade-show-lead-hannover", "Trade show lead (Hannover Messe). Stopped by the stand, took a brochure. No follow-up yet.",
        {"event_attendance"}),
    row("en", "cart-abandoned-2x-pro", "Cart abandoned: 2x Pro licences in basket since Sunday. Also wishlisted the API add-on.",
        {"cart_add", "wishlist_add"},
        xfail="'wishlisted' (a verb made of the noun) is a wishlist add, and a plan name in a cart ('Pro licences in basket') is no upgrade request"),
    row("en", "prospect-booked-slot-via", "Prospect booked a slot via our scheduling link for tomorrow at 10am to talk pricing.",
        {"meeting_booked"}),
    row("it", "prenotato-una-demo-tramite", "Ha prenotato una demo tramite il sito per lunedì prossimo. È il responsabile commerciale di Elettro Sud (distributore di materiale elettrico, Napoli, 40 dipendenti).",
        {"demo_request"}),
    row("it", "non-risponde-piu-due", "Non risponde più da due mesi. Le ultime 4 mail sono state aperte ma nessun click.",
        {"email_open"}),
    row("it", "visto-al-convegno-assolombarda", "Visto al convegno di Assolombarda il mese scorso, poi ha scaricato il report di settore e ci ha chiesto di essere richiamato.",
        {"contact_sales", "content_download", "event_attendance"}),
    row("it", "uno-studente-del-politecnico", "È uno studente del Politecnico, scrive la tesi sul marketing automation. Ha scaricato tre guide.",
        {"content_download"}),
    row("it", "ordine-nel-carrello-3", "Ordine nel carrello da 3 giorni, 5 licenze Team. Ha anche salvato il piano Enterprise nei preferiti.",
        {"cart_add", "wishlist_add"}),
    row("pl", "pani-ewa-dzialu-zakupow", "Pani Ewa z działu zakupów Miastoprojekt (biuro projektowe, Gdańsk) zadzwoniła z prośbą o ofertę na 10 stanowisk. Decyzję podejmuje zarząd.",
        {"quote_request"},
        xfail="calling with a request for an offer ('zadzwoniła z prośbą o ofertę') is the quote request, not a request to talk to sales"),
    row("pl", "klient-od-miesiaca-trialu", "Klient od miesiąca na trialu, zaprosił 5 współpracowników, codziennie loguje się do systemu. O upgrade nie pytał.",
        {"free_trial_signup", "product_usage"}),
    row("pl", "maile-niego-odbijaja-sie", "Maile do niego odbijają się, adres nieaktywny. Wcześniej otworzył 2 newslettery.",
        {"email_bounce", "email_open"}),
    row("pl", "szuka-pracy-jako-handlowiec-kinds", "Szuka pracy jako handlowiec, pytał czy rekrutujemy. Nie jest klientem.",
        set(),
        xfail="a job seeker's 'jako handlowiec' (as a salesperson) names a job, not a request to talk to sales"),
    row("pl", "wczoraj-odwiedzil-strone-cennikiem", "Wczoraj odwiedził stronę z cennikiem i kliknął w link z newslettera.",
        {"email_click", "pricing_page_visit"}),
    row("pl", "wlasciciel-sklepu-internetowego-kosmetykami", "Właściciel sklepu internetowego z kosmetykami (8 osób, Rzeszów) polubił nasz post i skomentował artykuł na blogu.",
        {"social_engagement"}),
    row("en", "chatted-with-head-it", "Chatted with the Head of IT, Priyanka Rao, at Medisure (private hospital group, 1,800 staff, Birmingham). They plan to replace their ticketing tool next quarter; she needs sign-off from the COO. No budget figure yet.",
        set()),
    row("en", "ceo-6-person-bakery", "CEO of a 6-person bakery in Cork reached out on Instagram DM asking whether we offer a discount for small shops. Wants to buy 1 licence.",
        {"quote_request"}),
    row("en", "customer-success-flagged-account", "Customer success flagged: account 'Nimbus' (trial) invited 3 teammates and connected Salesforce yesterday.",
        {"product_usage"}),
    row("en", "lead-tom-becker-title-kinds", "Lead: Tom Becker | Title: Junior Buyer | Company: Ostwerk AG | City: Leipzig | Source: Google Ads",
        set()),
    row("en", "budget-120k-allocated-fy26", "Budget: $120k allocated for FY26. Timeline: contract by Dec 15. Champion: Lisa (Sales Ops), economic buyer is the CRO.",
        set()),
    row("it", "dott-ssa-carla-fumagalli", "La dott.ssa Carla Fumagalli, direttrice marketing di Fumagalli Cosmetici (produzione cosmetici, 250 dipendenti, Monza), vorrebbe vedere una demo ma prima deve sentire il CdA.",
        {"demo_request"}),
    row("it", "contatto-freddo-lista-acquistata", "Contatto freddo da lista acquistata, nessuna interazione. Titolare di un'enoteca a Siena.",
        set()),
    row("it", "budget-non-ancora-definito", "Budget non ancora definito, se ne parla a gennaio. Decide il titolare.",
        set()),
    row("pl", "kontakt-polecenia-marek-zielinski", "Kontakt z polecenia: Marek Zieliński, CTO w DataFlow (software house, 45 osób, Wrocław). Chce zobaczyć system na żywo w przyszłym tygodniu.",
        {"demo_request"},
        xfail="asking to be shown or to see the product live ('could you show us ... live', 'potete mostrarci ... dal vivo', 'chce zobaczyć system na żywo') is a demo request"),
    row("pl", "nie-otworzyla-zadnego-maila", "Nie otworzyła żadnego maila z kampanii i wypisała się z listy.",
        {"unsubscribe"}),
    row("pl", "przyszedl-nas-google-ads", "Przyszedł do nas z Google Ads, obejrzał cennik i poprosił o kontakt handlowca.",
        {"ad_click", "contact_sales", "pricing_page_visit"}),
    row("pl", "budzet-ok-30-tys", "Budżet: ok. 30 tys. zł, do zatwierdzenia przez zarząd w październiku. Termin wdrożenia: do końca roku.",
        set()),
    row("pl", "pani-anna-ksiegowa-biurze", "Pani Anna (księgowa w biurze rachunkowym Saldo, 6 osób, Toruń) pobrała wzór umowy i zapytała ile kosztuje wersja dla 3 osób.",
        {"content_download", "quote_request"}),
    row("it", "buongiorno-vi-giro-contatto", "Buongiorno, vi giro il contatto di Simona Ricci (HR Director, Gruppo Ricci, catena di supermercati in Puglia, 600 dipendenti). Ha partecipato a due nostri webinar, ha scaricato l'ebook sul welfare aziendale e la settimana scorsa ha chiesto di parlare con un consulente commerciale.",
        {"contact_sales", "content_download", "webinar_attendance"}),
    row("it", "ancora-non-aperto-nessuna", "Ancora non ha aperto nessuna delle nostre mail. Il sito l'ha visitato una volta a luglio.",
        {"website_visit"}),
    row("it", "richiesta-preventivo-arrivata-dal", "Richiesta di preventivo arrivata dal form del sito il 02/09: 3 licenze, fatturazione annuale. Il cliente è un'agenzia immobiliare di Roma con 15 agenti.",
        {"quote_request"}),
    row("it", "cliccato-nostra-pubblicita-su", "Ha cliccato la nostra pubblicità su LinkedIn e poi ha lasciato i suoi dati nel modulo per ricevere la guida.",
        {"ad_click", "form_submission"}),
    row("it", "nota-gia-cliente-un-kinds", "Nota: è già cliente di un nostro concorrente, ma si è iscritto alla newsletter per curiosità.",
        {"newsletter_signup"}),
    row("it", "hanno-attivato-versione-prova", "Hanno attivato la versione di prova la scorsa settimana ma non la stanno usando.",
        {"free_trial_signup"}),
    row("pl", "dzien-dobry-przekazuje-leada", "Dzień dobry, przekazuję leada: Katarzyna Wróbel, kierowniczka marketingu w Ekoland (producent żywności ekologicznej, ok. 150 pracowników, Lublin). Była na dwóch naszych webinarach, pobrała raport i w zeszłym tygodniu poprosiła o kontakt z handlowcem.",
        {"contact_sales", "content_download", "webinar_attendance"}),
    row("pl", "jeszcze-nie-otworzyl-zadnego", "Jeszcze nie otworzył żadnego maila. Stronę odwiedził raz w lipcu.",
        {"website_visit"}),
    row("pl", "zapytanie-ofertowe-formularza-02", "Zapytanie ofertowe z formularza 02.09: 3 licencje, płatność roczna. Klient to biuro nieruchomości z Gdyni, 15 agentów.",
        {"quote_request"}),
    row("en", "asked-us-not-send", "She asked us not to send more emails, so I've removed her from the sequence.",
        set()),
    row("en", "looks-like-they-evaluating", "Looks like they're evaluating us vs two competitors; procurement requested an RFP response by Oct 1.",
        {"quote_request"}),
    row("it", "allora-ti-aggiorno-su", "Allora, ti aggiorno su Fabio Longo. Lo avevo sentito a giugno per la prima volta: all'epoca non aveva budget e mi aveva detto di ricontattarlo dopo l'estate. Ieri mi ha riscritto lui di sua iniziativa, dicendo che il CdA ha finalmente approvato l'investimento (circa 40.000 euro) e che vorrebbero partire entro novembre. Mi ha chiesto una proposta commerciale dettagliata e una demo per il suo team, che sono 6 persone. Lui è il direttore operativo di Longo Trasporti (autotrasporti, 120 dipendenti, Verona) e la firma finale spetta all'amministratore delegato.",
        {"demo_request", "quote_request"},
        xfail="writing again on one's own initiative ('mi ha riscritto lui di sua iniziativa') is no reply to our email"),
    row("it", "lead-tiepido-visitato-sito", "Lead tiepido. Ha visitato il sito un paio di volte, ha aperto qualche newsletter ma non ha mai cliccato nulla. Non ha scaricato materiali e non si è iscritto ai webinar. Lavora come impiegata amministrativa in uno studio di commercialisti a Parma.",
        {"email_open", "website_visit"},
        xfail="a negation before a reflexive clitic and its auxiliary ('non si è iscritto') reaches the act"),
    row("pl", "krotko-o-agacie-kwiatkowskiej", "Krótko o Agacie Kwiatkowskiej z Medicus (sieć przychodni, 250 osób, Poznań): w marcu była na naszym webinarze, potem cisza. Wczoraj odezwała się sama przez czat – chce wycenę dla 12 placówek i prosi o demo w przyszłym tygodniu. Budżet na ten rok mają już zatwierdzony, decyzję podejmuje zarząd, ona jest kierowniczką działu IT.",
        {"demo_request", "quote_request", "webinar_attendance"}),
    row("pl", "lead-raczej-zimny-odwiedzil", "Lead raczej zimny. Odwiedził stronę parę razy, otwierał newslettery, ale w nic nie klikał. Nie pobierał materiałów, nie zapisywał się na webinary. Pracuje jako specjalista ds. zakupów w firmie budowlanej z Rzeszowa.",
        {"email_open", "website_visit"}),
    row("en", "long-story-short-beatrice", "Long story short: Beatrice (Head of Ops at Quayline Ferries, ~600 staff, Southampton) came to our booth at the Seatrade expo last month, we had a good chat, she took a brochure. Since then she's opened most of our emails and read two blog posts, but no replies, no downloads, and she didn't register for the webinar I invited her to. I'd keep nurturing; she mentioned their ticketing platform contract runs until 2027 anyway.",
        {"email_open", "event_attendance", "website_visit"}),
    row("en", "said-not-right-person", "He said he's not the right person and that procurement handles tools like ours; gave me the name of their buyer, Nadia Price, but asked us not to add him to any list.",
        set()),
)


@pytest.mark.parametrize(("text", "want"), NOTES)
def test_whole_notes(text: str, want: set[str]) -> None:
    assert kinds(text, NOTES_AS_OF) == want


# the items of a list under a heading that names what they are ("Webinars:"): an item's act
# with no object of its own is about the heading's; a wish or a hand-raise needs its own
HEADED_LISTS = table(
    row("en", "webinars-heading", "Lead record: Dominic, IT Manager\nWebinars:\n- 'Zero-trust for MSPs' — registered "
        "3 Feb, attended 10 Feb\n- 'Patch automation' — registered 17 Feb, did not attend",
        {"webinar_registration", "webinar_attendance"}),
    row("en", "heading-no-attend", "Webinars:\n- 'Patch automation' — registered 17 Feb, did not attend",
        {"webinar_registration"}),
    row("it", "report-webinar", "Report webinar — Ilaria Conti, Head of Digital Marketing\n• 13/01 \"Email B2B\" — "
        "partecipato (48 min)\n• 22/01 \"Lead scoring 101\" — NON ha partecipato", {"webinar_attendance"}),
    row("it", "heading-wish", "Note call Giulia Santoro\n- NON ha ancora chiesto un preventivo, prima vuole "
        "confrontare 2-3 fornitori", set()),
    row("pl", "lista-obecnosci", "Zgloszenia na webinar 'Nowy modul raportow' (18.11.2025)\nlista obecnosci -> "
        "Sylwia Michalak – zarejestrowana 10.11, obecna 58/60 min", {"webinar_registration", "webinar_attendance"}),
    row("pl", "webinary-naglowek", "Webinary:\n- \"Scoring w praktyce\" – zapisała się 3.02, nie była obecna",
        {"webinar_registration"}),
)


@pytest.mark.parametrize(("text", "want"), HEADED_LISTS)
def test_headed_lists(text: str, want: set[str]) -> None:
    assert kinds(text, NOTES_AS_OF) == want


TRANSCRIPT_AS_OF = date(2026, 2, 11)
# our question proposing a meeting or a demo, answered with a yes and a time, books it on the
# day of the conversation; a yes without a time, a no, or our proposal alone books nothing
ACCEPTED_PROPOSALS = table(
    row("en", "yes-with-time", "Call 10/02/2026\n[SDR – Kofi]: would it make sense to get our engineer on a call "
        "with your team?\n[Helena Marsh, Head of Sales]: Yes, let's do it. Thursday the 19th works, 2pm.\n"
        "[Kofi]: Great, I'll send the invite.", {"meeting_booked": date(2026, 2, 10)}),
    row("en", "yes-without-time", "Call 10/02/2026\nRep: Shall we set up a demo for your team?\nLead: Sure, "
        "send me a few options.", {}),
    row("en", "not-yet", "Call 10/02/2026\nRep: Want me to book a call with our AE?\nLead: Not yet, on Monday "
        "I'm off.", {}),
    row("it", "si-con-data", "Trascrizione call — 09/02/2026\n[SDR - Giorgio]: Ha senso fissare una call col mio "
        "collega?\n[Valentina Neri]: Sì, mettiamo giovedì 19 febbraio alle 10.", {"meeting_booked": date(2026, 2, 9)}),
    row("it", "no-grazie", "Trascrizione call — 09/02/2026\nREP: Le interesserebbe una demo?\nCLIENTE: Mah, "
        "adesso no, magari a marzo.", {}),
    row("pl", "tak-z-terminem", "Rozmowa 10.02.2026\nHandlowiec: Może umówimy prezentację z naszym konsultantem?\n"
        "Klient: Tak, pasuje mi środa 18 lutego o 11.", {"meeting_booked": date(2026, 2, 10)}),
    row("pl", "nie-teraz", "Rozmowa 10.02.2026\nHandlowiec: Umówimy demo?\nKlient: Nie teraz, odezwę się w "
        "marcu.", {}),
)


@pytest.mark.parametrize(("text", "want"), ACCEPTED_PROPOSALS)
def test_accepted_proposals(text: str, want: dict) -> None:
    got = {i.kind.value: i.occurred_on for i in read(text, TRANSCRIPT_AS_OF).interactions
           if i.kind.value in ("meeting_booked", "demo_request", "contact_sales")}
    assert got == want


CRM_LABELS = table(
    # an activity as a CRM export labels it: a noun, a participle, a field
    row("en", "download-label", "Download: 'Scoring playbook' (PDF), 12 Mar.", {"content_download"}),
    row("en", "webinar-registration-label", "Webinar registration - 'Intent data 101'.", {"webinar_registration"}),
    row("en", "demo-requested", "Demo requested via website chat.", {"demo_request"}),
    row("en", "requested-pricing", "Requested pricing for 200 seats.", {"quote_request"}),
    row("en", "trial-started-active-users", "Trial started 3 days ago; 2 active users.", {"free_trial_signup", "product_usage"}),
    row("en", "unsubscribe-received", "Unsubscribe received 3/10.", {"unsubscribe"}),
    row("en", "replied-quote", "Replied 'not now, check back in Q3'.", {"email_reply"}),
    row("en", "booked-with-ae", "Booked a meeting with our AE for next Monday.", {"meeting_booked"}),
    row("en", "asked-to-upgrade", "Asked to upgrade to the annual plan.", {"upgrade_request"}),
    row("en", "newsletter-signup-form", "Filled in the newsletter signup form.", {"newsletter_signup"}),
    row("it", "download-label", "Download ebook 'Guida al CRM' del 3 marzo.", {"content_download"}),
    row("it", "iscrizione-webinar", "Iscrizione al webinar del 20 marzo.", {"webinar_registration"}),
    row("it", "richiesta-demo", "Richiesta demo arrivata dal sito.", {"demo_request"}),
    row("it", "richiesta-preventivo", "Richiesta di preventivo per 3 sedi.", {"quote_request"}),
    row("it", "prova-avviata", "Ha avviato la prova gratuita ieri.", {"free_trial_signup"}),
    row("it", "disiscrizione", "Disiscrizione dalla newsletter ricevuta il 3/10.", {"unsubscribe"}),
    row("pl", "rejestracja-webinar", "Rejestracja na webinar 12.03.", {"webinar_registration"}),
    row("pl", "prosba-o-demo", "Prośba o demo przez formularz.", {"demo_request"}),
    row("pl", "zapytanie-ofertowe", "Zapytanie ofertowe na 30 stanowisk.", {"quote_request"}),
    row("pl", "okres-probny", "Uruchomił darmowy okres próbny w poniedziałek.", {"free_trial_signup"},
        xfail="one act word in two classes ('uruchomić': start and use) makes one interaction: launching a trial is its start, not usage"),
    row("pl", "wypisanie", "Wypisanie z newslettera 3.10.", {"unsubscribe"}),
)


@pytest.mark.parametrize(("text", "want"), CRM_LABELS)
def test_crm_labels(text: str, want: set[str]) -> None:
    assert kinds(text) == want


def _facts(text: str, names: list[str]) -> dict[str, Any]:
    e = read(text, NOTES_AS_OF)
    every = {
        "name": e.contact.name, "job_title": e.contact.job_title, "seniority": value(e.contact.seniority),
        "department": value(e.contact.department), "company": e.company.name, "employees": e.company.employees,
        "industry": value(e.company.industry), "country": e.company.country, "city": e.company.city,
        "budget": value(e.bant.budget), "budget_amount": e.bant.budget_amount, "authority": value(e.bant.authority),
        "need": e.bant.need is not None, "timeline_days": e.bant.timeline_days, "source": value(e.lead_source),
    }
    return {n: every[n] for n in names}


NOTE_FACTS = table(
    row("en", "call-jotting",
        "Spoke to Greg Holt (COO, Parcelo - last-mile delivery startup, 75 ppl, Leeds) this am. They're drowning in "
        "manual route planning. Wants a proposal by end of month, budget signed off by the board. He'll loop in their CTO.",
        {"name": "Greg Holt", "job_title": "COO", "department": "operations", "company": "Parcelo", "employees": 75,
         "country": "GB", "city": "Leeds", "budget": "confirmed", "need": True, "timeline_days": 20},
        xfail="a deadline on the object of a hand-raise ('wants a proposal by end of month') is the timeline, as 'go live by end of month' is"),
    row("en", "pipe-record",
        "Lead: Tom Becker | Title: Junior Buyer | Company: Ostwerk AG | City: Leipzig | Source: Google Ads",
        {"name": "Tom Becker", "company": "Ostwerk AG", "country": "DE", "seniority": "entry", "source": "paid"},
        xfail="'junior' before a title makes it entry (SPEC: entry = junior), whatever the title's own rank"),
    row("it", "chat-update",
        "Ciao, oggi pomeriggio ho sentito Laura Bassi, CFO di Bassi Arredo (mobilificio, circa 90 dipendenti, Udine). "
        "Hanno ricevuto la nostra mail e hanno chiesto una demo per la settimana prossima. Budget già stanziato, 25k€.",
        {"seniority": "executive", "department": "finance", "industry": "manufacturing", "employees": 90,
         "country": "IT", "budget_amount": 25000}),
    row("it", "long-update",
        "Allora, ti aggiorno su Fabio Longo. Lo avevo sentito a giugno per la prima volta: all'epoca non aveva budget e "
        "mi aveva detto di ricontattarlo dopo l'estate. Ieri mi ha riscritto lui di sua iniziativa, dicendo che il CdA ha "
        "finalmente approvato l'investimento (circa 40.000 euro) e che vorrebbero partire entro novembre. Mi ha chiesto "
        "una proposta commerciale dettagliata e una demo per il suo team, che sono 6 persone. Lui è il direttore "
        "operativo di Longo Trasporti (autotrasporti, 120 dipendenti, Verona) e la firma finale spetta "
        "all'amministratore delegato.",
        {"budget": "confirmed", "budget_amount": 40000, "authority": "influencer", "employees": 120}),
    row("pl", "call-note",
        "Notatka: rozmawiałem dziś z Joanną Nowak, dyrektorką operacyjną w Logimax (magazyny i transport, 300 osób, "
        "Łódź). Chcą umówić spotkanie z handlowcem w przyszłym tygodniu. Budżet jest, ok. 100 tys. zł.",
        {"seniority": "director", "department": "operations", "company": "Logimax", "employees": 300, "country": "PL",
         "industry": "logistics"}),
    row("pl", "labelled-record",
        "Imię i nazwisko: Ewa Nowak | Stanowisko: młodsza specjalistka ds. zakupów | Firma: Budmat | Miasto: Kielce | "
        "Źródło: Google Ads",
        {"name": "Ewa Nowak", "company": "Budmat", "country": "PL", "seniority": "entry", "department": "procurement",
         "source": "paid"}),
)


@pytest.mark.parametrize(("text", "want"), NOTE_FACTS)
def test_facts_of_a_note(text: str, want: dict[str, Any]) -> None:
    assert _facts(text, list(want)) == want
