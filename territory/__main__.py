"""Entry point for ``python -m territory``."""

import sys

from .cli import main

sys.exit(main())
