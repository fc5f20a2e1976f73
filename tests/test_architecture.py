"""The house rules of STYLE.md, turned into tests."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cxdash"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if p.name != "ui.py" and "streamlit" in _imports(p)
    ]
    assert offenders == []


def test_pages_do_not_touch_the_database_directly() -> None:
    banned = {"sqlmodel", "sqlalchemy", "sqlite3", "psycopg"}
    for page in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        assert not (_imports(page) & banned), page.name
        text = page.read_text(encoding="utf-8")
        assert ".groupby(" not in text and ".merge(" not in text, page.name


def test_streamlit_scripts_have_no_main_guard() -> None:
    for page in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        assert "__main__" not in page.read_text(encoding="utf-8"), page.name


def test_shipped_config_hides_tracebacks_and_toolbar() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] in (False, "none")
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["address"] == "localhost"


def test_no_module_grows_past_its_limit() -> None:
    too_long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert too_long == []
