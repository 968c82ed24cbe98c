"""Allow ``python -m kemuning_eval``."""

from kemuning_eval.cli import main

raise SystemExit(main())
