"""Ownership of the customer journey: RACI health, the matrix, performance by owner, edits and history.

``ownership_health`` and ``OwnershipHealth`` stay importable from here (the Overview uses them).
"""

from cxdash.ownership.health import Finding, OwnershipHealth, explain, ownership_health

__all__ = ["Finding", "OwnershipHealth", "explain", "ownership_health"]
