//! Templates with named placeholders: `"Page {page} of {total}"`. A template is checked against
//! its message's placeholders before it is used, so the reader never sees a raw `{placeholder}`.

/// A piece of a template: literal text, or the placeholder with that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text shown as it is.
    Text(&'a str),
    /// Where the value of this placeholder goes.
    Value(&'a str),
}

/// Why a template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `{` without its `}`, or a `}` without its `{`.
    Unbalanced,
    /// A placeholder the message does not have.
    UnknownPlaceholder(String),
}

/// The template's segments, when every brace pairs up and every placeholder is one of `known`.
pub fn parse<'a>(template: &'a str, known: &[&str]) -> Result<Vec<Segment<'a>>, TemplateError> {
    let mut segments = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => {
                segments.push(Segment::Text(rest));
                break;
            }
            (Some(open), Some(close)) if open < close => {
                if open > 0 {
                    segments.push(Segment::Text(&rest[..open]));
                }
                let name = &rest[open + 1..close];
                if name.contains('{') {
                    return Err(TemplateError::Unbalanced);
                }
                if !known.contains(&name) {
                    return Err(TemplateError::UnknownPlaceholder(name.to_owned()));
                }
                segments.push(Segment::Value(name));
                rest = &rest[close + 1..];
            }
            _ => return Err(TemplateError::Unbalanced),
        }
    }
    Ok(segments)
}

/// The template with each placeholder replaced by its value in `values` (name, value). A
/// placeholder without a value is left out.
pub fn fill(segments: &[Segment<'_>], values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Value(name) => {
                if let Some((_, value)) = values.iter().find(|(key, _)| key == name) {
                    out.push_str(value);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_split_out_of_the_text() {
        let segments = parse("Page {page} of {total}", &["page", "total"]).expect("usable");
        assert_eq!(
            segments,
            [
                Segment::Text("Page "),
                Segment::Value("page"),
                Segment::Text(" of "),
                Segment::Value("total"),
            ]
        );
        assert_eq!(
            fill(&segments, &[("total", "7"), ("page", "2")]),
            "Page 2 of 7"
        );
        assert_eq!(parse("", &[]).expect("usable"), []);
        assert_eq!(
            parse("{count}", &["count"]).expect("usable"),
            [Segment::Value("count")]
        );
    }

    #[test]
    fn a_template_that_would_show_a_brace_is_refused() {
        let known = ["page"];
        assert_eq!(parse("Page {page", &known), Err(TemplateError::Unbalanced));
        assert_eq!(parse("Page page}", &known), Err(TemplateError::Unbalanced));
        assert_eq!(
            parse("Page {{page}", &known),
            Err(TemplateError::Unbalanced)
        );
        assert_eq!(parse("}{page}", &known), Err(TemplateError::Unbalanced));
        assert_eq!(
            parse("Page {pge}", &known),
            Err(TemplateError::UnknownPlaceholder("pge".into()))
        );
        assert_eq!(
            parse("Page {}", &known),
            Err(TemplateError::UnknownPlaceholder(String::new()))
        );
    }

    #[test]
    fn missing_values_leave_no_placeholder_behind() {
        let segments = parse("{a} and {b}", &["a", "b"]).expect("usable");
        assert_eq!(fill(&segments, &[("a", "x")]), "x and ");
    }
}
