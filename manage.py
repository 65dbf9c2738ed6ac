#!/usr/bin/env python
import os
import sys

from chitieu.cli import main

# manage.py is the developer's tool in a source checkout: development settings unless told
# otherwise. Production runs `chitieu` (or gunicorn) with its environment, where DEBUG is off.
os.environ.setdefault("DEBUG", "1")

if __name__ == "__main__":
    sys.exit(main())
