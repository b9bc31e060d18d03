"""The query language: every form parses to the right tree; nothing a user types raises."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.query import (
    ONLY_STOPWORDS,
    STOPWORDS_BESIDE_FILTERS,
    And,
    Filter,
    Not,
    Or,
    Paragraph,
    Phrase,
    Word,
    describe,
    parse,
)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("genomlysning", Word("genomlysning")),
        ("genomlysning ESF", And((Word("genomlysning"), Word("ESF")))),
        ('"extern genomlysning"', Phrase("extern genomlysning")),
        ("budget -revision", And((Word("budget"), Not(Word("revision"))))),
        ('budget -"intern kontroll"', And((Word("budget"), Not(Phrase("intern kontroll"))))),
        ("ESF OR NNS", Or((Word("ESF"), Word("NNS")))),
        ("(ESF OR NNS) budget", And((Or((Word("ESF"), Word("NNS"))), Word("budget")))),
        ("samverk*", Word("samverk", prefix=True)),
        ("ESF-projekten", Word("ESF-projekten")),
        ("kl. 13:00", And((Word("kl."), Word("13:00")))),
        ("-budget", Not(Word("budget"))),
        ("§ 47", Paragraph(47, 47)),
        ("§47", Paragraph(47, 47)),
        ("§§ 12-14", Paragraph(12, 14)),
        ("§§14–12", Paragraph(12, 14)),
        ("(§ 4)", Paragraph(4, 4)),
        ("§ 11 OR § 12", Or((Paragraph(11, 11), Paragraph(12, 12)))),
        ("budget -§ 4", And((Word("budget"), Not(Paragraph(4, 4))))),
        ("§ 47 förbund:soderasen", Paragraph(47, 47)),
        # A paragraph added to the agenda has the number of the one it follows.
        ("§ 47a", Paragraph(47, 47)),
        ("§§ 47a-48", Paragraph(47, 48)),
        # Not a paragraph number: letters after it, more than four digits, or no number.
        ("§ 47ab", And((Word("§"), Word("47ab")))),
        ("§ 47x", And((Word("§"), Word("47x")))),
        ("ESF §", And((Word("ESF"), Word("§")))),
        # A report's goal, in any case, alone or as a range.
        ("Mål 8", Paragraph(8, 8, goal=True)),
        ("mål 3-5", Paragraph(3, 5, goal=True)),
        ("MÅL 10", Paragraph(10, 10, goal=True)),
        ("Mål 8 OR § 8", Or((Paragraph(8, 8, goal=True), Paragraph(8, 8)))),
        # Not a goal: a year or a longer number after it, a quoted phrase, the word alone.
        ("mål 2025", And((Word("mål"), Word("2025")))),
        ('"mål 8"', Phrase("mål 8")),
        ("målet 8", And((Word("målet"), Word("8")))),
        ("mål", Word("mål")),
        # The number before the sign, as Halland writes it.
        ("11 §", Paragraph(11, 11)),
        ("47a §", Paragraph(47, 47)),
        ("12-14 §§", Paragraph(12, 14)),
        ("budget 4 §", And((Word("budget"), Paragraph(4, 4)))),
        ("2024 §", And((Word("2024"), Word("§")))),  # four digits: a year, not a §
        # A protocol numbered on past 999, the number before the sign too.
        ("1000 §", Paragraph(1000, 1000)),
        ("1000a §", Paragraph(1000, 1000)),
        ("999-1001 §§", Paragraph(999, 1001)),
        ("budget 1000 §", And((Word("budget"), Paragraph(1000, 1000)))),
        # … but a year before the sign stays a word, and a longer number is no §.
        ("1999 §", And((Word("1999"), Word("§")))),
        ("2024 § 5", And((Word("2024"), Paragraph(5, 5)))),
        ("12345 §", And((Word("12345"), Word("§")))),
        # Several references mean any of them: a section has one number.
        ("§ 12 § 14", Or((Paragraph(12, 12), Paragraph(14, 14)))),
        ("§ 12, 14", Or((Paragraph(12, 12), Paragraph(14, 14)))),
        ("§§ 12 och 14-16", Or((Paragraph(12, 12), Paragraph(14, 16)))),
        ("Mål 3 och 5", Or((Paragraph(3, 3, goal=True), Paragraph(5, 5, goal=True)))),
        ("§ 12 budget § 14", And((Or((Paragraph(12, 12), Paragraph(14, 14))), Word("budget")))),
        ("-§ 12 -§ 14", And((Not(Paragraph(12, 12)), Not(Paragraph(14, 14))))),
        ("§ 5 och 2024", And((Paragraph(5, 5), Word("och"), Word("2024")))),  # a year stays
        ("§ 5 och budget", And((Paragraph(5, 5), Word("och"), Word("budget")))),
        # Operators as other engines write them, in capitals only.
        ("ESF AND NNS", And((Word("ESF"), Word("NNS")))),
        ("ESF OCH NNS", And((Word("ESF"), Word("NNS")))),
        ("ESF ELLER NNS", Or((Word("ESF"), Word("NNS")))),
        ("budget NOT revision", And((Word("budget"), Not(Word("revision"))))),
        ("budget INTE revision", And((Word("budget"), Not(Word("revision"))))),
        ("budget NOT (ESF OR NNS)", And((Word("budget"), Not(Or((Word("ESF"), Word("NNS"))))))),
        ("ESF and NNS", And((Word("ESF"), Word("and"), Word("NNS")))),
        ("not", Word("not")),
        # A filter among alternatives is part of the query's logic; so is one excluded there.
        # (Excluded elsewhere, it narrows the whole search: see test_filters.)
        ("-förbund:halland budget", Word("budget")),
        ("ESF OR -år:2023", Or((Word("ESF"), Not(Filter("year", "2023"))))),
        (
            "(ESF -år:2023) OR NNS",
            Or((And((Word("ESF"), Not(Filter("year", "2023")))), Word("NNS"))),
        ),
        (
            "förbund:halland OR förbund:blekinge",
            Or((Filter("forbund", "halland"), Filter("forbund", "blekinge"))),
        ),
        ("ESF OR typ:rapport", Or((Word("ESF"), Filter("kind", "rapport")))),
        ("(ESF år:2024) OR NNS", Or((And((Word("ESF"), Filter("year", "2024"))), Word("NNS")))),
        ("(förbund:halland ESF)", Word("ESF")),  # no OR: the filter narrows the whole search
        # Full-width letters and ligatures read as the letters they stand for.
        ("ＥＳＦ", Word("ESF")),
        ("ﬁnansiering", Word("finansiering")),
        ("bud\u200bget", Word("budget")),  # a zero-width space pasted with the word
        # An acronym's Swedish ending after a colon is part of the word, not a filter.
        ("FK:s", Word("FK:s")),
        ("SKR:s rapport", And((Word("SKR:s"), Word("rapport")))),
        ("SIP:ar", Word("SIP:ar")),
        ("-ESF:s", Not(Word("ESF:s"))),
        ("ansvar:x", Word("ansvar x")),  # a lower-case word before the colon: two words
        # typed in lower case or in capitals, as the text writes it: it was the phrase "fk s"
        ("fk:s", Word("FK:s")),
        ("FK:S", Word("FK:s")),
        ("skr:s rapport", And((Word("SKR:s"), Word("rapport")))),
        ("Sip:AR", Word("SIP:ar")),
        ("-esf:s", Not(Word("ESF:s"))),
        ("ansvar:s", Word("ansvar s")),  # a word, no acronym
        ("fk:xyz", Word("fk xyz")),  # no Swedish ending
        # a pasted address: its scheme is no filter, and the text may write it without
        ("https://www.x.se/a", Word("www.x.se/a")),
        ("budget HTTP://www.x.se", And((Word("budget"), Word("www.x.se")))),
        # A word or group typed twice asks nothing more: it is read once.
        ("ESF ESF", Word("ESF")),
        ("sa* sa* sa*", Word("sa", prefix=True)),
        ("ESF OR ESF", Word("ESF")),
        ("budget ESF budget", And((Word("budget"), Word("ESF")))),
    ],
)
def test_trees(text: str, tree) -> None:
    parsed = parse(text)
    assert parsed.tree == tree
    assert parsed.notices == []


@pytest.mark.parametrize(
    ("text", "attr", "value"),
    [
        ("förbund:blekinge budget", "forbund", ["blekinge"]),
        ("forbund:halland forbund:blekinge", "forbund", ["halland", "blekinge"]),
        ('förbund:"Skåne Nordost"', "forbund", ["skane-nordost"]),
        # a genitive names the förbund, as in a query's words ("Hallands"): it was the slug
        # "hallands", which no förbund has
        ("förbund:hallands budget", "forbund", ["halland"]),
        ('förbund:"Östra Södertörns"', "forbund", ["ostra-sodertorn"]),
        ("förbund:xyzs", "forbund", ["xyzs"]),
        # A list names each förbund, as the filter repeated does (it was "halland-blekinge",
        # which no förbund is); a name with commas is still one förbund.
        ("förbund:halland,blekinge budget", "forbund", ["halland", "blekinge"]),
        ("förbund:halland, budget", "forbund", ["halland"]),
        (
            'förbund:"Ale, Kungälv, Stenungsund och Tjörn"',
            "forbund",
            ["ale-kungalv-stenungsund-och-tjorn"],
        ),
        ("år:2024 ESF", "year_from", 2024),
        ("year:2020..2022", "year_to", 2022),
        ("typ:beslut utbildning", "decisions_only", True),
        ("typ:rapport", "kinds", ["rapport"]),
        ("datum:2024-01-01..2024-06-30", "date_to", date(2024, 6, 30)),
        ("datum:2024-01-01..", "date_from", date(2024, 1, 1)),
        # A range written backwards is turned around, as "§§ 14-12" is.
        ("år:2025..2023", "year_from", 2023),
        ("år:2025..2023", "year_to", 2025),
        ("datum:2024-06-30..2024-01-01", "date_from", date(2024, 1, 1)),
        ("datum:2024-06-30..2024-01-01", "date_to", date(2024, 6, 30)),
        # A range with a dash between its ends, as Swedish writes it: before, a filter not
        # understood, whose notice showed a single year.
        ("år:2023-2024 budget", "year_from", 2023),
        ("år:2023-2024 budget", "year_to", 2024),
        ("år:2023–2024", "year_to", 2024),
        ("år:2023-24", "year_to", 2024),
        ("år:2024-2023", "year_from", 2023),  # backwards: turned around
        ("datum:2024-01-01-2024-06-30", "date_to", date(2024, 6, 30)),
        ("datum:2024-01-01–2024-06-30", "date_from", date(2024, 1, 1)),
        # Two year or date ranges must both hold: each narrows the other.
        ("år:2020..2024 år:2023..2026", "year_from", 2023),
        ("år:2020..2024 år:2023..2026", "year_to", 2024),
        ("datum:2024-01-01.. datum:..2024-06-30", "date_to", date(2024, 6, 30)),
        ("datum:2024-01-01.. datum:..2024-06-30", "date_from", date(2024, 1, 1)),
        # An excluded filter narrows the whole search, as a filter does; one among
        # alternatives does not.
        ("-förbund:halland budget", "forbund", []),
        ("-förbund:halland budget", "excluded", [("forbund", "halland")]),
        ("NOT förbund:halland budget", "excluded", [("forbund", "halland")]),
        ("ESF OR NNS -år:2023", "excluded", [("year", "2023")]),
        ("ESF OR -år:2023", "excluded", []),
        ("budget NOT år:2023 )", "excluded", [("year", "2023")]),  # read as plain words
        ("förbund:halland OR förbund:blekinge", "forbund", []),
        # A query read as plain words keeps its filters.
        ('förbund:halland "ESF', "forbund", ["halland"]),
        ("år:2024 (ESF OR", "year_from", 2024),
    ],
)
def test_filters(text: str, attr: str, value) -> None:
    assert getattr(parse(text).filters, attr) == value


def test_a_filter_typed_twice_is_read_once() -> None:
    assert parse("forbund:halland FÖRBUND:Halland år:2024 year:2024").readings == [
        "forbund:halland → bara förbundet ”halland”",
        "år:2024 → bara år 2024",
    ]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("förbund:Blekinge ESF", "förbund:Blekinge → bara förbundet ”blekinge”"),
        ("år:2024", "år:2024 → bara år 2024"),
        ("år:2020..2022", "år:2020..2022 → bara år 2020–2022"),
        ("år:..2022", "år:..2022 → bara år till och med 2022"),
        ("år:2025..2023", "år:2025..2023 → bara år 2023–2025 (skrivet baklänges och vänt)"),
        ("datum:2024-01-01..", "datum:2024-01-01.. → bara datum från 2024-01-01"),
        ("typ:beslut", "typ:beslut → bara beslutstext"),
        ("typ:rapport", "typ:rapport → bara dokument av typen rapport"),
        ("budget -förbund:halland", "-förbund:halland → utom förbundet ”halland”"),
        # the sections without a förbund, by the facet's name or its slug (not a förbund's name)
        ('förbund:"Okänt förbund"', "förbund:Okänt förbund → bara sektioner utan förbund"),
        ("budget -förbund:okant-forbund", "-förbund:okant-forbund → utom sektioner utan förbund"),
        ("-typ:beslut budget", "-typ:beslut → utom sektioner med beslut"),
        # A filter beside OR is one of the alternatives, and says so (see below).
        ("ESF OR år:2024", "år:2024 → ett alternativ till OR: år 2024"),
    ],
)
def test_filters_say_how_they_were_read(text: str, reading: str) -> None:
    assert parse(text).readings == [reading]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        (
            "samverkan -förbund:halland OR budget",
            "-förbund:halland → ett alternativ till OR: allt utom förbundet ”halland”",
        ),
        ("ESF OR NOT år:2024", "-år:2024 → ett alternativ till OR: allt utom år 2024"),
        ("(-typ:beslut OR ESF) budget", "-typ:beslut → ett alternativ till OR: allt utom sektioner med beslut"),
    ],
)  # fmt: skip
def test_an_excluded_filter_as_an_alternative_of_or_says_so(text: str, reading: str) -> None:
    """ "samverkan -förbund:halland OR budget" finds Halland's sections with budget, as
    "-b OR c" finds those with c: its reading said "utom förbundet ”halland”", as if
    Halland were left out, where an excluded word says it is one of the alternatives."""
    assert parse(text).readings == [reading]


@pytest.mark.parametrize(
    ("text", "tree", "reading"),
    [
        (
            "(förbund:halland OR ESF)",
            Or((Filter("forbund", "halland"), Word("ESF"))),
            "förbund:halland → ett alternativ till OR: förbundet ”halland”",
        ),
        (
            "(typ:beslut OR ESF)",
            Or((Filter("kind", "beslut"), Word("ESF"))),
            "typ:beslut → ett alternativ till OR: sektioner med beslut",
        ),
        # In a group beside an OR it narrows its group, and reads as what it selects.
        (
            "(förbund:halland samverkan) OR budget",
            Or((And((Filter("forbund", "halland"), Word("samverkan"))), Word("budget"))),
            "förbund:halland → förbundet ”halland”",
        ),
    ],
)
def test_a_filter_among_alternatives_alternates_and_says_so(
    text: str, tree: object, reading: str
) -> None:
    """A filter inside OR is an alternative, not a filter on the search: "(förbund:halland OR
    ESF)" finds Halland's sections and ESF's everywhere. Its reading said "förbundet
    ”halland”" as a filter's does, without the "bara", and "typ:beslut → beslutstext" for
    what selects the sections with decisions, not decision text."""
    parsed = parse(text)
    assert parsed.tree == tree and parsed.filters == parse("").filters
    assert parsed.readings == [reading]


@pytest.mark.parametrize(("text", "field"), [("förbund: budget", "förbund"), ("budget år:", "år")])
def test_a_filter_without_a_value_gives_a_notice(text: str, field: str) -> None:
    parsed = parse(text)
    assert parsed.tree == Word("budget")
    assert parsed.filters == parse("budget").filters
    assert parsed.notices == [
        f"Filtret {field}: saknar värde och användes inte — skriv värdet direkt efter kolonet, "
        f"till exempel {'förbund:blekinge' if field == 'förbund' else 'år:2024'}."
    ]


def test_filters_leave_the_words() -> None:
    assert parse("förbund:blekinge budget").tree == Word("budget")


@pytest.mark.parametrize(
    "text",
    ['"extern genomlysning', "ESF OR", "ESF )", "ESF NOT", "ESF) OR (NNS", "(ESF OR"],
)
def test_unreadable_queries_fall_back_to_plain_words(text: str) -> None:
    parsed = parse(text)
    assert parsed.notices and "vanliga ord" in parsed.notices[0]
    words = [w.text for w in _words(parsed.tree)]
    assert not {"OR", "NOT"} & set(words)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("()", ONLY_STOPWORDS),
        (")(", ONLY_STOPWORDS),
        ("( )", ONLY_STOPWORDS),
        ("(", ONLY_STOPWORDS),
        ("() förbund:halland", STOPWORDS_BESIDE_FILTERS),
    ],
)
def test_an_unreadable_query_without_a_word_is_told_it_has_none(text: str, said: str) -> None:
    """Read as plain words, "()" holds none: it was told that it had been searched as plain
    words; it is told, as "?!" is, that it holds only what cannot be searched alone."""
    parsed = parse(text)
    assert parsed.tree is None and parsed.notices == [said]


def test_a_paragraph_number_too_long_is_searched_as_text_with_a_notice() -> None:
    parsed = parse("§ 12345")
    assert parsed.tree == And((Word("§"), Word("12345")))
    assert parsed.notices == [
        "Ett paragrafnummer har högst fyra siffror: ”§ 12345” söktes som text."
    ]


@pytest.mark.parametrize(
    ("text", "words", "notice"),
    [
        ("ESF OR", Word("ESF"), "OR (ELLER) behöver ett ord på båda sidor"),
        ("OR ESF NNS", And((Word("ESF"), Word("NNS"))), "OR (ELLER) behöver ett ord på båda sidor"),
        ("(ESF ELLER)", Word("ESF"), "OR (ELLER) behöver ett ord på båda sidor"),
        ("budget NOT", Word("budget"), "NOT, INTE eller - behöver ett ord efter sig"),
        ("budget INTE", Word("budget"), "NOT, INTE eller - behöver ett ord efter sig"),
        ('"ESF', Word("ESF"), "ett citattecken eller en parentes som inte stängs"),
        ("ESF () NNS", And((Word("ESF"), Word("NNS"))), "ett citattecken eller en parentes"),
    ],
)  # fmt: skip
def test_an_unreadable_query_says_what_was_wrong(text: str, words, notice: str) -> None:
    """An operator at an end is named, not blamed on a quote or a parenthesis."""
    parsed = parse(text)
    assert parsed.tree == words
    assert len(parsed.notices) == 1 and notice in parsed.notices[0]


@pytest.mark.parametrize(
    ("text", "closed", "notice"),
    [
        ("(ESF OR NNS", "(ESF OR NNS)", "En parentes stängdes inte"),
        ("((ESF OR NNS) budget", "((ESF OR NNS) budget)", "En parentes stängdes inte"),
        ("((ESF OR (NNS", "((ESF OR (NNS)))", "Några parenteser stängdes inte"),
        ('förbund:halland (ESF OR "(SIP"', 'förbund:halland (ESF OR "(SIP")', "En parentes"),
    ],
)
def test_an_unclosed_parenthesis_is_closed_at_the_end(text: str, closed: str, notice: str) -> None:
    """Read as plain words, "(ESF OR NNS" would search ESF and NNS both: its OR is meant."""
    parsed = parse(text)
    assert parsed.tree == parse(closed).tree and parsed.filters == parse(closed).filters
    assert [n for n in parsed.notices if n.startswith(notice)] and len(parsed.notices) == 1


@pytest.mark.parametrize("text", ["AND", "OR", "NOT", "OCH ELLER", " NOT  AND "])
def test_a_query_of_operators_alone_says_so(text: str) -> None:
    parsed = parse(text)
    assert parsed.tree is None and parsed.notices == [
        "Frågan består bara av operatorer (AND, OR, NOT …) — skriv också orden att söka "
        "efter, till exempel ESF OR NNS."
    ]


def _words(node):
    if node is None:
        return []
    if isinstance(node, Word):
        return [node]
    if isinstance(node, And | Or):
        return [w for c in node.children for w in _words(c)]
    return []


@pytest.mark.parametrize(
    "text",
    [
        "år:abc budget",
        "datum:igår budget",
        "typ:okänd budget",
        # What Python's date.fromisoformat reads but ÅÅÅÅ-MM-DD is not (see search.dates).
        "datum:20240101 budget",
        "datum:2024-W01-1 budget",
        "datum:20231231xx budget",
        "datum:2024-01-01..20240630 budget",
        "datum:2024-02-30 budget",
    ],
)
def test_unreadable_filters_give_a_notice(text: str) -> None:
    parsed = parse(text)
    assert parsed.tree == Word("budget")
    assert "förstods inte" in parsed.notices[0]


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("datum:2024 budget", "Filtret datum:2024 förstods inte och användes inte — skriv "
         "år:2024 eller datum:2024-01-01..2024-12-31."),
        ("datum:1/3 budget", "Filtret datum:1/3 förstods inte och användes inte — skriv datum "
         "som ÅÅÅÅ-MM-DD, till exempel datum:2024-01-01..2024-06-30."),
        ("typ:möte budget", "Filtret typ:möte förstods inte och användes inte — skriv typ:beslut "
         "(bara beslut) eller en dokumenttyp: typ:annat, typ:protokoll, typ:protokollsutdrag, "
         "typ:rapport."),
        ("år:förra budget", "Filtret år:förra förstods inte och användes inte — skriv till "
         "exempel år:2024."),
        # written right, but no such day or year: the notice says what is wrong with it
        ("datum:2024-02-30 budget", "Filtret datum:2024-02-30 förstods inte och användes inte: "
         "datumet 2024-02-30 finns inte — februari 2024 har 29 dagar."),
        ("datum:2024-01-01..2024-13-01 budget", "Filtret datum:2024-01-01..2024-13-01 förstods "
         "inte och användes inte: datumet 2024-13-01 finns inte — månaden måste vara 01–12."),
        ("år:0000 budget", "Filtret år:0000 förstods inte och användes inte — år 0000 finns "
         "inte i kalendern; skriv till exempel år:2024."),
        ("år:0000..2024 budget", "Filtret år:0000..2024 förstods inte och användes inte — år "
         "0000 finns inte i kalendern; skriv till exempel år:2024."),
        ("år:2023,2024 budget", "Filtret år:2023,2024 förstods inte och användes inte — skriv "
         "ett intervall som år:2023..2024, eller åren med OR: år:2023 OR år:2024."),
        ("år:2024-23 budget", "Filtret år:2024-23 förstods inte och användes inte — skriv till "
         "exempel år:2024."),
        ("datum:2024-02-30-2024-03-01 budget", "Filtret datum:2024-02-30-2024-03-01 förstods "
         "inte och användes inte: datumet 2024-02-30 finns inte — februari 2024 har 29 dagar."),
    ],
)  # fmt: skip
def test_an_unreadable_filter_says_how_to_write_it(text: str, notice: str) -> None:
    assert parse(text).notices == [notice]


@pytest.mark.parametrize(
    ("text", "tree"),
    [("a*", Phrase("")), ("a* ESF", And((Phrase(""), Word("ESF")))), ("ab*", None)],
)
def test_a_one_letter_prefix_is_left_out_with_a_notice(text: str, tree) -> None:
    """ "a*" would match nearly every word; before, it searched the word "a" and found
    nothing, without a word of explanation."""
    parsed = parse(text)
    if tree is None:
        assert parsed.tree == Word("ab", prefix=True) and parsed.notices == []
    else:
        assert parsed.tree == tree
        assert parsed.notices == [
            "Ett prefix behöver minst två tecken före *: ”a*” ingick inte i sökningen."
        ]


@pytest.mark.parametrize(
    ("text", "notices"),
    [
        # a repeated mistake is said once, its values named together in the order typed
        (
            "a* a* b* budget c*",
            ["Ett prefix behöver minst två tecken före *: ”a*”, ”b*” och ”c*” ingick inte i "
             "sökningen."],
        ),
        (
            "a* b* c* d* e* f* g* budget",
            ["Ett prefix behöver minst två tecken före *: ”a*”, ”b*”, ”c*”, ”d*”, ”e*” och 2 "
             "till ingick inte i sökningen."],
        ),
        (
            "år:abc år:abc år:x1 year:x2 budget",
            ["Filtren år:abc, år:x1 och year:x2 förstods inte och användes inte — skriv till "
             "exempel år:2024."],
        ),
        (
            "datum:2024 datum:2024 budget",
            ["Filtret datum:2024 förstods inte och användes inte — skriv år:2024 eller "
             "datum:2024-01-01..2024-12-31."],
        ),
        ("år: år: budget", ["Filtret år: saknar värde och användes inte — skriv värdet direkt "
                            "efter kolonet, till exempel år:2024."]),
        # different advice stays apart: a year typed as a date is told of år:
        (
            "datum:2024 datum:1/3 budget",
            ["Filtret datum:2024 förstods inte och användes inte — skriv år:2024 eller "
             "datum:2024-01-01..2024-12-31.",
             "Filtret datum:1/3 förstods inte och användes inte — skriv datum som ÅÅÅÅ-MM-DD, "
             "till exempel datum:2024-01-01..2024-06-30."],
        ),
    ],
)  # fmt: skip
def test_a_repeated_notice_is_said_once(text: str, notices: list[str]) -> None:
    """ "a* b* c*" or "år:x år:y" gave a sentence per value, the same one for a value typed
    twice; a page of 40 of them hid the search."""
    parsed = parse(text)
    assert parsed.notices == notices
    assert parsed.tree is not None


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ('"extern genom*"', "Inom citattecken är * inget prefix: ”genom*” söktes som ”genom”. "
                            "Utan citattecken hittar genom* alla ord som börjar så."),
        ('"ESF-proj*" budget', "Inom citattecken är * inget prefix: ”ESF-proj*” söktes som "
                               "”ESF-proj”. Utan citattecken hittar ESF-proj* alla ord som "
                               "börjar så."),
        ('"a*"', "Inom citattecken är * inget prefix: ”a*” söktes som ”a”."),
        ('"extern genomlysning"', None),
        ("genom*", None),
    ],
)  # fmt: skip
def test_a_star_inside_quotes_is_told_to_be_no_prefix(text: str, notice: str | None) -> None:
    """ "extern genom*" in quotes searched the phrase "extern genom" and found nothing, and
    nothing said why."""
    assert parse(text).notices == ([notice] if notice else [])


def test_overlong_queries_are_cut_with_a_notice() -> None:
    parsed = parse("budget " * 200)
    assert "kortades" in parsed.notices[0]


@pytest.mark.parametrize(
    ("text", "kept"),
    [("budget " * 80, 496), ("budget " + "a" * 600, 6), ("a" * 600, 500)],
)
def test_the_notice_of_a_cut_query_says_how_much_was_kept(text: str, kept: int) -> None:
    """Cut after its last whole word, a query keeps fewer than 500 characters: the notice
    said "kortades till 500 tecken" of one cut to 496."""
    assert parse(text).notices[0] == (
        f"Frågan var för lång (högst 500 tecken) och kortades till sina första {kept} tecken."
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # 500 falls inside the 72nd "budget": cut there, the piece "bu" was a word to find.
        ("budget " * 80, "budget"),
        ("ESF " + "samverkan " * 60, "samverkan"),
        ("budget " + "a" * 600, "budget"),  # a word longer than the limit is left out whole
        ("a" * 600, "a" * 500),  # nothing else: cut where the limit falls
        # the limit falls on a closing quote or parenthesis: the word before it is whole
        ("budget " * 70 + '"samverkan" ' + "budget " * 10, "samverkan"),
        ("budget " * 70 + "(samverkan) " + "budget " * 10, "samverkan"),
    ],
)
def test_an_overlong_query_is_cut_after_its_last_whole_word(text: str, kept: str) -> None:
    parsed = parse(text)
    words = {w.text for w in _words(parsed.tree)}
    assert words <= {"budget", "ESF", "samverkan", "a" * 500}
    assert kept in words


def _words(node) -> list[Word]:
    if isinstance(node, Word):
        return [node]
    return [w for child in getattr(node, "children", ()) for w in _words(child)]


@pytest.mark.parametrize(
    "text",
    [
        '(ESF OR NNS) "extern genomlysning" -budget samverk*',
        "§ 47 budget -(§§ 3–5 OR ESF)",
        "Mål 8 OR Mål 3–5",
    ],
)
def test_describe_round_trips(text: str) -> None:
    assert describe(parse(text).tree) == text


@pytest.mark.parametrize(
    ("text", "grouped"),
    [
        # OR binds tighter than the words beside it, as in web search engines.
        ("ESF OR NNS budget", "(ESF OR NNS) budget"),
        ("budget ESF OR NNS", "budget (ESF OR NNS)"),
        ("ESF OR NNS OR SIP budget samverkan", "(ESF OR NNS OR SIP) budget samverkan"),
        ("-budget OR ESF samverkan", "(-budget OR ESF) samverkan"),
        ("a AND b OR c", "a (b OR c)"),  # AND is the space between words
        ("ESF OR NNS budget OR revision", "(ESF OR NNS) (budget OR revision)"),
        # Parentheses group otherwise, and stay.
        ("(ESF budget) OR NNS", "(ESF budget) OR NNS"),
        ("ESF OR (NNS budget)", "ESF OR (NNS budget)"),
        ("(ESF OR NNS) budget", "(ESF OR NNS) budget"),
    ],
)
def test_or_binds_tighter_than_the_words_beside_it(text: str, grouped: str) -> None:
    parsed = parse(text)
    assert describe(parsed.tree) == grouped
    assert parsed.notices == []
    assert describe(parse(grouped).tree) == grouped  # the reading shown reads the same


def test_or_with_filters_keeps_the_words_beside_it() -> None:
    """Query "samverkan förbund:blekinge OR förbund:halland" is samverkan in either förbund, not
    samverkan in Blekinge or anything in Halland."""
    tree = parse("samverkan förbund:blekinge OR förbund:halland").tree
    assert tree == And(
        (Word("samverkan"), Or((Filter("forbund", "blekinge"), Filter("forbund", "halland"))))
    )


@given(st.text(max_size=80))
def test_parse_never_raises(text: str) -> None:
    parse(text)


def test_deep_nesting_is_read_as_plain_words() -> None:
    parsed = parse("(" * 250 + "budget")
    assert parsed.tree == Word("budget") and "vanliga ord" in parsed.notices[0]
    assert parse("(" * 20 + "budget" + ")" * 20).tree == Word("budget")


@pytest.mark.parametrize(
    ("q", "line"),
    [
        ("a* OR budget samverkan", None),
        ("a - OR b", None),
        ("a* OR ESF OR NNS budget", "Lästes som (ESF OR NNS) budget"),
        ("-a* OR ESF budget", None),
        # Must not change: a query that mixes OR with words says how it was grouped.
        ("ESF OR NNS budget", "Lästes som (ESF OR NNS) budget"),
        ("a -b OR c", "Lästes som a (-b OR c)"),
    ],
)
def test_the_grouping_line_leaves_out_what_searches_nothing(q: str, line: str | None) -> None:
    """A one-letter prefix or a lone "-" searches nothing (an empty phrase in the tree): the
    interpretation said 'Lästes som ("" OR budget) samverkan', quotes the user never typed,
    for a search that is budget samverkan."""
    from search.interpretation import grouping

    said = grouping(parse(q).tree)
    assert [s.split(" — ")[0] for s in said] == ([line] if line else [])
    assert all('""' not in s for s in said)


@pytest.mark.parametrize(
    ("q", "line"),
    [
        # The user's own parentheses: read as written, nothing to explain.
        ("(ESF OR NNS) budget", None),
        ("budget (ESF OR NNS)", None),
        ("((ESF OR NNS)) budget", None),
        ("(a* OR ESF OR NNS) budget", None),
        ("ESF OR NNS (ESF OR NNS) budget", "Lästes som (ESF OR NNS) budget"),
        # The parser's grouping, beside the user's or inside it: said.
        ("(ESF OR NNS) budget SIP OR NNS", "Lästes som (ESF OR NNS) budget (SIP OR NNS)"),
        ("(ESF OR NNS budget)", "Lästes som (ESF OR NNS) budget"),
        ("(ESF OR NNS budget) samverkan", "Lästes som (ESF OR NNS) budget samverkan"),
    ],
)
def test_the_grouping_line_is_only_for_a_grouping_the_user_did_not_type(
    q: str, line: str | None
) -> None:
    """ "(ESF OR NNS) budget" was explained as "Lästes som (ESF OR NNS) budget — OR gäller
    orden närmast före och efter", telling the user what they had typed themselves."""
    from search.interpretation import grouping

    said = grouping(parse(q).tree)
    assert [s.split(" — ")[0] for s in said] == ([line] if line else [])


