"""The closed loop: actions on findings, their owners and their measured outcome (pure)."""
