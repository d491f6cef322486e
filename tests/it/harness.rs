//! Headless UI test helper: a VirtualDom with real dispatched events, rendered by dioxus-ssr.
//!
//! `TestDom::click("key-7")` finds the element whose HTML `id` is `key-7` by walking the
//! mounted templates, and dispatches a real `click` event to it, as the webview would.

use dioxus::html::{
    PlatformEventData, SerializedFormData, SerializedHtmlEventConverter, SerializedKeyboardData,
    SerializedMouseData,
};
use dioxus::prelude::*;
use dioxus_core::{
    AttributeValue, DynamicNode, ElementId, NoOpMutations, ScopeId, TemplateAttribute,
    TemplateNode, VNode, VirtualDom,
};
use std::any::Any;
use std::rc::Rc;
use std::time::Duration;

pub struct TestDom {
    pub dom: VirtualDom,
}

impl TestDom {
    /// Build from a prepared dom (e.g. with `.with_root_context(..)`).
    pub fn from_dom(mut dom: VirtualDom) -> Self {
        dioxus::html::set_event_converter(Box::new(SerializedHtmlEventConverter));
        dom.rebuild_in_place();
        dom.render_immediate(&mut NoOpMutations);
        TestDom { dom }
    }

    /// The rendered HTML of the whole app.
    pub fn html(&self) -> String {
        dioxus_ssr::render(&self.dom)
    }

    /// Text of the element with this id (tags stripped), or `None` if absent.
    pub fn text_of(&self, id: &str) -> Option<String> {
        let html = self.html();
        let start = html.find(&format!("id=\"{id}\""))?;
        let open_end = start + html[start..].find('>')? + 1;
        let mut depth = 0usize;
        let mut out = String::new();
        let mut in_tag = false;
        let mut tag = String::new();
        for ch in html[open_end..].chars() {
            if in_tag {
                if ch == '>' {
                    in_tag = false;
                    if tag.starts_with('/') {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    } else if !tag.ends_with('/') && !is_void(&tag) {
                        depth += 1;
                    }
                } else {
                    tag.push(ch);
                }
            } else if ch == '<' {
                in_tag = true;
                tag.clear();
            } else {
                out.push(ch);
            }
        }
        Some(unescape(&out))
    }

    /// Does an element with this id exist in the DOM?
    pub fn exists(&self, id: &str) -> bool {
        self.html().contains(&format!("id=\"{id}\""))
    }

    fn dispatch(&mut self, name: &str, id: &str, data: PlatformEventData) {
        let el = self
            .find(name, id)
            .unwrap_or_else(|| panic!("no element with id `{id}` listening for `{name}`"));
        let event = Event::new(Rc::new(data) as Rc<dyn Any>, true);
        self.dom.runtime().handle_event(name, event, el);
        self.dom.render_immediate(&mut NoOpMutations);
    }

    /// Click the element with this id.
    pub fn click(&mut self, id: &str) {
        self.dispatch(
            "click",
            id,
            PlatformEventData::new(Box::<SerializedMouseData>::default()),
        );
    }

    /// Type `text` into the input with this id (one `input` event with the whole value).
    pub fn input(&mut self, id: &str, text: &str) {
        let data = SerializedFormData::new(text.to_string(), vec![]);
        self.dispatch("input", id, PlatformEventData::new(Box::new(data)));
    }

    /// Fire a `change` event with this value (selects, checkboxes).
    pub fn change(&mut self, id: &str, value: &str) {
        let data = SerializedFormData::new(value.to_string(), vec![]);
        self.dispatch("change", id, PlatformEventData::new(Box::new(data)));
    }

    /// Fire `change` on a file input with these files (name, media type, bytes), as the
    /// desktop file dialog does: the handler reads them through the file engine.
    pub fn pick_files(&mut self, id: &str, files: &[(&str, &str, &[u8])]) {
        use dioxus::html::{bytes::Bytes, SerializedFileData, SerializedFormObject};
        let values = files
            .iter()
            .map(|(name, mime, bytes)| SerializedFormObject {
                key: String::new(),
                text: None,
                file: Some(SerializedFileData {
                    path: std::path::PathBuf::from(name),
                    size: bytes.len() as u64,
                    last_modified: 0,
                    content_type: Some(mime.to_string()),
                    contents: Some(Bytes::copy_from_slice(bytes)),
                }),
            })
            .collect();
        let data = SerializedFormData::new(String::new(), values);
        self.dispatch("change", id, PlatformEventData::new(Box::new(data)));
    }

    /// Press a keyboard key (DOM `KeyboardEvent.key` value) on the element with this id.
    pub fn key(&mut self, id: &str, key: &str) {
        self.key_event("keydown", id, key, false);
    }

