"""One module per tab of My company."""
