"""Bundled data: demo dossiers, concerns and texts (installed as `eu_posities.bundled`)."""
