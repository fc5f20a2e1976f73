"""Writes that users make in the app (alignment rounds, ownership cells), kept out of the pure domain packages."""
