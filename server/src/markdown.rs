//! Markdown to the articles' safe block model ([`Block`], [`Inline`]). Only what the model
//! can say survives: raw HTML, block or inline, is dropped whole (a `<script>` element
//! leaves nothing behind), images keep only their description, and a link whose target
//! is not [`is_safe_href`] is kept as its words alone. Nothing here writes HTML; the app
//! renders the blocks as text inside elements it chooses.

use aftercare_core::articles::{is_safe_href, Block, Inline};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Converts an article's Markdown (without its front matter) to blocks.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    // No extensions: tables, footnotes and the like arrive as plain paragraphs.
    let mut converter = Converter::default();
    for event in Parser::new_ext(markdown, Options::empty()) {
        converter.event(event);
    }
    converter.blocks
}

/// A link being read: where it goes (when allowed) and its words so far.
#[derive(Debug, Default)]
struct PendingLink {
    href: Option<String>,
    text: String,
}

/// Walks pulldown-cmark's events, keeping the text of the block being read until it ends.
#[derive(Debug, Default)]
struct Converter {
    blocks: Vec<Block>,
    /// The inline text of the paragraph, heading, item or note being read.
    inlines: Vec<Inline>,
    strong: usize,
    emphasis: usize,
    link: Option<PendingLink>,
    heading: Option<u8>,
    code: Option<String>,
    /// How deep in quotes; everything inside one becomes a single note.
    quotes: usize,
    /// Whether each open list is numbered, outermost first. Nested lists add their items
    /// to the outermost one, as the model has no nesting.
    lists: Vec<bool>,
    items: Vec<Vec<Inline>>,
}

