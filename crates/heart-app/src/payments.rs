//! Payment providers behind one trait: Stripe (Checkout Sessions, signed webhooks, refunds) and `manual` (cash,
//! check, bank transfer entered by someone holding `finance`).
//!
//! Stripe is spoken to exactly as its API documents it: form-encoded requests with a secret key and an
//! `Idempotency-Key`, and webhooks signed in `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
//! "<t>.<body>">` under the endpoint's signing secret. The base URL is configurable so tests run against a local
//! fake.

use std::future::Future;
use std::pin::Pin;

/// What a checkout needs to know. No personal data of people served ever reaches a provider: only the donor's
/// own email, which they typed for their receipt.
#[derive(Clone, Debug)]
pub struct CheckoutRequest {
    pub donation_id: String,
    pub amount_minor: i64,
    /// Lower-case ISO code ("usd").
    pub currency: String,
    pub monthly: bool,
    /// "Gift to HEART: General fund".
    pub description: String,
    pub email: String,
    pub success_url: String,
    pub cancel_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkout {
    /// The provider's session id.
    pub id: String,
    /// Where the donor pays.
    pub url: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProviderError {
    #[error("online payment is not set up here")]
    NotOnline,
    #[error("the payment provider could not be reached")]
    Unreachable,
    #[error("the payment provider refused the request ({0})")]
    Refused(u16),
    #[error("the payment provider answered something unexpected")]
    BadAnswer,
}

pub use heart_crypto::webhook::{WebhookError, stripe_signature_header, verify_stripe_signature};

type Fut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A way to take and give back money.
pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// A hosted page where the donor pays.
    fn checkout<'a>(&'a self, req: &'a CheckoutRequest)
    -> Fut<'a, Result<Checkout, ProviderError>>;
    /// Gives back `amount_minor` of a payment; returns the provider's refund id.
    fn refund<'a>(
        &'a self,
        payment_ref: &'a str,
        amount_minor: i64,
        idempotency_key: &'a str,
    ) -> Fut<'a, Result<String, ProviderError>>;
    /// The fee the provider took on a payment, from its balance transaction (minor units).
    fn fee<'a>(&'a self, balance_transaction: &'a str) -> Fut<'a, Result<i64, ProviderError>>;
    /// Checks a webhook's signature header against its raw body at `now` (unix seconds).
    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), WebhookError>;
    /// Signs a webhook as this provider would (only the demo's test provider can; a real provider's events
    /// come from the provider alone).
    fn sign_test_event(&self, _body: &[u8], _now: i64) -> Option<String> {
        None
    }
}

/// The demo's stand-in for a card provider, so the tour's giving works end to end on one machine: its "checkout"
/// is heart's own page (`/donate/test-checkout/{donation}`, marked "test mode: no money moves"), whose button
/// sends heart the event a provider would, signed like Stripe's under a key made when the server started. No
/// money moves and nothing leaves the machine. heart sets it only under `--demo`, when no provider is set.
pub struct DemoTest {
    secret: String,
}

impl DemoTest {
    pub const NAME: &'static str = "test";
    pub fn new() -> Self {
        DemoTest {
            secret: heart_crypto::random_token(32),
        }
    }
}

impl Default for DemoTest {
    fn default() -> Self {
        Self::new()
    }
}

impl PaymentProvider for DemoTest {
    fn name(&self) -> &'static str {
        Self::NAME
    }
    fn checkout<'a>(
        &'a self,
        req: &'a CheckoutRequest,
    ) -> Fut<'a, Result<Checkout, ProviderError>> {
        Box::pin(async move {
            // The same server the donor is on: the receipt's address, without its path.
            let base = req
                .success_url
                .split("/donate/receipt/")
                .next()
                .unwrap_or("");
            Ok(Checkout {
                id: format!("cs_test_{}", req.donation_id),
                url: format!("{base}/donate/test-checkout/{}", req.donation_id),
            })
        })
    }
    fn refund<'a>(
        &'a self,
        payment_ref: &'a str,
        _: i64,
        _: &'a str,
    ) -> Fut<'a, Result<String, ProviderError>> {
        Box::pin(async move { Ok(format!("re_test_{payment_ref}")) })
    }
    fn fee<'a>(&'a self, _: &'a str) -> Fut<'a, Result<i64, ProviderError>> {
        Box::pin(async { Ok(0) })
    }
    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), WebhookError> {
        verify_stripe_signature(&self.secret, signature, body, now, 300)
    }
    fn sign_test_event(&self, body: &[u8], now: i64) -> Option<String> {
        Some(stripe_signature_header(&self.secret, now, body))
    }
}

