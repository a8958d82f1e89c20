"""Documents the store makes and keeps: invoice PDFs (pdf) and company logos (logo)."""
