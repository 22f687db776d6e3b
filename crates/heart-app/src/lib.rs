//! heart-app
