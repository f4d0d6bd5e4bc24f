//! The cross-check (placeholder until written).
use crate::diagnostic::Diagnostics;
use crate::model::{Bulletin, Site};

pub fn check_bulletin(_site: &Site, _b: &Bulletin, _diags: &mut Diagnostics) {}
