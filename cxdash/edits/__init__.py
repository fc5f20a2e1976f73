"""Writes made through the app: each checks the role, refuses stale edits and records an audit event."""
