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
        str(p.relative_to(ROOT))
        for p in PACKAGE.rglob("*.py")
        if p.parent != PACKAGE / "ui" and "streamlit" in _imports(p)
    ]
    assert offenders == []


def test_pages_do_not_touch_the_database_directly() -> None:
    banned = {"sqlmodel", "sqlalchemy", "sqlite3", "psycopg"}
    for page in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        assert not (_imports(page) & banned), page.name
        text = page.read_text(encoding="utf-8")
        assert ".groupby(" not in text and ".merge(" not in text, page.name


def test_streamlit_scripts_have_no_main_guard() -> None:
    for page in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
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


def test_no_pages_folder_that_streamlit_would_serve_without_app_py() -> None:
    """A folder named pages/ beside app.py is run by URL before app.py's sign-in gate; ours is app_pages/."""
    assert not (ROOT / "pages").exists()
    listed = set(ast.literal_eval(m) for m in _page_paths(ROOT / "app.py"))
    assert listed == {f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py")}


def _page_paths(app: Path) -> list[str]:
    tree = ast.parse(app.read_text(encoding="utf-8"))
    return [
        ast.unparse(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.Page" and node.args
    ]


def _cxdash_imports(path: Path) -> set[str]:
    """The cxdash modules a file imports, as dotted names (``from cxdash import db`` gives ``cxdash.db``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cxdash"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("cxdash"))
    return names


def test_domain_packages_stay_pure() -> None:
    """Domain packages and metrics neither read (queries, db) nor write (ingest, edits): those come to them."""
    impure = ("cxdash.queries", "cxdash.ingest", "cxdash.db", "cxdash.edits")
    offenders = [
        f"{p.relative_to(ROOT)}: {name}"
        for package in ("regions", "ownership", "governance", "alignment", "metrics")
        for p in (PACKAGE / package).rglob("*.py")
        for name in sorted(_cxdash_imports(p))
        if name.startswith(impure)
    ]
    assert offenders == []
