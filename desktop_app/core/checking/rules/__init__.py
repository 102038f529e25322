"""The nine data-quality rules, one module each, run in this order.

Each module has RULE (its id), TITLE and check(ctx), which adds findings to the
CheckContext; DQ1-DQ4 also build the typed frame the later rules read.
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
RULE_TITLES = {rule.RULE: rule.TITLE for rule in RULES}
