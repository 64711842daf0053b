//! Expressions (column defaults, index predicates) as PostgreSQL stores
//! and prints them. A default is kept as a small tree of what the server's
//! parser makes of it — typed constants, casts that are shown or implicit,
//! function calls, operators — and printed as `pg_get_expr` prints it
//! (`'x'::text`, `'-1'::integer`, `ARRAY[(1)::bigint]`,
//! `(now() + '1 day'::interval)`), so introspection's reading of that text
//! gives the replay the very IR default a database would.
//!
//! Only the forms migrations write are modelled (literals, casts, arrays,
//! calls, operators, `CURRENT_TIMESTAMP` and friends, column references,
//! `IS [NOT] NULL`, `AND`/`OR`/`NOT`); anything else is kept as its SQL
//! text, which equals the server's for simple expressions.

use plumb_ir::Name;
use sqlparser::ast::{
    BinaryOperator, CastKind, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, UnaryOperator,
    Value,
};

use crate::types::{PgType, Written};

/// An analysed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A constant of a known type, in its output form; `None` is NULL.
    Const {
        ty: PgType,
        value: Option<String>,
    },
    /// A quoted literal not yet given a type (`'x'`).
    Unknown(String),
    /// A cast: shown (`(x)::type`) when written, implicit otherwise.
    Cast {
        arg: Box<Node>,
        ty: PgType,
        explicit: bool,
    },
    Call {
        name: String,
        args: Vec<Node>,
    },
    /// `CURRENT_TIMESTAMP`, `CURRENT_DATE`, … as written.
    Keyword(String),
    Array {
        elements: Vec<Node>,
        ty: Option<PgType>,
    },
    Operator {
        op: String,
        left: Option<Box<Node>>,
        right: Box<Node>,
    },
    Column(Name, Option<PgType>),
    /// A relation named by a `regclass` constant (`nextval('"T_id_seq"')`):
    /// printed by its name at the time of printing, as the server keeps
    /// the relation, not the text.
    Regclass(plumb_ir::QualifiedName),
    IsNull {
        arg: Box<Node>,
        not: bool,
    },
    Bool {
        op: &'static str,
        args: Vec<Node>,
    },
    Not(Box<Node>),
    /// Anything else, as SQL text.
    Verbatim(String),
}

/// What an expression may refer to.
pub(crate) struct Scope<'a> {
    pub default_namespace: Name,
    /// A named type → the enum it is (`schema`, `name`).
    pub enum_type: &'a dyn Fn(Option<Name>, Name) -> Option<PgType>,
    /// A column of the table the expression belongs to → its type.
    pub column_type: &'a dyn Fn(Name) -> Option<PgType>,
}

impl Node {
    /// Calls `f` on every type the expression holds.
    pub(crate) fn each_type(&mut self, f: &mut dyn FnMut(&mut PgType)) {
        match self {
            Node::Const { ty, .. } => f(ty),
            Node::Cast { arg, ty, .. } => {
                f(ty);
                arg.each_type(f);
            }
            Node::Array { elements, ty } => {
                if let Some(ty) = ty {
                    f(ty);
                }
                elements.iter_mut().for_each(|e| e.each_type(f));
            }
            Node::Call { args, .. } | Node::Bool { args, .. } => {
                args.iter_mut().for_each(|a| a.each_type(f))
            }
            Node::Operator { left, right, .. } => {
                if let Some(left) = left {
                    left.each_type(f);
                }
                right.each_type(f);
            }
            Node::IsNull { arg, .. } | Node::Not(arg) => arg.each_type(f),
            _ => {}
        }
    }

    /// Calls `f` on every relation the expression names.
    pub(crate) fn each_regclass(&mut self, f: &mut dyn FnMut(&mut plumb_ir::QualifiedName)) {
        match self {
            Node::Regclass(name) => f(name),
            Node::Cast { arg, .. } | Node::IsNull { arg, .. } | Node::Not(arg) => {
                arg.each_regclass(f)
            }
            Node::Array { elements: args, .. }
            | Node::Call { args, .. }
            | Node::Bool { args, .. } => args.iter_mut().for_each(|a| a.each_regclass(f)),
            Node::Operator { left, right, .. } => {
                if let Some(left) = left {
                    left.each_regclass(f);
                }
                right.each_regclass(f);
            }
            _ => {}
        }
    }

