//! Form bodies: repeated keys (checkbox groups) and one-line access.

use axum::body::Bytes;

#[derive(Debug, Default)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &Bytes) -> Self {
        FormData(serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default())
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// The value, trimmed, or None when empty.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    }
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("on" | "yes" | "true" | "1"))
    }
    /// Keys with a prefix, prefix removed (e.g. `q_medical=yes` -> `medical`).
    pub fn prefixed(&self, prefix: &str) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(prefix).map(|q| (q.to_string(), v.clone())))
            .collect()
    }
    pub fn number(&self, key: &str) -> Result<Option<f64>, ()> {
        match self.text(key) {
            None => Ok(None),
            Some(s) => s.parse::<f64>().map(Some).map_err(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_and_flags() {
        let f = FormData::parse(&Bytes::from_static(
            b"needs=food&needs=housing&safe_text=on&q_medical=no&summary=+hi+",
        ));
        assert_eq!(f.all("needs"), vec!["food", "housing"]);
        assert!(f.flag("safe_text") && !f.flag("safe_call"));
        assert_eq!(
            f.prefixed("q_"),
            vec![("medical".to_string(), "no".to_string())]
        );
        assert_eq!(f.text("summary").as_deref(), Some("hi"));
    }
}
