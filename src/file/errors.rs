//! Load errors in a planner's words, with file, line and column.

use crate::model::FORMAT_VERSION;
use ron::error::Error as RonError;
use std::fmt;

/// Why a scenario file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file as the planner named it.
    pub file: String,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has a place.
    pub column: Option<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl LoadError {
    fn at(file: &str, line: usize, column: usize, message: String) -> Self {
        Self {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            message,
        }
    }

    /// A problem with the file as a whole (no line or column).
    pub(crate) fn whole_file(file: &str, message: String) -> Self {
        Self {
            file: file.to_string(),
            line: None,
            column: None,
            message,
        }
    }

    pub(crate) fn io(file: &str, e: &std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "the file does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => {
                "you do not have permission to read this file".to_string()
            }
            std::io::ErrorKind::IsADirectory => "this is a folder, not a file".to_string(),
            _ => format!("the file could not be read ({e})"),
        };
        Self {
            file: file.to_string(),
            line: None,
            column: None,
            message,
        }
    }

    pub(crate) fn not_utf8(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Self {
        let valid = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or("");
        let (line, column) = line_col_of_offset(prefix, prefix.len());
        Self::at(
            file,
            line,
            column,
            "this is not a text file in UTF-8 (it may be a spreadsheet, a picture or a file in another encoding); scenario files are RON text".to_string(),
        )
    }

    pub(crate) fn newer_version(file: &str, text: &str, found: u32) -> Self {
        Self::at_format_version(
            file,
            text,
            format!(
                "this file has format_version {found}, written by a newer Stockpile Planner; this version reads up to format_version {FORMAT_VERSION}. Update Stockpile Planner to open it (nothing was changed)"
            ),
        )
    }

    /// `format_version: 0`: no version of the format is 0.
    pub(crate) fn no_version(file: &str, text: &str) -> Self {
        Self::at_format_version(
            file,
            text,
            format!(
                "format_version 0 is not a version of the format: files written by Stockpile Planner say 1 to {FORMAT_VERSION} (nothing was changed)"
            ),
        )
    }

    /// `message` at the file's `format_version` field.
    fn at_format_version(file: &str, text: &str, message: String) -> Self {
        let offset = text.find("format_version").unwrap_or(0);
        let (line, column) = line_col_of_offset(text, offset);
        Self::at(file, line, column, message)
    }

    pub(crate) fn from_ron(file: &str, text: &str, e: &ron::error::SpannedError) -> Self {
        let (mut line, mut column) = (e.span.start.line, e.span.start.col);
        // An error "at the end" of a file that ends with a newline points past
        // the last line; point at the last character instead.
        if matches!(e.code, RonError::Eof) {
            let trimmed = text.trim_end();
            (line, column) = line_col_of_offset(trimmed, trimmed.len());
        }
        let (line, column) = skip_blanks(text, line.max(1), column.max(1));
        let mut message = plain_message(&e.code);
        if is_value_error(&e.code)
            && let Some(field) = field_before(text, line, column)
        {
            message = format!("`{field}`: {message}");
        }
        Self::at(file, line, column, message)
    }
}

/// Errors about a value (not about the file's structure): worth naming the
/// field the value belongs to.
fn is_value_error(code: &RonError) -> bool {
    matches!(
        code,
        RonError::ExpectedFloat
            | RonError::ExpectedInteger
            | RonError::IntegerOutOfBounds
            | RonError::InvalidIntegerDigit { .. }
            | RonError::ExpectedString
            | RonError::ExpectedBoolean
            | RonError::InvalidValueForType { .. }
            | RonError::NoSuchEnumVariant { .. }
            | RonError::Message(_)
    )
}

/// RON sometimes points at the blank before a value; point at the value.
fn skip_blanks(text: &str, line: usize, column: usize) -> (usize, usize) {
    let Some(row) = text.lines().nth(line - 1) else {
        return (line, column);
    };
    let rest = row.chars().skip(column - 1);
    let blanks = rest.take_while(|c| *c == ' ' || *c == '\t').count();
    if column - 1 + blanks < row.chars().count() {
        (line, column + blanks)
    } else {
        (line, column)
    }
}