    /// The node's type, where the replay knows it.
    fn ty(&self) -> Option<PgType> {
        match self {
            Node::Const { ty, .. } | Node::Cast { ty, .. } => Some(ty.clone()),
            Node::Array { ty, .. } => ty.clone(),
            Node::Column(_, ty) => ty.clone(),
            _ => None,
        }
    }
}

/// Reads an expression as the server's parser would.
pub(crate) fn analyse(expr: &Expr, scope: &Scope<'_>) -> Node {
    match expr {
        Expr::Nested(inner) => analyse(inner, scope),
        Expr::Value(value) => literal(&value.value),
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr: inner,
        } => match analyse(inner, scope) {
            // The grammar folds a minus into a numeric constant.
            Node::Const { ty, value: Some(v) } if is_number(&ty) => number(&format!("-{v}")),
            other => Node::Operator {
                op: "-".into(),
                left: None,
                right: Box::new(other),
            },
        },
        Expr::UnaryOp {
            op: UnaryOperator::Plus,
            expr: inner,
        } => analyse(inner, scope),
        Expr::UnaryOp {
            op: UnaryOperator::Not,
            expr: inner,
        } => Node::Not(Box::new(analyse(inner, scope))),
        Expr::Cast {
            kind: CastKind::DoubleColon | CastKind::Cast,
            expr: inner,
            data_type,
            format: None,
        } => match target_type(data_type, scope) {
            Some(ty) => cast(inner, ty, scope),
            None => Node::Verbatim(expr.to_string()),
        },
        Expr::TypedString(typed) => {
            match (target_type(&typed.data_type, scope), &typed.value.value) {
                (Some(ty), Value::SingleQuotedString(text)) => {
                    coerce(Node::Unknown(text.clone()), &ty, true)
                }
                _ => Node::Verbatim(expr.to_string()),
            }
        }
        Expr::Interval(interval)
            if interval.leading_field.is_none() && interval.last_field.is_none() =>
        {
            match analyse(&interval.value, scope) {
                Node::Unknown(text) => Node::Const {
                    ty: PgType::builtin("interval", -1),
                    value: Some(text),
                },
                _ => Node::Verbatim(expr.to_string()),
            }
        }
        Expr::Array(array) => Node::Array {
            elements: array.elem.iter().map(|e| analyse(e, scope)).collect(),
            ty: None,
        },
        Expr::Function(function) => {
            call(function, scope).unwrap_or_else(|| Node::Verbatim(expr.to_string()))
        }
        Expr::Identifier(ident) => {
            let name = crate::names::name(ident);
            Node::Column(name, (scope.column_type)(name))
        }
        Expr::IsNull(inner) => Node::IsNull {
            arg: Box::new(analyse(inner, scope)),
            not: false,
        },
        Expr::IsNotNull(inner) => Node::IsNull {
            arg: Box::new(analyse(inner, scope)),
            not: true,
        },
        Expr::BinaryOp { left, op, right } => {
            let (left, right) = (analyse(left, scope), analyse(right, scope));
            match op {
                BinaryOperator::And | BinaryOperator::Or => {
                    let name = if *op == BinaryOperator::And {
                        "AND"
                    } else {
                        "OR"
                    };
                    let mut args = Vec::new();
                    for side in [left, right] {
                        match side {
                            Node::Bool { op, args: inner } if op == name => args.extend(inner),
                            other => args.push(other),
                        }
                    }
                    Node::Bool { op: name, args }
                }
                _ => {
                    // `varchar` compares as `text`: the column is cast.
                    let as_text = |node: Node| match node.ty() {
                        Some(ty) if ty.typname == "varchar" && !ty.is_array => Node::Cast {
                            arg: Box::new(node),
                            ty: PgType::builtin("text", -1),
                            explicit: true,
                        },
                        _ => node,
                    };
                    let (left, right) = (as_text(left), as_text(right));
                    // An untyped literal takes the other side's type.
                    let (left, right) = match (left.ty(), right.ty()) {
                        (Some(ty), None) => (left, coerce(right, &ty, false)),
                        (None, Some(ty)) => (coerce(left, &ty, false), right),
                        _ => (left, right),
                    };
                    Node::Operator {
                        op: op.to_string(),
                        left: Some(Box::new(left)),
                        right: Box::new(right),
                    }
                }
            }
        }
        _ => Node::Verbatim(expr.to_string()),
    }
}

