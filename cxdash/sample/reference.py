"""Regions, operating models, touchpoints and targets of the sample company."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxdash.sample.timeline import FIRST_MONTH


@dataclass(frozen=True)
class RegionProfile:
    code: str
    name: str
    model: str
    nps: float
    volume: float
    customers: int


@dataclass(frozen=True)
class ModelSwitch:
    region: str
    model: str
    effective_from: date
    nps_gain: float


@dataclass(frozen=True)
class TouchpointProfile:
    code: str
    name: str
    stage: str
    offset: float
    weight: float
    channel: str


# Decentralized regions start lower, so the switches have room to show a gain;
# ANZ is deliberately tiny so that the app's low-sample handling is exercised.
REGIONS: tuple[RegionProfile, ...] = (
    RegionProfile("NAE", "North America East", "centralized", 42.0, 300.0, 17_500),
    RegionProfile("NAW", "North America West", "hybrid", 35.0, 250.0, 14_000),
    RegionProfile("LATAM", "Latin America", "decentralized", 13.0, 180.0, 6_000),
    RegionProfile("UKI", "UK & Ireland", "centralized", 37.0, 250.0, 12_000),
    RegionProfile("DACH", "Germany, Austria & Switzerland", "hybrid", 33.0, 300.0, 11_000),
    RegionProfile("NORDICS", "Nordics", "centralized", 47.0, 120.0, 5_000),
    RegionProfile("APAC", "Asia Pacific", "decentralized", 18.0, 220.0, 9_000),
    RegionProfile("ANZ", "Australia & New Zealand", "decentralized", 25.0, 28.0, 2_400),
)

SWITCHES: tuple[ModelSwitch, ...] = (
    ModelSwitch("LATAM", "centralized", date(2025, 11, 1), 10.0),
    ModelSwitch("APAC", "hybrid", date(2026, 1, 1), 7.0),
)

# Billing and phone support are the usual pain points; weights are survey volume.
TOUCHPOINTS: tuple[TouchpointProfile, ...] = (
    TouchpointProfile("AW_WEB", "Website visit", "Awareness", 4.0, 5.0, "web"),
    TouchpointProfile("AW_EVENT", "Events & webinars", "Awareness", 9.0, 3.0, "email"),
    TouchpointProfile("PU_QUOTE", "Quote & proposal", "Purchase", 0.0, 5.0, "email"),
    TouchpointProfile("PU_CHECKOUT", "Online checkout", "Purchase", 5.0, 7.0, "web"),
    TouchpointProfile("ON_SETUP", "Account setup", "Onboarding", -5.0, 7.0, "email"),
    TouchpointProfile("ON_TRAINING", "Onboarding training", "Onboarding", 8.0, 4.0, "email"),
    TouchpointProfile("US_APP", "Mobile app", "Usage", 10.0, 9.0, "app"),
    TouchpointProfile("US_PORTAL", "Customer portal", "Usage", 1.0, 8.0, "web"),
    TouchpointProfile("US_BILLING", "Billing & invoices", "Usage", -14.0, 7.0, "email"),
    TouchpointProfile("SU_PHONE", "Phone support", "Support", -9.0, 11.0, "phone"),
    TouchpointProfile("SU_CHAT", "Chat support", "Support", -2.0, 10.0, "app"),
    TouchpointProfile("SU_SELF", "Help centre", "Support", -7.0, 6.0, "web"),
    TouchpointProfile("RE_RENEWAL", "Contract renewal", "Renewal", -3.0, 7.0, "email"),
    TouchpointProfile("RE_ACCOUNT", "Account review", "Renewal", 6.0, 4.0, "phone"),
)

CHANNELS: tuple[str, ...] = ("email", "web", "app", "phone")


def model_in_force(region: RegionProfile, month: date) -> str:
    """The latest model effective on or before ``month``, as the app defines it."""
    for switch in SWITCHES:
        if switch.region == region.code and month >= switch.effective_from:
            return switch.model
    return region.model


def region_rows() -> list[dict[str, object]]:
    return [{"code": r.code, "name": r.name} for r in REGIONS]


def touchpoint_rows() -> list[dict[str, object]]:
    return [
        {"code": t.code, "name": t.name, "stage": t.stage, "position": i} for i, t in enumerate(TOUCHPOINTS, start=1)
    ]


def governance_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"region": r.code, "model": r.model, "effective_from": FIRST_MONTH.isoformat()} for r in REGIONS
    ]
    rows += [{"region": s.region, "model": s.model, "effective_from": s.effective_from.isoformat()} for s in SWITCHES]
    return rows


def target_rows() -> list[dict[str, object]]:
    company = {
        "nps": (30.0, 38.0),
        "retention": (0.985, 0.985),
        "csat": (0.78, 0.8),
        "ces": (5.0, 5.2),
    }
    rows: list[dict[str, object]] = [
        {"metric": metric, "region": "", "year": year, "value": repr(value)}
        for metric, values in company.items()
        for year, value in zip((2025, 2026), values, strict=True)
    ]
    # Regions with their own commitments: the switcher and the flagship.
    rows += [
        {"metric": "nps", "region": "LATAM", "year": 2026, "value": repr(25.0)},
        {"metric": "nps", "region": "DACH", "year": 2026, "value": repr(38.0)},
    ]
    return rows
