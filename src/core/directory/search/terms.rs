//! The search term map: groups of words that mean the same thing, across languages
//! ("domestic violence" = "violencia doméstica"), read from `assets/directory/terms/*.tsv`
//! (one file per language pair, found by `build.rs`), so a query in either language finds
//! the same services and a language pair is added without code.
//!
//! File format: `#` lines are comments; the first other line names the columns
//! (languages); each following line is one group, one cell per language, a cell holding
//! phrases separated by `|`. Phrases are tokenised like the index (folded case and
//! accents, stop words dropped). A phrase found in two groups (or two files) joins them.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tokens::tokens;

include!(concat!(env!("OUT_DIR"), "/term_maps.rs"));

/// A map file that cannot be read (which file and line; never its text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("term map {file}: line {line} is not a group of phrases")]
pub struct TermMapError {
    /// The language pair ("en-es").
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

/// Groups of equivalent phrases, each phrase as index tokens.
#[derive(Debug, Clone, Default)]
pub struct TermMap {
    groups: Vec<Vec<Vec<String>>>,
    /// First token → (phrase, group).
    first: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// One query word or phrase and the ways a resource can match it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    /// The query tokens it stands for (for "no service matched these words").
    pub text: String,
    /// Any one alternative matches the clause.
    pub alts: Vec<Alt>,
}

/// A sequence of tokens a resource must all contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alt {
    /// Index tokens.
    pub tokens: Vec<String>,
    /// The last token may match as a prefix (the word being typed).
    pub prefix_last: bool,
    /// Came from the term map (not typed).
    pub mapped: bool,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        x = p;
    }
    x
}

impl TermMap {
    /// Parse map files `(language pair, text)`.
    pub fn parse(sources: &[(&str, &str)]) -> Result<TermMap, TermMapError> {
        // Phrase key → union-find node; nodes of one line are joined.
        let mut node_of: HashMap<Vec<String>, usize> = HashMap::new();
        let mut phrases: Vec<Vec<String>> = Vec::new();
        let mut parent: Vec<usize> = Vec::new();
        for (file, text) in sources {
            let mut header_seen = false;
            for (n, line) in text.lines().enumerate() {
                let err = || TermMapError {
                    file: (*file).to_owned(),
                    line: n + 1,
                };
                let line = line.trim_end_matches('\r');
                if line.trim().is_empty() || line.trim_start().starts_with('#') {
                    continue;
                }
                if !header_seen {
                    header_seen = true;
                    continue;
                }
                let mut nodes = Vec::new();
                for cell in line.split('\t') {
                    for phrase in cell.split('|') {
                        let toks = tokens(phrase);
                        if toks.is_empty() {
                            continue;
                        }
                        let id = *node_of.entry(toks.clone()).or_insert_with(|| {
                            phrases.push(toks);
                            parent.push(phrases.len() - 1);
                            phrases.len() - 1
                        });
                        nodes.push(id);
                    }
                }
                if nodes.len() < 2 && !line.contains('\t') {
                    return Err(err());
                }
                if let Some((&a, rest)) = nodes.split_first() {
                    for &b in rest {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        if ra != rb {
                            if let Some(p) = parent.get_mut(rb) {
                                *p = ra;
                            }
                        }
                    }
                }
            }
        }
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        let mut map = TermMap::default();
        for (i, toks) in phrases.into_iter().enumerate() {
            let root = find(&mut parent, i);
            let g = *group_of_root.entry(root).or_insert_with(|| {
                map.groups.push(Vec::new());
                map.groups.len() - 1
            });
            if let Some(first) = toks.first() {
                map.first
                    .entry(first.clone())
                    .or_default()
                    .push((toks.clone(), g));
            }
            if let Some(group) = map.groups.get_mut(g) {
                group.push(toks);
            }
        }
        Ok(map)
    }

