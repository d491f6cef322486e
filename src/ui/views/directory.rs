//! Find help: the directory, searched on the phone. The bundled national list shows at
//! once, with no network; a verified download (opt-in, manual) is layered on top.

use crate::core::directory::{
    self, Directory, DirectoryStore, DownloadSettings, DownloadSource, OpenFilter, SearchQuery,
    StoredDirectory,
};
use crate::core::resource::{Population, Resource};
use crate::core::trust::TrustState;
use crate::core::vault::VaultError;
use crate::io::fetch::{self, RefreshError, RefreshOutcome};
use crate::ui::components::resource_card::ResourceCard;
use crate::ui::state::{t, ta, AppState, Services, Session};
use crate::ui::views::share::{PickBox, ShareBar};
use dioxus::prelude::*;
use std::rc::Rc;
use time::OffsetDateTime;

/// Vault record names of the directory state (all encrypted).
pub const RECORD_DOWNLOAD: &str = "dir-download";
pub const RECORD_TRUST: &str = "dir-trust";
pub const RECORD_CACHE: &str = "dir-cache";

/// The directory state in the vault.
pub struct VaultDirectoryStore {
    pub session: Session,
}

impl DirectoryStore for VaultDirectoryStore {
    type Error = VaultError;
    fn load(&self) -> Result<StoredDirectory, VaultError> {
        self.session.with(|v| {
            Ok(StoredDirectory {
                trust: v.get::<TrustState>(RECORD_TRUST)?.unwrap_or_default(),
                cache: v.get(RECORD_CACHE)?,
            })
        })
    }
    fn save(
        &mut self,
        trust: &TrustState,
        cache: &directory::CachedBundle,
    ) -> Result<(), VaultError> {
        // The bundle first, then the ratchet: a crash between the two leaves a bundle the
        // old trust state still accepts.
        self.session.with(|v| {
            v.put(RECORD_CACHE, cache)?;
            v.put(RECORD_TRUST, trust)
        })
    }
}

