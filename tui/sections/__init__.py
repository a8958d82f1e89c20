"""The Billing tab's sections: invoices, recipients, payment, address, change requests."""
