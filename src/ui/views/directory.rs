//! Find help: the directory, searched on the phone. The bundled national list shows at
//! once, with no network; a verified download (opt-in, manual) is layered on top. The
//! stored download and its settings are read, and a refresh is verified and written, off
//! the UI thread (records in [`crate::io::vault_records`]).
//!
//! Results come in the core's order (the right line first, then relevance; never the
//! alphabet). A typed ZIP becomes a coarse position from the bundled table and is kept
//! only in this screen's memory: never sent, never stored. "Open now" uses the phone's
//! time and zone (asked of the webview; UTC when it cannot say) against each service's
//! own zone. When nothing matches, the screen says which words or filters found nothing
//! and offers buttons that drop them, and the national lines that can find local help.

use crate::core::directory::hsds::US_STATES;
use crate::core::directory::search::geo::{zip_position, ZipError};
use crate::core::directory::{
    self, Directory, DirectoryStore, DownloadSettings, DownloadSource, OpenFilter, SearchQuery,
};
use crate::core::resource::{Population, Resource};
use crate::core::trust::TrustError;
use crate::io::fetch::{self, RefreshError, RefreshOutcome};
use crate::io::revocations;
use crate::io::vault_records::{
    download_settings, save_directory_entry, PreparedDirectoryStore, VaultDirectoryStore,
    DIR_DOWNLOAD,
};
use crate::ui::components::pick::{PickBox, ShareBar};
use crate::ui::components::resource_card::ResourceCard;
use crate::ui::state::{t, ta, AppState, Services, Session};
use dioxus::prelude::*;
use std::rc::Rc;

/// What a search shows.
#[derive(Clone, PartialEq, Default)]
struct Results {
    /// Each hit and whether it may be out of date.
    hits: Vec<(Resource, bool)>,
    /// How many matched in all.
    total: usize,
    /// No resource matched every word: partial matches are shown.
    partial: bool,
    /// No resource matched any word: the hits are the national lines.
    fallback: bool,
    /// Words that matched nothing.
    unmatched: Vec<String>,
    /// When the filters leave nothing (or only the fallback): each active filter and how
    /// many results there would be without it.
    drops: Vec<(Drop, usize)>,
}

/// An active filter the empty state offers to drop.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Drop {
    Population(Population),
    Text,
    Chat,
    NoPolice,
    Open,
    Language,
    State,
    Words,
}

impl Drop {
    /// The filters (and words) active in `q`.
    fn active(q: &SearchQuery) -> Vec<Drop> {
        let mut out: Vec<Drop> = q.populations.iter().map(|p| Drop::Population(*p)).collect();
        for (on, d) in [
            (q.text_available, Drop::Text),
            (q.chat_available, Drop::Chat),
            (q.no_police_contact_required, Drop::NoPolice),
            (q.open != OpenFilter::Any, Drop::Open),
            (!q.languages.is_empty(), Drop::Language),
            (q.state.is_some(), Drop::State),
            (!q.text.trim().is_empty(), Drop::Words),
        ] {
            if on {
                out.push(d);
            }
        }
        out
    }

    /// `q` without this filter.
    fn remove(self, q: &mut SearchQuery) {
        match self {
            Drop::Population(p) => q.populations.retain(|x| *x != p),
            Drop::Text => q.text_available = false,
            Drop::Chat => q.chat_available = false,
            Drop::NoPolice => q.no_police_contact_required = false,
            Drop::Open => q.open = OpenFilter::Any,
            Drop::Language => q.languages.clear(),
            Drop::State => q.state = None,
            Drop::Words => q.text.clear(),
        }
    }

    fn key(self) -> String {
        match self {
            Drop::Population(p) => format!("pop-{}", p.code()),
            other => format!("{other:?}").to_lowercase(),
        }
    }

    /// The filter's own label (as the filter shows it).
    fn label(self) -> String {
        match self {
            Drop::Population(p) => t(&format!("dir-pop-{}", p.code())),
            Drop::Text => t("dir-text"),
            Drop::Chat => t("dir-chat"),
            Drop::NoPolice => t("dir-no-police"),
            Drop::Open => t("dir-open"),
            Drop::Language => t("dir-language"),
            Drop::State => t("dir-state"),
            Drop::Words => t("dir-drop-words"),
        }
    }
}

