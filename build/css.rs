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
}
