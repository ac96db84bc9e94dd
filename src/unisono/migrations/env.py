"""Alembic environment: runs on the connection Unisono hands over (see core/migrate.py)."""

from alembic import context
from sqlalchemy import Connection

from unisono.models import metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    from unisono.core.config import get_settings
    from unisono.core.db import make_engine

    with make_engine(get_settings().resolved_database_url).begin() as fresh:
        run(fresh)
else:
    run(connection)
