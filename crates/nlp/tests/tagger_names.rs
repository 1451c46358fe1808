//! The embedded tagger on nationality adjectives and place names that UD English EWT never has
//! (news words the tagger knows from the gazetteer word lists stored in its model). A table of
//! (sentence, word, expected UPOS) on gold tokens.

use petrel_nlp::tagger::sentence_from_forms;
use petrel_nlp::Pipeline;

const CASES: &[(&str, &str, &str)] = &[
    ("The Burkinabe army denied the report .", "Burkinabe", "ADJ"),
    ("An Eritrean delegation arrived in Khartoum .", "Eritrean", "ADJ"),
    ("The Kyrgyz president met Kazakh officials in Bishkek .", "Kyrgyz", "ADJ"),
    ("The Kyrgyz president met Kazakh officials in Bishkek .", "Kazakh", "ADJ"),
    ("The Kyrgyz president met Kazakh officials in Bishkek .", "Bishkek", "PROPN"),
    ("Somali forces and Ethiopian troops clashed .", "Somali", "ADJ"),
    ("Gregory Hale , a Ukrainian - American who was arrested in 2023 , was released .", "Ukrainian", "ADJ"),
    ("Gregory Hale , a Ukrainian - American who was arrested in 2023 , was released .", "Gregory", "PROPN"),
    ("In Brussels , ministers pledged more aid .", "Brussels", "PROPN"),
    ("Protesters gathered in Kharkiv on Sunday .", "Kharkiv", "PROPN"),
    ("Troops left Mariupol in May .", "Mariupol", "PROPN"),
    ("Rebels attacked a convoy near Goma .", "Goma", "PROPN"),
];

#[test]
fn unseen_nationality_adjectives_and_places() {
    if !Pipeline::has_embedded_models().0 {
        eprintln!("no embedded tagger in this build: skipped");
        return;
    }
    let nlp = Pipeline::embedded().expect("embedded models decode");
    let mut wrong = Vec::new();
    for (text, word, want) in CASES {
        let forms: Vec<&str> = text.split(' ').collect();
        let mut s = sentence_from_forms(&forms);
        nlp.tag(&mut s);
        let i = forms.iter().position(|f| f == word).expect("word in its sentence");
        if s.tokens[i].upos != *want {
            wrong.push(format!("{word} in {text:?}: {} (expected {want})", s.tokens[i].upos));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), CASES.len(), wrong.join("\n"));
}
