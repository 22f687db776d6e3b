-- Alerts by email, for those who choose it where mail is set up: they wait in the alerts' outbox with the devices'
-- alerts (channel 'email', subscription_id then naming the person), under the same claim, retries and one-node rule;
-- the address is sealed with the person's number.
ALTER TABLE push_outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'push';
ALTER TABLE alert_ways ADD COLUMN by_email BOOLEAN NOT NULL DEFAULT FALSE;
