//! A validated request target: the element's attributes resolve to one, or to the reason none
//! may be requested (`crate::attributes`).

use task_history_protocol::query::LeadId;

use super::ProxyBase;

/// Which lead, through which proxy, with which token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The lead.
    pub lead: LeadId,
    /// The proxy base.
    pub base: ProxyBase,
    /// Bearer token for the proxy, if any.
    pub token: Option<String>,
}
