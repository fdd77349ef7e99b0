"""Sentences phrased the way different outlets and agencies write, and the claim each must give."""

from datetime import date

import pytest

from attrition.extract import extract_text

PUB = date(2025, 6, 12)

CASES = [
    # (sentence, published, expected fields of the one claim it must contain)
    ("Russian forces suffered 1,230 casualties over the past day, the General Staff of Ukraine said.",
     PUB, dict(metric="casualties", subject="russia", value=1230, bound="exact", start="2025-06-11",
               end="2025-06-12", source="Ukrainian General Staff")),
    ("NATO Secretary General Mark Rutte said Russia is losing between 20,000 and 25,000 soldiers killed each month.",
     PUB, dict(metric="killed", subject="russia", low=20000, high=25000, bound="range", per="month", source="NATO")),
    ("According to the UK Ministry of Defence, Russia has suffered more than 1.1 million casualties since the "
     "start of the full-scale invasion.",
     PUB, dict(metric="casualties", value=1_100_000, bound="at_least", start="2022-02-24", end="2025-06-12",
               source="UK Ministry of Defence")),
    ("The Gaza Health Ministry said on Tuesday that at least 54,000 Palestinians have been killed since the war began.",
     date(2025, 6, 5), dict(metric="killed", subject="palestinians", value=54000, bound="at_least",
                            start="2023-10-07", end="2025-06-03", said_on="2025-06-03", source="Gaza Health Ministry")),
    ("Ukraine's military said Russia had lost about 177,000 troops from January to April 2025.",
     PUB, dict(metric="casualties", value=177000, bound="approx", start="2025-01-01", end="2025-04-30")),
    ("The North Korean contingent suffered 5,000 casualties, of whom 1,500 were killed, NATO says.",
     PUB, dict(metric="killed", subject="north_korea", value=1500, source="NATO")),
    ("Russian troops seized roughly 1,935 square kilometres of Ukrainian territory so far in 2025, ISW said.",
     PUB, dict(metric="territory_km2", subject="russia", value=1935, bound="approx", start="2025-01-01",
               end="2025-06-12", source="ISW")),
    ("Russia currently controls nearly 20% of Ukraine's territory.",
     PUB, dict(metric="territory_pct", subject="russia", value=20, bound="at_most")),
    ("Ukraine has lost 90 percent of the territory it held in the Kursk region.",
     PUB, dict(metric="territory_pct", subject="russia", value=90)),
    ("Moscow is recruiting 30,000 to 36,000 new soldiers a month, US officials estimate.",
     PUB, dict(metric="recruited", subject="russia", low=30000, high=36000, per="month")),
    ("There are now about 70,000 Russian soldiers in the Kursk region.",
     PUB, dict(metric="deployed", subject="russia", value=70000, bound="approx")),
    ("Kyiv says the enemy lost 1,060 personnel killed and wounded over the past day.",
     PUB, dict(metric="casualties", subject="russia", value=1060, start="2025-06-11")),
    ("Russia's permanent combat losses are likely between 400,000 and 500,000 personnel, the MoD said.",
     PUB, dict(metric="permanent_losses", subject="russia", low=400000, high=500000)),
    ("The UN refugee agency says more than 12 million people have been forced to flee their homes in Sudan.",
     PUB, dict(metric="displaced", subject="sudan", value=12_000_000, bound="at_least", source="UNHCR")),
    ("Russia is sustaining roughly 167 casualties per square kilometre of advance, Palisa said on June 4.",
     PUB, dict(metric="casualties", value=167, per="km2", bound="approx", said_on="2025-06-04")),
    ("Around 250,000 Russian soldiers are killed or missing, British intelligence believes.",
     PUB, dict(metric="killed_or_missing", value=250000, bound="approx", source="UK Ministry of Defence")),
    ("Last year Russian forces lost 430,790 troops, an average of 1,177 a day.",
     PUB, dict(metric="casualties", value=1177, per="day", start="2024-01-01", end="2024-12-31")),
    ("Some 3,500 North Korean soldiers were sent to Russia for training.",
     PUB, dict(metric="deployed", subject="north_korea", value=3500, bound="approx")),
    ("Israeli strikes killed nearly 100 people in Gaza on Monday, health officials said.",
     date(2025, 6, 11), dict(metric="killed", subject="palestinians", value=100, bound="at_most",
                             start="2025-06-09", end="2025-06-09")),
    ("ISW: Russian army losing 1,140 soldiers a day",
     PUB, dict(metric="casualties", value=1140, per="day", source="ISW")),
    ("Russian losses top 1 million - Kyiv",
     PUB, dict(metric="casualties", value=1_000_000, bound="at_least", end="2025-06-12", source="Ukrainian government")),
    ("The total combat losses of the enemy were approximately: personnel – about 1,000,340 (+1,140) persons, the General Staff reports.",
     PUB, dict(metric="casualties", subject="russia", value=1140, start="2025-06-11", end="2025-06-12")),
    ("A Western official said Russia had suffered some 1,500 casualties a day in November.",
     date(2024, 12, 10), dict(metric="casualties", value=1500, per="day", start="2024-11-01", end="2024-11-30",
                              source="Western officials")),
    ("About 160,000 people have signed contracts to fight for Russia since January, Medvedev said on Wednesday.",
     PUB, dict(metric="recruited", subject="russia", value=160000, start="2025-01-01", end="2025-06-11",
               said_on="2025-06-11", source="Russian Security Council")),
    ("More than 13 million Syrians remain displaced, either inside the country or as refugees abroad, UNHCR says.",
     PUB, dict(metric="displaced", subject="syria", value=13_000_000, bound="at_least", end="2025-06-12",
               source="UNHCR")),
    # soldiers die away from home: the place of death is not whose soldiers they were
    ("The Israeli army says 405 of its soldiers have died since the ground push into Gaza began.",
     PUB, dict(metric="killed", subject="israel", value=405, source="IDF")),
    # an attack's nationality, with the weapon between, is the side that inflicts
    ("Nine people died and 31 were hurt when a Russian glide bomb strike hit Zaporizhzhia, the governor said.",
     PUB, dict(metric="killed", subject="ukraine", value=9)),
    ("Officials in Kyiv now estimate that about 70,000 Ukrainian servicemen have gone missing.",
     PUB, dict(metric="missing", subject="ukraine", value=70000, bound="approx", source="Ukrainian government")),
    ("Some 250,000 Russian troops have been killed or are missing, British defence intelligence assessed.",
     PUB, dict(metric="killed_or_missing", subject="russia", value=250000, source="UK Ministry of Defence")),
    ("Losses among Russian units have climbed to an average of 1,400 a day, London says.",
     PUB, dict(metric="casualties", subject="russia", value=1400, per="day")),
    # a health ministry with no nationality named is the one of the people it counts
    ("Strikes overnight killed 38 people in Gaza, the health ministry said.",
     PUB, dict(metric="killed", subject="palestinians", value=38, source="Gaza Health Ministry")),
    # a total restated as an average a few words on takes the total's metric and side
    ("The monitor has logged more than 8,100 civilian deaths in Sudan since the war broke out, an average of "
     "roughly 400 every month, it said.",
     PUB, dict(metric="killed", subject="sudan", value=400, per="month")),
    # a headline that names its source after a colon
    ("Russian army lost 990,000 troops since 2022: General Staff",
     PUB, dict(metric="casualties", subject="russia", value=990000, source="Ukrainian General Staff")),
    # equipment listed first: the verb still governs the soldiers
    ("Over the past day the occupiers lost 17 artillery systems and 1,180 personnel, Ukraine's army said.",
     PUB, dict(metric="casualties", subject="russia", value=1180, source="Armed Forces of Ukraine")),
    # a country named alone as the one who says is its government
    ("Ukraine reckons that 9,000 to 11,000 North Korean troops have been killed or injured so far.",
     PUB, dict(metric="casualties", subject="north_korea", low=9000, high=11000, source="Ukrainian government")),
    # a stretch of front named between the loss noun and its verb
    ("Russian losses on the Pokrovsk axis totalled about 14,000 men in May, the commander said.",
     PUB, dict(metric="casualties", subject="russia", value=14000, bound="approx")),
    # "per ... figures" attributes like "according to"
    ("Per the latest OCHA figures, 35,000 people have been injured in Gaza.",
     PUB, dict(metric="wounded", subject="palestinians", value=35000, source="OCHA")),
    ("The death toll climbed past 600 on Sunday, officials said.",
     PUB, dict(metric="killed", value=600, bound="at_least")),
    ("Nearly 7 million Ukrainians have sought refuge abroad, the agency said.",
     PUB, dict(metric="displaced", subject="ukraine", value=7_000_000, bound="at_most")),
    # a plural nationality as the counted noun is the side, whoever speaks
    ("Hamas says 41,000 Palestinians killed in Gaza since October 7",
     date(2024, 9, 1), dict(metric="killed", subject="palestinians", value=41000, source="Hamas")),
    # an attacker with no known opponent: the victims are not the attacker's people
    ("The Houthis said American air strikes killed 30 people at a port in Yemen's Hodeidah province.",
     PUB, dict(metric="killed", value=30, subject="yemen")),
    ("An open-source count put the number of Russian soldiers killed in action in 2024 at 45,287.",
     PUB, dict(metric="killed", subject="russia", value=45287, start="2024-01-01", end="2024-12-31")),
    ("About 12,000 North Korean soldiers are now believed to be in Russia's Kursk region.",
     PUB, dict(metric="deployed", subject="north_korea", value=12000, bound="approx")),
    ("Daily Russian losses have averaged 1,100-1,250 since October, per Ukrainian figures.",
     PUB, dict(metric="casualties", subject="russia", low=1100, high=1250, per="day",
               source="Ukrainian government")),
    # translated official prose
    ("During the day, the Defence Forces eliminated 1,180 occupiers, the General Staff informs.",
     PUB, dict(metric="casualties", subject="russia", value=1180, start="2025-06-11", end="2025-06-12",
               source="Ukrainian General Staff")),
    ("Over 500 thousand Russian servicemen were liquidated by Ukrainian defenders over the past year, Syrskyi noted.",
     PUB, dict(metric="casualties", subject="russia", value=500_000, bound="at_least", start="2024-06-12",
               end="2025-06-12")),
    ("Since the beginning of the special military operation, Ukraine has lost over 35,000 servicemen in "
     "the Kursk direction, the Russian ministry said.",
     PUB, dict(metric="casualties", subject="ukraine", value=35000, start="2022-02-24")),
    ("According to preliminary data, 11 people were killed in the enemy attack on Sumy, the governor said.",
     PUB, dict(metric="killed", subject="ukraine", value=11)),
    ("Since then, Russian losses have continued at a rate of about 1,000 a day, Ukraine's General Staff says.",
     PUB, dict(metric="casualties", subject="russia", value=1000, per="day", source="Ukrainian General Staff")),
    ("Russian forces lost 13 tanks, 31 armoured vehicles and 1,320 soldiers on Tuesday, according to Kyiv.",
     PUB, dict(metric="casualties", subject="russia", value=1320, start="2025-06-10", end="2025-06-10")),
    ("Russian casualties are in the region of 700,000, officials said.",
     PUB, dict(metric="casualties", subject="russia", value=700_000, bound="approx")),
    ("Upward of 30,000 Russians were killed in Bakhmut, US officials estimated.",
     PUB, dict(metric="killed", subject="russia", value=30_000, bound="at_least")),
    ("Russia has lost north of 500,000 troops, a US official said.",
     PUB, dict(metric="casualties", subject="russia", value=500_000, bound="at_least")),
    ("A 600,000-plus Russian toll of killed and wounded is now likely, the Pentagon said.",
     PUB, dict(metric="casualties", subject="russia", value=600_000, bound="at_least")),
    ("The death toll from Russia's missile attack on Dnipro rose to 19, regional officials said.",
     PUB, dict(metric="killed", subject="ukraine", value=19)),
    ("The Kyiv Independent reported that Russia lost 41,980 troops in December.",
     date(2025, 1, 5), dict(metric="casualties", subject="russia", value=41980, source="Kyiv Independent",
                            start="2024-12-01", end="2024-12-31")),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "published", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_sentence_gives_the_claim(sentence: str, published, expected: dict) -> None:
    records = [c.to_record() for c in extract_text(sentence, published)]
    wanted_value = expected.get("value", None)
    candidates = [
        r for r in records
        if r["metric"] == expected["metric"]
        and (r["value"] == wanted_value if "value" in expected else (r["low"], r["high"]) == (expected["low"], expected["high"]))
    ]  # fmt: skip
    assert candidates, f"no {expected['metric']} claim in {records}"
    r = candidates[0]
    for key, value in expected.items():
        assert r[key] == value, (key, r)
    assert r["quote"] in sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The Netherlands will provide a €400 million package, including over 100 ships and 50 naval drones.",
        "Elements of the 114th Motorized Rifle Brigade advanced along the T-0428 highway.",
        "The war is now in its fourth year, three years and four months after it began in 2022.",
        "Attack drones account for about 90% of the targets hit on the front.",
        "Kh-101 cruise missiles and 48 Shahed drones were launched overnight, the air force said.",
        "Thousands of soldiers and tens of thousands of civilians fled; hundreds were wounded.",
        "Germany pledged an additional 1.9 billion euros (approximately $2.2 billion) in 2025.",
        "The army now wants to recruit 18- to 24-year-olds on one-year contracts.",
        "The brigade received 31 Abrams tanks in 2024, of which about 20 have been lost.",
        "Ukraine had lost 160 tanks, 95 infantry fighting vehicles and 107 armoured personnel carriers.",
        "The brigade lost about 1,700 soldiers to desertion before it reached the front, a reporter found.",
        "About 40% of Russia's losses are now caused by drones, a commander estimated.",
        "Attackers lose about three men for every 2 square kilometres they take, the study found.",
        "Men aged 25- or 26-years-old were called up first, the ministry said.",
    ],
)
def test_figures_out_of_scope_give_no_claim(sentence: str) -> None:
    assert extract_text(sentence, PUB) == []