fn literal(value: &Value) -> Node {
    match value {
        Value::Number(text, _) => number(text),
        Value::SingleQuotedString(text) => Node::Unknown(text.clone()),
        Value::EscapedStringLiteral(text) => Node::Unknown(text.clone()),
        Value::Boolean(b) => Node::Const {
            ty: PgType::builtin("bool", -1),
            value: Some(if *b { "true" } else { "false" }.into()),
        },
        Value::Null => Node::Const {
            ty: PgType::builtin("unknown", -1),
            value: None,
        },
        other => Node::Verbatim(other.to_string()),
    }
}

/// A numeric constant: `int4` when it fits, else `int8`, else `numeric`
/// (and `numeric` with a point or an exponent).
fn number(text: &str) -> Node {
    let typname = if text.contains(['.', 'e', 'E']) {
        "numeric"
    } else if text.parse::<i32>().is_ok() {
        "int4"
    } else if text.parse::<i64>().is_ok() {
        "int8"
    } else {
        "numeric"
    };
    let value = match typname {
        "numeric" => numeric_output(text),
        _ => text.trim_start_matches('+').to_string(),
    };
    Node::Const {
        ty: PgType::builtin(typname, -1),
        value: Some(value),
    }
}

/// `numeric_out` of a literal: exponents written out, a leading `.`
/// gets its zero.
pub(crate) fn numeric_output(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if let Some((mantissa, exponent)) = lower.split_once('e')
        && let Ok(exponent) = exponent.parse::<i32>()
    {
        let negative = mantissa.starts_with('-');
        let mantissa = mantissa.trim_start_matches(['-', '+']);
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{whole}{fraction}");
        let point = whole.len() as i32 + exponent;
        let scale = (fraction.len() as i32 - exponent).max(0) as usize;
        let mut out = String::new();
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-point) as usize));
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(point as usize - digits.len()));
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
        let trimmed = out.trim_start_matches('0');
        let mut out = if trimmed.starts_with('.') || trimmed.is_empty() {
            format!("0{trimmed}")
        } else {
            trimmed.to_string()
        };
        if let Some((_, fraction)) = out.split_once('.') {
            let have = fraction.len();
            if have < scale {
                out.push_str(&"0".repeat(scale - have));
            }
        } else if scale > 0 {
            out.push('.');
            out.push_str(&"0".repeat(scale));
        }
        return if negative { format!("-{out}") } else { out };
    }
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.trim_start_matches('+')),
    };
    let rest = if rest.starts_with('.') {
        format!("0{rest}")
    } else {
        rest.to_string()
    };
    format!("{sign}{rest}")
}

fn is_number(ty: &PgType) -> bool {
    !ty.is_array && matches!(ty.typname.as_str(), "int4" | "int8" | "numeric")
}

fn target_type(data_type: &sqlparser::ast::DataType, scope: &Scope<'_>) -> Option<PgType> {
    match crate::types::written(data_type)? {
        Written::Type(ty) => Some(ty),
        Written::Serial(_) => None,
        Written::Named(schema, name, is_array) => {
            let ty = (scope.enum_type)(schema, name)?;
            Some(if is_array { ty.array() } else { ty })
        }
    }
}

/// `expr::type` as the parser transforms it: an array literal's elements
/// are cast one by one, an untyped literal becomes a constant of the type.
fn cast(expr: &Expr, ty: PgType, scope: &Scope<'_>) -> Node {
    let inner = analyse(expr, scope);
    match inner {
        Node::Array { elements, ty: None } if ty.is_array => {
            let element = ty.element();
            Node::Array {
                elements: elements
                    .into_iter()
                    .map(|e| coerce(e, &element, true))
                    .collect(),
                ty: Some(ty),
            }
        }
        other => coerce(other, &ty, true),
    }
}

