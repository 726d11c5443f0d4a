"""Alembic migrations of the eu-posities schema, shipped inside the package."""
