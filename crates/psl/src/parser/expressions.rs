//! Attributes, their arguments and the values in them: strings, numbers,
//! constants, function calls, lists and `{ key: value }` objects.

use super::{Parser, codes, exact};
use crate::ast::*;

impl Parser<'_> {
    /// `@name(arguments)` (`prefix` `@`) or `@@name(arguments)` (`@@`).
    /// Without arguments, the span ends after the spaces that follow the
    /// name, as pest's does.
    pub(super) fn attribute(&mut self, prefix: &[u8]) -> Option<Attribute> {
        let start = self.pos;
        if !self.eat(prefix) {
            return None;
        }
        self.skip();
        let name = self.path()?;
        self.last_attribute = Some(name.name);
        self.skip();
        let arguments = self.attempt(Self::arguments);
        Some(Attribute {
            name,
            has_parentheses: arguments.is_some(),
            arguments: arguments.unwrap_or_default(),
            span: self.span(start),
        })
    }

    /// `(a, b: c, d:)`. A trailing comma is reported, as Prisma does.
    fn arguments(&mut self) -> Option<Box<[Argument]>> {
        if !self.at(b'(') {
            return None;
        }
        self.nested(Self::argument_list)
    }

    /// [`Self::arguments`] from its `(`, one bracket deeper.
    fn argument_list(&mut self) -> Option<Box<[Argument]>> {
        self.pos += 1;
        self.skip();
        let arguments = self.comma_separated(Self::argument);
        self.skip();
        if self.eat(b",") {
            let attribute = self.last_attribute.map_or("", |name| name.as_str());
            let message = format!(
                "Error parsing attribute \"@{attribute}\": Trailing commas are not valid in attribute arguments, please remove the comma."
            );
            let span = self.span(self.pos - 1);
            self.error(codes::TRAILING_COMMA, message, span);
        }
        self.skip();
        self.eat(b")").then(|| exact(arguments))
    }

    /// `name: value`, `name:` (rejected later, as Prisma does) or `value`.
    fn argument(&mut self) -> Option<Argument> {
        let start = self.pos;
        let named = self.attempt(|p| {
            let name = p.identifier()?;
            p.skip();
            p.eat(b":").then_some(name)
        });
        let Some(name) = named else {
            let value = self.expression()?;
            return Some(Argument {
                name: None,
                span: value.span(),
                value: Some(value),
            });
        };
        let colon_end = self.pos;
        self.skip();
        let value = self.attempt(Self::expression);
        if value.is_none() {
            self.pos = colon_end;
        }
        Some(Argument {
            name: Some(name),
            value,
            span: self.span(start),
        })
    }

    /// A value, tried in the grammar's order: a call, a list, an object, a
    /// number, a string, then a constant or path.
    pub(super) fn expression(&mut self) -> Option<Expression> {
        if self.at_identifier_start()
            && let Some(call) = self.attempt(Self::function_call)
        {
            return Some(call);
        }
        if self.at(b'[') {
            return self.attempt(Self::array);
        }
        if self.at(b'{') {
            return self.attempt(Self::object);
        }
        if let Some((number, span)) = self.number() {
            return Some(Expression::Number(number, span));
        }
        if self.at(b'"') {
            let (value, span) = self.string()?;
            return Some(Expression::String(Name::new(&value), span));
        }
        let path = self.path()?;
        Some(Expression::Constant(path.name, path.span))
    }

    /// `now()`, `dbgenerated("…")`, `uuid(7)`.
    fn function_call(&mut self) -> Option<Expression> {
        let start = self.pos;
        let name = self.path()?;
        self.skip();
        let arguments = self.arguments()?;
        Some(Expression::Function(
            Box::new(FunctionCall { name, arguments }),
            self.span(start),
        ))
    }

    /// `[a, b]`; no trailing comma.
    fn array(&mut self) -> Option<Expression> {
        let start = self.pos;
        let items = self.delimited(b'[', b']', Self::expression)?;
        Some(Expression::Array(items, self.span(start)))
    }

    /// `{ key: value, … }`; no trailing comma.
    fn object(&mut self) -> Option<Expression> {
        let start = self.pos;
        let entries = self.delimited(b'{', b'}', |p| {
            let key = p.identifier()?;
            p.skip();
            if !p.eat(b":") {
                return None;
            }
            p.skip();
            Some((key, p.expression()?))
        })?;
        Some(Expression::Object(entries, self.span(start)))
    }

    /// `open item, item close`, possibly empty.
    fn delimited<T>(
        &mut self,
        open: u8,
        close: u8,
        item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Box<[T]>> {
        if !self.at(open) {
            return None;
        }
        self.nested(|p| {
            p.pos += 1;
            p.skip();
            let items = p.comma_separated(item);
            p.skip();
            p.eat(&[close]).then(|| exact(items))
        })
    }

    /// `(item ("," item)*)?`: a comma after the last item is left unread.
    fn comma_separated<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Vec<T> {
        let mut items = Vec::new();
        let Some(first) = self.attempt(&mut item) else {
            return items;
        };
        items.push(first);
        loop {
            let before = self.checkpoint();
            self.skip();
            let next = self.eat(b",").then(|| {
                self.skip();
                self.attempt(&mut item)
            });
            match next.flatten() {
                Some(next) => items.push(next),
                None => {
                    self.restore(before);
                    return items;
                }
            }
        }
    }
}
