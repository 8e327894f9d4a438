"""Rules extractor, questions and thanks: our own question ("Want me to set up a demo?") is
no request of the lead's, the lead's question about the product is no act, the lead's
question that asks for something is the hand-raise, thanks for a past demo is no new
request, and a question mark inside a title asks nothing. Kinds are the EXACT set."""

from __future__ import annotations

import pytest

from tests.extract.rules_cases import kinds, row, table

QUESTIONS = table(
    # a short question after a dash asks only itself: what stands before it is said
    row("en", "dash-then-question", "Rep: saw you downloaded our retention report – thoughts?", {"content_download"}),
    row("it", "trattino-domanda", "Rep: ho visto che ha scaricato la nostra guida – com'è andata?", {"content_download"}),
    row("pl", "myslnik-pytanie", "Ja: widziałem, że pobrałeś nasz raport o retencji – jak wrażenia?", {"content_download"}),
    # our question or offer
    row("en", "want-me-to", "Want me to set up a demo?", set(),
        xfail="our offer addressed to the lead ('Want me to set up a demo?', 'Vuole che le organizziamo una demo?') is our question, not their request"),
    row("en", "should-we", "Should we send her a quote? She only downloaded the guide.", {"content_download"}),
    row("en", "i-asked-if", "I asked if she'd like a demo; she needs to think about it.", set()),
    row("en", "rep-asks-in-transcript", "Rep: would you like a quote?\nLead: not yet, thanks.", set()),
    row("it", "vuoi-che", "Vuole che le organizziamo una demo?", set(),
        xfail="our offer addressed to the lead ('Want me to set up a demo?', 'Vuole che le organizziamo una demo?') is our question, not their request"),
    row("it", "gli-mando", "Gli mando un preventivo? Per ora ha solo scaricato la guida.", {"content_download"}),
    row("it", "gli-ho-chiesto-se", "Gli ho chiesto se vuole una demo, deve pensarci.", set()),
    row("it", "rep-asks-in-transcript", "Commerciale: le preparo un preventivo?\nCliente: per ora no, grazie.", set()),
    row("pl", "moze-umowic", "Może umówić Panu demo?", set()),
    row("pl", "przeslac-mu", "Przesłać mu wycenę? Na razie tylko pobrał e-booka.", {"content_download"}),
    row("pl", "zapytalem-czy", "Zapytałem, czy chce demo – ma się zastanowić.", set()),
    row("pl", "rep-asks-in-transcript", "Handlowiec: przygotować wycenę?\nKlient: jeszcze nie, dziękuję.", set()),
    # the lead's question about the product is no act
    row("en", "asked-whether-trial", "Asked whether the trial includes SSO; she hasn't started one.", set()),
    row("en", "asked-if-integrates", "Asked if we integrate with Shopify.", set()),
    row("it", "chiesto-se-prova", "Ha chiesto se la prova include l'integrazione con SAP; non l'ha ancora attivata.", set()),
    row("it", "chiesto-se-integra", "Ha chiesto se ci integriamo con Shopify.", set()),
    row("pl", "pytala-czy-trial", "Pytała, czy trial obejmuje integrację z SAP; jeszcze go nie założyła.", set()),
    row("pl", "pytal-czy-integracja", "Pytał, czy mamy integrację z Shopify.", set()),
    # the lead's question that asks for something is the hand-raise
    row("en", "can-we-get", 'Chat: "Hi, can someone send me a quote for 12 seats?"', {"quote_request"}),
    row("en", "could-we-see", 'Email: "Could we see a demo next week?"', {"demo_request"}),
    row("en", "could-you-show", 'Email: "Could you show us the reporting module live next week?"', {"demo_request"},
        xfail="asking to be shown or to see the product live ('could you show us ... live', 'potete mostrarci ... dal vivo', 'chce zobaczyć system na żywo') is a demo request"),
    # a question in someone's quoted words asks its own clause, not the whole quote
    row("en", "quoted-use-then-ask", 'In-app chat: "hi, I use your free plan for my agency, how do I export reports to pdf?"',
        {"product_usage"}),
    row("it", "quoted-use-then-ask", 'Chat in-app: "ciao, uso il vostro piano gratuito per la mia agenzia, come si esportano i report in pdf?"',
        {"product_usage"}),
    row("pl", "quoted-use-then-ask", 'Czat w aplikacji: "dzień dobry, używam waszego darmowego planu w agencji, jak wyeksportować raport do pdf?"',
        {"product_usage"}),
    # "we" inside the asking words is the lead's side when the lead speaks
    row("en", "you-have-my-attention", 'Reply: "ok you\'ve got my attention, can we do a demo Thursday or Friday?"',
        {"demo_request", "email_reply"}),
    row("it", "avete-la-mia-attenzione", 'Risposta: "ok, mi avete convinto, possiamo fare una demo giovedì o venerdì?"',
        {"demo_request", "email_reply"}),
    row("pl", "macie-moja-uwage", 'Odpowiedź: "ok, przekonaliście mnie, możemy zrobić demo w czwartek albo piątek?"',
        {"demo_request", "email_reply"},
        xfail="'zrobić demo' (to do a demo) is no act of asking for a demo in the Polish vocabulary yet"),
    row("it", "ci-puo-mandare", 'Chat: "Buongiorno, ci può mandare un preventivo per 12 utenti?"', {"quote_request"}),
    row("it", "possiamo-vedere", 'Mail: "Possiamo vedere una demo la prossima settimana?"', {"demo_request"}),
    row("it", "potete-mostrarci", 'Mail: "Potete mostrarci la piattaforma dal vivo la prossima settimana?"', {"demo_request"},
        xfail="asking to be shown or to see the product live ('could you show us ... live', 'potete mostrarci ... dal vivo', 'chce zobaczyć system na żywo') is a demo request"),
    row("pl", "czy-mozecie-przeslac", 'Czat: "Dzień dobry, czy możecie przesłać wycenę dla 12 osób?"', {"quote_request"}),
    row("pl", "czy-mozemy-umowic", 'Mail: "Czy możemy umówić demo na przyszły tydzień?"', {"demo_request"}),
    row("pl", "czy-mozemy-zobaczyc", 'Mail: "Czy możemy zobaczyć demo w przyszłym tygodniu?"', {"demo_request"}),
    row("pl", "czy-mozecie-pokazac", 'Mail: "Czy możecie pokazać nam system na żywo w przyszłym tygodniu?"', {"demo_request"},
        xfail="asking to be shown or to see the product live ('could you show us ... live', 'potete mostrarci ... dal vivo', 'chce zobaczyć system na żywo') is a demo request"),
    # thanks for a past demo is no new request
    row("en", "thanks-for-demo", 'Chat: "Thanks for the demo yesterday, the team loved it!"', set()),
    row("en", "thanked-on-call", "On the call she thanked us for last week's demo.", set()),
    row("en", "thx-for-the-quote", "thx for the quote, will review with my boss", set()),
    row("it", "grazie-per-demo", 'Chat: "Grazie per la demo di ieri, molto utile!"', set()),
    row("it", "ringraziato-in-chiamata", "In chiamata ci ha ringraziato per la demo della settimana scorsa.", set()),
    row("it", "grazie-preventivo", "Grazie per il preventivo, lo guardo con il mio capo.", set()),
    row("pl", "dziekuje-za-demo", 'Czat: "Dziękuję za wczorajsze demo, bardzo pomocne!"', set()),
    row("pl", "podziekowala-na-rozmowie", "Na rozmowie podziękowała za demo z zeszłego tygodnia.", set()),
    row("pl", "dzieki-za-wycene", "Dzięki za wycenę, przejrzę ją z szefem.", set()),
    # a question mark inside a title asks nothing
    row("en", "title-question", 'Registered for the webinar "Is cold email dead?"', {"webinar_registration"}),
    row("it", "title-question", "Si è iscritta al webinar 'Il cold calling è morto?'", {"webinar_registration"}),
    row("pl", "title-question", "Zapisał się na webinar „Black Friday – co dalej?”", {"webinar_registration"}),
)


@pytest.mark.parametrize(("text", "want"), QUESTIONS)
def test_questions_and_thanks(text: str, want: set[str]) -> None:
    assert kinds(text) == want
