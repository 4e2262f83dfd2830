//! Links, image descriptions and visible text of an HTML part, read by a real HTML parser
//! (`scraper`, on `html5ever`): entities, comments and broken markup read as a browser reads them.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

/// A link of an HTML part: `href` and the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    pub href: String,
    pub text: Option<String>,
}

/// What an HTML part shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlPart {
    pub text: String,
    pub links: Vec<HtmlLink>,
    pub image_alts: Vec<String>,
}

/// Elements whose content is never shown.
const HIDDEN: [&str; 5] = ["script", "style", "head", "template", "noscript"];

/// Reads an HTML document in one walk: whether text is hidden is counted on the way in and out
/// of hidden elements, so deeply nested markup costs no more than flat markup.
pub fn read(source: &str) -> HtmlPart {
    let document = Html::parse_document(source);
    let mut part = HtmlPart::default();
    let mut hidden_depth = 0usize;
    for edge in document.tree.root().traverse() {
        let node = match edge {
            Edge::Open(node) => node,
            Edge::Close(node) => {
                if is_hidden(node.value()) {
                    hidden_depth = hidden_depth.saturating_sub(1);
                }
                continue;
            }
        };
        match node.value() {
            value if is_hidden(value) => hidden_depth += 1,
            Node::Text(text) if hidden_depth == 0 => {
                let text = text.trim();
                if !text.is_empty() {
                    if !part.text.is_empty() {
                        part.text.push(' ');
                    }
                    part.text.push_str(text);
                }
            }
            Node::Element(element) if element.name() == "a" => {
                let (Some(href), Some(anchor)) = (element.attr("href"), ElementRef::wrap(node))
                else {
                    continue;
                };
                let text = collapse(&anchor.text().collect::<Vec<_>>().join(" "));
                part.links.push(HtmlLink {
                    href: href.trim().to_owned(),
                    text: (!text.is_empty()).then_some(text),
                });
            }
            Node::Element(element) if element.name() == "img" => {
                if let Some(alt) = element.attr("alt").map(collapse) {
                    if !alt.is_empty() {
                        part.image_alts.push(alt);
                    }
                }
            }
            _ => {}
        }
    }
    part
}

fn is_hidden(node: &Node) -> bool {
    matches!(node, Node::Element(e) if HIDDEN.contains(&e.name()))
}

/// White space runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
