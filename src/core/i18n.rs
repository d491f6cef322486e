//! Translations: Fluent messages from `assets/i18n/<lang>.ftl`, compiled in.
//!
//! English (`en`) is the reference: every other file must have the same message ids and the
//! same placeholders (a test checks it). Lookups of a missing id fall back to English, then
//! to the id itself, so a gap never crashes the app.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// The reference language.
pub const DEFAULT_LANG: &str = "en";

/// Codes of every available language, in file order.
pub fn languages() -> Vec<&'static str> {
    LANGUAGES.iter().map(|(code, _)| *code).collect()
}

/// The Fluent source of a language, if present.
pub fn source(lang: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(c, _)| *c == lang).map(|(_, s)| *s)
}

struct Catalog {
    bundles: BTreeMap<&'static str, FluentBundle<FluentResource>>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut bundles = BTreeMap::new();
        for (code, src) in LANGUAGES {
            let Ok(langid) = code.parse::<unic_langid::LanguageIdentifier>() else {
                continue;
            };
            let res = match FluentResource::try_new((*src).to_string()) {
                Ok(r) => r,
                Err((r, _errors)) => r, // keep what parsed; the test reports syntax errors
            };
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks around placeholders: they show as boxes in some fonts.
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(res);
            bundles.insert(*code, bundle);
        }
        Catalog { bundles }
    })
}

/// Translate a message with no arguments.
pub fn tr(lang: &str, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// Translate a message with named arguments (`{ $name }` in the Fluent source).
pub fn tr_args(lang: &str, id: &str, args: &[(&str, &str)]) -> String {
    let cat = catalog();
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        // Numbers go in as numbers so plural rules (`[one]`, `[other]`) apply.
        match v.parse::<i64>() {
            Ok(n) => fargs.set(*k, FluentValue::from(n)),
            Err(_) => fargs.set(*k, FluentValue::from(*v)),
        }
    }
    for code in [lang, DEFAULT_LANG] {
        if let Some(bundle) = cat.bundles.get(code) {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
                return text.into_owned();
            }
        }
    }
    id.to_string()
}

/// Message ids defined in a Fluent source, with the placeholders each one uses.
pub fn message_shapes(src: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    use fluent_syntax::ast;
    let res = fluent_syntax::parser::parse(src)
        .map_err(|(_, errs)| format!("{} syntax errors", errs.len()))?;
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                collect_vars(p, &mut vars);
            }
            for a in &m.attributes {
                collect_vars(&a.value, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    Ok(out)
}

fn collect_vars(p: &fluent_syntax::ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        if let InlineExpression::VariableReference { id } = e {
            vars.insert(id.name.to_string());
        }
        if let InlineExpression::Placeable { expression } = e {
            expr(expression, vars);
        }
    }
    fn expr(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    collect_vars(&v.value, vars);
                }
            }
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, vars);
        }
    }
}
