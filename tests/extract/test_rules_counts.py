"""Rules extractor, counts (SPEC section 2: "visited 5 times" -> 5, "two whitepapers" -> 2):
a number before the object or "x times" after the act, "twice", a list of objects after one
verb ("the checklist, the template and the ebook" = 3), a stats line that gives each kind
its own figure; a second act in the list is no object. The EXACT kinds with their counts."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import read, row, table

COUNTS = table(
    # a number, a number word, "x times"
    row("en", "number-before-object", "Opened 4 emails from the sequence.", {"email_open": 4}),
    row("en", "number-word", "Downloaded two of our guides.", {"content_download": 2}),
    row("en", "n-times", "Visited the pricing page 5 times.", {"pricing_page_visit": 5}),
    row("en", "twice", "Clicked the webinar link twice.", {"email_click": 2}),
    row("en", "items", "Added 3 items to the wishlist.", {"wishlist_add": 3}),
    row("en", "n-of-m", "Opened 6 of our last 8 emails.", {"email_open": 6},
        xfail="'6 of our last 8 emails' counts 6: the number before 'of' is the count"),
    row("en", "bounced-twice", "Our emails to him bounced twice.", {"email_bounce": 2}),
    row("en", "time-is-no-count", "Downloaded the guide three weeks ago.", {"content_download": 1}),
    row("en", "two-webinars", "Attended two of our webinars in May.", {"webinar_attendance": 2}),
    # a count after a dash at the line's end is the line's; the next line's bullet is not
    row("en", "dash-count-line", "Activities:\n• Email opened – 5 times\n• Email clicked – 2 times",
        {"email_open": 5, "email_click": 2}),
    row("it", "trattino-conteggio", "Attività:\n• Email aperta – 5 volte\n• Email cliccata – 2 volte",
        {"email_open": 5, "email_click": 2}),
    row("pl", "myslnik-licznik", "Aktywność:\n- otworzyła maila – 5 razy\n- kliknęła w link – 2 razy",
        {"email_open": 5, "email_click": 2}),
    row("en", "next-line-count-is-its-own", "- downloaded the playbook from the QR code\n- 21.11 visited pricing 2x",
        {"content_download": 1, "pricing_page_visit": 2}),
    # the multiplication sign counts as an x does
    row("en", "times-sign", "Last 14 days: 3× pricing page, 2× clicked our LinkedIn ad.", {"pricing_page_visit": 3, "ad_click": 2}),
    row("it", "segno-per", "Ultimi 14 giorni: 3× listino, 2× cliccato il nostro annuncio su LinkedIn.",
        {"pricing_page_visit": 3, "ad_click": 2}),
    row("pl", "znak-razy", "Ostatnie 14 dni: 3× cennik, 2× kliknęła w naszą reklamę na LinkedInie.",
        {"pricing_page_visit": 3, "ad_click": 2}),
    # a number before what the object belongs to: the links of 6 newsletters are 6 clicks
    row("en", "links-in-n-emails", "She's clicked links in the last 6 newsletters.", {"email_click": 6}),
    row("it", "link-in-n-email", "Ha cliccato i link in 4 delle nostre newsletter.", {"email_click": 4}),
    row("pl", "linki-w-n-mailach", "Kliknął w linki w 3 mailach.", {"email_click": 3}),
    row("pl", "linki-w-n-mailach-bez-znakow", "kliknal w linki w 3 mailach", {"email_click": 3}),
    row("it", "number-word", "Ha scaricato due whitepaper.", {"content_download": 2}),
    row("it", "tre-volte", "È stato tre volte sulla pagina prezzi.", {"pricing_page_visit": 3}),
    row("it", "number-before-object", "Ha aperto 5 email.", {"email_open": 5}),
    row("it", "rimbalzata-due-volte", "La mail è rimbalzata due volte.", {"email_bounce": 2}),
    row("it", "due-webinar", "Ha partecipato a due nostri webinar.", {"webinar_attendance": 2}),
    row("it", "time-is-no-count", "Ha scaricato la guida tre settimane fa.", {"content_download": 1}),
    row("it", "sito-e-prezzi", "Ha visitato il sito 4 volte e la pagina prezzi una volta.",
        {"website_visit": 4, "pricing_page_visit": 1},
        xfail="two objects each with its own count after one act ('il sito 4 volte e la pagina prezzi una volta') are two interactions with their counts"),
    row("pl", "number-before-object", "Pobrał 2 e-booki.", {"content_download": 2}),
    row("pl", "trzy-razy", "Trzy razy oglądał cennik.", {"pricing_page_visit": 3}),
    row("pl", "razy-in-brackets", "Wyświetlił cennik (4 razy).", {"pricing_page_visit": 4}),
    # a count in brackets that ends the note (the evidence reaches the last word)
    row("en", "brackets-end-the-note", "visited the pricing page (3x)", {"pricing_page_visit": 3}),
    row("it", "brackets-end-the-note", "ha visitato la pagina prezzi (3 volte)", {"pricing_page_visit": 3}),
    row("pl", "brackets-end-the-note", "oglądał cennik (3 razy)", {"pricing_page_visit": 3}),
    row("pl", "otworzyl-5", "Otworzył 5 maili.", {"email_open": 5}),
    row("pl", "dwa-razy-odbil", "Mail odbił się dwa razy.", {"email_bounce": 2}),
    row("pl", "dwoch-webinarach", "Była na dwóch naszych webinarach.", {"webinar_attendance": 2}),
    row("pl", "time-is-no-count", "Pobrał e-booka trzy tygodnie temu.", {"content_download": 1}),
    # a list of objects after one act
    row("en", "list-of-three", "Downloaded the checklist, the template and the ebook.", {"content_download": 3}),
    row("en", "one-and-two", "She downloaded the buyer's guide and two templates on Monday.", {"content_download": 3},
        xfail="a list of objects adds each object's count ('the buyer's guide and two templates' = 3, 'katalog i trzy poradniki' = 4)"),
    row("it", "list-of-three", "Ha scaricato la checklist, il modello di campagna e l'ebook.", {"content_download": 3}),
    row("it", "one-and-one", "Ha scaricato il report e una checklist ieri.", {"content_download": 2}),
    row("pl", "list-of-three", "Pobrała checklistę, szablon kampanii i e-booka.", {"content_download": 3}),
    row("pl", "one-and-three", "Pobrał katalog i trzy poradniki w zeszłym tygodniu.", {"content_download": 4},
        xfail="a list of objects adds each object's count ('the buyer's guide and two templates' = 3, 'katalog i trzy poradniki' = 4)"),
    # a second act in the list is no object
    row("en", "second-act", "Downloaded the report and booked a call.", {"content_download": 1, "meeting_booked": 1}),
    row("it", "second-act", "Ha scaricato la guida e prenotato una call.", {"content_download": 1, "meeting_booked": 1}),
    row("pl", "second-act", "Pobrał raport i umówił spotkanie.", {"content_download": 1, "meeting_booked": 1}),
    # each act keeps its own count
    row("en", "click-after-opens", "On Monday she opened three of our emails and clicked the case study link.",
        {"email_open": 3, "email_click": 1},
        xfail="a count belongs to its own act: 'opened three of our emails and clicked the case study link' clicks once"),
    row("it", "click-after-opens", "Lunedì ha aperto tre nostre email e cliccato sul link del caso studio.",
        {"email_open": 3, "email_click": 1}),
    row("pl", "click-after-opens", "W poniedziałek otworzyła 3 maile i kliknęła w link do case study.",
        {"email_open": 3, "email_click": 1}),
    # a stats line
    row("en", "stats-line", "Email opens: 5. Clicks: 2.", {"email_open": 5, "email_click": 2},
        xfail="a labelled figure ('Email opens: 5', 'Clicks: 2') is that kind's count, and a bare 'Clicks' beside email opens is email_click"),
    row("en", "summary", "Activity summary: 3x pricing page views, 2 whitepaper downloads.",
        {"pricing_page_visit": 3, "content_download": 2}),
    row("en", "summary-labels", "Pricing page: 4 visits. Downloads: 2 (ebook, checklist). Email opens: 12.",
        {"pricing_page_visit": 4, "content_download": 2, "email_open": 12},
        xfail="a labelled figure ('Email opens: 5', 'Clicks: 2') is that kind's count, and a bare 'Clicks' beside email opens is email_click"),
    row("it", "summary", "Riepilogo: 3 visite alla pagina prezzi, 2 download di whitepaper.",
        {"pricing_page_visit": 3, "content_download": 2}),
    row("it", "stats-line", "Email aperte: 5. Clic: 2.", {"email_open": 5, "email_click": 2},
        xfail="a labelled figure ('Email opens: 5', 'Clicks: 2') is that kind's count, and a bare 'Clicks' beside email opens is email_click"),
    row("pl", "summary", "Podsumowanie: 3 wizyty na stronie cennika, 2 pobrania whitepaperów.",
        {"pricing_page_visit": 3, "content_download": 2},
        xfail="the event noun 'pobranie' (a download) with a count is a content download"),
    row("pl", "stats-line", "Otwarcia maili: 5. Kliknięcia: 2.", {"email_open": 5, "email_click": 2},
        xfail="a labelled figure ('Email opens: 5', 'Clicks: 2') is that kind's count, and a bare 'Clicks' beside email opens is email_click"),
    # one object on a list of dates: one a date (the numbers of the dates are no count); two
    # acts with a date each are one of each
    row("en", "dates-listed", "Attended the webinars on 23 May and 6 Jun.", {"webinar_attendance": 2}),
    row("en", "dates-two-acts", "Registered for the webinar on 3 Jun and attended on 10 Jun.",
        {"webinar_registration": 1, "webinar_attendance": 1}),
    row("it", "dates-listed", "Ha partecipato ai webinar del 23/5 e del 6/6.", {"webinar_attendance": 2}),
    row("it", "dates-listed-visits", "Ha visitato la pagina prezzi il 6/6 e il 9/6.", {"pricing_page_visit": 2}),
    row("pl", "dates-listed", "Był na webinarach 23.05 i 6.06.", {"webinar_attendance": 2}),
    row("pl", "dates-listed-visits", "Odwiedził cennik 6.06 i 8.06.", {"pricing_page_visit": 2}),
    row("en", "date-of-next-act", "Attended the webinar on 3 Jun and on 10 Jun visited the pricing page.",
        {"webinar_attendance": 1, "pricing_page_visit": 1}),
    row("it", "date-of-next-act", "Ha partecipato al webinar del 3/6 e il 10/6 è passata sulla pagina prezzi.",
        {"webinar_attendance": 1, "pricing_page_visit": 1}),
    row("pl", "date-of-next-act", "Była na webinarze w czwartek, a wczoraj 2 razy zaglądała w cennik.",
        {"webinar_attendance": 1, "pricing_page_visit": 2}),
)


@pytest.mark.parametrize(("text", "want"), COUNTS)
def test_counts(text: str, want: dict[str, int]) -> None:
    found: dict[str, int] = {}
    for i in read(text).interactions:
        found[i.kind.value] = found.get(i.kind.value, 0) + i.count
    assert found == want
