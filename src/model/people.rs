//! The CRM's people, as the host gives them (`users`): user ID → name and, optionally, an
//! avatar. The List Tasks API only has IDs; names replace the "User #678" fallback wherever an
//! ID is shown.

/// One person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name shown instead of the ID.
    pub name: String,
    /// A picture shown beside the name, when given.
    pub avatar_url: Option<String>,
}

/// The people the host named, looked up by user ID.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    /// Sorted by ID, one entry per ID (the last one given wins).
    by_id: Vec<(u64, Person)>,
}

impl People {
    /// From `(id, person)` pairs in any order; a repeated ID keeps its last person, and a
    /// blank name is no name.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u64, Person)>) -> Self {
        let mut by_id: Vec<(u64, Person)> = Vec::new();
        for (id, mut person) in pairs {
            person.name = person.name.trim().to_owned();
            if person.name.is_empty() {
                continue;
            }
            match by_id.binary_search_by_key(&id, |(known, _)| *known) {
                Ok(at) => by_id[at].1 = person,
                Err(at) => by_id.insert(at, (id, person)),
            }
        }
        Self { by_id }
    }

    /// The person with this ID, if the host named one.
    pub fn get(&self, id: u64) -> Option<&Person> {
        let at = self
            .by_id
            .binary_search_by_key(&id, |(known, _)| *known)
            .ok()?;
        Some(&self.by_id[at].1)
    }

    /// How many people are known.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Person {
        Person {
            name: name.to_owned(),
            avatar_url: None,
        }
    }

    #[test]
    fn the_last_of_a_repeated_id_wins_and_blank_names_are_dropped() {
        let people = People::from_pairs([
            (5, named("Old")),
            (3, named("  ")),
            (5, named(" New ")),
            (4, named("Four")),
        ]);
        assert_eq!(people.len(), 2);
        assert_eq!(people.get(5).map(|p| p.name.as_str()), Some("New"));
        assert_eq!(people.get(3), None);
        assert_eq!(people.get(4).map(|p| p.name.as_str()), Some("Four"));
    }
}
