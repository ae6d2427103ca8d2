"""``python -m geomap.cli``: the ``geomap`` command."""

from geomap.cli import main

raise SystemExit(main())
