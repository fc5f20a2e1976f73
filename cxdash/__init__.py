"""cxdash: CX governance dashboard."""