/// A language's name in the UI language (the data's own name when the UI has none).
fn language_name(code: &str, name: &str) -> String {
    let key = format!("dir-lang-name-{}", code.trim().to_ascii_lowercase());
    let text = t(&key);
    if text == key {
        name.to_owned()
    } else {
        text
    }
}

/// Run a search; when it finds nothing (or only the national lines), also what each
/// active filter costs.
fn run_search(d: &Directory, q: &SearchQuery, now: time::OffsetDateTime) -> Results {
    let res = d.search(q, now);
    let drops = if res.hits.is_empty() || res.fallback {
        Drop::active(q)
            .into_iter()
            .filter(|d| *d != Drop::Words || res.hits.is_empty())
            .map(|drop| {
                let mut without = q.clone();
                drop.remove(&mut without);
                without.limit = 1;
                let r = d.search(&without, now);
                (drop, if r.fallback { 0 } else { r.total })
            })
            .collect()
    } else {
        Vec::new()
    };
    Results {
        hits: res
            .hits
            .into_iter()
            .map(|h| (h.resource, h.may_be_out_of_date))
            .collect(),
        total: res.total,
        partial: res.partial,
        fallback: res.fallback,
        unmatched: res.unmatched,
        drops,
    }
}

/// The phone's UTC offset, asked of the webview (`None` where there is no page).
async fn phone_offset() -> Option<time::UtcOffset> {
    let minutes = document::eval("return -new Date().getTimezoneOffset();")
        .join::<i32>()
        .await
        .ok()?;
    time::UtcOffset::from_whole_seconds(minutes.checked_mul(60)?).ok()
}

/// The stored download and the download settings, read on the blocking pool; then the
/// stored directory (if any) opened on the blocking pool too (a large one takes a while).
async fn load_stored(
    services: &Services,
    session: &Session,
) -> Option<(Option<Directory>, DownloadSettings)> {
    let pinned = services.roots.clone();
    let (stored, dl, roots) = session
        .run(move |v| {
            Ok((
                VaultDirectoryStore { vault: v }.load()?,
                download_settings(v)?,
                revocations::revoking_roots(v, &pinned)?,
            ))
        })
        .await
        .ok()?;
    let at = services.now();
    let d = match !stored.is_empty() {
        true => {
            tokio::task::spawn_blocking(move || directory::load_directory(&stored, &roots, at).0)
                .await
                .ok()
        }
        false => None,
    };
    Some((d, dl))
}

/// Download, verify and store a newer directory. `Ok(None)`: unchanged; `Err`: the message
/// id of what went wrong. The vault is read before and written after the download, on the
/// blocking pool; the refresh itself only sees a copy.
async fn refresh_directory(
    services: &Services,
    session: &Session,
    settings: &DownloadSettings,
) -> Result<Option<Directory>, &'static str> {
    let fetcher = (services.fetcher)().map_err(|_| "dir-refresh-failed")?;
    let pinned = services.roots.clone();
    // One refresh at a time, from the read below to the write at the end.
    let _one_at_a_time = services.directory_refresh.enter().await;
    let (stored, list) = session
        .run(move |v| {
            Ok((
                VaultDirectoryStore { vault: v }.load()?,
                revocations::load_revocations(v, &pinned)?,
            ))
        })
        .await
        .map_err(|_| "dir-refresh-failed")?;
    // The root-signed revocation list beside the bundle first: a newer one is stored
    // (never an older one), and the bundle is then checked against it.
    let roots = match fetch::fetch_revocations(&fetcher, settings, &services.roots, list.as_ref())
        .await
        .map_err(|e| refresh_message(&e))?
    {
        Some(newer) => {
            let (pinned, saved) = (services.roots.clone(), newer.clone());
            session
                .run(move |v| revocations::save_revocations(v, &pinned, &saved))
                .await
                .map_err(|_| "dir-refresh-failed")?;
            services.roots.with_revocations(&newer)
        }
        None => match &list {
            Some(l) => services.roots.with_revocations(l),
            None => (*services.roots).clone(),
        },
    };
    let mut store = PreparedDirectoryStore {
        stored,
        saved: None,
    };
    let outcome = fetch::refresh(&fetcher, settings, &mut store, &roots, services.now())
        .await
        .map_err(|e| refresh_message(&e))?;
    match outcome {
        RefreshOutcome::Unchanged => Ok(None),
        RefreshOutcome::Updated(d) => {
            let (trust, publisher, cache) = store.saved.ok_or("dir-refresh-failed")?;
            session
                .run(move |v| VaultDirectoryStore { vault: v }.save(&trust, &publisher, &cache))
                .await
                .map_err(|_| "dir-refresh-failed")?;
            Ok(Some(*d))
        }
    }
}

