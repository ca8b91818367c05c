//! Minifying the widget's stylesheet at build time: the CSS is compiled into the wasm, and its
//! comments and indentation were a fifth of its gzip bytes. `build.rs` includes this file; so
//! does `tests/css.rs`, which runs the tests below natively.

/// Drops comments and collapses whitespace, outside strings only. Whitespace next to
/// `{ } ; , >` goes; any other run becomes one space, because some are meaningful
/// (`calc(a + b)`, `.a :hover`, `0 0 3px`).
pub fn minify(css: &str) -> String {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut star = false;
            for c in chars.by_ref() {
                if star && c == '/' {
                    break;
                }
                star = c == '*';
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if c == '"' || c == '\'' {
            // A string is copied as it is, up to its closing quote.
            let mut escaped = false;
            for s in chars.by_ref() {
                out.push(s);
                if s == c && !escaped {
                    break;
                }
                escaped = s == '\\' && !escaped;
            }
        }
    }
    out
}

/// The property tests' runner (`tests::properties`).
#[cfg(test)]
#[path = "../protocol/tests/support/mod.rs"]
mod support;

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_layout_whitespace_go_meaningful_spaces_stay() {
        let cases = [
            (
                "/* doc */\n:host {\n  display: block;\n}\n",
                ":host{display: block;}",
            ),
            (".a,\n.b > .c { color: red }", ".a,.b>.c{color: red}"),
            (
                ".a :hover { width: calc(100% - 2px) }",
                ".a :hover{width: calc(100% - 2px)}",
            ),
            (
                "a { box-shadow: 0 0 0 3px rgb(0 0 0 / 45%); }",
                "a{box-shadow: 0 0 0 3px rgb(0 0 0 / 45%);}",
            ),
            (
                "a { font-family: \"Segoe  UI\", x; }",
                "a{font-family: \"Segoe  UI\",x;}",
            ),
            (
                "a::after { content: \"/* not a comment */\" }",
                "a::after{content: \"/* not a comment */\"}",
            ),
            (
                "a { content: 'it\\'s  here' }",
                "a{content: 'it\\'s  here'}",
            ),
            ("/* a ** b */a{}/**/", "a{}"),
            ("", ""),
        ];
        for (css, expected) in cases {
            assert_eq!(minify(css), expected, "{css:?}");
        }
    }

    #[test]
    fn the_widget_stylesheet_loses_only_comments_and_whitespace() {
        let css = include_str!("../style/task-history.css");
        let small = minify(css);
        assert!(
            small.len() < css.len() * 4 / 5,
            "{} of {}",
            small.len(),
            css.len()
        );
        // Every comment opens at the start of a `/*` piece and closes at its first `*/`.
        let uncommented: String = css
            .split("/*")
            .enumerate()
            .map(|(i, piece)| match piece.split_once("*/") {
                Some((_, after)) if i > 0 => after,
                _ => piece,
            })
            .collect();
        let visible = |text: &str| text.split_whitespace().collect::<String>();
        assert_eq!(visible(&small), visible(&uncommented));
    }

    /// Property tests: CSS built from known pieces (words, punctuation, whitespace, comments,
    /// strings), so what must survive minifying is known without a second minifier.
    mod properties {
        use super::super::support::check;
        use super::minify;
        use proptest::prelude::*;

        /// One piece of a stylesheet.
        #[derive(Debug, Clone)]
        enum Piece {
            /// Characters outside strings and comments, never `/`, a quote or a backslash.
            Text(String),
            /// `/` on its own, never followed by `*` (a space or a comment follows it).
            Slash,
            /// Whitespace.
            Space(String),
            /// `/* body */`; the body has no `*/`.
            Comment(String),
            /// A string: its quote and its content, escapes included.
            Quoted(char, String),
        }

        impl Piece {
            fn css(&self) -> String {
                match self {
                    Self::Text(text) | Self::Space(text) => text.clone(),
                    Self::Slash => "/".to_owned(),
                    Self::Comment(body) => format!("/*{body}*/"),
                    Self::Quoted(quote, content) => format!("{quote}{content}{quote}"),
                }
            }
        }

        fn piece() -> impl Strategy<Value = Piece> {
            let quoted = prop::sample::select(&['"', '\''][..]).prop_flat_map(|quote| {
                // Any character but the quote and backslash, or an escape of anything.
                let plain = prop::string::string_regex(&format!("[^{quote}\\\\]"));
                let plain = plain.expect("a valid regex");
                let content = prop::collection::vec(prop_oneof![plain, "\\\\[\\s\\S]"], 0..6);
                content.prop_map(move |parts| Piece::Quoted(quote, parts.concat()))
            });
            prop_oneof![
                4 => "[a-z0-9#.%!@()\\[\\]=+*:-]{1,6}".prop_map(Piece::Text),
                3 => "[{};,>]".prop_map(Piece::Text),
                1 => "[^/'\"\\\\\\s]{1,3}".prop_map(Piece::Text),
                1 => Just(Piece::Slash),
                3 => "[ \t\n\r\u{a0}\u{2028}]{1,3}".prop_map(Piece::Space),
                2 => "([^*]|\\*+[^*/]){0,8}\\**".prop_map(Piece::Comment),
                2 => quoted,
            ]
        }

        /// A stylesheet of pieces, and the pieces; a `/` is always followed by a space.
        fn stylesheet() -> impl Strategy<Value = (String, Vec<Piece>)> {
            prop::collection::vec(piece(), 0..24).prop_map(|mut pieces| {
                let mut at = 0;
                while at < pieces.len() {
                    if matches!(pieces[at], Piece::Slash) {
                        pieces.insert(at + 1, Piece::Space(" ".to_owned()));
                    }
                    at += 1;
                }
                (pieces.iter().map(Piece::css).collect(), pieces)
            })
        }

        fn visible(text: &str) -> String {
            text.split_whitespace().collect()
        }

        /// Arbitrary text and CSS-like character soup, unterminated comments and strings
        /// included.
        fn any_css() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                "[a-z {};:,>/*'\"\\\\\\s]{0,40}",
                stylesheet().prop_map(|(css, _)| css),
            ]
        }

        #[test]
        fn minify_never_panics_and_is_idempotent() {
            check("minify_never_panics_and_is_idempotent", any_css(), |css| {
                let once = minify(&css);
                prop_assert_eq!(minify(&once), once.clone(), "{:?}", css);
                Ok(())
            });
        }

        #[test]
        fn minify_keeps_every_visible_character_outside_comments_in_order() {
            check(
                "minify_keeps_every_visible_character_outside_comments_in_order",
                stylesheet(),
                |(css, pieces)| {
                    let kept: String = pieces
                        .iter()
                        .filter(|piece| !matches!(piece, Piece::Comment(_)))
                        .map(Piece::css)
                        .collect();
                    prop_assert_eq!(visible(&minify(&css)), visible(&kept), "{:?}", css);
                    Ok(())
                },
            );
        }

        #[test]
        fn minify_copies_strings_verbatim() {
            check(
                "minify_copies_strings_verbatim",
                stylesheet(),
                |(css, pieces)| {
                    let small = minify(&css);
                    let mut rest = small.as_str();
                    for piece in pieces.iter().filter(|p| matches!(p, Piece::Quoted(..))) {
                        let string = piece.css();
                        let Some(at) = rest.find(&string) else {
                            return Err(TestCaseError::fail(format!("{string:?} lost: {small:?}")));
                        };
                        rest = &rest[at + string.len()..];
                    }
                    Ok(())
                },
            );
        }

        #[test]
        fn minify_leaves_single_spaces_between_words_only() {
            // Words apart by whitespace or a comment stay apart by exactly one space; no
            // whitespace is left at either end or next to `{ } ; , >`.
            let words = prop::collection::vec(
                (
                    prop_oneof!["[a-z0-9]{1,4}", "[{};,>]"],
                    prop_oneof!["[ \t\n]{1,3}", "[ \n]?/\\*[a-z ]{0,4}\\*/[ \n]?"],
                ),
                1..10,
            );
            check(
                "minify_leaves_single_spaces_between_words_only",
                ("[ \n]{0,2}", words),
                |(lead, words)| {
                    let css = lead
                        + &words
                            .iter()
                            .map(|(w, gap)| format!("{w}{gap}"))
                            .collect::<String>();
                    let tight = |w: &str| matches!(w, "{" | "}" | ";" | "," | ">");
                    let mut expected = String::new();
                    for (i, (word, _)) in words.iter().enumerate() {
                        if i > 0 && !tight(word) && !tight(&words[i - 1].0) {
                            expected.push(' ');
                        }
                        expected += word;
                    }
                    prop_assert_eq!(minify(&css), expected, "{:?}", css);
                    Ok(())
                },
            );
        }
    }
}
