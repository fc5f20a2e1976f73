"""The PostgreSQL skip message names the cause and the fix."""

from tests.conftest import pg_problem

URL = "postgresql://postgres:secret@127.0.0.1:5432/test"


def test_missing_database() -> None:
    why = pg_problem(URL, 'connection failed: FATAL:  database "test" does not exist')
    assert "database is missing" in why and "createdb" in why


def test_authentication() -> None:
    why = pg_problem(URL, 'FATAL:  password authentication failed for user "postgres"')
    assert "authentication failed" in why and "CXDASH_TEST_PG_URL" in why


def test_server_down() -> None:
    why = pg_problem(URL, "connection failed: Connection refused\n\tIs the server running")
    assert "not running" in why


def test_the_password_is_never_printed() -> None:
    assert "secret" not in pg_problem(URL, "something else")
