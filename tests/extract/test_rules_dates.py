"""Rules extractor, when it happened (SPEC section 2: dates resolved against the reference
date, "today", "yesterday", "last week"; ongoing usage or no stated time has no date): a
date reaches the action of its clause, "the same day" the day named before, a log row its
leading date, an email its header; a coming event, the meeting's own day or reported
speech is not the day of the action. The reference date is Wednesday 2025-06-18."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.rules_cases import AS_OF, YESTERDAY, one, read, row, table

MONDAY = date(2025, 6, 16)

DATED = table(
    # two acts joined by "and": the date after the first one's object is the first one's
    row("en", "two-acts-joined", "She requested a demo on Monday and booked a call with you for Friday.",
        "demo_request", date(2025, 6, 16)),
    row("it", "two-acts-joined", "Ha chiesto una demo lunedì e ha prenotato una call per venerdì.",
        "demo_request", date(2025, 6, 16)),
    row("pl", "two-acts-joined", "Poprosiła o demo w poniedziałek i zarezerwowała spotkanie na piątek.",
        "demo_request", date(2025, 6, 16)),
    # English
    row("en", "yesterday", "Downloaded the ebook yesterday.", "content_download", YESTERDAY),
    row("en", "today", "Asked for a demo today.", "demo_request", AS_OF),
    row("en", "last-week", "Attended the webinar last week.", "webinar_attendance", date(2025, 6, 11)),
    row("en", "weeks-ago", "Downloaded the guide three weeks ago.", "content_download", date(2025, 5, 28)),
    row("en", "wks-ago", "Signed up to the newsletter 2 wks. ago.", "newsletter_signup", date(2025, 6, 4)),
    row("en", "full-date", "On 3 March 2025 she filled in the contact form.", "form_submission", date(2025, 3, 3)),
    row("en", "iso-date", "Free trial started 2025-06-01.", "free_trial_signup", date(2025, 6, 1)),
    row("en", "no-time", "Visited our website.", "website_visit", None),
    # a date after a deadline word is the deadline, not the day of the act
    row("en", "deadline-is-no-act-day", "Email of 16 June: she asked to talk to sales, they must decide by 15 January.",
        "contact_sales", MONDAY),
    row("it", "entro-non-e-il-giorno", "Mail del 16/06: mi faccia chiamare da un commerciale, dobbiamo decidere entro il "
        "15 gennaio.", "contact_sales", MONDAY),
    row("pl", "najpozniej-do", "Mail z 16.06: proszę o kontakt handlowca, decyzja najpóźniej do 15 stycznia.",
        "contact_sales", MONDAY),
    row("en", "meeting-day-is-no-booking-day", "Booked a call with me for next Thursday.", "meeting_booked", None),
    row("en", "received-yesterday", "Form 'Schedule a demo' - received yesterday at 16:10", "demo_request", YESTERDAY),
    row("en", "same-day", "Clicked our LinkedIn ad on 2 June and downloaded the pricing guide the same day.",
        "content_download", date(2025, 6, 2)),
    row("en", "right-after", "Joined Tuesday's webinar. Grabbed the slides + the workbook right after the session.",
        "content_download", YESTERDAY),
    row("en", "reply-dates-the-ask", 'On Monday he answered our follow-up: "could you send a quote for 20 seats?"',
        "quote_request", MONDAY,
        xfail="the day of a reply ('On Monday he answered our follow-up: ...') dates the ask quoted in it"),
    row("en", "this-am", "Spoke to Dana this a.m. and she booked a call for Friday.", "meeting_booked", AS_OF,
        xfail="'this a.m.' is today and dates the acts of its sentence"),
    row("en", "chat-stamp", "[Drift chat, yesterday 16:40] Guest: hi, can someone send me a quote for 12 seats?",
        "quote_request", YESTERDAY),
    row("en", "booked-today-for-later", "HubSpot: new booking!\nDiscovery call booked today for next Wednesday by Jo Tan.",
        "meeting_booked", AS_OF),
    row("en", "month-day", "Filled the 'Get a quote' form on 6/12, wants pricing for 2 crews.", "quote_request",
        date(2025, 6, 12)),
    row("en", "day-month", "Filled the 'Get a quote' form on 12/6, wants pricing for 2 crews.", "quote_request",
        date(2025, 6, 12)),
    row("en", "notes-stamp", "Meeting notes 13/06: met Ola Berg, COO at Frostline. She asked for a proposal for 30 users.",
        "quote_request", date(2025, 6, 13),
        xfail="a note's own date stamp ('Meeting notes 13/06:') dates the acts told under it"),
    row("en", "date-in-title-is-not-the-day", "On Friday she downloaded 'Onboarding in 30 minutes' and the checklist.",
        "content_download", date(2025, 6, 13)),
    row("en", "plan-before-the-cart", "Added the Pro plan to the basket on 2 June, then left.", "cart_add", date(2025, 6, 2)),
    # Italian
    row("it", "ieri", "Ieri ha scaricato la guida.", "content_download", YESTERDAY),
    row("it", "oggi", "Oggi ha chiesto una demo.", "demo_request", AS_OF),
    row("it", "altro-ieri", "L'altro ieri si è iscritta alla newsletter.", "newsletter_signup", MONDAY),
    row("it", "settimana-scorsa", "La settimana scorsa ha partecipato al webinar.", "webinar_attendance", date(2025, 6, 11)),
    row("it", "sett-fa", "Iscritta alla newsletter 2 sett. fa, poi niente.", "newsletter_signup", date(2025, 6, 4)),
    row("it", "il-3-marzo", "Il 3 marzo ha compilato il modulo contatti.", "form_submission", date(2025, 3, 3)),
    row("it", "row-date", "12/05/2025  Download ebook", "content_download", date(2025, 5, 12)),
    row("it", "no-time", "Ha visitato il nostro sito.", "website_visit", None),
    row("it", "meeting-day-is-no-booking-day", "Ha prenotato una call per giovedì prossimo.", "meeting_booked", None),
    row("it", "date-in-brackets", "Chiese un preventivo a maggio (12/05/2025), poi più nulla.", "quote_request",
        date(2025, 5, 12),
        xfail="the passato remoto 'chiese' is a form of 'chiedere' (an ask act)"),
    row("it", "stesso-giorno", "Il 3 giugno ha visitato il sito e lo stesso giorno ha scaricato l'ebook.",
        "content_download", date(2025, 6, 3)),
    row("it", "subito-dopo", "Ha partecipato ieri alla fiera. Ha scaricato la guida + il modello subito dopo l'evento.",
        "content_download", YESTERDAY),
    row("it", "received-yesterday", "Mail ricevuta ieri:\nDa: Ugo Sarti <ugo@sarti.it>\nOggetto: R: materiali\n\n"
        "Grazie, ci sentiamo.", "email_reply", YESTERDAY,
        xfail="a mail 'ricevuta ieri' dates the reply it holds"),
    # Polish
    row("pl", "wczoraj", "Wczoraj pobrała poradnik.", "content_download", YESTERDAY),
    row("pl", "dzis", "Dziś poprosiła o demo.", "demo_request", AS_OF),
    row("pl", "przedwczoraj", "Przedwczoraj oglądał cennik.", "pricing_page_visit", MONDAY),
    row("pl", "zeszly-tydzien", "W zeszłym tygodniu wziął udział w webinarze.", "webinar_attendance", date(2025, 6, 11)),
    row("pl", "tyg-temu", "Pobrał e-booka 3 tyg. temu, od tej pory cisza.", "content_download", date(2025, 5, 28)),
    row("pl", "iso-row", "2025-05-02  Pobrał whitepaper", "content_download", date(2025, 5, 2)),
    row("pl", "dotted-row", "12.05.2025 – zapisał się do newslettera", "newsletter_signup", date(2025, 5, 12)),
    row("pl", "no-time", "Odwiedził naszą stronę.", "website_visit", None),
    row("pl", "meeting-day-is-no-booking-day", "Umówił spotkanie na przyszły czwartek.", "meeting_booked", None),
    row("pl", "bounce-yesterday", "Mail do j.kowal@firma.pl odbił się wczoraj (skrzynka nie istnieje).", "email_bounce",
        YESTERDAY),
    row("pl", "tego-samego-dnia", "5 czerwca kliknął reklamę, tego samego dnia pobrał e-booka.", "content_download",
        date(2025, 6, 5)),
    row("pl", "message-the-day-before", "Wczoraj napisała do nas na czacie Anna Wolska. Prosi o wycenę dla 8 osób.",
        "quote_request", YESTERDAY),
    row("pl", "log-entries", "Log: 02.06 - otwarcie maila, 09.06 - wizyta na stronie cennika (2x), 12.06 - prośba o kontakt.",
        "contact_sales", date(2025, 6, 12)),
    row("pl", "log-entries-pricing", "Log: 02.06 - otwarcie maila, 09.06 - wizyta na stronie cennika (2x), "
        "12.06 - prośba o kontakt.", "pricing_page_visit", date(2025, 6, 9)),
)


@pytest.mark.parametrize(("text", "kind", "day"), DATED)
def test_the_day_of_the_action(text: str, kind: str, day: date | None) -> None:
    assert one(text, kind).occurred_on == day


NOT_THAT_DAY = table(
    # a coming event in the clause is not the day of the action
    row("en", "coming-webinar", "On 10 June she opened the newsletter and signed up for the 30 June webinar.",
        "webinar_registration", date(2025, 6, 30)),
    row("it", "coming-webinar", "Il 10 giugno ha aperto la newsletter, si è iscritta al webinar del 30 giugno.",
        "webinar_registration", date(2025, 6, 30)),
    row("pl", "coming-webinar", "10 czerwca otworzyła newsletter i zapisała się na webinar 30 czerwca.",
        "webinar_registration", date(2025, 6, 30)),
    # a sequence word ends the reach of a date opening the sentence
    row("en", "then-later", "Clicked our ad yesterday; then, later: added a bundle to the cart.", "cart_add", YESTERDAY),
    row("it", "in-seguito", "Ieri ha cliccato l'annuncio, in seguito: ha aggiunto un pacchetto al carrello.", "cart_add",
        YESTERDAY,
        xfail="a sequence word ('in seguito', 'następnie') ends the reach of the date opening the sentence, as English 'then, later' does"),
    row("pl", "nastepnie", "Wczoraj kliknął reklamę, następnie: dodał pakiet do koszyka.", "cart_add", YESTERDAY,
        xfail="a sequence word ('in seguito', 'następnie') ends the reach of the date opening the sentence, as English 'then, later' does"),
    # reported speech: the day is the message's, not the trial's
    row("en", "reported", "She wrote yesterday that their free trial ends soon and they want to upgrade.",
        "free_trial_signup", YESTERDAY),
    row("it", "reported", "Ieri ha scritto che la loro prova gratuita scade presto e vogliono passare al piano a pagamento.",
        "free_trial_signup", YESTERDAY),
    row("pl", "reported", "Wczoraj napisała, że ich wersja próbna niedługo się kończy i chcą przejść na płatny plan.",
        "free_trial_signup", YESTERDAY),
)


@pytest.mark.parametrize(("text", "kind", "not_on"), NOT_THAT_DAY)
def test_a_date_that_is_not_the_day_of_the_action(text: str, kind: str, not_on: date) -> None:
    assert all(i.occurred_on != not_on for i in read(text).interactions if i.kind.value == kind)


LOG_ROWS = table(
    row("en", "markdown-table",
        "| Date | Activity | Detail |\n|---|---|---|\n| 2025-06-01 | Webinar | Registered |\n"
        "| 2025-06-03 | Webinar | Attended |\n| 2025-06-05 | Email | Opened |",
        {"webinar_registration": date(2025, 6, 1), "webinar_attendance": date(2025, 6, 3), "email_open": date(2025, 6, 5)}),
    row("it", "pipe-rows",
        "01/06/2025 | Webinar | Iscrizione\n03/06/2025 | Webinar | Partecipazione\n05/06/2025 | Email | Aperta",
        {"webinar_registration": date(2025, 6, 1), "webinar_attendance": date(2025, 6, 3), "email_open": date(2025, 6, 5)}),
    row("pl", "semicolon-rows",
        "01.06.2025; rejestracja na webinar\n03.06.2025; udział w webinarze\n05.06.2025; otwarcie maila",
        {"webinar_registration": date(2025, 6, 1), "webinar_attendance": date(2025, 6, 3), "email_open": date(2025, 6, 5)}),
    # an email takes the date of its header
    row("en", "mail-header",
        "From: Tara Quill <tara@quillworks.io>\nSent: Monday, 16 June 2025 09:12\nSubject: pricing\n\n"
        "Thanks for the deck. Could you send a quote for 40 seats?\n",
        {"email_reply": MONDAY, "quote_request": MONDAY}),
    row("it", "mail-header",
        "Da: Ugo Sarti <ugo@sarti.it>\nInviato: lunedì 16 giugno 2025 09:12\nOggetto: prezzi\n\n"
        "Grazie per la presentazione. Ci può mandare un preventivo per 40 utenti?\n",
        {"email_reply": MONDAY, "quote_request": MONDAY}),
    row("pl", "mail-header",
        "Od: Jan Lis <jan@lisbud.pl>\nWysłano: poniedziałek, 16 czerwca 2025 09:12\nTemat: ceny\n\n"
        "Dziękuję za prezentację. Czy mogą Państwo przesłać wycenę dla 40 osób?\n",
        {"email_reply": MONDAY, "quote_request": MONDAY}),
)


@pytest.mark.parametrize(("text", "want"), LOG_ROWS)
def test_rows_and_emails_take_their_own_date(text: str, want: dict[str, date]) -> None:
    assert {i.kind.value: i.occurred_on for i in read(text).interactions} == want
