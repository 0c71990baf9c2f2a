//! The Raw JSON view: the exact body the API returned, pretty-printed, highlighted when small enough.

use leptos::prelude::*;

use crate::json_text::{pretty, Token};

/// Bodies above this size are shown as plain text: thousands of highlight spans would slow the page.
pub const HIGHLIGHT_LIMIT: usize = 100 * 1024;

#[component]
pub fn JsonView(#[prop(into)] text: String, #[prop(into)] label: String) -> impl IntoView {
    let highlight = text.len() <= HIGHLIGHT_LIMIT;
    let p = pretty(&text, highlight);
    let body = if highlight {
        let mut nodes: Vec<AnyView> = Vec::with_capacity(p.spans.len() * 2 + 1);
        let mut at = 0;
        for (kind, start, end) in &p.spans {
            if *start > at {
                nodes.push(p.text[at..*start].to_owned().into_any());
            }
            let class = match kind {
                Token::Key => "j-key",
                Token::String => "j-str",
                Token::Number => "j-num",
                Token::Literal => "j-lit",
            };
            nodes.push(
                view! { <span class=class>{p.text[*start..*end].to_owned()}</span> }.into_any(),
            );
            at = *end;
        }
        if at < p.text.len() {
            nodes.push(p.text[at..].to_owned().into_any());
        }
        nodes.into_any()
    } else {
        p.text.into_any()
    };
    view! {
        <pre class="json" tabindex="0" aria-label=label><code>{body}</code></pre>
        {(!highlight).then(|| view! { <p class="hint">"Large body: shown without highlighting."</p> })}
    }
}
