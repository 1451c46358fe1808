//! The small test dictionary (tests/golden/dict.*) compiled into a coder, shared by the tests.

use petrel_coder::{Coder, CoderOptions};
use std::sync::Arc;

/// A coder over the test dictionaries; `discards` is a discard-list text (empty for none).
pub fn coder(discards: &[u8]) -> Coder {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap();
    let (verbs, vd) = petrel_lexicon::verbs::parse(&read("dict.verbs.txt"), "dict.verbs.txt");
    assert!(vd.is_empty(), "{vd:?}");
    let (actors, _) = petrel_lexicon::actors::parse(read("dict.actors.txt").as_bytes(), "dict.actors.txt");
    let (agents, _) = petrel_lexicon::agents::parse(read("dict.agents.txt").as_bytes(), "dict.agents.txt");
    let lexicon = petrel_lexicon::Lexicon {
        verbs,
        actors: petrel_lexicon::actors::ActorDict::from_entries(actors),
        agents: petrel_lexicon::agents::AgentDict::from_entries(agents),
        discards: petrel_lexicon::discards::DiscardList::from_entries(petrel_lexicon::discards::parse(discards, "discards").0),
        issues: Default::default(),
    };
    Coder::new(Arc::new(lexicon), CoderOptions::default())
}