fn now(services: &Services) -> OffsetDateTime {
    let secs = i64::try_from(services.clock.now_unix_secs()).unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Results to show: (resource, may be out of date), total, partial, source line, languages.
type View = (
    Vec<(Resource, bool)>,
    usize,
    bool,
    String,
    Vec<(String, String)>,
);

const STATES: [&str; 56] = [
    "AL", "AK", "AS", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "GU", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "MP", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY",
];

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
                let roots = services.roots.clone();
                let at = now(&services);
                let r = tokio::task::spawn_blocking(move || {
                    let store = VaultDirectoryStore {
                        session: session.clone(),
                    };
                    let stored = store.load()?;
                    let dl = session.with(|v| v.get::<DownloadSettings>(RECORD_DOWNLOAD))?;
                    // A large stored directory takes a while to open: here, off the UI
                    // thread.
                    let d = stored
                        .cache
                        .is_some()
                        .then(|| directory::load_directory(&stored, &roots, at).0);
                    Ok::<_, VaultError>((d, dl.unwrap_or_default()))
                })
                .await;
                if let Ok(Ok((d, dl))) = r {
                    if let Some(d) = d {
                        dir.set(Some(Rc::new(d)));
                    }
                    download.set(dl);
                }
                loaded.set(true);
            });
        });
    }

    let mut text = use_signal(String::new);
    let mut pops = use_signal(Vec::<Population>::new);
    let mut lang = use_signal(String::new);
    let mut area = use_signal(String::new);
    let mut open = use_signal(|| OpenFilter::Any);
    let mut can_text = use_signal(|| false);
    let mut can_chat = use_signal(|| false);
    let mut no_police = use_signal(|| false);
    let mut saved = use_signal(Vec::<String>::new);

    let query = SearchQuery {
        text: text.read().clone(),
        populations: pops.read().clone(),
        languages: if lang.read().is_empty() {
            vec![]
        } else {
            vec![lang.read().clone()]
        },
        text_available: *can_text.read(),
        chat_available: *can_chat.read(),
        open: *open.read(),
        no_police_contact_required: *no_police.read(),
        state: if area.read().is_empty() {
            None
        } else {
            Some(area.read().clone())
        },
        limit: 0,
    };
    let at = now(&services);
    let current = dir.read().clone();
    // The language filter's choices change only with the directory, not per keystroke.
    let languages = use_memo(move || {
        dir.read()
            .as_ref()
            .map(|d| d.languages().to_vec())
            .unwrap_or_default()
    });
    let (hits, total, partial, source_line, languages): View = match current.as_ref() {
        Some(d) => {
            let res = d.search(&query, at);
            let hits = res
                .hits
                .iter()
                .map(|h| (h.resource.clone(), h.may_be_out_of_date))
                .collect();
            let info = d.info();
            let source = match (&info.origin, &info.publisher) {
                (directory::Origin::Signed { .. }, Some(p)) => ta(
                    "dir-downloaded",
                    &[
                        ("publisher", p),
                        ("version", &info.version.unwrap_or(0).to_string()),
                    ],
                ),
                (_, p) => ta("dir-bundled", &[("name", p.as_deref().unwrap_or(""))]),
            };
            (
                hits,
                res.total,
                res.partial,
                source,
                languages.read().clone(),
            )
        }
        None => (Vec::new(), 0, false, String::new(), Vec::new()),
    };

    let save = {
        let session = session.clone();
        let clock = services.clock.clone();
        move |r: Resource| {
            let Some(session) = session.clone() else {
                return;
            };
            let id = r.id.clone();
            let created = clock.now_unix_secs();
            spawn(async move {
                let ok = tokio::task::spawn_blocking(move || {
                    crate::ui::views::resources::save_directory_entry(&session, &r, created)
                })
                .await;
                if let Ok(Ok(_)) = ok {
                    saved.write().push(id);
                }
            });
        }
    };

    rsx! {
        p { class: "lead", {t("dir-intro")} }
        div { class: "field",
            label { r#for: "dir-search", {t("dir-search")} }
            input {
                id: "dir-search",
                r#type: "search",
                placeholder: t("dir-search-placeholder"),
                autocomplete: "off",
                autocorrect: "off",
                spellcheck: "false",
                value: "{text}",
                oninput: move |e| text.set(e.value()),
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
                            checked: pops.read().contains(&p),
                            onchange: move |e| {
                                let mut v = pops.write();
                                v.retain(|x| *x != p);
                                if e.checked() { v.push(p); }
                            },
                        }
                        span { {t(&format!("dir-pop-{}", p.code()))} }
                    }
                }
            }
            div { class: "check",
                input { id: "dir-text", r#type: "checkbox", checked: *can_text.read(),
                    onchange: move |e| can_text.set(e.checked()) }
                label { r#for: "dir-text", {t("dir-text")} }
            }
            div { class: "check",
                input { id: "dir-chat", r#type: "checkbox", checked: *can_chat.read(),
                    onchange: move |e| can_chat.set(e.checked()) }
                label { r#for: "dir-chat", {t("dir-chat")} }
            }
            div { class: "check",
                input { id: "dir-no-police", r#type: "checkbox", checked: *no_police.read(),
                    onchange: move |e| no_police.set(e.checked()) }
                label { r#for: "dir-no-police", {t("dir-no-police")} }
            }
            div { class: "field",
                label { r#for: "dir-open", {t("dir-open")} }
                select { id: "dir-open",
                    onchange: move |e| open.set(match e.value().as_str() {
                        "now" => OpenFilter::OpenNow,
                        "always" => OpenFilter::Always,
                        _ => OpenFilter::Any,
                    }),
                    option { value: "any", {t("dir-open-any")} }
                    option { value: "now", {t("dir-open-now")} }
                    option { value: "always", {t("dir-open-always")} }
                }
            }
            div { class: "field",
                label { r#for: "dir-lang", {t("dir-language")} }
                select { id: "dir-lang", onchange: move |e| lang.set(e.value()),
                    option { value: "", {t("dir-any-language")} }
                    for (code, name) in languages {
                        option { key: "{code}", value: "{code}", "{name}" }
                    }
                }
            }
            div { class: "field",
                label { r#for: "dir-state", {t("dir-state")} }
                select { id: "dir-state", onchange: move |e| area.set(e.value()),
                    option { value: "", {t("dir-any-state")} }
                    for s in STATES {
                        option { key: "{s}", value: "{s}", "{s}" }
                    }
                }
            }
        }
        p { class: "note", id: "dir-count", role: "status",
            {ta("dir-results", &[("count", &total.to_string())])}
        }
        ShareBar { dom_id: "dir-share" }
        if partial && !hits.is_empty() {
            p { class: "note", {t("dir-partial")} }
        }
        if hits.is_empty() {
            p { class: "empty", id: "dir-none", {t("dir-none")} }
        }
        for (resource, stale) in hits {
            {
                let is_saved = saved.read().contains(&resource.id);
                let dom_id = format!("dir-{}", resource.id);
                let save_id = format!("dir-save-{}", resource.id);
                let r2 = resource.clone();
                let pick_id = format!("dir-pick-{}", resource.id);
                let r3 = resource.clone();
                let save = save.clone();
                rsx! {
                    ResourceCard { key: "{dom_id}", dom_id, resource, out_of_date: stale,
                        if is_saved {
                            p { class: "hint ok", role: "status", {t("dir-saved")} }
                        } else {
                            button { id: "{save_id}", class: "secondary", r#type: "button",
                                onclick: move |_| save(r2.clone()), {t("dir-save")}
                            }
                        }
                        PickBox { dom_id: pick_id, resource: r3 }
                    }
                }
            }
        }
        p { class: "note small", id: "dir-source", "{source_line}" }
        if *loaded.read() {
            Updates { download, dir }
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

    let persist = {
        let session = session.clone();
        move |settings: DownloadSettings| {
            let session = session.clone();
            spawn(async move {
                let _ = tokio::task::spawn_blocking(move || {
                    session.with(|v| v.put(RECORD_DOWNLOAD, &settings))
                })
                .await;
            });
        }
    };
    let persist2 = persist.clone();
    let persist3 = persist.clone();

    let refresh = {
        let session = session.clone();
        let services = services.clone();
        move |_| {
            if *busy.peek() {
                return;
            }
            busy.set(true);
            let settings = download.peek().clone();
            let session = session.clone();
            let services = services.clone();
            spawn(async move {
                let roots = services.roots.clone();
                let at = now(&services);
                let result = match (services.fetcher)() {
                    Ok(fetcher) => {
                        let mut store = VaultDirectoryStore {
                            session: session.clone(),
                        };
                        Some(fetch::refresh(&fetcher, &settings, &mut store, &roots, at).await)
                    }
                    Err(_) => None,
                };
                let msg = match result {
                    Some(Ok(RefreshOutcome::Updated(d))) => {
                        dir.set(Some(Rc::new(*d)));
                        (true, t("dir-refresh-updated"))
                    }
                    Some(Ok(RefreshOutcome::Unchanged)) => (true, t("dir-refresh-unchanged")),
                    Some(Err(RefreshError::Refused(_))) => (false, t("dir-refresh-off")),
                    Some(Err(RefreshError::Rejected(_))) => (false, t("dir-refresh-rejected")),
                    Some(Err(RefreshError::Fetch(
                        fetch::FetchError::Timeout | fetch::FetchError::Connect,
                    ))) => (false, t("dir-refresh-unreachable")),
                    _ => (false, t("dir-refresh-failed")),
                };
                message.set(Some(msg));
                busy.set(false);
            });
        }
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
                        persist2(s);
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
                                persist3(s);
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
