"""The leadership team and its RACI map of the journey.

Leaders are named by role, never by a person's name, so the repository cannot
be read as describing a real individual.
"""

from __future__ import annotations

# (key, name, title, function, reports_to); the CEO comes first so that every
# reports_to refers to a leader already defined earlier in the file.
LEADERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("CEO", "Chief Executive Officer", "CEO", "Executive", ""),
    ("CCO", "Chief Customer Officer", "CCO", "Customer Experience", "CEO"),
    ("CFO", "Chief Financial Officer", "CFO", "Finance", "CEO"),
    ("COO", "Chief Operating Officer", "COO", "Operations", "CEO"),
    ("CMO", "Chief Marketing Officer", "CMO", "Marketing", "CEO"),
    ("CTO", "Chief Technology Officer", "CTO", "Technology", "CEO"),
    ("CHRO", "Chief Human Resources Officer", "CHRO", "People", "CEO"),
    ("VP_SALES", "Vice President Sales", "VP Sales", "Sales", "COO"),
    ("VP_SUPPORT", "Vice President Customer Support", "VP Support", "Customer Support", "COO"),
    ("VP_PRODUCT", "Vice President Product", "VP Product", "Product", "CTO"),
    ("HEAD_DIGITAL", "Head of Digital", "Head of Digital", "Digital", "CMO"),
    ("VP_EMEA", "Vice President EMEA", "VP EMEA", "Regional Operations", "COO"),
    ("VP_AMERICAS", "Vice President Americas", "VP Americas", "Regional Operations", "COO"),
    ("VP_APAC", "Vice President Asia Pacific", "VP APAC", "Regional Operations", "COO"),
    ("HEAD_CX_INSIGHT", "Head of CX Insights", "Head of CX Insights", "Customer Experience", "CCO"),
)

# The deliberate flaws the Ownership page must find: AW_EVENT and US_BILLING have
# no Accountable, SU_CHAT has two, RE_ACCOUNT has no Responsible.
RACI: dict[str, tuple[tuple[str, str], ...]] = {
    "AW_WEB": (("CMO", "A"), ("HEAD_DIGITAL", "R"), ("CCO", "C"), ("CTO", "I")),
    "AW_EVENT": (("CMO", "R"), ("VP_SALES", "C"), ("CCO", "I")),
    "PU_QUOTE": (("VP_SALES", "A"), ("VP_AMERICAS", "R"), ("VP_EMEA", "R"), ("CFO", "C"), ("CCO", "I")),
    "PU_CHECKOUT": (("CCO", "A"), ("HEAD_DIGITAL", "R"), ("CTO", "C"), ("CFO", "I")),
    "ON_SETUP": (("CCO", "A"), ("VP_SUPPORT", "R"), ("VP_PRODUCT", "C"), ("COO", "I")),
    "ON_TRAINING": (("CCO", "A"), ("VP_SUPPORT", "R"), ("VP_PRODUCT", "C"), ("CHRO", "I")),
    "US_APP": (("VP_PRODUCT", "A"), ("CTO", "R"), ("HEAD_DIGITAL", "R"), ("CCO", "C")),
    "US_PORTAL": (("CCO", "A"), ("HEAD_DIGITAL", "R"), ("CTO", "C"), ("VP_SUPPORT", "I")),
    "US_BILLING": (("CFO", "R"), ("CCO", "C"), ("COO", "I")),
    "SU_PHONE": (
        ("VP_SUPPORT", "A"),
        ("VP_EMEA", "R"),
        ("VP_AMERICAS", "R"),
        ("VP_APAC", "R"),
        ("CCO", "C"),
        ("COO", "I"),
    ),
    "SU_CHAT": (("CCO", "A"), ("VP_SUPPORT", "A"), ("HEAD_DIGITAL", "R"), ("CTO", "I")),
    "SU_SELF": (("CCO", "A"), ("HEAD_CX_INSIGHT", "R"), ("HEAD_DIGITAL", "R"), ("VP_PRODUCT", "C")),
    "RE_RENEWAL": (("CCO", "A"), ("VP_SALES", "R"), ("CFO", "C"), ("CEO", "I")),
    "RE_ACCOUNT": (("VP_SALES", "A"), ("CCO", "C"), ("VP_EMEA", "I")),
}


def leader_rows() -> list[dict[str, object]]:
    return [
        {"key": key, "name": name, "title": title, "function": function, "reports_to": boss}
        for key, name, title, function, boss in LEADERS
    ]


def ownership_rows(touchpoint_codes: tuple[str, ...]) -> list[dict[str, object]]:
    """RACI rows in journey order; fails loudly if the map and the journey drift apart."""
    if set(RACI) != set(touchpoint_codes):
        raise ValueError("the RACI map must cover exactly the sample touchpoints")
    return [
        {"touchpoint": code, "leader": leader, "role": role} for code in touchpoint_codes for leader, role in RACI[code]
    ]
