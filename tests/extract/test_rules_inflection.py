"""Rules extractor, word forms: gender, number and person of the act (pobrał, pobrała,
pobrali; scaricato, scaricata, hanno scaricato), the cases of the object (webinar,
webinarze, webinaru), notes typed without diacritics or in capitals, elisions and
contractions, a slip of the keyboard. Kinds are the EXACT set."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import kinds, row, table

FORMS = table(
    # gender, number, person, tense
    row("en", "plural-subject", "They downloaded two whitepapers and registered for the webinar.",
        {"content_download", "webinar_registration"}),
    row("en", "progressive", "She's been downloading our templates all week.", {"content_download"}),
    row("en", "present-s", "Opens every newsletter, clicks now and then.", {"email_open", "email_click"}),
    row("en", "contraction-theyve", "They've signed up for the free trial.", {"free_trial_signup"}),
    row("en", "possessive-object", "Clicked the webinar's registration link in our email.", {"email_click"},
        xfail="clicking a webinar's registration link in an email is the email click, not a registration"),
    row("it", "plural-feminine", "Hanno scaricato due whitepaper e si sono iscritte al webinar.",
        {"content_download", "webinar_registration"}),
    row("it", "plural-entrambe", "Hanno scaricato entrambe le guide.", {"content_download"}),
    row("it", "plural-socie", "Le due socie si sono iscritte alla newsletter.", {"newsletter_signup"}),
    row("it", "feminine-registrata", "Si è registrata al webinar di marzo.", {"webinar_registration"}),
    row("it", "present", "Apre tutte le newsletter e ogni tanto clicca sui link.", {"email_open", "email_click"}),
    row("pl", "masculine", "Pobrał raport o rynku.", {"content_download"}),
    row("pl", "feminine", "Pobrała e-booka o automatyzacji.", {"content_download"}),
    row("pl", "plural", "Pobrali dwa e-booki.", {"content_download"}),
    row("pl", "plural-visited", "Odwiedzili stronę 6 razy w tym tygodniu.", {"website_visit"}),
    row("pl", "plural-opened", "Otworzyli newsletter dwukrotnie.", {"email_open"}),
    row("pl", "plural-upgrade", "Chcą przejść z wersji darmowej na płatną.", {"upgrade_request"}),
    row("pl", "we-met", "Poznaliśmy go na targach w Poznaniu.", {"event_attendance"}),
    row("pl", "imperfective", "Otwierała nasze maile i klikała w linki.", {"email_open", "email_click"}),
    row("pl", "present-comments", "Komentuje nasze posty na LinkedInie.", {"social_engagement"}),
    # the cases of the object
    row("pl", "case-locative", "Wziął udział w webinarze o logistyce.", {"webinar_attendance"}),
    row("pl", "case-genitive", "Obejrzała nagranie webinaru do końca.", {"webinar_attendance"}),
    row("pl", "case-plural-accusative", "Zapisała się na nasze webinary.", {"webinar_registration"}),
    row("it", "article-preposition", "È stato tre volte sulla pagina prezzi.", {"pricing_page_visit"}),
    row("en", "plural-object", "Viewed the pricing pages on Monday.", {"pricing_page_visit"}),
    # elisions and contractions
    row("it", "elision-email", "Si è iscritto alla newsletter e poi ha aperto l'email di benvenuto.",
        {"newsletter_signup", "email_open"}),
    row("it", "elision-ebook", "Hanno scaricato l'ebook sul CRM.", {"content_download"}),
    row("it", "elision-annuncio", "È arrivato dall'annuncio su Google.", {"ad_click"}),
    row("en", "contraction-shes", "She's downloaded the guide and she'd like a demo.", {"content_download", "demo_request"}),
    row("pl", "contraction-dl", "Pobrała e-book i case study.", {"content_download"}),
)


@pytest.mark.parametrize(("text", "want"), FORMS)
def test_word_forms(text: str, want: set[str]) -> None:
    assert kinds(text) == want


NO_DIACRITICS_OR_CAPITALS = table(
    # Polish and Italian typed without their letters
    row("pl", "pobrala-zapisala", "pobrala poradnik i zapisala sie do newslettera", {"content_download", "newsletter_signup"}),
    row("pl", "first-person-chat", 'Klientka na czacie: "pobralam wasz e-book i zapisalam sie do newslettera"',
        {"content_download", "newsletter_signup"}),
    row("pl", "uczestniczyla", "Uczestniczyla w webinarze o RODO, pobrala nagranie i zapisala sie na nastepny webinar.",
        {"webinar_attendance", "content_download", "webinar_registration"},
        xfail="downloading a recording ('pobrala nagranie') is a content download: a recording is an asset after a download act"),
    row("pl", "wersje-probna", "Uruchomili wersje probna w zeszlym tygodniu, ale w ogole z niej nie korzystaja.",
        {"free_trial_signup"},
        xfail="one act word in two classes ('uruchomić': start and use) makes one interaction: launching a trial is its start, not usage"),
    row("pl", "pobrala-poradnik", "Pobrala poradnik o fakturach.", {"content_download"}),
    row("pl", "prosba-o-wycene", "prosila o wycene dla zespolu", {"quote_request"}),
    row("pl", "odwiedzil-strone", "odwiedzil strone z cennikiem i kliknal w link z newslettera",
        {"pricing_page_visit", "email_click"}),
    row("pl", "klikneła-typo", "Klikneła w link w mailu.", {"email_click"}),
    row("it", "si-e-iscritto", "ha scaricato la guida e si e iscritto alla newsletter", {"content_download", "newsletter_signup"}),
    row("it", "e-passato", "e passato al nostro stand in fiera", {"event_attendance"}),
    row("it", "puo-mandare", "ci puo mandare un preventivo per 5 utenti?", {"quote_request"}),
    row("it", "citta-accents", "si e registrata al webinar di giovedi", {"webinar_registration"}),
    row("en", "no-apostrophe", "shes downloaded the guide, hasnt booked a call", {"content_download"}),
    # capitals
    row("pl", "capitals", "ZAPISAŁ SIĘ NA WEBINAR I POBRAŁ EBOOKA.", {"webinar_registration", "content_download"}),
    row("it", "capitals", "HA SCARICATO LA GUIDA E HA CHIESTO UNA DEMO.", {"content_download", "demo_request"}),
    row("en", "capitals", "DOWNLOADED THE GUIDE AND BOOKED A CALL.", {"content_download", "meeting_booked"}),
    # a slip of the keyboard
    row("en", "typo", "Downlaoded the whitepaper on Monday.", {"content_download"},
        xfail="two letters swapped ('downlaoded') are one slip from the act word, as one letter doubled or dropped is"),
    row("it", "typo", "Ha scaricatto la guida lunedì.", {"content_download"}),
    row("pl", "typo", "Pobrała ebooka i zapisała sie do newlettera.", {"content_download", "newsletter_signup"}),
)


@pytest.mark.parametrize(("text", "want"), NO_DIACRITICS_OR_CAPITALS)
def test_no_diacritics_capitals_and_typos(text: str, want: set[str]) -> None:
    assert kinds(text) == want
