"""`python -m comite.cli`: the same as the `comite` command."""

import sys

from comite.cli.main import main

sys.exit(main())
