//! heart-store
