"""The code's shape: macros/ flows one way, data → render → postbuild, with no import cycle,
and nothing edits sys.path (the project is installed in editable mode instead)."""

from __future__ import annotations

import ast

from .project import ROOT

MACROS = ROOT / "macros"
# A stage may import its own stage and earlier ones; the entry points (the macros plugin's
# define_env in __init__.py, the MkDocs hook) sit on top and may import any stage.
STAGES = {"data": 0, "render": 1, "postbuild": 2}


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> set[str]:
    """The macros.* modules that ``path`` imports, resolved to absolute names."""
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            targets = [name] + [f"{name}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        modules = {_module(p) for p in MACROS.rglob("*.py")}
        found |= {t for t in targets if t in modules and t != _module(path)}
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(MACROS.rglob("*.py"))}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


def test_no_module_imports_a_later_stage():
    backwards = [
        f"{module} → {target}"
        for module, targets in _graph().items()
        for target in targets
        if _stage(module) is not None
        and _stage(target) is not None
        and _stage(target) > _stage(module)
    ]
    assert not backwards


def test_no_import_cycle_in_macros():
    graph, done, cycles = _graph(), set(), []

    def visit(module, path):
        if module in path:
            cycles.append(" → ".join([*path[path.index(module) :], module]))
            return
        if module in done:
            return
        for target in graph.get(module, ()):
            visit(target, [*path, module])
        done.add(module)

    for module in graph:
        visit(module, [])
    assert not cycles


def test_the_graph_sees_the_imports_it_checks():
    graph = _graph()
    assert "macros.data.pose" in graph["macros.data.models"]  # the validator's geometry
    assert "macros.data.pose" in graph["macros.render.figures"]


def test_nothing_in_macros_edits_sys_path():
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in MACROS.rglob("*.py")
        if "sys.path" in p.read_text(encoding="utf-8")
    ]
    assert not offenders
