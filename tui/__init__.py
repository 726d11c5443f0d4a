"""The eu-posities terminal UI (Textual). The core in `eu_posities` never imports this package."""