def test_a_repeated_figure_is_one_claim_with_every_span() -> None:
    text = (
        "Key points\n\n- Russia has lost over one million troops since the full-scale invasion.\n\n"
        "The General Staff said Russia has lost over one million troops since the full-scale invasion."
    )
    claims = extract_text(text, PUB)
    millions = [c for c in claims if c.figure.value == 1_000_000]
    assert len(millions) == 1
    assert len(millions[0].spans) == 2
    assert millions[0].source == "Ukrainian General Staff"


def test_attribution_carries_through_the_paragraph_with_its_date() -> None:
    text = (
        "The UK Ministry of Defence said on Thursday that Russia has suffered about one million casualties. "
        "The ministry added that around 250,000 of them are killed or missing."
    )
    claims = {c.metric: c for c in extract_text(text, PUB)}
    assert claims["killed_or_missing"].source == "UK Ministry of Defence"
    assert claims["killed_or_missing"].said_on == date(2025, 6, 12)


def test_dateline_gives_the_publication_date() -> None:
    text = "KYIV, June 12, 2025 - Russia lost 1,140 soldiers over the past day, Ukraine's General Staff said."
    (c,) = extract_text(text)
    assert c.period.start == date(2025, 6, 11)


def test_a_bare_figure_continues_what_the_paragraph_counts() -> None:
    text = (
        "The General Staff recorded 430,790 Russian losses in 2024. "
        "That was well above the 253,290 recorded in 2023."
    )
    claims = {c.figure.value: c for c in extract_text(text, PUB)}
    assert claims[253290].metric == "casualties"
    assert claims[253290].subject == "russia"
    assert (claims[253290].period.start, claims[253290].period.end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_a_stray_number_does_not_continue_the_paragraph() -> None:
    text = "Russia lost 1,000 soldiers a day, the General Staff said. Photo 1"
    assert [c.figure.value for c in extract_text(text, PUB)] == [1000]


def test_a_dated_byline_dates_the_report() -> None:
    text = (
        "General Staff of the Armed Forces of Ukraine, 1 January 2026\n\n"
        "Over the past day the enemy lost 1,060 personnel, according to the General Staff."
    )
    (c,) = extract_text(text, date(2026, 1, 1))
    assert c.said_on == date(2026, 1, 1)
    assert c.subject == "russia"


def test_sentences_split_after_a_footnote_and_a_no_break_space() -> None:
    text = "Russia lost 1,000 soldiers.[1]\u00a0The General Staff reported on June 12 that 628,000 were lost since 2024."
    claims = {c.figure.value: c for c in extract_text(text, PUB)}
    assert claims[628000].said_on == date(2025, 6, 12)
    assert claims[1000].said_on is None


def test_a_figure_at_the_very_start_of_a_text_is_read() -> None:
    (c,) = extract_text("Half a million Russians killed or wounded in Ukraine – Pentagon", PUB)
    assert (c.metric, c.subject, c.figure.value, c.source) == ("casualties", "russia", 500_000, "Pentagon")


def test_the_side_of_an_aggression_is_not_the_side_that_suffers() -> None:
    text = "The toll of the Israeli aggression since 7 October 2023 has risen to 54,927 killed, the ministry said."
    (c,) = extract_text(text, PUB)
    assert c.subject == "palestinians"
    assert c.period.start == date(2023, 10, 7)


def test_both_sides_together_are_the_world() -> None:
    (c,) = extract_text("Nearly 500,000 Russian and Ukrainian troops have been killed or wounded.", PUB)
    assert (c.metric, c.subject, c.figure.bound) == ("casualties", "world", "at_most")


def test_displacement_with_no_country_in_its_paragraph_keeps_the_articles_last_one() -> None:
    text = (
        "Some 2.1 million people have been driven from their homes inside Haiti, the IOM said.\n\n"
        "Last year alone roughly 700,000 were newly displaced, aid agencies said.\n\n"
    )
    got = {c.figure.value: c.subject for c in extract_text(text, PUB) if c.metric == "displaced"}
    assert got == {2_100_000: "haiti", 700_000: "haiti"}
    # with no displacement figure before it, a figure with no country named is a global one
    alone = extract_text("There are now some 120 million forcibly displaced people, the agency said.", PUB)
    assert [(c.metric, c.subject) for c in alone] == [("displaced", "world")]


def test_a_capital_or_country_that_says_is_its_usual_source() -> None:
    uk = extract_text("Some 1.2m Russian troops have been killed or wounded, UK says.", PUB)
    assert [(c.figure.value, c.source) for c in uk] == [(1_200_000, "UK Ministry of Defence")]
    us = extract_text("Washington estimates that Russia has lost 700,000 soldiers.", PUB)
    assert [c.source for c in us] == ["US officials"]


def test_a_country_heading_a_headline_is_a_place_not_a_source() -> None:
    claims = extract_text("Ukraine: Russian losses top 1.2 million", PUB)
    assert [(c.figure.value, c.source) for c in claims] == [(1_200_000, None)]


def test_a_relative_clause_between_a_source_and_its_verb_is_not_its_name() -> None:
    text = (
        "Russia's Defence Ministry said on Thursday that Ukraine had lost more than 20,000 servicemen.\n\n"
        "The ministry, which has published a daily tally for that front since the second week of the "
        "incursion, said in its bulletin that Ukrainian units had lost up to 300 troops on Wednesday.\n\n"
        "The ministry, which publishes such tallies daily, said Ukraine lost 310 troops on Tuesday.\n\n"
    )
    got = {c.figure.value: (c.source, c.said_on) for c in extract_text(text, date(2024, 10, 3))}
    assert got[300] == ("Russian Ministry of Defence", date(2024, 10, 3))
    assert got[310] == ("Russian Ministry of Defence", date(2024, 10, 3))
    abbreviated = extract_text(
        "The Syrian Observatory for Human Rights (SOHR), which relies on informants across the country, "
        "said on Thursday it had recorded 4,200 deaths this year.",
        date(2024, 10, 4),
    )
    assert [(c.source, c.said_on) for c in abbreviated] == [
        ("Syrian Observatory for Human Rights", date(2024, 10, 3))
    ]


def test_our_own_count_is_no_source_of_its_own() -> None:
    """ "By our count", "according to our calculations": the article's author if known, never "count"."""
    alone = extract_text("By our count, at least 9,000 Russian soldiers died in Avdiivka.", PUB)
    assert [c.source for c in alone] == [None]
    text = "Mediazona tracks named deaths.\n\nBy our count, at least 9,000 Russian soldiers died in Avdiivka."
    assert [c.source for c in extract_text(text, PUB)] == ["Mediazona"]


def test_a_rank_before_a_name_is_not_an_organisation() -> None:
    text = (
        "Major Olena Hrytsenko has led the battalion since March.\n\n"
        '"We lost nine men last week," Hrytsenko said.\n\n'
        "Deputy Head Ivan Marchenko of the Sumy Regional Military Administration said 14 civilians died.\n\n"
    )
    got = {c.figure.value: c.source for c in extract_text(text, PUB)}
    assert got[14] == "Sumy Regional Military Administration"
    assert got.get(9) in (None, "Hrytsenko", "Olena Hrytsenko")  # a person, never "Major"


def test_a_source_named_before_an_aside_or_an_office_in_a_capital() -> None:
    text = (
        "KYIV, June 12, 2025 - Ukraine's General Staff said on Thursday that Russia had lost about "
        "1,000,340 soldiers since the invasion began.\n\n"
        "The General Staff in Kyiv, which publishes a count every morning, reported 1,140 Russian "
        "troops put out of action over the previous day.\n\n"
        "Russia, for its part, claims Ukraine has lost more than 950,000 troops.\n\n"
        "Washington's estimates are lower. The Institute for the Study of War (ISW), which also counts "
        "contested ground, put May's Russian gains at 449 square kilometres.\n\n"
    )
    got = {c.figure.value: (c.source, c.said_on) for c in extract_text(text)}
    assert got[1140] == ("Ukrainian General Staff", date(2025, 6, 12))  # the definite name refers back
    assert got[950_000][0] == "Russian government"
    assert got[449][0] == "ISW"
    update = extract_text(
        "On May 4 the UK Ministry of Defence assessed that Russian casualties had reached about 960,000, "
        "and its latest monthly update put the average for April at 1,250 a day."
    )
    assert {c.figure.value: c.source for c in update} == {
        960_000: "UK Ministry of Defence",
        1250: "UK Ministry of Defence",
    }


def test_a_key_figures_box_reads_each_label_and_its_source_in_brackets() -> None:
    text = (
        "At a glance\n\n"
        "- Ukrainians who fled abroad (UNHCR): about 6.8 million\n"
        "- Civilian deaths in Ukraine (UN monitors): 13,300\n"
        "- Russian dead named so far (Mediazona): 106,745\n"
        "- Mobilised men: 300,000\n"
    )
    got = {c.figure.value: (c.metric, c.subject, c.source) for c in extract_text(text, PUB)}
    assert got[6_800_000] == ("displaced", "ukraine", "UNHCR")
    assert got[13_300] == ("killed", "ukraine", "UN")
    assert got[106_745] == ("killed", "russia", "Mediazona")
    assert 300_000 not in got or got[300_000][0] == "recruited"  # a kind of people, not a loss


def test_the_figure_after_a_semicolon_is_the_same_measure_later() -> None:
    got = extract_text(
        "In 2023 Russia lost on average about 690 soldiers a day; by late 2024 the figure was well "
        "over 1,500, British estimates show.",
        PUB,
    )
    rows = {c.figure.value: (c.metric, c.per, c.period.start, c.source) for c in got}
    assert rows[690] == ("casualties", "day", date(2023, 1, 1), "UK Ministry of Defence")  # not "late 2024"
    assert rows[1500][:2] == ("casualties", "day")


def test_a_wire_story_about_gaza_keeps_the_ministry_and_its_people() -> None:
    text = (
        "Gaza death toll passes 50,000, health ministry says\n\n"
        "By Wire Staff | March 23, 2025\n\n"
        "The territory's health ministry said on Sunday that 50,021 people had been killed and 113,274 "
        "wounded. Israel says it has killed about 20,000 militants.\n\n"
        "At least 673 people have been killed since Israel resumed its air campaign on Tuesday, the "
        "ministry said.\n\n"
    )
    got = {c.figure.value: c for c in extract_text(text)}
    for value in (50_021, 113_274, 673):
        assert (got[value].subject, got[value].source) == ("palestinians", "Gaza Health Ministry"), value
    assert got[50_021].said_on == date(2025, 3, 23)  # the byline dates the story; "Sunday" is that day
    assert (got[673].period.start, got[673].period.end) == (date(2025, 3, 18), date(2025, 3, 23))
    assert got[20_000].source == "Israeli government"


def test_an_interview_dates_its_quotes_and_we_is_the_speakers_side() -> None:
    text = (
        "Major Taras Melnyk has commanded the battalion since the autumn. We spoke to him on Thursday "
        "in a cellar near the front.\n\n"
        '"In the past week we lost four men killed and 19 wounded," Melnyk said. "The enemy lost about '
        '300 men over the same week."\n\n'
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 2, 21))}
    assert (got[4].subject, got[19].subject, got[300].subject) == ("ukraine", "ukraine", "russia")
    assert got[4].said_on == date(2025, 2, 20)  # the Thursday of the interview
    assert (got[4].period.start, got[4].period.end) == (date(2025, 2, 13), date(2025, 2, 20))


