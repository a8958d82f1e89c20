"""The store: domain rules and persistence of mycompany (no Textual, no Rich)."""
