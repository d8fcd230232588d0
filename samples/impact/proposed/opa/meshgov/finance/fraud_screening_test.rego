# Unit tests of meshgov.finance.fraud_screening, and a replay of the request/answer pairs
# in policies/opa/pairs/fraud_screening.json (loaded as data.pairs).
#
#   opa test policies/opa -v
#
# Load policies/opa (not only policies/opa/meshgov): test_every_pair_replays needs the
# pairs. This package is a sibling of the policy package, not a child, so it never shows
# up as a key of meshgov's answer.
package meshgov.finance.fraud_screening_test

import data.meshgov.finance.fraud_screening

# --- Building inputs exactly as meshgov does -----------------------------------------

# finance.card_authorizations as meshgov describes it to OPA.
card_product := {
	"id": "finance.card_authorizations",
	"domain": "finance",
	"classification": "confidential",
	"tags": ["residency.regional"],
	"version": "1.0.0",
}

policy_set := {"id": "finance.fraud-screening", "version": "1.0.0", "scope": "domain:finance"}

# The catalog's columns, by name.
catalog := {
	"authorization_id": {"name": "authorization_id", "type": "string", "tags": []},
	"card_number": {"name": "card_number", "type": "string", "tags": ["pii.card_number"]},
	"cardholder_email": {"name": "cardholder_email", "type": "string", "tags": ["pii.email"]},
	"merchant_id": {"name": "merchant_id", "type": "string", "tags": []},
	"merchant_country": {"name": "merchant_country", "type": "string", "tags": []},
	"amount": {"name": "amount", "type": "decimal", "tags": []},
	"currency": {"name": "currency", "type": "string", "tags": []},
	"fraud_score": {"name": "fraud_score", "type": "integer", "tags": ["finance.fraud_score"]},
	"declined": {"name": "declined", "type": "boolean", "tags": []},
	"region": {"name": "region", "type": "string", "tags": []},
	"authorized_at": {"name": "authorized_at", "type": "timestamp", "tags": []},
	"authorization_date": {"name": "authorization_date", "type": "date", "tags": []},
}

make_input(subject, action, purpose, names) := result if {
	requested := [catalog[name] | some name in names]
	result := {
		"subject": subject,
		"request": {"action": action, "purpose": purpose, "at": "2026-11-24T10:00:00Z"},
		"product": card_product,
		"columns": requested,
		"policySet": policy_set,
	}
}

person(id, groups, roles) := {"id": id, "groups": groups, "roles": roles, "attributes": {"region": "EU"}}

fraud_analyst := person("fay", ["employees", "fraud-analysts"], ["analyst"])

fraud_investigator := person("frank", ["employees", "finance", "fraud-analysts"], ["fraud-investigator", "pii-reader"])

finance_analyst := person("alice", ["employees", "finance"], ["analyst"])

fraud_lead := person("lena", ["employees", "finance"], ["fraud-lead"])

chargeback_agent := {
	"id": "chen",
	"groups": ["employees", "finance"],
	"roles": ["chargeback-agent"],
	"attributes": {"merchant_market": "FR", "region": "EU"},
}

reason_rules(doc) := [reason.rule | some reason in doc.reasons]

# --- Access --------------------------------------------------------------------------

test_fraud_analysts_read_for_an_investigation if {
	inp := make_input(fraud_analyst, "read", "fraud-investigation", ["authorization_id"])
	doc := fraud_screening with input as inp
	doc.access == "permit"
	reason_rules(doc) == ["permit-fraud-analysts"]
}

test_fraud_analysts_need_the_purpose if {
	inp := make_input(fraud_analyst, "read", "reporting", ["authorization_id"])
	doc := fraud_screening with input as inp
	not doc.access
	not doc.reasons
}

test_fraud_analysts_permit_is_for_reads_only if {
	subject := person("fay", ["fraud-analysts"], ["fraud-lead"])
	inp := make_input(subject, "export", "fraud-investigation", ["authorization_id"])
	not fraud_screening.access with input as inp
}

test_others_get_no_permit_from_the_screening if {
	inp := make_input(finance_analyst, "read", "fraud-investigation", ["authorization_id"])
	not fraud_screening.access with input as inp
}

