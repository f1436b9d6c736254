"""The code names what it calls: no commands looked up by name, no view classes
made at run time, no untyped runtime, one way to name a job function."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "safeledger"


def trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(), filename=str(p)) for p in PACKAGE.rglob("*.py")}


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"


def test_no_class_is_made_with_three_argument_type():
    made = [
        where(path, node)
        for path, tree in trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "type"
        and len(node.args) == 3
    ]
    assert made == []


def test_the_api_looks_up_no_attribute_by_name():
    looked_up = [
        where(path, node)
        for path, tree in trees().items()
        if "api" in path.relative_to(PACKAGE).parts
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr"
    ]
    assert looked_up == []


def test_no_runtime_parameter_is_typed_any():
    untyped = [
        where(path, arg)
        for path, tree in trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in [*node.args.args, *node.args.kwonlyargs]
        if arg.arg == "runtime"
        and (arg.annotation is None or ast.unparse(arg.annotation) == "Any")
    ]
    assert untyped == []


def test_a_job_function_is_named_one_way():
    defined = [
        where(path, node)
        for path, tree in trees().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "function_path"
    ]
    assert len(defined) == 1
