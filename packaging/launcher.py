"""The frozen app's entry point: the same ``newsdesk`` command as the pip install."""
import sys

from newsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
