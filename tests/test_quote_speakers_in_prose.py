"""Speakers the text gives plainly but in shapes the parser or the patterns used to miss:
names with a title word for a surname, appositions and parentheses between a name and its
verb, groups and organisations described rather than named (issue #13, round 3b).

Sentences are taken from the PolNeAR dev articles and the cross-outlet dev coverage.
"""

from __future__ import annotations

import json
from pathlib import Path

from storylens.clean.text import assemble, line_spans
from storylens.config import QuotesConfig
from storylens.evaluation.quotes import evaluate
from storylens.nlp import Models
from storylens.quotes import quote_mentions
from storylens.records import RawDocument, Story


def speakers(models: Models, text: str) -> dict[str, str | None]:
    article = assemble(RawDocument(source="a.txt", raw=text), line_spans(text))
    story = Story(id="s", title="t", articles=[article])
    return {m.text: m.speaker for m in quote_mentions(story, models, QuotesConfig())}


def test_a_speaker_named_after_the_quote_is_found_when_the_parse_reads_the_verb_into_it(
    models: Models,
) -> None:
    text = (
        "The U.S. Department of Justice is investigating the shooting.\n\n"
        "“I will just make this promise to you: We will achieve justice in this case,” Tulsa "
        "police Chief Chuck Jordan said Monday. “I want to assure our community: We will "
        "achieve justice ― period.”"
    )
    found = speakers(models, text)
    assert set(found.values()) == {"Chuck Jordan"}


def test_a_subject_inside_the_quote_is_not_taken_for_the_speaker(models: Models) -> None:
    text = (
        '"He would be a great senator. Not good, great. One of the brightest members of the '
        'entire Congress," Rep. Elijah E. Cummings (D-Md.) said in a phone interview.'
    )
    assert list(speakers(models, text).values()) == ["Elijah E. Cummings"]


def test_a_surname_that_is_also_a_title_word_is_a_name_after_mr(models: Models) -> None:
    text = (
        "Charlie King, a civil rights leader, is organising the day.\n\n"
        "\"It's all about creating some enthusiasm around this race, if not necessarily around "
        'a candidate," Mr. King added.'
    )
    assert list(speakers(models, text).values()) == ["Charlie King"]


def test_an_outlet_the_tagger_reads_as_a_title_speaks_when_a_speech_verb_frames_it(
    models: Models,
) -> None:
    text = (
        "“On this basis,” Zero Hedge said, “true white youth unemployment is in the mid-30s "
        "while black youth unemployment is in the low-50s.”"
    )
    assert set(speakers(models, text).values()) == {"Zero Hedge"}


def test_a_group_described_as_the_subject_of_a_speech_verb_is_the_speaker(
    models: Models,
) -> None:
    text = (
        "Officials at Homeland Security Investigations, a division of Immigration and Customs "
        'Enforcement, said they were concerned that those who prepare overseas documents "may '
        'try to use increasingly sophisticated methods to circumvent" the program.\n\n'
        "The Guard and state troopers will remain in Charlotte through Sunday. Police say they "
        'have "adequate resources" to secure the city during the event.'
    )
    assert speakers(models, text) == {
        "may try to use increasingly sophisticated methods to circumvent": (
            "Officials at Homeland Security Investigations"
        ),
        "adequate resources": "Police",
    }


def test_counted_or_possessed_people_are_no_group_speaker(models: Models) -> None:
    text = 'Two people said it was "a disaster". "No comment," his aides said.'
    assert set(speakers(models, text).values()) == {None}


def test_an_organisations_people_are_a_group_speaker(models: Models) -> None:
    text = (
        'Sheriff’s officials said they followed "all leads" and the proper "procedure" to find '
        "Bekah."
    )
    assert set(speakers(models, text).values()) == {"Sheriff’s officials"}


