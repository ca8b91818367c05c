//! A small least-recently-used cache of pages, so going back to a visited page is instant.

/// Pages kept per element: the data of visited pages and, while the timeline is on screen,
/// their rendered cards.
pub const CACHED_PAGES: usize = 8;

/// A bounded LRU map. Few entries (a handful of pages), so a vector beats a hash map in both
/// code size and speed.
#[derive(Debug, Clone)]
pub struct LruCache<K, V> {
    capacity: usize,
    // Oldest first; a hit moves the entry to the back.
    entries: Vec<(K, V)>,
}

impl<K: PartialEq, V> LruCache<K, V> {
    /// A cache holding at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            entries: Vec::new(),
        }
    }

    /// The value for `key`, marking it most recently used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let index = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(index);
        self.entries.push(entry);
        self.entries.last().map(|(_, v)| v)
    }

    /// The value for `key`, without touching its recency.
    pub fn peek(&self, key: &K) -> Option<&V> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is cached, without touching its recency.
    pub fn contains(&self, key: &K) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Stores `value`, replacing any entry for `key` and evicting the least recently used entry
    /// when full.
    pub fn insert(&mut self, key: K, value: V) {
        self.entries.retain(|(k, _)| *k != key);
        if self.entries.len() == self.capacity {
            self.entries.remove(0);
        }
        self.entries.push((key, value));
    }

    /// Drops every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// How many entries are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_recently_used_entry_is_evicted_first() {
        let mut cache = LruCache::new(2);
        cache.insert(1, "one");
        cache.insert(2, "two");
        assert_eq!(cache.get(&1), Some(&"one"));
        cache.insert(3, "three");
        assert!(!cache.contains(&2), "2 was least recently used");
        assert!(cache.contains(&1) && cache.contains(&3));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn peeking_leaves_the_order_alone() {
        let mut cache = LruCache::new(2);
        cache.insert(1, "one");
        cache.insert(2, "two");
        assert_eq!(cache.peek(&1), Some(&"one"));
        cache.insert(3, "three");
        assert!(!cache.contains(&1), "a peek does not make 1 recent");
        assert_eq!(cache.peek(&4), None);
    }

    #[test]
    fn reinserting_a_key_replaces_without_growing() {
        let mut cache = LruCache::new(3);
        cache.insert("p1", 1);
        cache.insert("p1", 2);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get(&"p1"), Some(&2));
    }

    #[test]
    fn clear_and_zero_capacity_are_safe() {
        let mut cache = LruCache::new(0);
        cache.insert(1, 1);
        cache.insert(2, 2);
        assert_eq!(cache.len(), 1, "capacity is at least one");
        cache.clear();
        assert!(cache.is_empty());
        assert_eq!(cache.get(&2), None);
    }
}
