//! A tokenizer for the Ruby that Homebrew formulas are written in.
//!
//! It knows enough Ruby to find where every string, heredoc, symbol, regexp and `%`-literal
//! ends, which is what makes the structure of a formula (statements, `do ... end` blocks)
//! recoverable without a full Ruby parser. Whitespace and comments are not tokens; everything
//! else is, so tokens plus trivia cover the input.

use crate::span::Span;
use crate::syntax::SyntaxError;
use nom::bytes::complete::take_while;
use nom::IResult;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Const(String),
    /// `name:` in an argument list or hash (`branch: "main"`).
    Label(String),
    /// A string literal; `value` has escapes applied and interpolations left as written.
    Str {
        value: String,
        interpolated: bool,
    },
    Sym(String),
    Num(String),
    Regex,
    /// `%w[...]`/`%i[...]`: the words.
    Words(Vec<String>),
    Op(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Dot,
    Semi,
    Newline,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// Whitespace precedes the token (`foo (x)` vs `foo(x)`, `a / b` vs `a /b/`).
    pub space_before: bool,
}

pub const KEYWORDS: &[&str] = &[
    "alias", "and", "begin", "break", "case", "class", "def", "defined?", "do", "else", "elsif", "end", "ensure",
    "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self",
    "super", "then", "true", "undef", "unless", "until", "when", "while", "yield",
];

fn ident_chars(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| c.is_alphanumeric() || c == '_')(i)
}

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
    /// Comment spans (`#...` and `=begin ... =end`) and the data after `__END__`.
    pub comments: Vec<Span>,
    /// Heredoc bodies with their terminator lines (the `<<~EOS` token is elsewhere).
    pub heredoc_bodies: Vec<Span>,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Token>,
    errors: Vec<SyntaxError>,
    comments: Vec<Span>,
    heredoc_bodies: Vec<Span>,
    /// Heredocs whose bodies start at the next line: (token index, terminator, indented end).
    pending: Vec<(usize, String, bool, bool)>,
}