/// The message id for a failed refresh.
fn refresh_message<E>(e: &RefreshError<E>) -> &'static str {
    match e {
        RefreshError::Refused(_) => "dir-refresh-off",
        RefreshError::Rejected(directory::UpdateError::Trust(TrustError::Revoked)) => {
            "dir-refresh-revoked"
        }
        RefreshError::Rejected(directory::UpdateError::Expired) => "dir-refresh-expired",
        RefreshError::Rejected(_) => "dir-refresh-rejected",
        RefreshError::Fetch(fetch::FetchError::TooLarge) => "dir-refresh-too-large",
        RefreshError::Fetch(fetch::FetchError::Timeout | fetch::FetchError::Connect) => {
            "dir-refresh-unreachable"
        }
        _ => "dir-refresh-failed",
    }
}

/// The Find help screen: search and filters over the bundled list from the first frame.
#[component]
pub fn DirectoryView() -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let session = state.session();
    // The bundled list is in memory from the first frame.
    let mut dir = use_signal(|| Directory::bundled().ok().map(Rc::new));
    let mut download = use_signal(DownloadSettings::default);
    let mut loaded = use_signal(|| false);

    // Then the stored download (if any) and the download settings, from the vault.
    {
        let services = services.clone();
        let session = session.clone();
        use_hook(move || {
            let Some(session) = session else { return };
            spawn(async move {
                if let Some((d, dl)) = load_stored(&services, &session).await {
                    if let Some(d) = d {
                        dir.set(Some(Rc::new(d)));
                    }
                    download.set(dl);
                }
                loaded.set(true);
            });
        });
    }

    let query = use_signal(SearchQuery::default);
    // The phone's zone, for "open now" on services whose own zone is unknown.
    let mut offset = use_signal(|| None::<time::UtcOffset>);
    use_hook(move || {
        spawn(async move {
            if let Some(off) = phone_offset().await {
                offset.set(Some(off));
            }
        });
    });
    // Lines in the UI language first among equals.
    let ui_lang = state.prefs.lang;
    let clock = services.clone();
    let results = use_memo(move || {
        let mut q = query.read().clone();
        q.prefer_language = Some(ui_lang.read().clone());
        let now = match *offset.read() {
            Some(off) => clock.now().to_offset(off),
            None => clock.now(),
        };
        dir.read()
            .as_ref()
            .map(|d| run_search(d, &q, now))
            .unwrap_or_default()
    });
    // The language filter's choices change only with the directory, not per keystroke.
    let languages = use_memo(move || {
        dir.read()
            .as_ref()
            .map(|d| d.languages().to_vec())
            .unwrap_or_default()
    });
    let source_line = match dir.read().as_ref() {
        Some(d) => {
            let info = d.info();
            match (&info.origin, &info.publisher) {
                (directory::Origin::Signed { .. }, Some(p)) => ta(
                    "dir-downloaded",
                    &[
                        ("publisher", p),
                        ("version", &info.version.unwrap_or(0).to_string()),
                    ],
                ),
                (_, p) => ta("dir-bundled", &[("name", p.as_deref().unwrap_or(""))]),
            }
        }
        None => String::new(),
    };
    let Results {
        hits,
        total,
        partial,
        fallback,
        unmatched,
        drops,
    } = results.read().clone();

    rsx! {
        p { class: "lead", {t("dir-intro")} }
        Filters { query, languages: languages.read().clone() }
        p { class: "note", id: "dir-count", role: "status",
            {ta("dir-results", &[("count", &total.to_string())])}
        }
        ShareBar { dom_id: "dir-share" }
        NoMatch {
            query,
            partial: partial && !hits.is_empty(),
            fallback,
            empty: hits.is_empty(),
            unmatched,
            drops,
        }
        Hits { hits }
        p { class: "note small", id: "dir-source", "{source_line}" }
        if *loaded.read() {
            Updates { download, dir }
        }
    }
}

