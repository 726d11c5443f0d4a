"""Full screens of the terminal UI: dossiers, dossier, concern matrix, search, help."""