def test_the_war_that_uproots_is_the_articles_war_and_a_school_is_an_organisation() -> None:
    text = (
        "Sudan's war, two years on\n\n"
        "Two years after the fighting began, the war has uprooted more than 12 million people, the UN "
        "said. Researchers at the London School of Hygiene & Tropical Medicine estimated that more than "
        "61,000 people died in Khartoum state in the first 14 months.\n\n"
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 4, 15))}
    assert got[12_000_000].subject == "sudan"
    assert got[61_000].source == "London School of Hygiene & Tropical Medicine"


def test_a_daily_tally_laid_out_line_by_line() -> None:
    text = (
        "Russia's war losses: 1,230 soldiers, 9 tanks over past day\n\n"
        "Ukrinform | 14.06.2025\n\n"
        "The total combat losses of the enemy from February 24, 2022 to June 14, 2025 are approximately:\n\n"
        "personnel — about 1,002,790 (+1,230) persons,\n"
        "tanks — 10,933 (+9),\n"
        "armored combat vehicles — 22,813 (+10),\n"
    )
    got = {c.figure.value: c for c in extract_text(text)}
    assert set(got) == {1230, 1_002_790}  # no equipment
    total = got[1_002_790]
    assert (total.metric, total.subject, total.figure.bound) == ("casualties", "russia", "approx")
    assert (total.period.start, total.period.end) == (date(2022, 2, 24), date(2025, 6, 14))
    assert (got[1230].period.start, got[1230].period.end) == (date(2025, 6, 13), date(2025, 6, 14))


def test_a_person_with_a_description_is_the_person_and_an_endowment_an_organisation() -> None:
    got = extract_text(
        "Tom Perriello, then the US special envoy for Sudan, said the toll might be as high as 150,000.", PUB
    )
    assert [c.source for c in got] == ["Tom Perriello"]
    got = extract_text(
        "Dara Massicot of the Carnegie Endowment estimated that 120,000 Russians had died.", PUB
    )
    assert [c.source for c in got] == ["Carnegie Endowment"]


def test_a_source_dating_its_figure_in_the_next_sentence_dates_it() -> None:
    text = (
        "Russian forces have suffered roughly 950,000 casualties since the invasion, according to the UK.\n"
        "Britain's Ministry of Defence said on Tuesday that Russia had probably passed this grim milestone "
        "in the spring.\n"
    )
    got = extract_text(text, date(2025, 4, 3))
    assert [(c.figure.value, c.source, c.said_on) for c in got] == [
        (950_000, "UK Ministry of Defence", date(2025, 4, 1))
    ]


def test_who_says_through_whom_and_who_says_nothing() -> None:
    relayed = extract_text(
        "A NATO official quoted by Ukraine's ArmyInform agency on June 5 said Russia was losing 1,100 "
        "soldiers a day.",
        PUB,
    )
    assert [(c.source, c.said_on) for c in relayed] == [("NATO", date(2025, 6, 5))]
    text = (
        "Neither Moscow nor Kyiv publishes a full account of its dead.\n\n"
        "The highest numbers come from Ukraine's General Staff, which updates its count daily. On Friday "
        "it put Russian losses since the invasion at about 1,250,000.\n\n"
    )
    assert [c.source for c in extract_text(text, date(2026, 2, 20))] == ["Ukrainian General Staff"]


def test_a_ratio_is_not_a_claim() -> None:
    assert (
        extract_text("For every Ukrainian killed, roughly 2.5 Russians die for every Ukrainian soldier.", PUB)
        == []
    )


@pytest.mark.parametrize(
    ("sentence", "published", "value", "start", "end"),
    [
        ("Since the ceasefire collapsed on March 18, about 100 Palestinians have been killed each day.",
         date(2025, 5, 20), 100, date(2025, 3, 18), date(2025, 5, 20)),
        ("About 4,000 North Korean soldiers have been killed or wounded since they entered combat in December 2024.",
         date(2025, 2, 11), 4000, date(2024, 12, 1), date(2025, 2, 11)),
        ("General Staff: 1.2m Russian casualties since 2022", date(2025, 12, 20), 1_200_000,
         date(2022, 2, 24), date(2025, 12, 20)),
        ("Some 15,000 Soviet soldiers died during the 1979–1989 war in Afghanistan.", date(2019, 2, 15), 15000,
         date(1979, 1, 1), date(1989, 12, 31)),
        ("Ukraine has taken back roughly 54% of the land Russian forces seized after the February 2022 invasion.",
         date(2022, 11, 10), 54, None, date(2022, 11, 10)),
        ("Zelensky said 46,000 Ukrainian troops had been killed and 380,000 wounded since the full-scale war began.",
         date(2025, 2, 17), 46000, date(2022, 2, 24), date(2025, 2, 17)),
        ("The average daily losses of the enemy in May were 1 089 people, 12 percent more than in April.",
         date(2025, 6, 2), 1089, date(2025, 5, 1), date(2025, 5, 31)),
        # A running total crossing a mark on a day is as of that day; a day's losses cover that day.
        ("Russian losses passed 1,000,000 on June 12, 2025, the General Staff said.", date(2026, 2, 20),
         1_000_000, None, date(2025, 6, 12)),
        ("The death toll reached 50,000 on March 3, the ministry said.", date(2025, 6, 12), 50_000, None,
         date(2025, 3, 3)),
        ("Russia lost 1,130 soldiers on Tuesday, the General Staff said.", date(2026, 2, 20), 1130,
         date(2026, 2, 17), date(2026, 2, 17)),
        # a running total that a day's figure brings up runs from the war's start, not over that day
        ("Kyiv said Russia lost 1,110 soldiers in the past day, bringing its total losses to 1,020,530.",
         date(2025, 6, 3), 1_020_530, date(2022, 2, 24), date(2025, 6, 3)),
        ("Strikes killed 45 people on Monday, taking the death toll in Gaza to more than 54,000.",
         date(2025, 6, 3), 54_000, date(2023, 10, 7), date(2025, 6, 3)),
        # an aside "including ..." does not hide the period after it
        ("Russia has taken some 790,000 casualties, including dead and wounded, since the invasion began, "
         "an official said.", date(2025, 6, 3), 790_000, date(2022, 2, 24), date(2025, 6, 3)),
        ("Since the start of the war, 1,060 Ukrainian children have been killed or wounded, prosecutors said.",
         date(2025, 6, 3), 1060, date(2022, 2, 24), date(2025, 6, 3)),
        ("Russia lost about 17,000 soldiers over the past two weeks, the ministry said.", date(2025, 6, 15),
         17000, date(2025, 6, 1), date(2025, 6, 15)),
        ("Moscow has acknowledged about 6,000 deaths, a figure last updated in September 2022.",
         date(2025, 6, 3), 6000, None, date(2022, 9, 30)),
        ("British defence intelligence assessed on 12 June that Russia's casualties had likely passed "
         "1,000,000.", date(2025, 6, 15), 1_000_000, None, date(2025, 6, 12)),
        ("According to the latest estimate, published by The Economist in May, between 900,000 and 1.3 "
         "million Russians have been killed or wounded.", date(2025, 6, 15), None, None, date(2025, 6, 15)),
        # "said in February that": when it was said, not the period of the figures
        ("Zelensky said in February that 46,000 Ukrainian troops had been killed since the war began.",
         date(2025, 6, 3), 46000, date(2022, 2, 24), date(2025, 6, 3)),
    ],
)  # fmt: skip
def test_period_of_the_figure(sentence: str, published, value, start, end) -> None:
    claims = {c.figure.value: c for c in extract_text(sentence, published)}
    assert (claims[value].period.start, claims[value].period.end) == (start, end)


def test_a_byline_gives_the_canonical_name_of_a_known_author() -> None:
    text = (
        "Institute for the Study of War\n\nRussian forces have reportedly sustained 1,286 casualties a day."
    )
    (c,) = extract_text(text, PUB)
    assert c.source == "ISW"


def test_a_running_total_after_a_passive_report_is_its_own_measure() -> None:
    # "were killed" has no agent: the army's own dead, not people it killed
    [a, b] = extract_text(
        "The IDF said three of its soldiers were killed, bringing its death toll in the ground offensive to 330.",
        PUB,
    )
    assert (a.figure.value, a.subject, b.figure.value, b.subject) == (3, "israel", 330, "israel")
    # the total's own words ("in the region", "this month") are the total's, not the day's figures'
    claims = extract_text(
        "Moscow said 25 civilians were killed and 60 injured, bringing the total killed in the region this "
        "month to 110.",
        PUB,
    )
    got = {(c.metric, c.figure.value): (c.period.start, c.period.end) for c in claims}
    assert got[("killed", 110)] == (date(2025, 6, 1), PUB)
    assert got[("wounded", 60)] == (None, None) and got[("killed", 25)] == (None, None)
    # a day's time before the verb stays the day's; one after it is the total's
    claims = extract_text(
        "Officials said 25 civilians were killed on Monday, bringing the number killed this month to 110.",
        PUB,
    )
    assert [(c.figure.value, c.period.start, c.period.end) for c in claims] == [
        (25, date(2025, 6, 9), date(2025, 6, 9)),
        (110, date(2025, 6, 1), PUB),
    ]


def test_a_place_named_by_a_common_noun_is_passed_over() -> None:
    [c] = extract_text("Deaths in the enclave have reached 61,000, according to the health ministry.", PUB)
    assert (c.metric, c.figure.value) == ("killed", 61000)
    [c] = extract_text(
        "The number of people killed across the country rose to 3,400, the ministry said.", PUB
    )
    assert (c.metric, c.figure.value) == ("killed", 3400)


