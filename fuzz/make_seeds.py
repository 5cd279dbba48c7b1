#!/usr/bin/env python3
"""Write the committed seed corpus, fuzz/seeds/, shared by both targets.

The seeds are the files in assets/ and one file per bad-file case of
tests/files/file_format.rs (the same edits of the October 2025 plan), plus a small
scenario using every kind of event, ceiling and spending profile. Run it
again after changing assets/: python3 fuzz/make_seeds.py
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
ASSETS = ROOT / "assets"


def write(name: str, data) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    (SEEDS / name).write_bytes(data)


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the plan: update make_seeds.py"
    return text.replace(old, new, 1)


def main() -> None:
    SEEDS.mkdir(parents=True, exist_ok=True)
    for old in SEEDS.iterdir():
        old.unlink()
    for asset in sorted(ASSETS.glob("*.ron")):
        write(f"asset-{asset.name}", asset.read_bytes())

    plan = (ASSETS / "october-2025-plan.ron").read_text(encoding="utf-8")
    # tests/files/file_format.rs, one file per bad-file test.
    write("bad-misspelled-field.ron",
          replace_once(plan, "budget_usd: 500000000.0", "budjet_usd: 500000000.0"))
    write("bad-wrong-type.ron",
          replace_once(plan, "budget_usd: 500000000.0", 'budget_usd: "lots"'))
    write("bad-negative-lead-time.ron",
          replace_once(plan, "lead_time_months: 4,", "lead_time_months: -4,"))
    write("bad-unknown-unit.ron", replace_once(plan, "unit: t,", "unit: tonnes,"))
    write("bad-month.ron", replace_once(plan, 'start: "2025-11"', 'start: "Nov 2025"'))
    write("bad-truncated.ron", plan[:1500])
    write("bad-missing-horizon.ron",
          "".join(l + "\n" for l in plan.splitlines() if "horizon_months" not in l))
    write("bad-not-ron.ron", '{"name": "Cobalt", "budget": 5}\n')
    write("bad-not-utf8.ron",
          b'Scenario(\n    format_version: 1,\n    name: "Kobalt \xe9t\xe9",\n)')
    newer = replace_once(plan, "format_version: 2", "format_version: 7")
    newer = replace_once(newer, "budget_usd: 500000000.0",
                         "budget_usd: 500000000.0, new_field: 3")
    write("bad-newer-version.ron", newer)

    # tests/files/file_format.rs, the good small files.
    write("minimal.ron", '''Scenario(
    format_version: 1,
    name: "Minimal",
    start: "2026-01",
    horizon_months: 12,
    minerals: [
        Mineral(
            name: "Gallium",
            price_usd_per_unit: 280.0,
            requirement_qty: 1000.0,
            budget_usd: 28000.0,
            suppliers: [Supplier(name: "Japan", share_pct: 100.0)],
        ),
    ],
)''')
    write("version-1.ron", '''Scenario(
    format_version: 1,
    name: "Old plan",
    start: "2025-11",
    horizon_months: 60,
    settings: Settings(
        carry_over_unspent: false,
    ),
    minerals: [
        Mineral(
            name: "Cobalt",
            unit: t,
            price_usd_per_unit: 42000.0,
            requirement_qty: 7500.0,
            budget_usd: 500000000.0,
            suppliers: [Supplier(name: "DRC", share_pct: 100.0, lead_time_months: 4)],
        ),
    ],
)''')

    # Every kind of event, ceiling and spending profile, and odd numbers.
    write("every-kind.ron", '''Scenario(
    format_version: 2,
    name: "Every kind",
    notes: "quota, price shock, per-month spending, lost orders, a disabled event",
    start: "2026-03",
    horizon_months: 30,
    settings: Settings(
        carry_over_unspent: false,
        resource_blocked_orders: false,
        in_transit_on_ban: Lost,
    ),
    minerals: [
        Mineral(
            name: "Germanium",
            unit: kg,
            price_usd_per_unit: 1500.0,
            escalation_pct_per_year: -3.5,
            requirement_qty: 20000.0,
            opening_inventory_qty: 250.0,
            budget_usd: 3000000.0,
            spending: PerMonthUsd([1000000.0, 0.0, 2000000.0]),
            suppliers: [
                Supplier(name: "China (refined)", share_pct: 60.0, lead_time_months: 2),
                Supplier(name: "Canada", share_pct: 40.0, lead_time_months: 0),
            ],
            ceiling: None,
        ),
        Mineral(
            name: "Tungsten",
            price_usd_per_unit: inf,
            requirement_qty: NaN,
            budget_usd: -1e300,
            spending: PerYearUsd([]),
            suppliers: [],
            ceiling: QtyPerYear(0.0),
        ),
    ],
    disruptions: [
        Disruption(
            name: "Quota",
            kind: ExportQuotaQty(5000.0),
            supplier: "China",
            minerals: ["Germanium"],
            start: "2026-05",
            end: Some("2027-01"),
        ),
        Disruption(
            name: "Shock",
            enabled: false,
            kind: PriceShockPct(-40.0),
            start: "2026-03",
        ),
        Disruption(
            name: "Ban",
            kind: ExportBan,
            start: "2026-04",
            end: None,
        ),
        Disruption(
            name: "Licences",
            kind: LicensingDelay(extra_lead_time_months: 3, refused_pct: 25.0),
            supplier: "Canada",
            start: "2026-06",
        ),
    ],
)''')


if __name__ == "__main__":
    main()