/// What the screen says when nothing (or not everything) matched: which words found
/// nothing, the national lines, and buttons that drop a filter.
#[component]
fn NoMatch(
    query: Signal<SearchQuery>,
    partial: bool,
    fallback: bool,
    empty: bool,
    unmatched: Vec<String>,
    drops: Vec<(Drop, usize)>,
) -> Element {
    let words = unmatched
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(", ");
    rsx! {
        if partial {
            p { class: "note", {t("dir-partial")} }
            if !unmatched.is_empty() {
                p { class: "note", id: "dir-unmatched", {ta("dir-unmatched", &[("words", &words)])} }
            }
        }
        if fallback {
            div { class: "card empty", id: "dir-none", role: "status",
                p { {ta("dir-none-words", &[("words", &words)])} }
                p { {t("dir-none-national")} }
                p { class: "note", {t("dir-none-try")} }
            }
        }
        if empty {
            div { class: "card empty", id: "dir-none", role: "status",
                p { {t("dir-none-filters")} }
            }
        }
        if !drops.is_empty() {
            div { class: "chips", id: "dir-drops",
                for (drop, count) in drops {
                    button {
                        key: "{drop.key()}",
                        id: "dir-drop-{drop.key()}",
                        class: "secondary",
                        r#type: "button",
                        onclick: move |_| drop.remove(&mut query.write()),
                        {ta("dir-drop", &[("filter", &drop.label()), ("count", &count.to_string())])}
                    }
                }
                if empty {
                    button { id: "dir-drop-all", class: "secondary", r#type: "button",
                        onclick: move |_| query.set(SearchQuery::default()),
                        {t("dir-drop-all")}
                    }
                }
            }
        }
    }
}

