"""`python -m tui` does what the `mycompany` command does."""

import sys

from .cli import main

sys.exit(main())
