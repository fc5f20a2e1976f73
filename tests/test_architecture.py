"""The house rules (CONTRIBUTING.md), turned into tests."""

from __future__ import annotations

import ast
import re
import subprocess
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


# Every table lives in models.py on purpose (one place to read the schema), so it may grow further.
LIMITS = {PACKAGE / "models.py": 400}


def test_no_module_grows_past_its_limit() -> None:
    too_long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMITS.get(p, 300)
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


DOMAIN = ("regions", "ownership", "governance", "alignment", "metrics")


def test_domain_packages_stay_pure() -> None:
    """Domain packages and metrics neither read (queries, db) nor write (ingest, edits): those come to them."""
    impure = ("cxdash.queries", "cxdash.ingest", "cxdash.db", "cxdash.edits")
    offenders = [
        f"{p.relative_to(ROOT)}: {name}"
        for package in DOMAIN
        for p in (PACKAGE / package).rglob("*.py")
        for name in sorted(_cxdash_imports(p))
        if name.startswith(impure)
    ]
    assert offenders == []


def test_domain_packages_hold_no_database_session() -> None:
    """Writes live in cxdash/edits/ or cxdash/ingest/: a domain module that opens a session or records an audit event
    is a write that slipped back (as governance editing once did), even when it imports no cxdash reader."""
    offenders = [
        f"{p.relative_to(ROOT)}: {name}"
        for package in DOMAIN
        for p in (PACKAGE / package).rglob("*.py")
        for name in sorted(_imports(p) & {"sqlmodel", "sqlalchemy"} | _cxdash_imports(p) & {"cxdash.audit"})
    ]
    assert offenders == []


NON_WAITING = re.compile(r"\.(is_visible|is_hidden|is_enabled|is_disabled|is_checked|is_editable)\(\)")


def test_browser_checks_wait() -> None:
    """Playwright's is_visible() and friends answer at once: on a loaded machine that is a flaky test; use expect()."""
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in (ROOT / "tests").rglob("*.py")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if NON_WAITING.search(line) and p.name != "test_architecture.py"
    ]
    assert offenders == []


def test_every_path_named_in_the_architecture_notes_exists() -> None:
    notes = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:cxdash|app_pages|tests|benchmarks|docs)/[\w/.]*|app\.py)`", notes))
    assert len(named) > 20
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in listed.splitlines() if Path(name).suffix in {".py", ".md", ".toml", ".txt", ""}]


def test_the_repository_never_points_at_documents_outside_it() -> None:
    """Design and style notes a maintainer needs live in docs/ and CONTRIBUTING.md, not in files outside the tree."""
    outside = re.compile(r"\b(DESIGN|STYLE)(\.md)?\b|\.\./shared")
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in _tracked_text_files()
        if p.is_file() and p.name != "test_architecture.py"
        for i, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if outside.search(line)
    ]
    assert offenders == []
