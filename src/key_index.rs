//! A read-only multimap from short strings (domains, labels) to the positions of the items that
//! have them, built without an allocation per key: one table of slots, probed linearly from the
//! key's FNV-1a hash. Keys are not stored; a lookup asks the caller whether a candidate's key is
//! the one sought. The keys are our own data and the user's, so there is no flooding to defend
//! against, and FNV-1a costs a fraction of SipHash for keys this short.

/// Marks a slot no key has taken.
const EMPTY: u32 = u32::MAX;

#[derive(Debug, Clone, Default)]
pub struct KeyIndex {
    /// Positions, each in the first free slot from its key's hash on, with the hash's high half
    /// to tell most other keys apart without comparing them; at most half are taken.
    slots: Vec<(u32, u32)>,
}

impl KeyIndex {
    /// Indexes `keys` by their positions in the sequence.
    pub fn new<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut slots = vec![(EMPTY, 0); (keys.len() * 2).next_power_of_two().max(8)];
        let mask = slots.len() - 1;
        for (position, key) in keys.enumerate() {
            let Ok(position) = u32::try_from(position) else {
                break;
            };
            let (mut at, tag) = hash(key, mask);
            while let Some(slot) = slots.get_mut(at) {
                if slot.0 == EMPTY {
                    *slot = (position, tag);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        KeyIndex { slots }
    }

    /// Calls `found` with each position whose key `is_key` says is `key`, in no particular order.
    pub fn find(&self, key: &str, is_key: impl Fn(usize) -> bool, mut found: impl FnMut(usize)) {
        let mask = self.slots.len().wrapping_sub(1);
        let (mut at, tag) = hash(key, mask);
        // A run of taken slots ends at a free one: there is always one.
        while let Some(&(position, slot_tag)) = self.slots.get(at).filter(|s| s.0 != EMPTY) {
            if slot_tag == tag && is_key(position as usize) {
                found(position as usize);
            }
            at = (at + 1) & mask;
        }
    }
}

/// FNV-1a: the low half picks the first slot to try, the high half is the tag.
fn hash(key: &str, mask: usize) -> (usize, u32) {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    ((hash as usize) & mask, (hash >> 32) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(index: &KeyIndex, keys: &[&str], key: &str) -> Vec<usize> {
        let mut found = Vec::new();
        index.find(key, |i| keys.get(i) == Some(&key), |i| found.push(i));
        found.sort_unstable();
        found
    }

    #[test]
    fn finds_every_position_of_a_key_and_nothing_else() {
        let keys: Vec<String> = (0..500)
            .map(|i| format!("key{}.example", i % 200))
            .collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let index = KeyIndex::new(refs.iter().copied());
        for k in 0..200 {
            let key = format!("key{k}.example");
            let expected: Vec<usize> = (0..500).filter(|i| i % 200 == k).collect();
            assert_eq!(lookup(&index, &refs, &key), expected, "{key}");
        }
        assert!(lookup(&index, &refs, "key200.example").is_empty());
        assert!(lookup(&index, &refs, "").is_empty());
    }

    #[test]
    fn an_empty_index_finds_nothing() {
        let index = KeyIndex::new(std::iter::empty());
        assert!(lookup(&index, &[], "anything").is_empty());
        assert!(lookup(&KeyIndex::default(), &[], "anything").is_empty());
    }
}
