-- Graph directoryAudit.additionalDetails: what the requester stated about a change that is not a property of the
-- changed object (e.g. how the enrollment station provisioned a security key), a JSON array of {key, value}.
alter table directory_audit add column additional_details varchar(8192);
