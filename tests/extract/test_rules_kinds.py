"""Rules extractor, interaction kinds (SPEC section 3): every kind said plainly, the reading
rules that tell hand-raises apart, cue words that only name something (a title, a subject
line), and what an interaction carries (detail, evidence). Kinds are the EXACT set."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import kinds, read, row, table

# --- every kind, as reps write it ---------------------------------------------------------

EVERY_KIND = table(
    # asking whether they may talk to sales is asking for sales
    row("en", "can-i-talk-to-sales", 'Chat: "Hi, can I talk to someone in sales?"', {"contact_sales"}),
    row("it", "posso-parlare", 'Chat: "Buongiorno, posso parlare con un vostro commerciale?"', {"contact_sales"}),
    row("pl", "czy-moge-porozmawiac", 'Czat: "Dzień dobry, czy mogę porozmawiać z handlowcem?"', {"contact_sales"}),
    # what a post, an asset or a webinar is about is its topic, no act of the lead's
    row("en", "post-about-topic", "She liked our post about onboarding new teammates.", {"social_engagement"}),
    row("it", "post-sul-tema", "Ha messo like al nostro post sul listino prezzi dinamico.", {"social_engagement"}),
    row("pl", "post-o-temacie", "Polubiła nasz post o onboardingu pracowników produkcyjnych.", {"social_engagement"}),
    # many of one hand-raise are their own business's volume, not a request
    row("en", "their-appointments", "We have about 300 appointments in the calendar this week, can you check the SMS?", set()),
    row("it", "appuntamenti-in-agenda", "Abbiamo circa 300 appuntamenti in agenda questa settimana, potete controllare?", set()),
    row("pl", "spotkania-w-kalendarzu", "Mamy około 300 spotkań w kalendarzu w tym tygodniu, możecie sprawdzić?", set()),
    # a second object that only qualifies the first is asked for with it, not on its own
    row("en", "demo-of-quoting-tool", "Can you show me a demo of the tool for making quotes?", {"demo_request"}),
    row("it", "demo-per-preventivi", "Mi fate vedere una demo del programma per fare i preventivi?", {"demo_request"}),
    row("pl", "demo-do-wycen", "Możecie pokazać demo programu do robienia wycen?", {"demo_request"}),
    row("en", "demo-and-quote", "Can you show me a demo and send a quote?", {"demo_request", "quote_request"}),
    # another reading of words a negation holds is negated too
    row("pl", "upgrade-nie-prosila", "O upgrade do płatnego planu nie prosiła, o cennik też nie pytała.", set()),
    row("it", "upgrade-non-chiesto", "L'upgrade al piano a pagamento non l'ha chiesto.", set()),
    row("en", "upgrade-not-asked", "The upgrade to the paid plan she has not asked for.", set()),
    # asking for a demo that happens live is asking for a demo (a webinar called one is not)
    row("en", "live-demo-for-me", "Can you do a live demo for me and my team next week?", {"demo_request"}),
    row("it", "demo-dal-vivo", "Sì, mi faccia vedere una demo dal vivo, magari con il mio collega.", {"demo_request"}),
    row("pl", "live-demo-dla-mnie", "Możecie zrobić live demo dla mnie i dwóch team leadów?", {"demo_request"}),
    # English
    row("en", "visit-site-twice", "Tom visited our website twice this week.", {"website_visit"}),
    row("en", "visit-blog", "She's been reading our blog articles on onboarding.", {"website_visit"}),
    row("en", "visit-blog-checked-out", "Checked out our blog three times this week.", {"website_visit"}),
    row("en", "visit-browsed", "Browsed the website on Tuesday.", {"website_visit"}),
    row("en", "visit-landed", "She landed on our homepage from Google.", {"website_visit"}),
    row("en", "pricing-checked", "He checked the pricing page on Monday.", {"pricing_page_visit"}),
    row("en", "pricing-viewed", "Viewed pricing three times since Friday.", {"pricing_page_visit"}),
    row("en", "pricing-plans-page", "He checked the plans page.", {"pricing_page_visit"}),
    row("en", "pricing-spent", "Spent 5 minutes on the plans & pricing page.", {"pricing_page_visit"}),
    row("en", "download-template", "Downloaded the ROI calculator template.", {"content_download"}),
    row("en", "download-grabbed", "Grabbed our whitepaper on churn last week.", {"content_download"}),
    row("en", "download-report", "Grabbed the 2026 benchmark report.", {"content_download"}),
    row("en", "newsletter", "Signed up for the monthly newsletter.", {"newsletter_signup"}),
    row("en", "newsletter-mailing-list", "She subscribed to our mailing list after the event.", {"newsletter_signup"}),
    row("en", "newsletter-joined", "Joined our mailing list last week.", {"newsletter_signup"}),
    row("en", "form-contact", "Filled in the contact form asking about integrations.", {"form_submission"}),
    row("en", "form-submitted", "Submitted the contact form asking about integrations.", {"form_submission"}),
    row("en", "form-survey", "Submitted the partner survey yesterday.", {"form_submission"}),
    row("en", "webinar-registered", "Registered for Thursday's webinar on forecasting.", {"webinar_registration"}),
    row("en", "webinar-signed-up", "Signed up for next Tuesday's webinar.", {"webinar_registration"}),
    row("en", "webinar-attended", "Attended our webinar on data quality and stayed for the Q&A.", {"webinar_attendance"}),
    row("en", "webinar-showed-up", "Showed up to the webinar and stayed till the end.", {"webinar_attendance"},
        xfail="'showed up to' is attending: the act's phrase must meet the webinar it governs"),
    row("en", "event-met-at-booth", "Met him at our booth at SaaStr Europa.", {"event_attendance"}),
    row("en", "event-chatted", "We chatted at the Retail Tech conference in Berlin.", {"event_attendance"}),
    row("en", "event-stopped-by", "Stopped by our stand at the trade fair.", {"event_attendance"}),
    row("en", "open-nurture", "Opened the last three nurture emails.", {"email_open"}),
    row("en", "open-of", "Opened 6 of our last 8 emails.", {"email_open"}),
    row("en", "click-link", "Clicked the link in the case-study email.", {"email_click"}),
    row("en", "click-through", "Clicked through to the case study from the nurture email.", {"email_click"}),
    row("en", "reply-follow-up", "She replied to my follow-up asking for the security whitepaper.", {"email_reply"}),
    row("en", "reply-responded", "Responded to my outreach saying timing is bad.", {"email_reply"}),
    row("en", "social-follows-liked", "He follows us on LinkedIn and liked our latest post.", {"social_engagement"}),
    row("en", "social-commented", "Commented on our LinkedIn post about lead scoring.", {"social_engagement"}),
    row("en", "social-connected", "Connected with me on LinkedIn.", {"social_engagement"}),
    row("en", "ad-came-in-via", "Came in via a Google ad for CRM migration.", {"ad_click"}),
    row("en", "ad-banner", "Clicked one of our retargeting banner ads.", {"ad_click"}),
    row("en", "ad-google-ads-click", "Came in via a Google Ads click.", {"ad_click"}),
    row("en", "cart", "Added two licences to the cart but never checked out.", {"cart_add"}),
    row("en", "cart-basket", "Put two add-ons in her basket but did not check out.", {"cart_add"}),
    row("en", "wishlist", "Saved the enterprise bundle to her wishlist.", {"wishlist_add"}),
    row("en", "wishlist-favourites", "Saved the Pro plan to favourites.", {"wishlist_add"}),
    row("en", "trial-started", "Started a 14-day free trial on Monday.", {"free_trial_signup"}),
    row("en", "trial-free-account", "Created a free account yesterday.", {"free_trial_signup"}),
    row("en", "usage-trial-team", "Their trial team is actively using the tool, 12 active users so far.", {"product_usage"}),
    row("en", "usage-logging-in", "Trial account: has been logging in daily and invited two teammates.", {"product_usage"}),
    row("en", "demo-requested", "Requested a demo for her whole team.", {"demo_request"}),
    row("en", "demo-walkthrough", "Requested a live walkthrough of the product.", {"demo_request"}),
    row("en", "demo-walkthrough-module", "Asked for a walkthrough of the reporting module.", {"demo_request"}),
    row("en", "quote-asked", "Asked us for a quote for 25 seats.", {"quote_request"}),
    row("en", "quote-wants-pricing", "Wants pricing for 3 warehouses.", {"quote_request"}),
    row("en", "quote-offer", "Wants an offer for 20 licences.", {"quote_request"}),
    row("en", "sales-talk", "Wants to talk to sales about an annual contract.", {"contact_sales"}),
    row("en", "sales-call-back", "Asked for someone to call him back tomorrow.", {"contact_sales"}),
    row("en", "sales-speak", "Asked to speak with someone from sales.", {"contact_sales"}),
    row("en", "meeting-discovery", "Booked a discovery call for next Tuesday.", {"meeting_booked"}),
    row("en", "meeting-calendly", "Scheduled a meeting with our AE via Calendly.", {"meeting_booked"}),
    row("en", "meeting-intro-call", "Scheduled a 30-min intro call for Friday via Calendly.", {"meeting_booked"}),
    row("en", "meeting-we-have", "We have a call with her on Thursday.", {"meeting_booked"},
        xfail="a call on our calendar with the lead ('we have a call with her') is a booked meeting"),
    # the formal "you" asked to send a quote ("mi mandi", "please send me", "proszę przesłać")
    row("it", "mi-mandi-offerta", "Comunque mi mandi un'offerta per due compressori, così la porto in direzione.",
        {"quote_request"}),
    row("en", "please-send-me-quote", "Please send me a quote for two compressors.", {"quote_request"}),
    row("pl", "prosze-przeslac-oferte", "Proszę przesłać mi ofertę na dwa kompresory.", {"quote_request"}),
    row("it", "le-mando-offerta", "Le mando un'offerta entro venerdì.", set()),
    # two acts joined by "and", each with its own object: both, neither borrows the other's
    row("en", "demo-and-booked-call", "She requested a demo on Monday and booked a call with you for Friday.",
        {"demo_request", "meeting_booked"}),
    row("it", "demo-e-call-prenotata", "Ha chiesto una demo lunedì e ha prenotato una call per venerdì.",
        {"demo_request", "meeting_booked"}),
    row("pl", "demo-i-spotkanie", "Poprosiła o demo w poniedziałek i zarezerwowała spotkanie na piątek.",
        {"demo_request", "meeting_booked"}),
    row("en", "meeting-in-calendar", "Checked: the meeting is in the calendar for Wednesday.", {"meeting_booked"}),
    row("en", "upgrade", "Wants to upgrade from the free plan to Business.", {"upgrade_request"}),
    row("en", "upgrade-move", "Asked how to move to a paid plan before the trial ends.", {"upgrade_request"}),
    row("en", "upgrade-free-tier", "Wants to move from the free tier to a paid plan.", {"upgrade_request"}),
    row("en", "unsubscribe", "Unsubscribed from all marketing emails.", {"unsubscribe"}),
    row("en", "unsubscribe-opted-out", "Opted out of our emails.", {"unsubscribe"}),
    row("en", "bounce", "Our last email bounced, the address looks invalid.", {"email_bounce"}),
    row("en", "bounce-hard", "Our email hard-bounced.", {"email_bounce"}),
    # Italian
    row("it", "visit-site", "Ha visitato il nostro sito tre volte.", {"website_visit"}),
    row("it", "visit-blog", "È tornata sul nostro blog ieri.", {"website_visit"}),
    row("it", "visit-navigated", "Ha navigato sul nostro sito giovedì.", {"website_visit"}),
    row("it", "pricing-page", "Ha guardato la pagina prezzi due volte.", {"pricing_page_visit"}),
    row("it", "pricing-listino", "Ha consultato il listino online.", {"pricing_page_visit"}),
    row("it", "pricing-page-dei-prezzi", "Ha guardato la pagina dei prezzi due volte.", {"pricing_page_visit"}),
    row("it", "download-guide", "Ha scaricato la guida sulla fatturazione elettronica.", {"content_download"}),
    row("it", "download-ebook", "Hanno scaricato l'ebook sul CRM.", {"content_download"}),
    row("it", "download-case-study", "Ha scaricato il case study sul retail.", {"content_download"}),
    row("it", "newsletter", "Si è iscritta alla newsletter.", {"newsletter_signup"}),
    row("it", "newsletter-monthly", "Si è iscritto alla nostra newsletter mensile.", {"newsletter_signup"}),
    row("it", "form-contact", "Ha compilato il modulo contatti sul sito.", {"form_submission"}),
    row("it", "form-info", "Ha compilato il modulo di contatto chiedendo informazioni generali.", {"form_submission"}),
    row("it", "webinar-registered", "Si è registrato al webinar di giovedì.", {"webinar_registration"}),
    row("it", "webinar-registered-fem", "Si è registrata al webinar di marzo.", {"webinar_registration"}),
    row("it", "webinar-attended", "Ha partecipato al webinar sulla logistica.", {"webinar_attendance"}),
    row("it", "webinar-attended-day", "Ha partecipato al webinar di martedì.", {"webinar_attendance"}),
    row("it", "event-met-at-stand", "L'abbiamo conosciuto al nostro stand in fiera a Bologna.", {"event_attendance"}),
    row("it", "event-stopped-by", "È passato al nostro stand in fiera.", {"event_attendance"}),
    row("it", "event-our-fair", "Ha partecipato alla nostra fiera a Milano.", {"event_attendance"}),
    row("it", "open-sequence", "Ha aperto le ultime 3 email della sequenza.", {"email_open"}),
    row("it", "open-four", "Ha aperto 4 email della sequenza.", {"email_open"}),
    row("it", "click-link", "Ha cliccato il link nella mail di benvenuto.", {"email_click"}),
    row("it", "click-sul-link", "Ha cliccato sul link nell'email di benvenuto.", {"email_click"}),
    row("it", "reply-asking-times", "Ha risposto alla nostra mail chiedendo i tempi di attivazione.", {"email_reply"}),
    row("it", "reply-follow-up", "Ha risposto alla nostra email di follow-up.", {"email_reply"}),
    row("it", "social-follows", "Ci segue su LinkedIn e ha messo mi piace a un post.", {"social_engagement"}),
    row("it", "social-like", "Ha messo mi piace a un nostro post su LinkedIn.", {"social_engagement"}),
    row("it", "ad-came-from", "È arrivato dall'annuncio su Google.", {"ad_click"}),
    row("it", "ad-clicked", "Ha cliccato sull'annuncio Facebook della promo.", {"ad_click"}),
    row("it", "ad-tramite", "È arrivato tramite un annuncio su Google.", {"ad_click"}),
    row("it", "cart-licences", "Ha messo due licenze nel carrello.", {"cart_add"}),
    row("it", "cart-plan", "Ha aggiunto il piano Pro al carrello.", {"cart_add"}),
    row("it", "wishlist-preferiti", "Ha salvato il pacchetto tra i preferiti.", {"wishlist_add"}),
    row("it", "wishlist-lista", "Ha salvato il prodotto nella lista dei desideri.", {"wishlist_add"}),
    row("it", "trial-activated", "Ha attivato la prova gratuita lunedì.", {"free_trial_signup"}),
    row("it", "trial-14-days", "Ha attivato la prova gratuita di 14 giorni.", {"free_trial_signup"}),
    row("it", "usage-actively", "Durante la prova la usano attivamente, 8 utenti attivi.", {"product_usage"}),
    row("it", "usage-colleagues", "Sta usando attivamente la prova con 3 colleghi.", {"product_usage"}),
    row("it", "demo-team", "Ha chiesto una demo per il suo team.", {"demo_request"}),
    row("it", "demo-live", "Ha chiesto una demo dal vivo.", {"demo_request"}),
    row("it", "quote-wants", "Vuole un preventivo per 20 postazioni.", {"quote_request"}),
    row("it", "quote-offer", "Ci ha chiesto un'offerta per tre sedi.", {"quote_request"}),
    row("it", "quote-users", "Vuole un preventivo per 10 utenti.", {"quote_request"}),
    row("it", "sales-talk", "Vuole parlare con un commerciale.", {"contact_sales"}),
    row("it", "sales-call-back", "Chiede di essere ricontattato domani.", {"contact_sales"}),
    row("it", "meeting-we-fixed", "Abbiamo fissato una call per martedì.", {"meeting_booked"},
        xfail="a meeting 'we' fixed with the lead is booked: our side may be the subject of meeting_booked"),
    row("it", "meeting-booked", "Ha prenotato una call per venerdì.", {"meeting_booked"}),
    row("it", "meeting-in-calendar", "Verificato: l'incontro è in calendario per mercoledì.", {"meeting_booked"}),
    row("it", "upgrade", "Vogliono passare al piano a pagamento.", {"upgrade_request"}),
    row("it", "upgrade-sing", "Vuole passare al piano a pagamento.", {"upgrade_request"}),
    row("it", "unsubscribe", "Si è disiscritto dalla newsletter.", {"unsubscribe"}),
    row("it", "bounce-invalid", "La mail è tornata indietro, indirizzo non valido.", {"email_bounce"}),
    row("it", "bounce", "L'email è tornata indietro.", {"email_bounce"}),
    # Polish
    row("pl", "visit-site", "Odwiedził naszą stronę dwa razy.", {"website_visit"}),
    row("pl", "visit-blog", "Odwiedziła blog w poniedziałek.", {"website_visit"}),
    row("pl", "visit-entered", "Wszedł na naszą stronę w środę.", {"website_visit"}),
    row("pl", "pricing-three-times", "Trzy razy oglądała cennik.", {"pricing_page_visit"}),
    row("pl", "pricing-twice", "Dwa razy oglądała cennik.", {"pricing_page_visit"}),
    row("pl", "download-report", "Pobrał raport o rynku.", {"content_download"}),
    row("pl", "download-ebook", "Pobrała e-booka o automatyzacji.", {"content_download"}),
    row("pl", "download-case-study", "Pobrali case study.", {"content_download"}),
    row("pl", "download-sciagnal", "Ściągnął nasz raport o rynku.", {"content_download"}),
    row("pl", "newsletter", "Zapisała się do newslettera.", {"newsletter_signup"}),
    row("pl", "form-contact", "Wypełnił formularz kontaktowy na stronie.", {"form_submission"}),
    row("pl", "form", "Wypełnił formularz kontaktowy.", {"form_submission"}),
    row("pl", "webinar-registered", "Zarejestrowała się na webinar o CRM.", {"webinar_registration"}),
    row("pl", "webinar-registered-scoring", "Zarejestrowała się na webinar o scoringu.", {"webinar_registration"}),
    row("pl", "webinar-attended", "Wziął udział w webinarze o logistyce.", {"webinar_attendance"}),
    row("pl", "webinar-was-at", "Był na naszym webinarze w czwartek.", {"webinar_attendance"}),
    row("pl", "webinar-feminine", "Wzięła udział w naszym webinarze.", {"webinar_attendance"}),
    row("pl", "event-met-at-fair", "Poznałem go na targach w Poznaniu, podszedł do naszego stoiska.", {"event_attendance"}),
    row("pl", "event-visited-stand", "Odwiedził nasze stoisko na targach.", {"event_attendance"}),
    row("pl", "open-three", "Otworzyła trzy maile z kampanii.", {"email_open"}),
    row("pl", "open-3", "Otworzyła 3 maile z kampanii.", {"email_open"}),
    row("pl", "click-welcome", "Kliknął link w mailu powitalnym.", {"email_click"}),
    row("pl", "click-link", "Kliknął link w mailu.", {"email_click"}),
    row("pl", "reply-offer", "Odpisała na maila z ofertą szkolenia.", {"email_reply"}),
    row("pl", "reply-our-mail", "Odpowiedział na naszego maila.", {"email_reply"}),
    row("pl", "social-follows", "Obserwuje nas na LinkedInie i polubiła nasz post.", {"social_engagement"}),
    row("pl", "social-liked", "Polubiła nasz post na LinkedInie.", {"social_engagement"}),
    row("pl", "ad-facebook", "Kliknął w reklamę na Facebooku.", {"ad_click"}),
    row("pl", "ad-came-from", "Przyszła z reklamy Google.", {"ad_click"}),
    row("pl", "ad-came-from-fb", "Przyszedł z reklamy na Facebooku.", {"ad_click"}),
    row("pl", "cart-terminals", "Dodał do koszyka dwa terminale.", {"cart_add"}),
    row("pl", "cart-plan", "Dodał pakiet Pro do koszyka.", {"cart_add"}),
    row("pl", "wishlist", "Dodała pakiet do listy życzeń.", {"wishlist_add"}),
    row("pl", "wishlist-ulubione", "Dodała produkt do ulubionych.", {"wishlist_add"}),
    row("pl", "trial-account", "Założył konto w wersji próbnej.", {"free_trial_signup"}),
    row("pl", "trial-launched", "Uruchomili trial w zeszłym tygodniu.", {"free_trial_signup"},
        xfail="one act word in two classes ('uruchomić': start and use) makes one interaction: launching a trial is its start, not usage"),
    row("pl", "trial-free-account", "Założył darmowe konto próbne.", {"free_trial_signup"}),
    row("pl", "usage-trial", "Na trialu aktywnie korzystają z systemu, 9 użytkowników.", {"product_usage"},
        xfail="being on a trial ('na trialu') with no start and no 'since' is usage only, as 'their trial team is actively using' is"),
    row("pl", "usage-invited", "Aktywnie korzysta z aplikacji, zaprosił 4 osoby do konta.", {"product_usage"}),
    row("pl", "demo-team", "Poprosił o demo dla zespołu.", {"demo_request"}),
    row("pl", "demo-presentation", "Poprosił o prezentację produktu na żywo.", {"demo_request"}),
    row("pl", "quote-wants", "Chce wycenę na 30 licencji.", {"quote_request"}),
    row("pl", "quote-offer", "Prosi o ofertę na wdrożenie.", {"quote_request"}),
    row("pl", "quote-licences", "Prosi o wycenę na 15 licencji.", {"quote_request"}),
    row("pl", "sales-talk", "Chce porozmawiać z handlowcem o umowie.", {"contact_sales"}),
    row("pl", "sales-phone", "Prosi o kontakt telefoniczny jutro.", {"contact_sales"}),
    row("pl", "sales-talk-plain", "Chce porozmawiać z handlowcem.", {"contact_sales"}),
    row("pl", "meeting-booked", "Umówił spotkanie na czwartek.", {"meeting_booked"}),
    row("pl", "meeting-in-calendar", "Sprawdziłem - spotkanie jest w kalendarzu na środę.", {"meeting_booked"}),
    row("pl", "meeting-in-calendar-plain", "Sprawdzilem, spotkanie jest juz w kalendarzu.", {"meeting_booked"}),
    row("pl", "meeting-we-agreed", "Umówiliśmy się na rozmowę w piątek.", {"meeting_booked"},
        xfail="a meeting 'we' agreed with the lead ('umówiliśmy się') is booked: our side may be the subject"),
    row("pl", "meeting-se", "Umówił się na rozmowę w piątek.", {"meeting_booked"}),
    row("pl", "meeting-with-rep", "Umówiła spotkanie z handlowcem na wtorek.", {"meeting_booked"}),
    row("pl", "upgrade", "Chcą przejść na płatny plan.", {"upgrade_request"}),
    row("pl", "upgrade-sing", "Chce przejść na płatny plan.", {"upgrade_request"}),
    row("pl", "unsubscribe", "Wypisała się z newslettera.", {"unsubscribe"}),
    row("pl", "unsubscribe-masc", "Wypisał się z newslettera.", {"unsubscribe"}),
    row("pl", "bounce", "Mail wrócił jako niedoręczony.", {"email_bounce"}),
    row("pl", "bounce-niedostarczony", "Mail wrócił jako niedostarczony.", {"email_bounce"}),
)


@pytest.mark.parametrize(("text", "want"), EVERY_KIND)
def test_every_kind(text: str, want: set[str]) -> None:
    assert kinds(text) == want


# --- the reading rules of SPEC section 2 that tell kinds apart ----------------------------

READING_RULES = table(
    # a demo, quote or talk-to-sales form is only the hand-raise
    row("en", "quote-form", "Filled in the request-a-quote form for 10 users.", {"quote_request"}),
    row("it", "quote-form", "Ha compilato il modulo 'Richiedi un preventivo' per 10 utenti.", {"quote_request"}),
    row("pl", "demo-form", "Wypełniła formularz z prośbą o demo.", {"demo_request"}),
    # a reply that asks for something is the reply and the hand-raise
    row("en", "reply-asking", "She replied to our email asking for a demo next week.", {"email_reply", "demo_request"}),
    row("it", "reply-asking", "Ha risposto alla nostra mail chiedendo un preventivo per 50 licenze.", {"email_reply", "quote_request"}),
    row("pl", "reply-asking", "Odpisał na naszego maila, że prosi o wycenę dla 15 użytkowników.", {"email_reply", "quote_request"}),
    # one act with a list of two objects of different kinds is both; the newsletter about or
    # after a webinar is only the newsletter
    row("en", "webinar-and-newsletter", "Signed up for the webinar and the newsletter.",
        {"webinar_registration", "newsletter_signup"}),
    row("it", "webinar-e-newsletter", "Si è iscritta al webinar e alla newsletter.", {"webinar_registration", "newsletter_signup"}),
    row("pl", "webinar-i-newsletter", "Zapisał się na webinar i do newslettera.", {"webinar_registration", "newsletter_signup"}),
    row("en", "newsletter-after-webinar", "Signed up for the newsletter after the webinar.", {"newsletter_signup"}),
    row("it", "newsletter-dopo-webinar", "Si è iscritta alla newsletter dopo il webinar.", {"newsletter_signup"}),
    row("pl", "newsletter-po-webinarze", "Zapisała się do newslettera po webinarze.", {"newsletter_signup"}),
    # being in the product, working on the trial account, is usage
    row("en", "in-it-every-day", 'Ticket: "we are on day 9 of the trial and the team is in it every day"', {"product_usage"},
        xfail="'day 9 of the trial' tells a trial under way, not its signup: a trial's day count is no trial_started"),
    row("it", "ci-lavoriamo", 'Mail: "Abbiamo attivato la prova, ci lavoriamo ogni giorno in tre."',
        {"free_trial_signup", "product_usage"}),
    row("pl", "pracujemy-na-koncie", 'Mail: "Od poniedziałku pracujemy na koncie próbnym we trójkę."', {"product_usage"}),
    # a webinar called "live product demo" is a webinar
    row("en", "demo-webinar", 'Attended our webinar "Live product demo: pipelines".', {"webinar_attendance"}),
    row("it", "demo-webinar", "Ha seguito il webinar 'Demo live: report in 10 minuti' lunedì.", {"webinar_attendance"}),
    row("pl", "demo-webinar", "Była na webinarze „Demo na żywo” i wyszła po 20 min.", {"webinar_attendance"}),
    row("en", "demo-session", "Joined the 'Demo Hour: pipelines in 20 minutes' session yesterday.", {"webinar_attendance"}),
    row("pl", "demo-webinar-title", "Był na webinarze 'Demo: raporty w 5 minut' we wtorek.", {"webinar_attendance"}),
    # a self-serve interactive product tour is product_usage
    row("en", "product-tour", "On her trial she took the interactive product tour.", {"free_trial_signup", "product_usage"},
        xfail="'on her trial' shows a trial signup: the trial noun with the lead's possessive is a trial_started"),
    row("it", "product-tour", "Ha fatto il tour interattivo del prodotto durante la prova.", {"product_usage"}),
    row("pl", "product-tour", "Przeszła interaktywną wycieczkę po produkcie.", {"product_usage"}),
    # asking to be called back about pricing is talking to sales, not a quote
    row("en", "call-about-pricing", "She asked for someone to call her back about pricing.", {"contact_sales"}),
    row("it", "call-about-prices", "Ha chiesto di essere richiamata per parlare dei prezzi.", {"contact_sales"}),
    row("pl", "call-about-prices", "Prosi, żeby ktoś do niej zadzwonił w sprawie cen.", {"contact_sales"}),
    # asking to be sent prices is a quote request, not a pricing page visit
    row("en", "send-price-list", "Web chat: could you email me your price list for 10 users?", {"quote_request"}),
    row("it", "send-prices", "Mi ha chiesto di mandargli i prezzi per 3 sedi.", {"quote_request"}),
    row("pl", "send-price-list", "Poprosiła o przesłanie cennika dla 20 osób.", {"quote_request"}),
    # looking for pricing in a form message is a quote request
    row("en", "form-looking-for-pricing", "Web form, message: looking for pricing on 40 seats.", {"quote_request"}),
    row("it", "form-wants-prices", "Modulo web, messaggio: cerco i prezzi per 40 utenti.", {"quote_request"},
        xfail="'cerco i prezzi' (looking for prices) asks for them, as English 'looking for pricing' does"),
    row("pl", "form-wants-prices", "Formularz, wiadomość: proszę o ceny dla 40 użytkowników.", {"quote_request"}),
    # asking for a call is contact_sales
    row("en", "wants-a-call", "Referred by a partner: she wants a call next week to discuss a rollout.", {"contact_sales"}),
    row("it", "wants-a-call", "Ha chiesto una call per capire i costi di attivazione.", {"contact_sales"}),
    row("pl", "wants-contact", "Prosi o kontakt w sprawie wdrożenia.", {"contact_sales"}),
    row("en", "call-me-about-pricing", 'Email: "We run 4 gyms. Could someone call me about pricing for all sites?"', {"email_reply", "contact_sales"},
        xfail="'could someone call me' in the lead's email is contact_sales: a request with the lead as the object"),
    row("it", "call-me-back", 'Messaggio: "Buongiorno, potete richiamarmi domattina? Grazie."', {"contact_sales"}),
    row("pl", "call-me", 'Wiadomość: "Dzień dobry, proszę o kontakt telefoniczny w sprawie oferty."', {"contact_sales"}),
    # an ad click is no email click
    row("en", "ad-clicks", "LinkedIn ad - clicks: 2", {"ad_click"}),
    row("it", "ad-clicks", "Annuncio LinkedIn - clic: 2", {"ad_click"}),
    row("pl", "ad-clicks", "Reklama na LinkedInie - kliknięcia: 2", {"ad_click"}),
    # an ad and a form in one sentence are both there
    row("en", "ad-then-form", "Clicked our LinkedIn ad three times, then filled in the contact form.", {"ad_click", "form_submission"}),
    row("it", "ad-then-form", "Ha cliccato tre volte sull'annuncio e poi ha compilato il modulo contatti.", {"ad_click", "form_submission"}),
    row("pl", "ad-then-form", "Kliknęła w naszą reklamę na LinkedInie, a potem zostawiła dane w formularzu, żeby pobrać przewodnik.", {"ad_click", "form_submission"}),
    # watching the price list is looking at pricing, not a second webinar
    row("en", "watched-pricing", "On Monday she attended the webinar. Today she looked at the price list on the site.", {"webinar_attendance", "pricing_page_visit"}),
    row("it", "watched-pricing", "Lunedì ha seguito il webinar. Oggi ha guardato il listino sul sito.", {"webinar_attendance", "pricing_page_visit"}),
    row("pl", "watched-pricing", "W poniedziałek była na webinarze. Dziś oglądała cennik na stronie.", {"webinar_attendance", "pricing_page_visit"}),
    # opening an email about pricing is an email open
    row("en", "pricing-email", "Yesterday she opened the pricing email.", {"email_open"},
        xfail="an email about pricing ('opened the pricing email', 'l'email con i prezzi', 'maila z cennikiem') is an email open, not a pricing-page visit: the opened object is the email"),
    row("it", "pricing-email", "Ieri ha aperto l'email con i prezzi.", {"email_open"},
        xfail="an email about pricing ('opened the pricing email', 'l'email con i prezzi', 'maila z cennikiem') is an email open, not a pricing-page visit: the opened object is the email"),
    row("pl", "pricing-email", "Wczoraj otworzyła maila z cennikiem.", {"email_open"},
        xfail="an email about pricing ('opened the pricing email', 'l'email con i prezzi', 'maila z cennikiem') is an email open, not a pricing-page visit: the opened object is the email"),
    # registering someone else is still the lead's registration
    row("en", "registered-people", "They registered 3 people for the webinar.", {"webinar_registration"}),
    row("it", "registered-colleagues", "Ha iscritto 3 colleghi al webinar.", {"webinar_registration"}),
    row("pl", "registered-people", "Zapisała 3 osoby na webinar.", {"webinar_registration"}),
)


@pytest.mark.parametrize(("text", "want"), READING_RULES)
def test_reading_rules(text: str, want: set[str]) -> None:
    assert kinds(text) == want


# --- a cue word that only names something is no act -----------------------------------------

NAMES_NO_ACT = table(
    # our demo proposal in a subject line
    row("en", "subject-demo-invitation",
        "From: Tara Quill <tara@quillworks.io>\nSubject: RE: Demo invitation\n\nThanks, not for us right now.", {"email_reply"}),
    row("it", "subject-demo-proposal",
        "Da: Ugo Sarti <ugo@sarti.it>\nOggetto: R: Proposta di demo\n\nGrazie, per ora non ci interessa.", {"email_reply"}),
    row("pl", "subject-demo-proposal",
        "Od: Jan Lis <jan@lisbud.pl>\nTemat: Re: Propozycja demo\n\nDziękuję, na razie nie jesteśmy zainteresowani.", {"email_reply"}),
    # a page or asset name
    row("en", "careers-page", "hasn't opened a single email, but visited our careers page twice - probably job hunting.", {"website_visit"}),
    row("it", "pricing-page-named", "Ha aperto la pagina 'Prezzi e piani' due volte ieri.", {"pricing_page_visit"}),
    row("pl", "pricing-page-named", "Dwa razy otworzyła stronę „Cennik i plany”.", {"pricing_page_visit"}),
)


@pytest.mark.parametrize(("text", "want"), NAMES_NO_ACT)
def test_names_are_no_acts(text: str, want: set[str]) -> None:
    assert kinds(text) == want


# --- what an interaction carries ---------------------------------------------------------------

DETAILS = table(
    row("en", "asset", "She downloaded the attribution playbook last week too.", "attribution playbook",
        xfail="the detail is the asset's whole phrase (modifiers and complement, no article, no time words: 'attribution playbook', 'guida sui contratti digitali', 'poradnik o fakturach elektronicznych'); a labelled log row's detail is the text after its label"),
    row("en", "webinar-title", "2025-04-02  Webinar registration: Retail Loyalty Live", "Retail Loyalty Live",
        xfail="the detail is the asset's whole phrase (modifiers and complement, no article, no time words: 'attribution playbook', 'guida sui contratti digitali', 'poradnik o fakturach elektronicznych'); a labelled log row's detail is the text after its label"),
    row("it", "asset", "Ha scaricato la guida sui contratti digitali, ma ieri si è disiscritto.", "guida sui contratti digitali",
        xfail="the detail is the asset's whole phrase (modifiers and complement, no article, no time words: 'attribution playbook', 'guida sui contratti digitali', 'poradnik o fakturach elektronicznych'); a labelled log row's detail is the text after its label"),
    row("it", "webinar-title", "Si è iscritta al webinar „Fatturazione senza stress”.", "Fatturazione senza stress"),
    row("pl", "webinar-title", "Zapisał się na webinar „Black Friday – co dalej?”", "Black Friday – co dalej?"),
    row("pl", "asset", "Pobrała poradnik o fakturach elektronicznych.", "poradnik o fakturach elektronicznych",
        xfail="the detail is the asset's whole phrase (modifiers and complement, no article, no time words: 'attribution playbook', 'guida sui contratti digitali', 'poradnik o fakturach elektronicznych'); a labelled log row's detail is the text after its label"),
)


@pytest.mark.parametrize(("text", "detail"), DETAILS)
def test_detail_names_the_asset_or_event(text: str, detail: str) -> None:
    assert read(text).interactions[0].detail == detail


EVIDENCE = table(
    row("en", "two-clauses", "Downloaded 2 guides last week and asked for a demo today. anna@velora.it",
        {"content_download": "Downloaded 2 guides last week", "demo_request": "asked for a demo today"}),
    row("it", "two-clauses", "Ha scaricato 2 guide la settimana scorsa e oggi ha chiesto una demo. anna@velora.it",
        {"content_download": "Ha scaricato 2 guide la settimana scorsa", "demo_request": "oggi ha chiesto una demo"}),
    row("pl", "two-clauses", "W zeszłym tygodniu pobrał 2 poradniki, a dziś poprosił o demo. anna@velora.pl",
        {"content_download": "W zeszłym tygodniu pobrał 2 poradniki", "demo_request": "dziś poprosił o demo"}),
)


@pytest.mark.parametrize(("text", "clauses"), EVIDENCE)
def test_evidence_stays_in_its_clause(text: str, clauses: dict[str, str]) -> None:
    """An explanation quotes the evidence: the words of its own clause, never the next
    action, a leading conjunction or the next sentence."""
    evidence = {i.kind.value: i.evidence for i in read(text).interactions}
    assert set(evidence) == set(clauses)
    for kind, clause in clauses.items():
        assert evidence[kind] in clause, (kind, evidence[kind])
