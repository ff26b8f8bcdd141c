"""Quotes: scanning real-world quote marks, speakers, settings, and one quote across outlets."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storylens import Report
from storylens.clean.text import assemble, line_spans
from storylens.config import QuotesConfig
from storylens.evaluation import EvaluationError
from storylens.evaluation.quotes import evaluate as evaluate_quotes
from storylens.evaluation.quotes import load_polnear, same_speaker
from storylens.nlp import Models
from storylens.quotes import (
    find_quotes,
    quote_mentions,
    said_on,
    said_where_when,
    same_words,
    scan_quotes,
)
from storylens.records import Article, Quote, RawDocument, Story
from storylens.report import render_html, render_markdown

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "coverage-trump-putin-iran"


def article(raw: str, source: str = "test.txt") -> Article:
    """An article whose text is ``raw`` itself (one paragraph per line, blank lines between)."""
    return assemble(RawDocument(source=source, raw=raw), line_spans(raw))


def story_of(*texts: str) -> Story:
    articles = [article(t, f"outlet{i}.txt") for i, t in enumerate(texts)]
    return Story(id="s", title="t", articles=articles)


def quoted(text: str) -> list[str]:
    return [text[q.span[0] : q.span[1]] for q in scan_quotes(text)]


def quotes_of(models: Models, *texts: str) -> tuple[Story, list[Quote]]:
    story = story_of(*texts)
    return story, find_quotes(story, models, QuotesConfig())


def assert_spans_exact(story: Story, quotes: list[Quote]) -> None:
    for q in quotes:
        for v in q.variants:
            a = story.article(v.article)
            assert a.text[v.span[0] : v.span[1]] == v.text
            assert v.raw_span is not None
            assert a.raw[v.raw_span[0] : v.raw_span[1]] == v.text


# --- scanning -------------------------------------------------------------------------------


def test_apostrophes_inside_words_never_make_a_quote() -> None:
    text = (
        "Putin’s offer didn’t impress Iran’s neighbours, and the ’90s playbook is gone. "
        "The ministers' statement came after the country's leaders met. It's over, he's sure."
    )
    assert scan_quotes(text) == []


def test_reads_curly_straight_and_guillemet_double_quotes() -> None:
    text = (
        "“We will rebuild,” the mayor said.\n\n"
        '"Nobody expected this," a resident told reporters.\n\n'
        "Le ministre a déclaré : « Nous ne céderons pas », selon l’agence."
    )
    assert quoted(text) == [
        "We will rebuild",
        "Nobody expected this",
        "Nous ne céderons pas",
    ]


def test_nested_quote_stays_inside_the_outer_quote_even_with_a_mismatched_opening_mark() -> None:
    curly = "She said, “He asked me, ’can you help?’ and I said, ’no, I don’t need help.’ Then he left.”"
    straight = "\"He asked me, 'can you help?' I said, 'no, I don't.' Then he left,\" she said."
    assert quoted(curly) == [
        "He asked me, ’can you help?’ and I said, ’no, I don’t need help.’ Then he left."
    ]
    assert quoted(straight) == ["He asked me, 'can you help?' I said, 'no, I don't.' Then he left"]


def test_closing_mark_printed_as_an_opening_mark_is_read_from_its_position() -> None:
    text = "The minister’s reply—”we don’t need lessons from anyone”—was read as a snub."
    assert quoted(text) == ["we don’t need lessons from anyone"]


def test_single_quotes_serve_as_outer_quotes_when_no_double_quote_encloses_them() -> None:
    text = (
        "'No, thank you': Merkel says she turned down the offer\n\n"
        "‘We will not back down,’ the minister said after the vote."
    )
    assert quoted(text) == ["No, thank you", "We will not back down"]


def test_quote_spanning_paragraphs_is_scanned_per_paragraph_as_one_group() -> None:
    text = (
        "“The first thing we did was call the families. We owed them that.\n\n"
        "“Then we went back to work,” the fire chief said."
    )
    found = scan_quotes(text)
    assert [text[q.span[0] : q.span[1]] for q in found] == [
        "The first thing we did was call the families. We owed them that.",
        "Then we went back to work",
    ]
    assert found[0].group == found[1].group


def test_closing_mark_lost_to_a_bad_encoding_still_closes_the_quote() -> None:
    # TODAY.com, AFM coverage (cross-outlet dev): every closing ” printed as "�?"
    text = (
        "“Every new case you see, the pit of your stomach drops out again,\ufffd? Carson, who "
        "lives in suburban Chicago, told TODAY. “You flash back to that moment in time.\ufffd?"
    )
    assert quoted(text) == [
        "Every new case you see, the pit of your stomach drops out again",
        "You flash back to that moment in time.",
    ]


def test_question_mark_after_a_replacement_character_in_a_word_is_no_closing_mark() -> None:
    assert quoted("He asked, “Is this the caf\ufffd?s menu” and left.") == [
        "Is this the caf\ufffd?s menu"
    ]


def test_mark_adrift_between_spaces_closes_the_open_quote() -> None:
    # Reuters Health (cross-outlet dev): “ printed where ” was meant, after a space
    text = (
        "“Without a family history, physicians need to use their judgment, “ Winawer, who "
        "wasn’t involved in the study, added by email. “This is difficult.”"
    )
    assert quoted(text) == [
        "Without a family history, physicians need to use their judgment",
        "This is difficult.",
    ]


def test_book_title_in_single_marks_is_not_the_start_of_the_next_quote(models: Models) -> None:
    # Daily Mail on Nicole Polizzi (cross-outlet dev)
    text = (
        "Nicole Polizzi has been partying less.\n\n"
        "The reality star-turned-author, whose book, 'A Shore Thing,' hit shelves yesterday, "
        'told DeGeneres, "I want to remember my night and sometimes I just don\'t."'
    )
    title, said = scan_quotes(text)
    assert text[title.span[0] : title.span[1]] == "A Shore Thing"
    assert title.group != said.group
    _, quotes = quotes_of(models, text)
    assert [v.text for q in quotes for v in q.variants] == [
        "I want to remember my night and sometimes I just don't."
    ]


def test_colon_intro_after_a_closed_quote_names_a_new_speaker(models: Models) -> None:
    # The Guardian, Clarissa Dickson Wright obituary (cross-outlet dev)
    text = (
        "The Observer's restaurant critic Jay Rayner tweeted: “Goodbye Clarissa. A truly "
        "fabulous woman.” Television chef Jamie Oliver added: “She was always entertaining "
        "to watch and was of course a passionate foodie.”"
    )
    found = speakers_by_text(models, text)
    assert found == {
        "Goodbye Clarissa. A truly fabulous woman.": "Jay Rayner",
        "She was always entertaining to watch and was of course a passionate foodie.": (
            "Jamie Oliver"
        ),
    }


def test_unclosed_quote_is_dropped_rather_than_running_into_the_next_paragraph() -> None:
    text = "He called the plan “a disaster and moved on.\n\nThe vote is due on Friday."
    assert scan_quotes(text) == []


# --- speakers and kinds -------------------------------------------------------------------


def test_quote_broken_by_attribution_is_one_quote_whose_variant_lists_both_pieces(
    models: Models,
) -> None:
    text = (
        "Finance Minister Rachel Reeves defended the budget on Wednesday.\n\n"
        "“We had to act,” she said, “because the alternative was far worse for families.”"
    )
    story, quotes = quotes_of(models, text)
    (quote,) = quotes
    assert quote.text == "We had to act … because the alternative was far worse for families."
    assert quote.speaker == "Rachel Reeves"
    assert_spans_exact(story, quotes)
    (v,) = quote.variants
    text_of = story.articles[0].text
    assert [text_of[s:e] for s, e in v.parts] == [
        "We had to act",
        "because the alternative was far worse for families.",
    ]
    assert v.span == v.parts[0] and v.fidelity == 1.0


def test_quote_after_a_whole_attribution_sentence_is_its_own_quote_with_the_same_speaker(
    models: Models,
) -> None:
    # Washington Post, Hurricane Irene coverage (cross-outlet dev)
    text = (
        "Harry E. Johnson Sr. leads the memorial project foundation.\n\n"
        "“I’m disappointed and hurt, really,” Johnson said. "
        "“But the memorial is going to be there forever.”"
    )
    story, quotes = quotes_of(models, text)
    assert_spans_exact(story, quotes)
    assert sorted(v.text for q in quotes for v in q.variants) == [
        "But the memorial is going to be there forever.",
        "I’m disappointed and hurt, really",
    ]
    assert {q.speaker for q in quotes} == {"Harry E. Johnson Sr."}
    assert all(v.parts == [] for q in quotes for v in q.variants)


def test_outlet_printing_one_piece_of_a_broken_quote_is_a_shorter_variant_of_it(
    models: Models,
) -> None:
    story, quotes = quotes_of(
        models,
        "Finance Minister Rachel Reeves defended the budget on Wednesday.\n\n"
        "“We had to act,” she said, “because the alternative was far worse for families.”",
        "Reeves said the budget was needed “because the alternative was far worse for families”.",
    )
    (quote,) = quotes
    whole, piece = quote.variants
    assert [whole.article, piece.article] == [a.id for a in story.articles]
    assert len(whole.parts) == 2 and piece.parts == []
    # the piece leaves words out but prints the words it has verbatim
    assert whole.fidelity == 1.0 and piece.fidelity == 1.0
    assert ("-", "We had to act") in piece.diff
    assert not quote.single_source


def test_reports_show_a_broken_quote_once_with_each_piece_cited(models: Models) -> None:
    story, quotes = quotes_of(
        models,
        "Finance Minister Rachel Reeves defended the budget on Wednesday.\n\n"
        "“We had to act,” she said, “because the alternative was far worse for families.”",
    )
    report = Report(stories=[story.model_copy(update={"quotes": quotes})])
    md = render_markdown(report)
    section = md[md.index("## Who said what") :]
    assert section.count("### Rachel Reeves") == 1
    assert re.search(
        r"“We had to act”\[\[\d+\]\]\(#[^)]+\) … “because the alternative was far worse "
        r"for families\.”\[\[\d+\]\]",
        section,
    )
    page = render_html(report)
    pieces = re.search(r'<div class="said pieces">(.*?)</div>', page, re.DOTALL)
    assert pieces is not None
    assert pieces.group(1).count('<sup class="cite">') == 2
    assert "We had to act" in pieces.group(1) and "…" in pieces.group(1)


def test_he_after_a_sentence_naming_one_person_is_that_person(models: Models) -> None:
    text = (
        "German Chancellor Olaf Scholz arrived in Paris on Monday.\n\n"
        "“Europe must stand together on energy and defence,” he said after the meeting."
    )
    _, quotes = quotes_of(models, text)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Olaf Scholz"
    att = quotes[0].variants[0].attribution
    assert (att.status, att.basis, att.mention and att.mention.text) == (
        "attributed",
        "pronoun",
        "he",
    )


def test_he_after_a_sentence_naming_two_men_is_only_possibly_the_subject(models: Models) -> None:
    text = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.\n\n"
        "“Europe must stand together on energy and defence,” he said after the meeting."
    )
    story, quotes = quotes_of(models, text)
    (variant,) = quotes[0].variants
    assert quotes[0].speaker is None and variant.speaker is None
    att = variant.attribution
    assert (att.status, att.candidate) == ("unattributed", "Olaf Scholz")
    assert att.mention is not None and att.cue is not None
    text_of = story.articles[0].text
    for ev in (att.mention, att.cue):
        assert text_of[ev.span[0] : ev.span[1]] == ev.text
    assert (att.mention.text, att.cue.text) == ("he", "said")


def test_resolves_a_description_to_the_person_holding_that_title(models: Models) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov spoke after Ukrainian President Volodymyr Zelensky "
        "visited Washington.\n\n"
        "“There is no alternative to talks with Moscow,” the Kremlin spokesman told reporters."
    )
    _, quotes = quotes_of(models, text)
    assert quotes[0].speaker == "Dmitry Peskov"


def test_speaker_is_none_when_the_text_names_no_person(models: Models) -> None:
    text = (
        "The storm hit the coast overnight.\n\n"
        "“We have never seen water this high in the harbour,” a local official said.\n\n"
        "“Stay indoors and away from the windows until further notice.”"
    )
    _, quotes = quotes_of(models, text)
    assert len(quotes) == 2
    assert [q.speaker for q in quotes] == [None, None]


def test_partial_quotes_in_reported_speech_are_partial(models: Models) -> None:
    text = (
        "Prime Minister Anthony Albanese said the talks had been “productive” and insisted the "
        "deal would be signed “within weeks, not months” despite objections.\n\n"
        "“We are close to a final agreement with our partners,” Albanese told parliament."
    )
    _, quotes = quotes_of(models, text)
    kinds = {q.text: q.kind for q in quotes}
    assert kinds == {
        "productive": "partial",
        "within weeks, not months": "partial",
        "We are close to a final agreement with our partners": "full",
    }
    assert {q.speaker for q in quotes} == {"Anthony Albanese"}


# --- the same quote across outlets --------------------------------------------------------

OUTLET_A = (
    "Speaking to reporters at the G20 summit in Rio de Janeiro on Tuesday, President Biden "
    "said, “We are not going to walk away from Ukraine. Not now, not ever.”"
)
OUTLET_B = (
    '"We are not going to walk away from Ukraine," US President Joe Biden said while '
    "flying home from the summit."
)
OUTLET_C = (
    "Biden repeated his pledge.\n\n"
    "“WE ARE NOT GOING TO WALK AWAY FROM UKRAINE, NOT NOW, NOT EVER,” Biden said."
)


def test_same_quote_in_three_outlets_is_one_quote_with_one_variant_each(models: Models) -> None:
    story, quotes = quotes_of(models, OUTLET_A, OUTLET_B, OUTLET_C)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.id == "q1"
    assert quote.speaker == "Joe Biden"
    assert [v.article for v in quote.variants] == [a.id for a in story.articles]
    assert quote.text == "We are not going to walk away from Ukraine. Not now, not ever."
    assert [v.speaker for v in quote.variants] == ["Biden", "Joe Biden", "Biden"]
    assert_spans_exact(story, quotes)


def test_truncated_variant_has_a_diff_but_a_faithful_excerpt_keeps_fidelity(
    models: Models,
) -> None:
    _, quotes = quotes_of(models, OUTLET_A, OUTLET_B)
    full, short = quotes[0].variants
    assert full.fidelity == 1.0 and full.diff == [("=", quotes[0].text)]
    assert short.diff == [
        ("=", "We are not going to walk away from Ukraine"),
        ("-", "Not now, not ever."),
    ]
    assert short.fidelity == 1.0


def test_a_changed_word_inside_an_excerpt_lowers_fidelity(models: Models) -> None:
    _, quotes = quotes_of(
        models,
        OUTLET_A,
        "President Joe Biden said, “We are not going to walk out of Ukraine,” on Tuesday.",
    )
    (quote,) = [q for q in quotes if len(q.variants) == 2]
    changed = quote.variants[1]
    assert ("-", "away from") in changed.diff and ("+", "out of") in changed.diff
    assert changed.fidelity == pytest.approx(7 / 9, abs=0.01)


def test_setting_is_taken_as_each_outlet_reports_it(models: Models) -> None:
    story, quotes = quotes_of(models, OUTLET_A, OUTLET_B)
    a, b = quotes[0].variants
    assert (a.said_where, a.said_when) == ("at the G20 summit in Rio de Janeiro", "on Tuesday")
    assert (b.said_where, b.said_when) == ("while flying home from the summit", None)
    where, _ = said_where_when(story.articles[0], a.span, a.speaker)
    assert where is not None and story.articles[0].slice(where.span) == a.said_where


def test_setting_comes_from_the_previous_paragraph_only_when_it_names_the_speaker(
    models: Models,
) -> None:
    named = (
        "Talking to reporters aboard the royal yacht on Sunday, King Charles praised the crew.\n\n"
        "“They have been magnificent through every storm,” the King said."
    )
    unnamed = (
        "Talking to reporters aboard the royal yacht on Sunday, the captain praised the crew.\n\n"
        "“They have been magnificent through every storm.”"
    )
    (_, q1), (_, q2) = quotes_of(models, named), quotes_of(models, unnamed)
    assert (q1[0].variants[0].said_where, q1[0].variants[0].said_when) == (
        "aboard the royal yacht",
        "on Sunday",
    )
    assert (q2[0].variants[0].said_where, q2[0].variants[0].said_when) == (None, None)


def test_quotes_are_ordered_by_outlets_then_first_appearance(models: Models) -> None:
    lone = "Separately, Senator Maria Lopez said, “This bill will not pass the Senate this year.”"
    _, quotes = quotes_of(models, lone, OUTLET_B, OUTLET_A)
    assert [q.id for q in quotes] == ["q1", "q2"]
    assert [len(q.variants) for q in quotes] == [2, 1]
    assert quotes[1].speaker == "Maria Lopez"


# --- the sample coverage --------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_story() -> Story:
    """The three sample scrapes as one story, whatever the cluster stage makes of them today."""
    articles = [
        article(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(SAMPLES.glob("*.txt"))
    ]
    return Story(id="samples", title="samples", articles=articles)


def vladimir_quote(quotes: list[Quote]) -> Quote:
    found = [q for q in quotes if q.text.startswith("As you know, Vladimir called me up")]
    assert len(found) == 1
    return found[0]


def check_sample_quotes(story: Story, quotes: list[Quote]) -> None:
    quote = vladimir_quote(quotes)
    assert len(quote.variants) == 3
    assert len({v.article for v in quote.variants}) == 3
    assert quote.speaker == "Donald Trump"
    assert_spans_exact(story, quotes)
    partial = [q for q in quotes if q.text == "total obliteration"]
    assert len(partial) == 1 and partial[0].kind == "partial"
    for q in quotes:  # no quote starts or ends at an apostrophe inside a word (Iran’s, don’t)
        for v in q.variants:
            text = story.article(v.article).text
            start, end = v.span
            assert text[start - 1] in "\"“”‘’'«»" and not text[start - 2 : start - 1].isalnum()
            after = text[end : end + 2].lstrip(",;:")
            assert after[:1] in "\"“”‘’'«»" and not after[1:2].isalnum()


def test_sample_quotes_from_the_three_scrapes(models: Models, sample_story: Story) -> None:
    quotes = find_quotes(sample_story, models, QuotesConfig())
    check_sample_quotes(sample_story, quotes)
    where = {v.said_where for v in vladimir_quote(quotes).variants}
    assert where == {
        "at the Nato Summit in The Hague",
        "while heading to a NATO summit",
        "aboard Air Force One while en route to a crucial NATO summit in the Netherlands",
    }


def test_sample_report_has_trumps_quote_once_with_three_variants(sample_report: Report) -> None:
    story = max(sample_report.stories, key=lambda s: len(s.articles))
    check_sample_quotes(story, story.quotes)


def test_description_without_a_known_role_gives_no_speaker_instead_of_failing(
    models: Models,
) -> None:
    _, quotes = quotes_of(
        models,
        "Flood waters rose across the valley on Sunday as residents fled their homes.\n\n"
        "“The water came up to the second floor in minutes,” a witness told local radio.",
    )
    full = [q for q in quotes if q.text.startswith("The water came")]
    assert full and full[0].speaker is None


# --- issue 6: speakers read from the parse, titles, organisations, dates, flags ---------------


def speakers_by_text(models: Models, text: str) -> dict[str, str | None]:
    story = story_of(text)
    return {m.text: m.speaker for m in quote_mentions(story, models, QuotesConfig())}


def test_quote_inside_a_claim_is_not_credited_to_whom_the_claim_says_gave_an_order(
    models: Models,
) -> None:
    # Ars Technica, the GPS-tracking lawsuit (cross-outlet dev)
    text = (
        "Her boss, Intermex's regional vice president of sales John Stubits, agreed to let "
        "Myrna Arias work for both NetSpend and Intermex.\n\n"
        "Arias says she did well at her job, meeting all her quotas.\n\n"
        "But everything changed in April 2014, when she claims Stubits told her and several "
        "other employees to download an app from Xora onto their smartphones that "
        '"contained a global positioning system function which tracked the exact location '
        'of the person possessing the smartphones on which it was installed."'
    )
    assert set(speakers_by_text(models, text).values()) <= {"Myrna Arias", None}


def test_pronoun_after_an_unnamed_person_in_its_sentence_is_not_the_named_one(
    models: Models,
) -> None:
    # AP review of "The Lovely Bones" (cross-outlet dev)
    text = (
        "And Jackson is successful re-creating parts of this story told by a 14-year-old girl "
        "who is savagely murdered in 1973 and then watches for years from a kind of in-between "
        'state that she calls "the blue horizon between heaven and earth" as her friends, her '
        "family and her killer go on about their lives."
    )
    assert set(speakers_by_text(models, text).values()) == {None}


def test_quote_signed_with_a_dash_and_a_name_is_that_persons(models: Models) -> None:
    # HuffPost, readers' comments on the first 2016 debate (PolNeAR dev)
    text = (
        "Latinos shared their most honest thoughts on Donald Trump.\n\n"
        "“I just hope that this campaign gives the Hispanic community the anger to go out and "
        "register to vote.” ―\u00a0Jorge Falcon\n"
        "“Maybe, we can build a wall around Donald Trump.” ―\u00a0Steve Quinlan."
    )
    assert speakers_by_text(models, text) == {
        "I just hope that this campaign gives the Hispanic community the anger to go out and "
        "register to vote.": "Jorge Falcon",
        "Maybe, we can build a wall around Donald Trump.": "Steve Quinlan",
    }


def test_dash_before_the_rest_of_a_sentence_is_no_signature(models: Models) -> None:
    text = (
        "Dana Ruiz ran for mayor last spring.\n\n"
        "“We will rebuild the pier” — Dana Ruiz's campaign slogan — is painted on every bus."
    )
    assert set(speakers_by_text(models, text).values()) == {None}


def test_question_demanded_by_a_named_senator_is_his(models: Models) -> None:
    # HuffPost on the Wells Fargo hearing (PolNeAR dev)
    text = (
        "Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) invoked the prospect of breaking "
        "up the bank.\n\n"
        "“Why isn’t this crystal clear proof that an entity as big as Wells is too big to "
        "fail?” Vitter demanded."
    )
    assert set(speakers_by_text(models, text).values()) == {"David Vitter"}


def test_sentence_opening_with_according_to_names_the_speaker(models: Models) -> None:
    # Western Journal on the first 2016 debate (PolNeAR dev)
    text = (
        "Conservative talk radio host Rush Limbaugh weighed in on Monday.\n\n"
        "According to Limbaugh, “If it was left up to Hillary, she wouldn’t have time to say "
        "anything positive.”"
    )
    assert set(speakers_by_text(models, text).values()) == {"Rush Limbaugh"}


def test_song_titles_in_a_sentence_opened_by_according_to_are_titles(models: Models) -> None:
    # hand gold (zyte-dev), a tour announcement
    text = (
        "According to LN, expect to hear a wide range of the veteran band’s hits on the 2020 "
        "outing, including “Listen To The Music,” “Black Water,” “China Grove” and others."
    )
    assert speakers_by_text(models, text) == {}


def test_news_agency_reporting_a_post_is_not_its_author(models: Models) -> None:
    # hand gold (zyte-dev), bird flu in Beijing
    text = (
        "According to AFP, one user on Weibo, which is essentially China’s version of Twitter, "
        "posted: “I just want to know how these two came to Beijing?? By train, airplane, or "
        "did they drive themselves?”"
    )
    assert set(speakers_by_text(models, text).values()) == {None}


def test_name_with_an_apposition_before_the_cue_verb_is_the_speaker(models: Models) -> None:
    # Politico (PolNeAR dev)
    text = (
        "Retired Lt. Gen. Michael Flynn backed Donald Trump on Thursday.\n\n"
        "“He's absolutely right. There's a severe disconnect between this White House and our "
        "military,” Flynn, a top Trump surrogate, said Thursday morning."
    )
    found = speakers_by_text(models, text)
    assert found == {
        "He's absolutely right. There's a severe disconnect between this White House and our "
        "military": "Michael Flynn"
    }


def test_transcript_label_inside_the_quote_names_a_person_the_article_names(
    models: Models,
) -> None:
    # Breitbart, Fox News Sunday transcript (PolNeAR dev)
    text = (
        "Gov. Mike Pence spoke to Fox News Sunday about the debate.\n\n"
        '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of Shark '
        'Tank. But this is America, Chris."\n\n'
        '"WALLACE: But, Governor Pence, I’ve got to ask you about his temperament."'
    )
    found = speakers_by_text(models, text)
    assert found == {
        "PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of Shark "
        "Tank. But this is America, Chris.": "Mike Pence",
        # the article never names Wallace: his turn is nobody's, and not Pence's
        "WALLACE: But, Governor Pence, I’ve got to ask you about his temperament.": None,
    }


def test_the_organisation_named_once_before_speaks_as_the_common_noun(models: Models) -> None:
    # Washington Post, Hurricane Irene (cross-outlet dev)
    text = (
        "The National Hurricane Center said Irene had weakened slightly.\n\n"
        "The hurricane center warned of tidal surges 5 to 10 feet high in North Carolina, "
        'accompanied by "destructive and life-threatening waves."'
    )
    assert set(speakers_by_text(models, text).values()) == {"National Hurricane Center"}


def test_common_noun_fitting_two_named_organisations_names_neither(models: Models) -> None:
    text = (
        "The Nevada Parole Board and the Nevada Pardons Board met on Monday.\n\n"
        'The board said it wanted to "return to normal as soon as possible after the hearing."'
    )
    assert set(speakers_by_text(models, text).values()) == {None}


def test_quotes_sharing_only_little_words_are_not_the_same_quote() -> None:
    # two speakers in the Hurricane Irene coverage (cross-outlet dev)
    assert not same_words(
        "People really need to take this seriously.",
        "We are asking people all over eastern North Carolina to take this storm very seriously,",
    )
    assert same_words(
        "People really need to take this seriously.", "People need to take this seriously"
    )


def test_person_told_is_the_listener_not_the_speaker(models: Models) -> None:
    text = (
        "Casino magnate Sheldon Adelson met Donald Trump in Las Vegas.\n\n"
        "Hours later, Trump returned the compliment to Adelson, telling Reuters, “Sheldon and "
        "I have been friends for a long time.”"
    )
    found = speakers_by_text(models, text)
    assert found == {"Sheldon and I have been friends for a long time.": "Donald Trump"}


def test_sentence_ending_in_a_colon_hands_the_quote_to_its_subject(models: Models) -> None:
    text = (
        "Senator Ted Cruz waited for his turn.\n\n"
        "When the moderators pressed him, Cruz called them on it: “The questions asked in this "
        "debate illustrate why the American people don’t trust the media.”"
    )
    assert set(speakers_by_text(models, text).values()) == {"Ted Cruz"}


def test_quoted_paragraph_after_an_attributed_one_keeps_the_speaker(models: Models) -> None:
    text = (
        "Basketball analyst Charles Barkley criticised the network on Monday.\n\n"
        "“They’ve been kissing butts and chasing ratings,” Barkley said.\n\n"
        "“And it’s become sad that our company has sold its soul for ratings.”"
    )
    assert set(speakers_by_text(models, text).values()) == {"Charles Barkley"}


def test_titles_of_works_in_quote_marks_are_not_quotations(models: Models) -> None:
    text = (
        "The actor, best known for “Dawson’s Creek,” left “Dancing with the Stars” this week.\n\n"
        "“It was the hardest decision of my life,” Van Der Beek said."
    )
    found = speakers_by_text(models, text)
    assert list(found) == ["It was the hardest decision of my life"]


def test_an_organisation_named_by_description_is_the_speaker(models: Models) -> None:
    text = (
        "Several countries criticised the decision on Tuesday.\n\n"
        'The French foreign ministry said it "regrets any decision likely to encourage '
        'settlement building".'
    )
    found = speakers_by_text(models, text)
    assert found == {
        "regrets any decision likely to encourage settlement building": "French foreign ministry"
    }


def test_organisation_tagged_as_proper_name_speaks_for_itself(models: Models) -> None:
    text = "As Politico reported, “Trump would win, and handily, if the vote were held tonight.”"
    assert set(speakers_by_text(models, text).values()) == {"Politico"}


def test_unnamed_spokesperson_speaks_for_the_organisation(models: Models) -> None:
    text = (
        "“We are reviewing the decision carefully,” said a spokesperson for the British "
        "Foreign Office."
    )
    assert set(speakers_by_text(models, text).values()) == {"British Foreign Office"}


def test_spokesman_of_a_named_person_speaks_for_that_person(models: Models) -> None:
    text = (
        "Chancellor Angela Merkel met the delegation on Monday.\n\n"
        "“There will be no further talks this week,” Ms. Merkel's spokesman said."
    )
    assert set(speakers_by_text(models, text).values()) == {"Angela Merkel"}


def test_named_spokesperson_stays_the_speaker(models: Models) -> None:
    text = "“No one will mistake this movie for a documentary,” CIA spokesman Ryan Trapani said."
    assert set(speakers_by_text(models, text).values()) == {"Ryan Trapani"}


def test_they_resolves_to_the_group_that_was_the_subject(models: Models) -> None:
    text = (
        "Donald Trump spoke at a rally in Ohio on Friday.\n\n"
        "The Democrats responded within the hour. “This is a reckless plan and we will fight "
        "it,” they said in a statement."
    )
    assert set(speakers_by_text(models, text).values()) == {"Democrats"}


def test_they_without_a_group_stays_none_and_the_cue_still_frames_the_quote(
    models: Models,
) -> None:
    text = (
        "Residents of the town gathered outside the council building on Friday.\n\n"
        "“We will not leave our homes, whatever the council decides,” they said."
    )
    (m,) = quote_mentions(story_of(text), models, QuotesConfig())
    assert (m.speaker, m.kind) == (None, "full")


def test_cue_verb_glued_to_a_name_is_not_part_of_it(models: Models) -> None:
    text = (
        "Roger Stone was at the rally on Saturday.\n\n"
        "Stated Stone: “I have never met the man in my life.”"
    )
    assert set(speakers_by_text(models, text).values()) == {"Roger Stone"}


def test_quote_after_an_attribution_sentence_goes_on_with_the_same_speaker(
    models: Models,
) -> None:
    text = (
        "“We had to act,” Rachel Reeves said at the Treasury on Wednesday. “The alternative "
        "was far worse for families.”\n\n"
        "Analysts said the plan was “bold” but “risky”, Reeves's critics said. “Nobody "
        "believes the numbers.”"
    )
    mentions = quote_mentions(story_of(text), models, QuotesConfig())
    by_text = {m.text: m for m in mentions}
    first, second = by_text["We had to act"], by_text["The alternative was far worse for families."]
    assert first.group == second.group and second.speaker == "Rachel Reeves"
    assert by_text["Nobody believes the numbers."].group != by_text["risky"].group


def test_quote_after_a_sentence_of_reported_speech_keeps_its_speaker(models: Models) -> None:
    text = (
        "Dr. Owen Dempsey treated the patient at the clinic.\n\n"
        "Many allergens can trigger the disease, such as dust from hay, he added. "
        "“You name it, it probably has been described.”"
    )
    assert speakers_by_text(models, text) == {
        "You name it, it probably has been described.": "Owen Dempsey"
    }


def test_terms_and_labels_in_quote_marks_are_not_quotations(models: Models) -> None:
    text = (
        "Doctors have identified a condition called “feather duvet lung” in patients.\n\n"
        "The campaign ran on the “law and order” issue for months.\n\n"
        "The bank’s so-called “bad bank” will hold the loans until they are sold."
    )
    assert speakers_by_text(models, text) == {}


def test_scare_quotes_and_attributed_fragments_stay_quotations(models: Models) -> None:
    text = (
        "Critics mocked the minister as a “wise man” who never listens.\n\n"
        "Voters were tired of the “establishment” and wanted change.\n\n"
        "The leaders signed a “historic” deal on Friday.\n\n"
        "Mayor Anne Hidalgo called the project “a complete waste of money” on Monday."
    )
    found = speakers_by_text(models, text)
    assert set(found) == {"wise man", "establishment", "historic", "a complete waste of money"}
    assert found["a complete waste of money"] == "Anne Hidalgo"


def test_markup_attributes_and_bare_numbers_are_not_quotes() -> None:
    text = '<tweet id="672138506081275904" datetime="2015-12-02">Scanner: he was “nervous”</tweet>'
    assert quoted(text) == ["nervous"]


def test_reported_speech_with_no_named_speaker_stays_none(models: Models) -> None:
    text = "“Nobody told us anything until the water was at the door,” one resident said."
    assert set(speakers_by_text(models, text).values()) == {None}


def test_quote_running_over_paragraphs_keeps_speaker_and_links_its_parts(models: Models) -> None:
    text = (
        "Fire chief Maria Gomez spoke after the blaze was put out.\n\n"
        "“The first thing we did was call the families. We owed them that.\n\n"
        "“Then we went back to work,” Gomez said."
    )
    story, quotes = quotes_of(models, text)
    (quote,) = quotes
    assert quote.speaker == "Maria Gomez"
    assert len(quote.variants[0].parts) == 2
    assert quote.text.endswith("We owed them that. … Then we went back to work")
    assert_spans_exact(story, quotes)


def test_single_quotes_as_outer_marks_get_a_speaker(models: Models) -> None:
    text = "‘We will not back down,’ Defence Minister Richard Marles said after the vote."
    assert speakers_by_text(models, text) == {"We will not back down": "Richard Marles"}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", date(2025, 6, 24)),
        ("yesterday", date(2025, 6, 24)),
        ("on June 24", date(2025, 6, 24)),
        ("last week", None),
    ],
)
def test_relative_dates_resolve_against_publication(expression: str, expected: date | None) -> None:
    text = f"Biden spoke {expression}."
    span = (text.index(expression), len(text) - 1)
    a = article(text).model_copy(update={"published": datetime(2025, 6, 25, 9, tzinfo=UTC)})
    assert said_on(a, span) == expected
    assert said_on(a.model_copy(update={"published": None}), span) in (None, expected)


def test_said_on_is_the_resolved_date_of_the_setting(models: Models) -> None:
    raw = (
        "Speaking to reporters on Tuesday, President Biden said, “We are not going to walk away "
        "from Ukraine.”"
    )
    a = article(raw).model_copy(update={"published": datetime(2025, 6, 25, tzinfo=UTC)})
    story = Story(id="s", title="t", articles=[a])
    (quote,) = find_quotes(story, models, QuotesConfig())
    assert quote.variants[0].said_when == "on Tuesday"
    assert quote.variants[0].said_on == date(2025, 6, 24)


def test_quote_in_one_outlet_is_flagged_single_source(models: Models) -> None:
    lone = "Separately, Senator Maria Lopez said, “This bill will not pass the Senate this year.”"
    _, quotes = quotes_of(models, lone, OUTLET_A, OUTLET_B)
    flags = {q.speaker: q.single_source for q in quotes}
    assert flags == {"Maria Lopez": True, "Joe Biden": False}


def test_sample_quotes_all_have_a_speaker_and_differences_are_surfaced(
    sample_report: Report,
) -> None:
    story = max(sample_report.stories, key=lambda s: len(s.articles))
    assert story.quotes and all(q.speaker for q in story.quotes)
    quote = vladimir_quote(story.quotes)
    assert not quote.single_source
    shortened = [v for v in quote.variants if any(op != "=" for op, _ in v.diff)]
    assert shortened
    assert all(q.single_source for q in story.quotes if len(q.variants) == 1)
    context = [c for c in story.conflicts if c.kind == "quote_context"]
    assert any(quote.text.startswith(c.about.rstrip("…").strip()[:30]) for c in context)


# --- the benchmark ---------------------------------------------------------------------------


def test_evaluation_scores_spans_and_speakers_on_a_small_gold(
    tmp_path: Path, models: Models
) -> None:
    pytest.importorskip("textacy")
    text = (
        "Prime Minister Anthony Albanese spoke in Canberra on Monday.\n\n"
        "“We are close to a final agreement with our partners,” Albanese told parliament.\n\n"
        "He said the talks had been “productive.”"
    )
    gold = [
        ("We are close to a final agreement with our partners,", "full"),
        ("productive.", "partial"),
    ]
    quotes = []
    for n, (words, kind) in enumerate(gold):
        start = text.index(words)
        quotes.append(
            {"start": start, "end": start + len(words), "text": words, "kind": kind,
             "utterance": n, "speaker": "Anthony Albanese"}
        )  # fmt: skip
    data = {"origin": "test", "articles": [{"id": "a1", "text": text, "quotes": quotes}]}
    (tmp_path / "quotes-test.json").write_text(json.dumps(data), encoding="utf-8")
    result = evaluate_quotes(tmp_path, models=models)
    figures = result["sets"]["quotes-test"]
    ours = figures["storylens"]
    assert ours["gold"] == 2
    assert ours["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert ours["speaker_accuracy"] == 1.0
    assert ours["recall_by_kind"] == {"full": 1.0, "partial": 1.0}
    assert figures["textacy"]["gold"] == 2  # the baseline ran on the same text


def test_polnear_direct_quotes_are_the_quoted_stretches_of_content_spans(tmp_path: Path) -> None:
    text = (
        'Title\n\nThe senator said the plan was “dead on arrival.” "We will fight it," he added.\n'
    )
    c1 = text.index("the plan")
    c1_end = text.index("arrival.”") + len("arrival.”")
    c2 = text.index('"We')
    c2_end = text.index('it,"') + len('it,"')
    src = text.index("The senator")
    pron = text.index("he added")
    ann = (
        f"T1\tSource {src} {src + 11}\tThe senator\n"
        f"T2\tContent {c1} {c1_end}\t{text[c1:c1_end]}\n"
        f"E1\tAttribution:T3 Content:T2 Source:T1\n"
        f"T4\tSource {pron} {pron + 2}\the\n"
        f"T5\tContent {c2} {c2_end}\t{text[c2:c2_end]}\n"
        f"E2\tAttribution:T6 Content:T5 Source:T4\n"
    )
    base = tmp_path / "polnear" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "x.txt").write_text(text, encoding="utf-8")
    (base / "attributions" / "x_ab12.ann").write_text(ann, encoding="utf-8")
    (article_gold,) = load_polnear(base)
    found = [(text[q.span[0] : q.span[1]], q.kind, q.pronoun) for q in article_gold.quotes]
    assert found == [("dead on arrival", "partial", True), ("We will fight it", "full", True)]


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Donald Trump", "US President Donald Trump", True),
        ("Trump", "Mr. Trump", True),
        ("Donald Trump", "Joe Biden", False),
        (None, None, True),
        ("Donald Trump", None, False),
        (None, "Donald Trump", False),
    ],
)
def test_speaker_match_rule(predicted: str | None, gold: str | None, same: bool) -> None:
    assert same_speaker(predicted, gold) is same


def test_evaluation_reports_a_malformed_gold_file_instead_of_crashing(tmp_path: Path) -> None:
    (tmp_path / "quotes-bad.json").write_text('{"articles": 3}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a quotes gold file"):
        evaluate_quotes(tmp_path, baseline=False)
    with pytest.raises(EvaluationError, match="no quote sets"):
        evaluate_quotes(tmp_path / "nothing-here", baseline=False)