/// `node` made of type `ty`: an untyped literal becomes a constant (with
/// a shown length coercion when the type has a modifier and the cast was
/// written); anything else of another type gets a cast, shown only when
/// `explicit`.
pub(crate) fn coerce(node: Node, ty: &PgType, explicit: bool) -> Node {
    match node {
        Node::Unknown(text) => {
            let constant = Node::Const {
                ty: PgType {
                    typmod: -1,
                    ..ty.clone()
                },
                value: Some(output(&text, ty)),
            };
            if ty.typmod >= 0 && takes_length_coercion(ty) {
                Node::Cast {
                    arg: Box::new(constant),
                    ty: ty.clone(),
                    explicit,
                }
            } else {
                constant
            }
        }
        Node::Const {
            ty: own,
            value: None,
        } if own.typname == "unknown" => Node::Const {
            ty: ty.clone(),
            value: None,
        },
        Node::Array { elements, ty: None } if ty.is_array => {
            let element = ty.element();
            Node::Array {
                elements: elements
                    .into_iter()
                    .map(|e| coerce(e, &element, explicit))
                    .collect(),
                ty: Some(ty.clone()),
            }
        }
        other if other.ty().as_ref() == Some(ty) => other,
        // A constant of the same type but no modifier: the length coercion.
        other
            if other
                .ty()
                .is_some_and(|own| own.typname == ty.typname && own.is_array == ty.is_array) =>
        {
            if explicit && ty.typmod >= 0 {
                Node::Cast {
                    arg: Box::new(other),
                    ty: ty.clone(),
                    explicit,
                }
            } else {
                other
            }
        }
        other => Node::Cast {
            arg: Box::new(other),
            ty: ty.clone(),
            explicit,
        },
    }
}

/// Types whose modifier is applied by a length-coercion function.
fn takes_length_coercion(ty: &PgType) -> bool {
    ty.enum_type.is_none()
        && matches!(
            ty.typname.as_str(),
            "varchar"
                | "bpchar"
                | "numeric"
                | "timestamp"
                | "timestamptz"
                | "time"
                | "timetz"
                | "bit"
                | "varbit"
                | "interval"
        )
}

/// A literal's text as the type's output function prints it, for the
/// types whose output differs from their input in ways migrations meet.
fn output(text: &str, ty: &PgType) -> String {
    if ty.is_array || ty.enum_type.is_some() {
        return text.to_string();
    }
    match ty.typname.as_str() {
        "bool" => match text.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => "true".into(),
            _ => "false".into(),
        },
        "int2" | "int4" | "int8" => text
            .trim()
            .parse::<i64>()
            .map_or_else(|_| text.to_string(), |n| n.to_string()),
        "numeric" => numeric_output(text.trim()),
        "uuid" => text.trim().to_ascii_lowercase(),
        "jsonb" => crate::jsonb::output(text).unwrap_or_else(|| text.to_string()),
        "date" | "timestamp" | "timestamptz" | "time" | "timetz" => {
            crate::datetime::output(text, &ty.typname).unwrap_or_else(|| text.to_string())
        }
        _ => text.to_string(),
    }
}

