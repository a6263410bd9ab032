"""The `comite` command line: argparse, no Textual; with no command it opens the app."""
