"""kg explain's card stays short however often an entity is mentioned; --all prints the rest."""

from __future__ import annotations

from pathlib import Path

from kg.explore.explain import RELATION_LINES, explain


def test_card_is_bounded_and_all_gives_the_rest(sample_graph: Path) -> None:
    card = explain(sample_graph, "西湖区").splitlines()
    full = explain(sample_graph, "西湖区", all_evidence=True).splitlines()
    assert card[0].startswith("西湖区 (Region)") and full[0] == card[0]
    assert any("more (--all)" in line for line in card) and not any("(--all)" in line for line in full)
    assert len(full) > len(card)
    issued = [line for line in card if line.startswith("  ← issuedBy ") and "…" not in line]
    assert len(issued) == RELATION_LINES


def test_relation_with_evidence_and_counts(sample_graph: Path) -> None:
    card = explain(sample_graph, "云栖小镇")
    assert "→ locatedIn 西湖区  (3 sentences in 3 documents)" in card
    assert "“云栖小镇做深太空智算" in card
