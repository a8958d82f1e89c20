"""`python -m store.i18n`: compile the message catalogues into the package (store/i18n)."""

from store.i18n import compile_catalogues

for path in compile_catalogues():
    print(path)
