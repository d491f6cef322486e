//! End-to-end journey of the plan for every survivor (issue 16): mark "I am under 18",
//! fill the papers/debts/control section, quick exit, unlock again: both are there.

use crate::driver::{check, click, js, shot, type_into, unlock_to, wait_for};
use std::time::Duration;

const STEP: Duration = Duration::from_secs(10);

/// Under 18 + a trafficking item survive quick exit and unlock.
pub async fn survivor_plan_journey(pin: &str) {
    const TYPED: &str = "He keeps my passport in the van";
    if js("return !!document.getElementById('private');")
        .await
        .ok()
        == Some(serde_json::Value::Bool(true))
    {
        let _ = click("quick-exit").await;
    }
    let r = unlock_to(pin, "home-plan").await;
    check("unlock for the survivor plan", r.is_ok(), format!("{r:?}"));
    let _ = click("home-plan").await;
    let r = wait_for("plan", STEP, "document.getElementById('plan-youth-check')").await;
    check("the plan offers I am under 18", r.is_ok(), format!("{r:?}"));
    let _ = click("plan-youth-check").await;
    let r = wait_for(
        "youth note",
        STEP,
        "document.getElementById('plan-youth-note')",
    )
    .await;
    check(
        "under 18 says what adults must report",
        r.is_ok(),
        format!("{r:?}"),
    );
    shot("plan-youth").await;
    let typed = type_into("plan-text-control", TYPED).await;
    check(
        "type a trafficking item",
        typed.is_ok(),
        format!("{typed:?}"),
    );
    let saved = wait_for(
        "saved",
        STEP,
        "(document.getElementById('plan-status')||{}).textContent === 'Saved'",
    )
    .await;
    check(
        "the control section says Saved",
        saved.is_ok(),
        format!("{saved:?}"),
    );
    let _ = js("document.getElementById('plan-sec-control').scrollIntoView(); return true;").await;
    shot("plan-control").await;
    let _ = js("document.getElementById('plan-tech-checkup').scrollIntoView(); return true;").await;
    shot("plan-tech-checkup").await;
    let _ = click("quick-exit").await;
    let r = wait_for("calculator", STEP, "!document.getElementById('private')").await;
    check(
        "quick exit from the survivor plan",
        r.is_ok(),
        format!("{r:?}"),
    );

    let r = unlock_to(pin, "home-plan").await;
    check("unlock again", r.is_ok(), format!("{r:?}"));
    let _ = click("home-plan").await;
    let _ = wait_for("plan", STEP, "document.getElementById('plan-text-control')").await;
    let v = js("const c = document.getElementById('plan-youth-check'); \
         const t = document.getElementById('plan-text-control'); \
         return { youth: !!(c && c.checked), text: t ? t.value : null, \
                  note: !!document.getElementById('plan-youth-note') };")
    .await;
    let ok = v.as_ref().ok().is_some_and(|o| {
        o.get("youth") == Some(&serde_json::Value::Bool(true))
            && o.get("note") == Some(&serde_json::Value::Bool(true))
            && o.get("text").and_then(|t| t.as_str()) == Some(TYPED)
    });
    check(
        "under 18 and the item are there after unlocking",
        ok,
        format!("{v:?}"),
    );
    let _ = click("quick-exit").await;
    let _ = wait_for("calculator", STEP, "!document.getElementById('private')").await;
}
