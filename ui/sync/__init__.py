"""The app's side of sync: the indicator, the sync panel, setting up, conflicts, and the background runs."""
