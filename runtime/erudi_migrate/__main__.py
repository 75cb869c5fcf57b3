"""`python -m erudi_migrate`: the runtime's command line."""
import sys

from .cli import main

sys.exit(main())