def test_strikes_on_a_place_kill_the_people_there() -> None:
    cases = {
        "Israeli strikes on Lebanon have killed more than 4,000 people since October 2023.": "lebanon",
        "Israeli strikes on Rafah killed 35 people on Sunday, the health ministry said.": "palestinians",
        "A Russian drone attack on Odesa killed two people, regional officials said.": "ukraine",
        "At least 1,500 people have been killed in El Fasher since the city fell, the UN said.": "sudan",
    }
    for sentence, subject in cases.items():
        [c] = extract_text(sentence, PUB)
        assert (c.metric, c.subject) == ("killed", subject), sentence


def test_a_loss_noun_led_by_its_kind() -> None:
    for sentence, value in [
        ("In 2024 alone, ACLED recorded more than 12,000 conflict deaths in Myanmar.", 12000),
        ("The study counted 4,500 conflict-related deaths last year.", 4500),
        ("Ukraine has about 45,000 war dead, Zelensky said.", 45000),
    ]:
        [c] = extract_text(sentence, PUB)
        assert (c.metric, c.figure.value) == ("killed", value), sentence


@pytest.mark.parametrize(
    ("sentence", "metric", "subject", "value", "bound"),
    [
        ("Gaza death toll nears 42,000", "killed", "palestinians", 42000, "at_most"),
        ("UNRWA said 226 of its staff had been killed in Gaza.", "killed", "palestinians", 226, "exact"),
        ("Aid groups say 180 humanitarian workers have been killed in Sudan.", "killed", "sudan", 180, "exact"),
        ("The IRC attributed some 5.4 million excess deaths to Congo's wars.", "killed", "dr_congo", 5.4e6, "approx"),
        ("Up to 600,000 people may have died in Tigray, a former president said.", "killed", "ethiopia", 6e5,
         "at_most"),
        ("More than 7,000 people have been killed in eastern Congo since January, the prime minister said.",
         "killed", "dr_congo", 7000, "at_least"),
    ],
)  # fmt: skip
def test_more_ways_of_naming_the_dead(sentence: str, metric: str, subject, value: float, bound: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.subject, c.figure.value, c.figure.bound) == (metric, subject, value, bound)


def test_a_date_of_last_year_is_one_date() -> None:
    pub = date(2025, 2, 12)
    cases = [
        ("The health ministry had counted 37,877 deaths by June 30 last year.", (None, date(2024, 6, 30))),
        ("Since March last year, 5,000 soldiers have been killed.", (date(2024, 3, 1), pub)),
        (
            "From January to March last year, 5,000 soldiers were killed.",
            (date(2024, 1, 1), date(2024, 3, 31)),
        ),
        ("Between January 1 and January 7 this year, 80 people died.", (date(2025, 1, 1), date(2025, 1, 7))),
        ("Russia lost 1,000 soldiers last year.", (date(2024, 1, 1), date(2024, 12, 31))),
    ]
    for sentence, period in cases:
        [c] = extract_text(sentence, pub)
        assert (c.period.start, c.period.end) == period, sentence


def test_what_is_not_a_count_of_people() -> None:
    # how often, a share of people rather than land, a headline's rubric as its source
    [c] = extract_text(
        "OCHA says 1.9 million people have been displaced in Gaza, many of them five or six times.", PUB
    )
    assert c.figure.value == 1_900_000
    claims = extract_text(
        "The Houthis control roughly 30 percent of Yemen's territory, but that area is home to some 70 percent "
        "of its population.",
        PUB,
    )
    assert [(c.metric, c.figure.value) for c in claims] == [("territory_pct", 30)]
    [c] = extract_text("LIVE: Ukraine says 12 civilians killed in overnight strikes", PUB)
    assert c.source != "LIVE"


def test_a_party_counts_its_own_people_hit_by_an_enemy_with_several_wars() -> None:
    [c] = extract_text("Lebanon's health ministry said Israeli strikes killed 20 people on Tuesday.", PUB)
    assert (c.subject, c.source) == ("lebanon", "Lebanese Health Ministry")
    [c] = extract_text("Iran's health ministry said 610 people had been killed in Israeli strikes.", PUB)
    assert (c.subject, c.source) == ("iran", "Iranian Health Ministry")
    [c] = extract_text("The UN said Russian strikes killed 10 civilians.", PUB)
    assert c.subject == "ukraine"


def test_who_attributes_and_a_place_with_its_country() -> None:
    [c] = extract_text(
        "A 2008 survey by the International Rescue Committee attributed some 5.4 million excess deaths to the "
        "country's wars between 1998 and 2007.",
        PUB,
    )
    assert (c.source, c.figure.value, c.period.start) == (
        "International Rescue Committee",
        5.4e6,
        date(1998, 1, 1),
    )
    [c] = extract_text(
        "Researchers at Ghent University have put civilian deaths in Ethiopia's northern region at between "
        "385,000 and 600,000.",
        PUB,
    )
    assert (c.metric, c.subject, c.figure.low, c.figure.high) == ("killed", "ethiopia", 385000, 600000)


def test_a_tally_line_with_a_hyphen_and_its_day_as_a_part() -> None:
    claims = extract_text("personnel - around 980,890 persons, of which 1,160 over the past day;", PUB)
    got = [(c.metric, c.subject, c.figure.value, c.period.start, c.period.end) for c in claims]
    # the running total is the other side's since the war began; its part has its own day
    assert got[1] == ("casualties", got[0][1], 1160, date(2025, 6, 11), PUB)
    assert got[0][1:] == ("russia", 980890, date(2022, 2, 24), PUB)
    # a title's "- 1" is no tally line
    assert extract_text("Russian Army Continues to Suffer High Casualties at the Front - 1", PUB) == []


def test_the_spread_of_an_estimate_and_wounded_people() -> None:
    claims = extract_text(
        "The study estimated 64,260 deaths between Oct. 7, 2023 and June 30, 2024, with a plausible range of "
        "55,298 to 78,525.",
        PUB,
    )
    assert [(c.metric, c.figure.low, c.period.end) for c in claims] == [
        ("killed", None, date(2024, 6, 30)),
        ("killed", 55298, date(2024, 6, 30)),
    ]
    [c] = extract_text("The ICRC said its teams had treated more than 2,000 wounded people.", PUB)
    assert (c.metric, c.figure.value, c.figure.bound) == ("wounded", 2000, "at_least")
    [c] = extract_text("Ukrainian forces captured two wounded North Korean soldiers in Kursk.", PUB)
    assert (c.metric, c.subject) == ("captured", "north_korea")


def test_hosts_and_own_soldiers() -> None:
    claims = extract_text(
        "More than 13 million Syrians remain displaced, including 5.1 million registered as refugees in Turkey, "
        "Lebanon, Jordan, Iraq and Egypt. Turkey alone hosts about 3.1 million of them, and pressure for returns "
        "is mounting there and in Lebanon.",
        PUB,
    )
    assert [c.subject for c in claims] == ["syria", "syria", "syria"]  # the hosts are not the displaced
    [c] = extract_text(
        "Fighting in Sudan was displacing an average of 20,000 people a day, the IOM said.", PUB
    )
    assert c.subject == "sudan"  # the country a war is in is not a host
    [c] = extract_text(
        "The brigade's own losses in January were lighter, he said: 38 of its soldiers were killed.", PUB
    )
    assert c.subject == "ukraine"  # "its soldiers" with no side named: the speaker's
    [c] = extract_text("Russia lost 500 of its soldiers in the assault, Ukraine said.", PUB)
    assert c.subject == "russia"


def test_where_soldiers_fight_and_hostages_are_held_is_not_their_side() -> None:
    [c] = extract_text(
        "Israel's military says 454 of its soldiers have been killed in the Gaza ground operation.", PUB
    )
    assert c.subject == "israel"
    claims = extract_text(
        "According to Israeli tallies, that attack killed about 1,200 people, most of them civilians, and 251 "
        "people were taken hostage into Gaza.",
        PUB,
    )
    assert [(c.metric, c.subject) for c in claims] == [("killed", "israel"), ("captured", "israel")]


def test_who_runs_an_office_is_not_a_side() -> None:
    claims = extract_text(
        "Gaza's health ministry says 61,000 people have been killed. The ministry, which is part of the "
        "Hamas-run administration, said a further 154,525 people had been wounded over the same period.",
        PUB,
    )
    assert [c.subject for c in claims] == ["palestinians", "palestinians"]


def test_civilians_in_russias_war_are_ukraines_and_attackers_are_not_the_side_hit() -> None:
    text = (
        "Russia launched 309 drones and eight missiles at Ukraine overnight, the air force said. "
        "Russian missiles hit a residential block in Kyiv. At least 31 people were killed, officials said. "
        "A further 159 people were hurt in the attack, the Interior Ministry said.\n\n"
        "Ukraine's General Staff said Russia had lost 1,000 soldiers over the past day."
    )
    got = [(c.figure.value, c.subject) for c in extract_text(text, PUB)]
    assert got == [(31, "ukraine"), (159, "ukraine"), (1000, "russia")]


def test_civilians_hit_by_an_attacker_named_earlier() -> None:
    for text, expected in [
        (
            "Since Russia's full-scale invasion of Ukraine, the UN mission has confirmed more than 12,000 "
            "civilian deaths and more than 30,000 injuries.",
            [(12000, "ukraine"), (30000, "ukraine")],
        ),
        (
            "Russian forces struck Sumy with two ballistic missiles, regional officials said. The strike killed "
            "35 people and wounded 117.\n\nRussia has lost 950,000 troops since the invasion, Kyiv says.",
            [(35, "ukraine"), (117, "ukraine"), (950000, "russia")],
        ),
    ]:
        assert [(c.figure.value, c.subject) for c in extract_text(text, PUB)] == expected, text


def test_other_wars_name_their_sides() -> None:
    [c] = extract_text("Azerbaijan's defence ministry said 192 of its soldiers had been killed.", PUB)
    assert (c.subject, c.source) == ("azerbaijan", "Azerbaijani Ministry of Defence")
    [c] = extract_text(
        "ACLED recorded more than 8,000 deaths from political violence in Burkina Faso in 2023.", PUB
    )
    assert c.subject == "burkina_faso"
    [c] = extract_text("Nearly 4 million Sudanese have crossed into Chad, UNHCR said.", PUB)
    assert c.subject == "sudan"  # where refugees went is not whose people they are


def test_a_part_with_its_own_qualifier_and_an_aside_before_the_verb() -> None:
    claims = extract_text(
        "The HRMMU has confirmed more than 13,500 civilian deaths, including more than 700 children, and more "
        "than 33,000 injuries as of June 30.",
        PUB,
    )
    got = [(c.metric, c.figure.value, c.figure.bound, c.period.end) for c in claims]
    june30 = date(2024, 6, 30)
    assert got == [
        ("killed", 13500, "at_least", june30),  # the whole shares the period its part passes on
        ("killed", 700, "at_least", june30),
        ("wounded", 33000, "at_least", june30),
    ]
    # "many of them children under five" is an age, not a part
    claims = extract_text("Airstrikes killed 40 people, many of them children under five.", PUB)
    assert [c.figure.value for c in claims] == [40]
    # an aside between the war and its verb names no side
    [a, b] = extract_text(
        "The first war, fought from 1988 to 1994 as the Soviet Union broke apart, killed between 20,000 and "
        "30,000 people and drove more than a million from their homes.",
        PUB,
    )
    assert a.subject != "afghanistan" and b.subject != "afghanistan"


