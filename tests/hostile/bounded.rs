//! Hostile inputs: bounded. (Cases are added by the work on issues 12 and 13.)