/// The field name written just before `line:column` (`name: value`).
fn field_before(text: &str, line: usize, column: usize) -> Option<String> {
    let row = text.lines().nth(line - 1)?;
    let before: String = row.chars().take(column - 1).collect();
    let before = before
        .trim_end()
        .trim_end_matches(['"', '-'])
        .trim_end()
        .strip_suffix(':')?
        .trim_end();
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some(name)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest of `candidates` to `found`, if it is close enough to be a typo.
fn did_you_mean<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(&found.to_lowercase(), &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn within(outer: &Option<String>) -> String {
    match outer {
        Some(o) => format!(" in {o}"),
        None => String::new(),
    }
}

/// "`what` in `outer`; did you mean `x`? expected one of a, b": a name
/// that is none of `expected`, with the nearest one suggested.
fn not_one_of(what: String, found: &str, expected: &[&str], outer: &Option<String>) -> String {
    let hint = did_you_mean(found, expected)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    format!(
        "{what}{}; {hint}expected one of {}",
        within(outer),
        list(expected)
    )
}

/// Translate a RON error into words a planner understands.
fn plain_message(code: &RonError) -> String {
    match code {
        RonError::Eof => "the file ends too early: it looks cut off (a value or a closing bracket is missing)".into(),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => not_one_of(format!("unknown field `{found}`"), found, expected, outer),
        RonError::MissingStructField { field, outer } => {
            format!("the required field `{field}` is missing{}", within(outer))
        }
        RonError::DuplicateStructField { field, outer } => {
            format!("the field `{field}` appears twice{}", within(outer))
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => not_one_of(
            format!("`{found}` is not a valid choice"),
            found,
            expected,
            outer,
        ),
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, but found {found}")
        }
        RonError::ExpectedFloat | RonError::ExpectedInteger => {
            "expected a number here (for example 1500 or 42.5)".into()
        }
        RonError::IntegerOutOfBounds => {
            "this number is out of range here (expected a whole number from 0 to 4294967295)".into()
        }
        RonError::FloatUnderscore | RonError::UnderscoreAtBeginning => {
            "numbers cannot contain `_` here".into()
        }
        RonError::ExpectedString => {
            "expected text in double quotes, such as \"Cobalt\"".into()
        }
        RonError::ExpectedStringEnd => {
            "a text in double quotes is not closed (its closing `\"` is missing): the file may be cut off".into()
        }
        RonError::InvalidIntegerDigit { digit, .. } => format!(
            "expected a whole number here (such as 12), but it holds `{digit}`; whole numbers have no decimal point or exponent"
        ),
        RonError::ExceededRecursionLimit => {
            "brackets are nested too deeply here; a scenario nests them only a few levels, so this is not a scenario".into()
        }
        RonError::InvalidEscape(_) => {
            "a `\\` in a text is followed by something that is not an escape (write `\\\\` for a backslash)".into()
        }
        RonError::ExpectedDifferentLength { expected, found } => {
            format!("expected {expected}, but found {found} values")
        }
        RonError::ExpectedChar
        | RonError::ExpectedByteLiteral
        | RonError::ExpectedByteString
        | RonError::ExpectedUnit
        | RonError::ExpectedMap
        | RonError::ExpectedMapEnd
        | RonError::ExpectedOption
        | RonError::ExpectedRawValue
        | RonError::ExpectedRangeSyntax => {
            "this value does not have the form this field takes (see docs/FORMAT.md)".into()
        }
        RonError::NoSuchExtension(_)
        | RonError::ExpectedAttribute
        | RonError::ExpectedAttributeEnd => {
            "scenario files do not use `#![…]` lines; remove it".into()
        }
        RonError::InvalidIdentifier(_)
        | RonError::SuggestRawIdentifier(_)
        | RonError::ExpectedStructName(_) => "expected a field name".into(),
        RonError::ExpectedBoolean => "expected `true` or `false`".into(),
        RonError::ExpectedComma => "expected a comma `,` between two values".into(),
        RonError::ExpectedArray => "expected a list starting with `[`".into(),
        RonError::ExpectedArrayEnd => "expected `]` to close the list (or a comma before the next item)".into(),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            "expected `(` to start a group of fields; this does not look like a Stockpile Planner scenario".into()
        }
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            "expected `)` to close the group of fields (or a comma before the next field)".into()
        }
        RonError::ExpectedMapColon => "expected `:` between a field name and its value".into(),
        RonError::ExpectedDifferentStructName { expected, found } => format!(
            "expected `{expected}(…)` but found `{found}(…)`; this is not a Stockpile Planner scenario"
        ),
        RonError::ExpectedIdentifier => "expected a field name".into(),
        RonError::TrailingCharacters => {
            "unexpected text after the end of the scenario (is something pasted twice?)".into()
        }
        RonError::UnexpectedChar(c) => format!("unexpected character `{c}`"),
        RonError::UnclosedBlockComment | RonError::UnclosedLineComment => {
            "a comment is not closed: the file looks cut off".into()
        }
        RonError::Utf8Error(_) => "this is not a text file in UTF-8".into(),
        RonError::Message(m) => m.clone(),
        // Not met reading a file (writing errors); said without library
        // words all the same.
        RonError::Fmt | RonError::Io(_) => "the file could not be read as text".into(),
        // A kind added by a later `ron` (the enum is non-exhaustive).
        _ => "this is not how a scenario file is written here (see docs/FORMAT.md)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_field_names() {
        assert_eq!(
            did_you_mean("budjet_usd", &["name", "budget_usd", "unit"]),
            Some("budget_usd")
        );
        assert_eq!(did_you_mean("colour", &["name", "budget_usd"]), None);
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col_of_offset("ab\ncé!", 6), (2, 3));
        // An offset inside a character never panics.
        assert_eq!(line_col_of_offset("ab\ncé", 5), (2, 2));
    }
}
