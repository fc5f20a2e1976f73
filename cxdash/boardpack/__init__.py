"""The board pack: one slide per section built from the pages' own views and charts, rendered as PPTX or PDF.

Modules: ``slide`` (what a deck holds), ``sections`` (one builder per section), ``deck`` (a month's deck with
its commentary), ``pptx`` and ``pdf`` (the renderers), ``layout`` and ``images`` (shared by both).
"""
