"""What an action addresses: a region, a touchpoint (in one region or everywhere) or an alignment dimension."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    """A finding's subject; two actions address the same finding when region, touchpoint and dimension all match."""

    region: str | None = None
    touchpoint: str | None = None
    dimension: str | None = None

    @property
    def key(self) -> str:
        """A stable text key (for widget keys and URLs): the three parts joined by "~", empty where absent."""
        return "~".join(part or "" for part in (self.region, self.touchpoint, self.dimension))

    def label(self, names: dict[str, str] | None = None) -> str:
        """The subject in words ("Phone support in DACH"), codes replaced by ``names`` (code → name) where known."""
        known = names or {}
        words = [known.get(p, p) for p in (self.touchpoint, self.dimension) if p]
        if self.region:
            words.append(f"in {self.region}" if words else self.region)
        return " ".join(words)
