"""Allow ``python -m russia_panama_timeline ...``."""

from .cli import main

raise SystemExit(main())
