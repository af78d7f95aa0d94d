"""A short linked sentence ("See Handling application errors for more details.") deep inside the text, with the
pick's prose before and after it in reading order, stays even when its own siblings hold little prose (a
documentation page's nested sections); a list of links at the end of the text still goes."""
from __future__ import annotations

from cleaner import clean

P = [
    "The application object keeps the configuration, the registered views and the extensions; create it "
    "once, in a factory function, so that tests can build as many instances as they need.",
    "Requests are dispatched to views by their URL rules; each view receives the request's arguments and "
    "returns a response object, a string, or a tuple that the framework turns into one.",
    "When a view raises an exception the framework looks for an error handler registered for its class or "
    "its status code, and falls back to a generic internal server error page otherwise.",
    "Configuration values are read from the environment, from files or from objects; the order in which "
    "they are loaded decides which one wins when the same key is given more than once.",
    "Extensions hook into the application's signals and its request cycle; most of them follow the same "
    "pattern of an init_app method that registers what they need on a given instance.",
]
SEE = "See <a href='/errors/'>Handling application errors</a> for more details."
LINKS = ("<ul><li><a href='/a'>Deploying to production</a></li><li><a href='/b'>Command line interface</a></li>"
         "<li><a href='/c'>Testing your application</a></li></ul>")


def _page() -> str:
    return ("<html><body><nav><a href='/'>Docs</a> <a href='/api'>API</a></nav><main><div class='document'>"
            f"<section><h2>Application</h2><p>{P[0]}</p><p>{P[1]}</p></section>"
            f"<section><h2>Errors</h2><p>{P[2]}</p><p>{SEE}</p></section>"
            f"<section><h2>Configuration</h2><p>{P[3]}</p><p>{P[4]}</p>{LINKS}</section>"
            "</div></main><footer>Copyright the authors</footer></body></html>")


def test_a_linked_sentence_inside_the_text_stays():
    r = clean(_page(), "https://docs.example.org/en/latest/quickstart/", content_type="html", site_rules=False)
    assert P[0] in r.text and P[4] in r.text
    assert "See Handling application errors for more details." in r.text


def test_a_list_of_links_closing_the_text_still_goes():
    r = clean(_page(), "https://docs.example.org/en/latest/quickstart/", content_type="html", site_rules=False)
    assert "Deploying to production" not in r.text
