"""Rules extractor, who did it: what our side did ("we sent", "abbiamo inviato", "wysłałem",
the rep at a fair, support's reply) is never the lead's act; the lead's own first person in
their message, chat or a transcript is the lead; someone else's act (their customers) is
nobody's interaction. Kinds are the EXACT set."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import kinds, read, row, table

OUR_SIDE = table(
    # what we sent
    row("en", "we-sent-quote", "We sent her a quote.", set()),
    row("en", "i-sent-price-list", "I sent her the price list after the call.", set()),
    row("en", "sent-case-study", "Sent her the case study and a quote last week. No reply so far.", set()),
    row("en", "quote-sent-by-us", "Quote: sent by us on 2 June, no answer.", set()),
    row("en", "sent-after-ask", "He asked about costs on Monday, so we sent him the price list.", {"quote_request"}),
    row("en", "quote-we-sent-expired", "Update: the quote we sent in May expired. She asked for a refreshed quote "
        "yesterday with 10 more seats.", {"quote_request"}),
    row("it", "abbiamo-inviato", "Abbiamo inviato il preventivo.", set()),
    row("it", "inviato-da-noi", "Preventivo: inviato da noi il 3 giugno.", set()),
    row("it", "gli-ho-mandato", "Gli ho mandato la guida via mail dopo la call.", set()),
    row("it", "mandato-dopo-richiesta", "Il 2 giugno ci ha scritto chiedendo i prezzi; gli abbiamo mandato il listino.",
        {"quote_request"}),
    row("it", "offerta-inviata", "Offerta standard inviata martedì, nessuna risposta.", set()),
    row("pl", "wyslalem-oferte", "Wysłałem mu naszą standardową ofertę.", set()),
    row("pl", "przeslana-przez-nas", "Oferta: przesłana przez nas 4 czerwca.", set()),
    row("pl", "wyslalam-link", "Wysłałam jej link do nagrania webinaru.", set(),
        xfail="an act noun ('nagrania') governed by our first-person verb ('wysłałam jej link do') is ours"),
    row("pl", "wyslalismy-po-pytaniu", "Zapytał o ceny, więc wysłaliśmy mu cennik.", {"quote_request"}),
    row("pl", "wyslalem-no-diacritics", "wyslalem mu oferte w poniedzialek, cisza", set()),
    # what we did for ourselves
    row("en", "i-downloaded-theirs", "I downloaded their annual report to prepare the call.", set()),
    row("en", "we-invited", "We invited her to Thursday's webinar.", set()),
    row("en", "our-sdr-called", "Our SDR called her twice, no answer.", set()),
    row("it", "ho-scaricato-loro", "Ho scaricato il loro listino per prepararmi.", set()),
    row("it", "abbiamo-invitata", "L'abbiamo invitata al webinar di giovedì.", set()),
    row("it", "ho-chiamato", "L'ho chiamato due volte, nessuna risposta.", set()),
    row("pl", "pobralem-ich", "Pobrałem ich raport roczny przed rozmową.", set()),
    row("pl", "pobralem-dane", "Pobrałem jej dane z CRM.", set()),
    row("pl", "zaprosilismy", "Zaprosiliśmy ją na webinar w czwartek.", set()),
    # the rep at a fair: the lead was not there
    row("en", "rep-at-booth", "I was at our booth at SaaStr all day, no sign of her.", set(),
        xfail="the rep's own 'I was at our booth' is our side at the fair, not the lead's attendance"),
    row("en", "rep-at-fair-she-stopped-by", "I was at the trade fair in Berlin; she stopped by our stand.", {"event_attendance"}),
    row("it", "rep-in-fiera", "Sono stato in fiera a Verona tutto il giorno, lui non è passato allo stand.", set(),
        xfail="Italian 'sono stato/stata' (first person of essere) is our side, as 'ho' and 'abbiamo' are"),
    row("it", "rep-in-fiera-lei-passata", "Ero allo stand in fiera a Rimini, lei è passata a salutarci.", {"event_attendance"}),
    row("pl", "rep-na-targach", "Byłem na targach w Kielcach, ale do naszego stoiska nie podszedł.", set()),
    row("pl", "rep-na-targach-podeszla", "Byłam na targach w Poznaniu, podeszła do naszego stoiska.", {"event_attendance"}),
    # our side met the lead at the booth: her attendance
    row("en", "we-met-her", "We met her at our booth at the expo.", {"event_attendance"}),
    row("it", "l-abbiamo-conosciuta", "L'abbiamo conosciuta allo stand in fiera.", {"event_attendance"}),
    row("pl", "poznalem", "Poznałem go na targach, przy naszym stoisku.", {"event_attendance"}),
    # support's reply, our colleague's act
    row("en", "support-replied", "Support replied to her ticket within an hour.", set()),
    row("en", "our-ae-followed-up", "Our AE Sam sent a follow-up email on Monday.", set()),
    row("it", "supporto-risposto", "Il supporto ha risposto al suo ticket in un'ora.", set()),
    row("it", "collega-risposto", "La mia collega le ha risposto via mail.", set()),
    row("pl", "support-odpowiedzial", "Support odpowiedział na jej zgłoszenie po godzinie.", set()),
    row("pl", "kolega-odpisal", "Mój kolega odpisał mu na maila.", set()),
    # our proposal named in the subject of the lead's reply is no request of theirs
    row("en", "our-demo-proposal", "Subject: RE: Demo proposal\nFrom: Ivo Kerr <ivo@morrow.io>\n\nNot now, thanks.", {"email_reply"}),
    row("it", "nostra-proposta", "Da: Ugo Sarti <ugo@sarti.it>\nOggetto: R: Proposta di demo\n\nPer ora no, grazie.", {"email_reply"}),
    row("pl", "nasza-propozycja", "Od: Jan Lis <jan@lisbud.pl>\nTemat: Re: Propozycja demo\n\nNa razie nie, dziękuję.", {"email_reply"}),
)


@pytest.mark.parametrize(("text", "want"), OUR_SIDE)
def test_our_side_is_not_the_lead(text: str, want: set[str]) -> None:
    assert kinds(text) == want


LEAD_VOICE = table(
    # the lead's first person in their own words is the lead
    row("en", "chat", 'Chat: "Hi, I downloaded your onboarding checklist and I\'ve been following your page for '
        'months, any student discount?"', {"content_download", "social_engagement"},
        xfail="'I've been following your page' in the lead's chat is social engagement: a possessive 'your' "
              "before the social object"),
    row("en", "transcript", "Rep: did you get a chance to look at the guide?\nLead: yes, I downloaded it on Monday.",
        {"content_download"}),
    row("en", "chat-signed-up", 'Chat: "We signed up for your free trial last week."', {"free_trial_signup"}),
    # a form's or a ticket's message that opens with a greeting is the lead's own words
    row("en", "ticket-message", "Ticket #4821 — opened by Sara (sara@logimare.com)\nMessage: Hi, we're using the "
        "trial every day for the warehouse. How do I import a CSV?", {"product_usage"}),
    row("it", "ticket-testo", "Ticket #48213 — Aperto da: Sara Galli\nTesto: Ciao, stiamo usando la prova tutti i "
        "giorni per le spedizioni. Come si importa un CSV?", {"product_usage"}),
    row("pl", "zgloszenie-tresc", "Zgłoszenie #311 — od: Anna Lis\nTreść: Dzień dobry, korzystamy z wersji próbnej "
        "codziennie w magazynie. Jak zaimportować CSV?", {"product_usage"}),
    # an event named whole in a bot's alert or a rep's CRM read-out is the lead's act
    row("en", "bot-alert", "Slack #trial-signals\nbot: Demo requested — workspace 'acme' — user ana@acme.com — 16/02",
        {"demo_request"}),
    row("it", "bot-upgrade-richiesto", "Slack #trial-signals\nbot: 🔔 Upgrade richiesto — workspace \"ottica\" — "
        "utente m.bellini@ottica.it — 16/02/2026", {"upgrade_request"}),
    row("pl", "bot-prosba-o-wycene", "Slack #alerty\nbot: Prośba o wycenę — konto 'agromix' — użytkownik "
        "j.szewczyk@agromix.pl — 16.02", {"quote_request"}),
    # in the lead's reply, a quoted "> From:" message is ours: its "you" is the lead
    row("en", "quoted-our-message", "From: Eleanor Whitcombe <e.whitcombe@northmoor.gov.uk>\nSubject: RE: Your guide\n\n"
        "Thanks, found the guide useful.\n\n> From: Tallyhook Marketing\n> Here's your copy of the buyer's guide (you downloaded it on 19 Feb)",
        {"email_reply", "content_download"}),
    row("it", "messaggio-nostro-citato", "Da: Anna Riva <anna@riva.it>\nOggetto: R: La guida\n\nGrazie, utile.\n\n"
        "> Da: Luca (noi)\n> ecco il link alla guida che ha scaricato il 19/02", {"email_reply", "content_download"}),
    row("pl", "cytowana-nasza-wiadomosc", "Od: Marcin Zalewski <m.zalewski@finovo.pl>\nTemat: RE: Raport\n\nDzięki, "
        "możecie zrobić demo dla mnie w przyszłym tygodniu?\n\n> Od: Anna\n> w załączniku raport, który pobrał Pan 19.02",
        {"email_reply", "demo_request", "content_download"}),
    # a blank line ends a turn: the record below it is no one's words
    row("en", "blank-line-ends-turn", "Rep: ok, sending the checklist now.\nLead: thanks!\nRep: anytime\n\nHubSpot: "
        "visited pricing 2x last week", {"pricing_page_visit"}),
    row("it", "riga-vuota", "Rep: le mando la checklist.\nCliente: grazie!\nRep: a presto\n\nHubSpot: ha visitato "
        "il listino 2 volte la settimana scorsa", {"pricing_page_visit"}),
    row("pl", "pusta-linia", "Ja: podeślę checklistę.\nFilip: dzięki!\nJa: jasne\n\nHubSpot: w zeszłym tygodniu był "
        "2x na cenniku", {"pricing_page_visit"}),
    # a time-stamped chat: a name is the lead, a name marked as ours ("(noi)", "(AE)") is us
    row("en", "whatsapp-stamped", "WhatsApp: Diego (AE) ↔ Valentina\n[06/07/2026 18:30] Diego: Saw your crews are in "
        "the trial!\n[07/07/2026 08:02] Valentina: yes we use it every morning for the site crews now",
        {"product_usage", "email_reply"}),
    row("it", "whatsapp-noi", "[02/09/25, 17:20] Tiziana Serafini: confermo che la prova la stiamo usando tutti i "
        "giorni\n[02/09/25, 17:25] Andrea (noi): ottimo! se volete vi preparo un'offerta", {"product_usage"}),
    row("pl", "czat-godziny", "18:02 Marta Lis (CEO, Lisowo): cześć! korzystamy z wersji próbnej codziennie\n"
        "18:06 Alek (support): super, dzięki!", {"product_usage"}),
    # a colleague of ours reporting on the lead by name, where the lead never speaks, is a note
    row("it", "collega-riporta", "Slack #trial-signals\nLuisa (CSM): lo conosco, Marco Bellini è il titolare. "
        "Usano il trial da 3 settimane, tutti i giorni.", {"product_usage", "free_trial_signup"}),
    # a tagged record line or a separator after our turn is the record's, not our words
    row("en", "tag-after-our-turn", "Us (Feb 17): Here you go [link]\n[tracking] playbook downloaded Feb 17; "
        "registered for our 'Outbound' webinar", {"content_download", "webinar_registration"}),
    row("it", "tag-dopo-il-nostro-turno", "Noi: ecco il link alla guida.\n[CRM] guida scaricata il 3/02, iscritta "
        "alla newsletter", {"content_download", "newsletter_signup"}),
    row("pl", "separator-po-naszej-turze", "Ja: wysłałem link do poradnika.\n---\nNotatka: pobrała poradnik i "
        "zapisała się do newslettera.", {"content_download", "newsletter_signup"}),
    row("it", "whatsapp", 'WhatsApp: "Salve, ho scaricato la vostra guida e mi sono iscritta alla newsletter, vi seguo '
        'da un anno."', {"content_download", "newsletter_signup", "social_engagement"},
        xfail="'vi seguo' (the clitic 'vi' = you) in the lead's message is social engagement: 'seguire' needs no social noun"),
    row("it", "transcript", "Commerciale: ha visto la guida?\nCliente: sì, l'ho scaricata lunedì.", {"content_download"}),
    row("it", "chat-uses-free", 'Chat: "Buongiorno, usiamo la vostra versione gratuita tutti i giorni."', {"product_usage"}),
    row("pl", "message", 'Wiadomość: "Dzień dobry, pobrałem wasz poradnik i obserwuję was na Facebooku od dawna."',
        {"content_download", "social_engagement"}),
    row("pl", "transcript", "Handlowiec: czy widziała Pani poradnik?\nKlientka: tak, pobrałam go w poniedziałek.",
        {"content_download"}),
    row("pl", "chat-testing-no-diacritics", 'Czat: "Dzien dobry, testujemy wasza wersje probna, jest super."',
        {"product_usage"}, xfail="'testujemy wasza wersje probna' (testing, no diacritics) in the lead's words is usage of the trial"),
    # a transcript whose lead speaks under their surname, even a surname that is a word
    row("en", "surname-label", "REP: Am I speaking with Mrs Baker?\nBAKER: Yes, that's me.\nREP: Thanks for joining.\n"
        "BAKER: Sure. I downloaded the checklist and signed up for the newsletter.",
        {"content_download", "newsletter_signup"}),
    row("it", "surname-label", "REP: Parlo con la signora Gallo?\nGALLO: Sì, sono io.\nREP: Grazie del tempo.\n"
        "GALLO: Figuriamoci. Ho scaricato la checklist e mi sono iscritta alla newsletter.",
        {"content_download", "newsletter_signup"}),
    row("pl", "surname-label", "REP: Czy rozmawiam z panią Kowal?\nKOWAL: Tak, słucham.\nREP: Dziękuję za czas.\n"
        "KOWAL: Proszę. Pobrałam checklistę i zapisałam się do newslettera.",
        {"content_download", "newsletter_signup"}),
    # the lead's own question asking to see a demo is the request
    row("en", "lead-asks-can-we-see", "From: Anna <a@x.com>\nSubject: Re: demo\n\nHi, can we see a live demo next week?",
        {"email_reply", "demo_request"}),
    row("it", "lead-riusciamo-a-vedere", "Da: Valentina <v@x.it>\nOggetto: R: demo\n\nCiao Luca, ci interessa. Riusciamo "
        "a vedere una demo dal vivo la settimana prossima?", {"email_reply", "demo_request"}),
    row("pl", "lead-czy-mozemy-zobaczyc", "Od: Anna <a@x.pl>\nTemat: Re: demo\n\nDzień dobry, czy możemy zobaczyć demo "
        "w przyszłym tygodniu?", {"email_reply", "demo_request"}),
    # a message from one of ours to another of ours (a handover) reports on the lead, as a
    # rep's note does: the lead's acts count, ours ("I sent") do not
    row("en", "handover", "From: Sam (SDR)\nTo: Jo (AE)\nSubject: handover\n\nShe downloaded the pricing guide "
        "on Monday. I sent her the case study.", {"content_download"}),
    row("pl", "handover-third-person", "Od: Kuba (SDR) | Do: Marta (AE)\n- 28.11 poprosił o demo przez formularz\n"
        "- 02.12 sam zarezerwował spotkanie z Tobą w Calendly", {"demo_request", "meeting_booked"}),
    row("pl", "handover-first-person", "Od: Kuba (SDR) | Do: Marta (AE)\nWysłałem mu ofertę i zadzwoniłem dwa razy.", set()),
    row("it", "handover-third-person", "Da: Luca (SDR) | A: Marta (AE)\n- il 28/11 ha chiesto una demo dal modulo\n"
        "- il 2/12 ha prenotato una call con te su Calendly", {"demo_request", "meeting_booked"}),
    # a rep's note under a heading: the sentence that leaves out its subject is the lead's
    row("en", "rep-notes-heading", "Badge scan, 23 Sep.\nRep notes: good chat at the stand. Asked us to send pricing for "
        "all three sites.", {"event_attendance", "quote_request"}),
    row("pl", "notatka-handlowca", "Skan identyfikatora, 23.09.\nNotatka handlowca: dobra rozmowa na stoisku. Poprosił o "
        "wycenę dla trzech lokalizacji.", {"event_attendance", "quote_request"}),
    row("it", "nota-commerciale", "Scansione badge, 23/09.\nNote del commerciale: bella chiacchierata allo stand. Ha chiesto "
        "un preventivo per tre sedi.", {"event_attendance", "quote_request"}),
)


@pytest.mark.parametrize(("text", "want"), LEAD_VOICE)
def test_the_leads_own_words_are_the_lead(text: str, want: set[str]) -> None:
    assert kinds(text) == want


THIRD_PARTY = table(
    # their customers' quotes, their own quotes, a bystander word: a pain, not a request
    row("en", "their-customers", "Pain: quote requests from their customers sit in a shared inbox for days.", set(),
        xfail="a hand-raise noun owned by a third party ('from their customers', 'dei loro clienti', 'od swoich klientów') is nobody's request"),
    row("en", "their-own-quotes", "Pain: they write quotes by hand in Word and lose track of them.", set()),
    row("en", "their-crm", "On the call she said they already use a CRM.", set()),
    row("it", "loro-clienti", "Il problema: perdono metà delle richieste di preventivo dei loro clienti.", set(),
        xfail="a hand-raise noun owned by a third party ('from their customers', 'dei loro clienti', 'od swoich klientów') is nobody's request"),
    row("it", "loro-preventivi", "Problema: gestiscono i preventivi su Excel e ne perdono tanti.", set()),
    row("it", "usano-crm", "Durante la chiamata ha detto che usano già un CRM.", set()),
    row("pl", "ich-klienci", "Problem: tracą zapytania o wycenę od swoich klientów.", set(),
        xfail="a hand-raise noun owned by a third party ('from their customers', 'dei loro clienti', 'od swoich klientów') is nobody's request"),
    row("pl", "ich-oferty", "Problem: przygotowują oferty dla klientów ręcznie.", set()),
    row("pl", "maja-crm", "W rozmowie powiedziała, że korzystają już z CRM.", set()),
    # someone close to the lead as the subject: their act, not the lead's (before the act,
    # and, where the language puts a subject there, right after it); with them, for them,
    # or beside the lead, the lead still does it
    row("en", "colleague-did-it", "Her colleague Sam (IT Director) requested a demo last week and attended our webinar; "
        "she herself opened the recap email.", {"email_open"}),
    row("en", "with-her-boss", "She asked for a demo with her boss.", {"demo_request"}),
    row("en", "for-her-boss", "Requested a demo for her boss.", {"demo_request"}),
    row("it", "il-suo-capo", "La demo l'ha chiesta il suo capo, lei ha solo scaricato la guida.", {"content_download"}),
    row("it", "la-sua-collega", "La sua collega ha chiesto un preventivo; lui ha aperto la newsletter.", {"email_open"}),
    row("pl", "jego-przelozona", "Demo zamówiła jego przełożona, Edyta Wolska. Piotr pobrał e-book.", {"content_download"}),
    row("pl", "jej-kolega", "Jej kolega Marek poprosił o wycenę, ona tylko otworzyła maila.", {"email_open"}),
    # (every labeller of the last blind writing left a colleague's or boss's acts off the lead)
    row("en", "colleague-replied", "Tried to reach him twice, no answer. His colleague Ana replied and asked us to send "
        "a quote to procurement.", set()),
    row("it", "collega-ha-risposto", "Non risponde lui, ma la sua collega Sara ha risposto chiedendo un preventivo.", set()),
    row("pl", "kolezanka-odpisala", "On nie odpisuje, ale jego koleżanka Ewa odpisała i poprosiła o wycenę.", set()),
    # what a company makes is its product, no act ("makes appointment-scheduling software")
    row("en", "makes-scheduling-software", "Moosgrund Software GmbH makes appointment-scheduling software for dentists.",
        set()),
    row("it", "sviluppa-software-prenotazioni", "Lo studio sviluppa software per prenotare appuntamenti e demo dal vivo.",
        set()),
    row("pl", "produkuje-system-rezerwacji", "Firma produkuje system do rezerwacji spotkań dla gabinetów.", set()),
    # a meeting with our salesperson is the meeting, not a request to talk to sales
    row("en", "meeting-with-our-rep", "Booked a meeting with our sales rep for Thursday.", {"meeting_booked"}),
    row("it", "appuntamento-commerciale", "Ha fissato un appuntamento con il nostro commerciale.", {"meeting_booked"}),
    row("pl", "spotkanie-z-handlowcem", "Umówił spotkanie z naszym handlowcem na czwartek.", {"meeting_booked"}),
)


@pytest.mark.parametrize(("text", "want"), THIRD_PARTY)
def test_someone_elses_act_is_no_interaction(text: str, want: set[str]) -> None:
    assert kinds(text) == want


THEIR_PAIN_IS_A_NEED = table(
    row("en", "quotes-by-hand", "Pain: they write quotes by hand in Word and lose track of them.", True),
    row("it", "preventivi-excel", "Problema: gestiscono i preventivi su Excel e ne perdono tanti.", True),
    row("pl", "oferty-recznie", "Problem: przygotowują oferty dla klientów ręcznie.", True),
)


@pytest.mark.parametrize(("text", "stated"), THEIR_PAIN_IS_A_NEED)
def test_their_pain_is_their_need(text: str, stated: bool) -> None:
    assert (read(text).bant.need is not None) is stated
