-- One open referral per request and service: a double click or a retry does not send the person twice.
CREATE UNIQUE INDEX referrals_open_once ON referrals(request_id, service_id) WHERE status IN ('sent', 'accepted');