pub fn lex(src: &str) -> Lexed {
    let mut lx =
        Lexer { src, pos: 0, out: vec![], errors: vec![], comments: vec![], heredoc_bodies: vec![], pending: vec![] };
    lx.run();
    Lexed { tokens: lx.out, errors: lx.errors, comments: lx.comments, heredoc_bodies: lx.heredoc_bodies }
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        c => c,
    }
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, tok: Tok, start: usize, space_before: bool) {
        self.out.push(Token { tok, span: Span::new(start, self.pos), space_before });
    }

    /// Whether a `/` or `%` here starts a literal rather than being an operator: after an
    /// operator, an opening bracket, a comma, a keyword or a line start, or after a method
    /// name followed by a space when the next character is not a space (`scan /x/`).
    fn value_expected(&self, space_before: bool) -> bool {
        match self.out.last().map(|t| &t.tok) {
            None => true,
            Some(Tok::Op(_) | Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::Comma | Tok::Semi | Tok::Newline) => {
                true
            }
            Some(Tok::Label(_)) => true,
            Some(Tok::Ident(name)) => {
                KEYWORDS.contains(&name.as_str())
                    || (space_before && !self.rest()[1..].starts_with([' ', '=', '\n', '\t']))
            }
            _ => false,
        }
    }

    fn run(&mut self) {
        while self.pos < self.src.len() {
            let before = self.pos;
            let space_before = self.skip_trivia();
            if self.pos >= self.src.len() {
                break;
            }
            self.token(space_before);
            if self.pos == before {
                // never loop without progress, whatever the input
                let c = self.peek().map_or(1, char::len_utf8);
                self.errors.push(SyntaxError::new(Span::new(self.pos, self.pos + c), "unexpected character"));
                self.pos += c;
            }
        }
        for (idx, term, _, _) in std::mem::take(&mut self.pending) {
            let span = self.out[idx].span;
            self.errors.push(SyntaxError::new(span, format!("heredoc without its terminator `{term}`")));
        }
    }

    /// Skip spaces, `\`-newlines and comments. Returns whether anything was skipped.
    fn skip_trivia(&mut self) -> bool {
        let start = self.pos;
        loop {
            let r = self.rest();
            if r.starts_with([' ', '\t', '\r']) {
                self.pos += 1;
            } else if r.starts_with("\\\n") {
                self.pos += 2;
            } else if r.starts_with("\\\r\n") {
                self.pos += 3;
            } else if r.starts_with('#') {
                let end = r.find('\n').unwrap_or(r.len());
                self.comments.push(Span::new(self.pos, self.pos + end));
                self.pos += end;
            } else if (r.starts_with("__END__\n") || r == "__END__" || r.starts_with("__END__\r\n"))
                && (self.pos == 0 || self.src.as_bytes()[self.pos - 1] == b'\n')
            {
                // the program ends here; the rest is data (`DATA`, a patch for `patch :DATA`)
                self.comments.push(Span::new(self.pos, self.src.len()));
                self.pos = self.src.len();
            } else if r.starts_with("=begin") && (self.pos == 0 || self.src.as_bytes()[self.pos - 1] == b'\n') {
                let end = r.find("\n=end").map(|e| {
                    let after = &r[e + 5..];
                    e + 5 + after.find('\n').unwrap_or(after.len())
                });
                let end = end.unwrap_or(r.len());
                self.comments.push(Span::new(self.pos, self.pos + end));
                self.pos += end;
            } else {
                return self.pos > start;
            }
        }
    }

    fn token(&mut self, space_before: bool) {
        let start = self.pos;
        let Some(c) = self.peek() else { return };
        match c {
            '\n' => {
                self.pos += 1;
                self.push(Tok::Newline, start, space_before);
                self.read_heredoc_bodies();
            }
            '"' | '`' => {
                self.pos += 1;
                let (value, interpolated) = self.string_body(c, None, true);
                self.push(Tok::Str { value, interpolated }, start, space_before);
            }
            '\'' => {
                self.pos += 1;
                let (value, _) = self.string_body('\'', None, false);
                self.push(Tok::Str { value, interpolated: false }, start, space_before);
            }
            ':' if self.rest().starts_with("::") => {
                self.pos += 2;
                self.push(Tok::Op("::".into()), start, space_before);
            }
            ':' if self.rest()[1..].starts_with('"') => {
                self.pos += 2;
                let (value, _) = self.string_body('"', None, true);
                self.push(Tok::Sym(value), start, space_before);
            }
            ':' if self.rest()[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') => {
                self.pos += 1;
                let (_, name) = ident_chars(self.rest()).unwrap_or(("", ""));
                self.pos += name.len();
                if self.rest().starts_with(['?', '!', '=']) && !self.rest().starts_with("=>") {
                    self.pos += 1;
                }
                let name = self.src[start + 1..self.pos].to_string();
                self.push(Tok::Sym(name), start, space_before);
            }
            '<' if self.rest().starts_with("<<~") || self.rest().starts_with("<<-") || self.heredoc_plain() => {
                self.heredoc_start(space_before);
            }
            '/' if self.value_expected(space_before) => {
                self.pos += 1;
                self.string_body('/', None, true);
                let (_, flags) = ident_chars(self.rest()).unwrap_or(("", ""));
                self.pos += flags.len();
                self.push(Tok::Regex, start, space_before);
            }
            '%' if self.percent_literal(space_before) => {}
            '0'..='9' => {
                let (_, n) =
                    take_while::<_, _, nom::error::Error<&str>>(|c: char| c.is_alphanumeric() || c == '_' || c == '.')(
                        self.rest(),
                    )
                    .unwrap_or(("", ""));
                // `1.upto`: a dot followed by a letter is a method call, not a decimal point
                let n = match n.find('.') {
                    Some(d) if !n[d + 1..].starts_with(|c: char| c.is_ascii_digit()) => &n[..d],
                    _ => n,
                };
                self.pos += n.len().max(1);
                self.push(Tok::Num(self.src[start..self.pos].to_string()), start, space_before);
            }
            c if c.is_alphabetic() || c == '_' || c == '@' || c == '$' => {
                while self.rest().starts_with(['@', '$']) {
                    self.pos += 1;
                }
                let (_, name) = ident_chars(self.rest()).unwrap_or(("", ""));
                self.pos += name.len();
                if self.rest().starts_with(['?', '!'])
                    && !self.rest().starts_with("!=")
                    && !self.rest().starts_with("?:")
                {
                    self.pos += 1;
                }
                let word = self.src[start..self.pos].to_string();
                let after_dot = matches!(self.out.last().map(|t| &t.tok), Some(Tok::Dot));
                // `key:` but not `key::` and not a ternary `a ? b : c`
                if self.rest().starts_with(':') && !self.rest().starts_with("::") && !after_dot {
                    self.pos += 1;
                    self.push(Tok::Label(word), start, space_before);
                } else if word.starts_with(|c: char| c.is_uppercase()) {
                    self.push(Tok::Const(word), start, space_before);
                } else {
                    self.push(Tok::Ident(word), start, space_before);
                }
            }
            '(' => self.single(Tok::LParen, space_before),
            ')' => self.single(Tok::RParen, space_before),
            '[' => self.single(Tok::LBracket, space_before),
            ']' => self.single(Tok::RBracket, space_before),
            '{' => self.single(Tok::LBrace, space_before),
            '}' => self.single(Tok::RBrace, space_before),
            ',' => self.single(Tok::Comma, space_before),
            ';' => self.single(Tok::Semi, space_before),
            '.' if !self.rest().starts_with("..") => self.single(Tok::Dot, space_before),
            '?' if self.rest()[1..].starts_with(|c: char| c.is_alphanumeric()) && self.value_expected(space_before) => {
                // character literal `?a`
                self.pos += 1 + self.rest()[1..].chars().next().map_or(0, char::len_utf8);
                self.push(
                    Tok::Str { value: self.src[start + 1..self.pos].to_string(), interpolated: false },
                    start,
                    space_before,
                );
            }
            _ => {
                const OPS: &[&str] = &[
                    "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "==", "!=", ">=", "<=", "&&", "||", "<<",
                    ">>", "=>", "=~", "!~", "+=", "-=", "*=", "/=", "|=", "&=", "..", "::", "->", "**",
                ];
                let r = self.rest();
                let len = OPS.iter().find(|op| r.starts_with(**op)).map_or(c.len_utf8(), |op| op.len());
                self.pos += len;
                self.push(Tok::Op(self.src[start..self.pos].to_string()), start, space_before);
            }
        }
    }

    fn single(&mut self, tok: Tok, space_before: bool) {
        let start = self.pos;
        self.pos += 1;
        self.push(tok, start, space_before);
    }

    /// `<<EOS` / `<<"EOS"` without `~`/`-` is a heredoc only in value position (else `a << b`).
    fn heredoc_plain(&self) -> bool {
        // a lone `<` at the end of the input (found by the mutation test) has no `[2..]`
        let Some(r) = self.rest().strip_prefix("<<") else { return false };
        r.starts_with(|c: char| c.is_ascii_uppercase() || c == '"' || c == '\'')
            && self.out.last().is_some_and(|t| matches!(t.tok, Tok::Ident(_) | Tok::LParen | Tok::Comma))
            && self
                .out
                .last()
                .is_some_and(|t| !matches!(t.tok, Tok::Ident(_)) || r.starts_with(|c: char| c.is_ascii_uppercase()))
    }

    fn heredoc_start(&mut self, space_before: bool) {
        let start = self.pos;
        self.pos += 2;
        // `<<~` and `<<-` allow an indented terminator; `~` also strips the body's indentation,
        // which does not matter for what rules read
        let indented = self.rest().starts_with(['~', '-']);
        if indented {
            self.pos += 1;
        }
        let (term, raw) = match self.peek() {
            Some(q @ ('"' | '\'' | '`')) => {
                let r = &self.rest()[1..];
                let end = r.find([q, '\n']).unwrap_or(r.len());
                let t = r[..end].to_string();
                self.pos += 1 + end + usize::from(r[end..].starts_with(q));
                (t, q == '\'')
            }
            _ => {
                let (_, t) = ident_chars(self.rest()).unwrap_or(("", ""));
                self.pos += t.len();
                (t.to_string(), false)
            }
        };
        self.pending.push((self.out.len(), term, indented, raw));
        self.push(Tok::Str { value: String::new(), interpolated: false }, start, space_before);
    }

    fn read_heredoc_bodies(&mut self) {
        for (idx, term, indented, raw) in std::mem::take(&mut self.pending) {
            let body_start = self.pos;
            let mut found = false;
            while self.pos < self.src.len() {
                let r = self.rest();
                let line_len = r.find('\n').map_or(r.len(), |n| n + 1);
                let line = r[..line_len].trim_end_matches(['\n', '\r']);
                let is_end = if indented { line.trim_start() == term } else { line == term };
                self.pos += line_len;
                if is_end {
                    found = true;
                    let body = &self.src[body_start..self.pos - line_len];
                    let t = &mut self.out[idx];
                    t.tok = Tok::Str { value: body.to_string(), interpolated: !raw && body.contains("#{") };
                    break;
                }
            }
            self.heredoc_bodies.push(Span::new(body_start, self.pos));
            if !found {
                let span = self.out[idx].span;
                self.errors.push(SyntaxError::new(span, format!("heredoc without its terminator `{term}`")));
            }
        }
    }

    /// `%w[..]`, `%i[..]`, `%q(..)`, `%Q{..}`, `%(..)`, `%r{..}`.
    fn percent_literal(&mut self, space_before: bool) -> bool {
        let r = self.rest();
        let mut chars = r[1..].chars();
        let (kind, open) = match chars.next() {
            Some(k @ ('w' | 'W' | 'i' | 'I' | 'q' | 'Q' | 'r')) => match chars.next() {
                Some(o) if "([{<|!/".contains(o) => (Some(k), o),
                _ => return false,
            },
            Some(o) if "([{<|!".contains(o) && self.value_expected(space_before) => (None, o),
            _ => return false,
        };
        let start = self.pos;
        self.pos += 1 + usize::from(kind.is_some()) + open.len_utf8();
        let interp = !matches!(kind, Some('q' | 'w' | 'i'));
        let (value, interpolated) = self.string_body(closing(open), Some(open), interp);
        let tok = match kind {
            Some('w' | 'W' | 'i' | 'I') => Tok::Words(value.split_whitespace().map(String::from).collect()),
            Some('r') => {
                let (_, flags) = ident_chars(self.rest()).unwrap_or(("", ""));
                self.pos += flags.len();
                Tok::Regex
            }
            _ => Tok::Str { value, interpolated },
        };
        self.push(tok, start, space_before);
        true
    }

    /// Read up to the closing delimiter (the opening one already consumed). Nested pairs of
    /// `open`/`close` count; `#{...}` interpolations are skipped as code.
    fn string_body(&mut self, close: char, open: Option<char>, interp: bool) -> (String, bool) {
        let start = self.pos;
        let mut value = String::new();
        let mut depth = 0usize;
        let mut interpolated = false;
        while let Some(c) = self.peek() {
            if c == '\\' {
                self.pos += 1;
                if let Some(n) = self.peek() {
                    self.pos += n.len_utf8();
                    match n {
                        'n' if interp => value.push('\n'),
                        't' if interp => value.push('\t'),
                        _ if n == close || n == '\\' => value.push(n),
                        _ => {
                            if interp {
                                value.push(n);
                            } else {
                                value.push('\\');
                                value.push(n);
                            }
                        }
                    }
                }
                continue;
            }
            if interp && self.rest().starts_with("#{") {
                interpolated = true;
                let s = self.pos;
                self.pos += 2;
                self.skip_code_to_brace();
                value.push_str(&self.src[s..self.pos]);
                continue;
            }
            self.pos += c.len_utf8();
            if Some(c) == open && open != Some(close) {
                depth += 1;
            } else if c == close {
                if depth == 0 {
                    return (value, interpolated);
                }
                depth -= 1;
            }
            value.push(c);
        }
        self.errors.push(SyntaxError::new(
            Span::new(start.saturating_sub(1), self.pos),
            format!("unterminated literal (missing `{close}`)"),
        ));
        (value, interpolated)
    }

    /// Inside `#{`: skip code up to the matching `}`, stepping over nested strings.
    fn skip_code_to_brace(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    self.pos += 1;
                    return;
                }
                '}' => depth -= 1,
                '"' | '\'' | '`' => {
                    self.pos += 1;
                    self.string_body(c, None, c != '\'');
                    continue;
                }
                _ => {}
            }
            self.pos += c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src).tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn strings_symbols_labels() {
        let t = kinds("url \"https://x/#{name}-#{version}.tgz\", using: :git, tag: 'v1'\n");
        assert_eq!(t[0], Tok::Ident("url".into()));
        assert_eq!(t[1], Tok::Str { value: "https://x/#{name}-#{version}.tgz".into(), interpolated: true });
        assert_eq!(t[3], Tok::Label("using".into()));
        assert_eq!(t[4], Tok::Sym("git".into()));
        assert_eq!(t[7], Tok::Str { value: "v1".into(), interpolated: false });
    }

    #[test]
    fn heredocs_and_regexes() {
        let src = "def caveats\n  <<~EOS\n    a #{x}\n  EOS\nend\nregex(/v?(\\d+)/i)\nx = a / b\n";
        let l = lex(src);
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let t: Vec<_> = l.tokens.iter().map(|t| &t.tok).collect();
        assert!(t.contains(&&Tok::Str { value: "    a #{x}\n".into(), interpolated: true }));
        assert!(t.contains(&&Tok::Regex));
        assert!(t.contains(&&Tok::Op("/".into())));
        assert_eq!(t.iter().filter(|x| ***x == Tok::Ident("end".into())).count(), 1);
    }

    #[test]
    fn percent_literals_and_nested_interpolation() {
        let t = kinds("%w[a b] + %W(c) ; \"#{x.map { |y| \"#{y}}\" }}\" 10 % 3\n");
        assert_eq!(t[0], Tok::Words(vec!["a".into(), "b".into()]));
        assert!(matches!(t[4], Tok::Str { interpolated: true, .. }));
        assert_eq!(t[6], Tok::Op("%".into()));
    }

    #[test]
    fn never_stuck() {
        for src in ["\"", "<<~EOS\n", "%w[", "#{", "\\", ":\"", "/", "?", "=begin\n"] {
            let _ = lex(src);
        }
    }
}