@pytest.mark.parametrize(
    ("sentence", "metric", "value"),
    [
        ("A further 3 million-plus have fled to neighbouring countries, according to UNHCR.", "displaced", 3e6),
        ("The official count of internally displaced people, published by the relief council, stood at "
         "2,062,534 as of March 31, 2023.", "displaced", 2062534),
        ("The number of wounded soldiers reached 5,000.", "wounded", 5000),
        ("The junta plans to draft about 60,000 people a year.", "recruited", 60000),
        ("The rebels said some 2,400 soldiers had laid down their arms.", "captured", 2400),
        ("Nearly 1.3 million Haitians are now displaced inside the country, the IOM says.", "displaced", 1.3e6),
    ],
)  # fmt: skip
def test_more_ways_of_counting_people(sentence: str, metric: str, value: float) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.figure.value) == (metric, value)


def test_clauses_of_a_headline_and_asides_of_a_sentence() -> None:
    claims = extract_text(
        "LIVE: Israel-Iran conflict - eight killed as Iranian missiles strike central Israel; Iran says 224 dead "
        "since Friday",
        PUB,
    )
    # the second clause's source is not the first's, nor the first clause's names its side
    c = claims[0]
    assert (c.figure.value, c.subject, c.source) == (8, "israel", None)
    [c] = extract_text(
        "Russia lost 1,000 soldiers over the past day; the General Staff said the figure was a record.", PUB
    )
    assert c.source == "Ukrainian General Staff"
    [c] = extract_text(
        "South Africa said 14 of its soldiers serving with UN and regional missions were killed in the fighting "
        "around Goma.",
        PUB,
    )
    assert (c.metric, c.subject) == ("killed", "south_africa")
    claims = extract_text(
        "In this direction 187 occupiers were neutralised, of whom 113 were liquidated and 74 wounded.", PUB
    )
    assert [(c.metric, c.figure.value) for c in claims] == [
        ("casualties", 187),
        ("killed", 113),
        ("wounded", 74),
    ]


@pytest.mark.parametrize(
    ("sentence", "metric", "subject"),
    [
        ("About 650,000 people were living in displacement sites around Goma, aid groups said.", "displaced",
         "dr_congo"),
        ("UN experts said between 3,000 and 4,000 Rwandan soldiers were fighting alongside M23 inside Congo.",
         "deployed", "rwanda"),
        ("The IOM counts nearly 7 million people displaced in Congo, one of the largest such crises in the world.",
         "displaced", "dr_congo"),
    ],
)  # fmt: skip
def test_where_people_live_and_fight(sentence: str, metric: str, subject: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.subject) == (metric, subject)


def test_a_span_of_days_in_one_month() -> None:
    for sentence, period in [
        (
            "Troops killed at least 500 people in Moura between March 27 and 31, 2022.",
            (date(2022, 3, 27), date(2022, 3, 31)),
        ),
        (
            "Troops killed at least 500 people in Moura on March 27-31, 2022.",
            (date(2022, 3, 27), date(2022, 3, 31)),
        ),
        ("From June 5-6, 40 people were killed.", (date(2025, 6, 5), date(2025, 6, 6))),
    ]:
        claims = extract_text(sentence, PUB)
        assert [(c.period.start, c.period.end) for c in claims] == [period], sentence


@pytest.mark.parametrize(
    ("sentence", "metric", "subject", "start"),
    [
        ("OCHA estimates that up to 1.9 million people in Gaza, about 90 per cent of the population, have been "
         "displaced since October 2023.", "displaced", "palestinians", None),
        ("Israel's campaign has forced some 1.2 million people in Lebanon from their homes, the prime minister said.",
         "displaced", "lebanon", None),
        ("Estonian intelligence believes Russia has amassed about 600,000 troops in occupied Ukraine and can keep "
         "recruiting 30,000 or more each month.", "recruited", "russia", None),
        ("Ukraine is holding a front line of more than 1,000 km with roughly 300,000 troops, an analyst said.",
         "deployed", "ukraine", None),
        ("The number of martyrs since the beginning of the aggression on the Strip on 7 October 2023 rose to "
         "54 927, the ministry said.", "killed", None, date(2023, 10, 7)),
    ],
)  # fmt: skip
def test_asides_places_and_long_since_clauses(sentence: str, metric: str, subject, start) -> None:
    c = [c for c in extract_text(sentence, PUB) if c.metric == metric][-1]
    assert c.metric == metric
    if subject is not None:
        assert c.subject == subject
    if start is not None:
        assert (c.period.start, c.period.end) == (start, PUB)


def test_an_army_counting_soldiers_with_no_side_counts_its_own() -> None:
    [c] = extract_text(
        "Since the start of the ground operation on October 27, 2023, 429 soldiers have been killed in Gaza, "
        "the Israel Defense Forces said.",
        PUB,
    )
    assert (c.subject, c.period.start) == ("israel", date(2023, 10, 27))
    [c] = extract_text("The General Staff said the enemy lost 1,000 soldiers over the past day.", PUB)
    assert c.subject == "russia"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The death toll from the shelling of the city centre has reached 25, of them five are children.",
         [("killed", 25), ("killed", 5)]),
        ("Russian forces executed at least 32 Ukrainian prisoners of war, the UN said.", [("killed", 32)]),
        ("All 74 people on board were killed, among them 65 Ukrainian prisoners of war.",
         [("killed", 74), ("killed", 65)]),
        ("About 400 mobilised Russian soldiers had been killed, Ukraine said.", [("killed", 400)]),
        ("Russia has called up 300,000 mobilised men.", [("recruited", 300000)]),
        ("Indepaz counted 173 social leaders killed in 2024.", [("killed", 173)]),
    ],
)  # fmt: skip
def test_what_was_done_to_the_people_counted(sentence: str, expected: list[tuple[str, float]]) -> None:
    assert [(c.metric, c.figure.value) for c in extract_text(sentence, PUB)] == expected


def test_victims_of_an_agent_with_no_known_opponent_and_the_world() -> None:
    [c] = extract_text("Eritrean troops killed more than 100 civilians in the city of Axum in Ethiopia.", PUB)
    assert c.subject == "ethiopia"
    [c] = extract_text(
        "Western intelligence services put the number of Ukrainian soldiers killed since the full-scale invasion "
        "at 60,000-100,000.",
        PUB,
    )
    assert c.subject == "ukraine"
    [c] = extract_text("Some 383 aid workers were killed around the world in 2024.", PUB)
    assert c.subject == "world"


def test_parts_in_places_deaths_counted_by_number_and_dates_before_a_colon() -> None:
    claims = extract_text(
        "According to the database, 383 aid workers were killed around the world in 2024, 181 of them in Gaza.",
        PUB,
    )
    assert [(c.figure.value, c.subject) for c in claims] == [(383, "world"), (181, "palestinians")]
    claims = extract_text(
        "The number of people who died as a result of the shelling of the centre of Belgorod on Saturday has "
        "reached 25, of them five are children, the governor reported on Sunday.",
        PUB,
    )
    assert [(c.metric, c.figure.value) for c in claims] == [("killed", 25), ("killed", 5)]
    # "Jan. 16:" is a date before a label's colon, not a time of day
    [c] = extract_text("* Displaced since Jan. 16: more than 32,000 (Ombudsman's Office)", PUB)
    assert (c.metric, c.figure.value, c.period.start) == ("displaced", 32000, date(2025, 1, 16))
    # a person's nationality is not a side; an army killing at home is its own country's
    claims = extract_text(
        "The war killed as many as 600,000 people in Tigray, according to Olusegun Obasanjo, the former Nigerian "
        "president. It also displaced more than 2 million people, according to UN agencies.",
        PUB,
    )
    assert "nigeria" not in [c.subject for c in claims]
    [c] = extract_text(
        "Fighting in Amhara continues. Ethiopian soldiers killed at least 50 civilians in Merawi, the Ethiopian "
        "Human Rights Commission said.",
        PUB,
    )
    assert c.subject == "ethiopia"


@pytest.mark.parametrize(
    ("sentence", "subjects"),
    [
        ("At least 12 people were killed and 50 injured when a Russian missile struck a shopping centre in "
         "Kharkiv on Saturday, the regional governor said.", ["ukraine", "ukraine"]),
        ("Israeli drones hit a car in southern Lebanon, killing three people.", ["lebanon"]),
        ("A Russian missile struck a hospital in Kyiv, killing two doctors and wounding 15 people.",
         ["ukraine", "ukraine"]),
    ],
)  # fmt: skip
def test_a_weapon_that_struck_names_the_attacker_not_the_victims(sentence: str, subjects: list[str]) -> None:
    assert [c.subject for c in extract_text(sentence, PUB)] == subjects


def test_refugees_as_a_predicate() -> None:
    [c] = extract_text("The UN refugee agency says 6.8 million Ukrainians are refugees abroad.", PUB)
    assert (c.metric, c.subject, c.figure.value) == ("displaced", "ukraine", 6.8e6)


def test_a_running_total_after_a_year_and_a_statement_month() -> None:
    claims = extract_text(
        "The Gaza health ministry said 52 people had been killed in the past 24 hours, bringing the toll since "
        "October 2023 to 52,418.",
        PUB,
    )
    assert [c.figure.value for c in claims] == [52, 52418]  # "2023 to 52,418" is no range
    [c] = extract_text(
        "Last year, 5,601 people were killed in gang violence across the country, the UN said in January.",
        PUB,
    )
    assert (c.period.start, c.period.end) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )  # January dates the statement
    [c] = extract_text("Over 700,000 Russian troops are now deployed in Ukraine, Putin said in June.", PUB)
    assert c.period.start is None


def test_monitors_that_count_the_dead_are_named() -> None:
    [c] = extract_text(
        "Iraq Body Count has documented between 186,901 and 210,296 civilian deaths from violence.", PUB
    )
    assert (c.source, c.figure.low) == ("Iraq Body Count", 186901)
    [c] = extract_text(
        "The Committee to Protect Journalists says at least 186 journalists have been killed since the war began.",
        PUB,
    )
    assert c.source == "CPJ"


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Pakistan's military said 31 people had been killed in the Indian strikes.", "pakistan"),
        ("India's army said 15 civilians were killed by Pakistani shelling in Poonch.", "india"),
        ("Thai health officials said 14 civilians had been killed since the fighting began.", "thailand"),
        ("More than 35,000 Cambodians have fled their homes, officials in Phnom Penh said.", "cambodia"),
        ("A missile strike on an apartment block in Dnipro killed 46 people.", "ukraine"),
        ("Lebanon's health ministry said 558 people had been killed in Israeli strikes.", "lebanon"),
    ],
)  # fmt: skip
def test_the_countries_of_newer_wars_are_sides(sentence: str, subject: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert c.subject == subject


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        # a month named alone covers the whole month, in every war but the full-scale invasion's
        ("The ministry says 61,000 Palestinians have been killed since October 2023.", date(2023, 10, 1)),
        ("UNHCR says 800,000 Sudanese refugees have reached Chad since April 2023.", date(2023, 4, 1)),
        ("Kyiv says 46,000 Ukrainian soldiers have been killed since February 2022.", date(2022, 2, 24)),
        ("Ukraine says Russia lost 106,720 soldiers in 2022.", date(2022, 2, 24)),
        ("The ministry says 20,000 Palestinians were killed in 2024.", date(2024, 1, 1)),
        # the day the war began is still its start
        ("The ministry says 61,000 Palestinians have been killed since October 7, 2023.", date(2023, 10, 7)),
        ("Sudan's war has killed at least 20,000 people since it began.", date(2023, 4, 15)),
    ],
)  # fmt: skip
def test_a_month_named_alone_starts_on_its_first_day_except_the_invasion(sentence: str, start: date) -> None:
    [c] = extract_text(sentence, PUB)
    assert c.period.start == start


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 40 people, including three children, were killed in the strike.", [("killed", 40), ("killed", 3)]),
        ("Eleven people, three of them children, were killed overnight.", [("killed", 11), ("killed", 3)]),
        ("Some 25 people, four of whom were medics, were wounded.", [("wounded", 25), ("wounded", 4)]),
        ("The UN condemned the killing of 30 civilians in the village.", [("killed", 30)]),
        ("The aggression led to the martyrdom of 558 persons and to the wounding of 1835 persons.",
         [("killed", 558), ("wounded", 1835)]),
        ("It caused the death of 12 persons and the injury of 2323 persons.", [("killed", 12), ("wounded", 2323)]),
        ("The group claimed the abduction of 276 schoolgirls.", [("captured", 276)]),
        ("Monitors documented the executions of 32 prisoners of war.", [("killed", 32)]),
    ],
)  # fmt: skip
def test_parts_in_asides_before_the_verb_and_deeds_named_as_nouns(
    sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert [(c.metric, c.figure.value) for c in extract_text(sentence, PUB)] == expected


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Israeli strikes on the towns of southern Lebanon since yesterday have killed 558 people.", "lebanon"),
        ("Russian shelling of Kherson killed four civilians on Tuesday.", "ukraine"),
        ("The paper put the number of Ukrainian soldiers killed at 80,000.", "ukraine"),
    ],
)  # fmt: skip
def test_the_place_an_attack_fell_on_is_the_side_hit(sentence: str, subject: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert c.subject == subject


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said 34,844 people had been killed, including 7,797 children, 4,959 women and 10,006 men.",
         [("killed", 34844), ("killed", 7797), ("killed", 4959), ("killed", 10006)]),
        ("The strikes killed 558 persons, among them 50 children and 94 women.",
         [("killed", 558), ("killed", 50), ("killed", 94)]),
        ("75 people were injured, including 14 children, and 46 residents were still missing.",
         [("wounded", 75), ("wounded", 14), ("missing", 46)]),
        ("Pakistani artillery and mortar fire on villages had killed 15 civilians.", [("killed", 15)]),
    ],
)  # fmt: skip
def test_lists_of_parts_and_clauses_after_them(sentence: str, expected: list[tuple[str, float]]) -> None:
    claims = extract_text(sentence, PUB)
    assert [(c.metric, c.figure.value) for c in claims] == expected
    if "Pakistani" in sentence:
        assert claims[0].subject == "india"  # the people hit by Pakistani fire are India's