    /// The bundled maps (every `assets/directory/terms/*.tsv`), parsed once. A file that
    /// does not parse leaves the map empty (a test keeps the bundled files valid).
    pub fn bundled() -> &'static TermMap {
        static MAP: OnceLock<TermMap> = OnceLock::new();
        MAP.get_or_init(|| TermMap::parse(TERM_MAPS).unwrap_or_default())
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every phrase equivalent to `text` (itself included), as folded text; empty when
    /// the map does not know it.
    pub fn equivalents(&self, text: &str) -> Vec<String> {
        let toks = tokens(text);
        let Some(first) = toks.first() else {
            return Vec::new();
        };
        self.first
            .get(first)
            .and_then(|c| c.iter().find(|(p, _)| *p == toks))
            .and_then(|(_, g)| self.groups.get(*g))
            .map(|g| g.iter().map(|p| p.join(" ")).collect())
            .unwrap_or_default()
    }

    /// The clauses of a query's tokens: each longest run of tokens the map knows becomes
    /// one clause with the group's phrases as alternatives; any other token is a clause
    /// of its own. `last_prefix`: the last token is still being typed.
    pub(crate) fn clauses(&self, toks: &[String], last_prefix: bool) -> Vec<Clause> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(tok) = toks.get(i) {
            let rest = toks.get(i..).unwrap_or(&[]);
            let best = self.first.get(tok).and_then(|cands| {
                cands
                    .iter()
                    .filter(|(p, _)| rest.starts_with(p))
                    .max_by_key(|(p, _)| p.len())
            });
            let len = best.map_or(1, |(p, _)| p.len());
            let own = rest.get(..len).unwrap_or(&[]).to_vec();
            let at_end = i + len == toks.len();
            let mut alts = vec![Alt {
                tokens: own.clone(),
                prefix_last: last_prefix && at_end,
                mapped: false,
            }];
            if let Some((_, g)) = best {
                for p in self.groups.get(*g).into_iter().flatten() {
                    if *p != own {
                        alts.push(Alt {
                            tokens: p.clone(),
                            prefix_last: false,
                            mapped: true,
                        });
                    }
                }
            }
            out.push(Clause {
                text: own.join(" "),
                alts,
            });
            i += len;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_maps_parse_and_join_languages() {
        let m = TermMap::parse(TERM_MAPS).expect("bundled term maps parse");
        assert!(m.len() >= 30);
        assert!(TERM_MAPS.iter().any(|(pair, _)| *pair == "en-es"));
        let dv = m.equivalents("Violencia Doméstica");
        assert!(dv.contains(&"domestic violence".to_owned()), "{dv:?}");
        assert!(m.equivalents("niños").contains(&"children".to_owned()));
        assert!(m.equivalents("trata").contains(&"trafficking".to_owned()));
        assert!(m.equivalents("refugio").contains(&"shelter".to_owned()));
        assert!(m.equivalents("SORDO").contains(&"deaf".to_owned()));
        assert!(m.equivalents("zebra").is_empty());
    }

    #[test]
    fn clauses_take_the_longest_phrase() {
        let m = TermMap::parse(&[(
            "t",
            "a\tb\nabuse\tabuso | maltrato\nchild abuse\tabuso infantil\n",
        )])
        .unwrap();
        let toks = tokens("child abuse hotline");
        let c = m.clauses(&toks, true);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].text, "child abuse");
        assert!(c[0]
            .alts
            .iter()
            .any(|a| a.tokens == ["abuso", "infantil"] && a.mapped));
        assert_eq!(c[1].alts.len(), 1);
        assert!(c[1].alts[0].prefix_last);
        // Joined groups: a phrase shared by two lines or files joins them.
        let j =
            TermMap::parse(&[("x", "a\tb\nhelp\tayuda\n"), ("y", "a\tc\nayuda\taide\n")]).unwrap();
        assert_eq!(j.len(), 1);
        assert!(j.equivalents("help").contains(&"aide".to_owned()));
        // A group line needs two cells.
        assert_eq!(
            TermMap::parse(&[("z", "a\tb\nlonely\n")]).unwrap_err().line,
            2
        );
    }
}
