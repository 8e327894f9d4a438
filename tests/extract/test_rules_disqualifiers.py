"""Rules extractor, disqualifiers (SPEC section 2): a competitor, a student, a job seeker, a
lead who said no. The EXACT set of kinds: their competitors, comparing us with competitors,
a school's students, interest, or a no "for now" disqualify nobody."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import disqualifiers, row, table

DISQUALIFIED = table(
    # English
    row("en", "direct-competitor", "Turns out Fluxio is a direct competitor.", {"competitor"}),
    row("en", "works-for-competitor", "She works for a direct competitor of ours.", {"competitor"}),
    row("en", "sell-similar", "Heads-up: they sell a similar platform, probably researching us.", {"competitor"}),
    row("en", "build-the-same", "Badge note: they build pretty much the same lead-scoring software we do.", {"competitor"}),
    row("en", "we-build-too", 'Chat: "We build lead scoring software too, just curious about your pricing."', {"competitor"}),
    row("en", "university-student", "She is a university student writing her thesis on CRMs.", {"student"}),
    row("en", "mba-student", "MBA student doing research for a class project.", {"student"}),
    row("en", "phd-student", "She's a PhD student at KU Leuven researching lead scoring.", {"student"}),
    row("en", "looking-for-job", "He is looking for a job in sales and sent his CV.", {"job_seeker"}),
    row("en", "between-jobs", "He's between jobs and asked if we're hiring.", {"job_seeker"}),
    row("en", "new-role", 'Email: "Hello, I am looking for a new role in RevOps, my CV is attached."', {"job_seeker"}),
    row("en", "not-interested-stop", "Told us they're not interested, please stop calling.", {"not_interested"}),
    row("en", "not-interested-remove", "Told us they're not interested, please remove them from the list.", {"not_interested"}),
    row("en", "another-vendor", "We lost it: they went with another vendor.", {"not_interested"}),
    row("en", "no-thanks", "Said no thanks, they went with another vendor.", {"not_interested"}),
    row("en", "happy-with-current", "Said they're happy with their current tool and not looking to switch. Closed-lost.",
        {"not_interested"}),
    row("en", "looking-for-work-now", "Honestly I'm looking for work in B2B sales now. Any openings on your team?",
        {"job_seeker"}),
    row("pl", "szukam-teraz-pracy", "Szczerze – szukam teraz pracy w sprzedaży B2B. Macie może otwartą rekrutację na handlowca?",
        {"job_seeker"}),
    row("it", "cerco-lavoro-ora", "Sinceramente cerco lavoro nelle vendite B2B. Avete posizioni aperte?", {"job_seeker"}),
    # a company making what we make, against ours
    row("en", "builds-competing-machines", "Checked after the show: Verapack builds competing machines for food packaging.",
        {"competitor"}),
    row("it", "macchine-concorrenti-alle-nostre", "Attenzione: producono macchine concorrenti alle nostre.", {"competitor"}),
    row("pl", "maszyny-konkurencyjne-dla-naszych", "Uwaga: produkują maszyny konkurencyjne dla naszych.", {"competitor"}),
    # Italian
    row("it", "concorrente-diretto", "Lavora per un nostro concorrente diretto.", {"competitor"}),
    row("it", "prodotto-simile", "Attenzione: vendono un prodotto simile al nostro.", {"competitor"}),
    row("it", "sviluppano-concorrente", "Alla fine ha ammesso che sviluppano un software concorrente per la qualificazione dei lead.",
        {"competitor"}),
    row("it", "studente-tesi", "È uno studente universitario che prepara la tesi.", {"student"}),
    row("it", "studentessa", "È una studentessa e le serve materiale per la tesi.", {"student"}),
    row("it", "politecnico", "È uno studente del Politecnico, scrive la tesi sul marketing automation.", {"student"}),
    row("it", "cerca-lavoro", "Ci ha chiesto se abbiamo posizioni aperte, sta cercando lavoro.", {"job_seeker"}),
    row("it", "candidarsi", "Sta cercando lavoro e vorrebbe candidarsi.", {"job_seeker"}),
    row("it", "nuova-posizione", 'LinkedIn: "Salve, sono in cerca di una nuova posizione come analista, vi allego il mio CV."',
        {"job_seeker"}),
    row("it", "non-interessati", "Ha detto chiaramente che non sono interessati.", {"not_interested"}),
    row("it", "ci-ha-detto", "Ci ha detto che non sono interessati.", {"not_interested"}),
    row("it", "altro-fornitore", "Hanno scelto un altro fornitore, grazie comunque.", {"not_interested"}),
    row("it", "non-ci-serve", "Siamo in 6 in studio, i clienti arrivano col passaparola, un tool del genere non ci serve.",
        {"not_interested"}),
    # Polish
    row("pl", "bezposredni-konkurent", "To nasz bezpośredni konkurent.", {"competitor"}),
    row("pl", "firma-konkurencyjna", "Pracuje w firmie konkurencyjnej.", {"competitor"}),
    row("pl", "u-konkurencji", "Pracuje u konkurencji.", {"competitor"}),
    row("pl", "podobne-narzedzie", "Uwaga: sprzedają podobne narzędzie, to rozpoznanie.", {"competitor"}),
    row("pl", "robi-konkurencyjne", "W końcu przyznał, że ich firma robi konkurencyjne narzędzie do kwalifikacji leadów.",
        {"competitor"}),
    row("pl", "robimy-podobny", 'Gość: "no dobra, przyznaję, robimy podobny produkt, chciałem zobaczyć wasz onboarding"',
        {"competitor"}),
    # a two-letter cue is quoted with the words around it
    row("en", "cv-attached", 'LinkedIn: "Saw you are hiring an AE. 6 years in SaaS, CV attached."', {"job_seeker"}),
    row("it", "allego-cv", 'LinkedIn: "Ho visto che cercate un Account Executive. Allego CV, disponibile per un colloquio."',
        {"job_seeker"}),
    row("pl", "w-zalaczeniu-cv", 'LinkedIn: "Widzę, że szukacie handlowca. CV w załączniku."', {"job_seeker"}),
    row("pl", "student-informatyki", "To student informatyki, pisze pracę magisterską.", {"student"}),
    row("pl", "studentka", "Jest studentką, pisze pracę magisterską.", {"student"}),
    row("pl", "szuka-pracy", "Szuka pracy jako handlowiec.", {"job_seeker"}),
    row("pl", "przeslal-cv", "Szuka pracy i przesłał CV.", {"job_seeker"}),
    row("pl", "czy-rekrutujemy", "Szuka pracy jako handlowiec, pytał czy rekrutujemy. Nie jest klientem.", {"job_seeker"}),
    row("pl", "szukam-nowej-pracy", 'Czat: "Dzień dobry, szukam nowej pracy, w załączeniu CV."', {"job_seeker"}),
    # what the lead says of themselves in a message that asks something is still said
    row("en", "quoted-asking", 'LinkedIn reply: "Thanks! Actually I am looking for a job as an SDR right now, are you hiring?"',
        {"job_seeker"}),
    row("it", "quoted-asking", 'Risposta su LinkedIn: "Grazie! In realtà al momento sto cercando lavoro come SDR, avete posizioni aperte?"',
        {"job_seeker"}),
    row("pl", "quoted-asking", 'Odpowiedź na LinkedIn: "Dzięki! Szczerze mówiąc szukam teraz pracy jako SDR, macie wolne stanowiska?"',
        {"job_seeker"}),
    row("pl", "nie-sa-zainteresowani", "Powiedział, że nie są zainteresowani współpracą.", {"not_interested"}),
    row("pl", "nie-jestesmy-zainteresowani", 'Mail: "Dziękujemy, nie jesteśmy zainteresowani."', {"not_interested"}),
    row("pl", "innego-dostawce", "Wybrali innego dostawcę.", {"not_interested"}),
)


@pytest.mark.parametrize(("text", "want"), DISQUALIFIED)
def test_disqualifiers(text: str, want: set[str]) -> None:
    assert disqualifiers(text) == want


NOT_DISQUALIFIED = table(
    row("en", "not-a-competitor", "They are not a competitor, just a partner.", set()),
    row("en", "their-competitors", "Their competitors all use spreadsheets.", set()),
    row("en", "their-competitors-use-us", "Their competitors use us; they are a retailer.", set()),
    row("en", "evaluating-vs", "They are evaluating us vs two competitors.", set(),
        xfail="'competitors' that belong to someone else ('us vs two competitors', 'lost the deal to a competitor') disqualify nobody, as Italian 'noi e altri concorrenti' and Polish 'z konkurentami' already read"),
    row("en", "lost-to-competitor", "Lost the deal to a competitor last year, now back in the market.", set()),
    # our own message in a thread says nothing of them ("noticed you're hiring")
    row("en", "our-quoted-hiring", "From: Caspian <c@wren.co.uk>\nTo: Noor Haddad\nSubject: Re: lettings\n\nHi Noor, "
        "could someone call me this week?\n\nOn 8 May 2025, Noor Haddad wrote:\n> Hi Caspian, noticed you're hiring "
        "two more negotiators. Are enquiries still in a shared inbox?", set()),
    row("it", "nostra-citata-cv", "Da: Marta <m@rossi.it>\nA: Luca Serra\nOggetto: R: offerta\n\nCiao Luca, mi "
        "richiamate domani?\n\n> Il 7 gen 2026, Luca Serra ha scritto:\n> Buongiorno Marta, state cercando personale? "
        "Il nostro modulo CV aiuta.", set()),
    row("pl", "nasza-cytowana-rekrutacja", "Od: Ewa <e@optima.pl>\nDo: Jan Nowak\nTemat: Re: rekrutacja\n\nDzień dobry, "
        "proszę o telefon jutro.\n\n> W dniu 7.01.2026 Jan Nowak napisał:\n> Dzień dobry, widzę, że szukacie "
        "pracowników. Nasz parser CV pomoże.", set()),
    # a reseller or a priority list is no "no": not the buyer himself, competing priorities
    row("en", "not-a-buyer-reseller", "He resells SaaS tools to his clients and is not a buyer himself; route him to partnerships.",
        set()),
    row("en", "competing-priorities", "She's working on competing priorities this quarter.", set()),
    # a company hiring or looking in its work for a tool seeks no job
    row("pl", "prowadzimy-rekrutacje", "Prowadzimy otwartą rekrutację na handlowców, potrzebujemy CRM.", set()),
    row("pl", "szukam-w-pracy", "Szukam w pracy dobrego narzędzia do CRM.", set()),
    row("en", "we-are-hiring", "We are hiring two more negotiators, so we need a better inbox.", set()),
    # a deal our CRM marks lost is our record, not the lead saying no
    row("en", "closed-lost-budget", "2024-10-02 Opportunity closed-lost (reason: waiting for 2025 budget)", set()),
    row("it", "chiuso-perso-budget", "Stato opportunità: chiuso perso (03/2024, niente budget)", set()),
    row("pl", "closed-lost-budzet", "Status szansy: Closed-lost (03.2024, brak budżetu)", set()),
    # a no to one thing is no "no" to us: declining a demo, or wanting another part
    row("en", "not-looking-for-demo", 'Said explicitly she is NOT looking for a demo or pricing yet, "just benchmarking".',
        set()),
    row("it", "non-interessata-ma-demo", "Il modulo paghe non le interessa, MA vuole una demo del modulo selezione.", set()),
    row("pl", "nie-zainteresowana-ale-demo", "Modułem płac nie jest zainteresowana, ALE chce demo modułu rekrutacji.", set()),
    row("en", "school-students", "Runs a school with 400 students.", set()),
    # a shop selling the same goods as another, or a lead using a tool like ours, builds nothing like ours
    row("en", "sell-similar-products", "They sell similar products in their shop and on Amazon.", set()),
    row("it", "usano-strumento-simile", "Usano uno strumento simile da anni, ma non ne sono contenti.", set()),
    row("pl", "sprzedaja-podobne-produkty", "Sprzedają podobne produkty jak Allegro, tylko taniej.", set()),
    row("en", "job-ads", "Their job ads suggest they are growing.", set()),
    row("en", "very-interested", "Very interested in the analytics module.", set()),
    row("en", "not-now", "Not interested right now, check back in Q3.", set()),
    row("it", "interessa", "Il tema le interessa molto.", set()),
    row("it", "valuta-concorrenti", "Sta valutando noi e altri concorrenti.", set()),
    row("it", "cliente-concorrente", "Nota: è già cliente di un nostro concorrente, ma si è iscritto alla newsletter per curiosità.",
        set()),
    row("it", "scuola-studenti", "Dirige una scuola con 400 studenti.", set()),
    row("it", "per-ora-no", "Per ora non è interessato, risentiamoci a settembre.", set()),
    row("pl", "porownuje", "Porównuje nas z konkurentami.", set()),
    row("pl", "ich-konkurenci", "Ich konkurenci korzystają z naszego systemu.", set()),
    row("pl", "szkola-uczniowie", "Szkoła ma 400 uczniów i 30 nauczycieli.", set()),
    row("pl", "zainteresowana", "Bardzo zainteresowana modułem raportów.", set()),
    row("pl", "na-razie-nie", "Na razie nie są zainteresowani, wrócić we wrześniu.", set()),
)


@pytest.mark.parametrize(("text", "want"), NOT_DISQUALIFIED)
def test_no_disqualifier(text: str, want: set[str]) -> None:
    assert disqualifiers(text) == want