@pytest.mark.parametrize("q", ["a NOT b OR c", "a -b OR c", "a INTE b ELLER c"])
def test_an_excluded_word_before_or_is_explained_as_an_alternative(q: str) -> None:
    """ "a NOT b OR c" is "a (-b OR c)": sections with a that lack b or have c. The
    interpretation said only how it was grouped, and then "-b → inte sektioner med ordet
    ”b”", which is not so: a section with b and c is found."""
    from search.interpretation import exclusions, grouping

    tree = parse(q).tree
    assert grouping(tree) == [
        "Lästes som a (-b OR c) — OR gäller orden närmast före och efter, också ett "
        "uteslutet ord (för att utesluta alla: a -(b OR c))"
    ]
    assert exclusions(tree) == ["-b → ett alternativ till OR: sektioner utan ordet ”b”"]
    # The other reading offered reads as it is written, and excludes.
    assert describe(parse("a -(b OR c)").tree) == "a -(b OR c)"
    assert grouping(parse("a -(b OR c)").tree) == []
    assert exclusions(parse("a -(b OR c)").tree) == [
        "-(b OR c) → inte sektioner med det som står inom parentesen"
    ]


def test_a_group_typed_in_parentheses_is_the_same_query() -> None:
    """Whether an OR was typed in parentheses changes the interpretation only: the trees
    are equal, so a group typed both ways is read once."""
    assert parse("(ESF OR NNS) budget").tree == parse("ESF OR NNS budget").tree
    assert parse("ESF OR NNS (ESF OR NNS)").tree == Or((Word("ESF"), Word("NNS")))