def test_the_people_hit_by_a_side_with_several_wars_are_those_of_the_opponent_named_most() -> None:
    text = (
        "The Ministry of Public Health said on Tuesday that the Israeli enemy aggression on the towns of the"
        " South since Monday morning has led to the martyrdom of 558 persons and the wounding of 1835 persons."
        "\n\nIsrael said it had struck 1,600 targets. Tens of thousands fled towards Beirut, and Lebanese"
        " schools opened as shelters. Israeli officials said the campaign would go on."
    )
    claims = extract_text(text, PUB)
    assert [(c.metric, c.subject, c.figure.value) for c in claims] == [
        ("killed", "lebanon", 558),
        ("wounded", "lebanon", 1835),
    ]
    # the same in an article on Gaza: Palestinians
    gaza = text.replace("Beirut", "Rafah").replace("Lebanese", "Palestinian")
    assert {c.subject for c in extract_text(gaza, PUB)} == {"palestinians"}


def test_places_and_parties_counted_are_no_claims_and_a_commander_counts_his_men() -> None:
    claims = extract_text(
        "Close to one million soldiers have been killed or wounded on the two sides since the invasion began.",
        PUB,
    )
    assert [c.figure.value for c in claims] == [1_000_000]
    [c] = extract_text("Strikes hit 14 provinces, and 200 people were killed, the ministry said.", PUB)
    assert c.figure.value == 200
    [c] = extract_text(
        "Prigozhin said about 20,000 of his men had been killed in the battle for the city.", PUB
    )
    assert (c.subject, c.source) == ("russia", "Wagner Group")
    [c] = extract_text("ISPR said 31 people had been killed in the Indian strikes.", PUB)
    assert (c.subject, c.source) == ("pakistan", "Inter-Services Public Relations")


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Dnipro missile strike death toll rises to 40", "ukraine"),
        ("A Gaza airstrike killed 20 people on Tuesday.", "palestinians"),
        ("A Russian missile strike killed 20 people in Dnipro.", "ukraine"),
        ("Kharkiv drone attack: 7 people were injured overnight.", "ukraine"),
    ],
)  # fmt: skip
def test_a_city_before_an_attack_is_where_it_fell(sentence: str, subject: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert c.subject == subject


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He says 10 soldiers and four civilians were killed when missiles hit a mosque.", [10, 4]),
        ("Some 300 Russian soldiers and 12 Ukrainian civilians have died.", [300, 12]),
        ("He says 10 members of his family were killed when missiles hit a mosque.", [10]),
        ("Five members of the same family were killed in the strike.", [5]),
        # a figure with a verb of its own before the second keeps it
        ("The attack killed about 1,200 people, most of them civilians, and 251 people were taken hostage.",
         [1200, 251]),
    ],
)  # fmt: skip
def test_two_groups_before_one_verb_and_families(sentence: str, expected: list[float]) -> None:
    claims = extract_text(sentence, PUB)
    assert [c.figure.value for c in claims] == expected
    assert claims[0].metric == "killed"


def test_a_when_clause_dates_the_event_it_tells() -> None:
    [c] = extract_text(
        "At least 40 people were killed when a Russian missile tore through a block in Dnipro on Saturday.",
        date(2023, 1, 16),
    )
    assert (c.period.start, c.period.end) == (date(2023, 1, 14), date(2023, 1, 14))
    [c] = extract_text("Twelve people died when a drone hit a bus near Kherson on 3 May.", date(2023, 6, 1))
    assert (c.period.start, c.period.end) == (date(2023, 5, 3), date(2023, 5, 3))
    # a time before the clause still gives the period
    [c] = extract_text(
        "Twelve people died in May when drones hit buses near Kherson on 3 June.", date(2023, 7, 1)
    )
    assert (c.period.start, c.period.end) == (date(2023, 5, 1), date(2023, 5, 31))


def test_another_and_a_further_figure_share_the_period_of_the_sentence_before() -> None:
    text = (
        "The ministry said 15 people had been killed in the strikes on July 24. Another 46 people had been"
        " wounded, it said. A further 159 people were hurt in the attack."
    )
    claims = extract_text(text, date(2025, 7, 26))
    assert [(c.figure.value, c.period.start, c.period.end) for c in claims] == [
        (15, date(2025, 7, 24), date(2025, 7, 24)),
        (46, date(2025, 7, 24), date(2025, 7, 24)),
        (159, date(2025, 7, 24), date(2025, 7, 24)),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The commission said 238 members of the army and the security forces had been killed.",
         [("killed", None, 238)]),
        ("121 persons, among them 10 children, had received wounds, the governor of Kursk said.",
         [("wounded", "russia", 121), ("wounded", "russia", 10)]),
        ("Putin said 244,000 were still fighting and about 1,500 more were signing up every day.",
         [("deployed", "russia", 244000), ("recruited", "russia", 1500)]),
        ("Mujahid said Pakistani strikes killed 12 civilians and wounded more than 100 in Kabul.",
         [("killed", "afghanistan", 12), ("wounded", "afghanistan", 100)]),
        ("A missile that hit Kryvyi Rih on Friday killed 18 people.", [("killed", "ukraine", 18)]),
    ],
)  # fmt: skip
def test_groups_of_an_institution_wounds_received_recruits_and_newer_sides(
    sentence: str, expected: list[tuple[str, str | None, float]]
) -> None:
    assert [(c.metric, c.subject, c.figure.value) for c in extract_text(sentence, PUB)] == expected


def test_an_article_on_an_armed_group_counts_its_countrys_dead() -> None:
    text = (
        "The Houthis said US strikes hit the port. Houthi television showed the damage, and the Houthis"
        " vowed to respond.\n\nThe Houthi-run health ministry put the dead at 38 and the wounded at 102."
    )
    assert [(c.subject, c.figure.value) for c in extract_text(text, PUB)] == [("yemen", 38), ("yemen", 102)]


def test_the_people_hit_by_an_attacker_with_several_wars_are_the_articles() -> None:
    text = (
        "Syria's new government sent troops to Sweida. Syrian officials said the Syrian army would restore"
        " order.\n\nThe fighting, which drew in Israeli air strikes, had killed more than 1,000 people by"
        " Sunday, according to the Observatory."
    )
    [c] = extract_text(text, PUB)
    assert (c.subject, c.figure.value) == ("syria", 1000)


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Mujahid said Pakistani fire had killed 12 civilians and wounded more than 100 there.", "afghanistan"),
        ("Pakistani shelling killed 15 civilians in Poonch, the Indian Army said.", "india"),
        ("Israeli fire killed 20 people near an aid site in Rafah.", "palestinians"),
    ],
)  # fmt: skip
def test_the_side_hit_by_an_enemy_with_several_wars_is_the_speakers(sentence: str, subject: str) -> None:
    assert {c.subject for c in extract_text(sentence, PUB)} == {subject}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Israel released nearly 2,000 Palestinian prisoners on Monday.", []),
        ("Hamas freed 20 hostages and Israel released 1,968 prisoners.", []),
        ("Hamas is holding 48 hostages.", [("captured", 48)]),
        ('The army said about 20 "terrorists" had been "neutralised".', [("casualties", 20)]),
        ("About 30 rebels and 12 gunmen were killed.", [("killed", 30), ("killed", 12)]),
    ],
)  # fmt: skip
def test_prisoners_released_are_no_claim_and_words_in_quotation_marks(
    sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert [(c.metric, c.figure.value) for c in extract_text(sentence, PUB)] == expected


def test_by_a_weekday_is_a_running_total_as_of_that_day() -> None:
    [c] = extract_text(
        "The fighting had killed more than 1,000 people by Sunday, the Observatory said.", date(2025, 3, 11)
    )
    assert (c.period.start, c.period.end) == (None, date(2025, 3, 9))
    [c] = extract_text("The fighting killed 40 people on Sunday, the Observatory said.", date(2025, 3, 11))
    assert (c.period.start, c.period.end) == (date(2025, 3, 9), date(2025, 3, 9))


@pytest.mark.parametrize(
    ("sentence", "source", "said_on"),
    [
        ("The military's media wing, Inter-Services Public Relations (ISPR), said on Sunday that 23 Pakistani"
         " soldiers had been killed.", "Inter-Services Public Relations", date(2025, 6, 1)),
        ("The UN's refugee agency, UNHCR, said on Friday that 35,000 people had fled.", "UNHCR", date(2025, 5, 30)),
    ],
)  # fmt: skip
def test_a_name_given_as_an_aside_before_the_verb_is_the_source(
    sentence: str, source: str, said_on: date
) -> None:
    [c] = extract_text(sentence, date(2025, 6, 2))
    assert (c.source, c.said_on) == (source, said_on)


def test_a_reporting_word_inside_an_according_to_phrase_is_a_noun() -> None:
    text = "The ministry published its tally. According to the ministry report released on Monday, 40 people were killed."
    [c] = extract_text(text, PUB)
    assert c.source is None or not c.source.lower().startswith("according")


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Since yesterday, 558 people have been killed, the ministry said.", date(2024, 9, 23), date(2024, 9, 24)),
        ("The aggression since the morning of yesterday has killed 558 people.", date(2024, 9, 23), date(2024, 9, 24)),
        ("Since the morning of 23 September, 558 people have been killed.", date(2024, 9, 23), date(2024, 9, 24)),
        ("Since last year, 5,000 people have been killed.", date(2023, 1, 1), date(2024, 9, 24)),
        ("Yesterday 30 people were killed.", date(2024, 9, 23), date(2024, 9, 23)),
    ],
)  # fmt: skip
def test_since_a_relative_day_or_a_part_of_a_day_runs_to_the_statement(
    sentence: str, start: date, end: date
) -> None:
    [c] = extract_text(sentence, date(2024, 9, 24))
    assert (c.period.start, c.period.end) == (start, end)


