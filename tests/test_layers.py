"""The package's layers: data flows extract → rdf → explore, and no lower layer imports an upper one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).parent.parent / "kg"

# Each layer and the kg modules it must never import (directly, or inside a function).
FORBIDDEN = {
    "extract": ("kg.rdf", "kg.explore", "kg.cli", "kg.build", "kg.corpus", "kg.watch"),
    "rdf": ("kg.explore", "kg.cli", "kg.build", "kg.corpus", "kg.watch"),
    "explore": ("kg.cli", "kg.build", "kg.watch"),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    modules = sorted((KG / layer).rglob("*.py"))
    assert modules, f"kg/{layer} has no modules"
    wrong = [f"{path.relative_to(KG)} imports {name}" for path in modules for name in sorted(imported_modules(path))
             if name.startswith(FORBIDDEN[layer]) and name.split(".")[:2] != ["kg", layer]]
    assert not wrong, wrong


def test_rdf_takes_from_extract_only_the_data_model():
    """kg/rdf reads Docs; it does not reach into the extraction rules."""
    uses = {name.rsplit(".", 1)[0] if name.count(".") > 2 else name
            for path in (KG / "rdf").rglob("*.py") for name in imported_modules(path) if name.startswith("kg.extract")}
    assert uses <= {"kg.extract.doc"}, uses


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from kg.rdf.query import run\n    return run\n", encoding="utf-8")
    assert "kg.rdf.query" in imported_modules(module)


def test_no_module_is_longer_than_400_lines():
    long = {str(p.relative_to(KG)): n for p in KG.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
