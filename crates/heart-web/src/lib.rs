//! heart-web
