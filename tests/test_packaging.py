"""The install paths agree: lock file, conda environment, package metadata, CI."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith(("#", "-")):
            continue
        name, _, version = line.partition("==")
        assert version, f"{line!r} is not pinned with =="
        pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def lock() -> dict[str, str]:
    return _pins((ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines())


def test_environment_yml_matches_lock() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert _pins(pip_section) == lock(), (
        "environment.yml is out of step: run python tools/sync_environment.py"
    )
    assert "-e ." in pip_section, "environment.yml must install labkit itself through pip"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.startswith("python=3.1"), python


def test_every_declared_dependency_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = lock()
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0]
        assert re.sub(r"[-_.]+", "-", name).lower() in pins, f"{name} is a dependency but not in the lock"


def test_every_top_level_requirement_is_pinned() -> None:
    pins = lock()
    for line in (ROOT / "requirements" / "requirements.in").read_text(encoding="utf-8").splitlines():
        name = line.split("#")[0].strip()
        if name:
            assert re.sub(r"[-_.]+", "-", name).lower() in pins, f"{name} is not in requirements/lock.txt"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE), ".ci/run must call `make test`"
    assert "make test" in readme and "make lab" in readme


def test_console_command_is_installed_and_answers() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "labkit.cli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("labkit ")


def test_import_labkit_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, labkit; heavy = {'pandas', 'numpy', 'sklearn', 'fairlearn', 'ipywidgets', "
        "'matplotlib', 'pandera'} & set(sys.modules); print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"import labkit loaded {out.stdout.strip()}"


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements() -> list[str]:
    project = _project()
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [*project["dependencies"], *extras]


def test_the_locked_versions_satisfy_every_range_in_pyproject() -> None:
    from packaging.requirements import Requirement

    pins = lock()
    for text in _requirements():
        req = Requirement(text)
        version = pins[re.sub(r"[-_.]+", "-", req.name).lower()]
        assert req.specifier.contains(version), f"the lock's {req.name}=={version} is outside {text!r}"


def test_every_library_labkit_imports_is_a_declared_dependency() -> None:
    import ast
    from importlib.metadata import packages_distributions

    from packaging.requirements import Requirement

    declared = {re.sub(r"[-_.]+", "-", Requirement(r).name).lower() for r in _requirements()}
    providers = packages_distributions()
    undeclared = set()
    for path in (ROOT / "labkit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in {"labkit", "__future__"}:
                    continue
                dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(top, [top])}
                # A library that a declared dependency requires (jupyter_client for nbclient, ...) counts.
                if not dists & (declared | _required_by(declared)):
                    undeclared.add(f"{top} ({path.relative_to(ROOT).as_posix()})")
    assert not undeclared, f"imported but not declared in pyproject.toml: {sorted(undeclared)}"


def _required_by(names: set[str]) -> set[str]:
    """The distributions that the given installed distributions require directly."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement

    out = set()
    for name in names:
        try:
            reqs = requires(name) or []
        except PackageNotFoundError:
            continue
        out |= {re.sub(r"[-_.]+", "-", Requirement(r).name).lower() for r in reqs if "extra ==" not in r}
    return out


def test_every_public_function_and_method_has_type_hints() -> None:
    import importlib
    import inspect

    packages = ["labkit", "labkit.data", "labkit.quality", "labkit.evaluate", "labkit.fairness"]
    packages += ["labkit.exercises", "labkit.projects", "labkit.suppliers", "labkit.transparency"]
    packages += ["labkit.register", "labkit.widgets", "labkit.apps"]
    missing = []
    for package in packages:
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = getattr(module, name)
            functions = []
            if inspect.isfunction(obj):
                functions.append((f"{package}.{name}", obj))
            elif inspect.isclass(obj) and obj.__module__.startswith("labkit"):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") and attr != "__init__":
                        continue
                    func = (
                        member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                    )
                    if inspect.isfunction(func):
                        functions.append((f"{package}.{name}.{attr}", func))
            for label, func in functions:
                signature = inspect.signature(func)
                bare = [p for p in signature.parameters if p not in {"self", "cls"}]
                bare = [p for p in bare if signature.parameters[p].annotation is inspect.Parameter.empty]
                if signature.return_annotation is inspect.Signature.empty and func.__name__ != "__init__":
                    bare.append("return")
                if bare:
                    missing.append(f"{label}: {', '.join(bare)}")
    assert not missing, "public API without type hints:\n" + "\n".join(missing)


def test_one_version_number_shown_by_the_command_and_the_changelog() -> None:
    from labkit import __version__

    assert "version" in _project().get("dynamic", []), "pyproject.toml must take the version from labkit"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog, f"CHANGELOG.md has no section for {__version__}"
