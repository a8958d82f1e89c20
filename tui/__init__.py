"""The terminal side of mycompany: the command line and the Textual screens (never Peewee)."""
