//! Choosing renames: the candidates the diff crate finds, said in the
//! schema's names (`User.displayName` to `User.name`), turned into renames
//! by `--rename` flags or a yes on a terminal — never guessed. A candidate
//! left alone is Prisma's drop and add, and a hint names the flag that
//! would have kept the data.

pub use plumb_diff::renames::Rename;
use plumb_ir::Name;
use plumb_psl::LoadedSchema;
use plumb_psl::ast::Top;
use plumb_psl::schema::mapped_name;

use crate::{Error, messages};

/// `--rename` flags and the schema's names.
#[derive(Debug, Clone, Default)]
pub struct Renames {
    specs: Vec<Flag>,
    names: Names,
}

/// One `--rename` as given, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Flag {
    text: String,
    spec: Spec,
}

/// One `--rename`: `Model=NewModel` (a model or an enum),
/// `Model.old=Model.new` (a field), `Enum.OLD=NEW` (an enum value).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Spec {
    Top {
        from: String,
        to: String,
    },
    Field {
        model: String,
        from: String,
        to: String,
    },
    Value {
        enum_name: String,
        from: String,
        to: String,
    },
}

/// The target schema's names and the database names they stand for.
#[derive(Debug, Clone, Default)]
struct Names {
    /// (model, table)
    models: Vec<(String, String)>,
    /// (table, field, column)
    fields: Vec<(String, String, String)>,
    /// (enum, database enum)
    enums: Vec<(String, String)>,
    /// (database enum, value, database value)
    values: Vec<(String, String, String)>,
}

/// The renames chosen, what they are in the schema's words, and the
/// candidates left alone with the flag that would keep their data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decided {
    pub chosen: Vec<Rename>,
    /// `column displayName to name in User`, per chosen rename.
    pub described: Vec<String>,
    /// The `--rename` of each candidate not chosen.
    pub hints: Vec<String>,
    /// The `--rename` flags no candidate matched (a typo, or nothing that
    /// looks renamed): the caller refuses rather than drop the data.
    pub unmatched: Vec<String>,
}

