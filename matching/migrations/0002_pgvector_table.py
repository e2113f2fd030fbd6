"""The pgvector table behind matching.vector_store.PgVectorIndex.

Created only on PostgreSQL where the `vector` extension can be installed; elsewhere (SQLite, a
PostgreSQL without pgvector) this migration does nothing and the in-process index is used.
The column has no fixed dimension so one table serves every encoder; each (model, kind) gets
its own partial HNSW index on `embedding::vector(dim)`, created when vectors of that model
first arrive (see vector_store).
"""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS matching_vector (
    model varchar(64) NOT NULL,
    kind varchar(10) NOT NULL,
    item_id varchar(64) NOT NULL,
    text_hash varchar(64) NOT NULL,
    embedding vector NOT NULL,
    PRIMARY KEY (model, kind, item_id)
)
"""


def _pgvector_available(schema_editor) -> bool:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        return cursor.fetchone() is not None


def create_vector_table(apps, schema_editor) -> None:
    if not _pgvector_available(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS vector")
    schema_editor.execute(CREATE)


def drop_vector_table(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS matching_vector")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(create_vector_table, drop_vector_table, elidable=False)]
