import pytest

from attrition.extract.numbers import parse_number_words, quantities


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "kind"),
    [
        ("106,720 casualties", 106720, None, None, "count"),
        ("1 010 soldiers", 1010, None, None, "count"),
        ("1\u202f250 troops", 1250, None, None, "count"),
        ("1.1 million", 1_100_000, None, None, "count"),
        ("1.9 billion", 1_900_000_000, None, None, "count"),
        ("20k recruits", 20_000, None, None, "count"),
        ("one million", 1_000_000, None, None, "count"),
        ("twenty thousand", 20_000, None, None, "count"),
        ("twenty-five thousand", 25_000, None, None, "count"),
        ("half a million", 500_000, None, None, "count"),
        ("a million people", 1_000_000, None, None, "count"),
        ("between 20,000 and 25,000", None, 20_000, 25_000, "count"),
        ("30,000 to 36,000", None, 30_000, 36_000, "count"),
        ("20,000-25,000", None, 20_000, 25_000, "count"),
        ("20,000–25,000", None, 20_000, 25_000, "count"),
        ("from 400,000 to 500,000", None, 400_000, 500_000, "count"),
        ("1.5 to 2 million", None, 1_500_000, 2_000_000, "count"),
        ("0.4% of", 0.4, None, None, "percent"),
        ("18 per cent", 18, None, None, "percent"),
        ("1,935 square kilometers", 1935, None, None, "area"),
        ("100 sq. km", 100, None, None, "area"),
        ("1,000 km²", 1000, None, None, "area"),
        ("1,000 square miles", 2589.988, None, None, "area"),
    ],
)
def test_quantities_read_the_figure(text: str, value, low, high, kind: str) -> None:
    (q,) = quantities(text)
    assert q.kind == kind
    assert q.value == pytest.approx(value) if value is not None else q.value is None
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(
    "text",
    ["one of the officials", "the million-dollar question", "hundreds of soldiers", "dozens of soldiers"],
)
def test_quantities_ignore_words_that_are_not_figures(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("three hundred", 300),
        ("two hundred and fifty thousand", 250_000),
        ("a hundred", 100),
        ("a dozen", 12),  # people are counted by the dozen ("two dozen children"); claims decide the rest
        ("two dozen", 24),
        ("dozens", None),
        ("a quarter of a million", 250_000),
    ],
)
def test_number_words(phrase: str, value) -> None:
    assert parse_number_words(phrase) == value