# A common word the search leaves out ("inte", "och") was dropped without a word: "budget
# inte NNS" found the sections with both budget and NNS, and nothing told a reader who meant
# to exclude NNS that only -NNS does. The interpretation now says so, in one line.
LEFT_OUT = [
    (
        "budget inte NNS",
        "”inte” → ett vanligt småord som lämnades ute (för att utesluta NNS, skriv -NNS)",
    ),
    (
        "budget ej NNS",
        "”ej” → ett vanligt småord som lämnades ute (för att utesluta NNS, skriv -NNS)",
    ),
    (
        'budget inte "intern kontroll"',
        "”inte” → ett vanligt småord som lämnades ute (för att utesluta "
        '"intern kontroll", skriv -"intern kontroll")',
    ),
    (
        "budget och inte NNS",
        "”och” och ”inte” → vanliga småord som lämnades ute (för att utesluta NNS, skriv -NNS)",
    ),
    ("budget och NNS", "”och” → ett vanligt småord som lämnades ute"),
    ("budget inte", "”inte” → ett vanligt småord som lämnades ute"),
    ("budget inte -NNS", "”inte” → ett vanligt småord som lämnades ute"),
    # Nothing left out: the operator, an excluded stopword (its own line), a phrase.
    ("budget INTE NNS", None),
    ("budget -inte", None),
    ('"inte budget"', None),
]


@pytest.mark.parametrize(("q", "line"), LEFT_OUT)
def test_the_interpretation_says_which_common_words_were_left_out(
    engine, q: str, line: str | None
) -> None:
    from search.engine import SearchParams

    said = engine.search(SearchParams(q=q))["interpretation"]
    left = [s for s in said if "lämnades ute" in s]
    assert left == ([line] if line else []), said


def test_a_left_out_inte_searches_as_if_it_were_not_typed(engine) -> None:
    """The line tells the truth: "budget inte NNS" finds what "budget NNS" finds, and
    "budget -NNS", which it points to, finds none of those."""
    from search.engine import SearchParams

    def ids(q: str) -> set[str]:
        return {h["id"] for h in engine.search(SearchParams(q=q, limit=100))["hits"]}

    assert ids("budget inte NNS") == ids("budget NNS") != set()
    assert not ids("budget -NNS") & ids("budget NNS")
