# Fraud screening of finance.card_authorizations: policy set finance.fraud-screening
# 1.0.0 (policies/domains/finance/fraud-screening.yaml), evaluated by Open Policy Agent.
#
# meshgov POSTs {"input": ...} to /v1/data/meshgov/finance/fraud_screening and reads
# this whole package as its answer (../../../../docs/opa.md). Each rule below is one key of that
# answer, so the package holds exactly the five rules meshgov understands and nothing
# else: a helper rule here would be an unknown key, and meshgov denies the request on
# an unknown key. The helpers live in meshgov.lib.fraud (policies/opa/meshgov/lib).
#
# Every rule is conditional. When none applies the answer is {} (OPA evaluates a
# package whose rules are all undefined to an empty object) and the policy set
# contributes nothing; the council's and finance's own rules decide alone.
#
# What this set adds to the native rules of policies/ (it can only tighten, never
# loosen them, ../../../../docs/combining.md):
#   access      permit-fraud-analysts     group fraud-analysts reads for fraud-investigation
#               export-needs-fraud-lead   deny exports without role fraud-lead
#   columns     score-need-to-know        deny fraud_score unless fraud-investigator
#               hash-email                hash the cardholder e-mail unless pii-reader
#               bin-and-last-four         PAN masked partial: first six, last four
#   rowFilters  chargeback-scope          chargeback agents: approved rows, own market
#               recent-only               model training: fraud engine v3 rows only
#   retention   pci-retention             anonymize two years after authorization_date,
#                                         for requests that read cardholder data
# Rule ids are the `rule` fields; meshgov names them finance.fraud-screening/<rule>.
package meshgov.finance.fraud_screening

import data.meshgov.lib.fraud

# "permit" or "deny"; undefined when the screening has no opinion on who may read.
access := verdict.access if {
	verdict := fraud.verdict
}

# Explains `access`, so it is defined exactly when `access` is: one reason, naming the
# rule that decided.
reasons := [{"rule": verdict.rule, "message": verdict.message}] if {
	verdict := fraud.verdict
}

# Requested column name -> {"effect": "deny"|"mask", "method", mask parameters, "rule"}.
# Left out entirely (rather than {}) when no requested column needs a decision.
columns := decisions if {
	decisions := fraud.column_decisions
	count(decisions) > 0
}

# Row filters in CEL over the product's columns; meshgov substitutes subject.* and
# request.* and ANDs them with the council's filters. OPA iterates the set in sorted
# order, so the array is deterministic.
rowFilters := filters if {
	filters := [filter | some filter in fraud.row_filters]
	count(filters) > 0
}

# Only requests that read cardholder data carry the PCI retention obligation; see
# meshgov.lib.fraud.reads_cardholder_data for why.
retention := fraud.pci_retention if fraud.reads_cardholder_data
