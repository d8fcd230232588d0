# Helpers of the fraud-screening policy (meshgov.finance.fraud_screening).
#
# They live in their own package on purpose: meshgov reads the whole document at
# data.meshgov.finance.fraud_screening, where every rule becomes a key of the answer and
# any key other than access, columns, rowFilters, retention and reasons is an error
# (../../../../docs/opa.md). So the decision package holds only those five rules and everything
# else is computed here.
#
# Every rule here is conditional: when nothing applies, every rule of the decision
# package is undefined and meshgov gets {} (contributes nothing).
package meshgov.lib.fraud

# --- Scope -------------------------------------------------------------------------

# The policy set's opa.match already restricts it to card authorizations. Checking the
# product here as well keeps the permit below from silently opening other finance
# products should that match ever be widened.
in_scope if input.product.id == "finance.card_authorizations"

# --- Subject and tags --------------------------------------------------------------

has_role(role) if role in input.subject.roles

in_group(group) if group in input.subject.groups

# Tags are hierarchical (../../../../docs/policy-language.md): wanted tag "pii" matches a column tagged
# "pii.email"; wanted tag "pii.email" does not match a column tagged "pii".
tagged(column, wanted) if {
	some tag in column.tags
	tag_matches(tag, wanted)
}

tag_matches(tag, wanted) if tag == wanted

tag_matches(tag, wanted) if startswith(tag, concat("", [wanted, "."]))

# Cardholder data in the PCI DSS sense: the PAN and the cardholder's e-mail.
cardholder_data_tags := ["pii.card_number", "pii.email"]

# --- Access ------------------------------------------------------------------------

# Exports copy authorizations out of the mesh, where the screening team can no longer
# see who holds them: only the fraud lead signs them off.
export_without_fraud_lead if {
	in_scope
	input.request.action == "export"
	not has_role("fraud-lead")
}

# The fraud analysts (a payments-risk group, mostly outside the finance directory group)
# read authorizations while they work a fraud case, and only then.
fraud_analyst_investigating if {
	in_scope
	input.request.action == "read"
	in_group("fraud-analysts")
	input.request.purpose == "fraud-investigation"
}

# At most one verdict, so `access` and `reasons` of the decision package always come
# together (reasons explain access and are never sent alone). The two conditions
# cannot both hold (export vs read); `else` makes the deny win all the same.
verdict := {
	"access": "deny",
	"rule": "export-needs-fraud-lead",
	"message": "Card authorizations are exported only with the fraud lead's sign-off (role fraud-lead).",
} if {
	export_without_fraud_lead
} else := {
	"access": "permit",
	"rule": "permit-fraud-analysts",
	"message": "Fraud analysts read card authorizations while they investigate fraud.",
} if {
	fraud_analyst_investigating
}

# --- Columns -----------------------------------------------------------------------

# The decision for one requested column; undefined when this policy has nothing to say
# about it (meshgov then keeps whatever the other rules decide). `else` orders the
# cases so that a column carrying several of these tags gets one answer, the strictest.
#
# - score-need-to-know: the fraud engine's score tells a fraudster which patterns pass;
#   only fraud investigators see it.
# - hash-email: analysts link authorizations by cardholder without reading the address:
#   a hash still joins and counts distinct. Stricter than the council's email mask.
#   pii-reader lifts this hash only; the council's own mask still holds where its
#   need-to-know exemption does not.
# - bin-and-last-four: the PAN never leaves in clear, whoever reads it; investigators
#   (whom the council exempts from its last-four mask) keep the issuer BIN and the last
#   four digits, enough to match a card across issuers and schemes.
column_decision(column) := {"effect": "deny", "rule": "score-need-to-know"} if {
	tagged(column, "finance.fraud_score")
	not has_role("fraud-investigator")
} else := {"effect": "mask", "method": "hash", "rule": "hash-email"} if {
	tagged(column, "pii.email")
	not has_role("pii-reader")
} else := {"effect": "mask", "method": "partial", "showFirst": 6, "showLast": 4, "rule": "bin-and-last-four"} if {
	tagged(column, "pii.card_number")
}

# Column name -> decision, for the requested columns only (meshgov sends all columns
# when the request names none). Empty when no requested column needs a decision.
column_decisions := {column.name: decision |
	in_scope
	some column in input.columns
	decision := column_decision(column)
}

# --- Row filters -------------------------------------------------------------------

# Chargeback agents work disputes: a declined authorization moved no money and cannot
# be disputed, and each agent is assigned one merchant market (ISO country, subject
# attribute merchant_market). meshgov substitutes the subject's value; an agent without
# the attribute sees no rows (the condition errs, and an erring filter hides rows).
row_filters contains {
	"rule": "chargeback-scope",
	"expression": "declined == false && merchant_country == subject.attributes.merchant_market",
} if {
	in_scope
	has_role("chargeback-agent")
}

# Fraud engine v3 went live on 1 January 2025; earlier scores and labels are on another
# scale, so model training sees only authorizations screened by v3.
row_filters contains {
	"rule": "recent-only",
	"expression": "authorization_date >= timestamp('2025-01-01T00:00:00Z')",
} if {
	in_scope
	input.request.purpose == "model-training"
}

# --- Retention ---------------------------------------------------------------------

# PCI DSS 3.2.1: keep cardholder data no longer than needed. After two years an
# authorization is anonymized: the PAN and the e-mail go, the row stays for statistics.
# So the obligation (and the cutoff filter meshgov derives from it) concerns requests
# that read cardholder data; a request for amounts and merchants only is not cut off.
reads_cardholder_data if {
	in_scope
	some column in input.columns
	some wanted in cardholder_data_tags
	tagged(column, wanted)
}

pci_retention := {
	"basis": "authorization_date",
	"maximum": "P2Y",
	"action": "anonymize",
	"rule": "pci-retention",
}
