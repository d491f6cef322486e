//! Hooks shared by the screens (in the style of Dioxus' `custom_hook.rs`): one pattern for
//! background vault work, and the app-wide watchers `App` is made of.

use crate::core::vault::{Vault, VaultError};
use crate::ui::components::status::Status;
use crate::ui::state::{AppState, Services, Session};
use dioxus::prelude::*;

/// A vault action: prepared on the UI thread when triggered (reading the form), run on the
/// blocking pool, reported in a [`Status`] (`ok_id` on success, a calm error otherwise).
/// `prepare` returns `None` to do nothing (the form is not ready). Returns the status and
/// the trigger; both are `Copy`.
pub fn use_vault_action<A, R, J>(
    session: Session,
    ok_id: &'static str,
    prepare: impl FnMut(A) -> Option<J> + 'static,
) -> (Signal<Status>, Callback<A>)
where
    A: 'static,
    R: Send + 'static,
    J: FnOnce(&mut Vault) -> Result<R, VaultError> + Send + 'static,
{
    use_vault_action_then(session, ok_id, prepare, |_| None)
}

/// Like [`use_vault_action`], with `then` called on the UI thread with the result; it may
/// replace the status (`Some`) or keep [`Status::done`]'s (`None`).
pub fn use_vault_action_then<A, R, J>(
    session: Session,
    ok_id: &'static str,
    prepare: impl FnMut(A) -> Option<J> + 'static,
    then: impl FnMut(&Result<R, VaultError>) -> Option<Status> + 'static,
) -> (Signal<Status>, Callback<A>)
where
    A: 'static,
    R: Send + 'static,
    J: FnOnce(&mut Vault) -> Result<R, VaultError> + Send + 'static,
{
    let status = use_signal(|| Status::Idle);
    let trigger = use_vault_action_in(status, session, ok_id, prepare, then);
    (status, trigger)
}

/// Like [`use_vault_action_then`], reporting into a status line the caller owns (several
/// actions of one screen share one line).
pub fn use_vault_action_in<A, R, J>(
    mut status: Signal<Status>,
    session: Session,
    ok_id: &'static str,
    mut prepare: impl FnMut(A) -> Option<J> + 'static,
    mut then: impl FnMut(&Result<R, VaultError>) -> Option<Status> + 'static,
) -> Callback<A>
where
    A: 'static,
    R: Send + 'static,
    J: FnOnce(&mut Vault) -> Result<R, VaultError> + Send + 'static,
{
    let report = use_callback(move |r: Result<R, VaultError>| {
        then(&r).unwrap_or_else(|| Status::done(&r, ok_id))
    });
    use_callback(move |arg: A| {
        let Some(job) = prepare(arg) else {
            return;
        };
        status.set(Status::Busy);
        let work = session.run(job);
        spawn(async move {
            let r = work.await;
            status.set(report.call(r));
        });
    })
}

/// Auto-lock after the idle timeout (checked every `services.idle_tick`).
pub fn use_idle_lock(state: AppState, services: Services) {
    use_future(move || {
        let services = services.clone();
        async move {
            loop {
                tokio::time::sleep(services.idle_tick).await;
                if !state.is_unlocked() {
                    continue;
                }
                let idle = services
                    .clock
                    .now_unix_secs()
                    .saturating_sub(*state.last_activity.peek());
                if idle >= u64::from(*state.prefs.idle_minutes.peek()) * 60 {
                    state.lock();
                }
            }
        }
    });
}

/// Platform events: background / screen off lock; Back goes back; links wait for unlock.
pub fn use_platform_events(state: AppState, services: Services) {
    use_future(move || {
        let mut rx = services.events.subscribe();
        // A link that opened the app before we listened waits for the unlock too.
        let mut pending = state.inbox.pending_link;
        if let Some(url) = services
            .os_links
            .then(crate::platform::take_pending_link)
            .flatten()
        {
            pending.set(Some(url));
        }
        async move {
            loop {
                match rx.recv().await {
                    Ok(ev) => crate::ui::handle_platform_event(state, ev),
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(_) => break,
                }
            }
        }
    });
}

/// In the webview: the quick-exit button hides the private screen in the page itself, in
/// the same frame as the tap; and a hidden page (minimised window, app switched away)
/// locks. Headless builds have no page: nothing to do.
pub fn use_hidden_page_lock(services: Services) {
    #[cfg(any(feature = "desktop", feature = "mobile"))]
    {
        use_hook(|| {
            let _ = document::eval(crate::ui::QUICK_EXIT_JS);
        });
        use_future(move || {
            let events = services.events.clone();
            async move {
                let mut eval = document::eval(
                    "document.addEventListener('visibilitychange', () => dioxus.send(document.hidden));",
                );
                while let Ok(hidden) = eval.recv::<bool>().await {
                    if hidden {
                        let _ = events.send(crate::platform::PlatformEvent::Background);
                    }
                }
            }
        });
    }
    #[cfg(not(any(feature = "desktop", feature = "mobile")))]
    let _ = services;
}
