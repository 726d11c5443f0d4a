"""The concern ledger: Dutch negotiating points, their links to provisions, and assessments."""