impl Converter {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => match &mut self.link {
                Some(link) => link.text.push_str(&code),
                None => self.inlines.push(Inline::Code(code.into_string())),
            },
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            // Raw HTML is never passed on, not even as text: it would only show markup.
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                if self.is_top_level() {
                    self.flush_paragraph();
                    self.heading = Some(heading_level(level));
                }
            }
            Tag::BlockQuote(_) => {
                if self.is_top_level() {
                    self.flush_paragraph();
                }
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::List(start) => {
                if self.quotes == 0 {
                    if self.lists.is_empty() {
                        self.flush_paragraph();
                    } else {
                        // The parent item's own words come before the nested items.
                        self.flush_item();
                    }
                    self.lists.push(start.is_some());
                }
            }
            Tag::Item => {
                if self.quotes == 0 {
                    self.flush_item();
                } else {
                    self.text(" ");
                }
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                self.link = Some(PendingLink {
                    href: is_safe_href(&href).then_some(href),
                    text: String::new(),
                });
            }
            // An image keeps only its description, read as ordinary text.
            Tag::Image { .. }
            | Tag::Paragraph
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if self.is_top_level() {
                    self.flush_paragraph();
                } else {
                    self.text(" ");
                }
            }
            TagEnd::Heading(_) => {
                if let Some(level) = self.heading.take() {
                    let inlines = tidy(std::mem::take(&mut self.inlines));
                    if !inlines.is_empty() {
                        self.blocks.push(Block::Heading { level, inlines });
                    }
                } else {
                    self.text(" ");
                }
            }
            TagEnd::BlockQuote(_) => {
                self.quotes = self.quotes.saturating_sub(1);
                if self.quotes == 0 {
                    let inlines = tidy(std::mem::take(&mut self.inlines));
                    if !inlines.is_empty() {
                        let note = Block::Note(inlines);
                        if self.lists.is_empty() {
                            self.blocks.push(note);
                        } else {
                            self.items.push(note_as_item(note));
                        }
                    }
                } else {
                    self.text(" ");
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let code = code.trim_end_matches('\n').to_owned();
                    if self.is_top_level() {
                        self.flush_paragraph();
                        if !code.is_empty() {
                            self.blocks.push(Block::Code(code));
                        }
                    } else {
                        self.inlines.push(Inline::Code(code));
                        self.text(" ");
                    }
                }
            }
            TagEnd::List(_) => {
                if self.quotes == 0 {
                    self.flush_item();
                    if let Some(ordered) = self.lists.pop() {
                        if self.lists.is_empty() {
                            let items = std::mem::take(&mut self.items);
                            if !items.is_empty() {
                                self.blocks.push(Block::List { ordered, items });
                            }
                        }
                    }
                }
            }
            TagEnd::Item => {
                if self.quotes == 0 {
                    self.flush_item();
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => {
                if let Some(PendingLink { href, text }) = self.link.take() {
                    match href {
                        Some(href) if !text.trim().is_empty() => self.inlines.push(Inline::Link {
                            text: text.trim().to_owned(),
                            href,
                        }),
                        _ => self.styled(&text),
                    }
                }
            }
            TagEnd::Image
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Whether a block ending now stands on its own (not inside a list or a quote).
    fn is_top_level(&self) -> bool {
        self.lists.is_empty() && self.quotes == 0
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
        } else if let Some(link) = &mut self.link {
            link.text.push_str(text);
        } else {
            self.styled(text);
        }
    }

    /// Adds words in the current style, joining them to the previous run of that style.
    fn styled(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let strong = self.strong > 0;
        let emphasis = self.emphasis > 0;
        if let Some(last) = self.inlines.last_mut() {
            match (last, strong, emphasis) {
                (Inline::Strong(run), true, _)
                | (Inline::Emphasis(run), false, true)
                | (Inline::Text(run), false, false) => {
                    run.push_str(text);
                    return;
                }
                _ => {}
            }
        }
        let text = text.to_owned();
        self.inlines.push(if strong {
            Inline::Strong(text)
        } else if emphasis {
            Inline::Emphasis(text)
        } else {
            Inline::Text(text)
        });
    }

    fn flush_paragraph(&mut self) {
        let inlines = tidy(std::mem::take(&mut self.inlines));
        if !inlines.is_empty() {
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    fn flush_item(&mut self) {
        let inlines = tidy(std::mem::take(&mut self.inlines));
        if !inlines.is_empty() {
            self.items.push(inlines);
        }
    }
}

/// A note inside a list becomes that item's words.
fn note_as_item(note: Block) -> Vec<Inline> {
    match note {
        Block::Note(inlines) => inlines,
        _ => Vec::new(),
    }
}

/// Level 1 belongs to the page's title, so the body's headings start at 2; past 4 they
/// look alike anyway.
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

/// Collapses runs of spaces, trims the ends and drops what became empty.
fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let count = inlines.len();
    let mut out: Vec<Inline> = Vec::with_capacity(count);
    for (i, inline) in inlines.into_iter().enumerate() {
        let squeeze = |s: String| -> String {
            let mut squeezed = collapse_spaces(&s);
            if i == 0 || out.is_empty() {
                squeezed = squeezed.trim_start().to_owned();
            }
            if i + 1 == count {
                squeezed = squeezed.trim_end().to_owned();
            }
            squeezed
        };
        let inline = match inline {
            Inline::Text(t) => Inline::Text(squeeze(t)),
            Inline::Strong(t) => Inline::Strong(squeeze(t)),
            Inline::Emphasis(t) => Inline::Emphasis(squeeze(t)),
            other => other,
        };
        if !inline.text().is_empty() {
            out.push(inline);
        }
    }
    // A trailing space separator may be left on the last word run.
    if let Some(Inline::Text(t) | Inline::Strong(t) | Inline::Emphasis(t)) = out.last_mut() {
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
    }
    out.retain(|inline| !inline.text().is_empty());
    out
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_space = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        if !(space && previous_space) {
            out.push(if space { ' ' } else { c });
        }
        previous_space = space;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    /// Everything the blocks say, to look for what must never be there.
    fn everything(blocks: &[Block]) -> String {
        serde_json::to_string(blocks).unwrap_or_default()
    }

    #[test]
    fn paragraphs_headings_and_styles_become_blocks() {
        let blocks = to_blocks(
            "# Before you start\n\nPress **Start** and wait\nfor *the beep*.\n\n### Then\n\nType `E18`.",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 2,
                    inlines: vec![text("Before you start")]
                },
                Block::Paragraph(vec![
                    text("Press "),
                    Inline::Strong("Start".into()),
                    text(" and wait for "),
                    Inline::Emphasis("the beep".into()),
                    text("."),
                ]),
                Block::Heading {
                    level: 3,
                    inlines: vec![text("Then")]
                },
                Block::Paragraph(vec![text("Type "), Inline::Code("E18".into()), text(".")]),
            ]
        );
    }

    #[test]
    fn numbered_steps_and_bullets_become_lists() {
        let blocks =
            to_blocks("1. Unplug it.\n2. Open the **filter** flap.\n\n- towels\n- jeans\n");
        assert_eq!(
            blocks,
            vec![
                Block::List {
                    ordered: true,
                    items: vec![
                        vec![text("Unplug it.")],
                        vec![
                            text("Open the "),
                            Inline::Strong("filter".into()),
                            text(" flap.")
                        ],
                    ]
                },
                Block::List {
                    ordered: false,
                    items: vec![vec![text("towels")], vec![text("jeans")]]
                },
            ]
        );
    }

    #[test]
    fn nested_lists_join_the_outer_list() {
        let blocks = to_blocks("- Check:\n  - the hose\n  - the filter\n- Restart\n");
        assert_eq!(
            blocks,
            vec![Block::List {
                ordered: false,
                items: vec![
                    vec![text("Check:")],
                    vec![text("the hose")],
                    vec![text("the filter")],
                    vec![text("Restart")],
                ]
            }]
        );
    }

    #[test]
    fn a_quote_becomes_a_note_and_a_fence_becomes_code() {
        let blocks = to_blocks("> **Unplug** the washer\n> first.\n\n```\nE21\n```\n");
        assert_eq!(
            blocks,
            vec![
                Block::Note(vec![
                    Inline::Strong("Unplug".into()),
                    text(" the washer first."),
                ]),
                Block::Code("E21".into()),
            ]
        );
    }

    #[test]
    fn raw_script_never_survives() {
        for markdown in [
            "<script>alert(1)</script>",
            "Hello <script>alert(1)</script> world",
            "<div>\n<script>alert(1)</script>\n</div>\n\nAfter.",
            "Text <img src=x onerror=alert(1)> more",
            "<iframe src=\"https://evil.example\"></iframe>",
            "- item <script>alert(1)</script>\n",
            "> <b onclick=alert(1)>note</b>",
        ] {
            let all = everything(&to_blocks(markdown));
            assert!(!all.contains("<script"), "{markdown:?} gave {all}");
            assert!(!all.contains("onerror"), "{markdown:?} gave {all}");
            assert!(!all.contains("onclick"), "{markdown:?} gave {all}");
            assert!(!all.contains("<iframe"), "{markdown:?} gave {all}");
        }
        assert_eq!(
            to_blocks("Hello <b>bold</b> world"),
            vec![Block::Paragraph(vec![text("Hello bold world")])]
        );
    }

    #[test]
    fn a_javascript_link_becomes_its_words() {
        for markdown in [
            "[Click me](javascript:alert(1))",
            "[Click me](JAVASCRIPT:alert(1))",
            "[Click me](data:text/html;base64,PHNjcmlwdD4=)",
            "[Click me](//evil.example/)",
            "[Click me][x]\n\n[x]: javascript:alert(1)",
        ] {
            let blocks = to_blocks(markdown);
            assert_eq!(
                blocks,
                vec![Block::Paragraph(vec![text("Click me")])],
                "{markdown:?}"
            );
        }
        assert!(!everything(&to_blocks("<javascript:alert(1)>")).contains("\"link\""));
    }

    #[test]
    fn safe_links_are_kept() {
        assert_eq!(
            to_blocks("See [your products](/products), [Bosch](https://www.bosch-home.com) or <help@example.com>."),
            vec![Block::Paragraph(vec![
                text("See "),
                Inline::Link {
                    text: "your products".into(),
                    href: "/products".into()
                },
                text(", "),
                Inline::Link {
                    text: "Bosch".into(),
                    href: "https://www.bosch-home.com".into()
                },
                text(" or "),
                Inline::Link {
                    text: "help@example.com".into(),
                    href: "mailto:help@example.com".into()
                },
                text("."),
            ])]
        );
    }

    #[test]
    fn an_image_leaves_only_its_description() {
        assert_eq!(
            to_blocks("![The filter flap, bottom right](javascript:alert(1))"),
            vec![Block::Paragraph(vec![text(
                "The filter flap, bottom right"
            )])]
        );
    }
}
