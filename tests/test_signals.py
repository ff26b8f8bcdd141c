"""Per-source signals: transparent figures with the evidence they were computed from."""

from __future__ import annotations

from storylens import Report
from storylens.claims import align_claims
from storylens.config import ClaimsConfig
from storylens.nlp import Models
from storylens.records import Story
from storylens.signals import compute_signals
from test_claims import KYIV, WIRE, make_article, make_story

SIGNALS = {
    "corroborated_share",
    "unique_claims",
    "hedging_rate",
    "attribution_rate",
    "quote_fidelity",
    "headline_supported",
    "boilerplate_share",
    "unverifiable_attributions",
}

REPORT = """Flood defences fail in river town

Water broke through the flood barrier in Kelso early on Saturday, the Environment Agency said.

Around 300 homes were evacuated overnight, according to the county council.

The breach may have been caused by years of underinvestment in the barrier.

Residents described the scene as a disaster that the town will never forget.

Source: Local Gazette
Source: https://www.example.gov/flood-report
"""


def analysed(models: Models, *articles_raw: tuple[str, str, str]) -> Story:
    story = make_story(*(make_article(raw, src, outlet) for raw, src, outlet in articles_raw))
    story = story.model_copy(
        update={"claims": align_claims(story, models, ClaimsConfig(threshold=0.5))}
    )
    return story.model_copy(update={"sources": compute_signals(story, models)})


def test_every_article_gets_every_signal_with_evidence(models: Models) -> None:
    story = analysed(models, (KYIV, "k.txt", "Kyiv Daily"), (WIRE, "w.txt", "Wire"))
    assert [s.article for s in story.sources] == [a.id for a in story.articles]
    for source in story.sources:
        assert set(source.signals) == SIGNALS
        for name, signal in source.signals.items():
            assert signal.value is None or isinstance(signal.value, int | float), name


def test_rates_count_hedged_and_attributed_statements(models: Models) -> None:
    story = analysed(models, (REPORT, "r.txt", "Gazette"))
    signals = story.sources[0].signals
    # two facts both attributed; one speculation ("may") and one opinion ("disaster" is not a
    # cue word, so that sentence stays a fact without a source)
    assert signals["hedging_rate"].value == 0.25
    assert any("may have been caused" in e for e in signals["hedging_rate"].evidence)
    assert signals["attribution_rate"].value == round(2 / 3, 3)
    assert any("Environment Agency said" in e for e in signals["attribution_rate"].evidence)


def test_bare_source_line_is_unverifiable_but_a_link_is_not(models: Models) -> None:
    story = analysed(models, (REPORT, "r.txt", "Gazette"))
    signal = story.sources[0].signals["unverifiable_attributions"]
    assert signal.value == 1
    assert signal.evidence == ["Source: Local Gazette"]


def test_corroborated_share_and_unique_claims_follow_the_alignment(models: Models) -> None:
    story = analysed(models, (KYIV, "k.txt", "Kyiv Daily"), (WIRE, "w.txt", "Wire"))
    kyiv = story.sources[0].signals
    assert 0 < kyiv["corroborated_share"].value < 1  # type: ignore[operator]
    unique = kyiv["unique_claims"]
    assert unique.value == len(unique.evidence) >= 1
    assert any("18th package of sanctions" in e for e in unique.evidence)
    assert not any("offered to help resolve" in e for e in unique.evidence)


def test_headline_supported_reports_words_missing_from_body(models: Models) -> None:
    body = make_article(WIRE, "w.txt", "Wire")
    supported = body.model_copy(update={"title": "Zelensky says Putin offered help on Iran"})
    unsupported = body.model_copy(update={"title": "Zelensky warns of nuclear blackmail"})
    story = make_story(supported, unsupported.model_copy(update={"id": "other"}))
    signals = compute_signals(story, models)
    good, bad = signals[0].signals["headline_supported"], signals[1].signals["headline_supported"]
    assert good.value == 1.0
    assert isinstance(bad.value, float) and bad.value < 0.5
    assert any("blackmail" in e for e in bad.evidence)


def test_headline_is_not_counted_as_its_own_support(models: Models) -> None:
    article = make_article("Mayor resigns over bridge scandal\n\n" + KYIV, "k.txt", "K")
    article = article.model_copy(update={"title": "Mayor resigns over bridge scandal"})
    signal = compute_signals(make_story(article), models)[0].signals["headline_supported"]
    assert signal.value == 0.0


def test_samples_content_farm_hedges_most_and_attributes_least(sample_report: Report) -> None:
    story = sample_report.stories[0]
    by_id = {s.article: s.signals for s in story.sources}
    farm = max(story.articles, key=lambda a: a.words).id
    others = [a.id for a in story.articles if a.id != farm]
    for other in others:
        assert by_id[farm]["hedging_rate"].value > by_id[other]["hedging_rate"].value  # type: ignore[operator]
        assert by_id[farm]["attribution_rate"].value < by_id[other]["attribution_rate"].value  # type: ignore[operator]
    assert "Source: The White House" in by_id[farm]["unverifiable_attributions"].evidence
    shares = {a: by_id[a]["corroborated_share"].value for a in by_id}
    assert min(shares, key=lambda a: shares[a] or 0.0) == farm
    assert all(by_id[o]["unverifiable_attributions"].value == 0 for o in others)
    for signals in by_id.values():
        share = signals["boilerplate_share"].value
        assert share is not None and 0 <= share < 1  # type: ignore[operator]
