//! rpm's expression language, as used by `%if` and `%[...]`, on already-expanded text.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Str(String),
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Int(i) => *i != 0,
            Value::Str(s) => !s.is_empty(),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Str(s) => write!(f, "{s}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(i64),
    Str(String),
    Ver(String),
    Op(&'static str),
}

fn lex(s: &str) -> Option<Vec<Tok>> {
    const OPS: &[&str] = &["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "(", ")", "?", ":"];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Int(s[st..i].parse().ok()?));
        } else if c == b'"' || (c == b'v' && b.get(i + 1) == Some(&b'"')) {
            let ver = c == b'v';
            let st = if ver { i + 2 } else { i + 1 };
            let end = s[st..].find('"')? + st;
            let text = s[st..end].to_string();
            out.push(if ver { Tok::Ver(text) } else { Tok::Str(text) });
            i = end + 1;
        } else if let Some(op) = OPS.iter().find(|op| s[i..].starts_with(**op)) {
            out.push(Tok::Op(op));
            i += op.len();
        } else {
            // A bare word: rpm rejects it; we cannot decide the condition.
            return None;
        }
    }
    Some(out)
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn eat(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Op(o)) if *o == op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn ternary(&mut self) -> Option<Value> {
        let c = self.or()?;
        if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return None;
            }
            let b = self.ternary()?;
            return Some(if c.truthy() { a } else { b });
        }
        Some(c)
    }
    fn or(&mut self) -> Option<Value> {
        let mut l = self.and()?;
        while self.eat("||") {
            let r = self.and()?;
            l = Value::Int((l.truthy() || r.truthy()) as i64);
        }
        Some(l)
    }
    fn and(&mut self) -> Option<Value> {
        let mut l = self.cmp()?;
        while self.eat("&&") {
            let r = self.cmp()?;
            l = Value::Int((l.truthy() && r.truthy()) as i64);
        }
        Some(l)
    }
    fn cmp(&mut self) -> Option<Value> {
        let mut l = self.add()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op(o)) if matches!(*o, "==" | "!=" | "<" | ">" | "<=" | ">=") => *o,
                _ => return Some(l),
            };
            self.pos += 1;
            let r = self.add()?;
            let ord = match (&l, &r) {
                (Value::Int(a), Value::Int(b)) => a.cmp(b),
                (Value::Str(a), Value::Str(b)) => a.cmp(b),
                _ => return None,
            };
            use std::cmp::Ordering::*;
            let v = match op {
                "==" => ord == Equal,
                "!=" => ord != Equal,
                "<" => ord == Less,
                ">" => ord == Greater,
                "<=" => ord != Greater,
                _ => ord != Less,
            };
            l = Value::Int(v as i64);
        }
    }
    fn add(&mut self) -> Option<Value> {
        let mut l = self.mul()?;
        loop {
            let plus = if self.eat("+") {
                true
            } else if self.eat("-") {
                false
            } else {
                return Some(l);
            };
            let r = self.mul()?;
            l = match (l, r) {
                (Value::Int(a), Value::Int(b)) => Value::Int(if plus { a.checked_add(b)? } else { a.checked_sub(b)? }),
                (Value::Str(a), Value::Str(b)) if plus => Value::Str(format!("{a}{b}")),
                _ => return None,
            };
        }
    }
    fn mul(&mut self) -> Option<Value> {
        let mut l = self.unary()?;
        loop {
            let times = if self.eat("*") {
                true
            } else if self.eat("/") {
                false
            } else {
                return Some(l);
            };
            let r = self.unary()?;
            l = match (l, r) {
                (Value::Int(a), Value::Int(b)) => Value::Int(if times { a.checked_mul(b)? } else { a.checked_div(b)? }),
                _ => return None,
            };
        }
    }
    fn unary(&mut self) -> Option<Value> {
        self.depth += 1;
        if self.depth > 200 {
            return None;
        }
        let v = if self.eat("!") {
            Value::Int(!self.unary()?.truthy() as i64)
        } else if self.eat("-") {
            match self.unary()? {
                Value::Int(i) => Value::Int(i.checked_neg()?),
                _ => return None,
            }
        } else {
            self.primary()?
        };
        self.depth -= 1;
        Some(v)
    }
    fn primary(&mut self) -> Option<Value> {
        let t = self.peek()?.clone();
        self.pos += 1;
        match t {
            Tok::Int(i) => Some(Value::Int(i)),
            Tok::Str(s) => Some(Value::Str(s)),
            Tok::Ver(s) => Some(Value::Str(s)),
            Tok::Op("(") => {
                let v = self.ternary()?;
                self.eat(")").then_some(v)
            }
            _ => None,
        }
    }
}

/// Evaluate an expression; `None` when rpm would reject it or we cannot decide it statically.
pub fn eval(s: &str) -> Option<Value> {
    if s.contains('%') {
        return None;
    }
    let toks = lex(s)?;
    if toks.is_empty() {
        return None;
    }
    let mut p = P { toks, pos: 0, depth: 0 };
    let v = p.ternary()?;
    (p.pos == p.toks.len()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_rpm_conditions() {
        assert_eq!(eval("09 >= 9"), Some(Value::Int(1)));
        assert_eq!(eval("0 && !0"), Some(Value::Int(0)));
        assert_eq!(eval("1 || 0 && 0"), Some(Value::Int(1)));
        assert_eq!(eval("\"a\" == \"a\""), Some(Value::Int(1)));
        assert_eq!(eval("(1 + 2) * 3"), Some(Value::Int(9)));
        assert_eq!(eval("0%{?fedora}"), None);
        assert_eq!(eval("bareword"), None);
        assert_eq!(eval("1 ? 2 : 3"), Some(Value::Int(2)));
    }
}
