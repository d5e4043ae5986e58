"""What a database holds, table by table: for migration tests that must keep every record."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text


def table_counts(url: str) -> dict[str, int]:
    """Rows per table (Alembic's own table left out)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        found = {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}
    engine.dispose()
    return found