/// The search box and the filters: each writes its part of the query.
#[component]
fn Filters(query: Signal<SearchQuery>, languages: Vec<(String, String)>) -> Element {
    let q = query.read().clone();
    // The typed ZIP lives only here (gone when the screen closes or the app locks).
    let mut zip_note = use_signal(|| None::<&'static str>);
    rsx! {
        div { class: "field",
            label { r#for: "dir-zip", {t("dir-zip")} }
            input {
                id: "dir-zip",
                r#type: "text",
                inputmode: "numeric",
                maxlength: "10",
                autocomplete: "off",
                autocorrect: "off",
                spellcheck: "false",
                oninput: move |e| {
                    let v = e.value();
                    let (near, note) = match zip_position(&v) {
                        Ok(p) => (Some(p), Some("dir-zip-near")),
                        Err(_) if v.trim().is_empty() => (None, None),
                        Err(ZipError::Malformed) if v.trim().len() < 5 => (None, None),
                        Err(ZipError::Malformed) => (None, Some("dir-zip-malformed")),
                        Err(ZipError::Unknown) => (None, Some("dir-zip-unknown")),
                    };
                    query.write().near = near;
                    zip_note.set(note);
                },
            }
            p { class: "note small", id: "dir-zip-note",
                {t(zip_note.read().unwrap_or("dir-zip-private"))}
            }
        }
        div { class: "field",
            label { r#for: "dir-search", {t("dir-search")} }
            input {
                id: "dir-search",
                r#type: "search",
                placeholder: t("dir-search-placeholder"),
                autocomplete: "off",
                autocorrect: "off",
                spellcheck: "false",
                value: "{q.text}",
                oninput: move |e| query.write().text = e.value(),
            }
        }
        details { class: "card filters",
            summary { {t("dir-filters")} }
            div { class: "chips",
                for p in Population::ALL {
                    label { key: "{p.code()}", class: "chip",
                        input {
                            id: "dir-pop-{p.code()}",
                            r#type: "checkbox",
                            checked: q.populations.contains(&p),
                            onchange: move |e| {
                                let mut q = query.write();
                                q.populations.retain(|x| *x != p);
                                if e.checked() { q.populations.push(p); }
                            },
                        }
                        span { {t(&format!("dir-pop-{}", p.code()))} }
                    }
                }
            }
            div { class: "check",
                input { id: "dir-text", r#type: "checkbox", checked: q.text_available,
                    onchange: move |e| query.write().text_available = e.checked() }
                label { r#for: "dir-text", {t("dir-text")} }
            }
            div { class: "check",
                input { id: "dir-chat", r#type: "checkbox", checked: q.chat_available,
                    onchange: move |e| query.write().chat_available = e.checked() }
                label { r#for: "dir-chat", {t("dir-chat")} }
            }
            div { class: "check",
                input { id: "dir-no-police", r#type: "checkbox", checked: q.no_police_contact_required,
                    onchange: move |e| query.write().no_police_contact_required = e.checked() }
                label { r#for: "dir-no-police", {t("dir-no-police")} }
            }
            div { class: "field",
                label { r#for: "dir-open", {t("dir-open")} }
                select { id: "dir-open",
                    onchange: move |e| query.write().open = match e.value().as_str() {
                        "now" => OpenFilter::OpenNow,
                        "always" => OpenFilter::Always,
                        _ => OpenFilter::Any,
                    },
                    option { value: "any", {t("dir-open-any")} }
                    option { value: "now", {t("dir-open-now")} }
                    option { value: "always", {t("dir-open-always")} }
                }
            }
            div { class: "field",
                label { r#for: "dir-lang", {t("dir-language")} }
                select { id: "dir-lang",
                    onchange: move |e| {
                        let v = e.value();
                        query.write().languages = if v.is_empty() { vec![] } else { vec![v] };
                    },
                    option { value: "", {t("dir-any-language")} }
                    for (code, name) in languages {
                        option { key: "{code}", value: "{code}", {language_name(&code, &name)} }
                    }
                }
            }
            div { class: "field",
                label { r#for: "dir-state", {t("dir-state")} }
                select { id: "dir-state",
                    onchange: move |e| {
                        let v = e.value();
                        query.write().state = (!v.is_empty()).then_some(v);
                    },
                    option { value: "", {t("dir-any-state")} }
                    for (code, _) in US_STATES {
                        option { key: "{code}", value: "{code}", "{code}" }
                    }
                }
            }
        }
    }
}

/// The result cards: save a copy into My resources, or pick for sharing.
#[component]
fn Hits(hits: Vec<(Resource, bool)>) -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let mut saved = use_signal(Vec::<String>::new);
    let save = use_callback(move |r: Resource| {
        let Some(session) = state.session() else {
            return;
        };
        let id = r.id.clone();
        let created = services.clock.now_unix_secs();
        let work = session.run(move |v| save_directory_entry(v, &r, created));
        spawn(async move {
            if work.await.is_ok() {
                saved.write().push(id);
            }
        });
    });
    rsx! {
        for (resource, stale) in hits {
            {
                let is_saved = saved.read().contains(&resource.id);
                let dom_id = format!("dir-{}", resource.id);
                let save_id = format!("dir-save-{}", resource.id);
                let pick_id = format!("dir-pick-{}", resource.id);
                let to_save = resource.clone();
                rsx! {
                    ResourceCard { key: "{dom_id}", dom_id, resource: resource.clone(), out_of_date: stale,
                        if is_saved {
                            p { class: "hint ok", role: "status", {t("dir-saved")} }
                        } else {
                            button { id: "{save_id}", class: "secondary", r#type: "button",
                                onclick: move |_| save.call(to_save.clone()), {t("dir-save")}
                            }
                        }
                        PickBox { dom_id: pick_id, resource }
                    }
                }
            }
        }
    }
}

/// Opt-in, manual directory downloads.
#[component]
fn Updates(download: Signal<DownloadSettings>, dir: Signal<Option<Rc<Directory>>>) -> Element {
    let state = use_context::<AppState>();
    let services = use_context::<Services>();
    let Some(session) = state.session() else {
        return rsx! {};
    };
    let mut url = use_signal(|| {
        download
            .peek()
            .source
            .as_ref()
            .map(|s| s.url().to_string())
            .unwrap_or_default()
    });
    let mut message = use_signal(|| None::<(bool, String)>);
    let mut busy = use_signal(|| false);

    // The download settings are saved on the blocking pool; the screen keeps its copy.
    let persist = {
        let session = session.clone();
        use_callback(move |settings: DownloadSettings| {
            let work = session.run(move |v| v.put(DIR_DOWNLOAD, &settings));
            spawn(async move {
                let _ = work.await;
            });
        })
    };

    let refresh = move |_| {
        if *busy.peek() {
            return;
        }
        busy.set(true);
        let settings = download.peek().clone();
        let session = session.clone();
        let services = services.clone();
        spawn(async move {
            let msg = match refresh_directory(&services, &session, &settings).await {
                Ok(Some(d)) => {
                    dir.set(Some(Rc::new(d)));
                    (true, t("dir-refresh-updated"))
                }
                Ok(None) => (true, t("dir-refresh-unchanged")),
                Err(id) => {
                    if id == "dir-refresh-revoked" {
                        // A newer list may have withdrawn a key behind what is on screen:
                        // show the stored directory again with the list applied.
                        if let Some((d, _)) = load_stored(&services, &session).await {
                            dir.set(d.or_else(|| Directory::bundled().ok()).map(Rc::new));
                        }
                    }
                    (false, t(id))
                }
            };
            message.set(Some(msg));
            busy.set(false);
        });
    };

    let settings = download.read().clone();
    let confirmed = settings.source.as_ref().is_some_and(|s| s.is_confirmed());
    let can_refresh = settings.request(None).is_ok();

    rsx! {
        section { class: "card", id: "dir-updates",
            h2 { {t("dir-updates")} }
            p { class: "note", {t("dir-updates-body")} }
            div { class: "check",
                input {
                    id: "dir-dl-enable",
                    r#type: "checkbox",
                    checked: settings.enabled,
                    onchange: move |e| {
                        let mut s = download.peek().clone();
                        s.enabled = e.checked();
                        download.set(s.clone());
                        persist.call(s);
                    },
                }
                label { r#for: "dir-dl-enable", {t("dir-updates-enable")} }
            }
            if settings.enabled {
                div { class: "field",
                    label { r#for: "dir-dl-url", {t("dir-updates-url")} }
                    input {
                        id: "dir-dl-url",
                        r#type: "url",
                        autocomplete: "off",
                        spellcheck: "false",
                        value: "{url}",
                        oninput: move |e| url.set(e.value()),
                    }
                }
                button { id: "dir-dl-confirm", class: "secondary", r#type: "button",
                    onclick: move |_| {
                        match DownloadSource::new(url.peek().trim()) {
                            Ok(mut src) => {
                                src.confirm();
                                let mut s = download.peek().clone();
                                s.source = Some(src);
                                download.set(s.clone());
                                persist.call(s);
                                message.set(Some((true, t("dir-updates-confirmed"))));
                            }
                            Err(_) => message.set(Some((false, t("dir-updates-bad-url")))),
                        }
                    },
                    {t("dir-updates-confirm")}
                }
                if confirmed {
                    p { class: "note", id: "dir-dl-confirmed", {t("dir-updates-confirmed")} }
                }
                button { id: "dir-refresh", class: "primary", r#type: "button",
                    disabled: !can_refresh || *busy.read(),
                    onclick: refresh,
                    {t("dir-refresh")}
                }
            }
            if let Some((ok, text)) = message.read().clone() {
                p { id: "dir-message", class: if ok { "hint ok" } else { "hint warn" }, role: "status", "{text}" }
            }
        }
    }
}