/// Cash, checks and bank transfers, entered by hand: nothing to call.
pub struct Manual;

impl PaymentProvider for Manual {
    fn name(&self) -> &'static str {
        "manual"
    }
    fn checkout<'a>(&'a self, _: &'a CheckoutRequest) -> Fut<'a, Result<Checkout, ProviderError>> {
        Box::pin(async { Err(ProviderError::NotOnline) })
    }
    fn refund<'a>(
        &'a self,
        _: &'a str,
        _: i64,
        _: &'a str,
    ) -> Fut<'a, Result<String, ProviderError>> {
        Box::pin(async { Ok("manual".to_string()) })
    }
    fn fee<'a>(&'a self, _: &'a str) -> Fut<'a, Result<i64, ProviderError>> {
        Box::pin(async { Err(ProviderError::NotOnline) })
    }
    fn verify_webhook(&self, _: Option<&str>, _: &[u8], _: i64) -> Result<(), WebhookError> {
        Err(WebhookError::NotConfigured)
    }
}

/// Stripe's API.
pub struct Stripe {
    pub api_base: String,
    pub secret_key: String,
    pub webhook_secret: String,
    /// Seconds a signed webhook stays valid (Stripe's libraries use 300).
    pub tolerance_secs: i64,
    pub http: reqwest::Client,
}

impl Stripe {
    pub fn new(
        api_base: &str,
        secret_key: &str,
        webhook_secret: &str,
        tolerance_secs: i64,
    ) -> Self {
        ensure_tls_provider();
        Stripe {
            api_base: api_base.trim_end_matches('/').to_string(),
            secret_key: secret_key.to_string(),
            webhook_secret: webhook_secret.to_string(),
            tolerance_secs,
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(20))
                .build()
                .unwrap_or_default(),
        }
    }

    async fn post(
        &self,
        path: &str,
        form: &[(String, String)],
        idempotency_key: &str,
    ) -> Result<serde_json::Value, ProviderError> {
        let r = self
            .http
            .post(format!("{}{path}", self.api_base))
            .bearer_auth(&self.secret_key)
            .header("Idempotency-Key", idempotency_key)
            .form(form)
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e.without_url(), "the payment provider could not be reached");
                ProviderError::Unreachable
            })?;
        let status = r.status();
        if !status.is_success() {
            tracing::warn!(
                status = status.as_u16(),
                path,
                "the payment provider refused a request"
            );
            return Err(ProviderError::Refused(status.as_u16()));
        }
        r.json().await.map_err(|_| ProviderError::BadAnswer)
    }
}

/// The form Stripe's `POST /v1/checkout/sessions` takes for a one-time or monthly gift of a chosen amount.
pub fn stripe_checkout_form(req: &CheckoutRequest) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        (
            "mode".into(),
            if req.monthly {
                "subscription"
            } else {
                "payment"
            }
            .into(),
        ),
        ("success_url".into(), req.success_url.clone()),
        ("cancel_url".into(), req.cancel_url.clone()),
        ("client_reference_id".into(), req.donation_id.clone()),
        ("customer_email".into(), req.email.clone()),
        ("line_items[0][quantity]".into(), "1".into()),
        (
            "line_items[0][price_data][currency]".into(),
            req.currency.clone(),
        ),
        (
            "line_items[0][price_data][unit_amount]".into(),
            req.amount_minor.to_string(),
        ),
        (
            "line_items[0][price_data][product_data][name]".into(),
            req.description.clone(),
        ),
        ("metadata[donation_id]".into(), req.donation_id.clone()),
    ];
    if req.monthly {
        f.push((
            "line_items[0][price_data][recurring][interval]".into(),
            "month".into(),
        ));
        f.push((
            "subscription_data[metadata][donation_id]".into(),
            req.donation_id.clone(),
        ));
    } else {
        f.push(("submit_type".into(), "donate".into()));
        f.push((
            "payment_intent_data[metadata][donation_id]".into(),
            req.donation_id.clone(),
        ));
    }
    f
}

impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn checkout<'a>(
        &'a self,
        req: &'a CheckoutRequest,
    ) -> Fut<'a, Result<Checkout, ProviderError>> {
        Box::pin(async move {
            let v = self
                .post(
                    "/v1/checkout/sessions",
                    &stripe_checkout_form(req),
                    &format!("checkout-{}", req.donation_id),
                )
                .await?;
            match (v["id"].as_str(), v["url"].as_str()) {
                (Some(id), Some(url))
                    if url.starts_with("https://") || url.starts_with("http://") =>
                {
                    Ok(Checkout {
                        id: id.to_string(),
                        url: url.to_string(),
                    })
                }
                _ => Err(ProviderError::BadAnswer),
            }
        })
    }

    fn refund<'a>(
        &'a self,
        payment_ref: &'a str,
        amount_minor: i64,
        idempotency_key: &'a str,
    ) -> Fut<'a, Result<String, ProviderError>> {
        Box::pin(async move {
            let v = self
                .post(
                    "/v1/refunds",
                    &[
                        ("payment_intent".into(), payment_ref.to_string()),
                        ("amount".into(), amount_minor.to_string()),
                    ],
                    idempotency_key,
                )
                .await?;
            v["id"]
                .as_str()
                .map(String::from)
                .ok_or(ProviderError::BadAnswer)
        })
    }

    fn fee<'a>(&'a self, balance_transaction: &'a str) -> Fut<'a, Result<i64, ProviderError>> {
        Box::pin(async move {
            // An id of Stripe's own shape only: it goes into the path.
            if balance_transaction.is_empty()
                || !balance_transaction
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                return Err(ProviderError::BadAnswer);
            }
            let r = self
                .http
                .get(format!(
                    "{}/v1/balance_transactions/{balance_transaction}",
                    self.api_base
                ))
                .bearer_auth(&self.secret_key)
                .send()
                .await
                .map_err(|_| ProviderError::Unreachable)?;
            if !r.status().is_success() {
                return Err(ProviderError::Refused(r.status().as_u16()));
            }
            let v: serde_json::Value = r.json().await.map_err(|_| ProviderError::BadAnswer)?;
            v["fee"]
                .as_i64()
                .filter(|f| *f >= 0)
                .ok_or(ProviderError::BadAnswer)
        })
    }

    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), WebhookError> {
        verify_stripe_signature(
            &self.webhook_secret,
            signature,
            body,
            now,
            self.tolerance_secs,
        )
    }
}

/// rustls with the `ring` provider (no C toolchain beyond cc, no cmake), installed once per process.
pub fn ensure_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_form_has_stripes_shape() {
        let req = CheckoutRequest {
            donation_id: "d1".into(),
            amount_minor: 2_750,
            currency: "usd".into(),
            monthly: true,
            description: "Gift".into(),
            email: "a@example.org".into(),
            success_url: "https://x/ok".into(),
            cancel_url: "https://x/no".into(),
        };
        let f = stripe_checkout_form(&req);
        let get = |k: &str| f.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(get("mode"), Some("subscription"));
        assert_eq!(get("line_items[0][price_data][unit_amount]"), Some("2750"));
        assert_eq!(
            get("line_items[0][price_data][recurring][interval]"),
            Some("month")
        );
        assert_eq!(get("submit_type"), None);
    }
}