def test_a_toll_counts_the_people_hit_not_an_armys_losses() -> None:
    text = (
        "Russia fired missiles at Ukraine and Russia's defence ministry denied hitting homes, Ukraine's air force said."
        "\n\nThe toll has risen to 30 dead, the regional administration said."
    )
    [c] = extract_text(text, PUB)
    assert (c.subject, c.figure.value) == ("ukraine", 30)


def test_the_side_a_war_is_fought_with_is_not_the_side_counted() -> None:
    [killed, wounded] = extract_text(
        "Tehran's health ministry said 610 people died and 4,746 were hurt in the 12-day war with Israel.",
        PUB,
    )
    assert (killed.metric, killed.subject, killed.figure.value) == ("killed", "iran", 610)
    assert (wounded.metric, wounded.subject, wounded.figure.value) == ("wounded", "iran", 4746)
    [c] = extract_text("Officials in Kyiv said 46,000 soldiers had died in the war against Russia.", PUB)
    assert c.subject == "ukraine"


@pytest.mark.parametrize(
    ("sentence", "metric", "subject", "value", "per"),
    [
        ("Armenian officials put the number of dead from the offensive at about 200.", "killed", "armenia", 200, None),
        ("The toll from the overnight raids on Khan Younis rose to 45.", "killed", "palestinians", 45, None),
        ("Close to 100,000 ethnic Armenians fled Karabakh within a week, Yerevan said.", "displaced", "armenia",
         100000, None),
        ("Russian units lost 1,500 men in a single day near Avdiivka.", "casualties", "russia", 1500, None),
        ("Jihadists from Boko Haram killed 63 villagers in Borno.", "killed", "nigeria", 63, None),
        ("Al-Shabaab fighters killed nine soldiers in an ambush.", "killed", "somalia", 9, None),
    ],
)  # fmt: skip
def test_events_spans_and_groups_named_around_a_figure(
    sentence: str, metric: str, subject: str, value: float, per: str | None
) -> None:
    [c] = [c for c in extract_text(sentence, PUB) if c.figure.value == value]
    assert (c.metric, c.subject, c.per) == (metric, subject, per)


def test_a_state_before_a_title_is_a_noun_and_a_date_after_a_council_dates_the_statement() -> None:
    text = (
        "Gunmen killed at least 37 people in two villages, Plateau state governor Caleb Mutfwang said. "
        "Nearly 3,000 people had died in the province since January, the minister told the UN Security Council "
        "on March 3."
    )
    first, second = extract_text(text, PUB)
    assert first.source == "Plateau state governor Caleb Mutfwang"
    assert (second.said_on, second.period.end) == (date(2025, 3, 3), date(2025, 3, 3))


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("The monitor recorded 1,100 civilian deaths in the first six months of the year.", date(2025, 1, 1),
         date(2025, 6, 30)),
        ("Some 640 fighters died in the last three months of last year.", date(2024, 10, 1), date(2024, 12, 31)),
        ("Shelling killed 75 people in the second half of the year.", date(2025, 7, 1), date(2025, 12, 31)),
        ("The army says its troops have retaken 160 square kilometres since late August.", None, date(2025, 9, 15)),
        ("Russia lost 1,570 soldiers in 24 hours, Kyiv claims.", date(2025, 9, 14), date(2025, 9, 15)),
        ("Russia's losses in 2024 and 2025 together exceed 800,000.", date(2024, 1, 1), date(2025, 12, 31)),
    ],
)  # fmt: skip
def test_parts_of_the_year_vague_starts_a_days_hours_and_two_years(sentence: str, start, end) -> None:
    [c] = extract_text(sentence, date(2025, 9, 15))
    assert (c.period.start, c.period.end) == (start, end)


def test_parts_after_a_qualifier_or_an_aside_and_soldiers_abroad() -> None:
    cs = extract_text("About 4,000 M23 fighters and up to 3,000 Rwandan troops were deployed near Goma.", PUB)
    assert {(c.metric, c.subject, c.figure.value) for c in cs} == {
        ("deployed", "dr_congo", 4000),
        ("deployed", "rwanda", 3000),
    }
    cs = extract_text("At least 25 people, among them 8 women, died when a guided bomb hit a market.", PUB)
    assert {(c.metric, c.figure.value) for c in cs} == {("killed", 25), ("killed", 8)}
    cs = extract_text(
        "The IDF said 900 soldiers have been killed since October 7, 2023, including 460 in the Gaza ground war.",
        PUB,
    )
    assert {(c.subject, c.figure.value) for c in cs} == {("israel", 900), ("israel", 460)}


def test_a_strike_named_by_the_capital_it_hit() -> None:
    [c] = extract_text("The Moscow drone attack injured 12 people, the mayor said.", PUB)
    assert c.subject == "russia"
    [c, _] = extract_text("Death toll in Kyiv strike climbs to 23, including four children", PUB)
    assert (c.subject, c.figure.value) == ("ukraine", 23)


def test_the_lines_of_a_breakdown_count_what_its_first_line_counts() -> None:
    text = (
        "The monitor published its breakdown on Sunday.\n\n"
        "Total dead: 640\nArmy soldiers: 210\n"
        "Civilians from the villages: 388 (including 90 women and children, the monitor said)\n"
        "Foreign fighters: 42\n\nTanks: 12\n"
    )
    got = {(c.metric, c.figure.value) for c in extract_text(text, PUB)}
    assert got == {("killed", 640), ("killed", 210), ("killed", 388), ("killed", 90), ("killed", 42)}


@pytest.mark.parametrize(
    ("sentence", "metric", "value", "per"),
    [
        ("Nearly 400 women and children were killed, the agency said.", "killed", 400, None),
        ("Twelve passengers aboard the bus were killed.", "killed", 12, None),
        ("About 30 gunmen inside the compound were killed by the raid.", "killed", 30, None),
        ("The militants martyred 26 of the hostages before troops stormed the train.", "killed", 26, None),
        ("Some 383 officers and men embraced shahadat during the year.", "killed", 383, None),
        ("Nine policemen were martyred in the ambush, the police chief said.", "killed", 9, None),
        ("We lost more than two men every single day.", "casualties", 2, "day"),
    ],
)  # fmt: skip
def test_people_joined_placed_and_martyred(sentence: str, metric: str, value: float, per: str | None) -> None:
    [c] = [c for c in extract_text(sentence, PUB) if c.figure.value == value]
    assert (c.metric, c.per) == (metric, per)


def test_the_mission_named_once_is_the_source_it_refers_back_to() -> None:
    text = (
        "The UN Human Rights Monitoring Mission in Ukraine has counted civilian deaths since 2022.\n\n"
        "The mission verified 212 civilians killed in May. Presenting its quarterly report in Kyiv, the "
        "mission said it had interviewed 60 released prisoners."
    )
    cs = extract_text(text, PUB)
    [killed] = [c for c in cs if c.figure.value == 212]
    assert killed.source == "OHCHR"
    assert all(c.source is None or "Presenting" not in c.source for c in cs)


def test_a_bare_toll_after_civilians_counts_civilians_and_when_dates_a_statement() -> None:
    text = (
        "Russia's invasion of Ukraine goes on; Russia denies targeting civilians.\n\n"
        "The monitors verified 286 civilians killed in July. In June they had recorded 232 killed. "
        "The deadliest attack came on its last day: a drone strike on Odesa that killed 19 people.\n\n"
        "The figure came in an interview aired on February 16, when Zelensky said 46,000 Ukrainian soldiers had "
        "been killed."
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 8, 12))}
    assert got[232].subject == "ukraine"
    assert (got[19].subject, got[19].period.end) == ("ukraine", None)
    assert got[46000].said_on == date(2025, 2, 16)


def test_a_transcript_gives_each_turn_to_its_speaker() -> None:
    text = (
        "Briefing by the Spokesman of the Ministry of Defence of Ukraine, Colonel Dmytro Lazutkin, and "
        "the Governor of Kharkiv Oblast, Oleh Syniehubov.\n\n"
        "LAZUTKIN: Over the past day the occupiers lost 1,150 soldiers.\n\n"
        "We also destroyed 12 tanks and 30 drones.\n\n"
        "QUESTION: And in Kharkiv?\n\n"
        "SYNIEHUBOV: Overnight strikes on the city killed four civilians and injured 17.\n\n"
        "ISW: 1,000 soldiers a day\n"
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 6, 12))}
    assert got[1150].source == "Ukrainian Ministry of Defence"
    assert got[1150].said_on == date(2025, 6, 12)
    assert got[4].source == got[17].source == "Governor of Kharkiv Oblast"
    assert got[1000].source == "ISW"


def test_a_tables_heading_tells_its_rows_whom_they_count_and_who_counts() -> None:
    text = (
        "Russia's war against Ukraine: a monthly digest.\n\n"
        "CIVILIAN DEATHS AND INJURIES BY MONTH (OHCHR)\n"
        "March 2025: 164 killed / 910 injured\n"
        "April 2025: 209 killed / 1,146 injured\n\n"
        "The deadliest strike hit Sumy on Palm Sunday, 13 April, killing 35 people."
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 8, 15))}
    assert (got[164].subject, got[164].source) == ("ukraine", "OHCHR")
    assert (got[1146].subject, got[1146].source, got[1146].period.start) == (
        "ukraine",
        "OHCHR",
        date(2025, 4, 1),
    )
    assert got[35].period.start == date(2025, 4, 13)


def test_counted_by_the_dozen_and_by_someones_calculation() -> None:
    text = (
        "Among the dead were two dozen children, the agency said. The army is fighting on a dozen fronts. "
        "The toll works out at roughly 20 deaths a day, by the Daily Ledger's calculation."
    )
    got = {c.figure.value: c for c in extract_text(text, PUB)}
    assert set(got) == {24, 20}
    assert got[20].source == "Daily Ledger"
    [c] = extract_text("Officials said 70 were killed, by the Global Conflict Monitor's count.", PUB)
    assert c.subject is None or c.subject != "world"


def test_the_displaced_of_an_articles_war_and_a_global_figure() -> None:
    text = (
        "Sudan's army lost Wad Madani to the RSF this week, and the war shows no sign of ending.\n\n"
        "Between 250,000 and 300,000 people have fled the city, the IOM said.\n\n"
        "Across the world there are some 120 million forcibly displaced people, a number growing by "
        "about 10 million each year, the UNHCR said."
    )
    got = {(c.figure.value or c.figure.low): c.subject for c in extract_text(text, PUB)}
    assert got == {250000: "sudan", 120_000_000: "world", 10_000_000: "world"}


def test_an_office_named_in_full_once_is_the_bare_office_later_and_its_side_counts_its_own() -> None:
    text = (
        "Today the Chief of the General Staff of the Armed Forces of the Russian Federation, Army General "
        "Valery Gerasimov, reported on the fighting in the Belgorod region.\n\n"
        "According to the Chief of the General Staff, the losses of the enemy amounted to more than 7 thousand "
        "servicemen. Shelling of the border villages killed 14 peaceful residents, the governor said."
    )
    got = {c.figure.value: c for c in extract_text(text, PUB)}
    assert (got[7000].source, got[7000].subject) == ("Russian General Staff", "ukraine")
    assert got[14].subject == "russia"


