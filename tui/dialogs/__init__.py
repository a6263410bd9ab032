"""Modal screens: forms, confirmations, pickers and notices opened over a page."""
