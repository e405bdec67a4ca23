//! WeChat's limit of ten network requests in flight; later ones wait, first in first out.

use std::collections::VecDeque;

/// How many requests (`request`, `uploadFile` and `downloadFile` together) run at once.
pub const MAX_CONCURRENT_REQUESTS: usize = 10;

/// What happens to a submitted request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Start it now.
    Start,
    /// It waits; a later [`RequestQueue::finish`] returns its id when it may start.
    Queued,
}

/// The requests in flight and those waiting for a slot, by the glue's ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestQueue {
    active: Vec<u64>,
    waiting: VecDeque<u64>,
}

impl RequestQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Admits request `id`. Submitting an id that is already known changes nothing and
    /// reports where it is.
    pub fn submit(&mut self, id: u64) -> Admission {
        if self.active.contains(&id) {
            Admission::Start
        } else if self.waiting.contains(&id) {
            Admission::Queued
        } else if self.active.len() < MAX_CONCURRENT_REQUESTS {
            self.active.push(id);
            Admission::Start
        } else {
            self.waiting.push_back(id);
            Admission::Queued
        }
    }

    /// Request `id` completed, failed or was aborted. An active one frees its slot and
    /// the ids to start now are returned, oldest first; a waiting one is just removed.
    /// An unknown id changes nothing.
    pub fn finish(&mut self, id: u64) -> Vec<u64> {
        if let Some(i) = self.active.iter().position(|&a| a == id) {
            self.active.remove(i);
        } else if let Some(i) = self.waiting.iter().position(|&w| w == id) {
            self.waiting.remove(i);
            return Vec::new();
        } else {
            return Vec::new();
        }
        let mut started = Vec::new();
        while self.active.len() < MAX_CONCURRENT_REQUESTS {
            let Some(next) = self.waiting.pop_front() else {
                break;
            };
            self.active.push(next);
            started.push(next);
        }
        started
    }

    /// Empties the queue, returning every id, active ones first then waiting ones in
    /// order: what fails with `request:fail interrupted` when the background rule fires.
    pub fn drain(&mut self) -> Vec<u64> {
        let mut all: Vec<u64> = self.active.drain(..).collect();
        all.extend(self.waiting.drain(..));
        all
    }

    /// Whether request `id` is in flight.
    pub fn is_active(&self, id: u64) -> bool {
        self.active.contains(&id)
    }

    /// How many requests are in flight.
    pub fn len_active(&self) -> usize {
        self.active.len()
    }

    /// How many requests wait for a slot.
    pub fn len_waiting(&self) -> usize {
        self.waiting.len()
    }
}
