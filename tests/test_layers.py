"""The layers of pyproject.toml's import-linter contract hold for the top-level modules too.

`lint-imports` (run by ./dev test) analyses packages only: the imports that app.py, cli.py,
settings.py and addresses.py make are checked here, against the same layers."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

import grimp

ROOT = Path(__file__).resolve().parents[1]
CONFIG: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
(CONTRACT,) = (c for c in CONFIG["importlinter"]["contracts"] if c["type"] == "layers")
# Top to bottom; an optional layer, `(name)`, is one no package imports.
LAYERS = [{name.strip().strip("()") for name in layer.split("|")} for layer in CONTRACT["layers"]]
# The Python modules and packages the wheel ships (not migrations/: aerich's files, no package).
SHIPPED = {
    Path(name).stem
    for name in CONFIG["hatch"]["build"]["targets"]["wheel"]["only-include"]
    if name.endswith(".py") or (ROOT / name / "__init__.py").is_file()
}


def _level(name: str) -> int:
    return next(level for level, layer in enumerate(LAYERS) if name in layer)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports absolutely, wherever the import stands (in a function, under
    TYPE_CHECKING), as import-linter counts them."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_every_shipped_module_is_in_a_layer_and_every_package_analysed() -> None:
    assert set().union(*LAYERS) == SHIPPED
    packages = {name for name in SHIPPED if (ROOT / name / "__init__.py").is_file()}
    assert set(CONFIG["importlinter"]["root_packages"]) == packages


def test_top_level_modules_import_only_from_layers_below_their_own() -> None:
    upward = []
    for module in sorted(SHIPPED):
        path = ROOT / f"{module}.py"
        if not path.is_file():
            continue
        for name in sorted(_imports(path)):
            top = name.partition(".")[0]
            if top in SHIPPED and _level(top) <= _level(module):
                upward.append(f"{module} -> {name}")
    assert upward == []


def test_no_import_cycle_but_among_graph_types() -> None:
    # Strawberry's types refer to one another (an invoice's client, a client's invoices), so
    # graph/ keeps cycles among its type modules; anywhere else a cycle is a design error.
    # TYPE_CHECKING imports (the ORM's reverse relations) run at no time, so they do not count.
    graph = grimp.build_graph(
        *CONFIG["importlinter"]["root_packages"], exclude_type_checking_imports=True
    )
    cycles = {
        tuple(sorted((module, imported)))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    }
    assert [pair for pair in sorted(cycles) if not all(m.startswith("graph.") for m in pair)] == []
    assert cycles, "graph/'s types refer to each other: this finds cycles"
