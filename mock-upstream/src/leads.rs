//! The seeded data set: which lead IDs exist and what each one answers. The README's lead table
//! documents this file; keep the two in step.

use std::collections::HashMap;
use std::sync::Arc;

use task_history_protocol::wire::TaskRow;

use crate::config::{MockConfig, OWN_ORG_ID};
use crate::faults::Fault;
use crate::generate::{StatusMix, tasks};
use crate::hostile::hostile_rows;
use crate::seed_lead::{SEED_LEAD_ID, seed_rows};

/// A lead with no tasks.
pub const EMPTY_LEAD: u64 = 20001;
/// A lead whose tasks fit on one page.
pub const ONE_PAGE_LEAD: u64 = 20002;
/// A lead with 137 tasks: 7 pages of 20.
pub const SEVERAL_PAGES_LEAD: u64 = 20003;
/// A lead with 10,000 tasks.
pub const HUGE_LEAD: u64 = 20004;
/// A lead with overdue, completed and future pending tasks relative to `now`.
pub const MIXED_STATUS_LEAD: u64 = 20005;
/// A lead with hostile content.
pub const HOSTILE_LEAD: u64 = 20006;
/// A lead that exists but belongs to another organisation: 404 like an unknown one.
pub const OTHER_ORG_LEAD: u64 = 20099;
/// Tasks a fault lead serves once faults are cleared.
const FAULT_LEAD_TASKS: usize = 5;

/// One lead of the data set.
#[derive(Debug, Clone)]
pub struct Lead {
    /// The organisation owning the lead.
    pub org_id: u64,
    /// Its tasks, newest `created_at` first (ties: higher id first).
    pub tasks: Arc<Vec<TaskRow>>,
    /// The fault this lead answers with while faults are on.
    pub fault: Option<Fault>,
}

/// Every seeded lead by ID.
#[derive(Debug, Clone)]
pub struct Dataset {
    leads: HashMap<u64, Lead>,
}

impl Dataset {
    /// Lays out the data set around `config.now`; the same `now` always gives the same data.
    pub fn build(config: &MockConfig) -> Self {
        let now = config.now;
        let realistic = |lead, count| tasks(lead, count, now, StatusMix::Realistic);
        let mut leads = HashMap::new();
        let mut own = |id: u64, rows: Vec<TaskRow>, fault: Option<Fault>| {
            leads.insert(id, Lead::new(OWN_ORG_ID, rows, fault));
        };
        own(SEED_LEAD_ID, seed_rows(), None);
        own(EMPTY_LEAD, Vec::new(), None);
        own(ONE_PAGE_LEAD, realistic(ONE_PAGE_LEAD, 8), None);
        own(SEVERAL_PAGES_LEAD, realistic(SEVERAL_PAGES_LEAD, 137), None);
        own(HUGE_LEAD, realistic(HUGE_LEAD, 10_000), None);
        own(
            MIXED_STATUS_LEAD,
            tasks(
                MIXED_STATUS_LEAD,
                24,
                now,
                StatusMix::OverdueCompletedPending,
            ),
            None,
        );
        own(HOSTILE_LEAD, hostile_rows(HOSTILE_LEAD, now), None);
        for fault in Fault::ALL {
            own(
                fault.lead_id(),
                realistic(fault.lead_id(), FAULT_LEAD_TASKS),
                Some(fault),
            );
        }
        leads.insert(
            OTHER_ORG_LEAD,
            Lead::new(7, realistic(OTHER_ORG_LEAD, 3), None),
        );
        Self { leads }
    }

    /// The lead, if it exists in any organisation.
    pub fn lead(&self, id: u64) -> Option<&Lead> {
        self.leads.get(&id)
    }
}

impl Lead {
    fn new(org_id: u64, mut tasks: Vec<TaskRow>, fault: Option<Fault>) -> Self {
        // ISO 8601 UTC strings of one fixed width sort like the instants they name.
        tasks.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        Self {
            org_id,
            tasks: Arc::new(tasks),
            fault,
        }
    }
}