test_exports_need_the_fraud_lead if {
	inp := make_input(finance_analyst, "export", "regulatory-reporting", ["authorization_id"])
	doc := fraud_screening with input as inp
	doc.access == "deny"
	reason_rules(doc) == ["export-needs-fraud-lead"]
}

test_fraud_analysts_do_not_export_either if {
	inp := make_input(fraud_analyst, "export", "fraud-investigation", ["authorization_id"])
	doc := fraud_screening with input as inp
	doc.access == "deny"
	reason_rules(doc) == ["export-needs-fraud-lead"]
}

test_the_fraud_lead_exports_without_an_opinion_on_access if {
	inp := make_input(fraud_lead, "export", "regulatory-reporting", ["authorization_id"])
	doc := fraud_screening with input as inp
	not doc.access
	not doc.reasons
}

# --- Columns -------------------------------------------------------------------------

test_fraud_score_is_need_to_know if {
	inp := make_input(fraud_analyst, "read", "fraud-investigation", ["fraud_score"])
	fraud_screening.columns == {"fraud_score": {"effect": "deny", "rule": "score-need-to-know"}} with input as inp
}

test_fraud_investigators_see_the_score if {
	inp := make_input(fraud_investigator, "read", "fraud-investigation", ["fraud_score"])
	not fraud_screening.columns with input as inp
}

test_emails_are_hashed_without_pii_reader if {
	inp := make_input(finance_analyst, "read", "reporting", ["cardholder_email"])
	fraud_screening.columns.cardholder_email == {"effect": "mask", "method": "hash", "rule": "hash-email"} with input as inp
}

test_pii_readers_are_spared_the_hash if {
	inp := make_input(fraud_investigator, "read", "reporting", ["cardholder_email"])
	not fraud_screening.columns with input as inp
}

test_card_numbers_keep_bin_and_last_four_for_everyone if {
	inp := make_input(fraud_investigator, "read", "fraud-investigation", ["card_number"])
	fraud_screening.columns == {"card_number": {
		"effect": "mask", "method": "partial",
		"showFirst": 6, "showLast": 4,
		"rule": "bin-and-last-four",
	}} with input as inp
}

test_only_requested_columns_are_answered if {
	inp := make_input(fraud_analyst, "read", "fraud-investigation", ["fraud_score", "amount"])
	cols := fraud_screening.columns with input as inp
	object.keys(cols) == {"fraud_score"}
}

test_hierarchical_tags_match if {
	column := {"name": "backup_email", "type": "string", "tags": ["pii.email.secondary"]}
	inp := object.union(make_input(finance_analyst, "read", "reporting", []), {"columns": [column]})
	fraud_screening.columns.backup_email.method == "hash" with input as inp
}

test_a_parent_tag_does_not_match_a_child_rule if {
	column := {"name": "notes", "type": "string", "tags": ["pii"]}
	inp := object.union(make_input(finance_analyst, "read", "reporting", []), {"columns": [column]})
	not fraud_screening.columns with input as inp
}

test_the_strictest_answer_wins_on_a_column_with_several_tags if {
	column := {"name": "odd", "type": "string", "tags": ["pii.card_number", "pii.email"]}
	inp := object.union(make_input(finance_analyst, "read", "reporting", []), {"columns": [column]})
	fraud_screening.columns.odd.method == "hash" with input as inp
}

# --- Row filters ---------------------------------------------------------------------

test_chargeback_agents_see_approved_rows_of_their_market if {
	inp := make_input(chargeback_agent, "read", "chargeback-handling", ["authorization_id"])
	fraud_screening.rowFilters == [{
		"rule": "chargeback-scope",
		"expression": "declined == false && merchant_country == subject.attributes.merchant_market",
	}] with input as inp
}

test_model_training_sees_fraud_engine_v3_rows_only if {
	inp := make_input(finance_analyst, "read", "model-training", ["authorization_id"])
	fraud_screening.rowFilters == [{
		"rule": "recent-only",
		"expression": "authorization_date >= timestamp('2025-01-01T00:00:00Z')",
	}] with input as inp
}

