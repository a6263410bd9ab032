"""The application layer: use cases that touch files, mail or other programs, on top of the
store, the exports and the sync; called alike by the command line and the app."""