/// A function call; `None` for forms the replay does not model.
fn call(function: &sqlparser::ast::Function, scope: &Scope<'_>) -> Option<Node> {
    let (schema, name) = crate::names::qualified(&function.name)?;
    if function.over.is_some() || function.filter.is_some() {
        return None;
    }
    let args = match &function.args {
        FunctionArguments::None => {
            let keyword = name.as_str().to_ascii_uppercase();
            return match keyword.as_str() {
                "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_TIME" | "LOCALTIMESTAMP"
                | "LOCALTIME" | "CURRENT_USER" | "SESSION_USER" | "CURRENT_ROLE"
                | "CURRENT_SCHEMA" | "CURRENT_CATALOG" | "USER"
                    if schema.is_none() =>
                {
                    Some(Node::Keyword(match keyword.as_str() {
                        "USER" => "CURRENT_USER".into(),
                        _ => keyword,
                    }))
                }
                _ => None,
            };
        }
        FunctionArguments::List(list)
            if list.clauses.is_empty() && list.duplicate_treatment.is_none() =>
        {
            list.args
                .iter()
                .map(|arg| match arg {
                    FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(analyse(e, scope)),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?
        }
        _ => return None,
    };
    let lower = name.as_str();
    // `CURRENT_TIMESTAMP(3)` parses as a call.
    if schema.is_none()
        && matches!(
            lower.to_ascii_uppercase().as_str(),
            "CURRENT_TIMESTAMP" | "CURRENT_TIME" | "LOCALTIMESTAMP" | "LOCALTIME"
        )
        && args.len() == 1
        && let Node::Const {
            value: Some(precision),
            ..
        } = &args[0]
    {
        return Some(Node::Keyword(format!(
            "{}({precision})",
            lower.to_ascii_uppercase()
        )));
    }
    let args = match (lower, args.as_slice()) {
        // `nextval('name')` takes a regclass.
        ("nextval" | "currval" | "setval", [Node::Unknown(sequence), ..]) => {
            let mut args = args.clone();
            args[0] = Node::Const {
                ty: PgType::builtin("regclass", -1),
                value: Some(sequence.clone()),
            };
            args
        }
        // Other functions' quoted arguments are nearly always text
        // parameters (`upper('a')`, `date_trunc('day', …)`).
        _ => args
            .into_iter()
            .map(|arg| match arg {
                Node::Unknown(_) => coerce(arg, &PgType::builtin("text", -1), false),
                other => other,
            })
            .collect(),
    };
    let name = match schema {
        Some(schema) if schema != scope.default_namespace && schema.as_str() != "pg_catalog" => {
            format!(
                "{}.{}",
                crate::names::quote(schema.as_str()),
                crate::names::quote(lower)
            )
        }
        _ => crate::names::quote(lower),
    };
    Some(Node::Call { name, args })
}

/// The expression as `pg_get_expr` prints it.
pub(crate) fn deparse(node: &Node, default_namespace: Name) -> String {
    let mut out = String::new();
    write(node, default_namespace, &mut out);
    out
}

fn write(node: &Node, ns: Name, out: &mut String) {
    match node {
        Node::Const { ty, value } => constant(ty, value.as_deref(), ns, out),
        Node::Unknown(text) => out.push_str(&plumb_sql_quote::literal(text)),
        Node::Cast { arg, ty, explicit } => {
            if !explicit {
                write(arg, ns, out);
                return;
            }
            match arg.as_ref() {
                Node::Const { ty: own, value }
                    if own.typname == ty.typname
                        && own.typmod < 0
                        && own.is_array == ty.is_array =>
                {
                    constant_bare(own, value.as_deref(), out);
                }
                other => {
                    out.push('(');
                    write(other, ns, out);
                    out.push(')');
                }
            }
            out.push_str("::");
            out.push_str(&ty.formatted(ns));
        }
        Node::Call { name, args } => {
            out.push_str(name);
            out.push('(');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(arg, ns, out);
            }
            out.push(')');
        }
        Node::Keyword(keyword) => out.push_str(keyword),
        Node::Array { elements, ty } => {
            out.push_str("ARRAY[");
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(element, ns, out);
            }
            out.push(']');
            if elements.is_empty()
                && let Some(ty) = ty
            {
                out.push_str("::");
                out.push_str(&ty.formatted(ns));
            }
        }
        Node::Operator { op, left, right } => {
            out.push('(');
            if let Some(left) = left {
                write(left, ns, out);
                out.push(' ');
            }
            out.push_str(op);
            out.push(' ');
            write(right, ns, out);
            out.push(')');
        }
        Node::Column(name, _) => out.push_str(&crate::names::quote(name.as_str())),
        Node::Regclass(name) => {
            let text = match name.namespace {
                Some(namespace) if namespace != ns => format!(
                    "{}.{}",
                    crate::names::quote(namespace.as_str()),
                    crate::names::quote(name.name.as_str())
                ),
                _ => crate::names::quote(name.name.as_str()),
            };
            out.push_str(&plumb_sql_quote::literal(&text));
            out.push_str("::regclass");
        }
        Node::IsNull { arg, not } => {
            out.push('(');
            write(arg, ns, out);
            out.push_str(if *not { " IS NOT NULL)" } else { " IS NULL)" });
        }
        Node::Bool { op, args } => {
            out.push('(');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                    out.push_str(op);
                    out.push(' ');
                }
                write(arg, ns, out);
            }
            out.push(')');
        }
        Node::Not(arg) => {
            out.push_str("(NOT ");
            write(arg, ns, out);
            out.push(')');
        }
        Node::Verbatim(text) => out.push_str(text),
    }
}