    /// Press a keyboard key with Shift held.
    pub fn key_event(&mut self, name: &str, id: &str, key: &str, shift: bool) {
        use dioxus::prelude::{Code, Key, Location, Modifiers};
        use std::str::FromStr;
        let k = Key::from_str(key).unwrap_or(Key::Character(key.to_string()));
        let mods = if shift {
            Modifiers::SHIFT
        } else {
            Modifiers::empty()
        };
        let data = SerializedKeyboardData::new(
            k,
            Code::Unidentified,
            Location::Standard,
            false,
            mods,
            false,
        );
        self.dispatch(name, id, PlatformEventData::new(Box::new(data)));
    }

    /// Let spawned tasks run (async work, timers) for up to `max`, then render.
    pub async fn settle(&mut self, max: Duration) {
        let _ = tokio::time::timeout(max, self.dom.wait_for_work()).await;
        self.dom.render_immediate(&mut NoOpMutations);
    }

    /// Keep letting work run until `cond` holds on the HTML or `max` passes.
    pub async fn wait_until(&mut self, max: Duration, cond: impl Fn(&str) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + max;
        loop {
            if cond(&self.html()) {
                return true;
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return false;
            }
            let step = (deadline - now).min(Duration::from_millis(50));
            self.settle(step).await;
        }
    }

    /// Click a button that opens a screen, then wait (up to 20 s) until the screen has
    /// read what it needs from the vault (no `…-loading` placeholder left).
    pub async fn open(&mut self, id: &str) {
        self.click(id);
        let loaded = self
            .wait_until(Duration::from_secs(20), |h| !h.contains("-loading\""))
            .await;
        assert!(loaded, "the screen behind `{id}` finished loading");
    }

    /// Find the element with HTML `id` that has a listener for `event`.
    fn find(&self, event: &str, id: &str) -> Option<ElementId> {
        let scope = self.dom.get_scope(ScopeId::ROOT)?;
        let root = scope.try_root_node()?;
        let mut found = None;
        self.walk(root, event, id, &mut found);
        found
    }

    fn walk(&self, node: &VNode, event: &str, id: &str, found: &mut Option<ElementId>) {
        if found.is_some() {
            return;
        }
        let template = node.template;
        for (idx, path) in template.attr_paths.iter().enumerate() {
            let attrs = &node.dynamic_attrs[idx];
            let listens = attrs.iter().any(|a| {
                a.name.trim_start_matches("on") == event
                    && matches!(a.value, AttributeValue::Listener(_))
            });
            if !listens {
                continue;
            }
            // The element's id: static in the template, or a dynamic attribute on the same path.
            let static_id = element_at(template.roots, path).and_then(|el| match el {
                TemplateNode::Element { attrs, .. } => attrs.iter().find_map(|a| match a {
                    TemplateAttribute::Static {
                        name: "id", value, ..
                    } => Some(value.to_string()),
                    _ => None,
                }),
                _ => None,
            });
            let dynamic_id = template
                .attr_paths
                .iter()
                .enumerate()
                .filter(|(_, p)| *p == path)
                .flat_map(|(i, _)| node.dynamic_attrs[i].iter())
                .find_map(|a| match (&a.name, &a.value) {
                    (&"id", AttributeValue::Text(t)) => Some(t.clone()),
                    _ => None,
                });
            if static_id.as_deref() == Some(id) || dynamic_id.as_deref() == Some(id) {
                *found = node.mounted_dynamic_attribute(idx, &self.dom);
                return;
            }
        }
        for (idx, dynamic) in node.dynamic_nodes.iter().enumerate() {
            match dynamic {
                DynamicNode::Component(c) => {
                    if let Some(scope) = c.mounted_scope(idx, node, &self.dom) {
                        if let Some(child) = scope.try_root_node() {
                            self.walk(child, event, id, found);
                        }
                    }
                }
                DynamicNode::Fragment(nodes) => {
                    for n in nodes {
                        self.walk(n, event, id, found);
                    }
                }
                _ => {}
            }
        }
    }
}

fn element_at<'a>(roots: &'a [TemplateNode], path: &[u8]) -> Option<&'a TemplateNode> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.get(*first as usize)?;
    for &i in rest {
        node = match node {
            TemplateNode::Element { children, .. } => children.get(i as usize)?,
            _ => return None,
        };
    }
    Some(node)
}

fn is_void(tag: &str) -> bool {
    let name = tag.split_whitespace().next().unwrap_or("");
    matches!(
        name,
        "input" | "br" | "img" | "meta" | "link" | "hr" | "source" | "area" | "col" | "wbr"
    )
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
