//! Attributes of enums (`@@map`, `@@schema`) and of their values (`@map`).

use super::NAME;
use super::shared::{attributes_are_not_repeated, unknown_attribute};
use crate::ast::Enum;
use crate::validate::Context;
use crate::validate::arguments;

pub(crate) fn enum_attributes_are_well_formed(enum_block: &Enum, ctx: &mut Context<'_>) {
    attributes_are_not_repeated(&enum_block.attributes, |_| false, ctx);
    for attribute in &enum_block.attributes {
        match attribute.name.name.as_str() {
            "map" | "schema" => {
                let args = arguments::bind(attribute, &NAME, ctx);
                if let Some(value) = args.get("name") {
                    arguments::string(value, ctx);
                }
            }
            _ => unknown_attribute("@", attribute, ctx),
        }
    }
    for value in &enum_block.values {
        attributes_are_not_repeated(&value.attributes, |_| false, ctx);
        for attribute in &value.attributes {
            if attribute.name.name == "map" {
                let args = arguments::bind(attribute, &NAME, ctx);
                if let Some(value) = args.get("name") {
                    arguments::string(value, ctx);
                }
            } else {
                unknown_attribute("@", attribute, ctx);
            }
        }
    }
}