/// `get_const_expr` with its labels: integers bare unless negative,
/// numerics bare when they look like a float, booleans bare, everything
/// else quoted with `::type`.
fn constant(ty: &PgType, value: Option<&str>, ns: Name, out: &mut String) {
    let Some(value) = value else {
        out.push_str("NULL");
        if ty.typname != "unknown" {
            out.push_str("::");
            out.push_str(&ty.formatted(ns));
        }
        return;
    };
    let label = match (ty.typname.as_str(), ty.is_array) {
        ("int4", false) => value.starts_with('-'),
        ("numeric", false) => {
            !(value.starts_with(|c: char| c.is_ascii_digit()) && value.contains(['.', 'e', 'E']))
                || ty.typmod >= 0
        }
        ("bool", false) => false,
        _ => true,
    };
    constant_bare(ty, Some(value), out);
    if label {
        out.push_str("::");
        out.push_str(&ty.formatted(ns));
    }
}

fn constant_bare(ty: &PgType, value: Option<&str>, out: &mut String) {
    let Some(value) = value else {
        out.push_str("NULL");
        return;
    };
    let bare = match (ty.typname.as_str(), ty.is_array) {
        ("int4", false) => !value.starts_with('-'),
        ("numeric", false) => {
            value.starts_with(|c: char| c.is_ascii_digit()) && value.contains(['.', 'e', 'E'])
        }
        ("bool", false) => true,
        _ => false,
    };
    if bare {
        out.push_str(value);
    } else if ty.typname == "regclass" {
        out.push_str(&plumb_sql_quote::literal(value));
    } else {
        // `E''` when a backslash would otherwise be read as an escape
        // is not needed with standard_conforming_strings (the default).
        out.push_str(&plumb_sql_quote::literal(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    fn stored(sql: &str, column: &str) -> String {
        let public = Name::new("public");
        let no_enums = |_: Option<Name>, _: Name| None;
        let no_columns = |_: Name| None;
        let scope = Scope {
            default_namespace: public,
            enum_type: &no_enums,
            column_type: &no_columns,
        };
        let expr = Parser::new(&PostgreSqlDialect {})
            .try_with_sql(sql)
            .unwrap()
            .parse_expr()
            .unwrap();
        let data_type = Parser::new(&PostgreSqlDialect {})
            .try_with_sql(column)
            .unwrap()
            .parse_data_type()
            .unwrap();
        let Some(Written::Type(ty)) = crate::types::written(&data_type) else {
            panic!()
        };
        deparse(&coerce(analyse(&expr, &scope), &ty, false), public)
    }

    #[test]
    fn defaults_print_as_the_server_stores_them() {
        assert_eq!(stored("'x'", "TEXT"), "'x'::text");
        assert_eq!(stored("'x'", "VARCHAR(3)"), "'x'::character varying");
        assert_eq!(stored("5", "BIGINT"), "5");
        assert_eq!(stored("-1", "INTEGER"), "'-1'::integer");
        assert_eq!(stored("1.5", "DOUBLE PRECISION"), "1.5");
        assert_eq!(stored("-1.5", "DECIMAL(65,30)"), "'-1.5'::numeric");
        assert_eq!(stored("3000000000", "BIGINT"), "'3000000000'::bigint");
        assert_eq!(stored("true", "BOOLEAN"), "true");
        assert_eq!(
            stored("CURRENT_TIMESTAMP", "TIMESTAMP(3)"),
            "CURRENT_TIMESTAMP"
        );
        assert_eq!(
            stored("ARRAY['a', 'b']::TEXT[]", "TEXT[]"),
            "ARRAY['a'::text, 'b'::text]"
        );
        assert_eq!(
            stored("ARRAY[1]::BIGINT[]", "BIGINT[]"),
            "ARRAY[(1)::bigint]"
        );
        assert_eq!(
            stored("ARRAY[]::INTEGER[]", "INTEGER[]"),
            "ARRAY[]::integer[]"
        );
        assert_eq!(stored("gen_random_uuid()", "UUID"), "gen_random_uuid()");
        assert_eq!(
            stored("now() + interval '1 day'", "TIMESTAMPTZ"),
            "(now() + '1 day'::interval)"
        );
        assert_eq!(stored("'{}'", "JSONB"), "'{}'::jsonb");
        assert_eq!(stored("1e3", "DECIMAL"), "'1000'::numeric");
    }
}