def test_worldwide_is_where_not_an_adjective_and_injuries_received_by_people() -> None:
    text = (
        "The Committee to Protect Journalists published its count. Its annual survey found that 124 "
        "journalists were killed worldwide in 2024. In the city, injuries were received by 109 people."
    )
    got = {c.figure.value: c for c in extract_text(text, PUB)}
    assert (got[124].metric, got[124].subject, got[124].per, got[124].source) == (
        "killed",
        "world",
        None,
        "CPJ",
    )
    assert got[109].metric == "wounded"


@pytest.mark.parametrize(
    "sentence",
    [
        "An estimated 8,000 Ukrainian civilians are still held by Russia, the ombudsman said.",
        "About 8,000 Ukrainian soldiers remain in captivity, officials say.",
    ],
)
def test_people_held_by_the_other_side_are_captured(sentence: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.subject, c.figure.value) == ("captured", "ukraine", 8000)


@pytest.mark.parametrize(
    ("sentence", "value", "source"),
    [
        ("The war has claimed the lives of at least 12,000 civilians, the UN says.", 12000, "UN"),
        ("Shelling has killed more than 460 patients at the hospital, the WHO said.", 460, "WHO"),
        ("According to WHO, 460 patients were killed in the siege.", 460, "WHO"),
    ],
)
def test_lives_claimed_patients_and_the_who(sentence: str, value: float, source: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.figure.value, c.source) == ("killed", value, source)
    assert extract_text("Medics saved the lives of 40 people.", PUB) == []


def test_a_weekly_report_states_and_estimates_that_are_nouns() -> None:
    text = (
        "About 300,000 people fled towards Gedaref and Kassala states. The IOM counted them. "
        "Even the lower estimate means that more than 35,000 people a day were uprooted during the week."
    )
    got = {c.figure.value: c for c in extract_text(text, date(2023, 12, 22))}
    c = got[35000]
    assert (c.per, c.period.start, c.source) == ("day", date(2023, 12, 15), "IOM")
    [c] = extract_text("Ukrainian formations lost up to 1,195 servicemen during the week.", date(2025, 3, 5))
    assert (c.period.start, c.period.end) == (date(2025, 2, 26), date(2025, 3, 5))


@pytest.mark.parametrize(
    ("headline", "metric", "value", "bound"),
    [
        ("Death toll from Israeli strike on Gaza cafe rises to 30", "killed", 30, "exact"),
        ("Ukraine war: Russian losses pass 1 million, Kyiv says", "casualties", 1_000_000, "at_least"),
        ("Gaza death toll crosses 60,000, ministry says", "killed", 60000, "at_least"),
    ],
)  # fmt: skip
def test_headlines_with_a_place_and_its_noun_and_milestones(
    headline: str, metric: str, value: float, bound: str
) -> None:
    [c] = extract_text(headline, PUB)
    assert (c.metric, c.figure.value, c.figure.bound) == (metric, value, bound)


def test_neighbours_and_hosts_are_not_the_side_hit() -> None:
    text = (
        "Take Benin. On 17 April, jihadists attacked two army positions near the borders with Burkina Faso "
        "and Niger. The group claimed it had killed 70 soldiers.\n\n"
        "More than 40,000 Congolese crossed into Burundi last week, the agency said. Across the country "
        "nearly 7 million people are displaced. Nearly 4 million Sudanese have crossed into Chad, Egypt, "
        "South Sudan and other neighbouring countries."
    )
    got = {c.figure.value: c.subject for c in extract_text(text, PUB)}
    assert got[70] == "benin"
    assert got[7_000_000] == "dr_congo"
    assert got[4_000_000] == "sudan"


def test_a_sentence_that_breaks_down_the_figure_before_it() -> None:
    text = (
        "Gunmen killed 26 passengers on the train. Of these 26, 18 were soldiers on leave, three were railway "
        "officials and five were civilians."
    )
    got = {c.figure.value: (c.metric, c.quote) for c in extract_text(text, PUB)}
    assert got[18] == ("killed", "18 were soldiers on leave")
    assert got[3][0] == got[5][0] == "killed"


def test_a_part_of_the_dead_is_of_the_toll_not_of_the_side_that_says_it() -> None:
    text = (
        "Gaza's health ministry says more than 37,000 people have been killed. The Israeli military says "
        "more than 14,000 of the dead were militants."
    )
    got = {c.figure.value: c.subject for c in extract_text(text, PUB)}
    assert got == {37000: "palestinians", 14000: "palestinians"}


@pytest.mark.parametrize(
    ("sentence", "metric", "value", "start", "end"),
    [
        ("Fighters executed more than 2,000 civilians on Sunday and Monday, the coalition said.", "killed", 2000,
         date(2025, 10, 26), date(2025, 10, 27)),
        ("More than 460 patients and their companions were shot dead at the hospital.", "killed", 460, None, None),
        ("More than 7,000 persons have lost the life since the month of January.", "killed", 7000,
         date(2025, 1, 1), date(2025, 10, 29)),
        ("The ministry said 1,277 had been admitted to hospital.", "wounded", 1277, None, None),
        ("More than 3,000 people were treated for injuries.", "wounded", 3000, None, None),
        ("Thirteen South African soldiers and three Malawian peacekeepers were killed.", "killed", 3, None, None),
    ],
)  # fmt: skip
def test_shot_dead_lost_the_life_hospitalised_and_days_in_a_row(
    sentence: str, metric: str, value: float, start, end
) -> None:
    [c] = [c for c in extract_text(sentence, date(2025, 10, 29)) if c.figure.value == value]
    assert c.metric == metric
    if start or end:
        assert (c.period.start, c.period.end) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Israeli troops opened fire on people returning to their villages in southern Lebanon on Sunday, "
         "killing 22, Lebanon's health ministry said.", "lebanon"),
        ("A day after Russia launched its largest air assault on Ukrainian cities, a barrage that officials "
         "in Kyiv said killed at least 39 civilians.", "ukraine"),
        ("Russia launched 472 drones overnight, killing 12 people.", "ukraine"),
    ],
)  # fmt: skip
def test_the_side_that_fires_and_a_place_in_the_clause_are_not_the_side_hit(
    sentence: str, subject: str
) -> None:
    [c] = extract_text(sentence, PUB)
    assert c.subject == subject


def test_others_and_another() -> None:
    got = {
        (c.metric, c.figure.value)
        for c in extract_text(
            "The toll rose to 55, and 146 others were wounded. Kyiv plans to mobilise another 160,000 people.",
            PUB,
        )
    }
    assert got == {("killed", 55), ("wounded", 146), ("recruited", 160000)}


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("Some 4,047 people have been killed in Lebanon since the hostilities began on 8 October 2023.",
         date(2023, 10, 8)),
        ("At least 183 people have been killed since the fighting began in July 2023.", date(2023, 7, 1)),
        ("The monitor has documented 507,567 deaths since the uprising began on March 15, 2011.",
         date(2011, 3, 15)),
    ],
)  # fmt: skip
def test_a_war_begun_on_a_stated_day_starts_that_day(sentence: str, start: date) -> None:
    [c] = extract_text(sentence, date(2024, 12, 5))
    assert c.period.start == start


def test_over_the_course_of_the_war_starts_with_the_war() -> None:
    text = "Russia keeps striking Ukraine. Over the course of the war, the UN has verified 13,883 civilian deaths."
    [c] = extract_text(text, date(2025, 9, 1))
    assert (c.period.start, c.period.end) == (date(2022, 2, 24), date(2025, 9, 1))


def test_a_table_laid_out_with_bars_reads_each_figure_by_its_column() -> None:
    text = (
        "The General Staff publishes monthly figures.\n"
        "| Month | Russian personnel losses | Tanks |\n|---|---|---|\n"
        "| July 2025 | 31,000 | 120 |\n| August 2025 | about 28,500 | 95 |\n\n"
        "| Side | Killed | Wounded |\n|---|---|---|\n| Russia | 250,000 | 700,000 |\n"
    )
    got = {c.figure.value: c for c in extract_text(text, date(2025, 9, 1))}
    assert set(got) == {31000, 28500, 250000, 700000}
    assert (got[31000].metric, got[31000].subject, got[31000].period.start) == (
        "casualties",
        "russia",
        date(2025, 7, 1),
    )
    assert got[28500].figure.bound == "approx"
    assert (got[250000].metric, got[700000].metric, got[700000].subject) == ("killed", "wounded", "russia")
    assert text[got[31000].span.start : got[31000].span.end] == "July 2025 | 31,000"


@pytest.mark.parametrize(
    ("sentence", "metric", "subject", "value"),
    [
        ("Some 300 civilians (including 90 children) died in the siege.", "killed", None, 300),
        ("Some 300 civilians (including 90 children) died in the siege.", "killed", None, 90),
        ("The 12,000-strong North Korean contingent has lost about a third of its men.", "deployed", "north_korea",
         12000),
    ],
)  # fmt: skip
def test_a_part_in_brackets_and_a_force_so_strong(sentence: str, metric: str, subject, value: float) -> None:
    [c] = [c for c in extract_text(sentence, PUB) if c.figure.value == value]
    assert (c.metric, c.subject) == (metric, subject)


def test_one_person_and_a_list_of_peoples_before_their_verb() -> None:
    text = (
        "Thirteen South African soldiers, three Malawian soldiers and one Uruguayan peacekeeper were killed."
    )
    got = {(c.subject, c.figure.value) for c in extract_text(text, PUB)}
    assert got == {("south_africa", 13), ("malawi", 3), ("uruguay", 1)}
    assert [c.figure.value for c in extract_text("One person died in the strike, officials said.", PUB)] == [
        1
    ]
    assert extract_text("It is one of the deadliest attacks. One of them said so.", PUB) == []


def test_since_the_weekday_of_the_statement_is_a_week_before() -> None:
    [c] = extract_text("Iranian missiles have killed 24 people in Israel since Friday.", date(2025, 6, 20))
    assert (c.period.start, c.period.end) == (date(2025, 6, 13), date(2025, 6, 20))


def test_towns_of_a_country_name_its_people() -> None:
    text = (
        "The Israeli enemy aggression on the towns of the South, the Bekaa and Baalbek-Hermel has led to the "
        "martyrdom of 558 persons, the Ministry of Public Health said."
    )
    [c] = extract_text(text, PUB)
    assert (c.metric, c.subject) == ("killed", "lebanon")


@pytest.mark.parametrize(
    "sentence",
    [
        "Close to one million soldiers have been killed or wounded on the two sides, the newspaper reported.",
        "The war has left about a million killed or wounded on both sides.",
    ],
)
def test_both_sides_together_named_after_the_figure(sentence: str) -> None:
    [c] = extract_text(sentence, PUB)
    assert (c.metric, c.subject) == ("casualties", "world")


@pytest.mark.parametrize(
    ("sentence", "value", "start", "end"),
    [
        ("Putin announced a partial mobilisation, calling up 300,000 reservists in the autumn of 2022.", 300000,
         None, None),
        ("In April Russian troops took 379 square kilometres, and in March only 240, the slowest month since the "
         "summer of 2024.", 240, date(2025, 3, 1), date(2025, 3, 31)),
    ],
)  # fmt: skip
def test_a_season_is_vague_and_calling_up_recruits(sentence: str, value: float, start, end) -> None:
    [c] = [c for c in extract_text(sentence, PUB) if c.figure.value == value]
    assert (c.period.start, c.period.end) == (start, end)
    assert c.metric in ("recruited", "territory_km2")


def test_a_toll_from_hunger_and_people_detained_or_abducted() -> None:
    got = {
        (c.metric, c.figure.value)
        for c in extract_text(
            "The latest deaths bring the toll from malnutrition to 239, including 106 children. Gunmen abducted 30 "
            "students from a school. Troops have detained more than 10,000 Palestinians in the West Bank.",
            PUB,
        )
    }
    assert got == {("killed", 239), ("killed", 106), ("captured", 30), ("captured", 10000)}