def test_bare_officials_after_a_named_office_spoke_are_only_possibly_that_office(
    models: Models,
) -> None:
    text = (
        "Humboldt County Sheriff’s Office said in a statement that Bekah's mother called "
        "deputies on Nov. 18.\n\n"
        "The mother told them she had last spoken to her daughter on Nov. 12.\n\n"
        '"Martinez told her mother that she was going to work on a marijuana farm and would '
        'see her in seven to eight days," officials said in a statement.'
    )
    article = assemble(RawDocument(source="a.txt", raw=text), line_spans(text))
    story = Story(id="s", title="t", articles=[article])
    (mention,) = quote_mentions(story, models, QuotesConfig())
    assert mention.speaker is None
    assert mention.basis == "group" and 0 < mention.confidence < QuotesConfig().min_confidence


def test_words_between_a_name_and_its_verb_do_not_hide_the_speaker(models: Models) -> None:
    text = (
        "Dr. Sidney Winawer of Memorial Sloan Kettering Cancer Center in New York agreed.\n\n"
        "“Without a family history, physicians need to use their judgment,” Winawer, who "
        "wasn’t involved in the study, added by email.\n\n"
        "Dr. Jean-Baptiste Le Pichon, a neurologist, studied it.\n\n"
        "On Friday, Le Pichon, in Kansas City, said, “I just got confirmation that we have an "
        "epidemic of enterovirus breaking out here.”"
    )
    assert list(speakers(models, text).values()) == ["Sidney Winawer", "Jean-Baptiste Le Pichon"]


def test_a_relative_named_in_apposition_is_the_speaker(models: Models) -> None:
    text = (
        "His daughter, Yelena, told Izvestia: \"Of course you can't say he went to services or "
        'lived strictly according to the commandments."'
    )
    assert list(speakers(models, text).values()) == ["Yelena"]


def test_an_unnamed_spokesman_speaks_for_the_name_before_the_word(models: Models) -> None:
    text = (
        '"BP executives performed strongly in a difficult environment in 2015," a BP spokesman '
        'said, adding that "safety and operational risk performance was excellent."'
    )
    assert set(speakers(models, text).values()) == {"BP"}


def test_likening_something_to_quoted_words_quotes_the_one_who_likened(models: Models) -> None:
    text = (
        "The move enraged critics, including Senator Mitch McConnell of Kentucky.\n\n"
        'Another critic, Laurence H. Tribe, likened the rules to "burning the Constitution" - '
        "a charge that might have stung."
    )
    assert speakers(models, text) == {"burning the Constitution": "Laurence H. Tribe"}


def test_quote_eval_explain_lists_each_quote_found_without_its_speaker(
    models: Models, tmp_path: Path
) -> None:
    text = (
        "Vikki Joseph has been searching for her brother since 2014.\n\n"
        '"It can be very dangerous. When you mix growing big amounts of weed and lots of money, '
        'it is a recipe for disaster."'
    )
    start = text.index("It can")
    quote = {"start": start, "end": len(text) - 1, "kind": "full", "speaker": "Vikki Joseph"}
    gold = {"articles": [{"id": "a1", "text": text, "quotes": [quote]}]}
    (tmp_path / "quotes-mini.json").write_text(json.dumps(gold), encoding="utf-8")
    figures = evaluate(tmp_path, baseline=False, models=models, explain=True)
    storylens = figures["sets"]["quotes-mini"]["storylens"]
    assert storylens["speaker_scored"] == 1 and storylens["speaker_accuracy"] == 0.0
    (line,) = storylens["explain"]
    assert line.startswith("a1 speaker missing: gold 'Vikki Joseph', abstained")
    assert "It can be very dangerous" in line


def test_a_shortened_name_of_a_quoted_organisation_is_that_organisation(models: Models) -> None:
    text = (
        "The South African parks service said they are now considering various options, "
        'including killing the lion if it causes "massive" damage.\n\n'
        '"Specifically, the loss of human life poses an even greater danger as the animal may '
        'lose fear for humans," the parks service said in a statement.'
    )
    assert set(speakers(models, text).values()) == {"South African parks service"}