impl Renames {
    /// The `--rename` flags, read against the schema they lead to.
    pub fn new(flags: &[String], loaded: &LoadedSchema) -> Result<Renames, Error> {
        let specs = flags
            .iter()
            .map(|flag| {
                parse(flag).map(|spec| Flag {
                    text: flag.clone(),
                    spec,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Renames {
            specs,
            names: Names::read(loaded),
        })
    }

    /// Which candidates are renames: those a flag names, then — when
    /// `ask` is given (a terminal) — those the user says yes to.
    pub fn decide(
        &self,
        candidates: &[Rename],
        mut ask: Option<&mut dyn FnMut(&str) -> bool>,
    ) -> Decided {
        let mut decided = Decided::default();
        let mut used = vec![false; self.specs.len()];
        for candidate in candidates {
            let (from, to) = self.describe(candidates, candidate);
            let mut flagged = false;
            for (flag, used) in self.specs.iter().zip(&mut used) {
                if self.matches(&flag.spec, candidates, candidate) {
                    *used = true;
                    flagged = true;
                }
            }
            let yes = flagged
                || ask
                    .as_mut()
                    .is_some_and(|ask| ask(&messages::rename_question(&from, &to)));
            if yes {
                decided.chosen.push(candidate.clone());
                decided.described.push(self.summary(candidates, candidate));
            } else {
                decided.hints.push(format!(
                    "--rename {from}={}",
                    self.flag_target(candidate, &to)
                ));
            }
        }
        decided.unmatched = self
            .specs
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(flag, _)| flag.text.clone())
            .collect();
        decided
    }

    /// `User.displayName` and `User.name`: a candidate in the schema's
    /// names (the old side as the database names it).
    fn describe(&self, candidates: &[Rename], candidate: &Rename) -> (String, String) {
        match candidate {
            Rename::Table { from, to } => (from.name.to_string(), self.model_of(to)),
            Rename::Column { table, from, to } => {
                // In a table renamed too, by the new table's name.
                let new_table = plumb_diff::renames::renamed_table(candidates, *table)
                    .name
                    .to_string();
                let model = self.model_of(&new_table);
                (
                    format!("{model}.{from}"),
                    format!("{model}.{}", self.field_of(&new_table, to)),
                )
            }
            Rename::Enum { from, to } => (from.name.to_string(), self.enum_of(to)),
            Rename::Value {
                enum_name,
                from,
                to,
            } => {
                // In an enum renamed too, by the new enum's name.
                let current = plumb_diff::renames::renamed_enum(candidates, *enum_name);
                let name = self.enum_of(&current.name);
                (
                    format!("{name}.{from}"),
                    format!("{name}.{}", self.value_of(&current.name, to)),
                )
            }
        }
    }

    /// The right side of the flag: a value's is its name alone.
    fn flag_target(&self, candidate: &Rename, to: &str) -> String {
        match candidate {
            Rename::Value { .. } => to.rsplit('.').next().unwrap_or(to).to_string(),
            _ => to.to_string(),
        }
    }

    fn summary(&self, candidates: &[Rename], candidate: &Rename) -> String {
        let (from, to) = self.describe(candidates, candidate);
        let kind = match candidate {
            Rename::Table { .. } => "model",
            Rename::Column { .. } => "field",
            Rename::Enum { .. } => "enum",
            Rename::Value { .. } => "enum value",
        };
        format!("{kind} {from} to {to}")
    }

    fn matches(&self, spec: &Spec, candidates: &[Rename], candidate: &Rename) -> bool {
        let (from, to) = self.describe(candidates, candidate);
        match (spec, candidate) {
            (Spec::Top { from: a, to: b }, Rename::Table { .. } | Rename::Enum { .. }) => {
                *a == from && *b == to
            }
            (
                Spec::Field {
                    model,
                    from: a,
                    to: b,
                },
                Rename::Column { .. },
            ) => from == format!("{model}.{a}") && to == format!("{model}.{b}"),
            (
                Spec::Value {
                    enum_name,
                    from: a,
                    to: b,
                },
                Rename::Value { .. },
            ) => from == format!("{enum_name}.{a}") && to == format!("{enum_name}.{b}"),
            _ => false,
        }
    }

    fn model_of(&self, table: &str) -> String {
        self.names
            .models
            .iter()
            .find(|(_, t)| t == table)
            .map_or_else(|| table.to_string(), |(m, _)| m.clone())
    }

    fn field_of(&self, table: &str, column: &Name) -> String {
        self.names
            .fields
            .iter()
            .find(|(t, _, c)| t == table && c == column.as_str())
            .map_or_else(|| column.to_string(), |(_, f, _)| f.clone())
    }

    fn enum_of(&self, name: &str) -> String {
        self.names
            .enums
            .iter()
            .find(|(_, e)| e == name)
            .map_or_else(|| name.to_string(), |(n, _)| n.clone())
    }

    fn value_of(&self, enum_name: &str, value: &Name) -> String {
        self.names
            .values
            .iter()
            .find(|(e, _, v)| e == enum_name && v == value.as_str())
            .map_or_else(|| value.to_string(), |(_, n, _)| n.clone())
    }
}

impl Names {
    fn read(loaded: &LoadedSchema) -> Names {
        let mut names = Names::default();
        for (_, ast) in &loaded.asts {
            for top in &ast.tops {
                match top {
                    Top::Model(model) => {
                        let name = model.name.name.to_string();
                        let table = mapped_name(&model.attributes, &model.name.name).to_string();
                        for field in &model.fields {
                            let column = mapped_name(&field.attributes, &field.name.name);
                            names.fields.push((
                                table.clone(),
                                field.name.name.to_string(),
                                column.to_string(),
                            ));
                        }
                        names.models.push((name, table));
                    }
                    Top::Enum(enum_block) => {
                        let name = enum_block.name.name.to_string();
                        let db =
                            mapped_name(&enum_block.attributes, &enum_block.name.name).to_string();
                        for value in &enum_block.values {
                            let stored = mapped_name(&value.attributes, &value.name.name);
                            names.values.push((
                                db.clone(),
                                value.name.name.to_string(),
                                stored.to_string(),
                            ));
                        }
                        names.enums.push((name, db));
                    }
                    _ => {}
                }
            }
        }
        names
    }
}

/// Reads one `--rename`.
fn parse(flag: &str) -> Result<Spec, Error> {
    let invalid = || Error::plain(messages::invalid_rename(flag));
    let (from, to) = flag.split_once('=').ok_or_else(invalid)?;
    let word = |s: &str| !s.is_empty() && !s.contains(['.', '=', ' ']);
    match (from.split_once('.'), to.split_once('.')) {
        (None, None) if word(from) && word(to) => Ok(Spec::Top {
            from: from.to_string(),
            to: to.to_string(),
        }),
        (Some((model, old)), Some((same, new)))
            if model == same && word(model) && word(old) && word(new) =>
        {
            Ok(Spec::Field {
                model: model.to_string(),
                from: old.to_string(),
                to: new.to_string(),
            })
        }
        (Some((enum_name, old)), None) if word(enum_name) && word(old) && word(to) => {
            Ok(Spec::Value {
                enum_name: enum_name.to_string(),
                from: old.to_string(),
                to: to.to_string(),
            })
        }
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_as_a_model_a_field_or_a_value() {
        assert_eq!(
            parse("User=Account").unwrap(),
            Spec::Top {
                from: "User".into(),
                to: "Account".into()
            }
        );
        assert_eq!(
            parse("User.displayName=User.name").unwrap(),
            Spec::Field {
                model: "User".into(),
                from: "displayName".into(),
                to: "name".into()
            }
        );
        assert_eq!(
            parse("Role.OLD=NEW").unwrap(),
            Spec::Value {
                enum_name: "Role".into(),
                from: "OLD".into(),
                to: "NEW".into()
            }
        );
        for bad in [
            "User",
            "User.a=Other.b",
            "=x",
            "a.b.c=d",
            "User.a=",
            "a b=c",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
