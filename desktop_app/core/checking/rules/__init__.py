"""The nine data-quality rules, one module each, run in this order.

Each module exports SPEC (a RuleSpec, see checking.rule): its id, title and checks,
each with what it reads and its scope. A check adds findings to the CheckContext;
DQ1-DQ4 also build the typed frame the later rules read. The engine and the working
session run the rules from these declarations alone.
"""

from desktop_app.core.checking.rules import (
    dq1_structure,
    dq2_completeness,
    dq3_types,
    dq4_allowed_values,
    dq5_ranges,
    dq6_uniqueness,
    dq7_process,
    dq8_currency,
    dq9_ownership,
)

RULES = (
    dq1_structure.SPEC,
    dq2_completeness.SPEC,
    dq3_types.SPEC,
    dq4_allowed_values.SPEC,
    dq5_ranges.SPEC,
    dq6_uniqueness.SPEC,
    dq7_process.SPEC,
    dq8_currency.SPEC,
    dq9_ownership.SPEC,
)
RULE_TITLES = {rule.id: rule.title for rule in RULES}