test_both_filters_can_hold_at_once if {
	inp := make_input(chargeback_agent, "read", "model-training", ["authorization_id"])
	filters := fraud_screening.rowFilters with input as inp
	{filter.rule | some filter in filters} == {"chargeback-scope", "recent-only"}
	count(filters) == 2
}

test_no_row_filters_otherwise if {
	inp := make_input(fraud_analyst, "read", "fraud-investigation", ["authorization_id"])
	not fraud_screening.rowFilters with input as inp
}

# --- Retention -----------------------------------------------------------------------

test_reading_cardholder_data_carries_pci_retention if {
	inp := make_input(finance_analyst, "read", "reporting", ["authorization_id", "card_number"])
	fraud_screening.retention == {
		"basis": "authorization_date", "maximum": "P2Y",
		"action": "anonymize", "rule": "pci-retention",
	} with input as inp
}

test_the_email_alone_is_cardholder_data_too if {
	inp := make_input(finance_analyst, "read", "reporting", ["cardholder_email"])
	fraud_screening.retention.rule == "pci-retention" with input as inp
}

test_no_retention_without_cardholder_data if {
	inp := make_input(finance_analyst, "read", "reporting", ["authorization_id", "amount", "fraud_score"])
	not fraud_screening.retention with input as inp
}

# --- The whole answer ----------------------------------------------------------------

test_nothing_to_say_is_an_empty_object if {
	inp := make_input(finance_analyst, "read", "reporting", ["authorization_id", "amount", "region"])
	doc := fraud_screening with input as inp
	doc == {}
}

test_other_products_are_out_of_scope if {
	base := make_input(fraud_analyst, "read", "fraud-investigation", ["card_number", "cardholder_email", "fraud_score"])
	inp := object.union(base, {"product": object.union(card_product, {"id": "finance.invoice_payments"})})
	doc := fraud_screening with input as inp
	doc == {}
}

test_every_rule_id_is_lower_kebab_case if {
	every id in all_rule_ids {
		regex.match(`^[a-z0-9]+(-[a-z0-9]+)*$`, id)
	}
	count(all_rule_ids) == 8
}

# Every rule id this policy can produce, collected from inputs that trigger each.
all_rule_ids contains id if {
	some inp in [
		make_input(chargeback_agent, "read", "model-training", ["card_number", "cardholder_email", "fraud_score"]),
		make_input(fraud_analyst, "read", "fraud-investigation", ["authorization_id"]),
		make_input(fraud_analyst, "export", "fraud-investigation", ["authorization_id"]),
	]
	doc := fraud_screening with input as inp
	some id in answer_rule_ids(doc)
}

answer_rule_ids(doc) := ids if {
	from_reasons := {reason.rule | some reason in object.get(doc, "reasons", [])}
	from_columns := {decision.rule | some decision in object.get(doc, "columns", {})}
	from_filters := {filter.rule | some filter in object.get(doc, "rowFilters", [])}
	from_retention := {retention.rule | some retention in [object.get(doc, "retention", {})]; retention.rule}
	ids := ((from_reasons | from_columns) | from_filters) | from_retention
}

# --- Replay of the pairs meshgov's own tests use -------------------------------------

# A case's expected answer: its `result`, or {} (nothing to contribute) when it has none.
expected(case) := object.get(case, "result", {})

answer(case) := doc if {
	doc := fraud_screening with input as case.input
}

# Names of the cases whose answer differs from the pair file. Query this rule to see
# which: opa eval -d policies/opa 'data.meshgov.finance.fraud_screening_test.pair_failures'
pair_failures contains case.name if {
	some case in data.pairs.cases
	not answer_matches(case)
}

answer_matches(case) if answer(case) == expected(case)

# Only the five keys of ../../../../docs/opa.md, and reasons exactly when access.
answer_well_formed(case) if {
	keys := object.keys(answer(case))
	count(keys - {"access", "columns", "rowFilters", "retention", "reasons"}) == 0
	count(keys & {"access", "reasons"}) != 1
}

test_every_pair_replays if {
	count(data.pairs.cases) >= 8
	count(pair_failures) == 0
}

test_every_pair_answer_is_well_formed if {
	count(data.pairs.cases) >= 8
	every case in data.pairs.cases {
		answer_well_formed(case)
	}
}
