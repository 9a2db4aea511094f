//! Reshapes a generated schema the way editors explain it best (taplo, VS Code's JSON language
//! service): closed sets as a plain `enum` with a description per value, so a bad value reads
//! `"pat" is not one of "api", "personal"` rather than "not valid under any of the schemas";
//! optional fields without the `null` that only means "absent" to serde; a `markdownDescription`
//! beside every `description`; an `$id`. The result stays draft-07.

use serde_json::{Map, Value};

/// Applies every reshaping to a root schema and names it `id`.
pub(super) fn reshape(root: &mut Value, id: &str) {
    let closed = take_closed_enums(root);
    inline(root, &closed);
    add_markdown_descriptions(root);
    if let Some(object) = root.as_object_mut() {
        if object
            .get("definitions")
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty)
        {
            object.remove("definitions");
        }
        object.shift_insert(1, "$id".to_owned(), id.into());
    }
}

/// Removes the definitions that are closed sets of strings (a `oneOf` of `const`s, as schemars
/// writes a documented enum) and returns them as plain enums, by `$ref`.
fn take_closed_enums(root: &mut Value) -> Map<String, Value> {
    let mut closed = Map::new();
    let Some(definitions) = root.get_mut("definitions").and_then(Value::as_object_mut) else {
        return closed;
    };
    let names: Vec<String> = definitions
        .iter()
        .filter(|(_, definition)| as_closed_enum(definition).is_some())
        .map(|(name, _)| name.clone())
        .collect();
    for name in names {
        if let Some(definition) = definitions.remove(&name)
            && let Some(plain) = as_closed_enum(&definition)
        {
            closed.insert(format!("#/definitions/{name}"), plain);
        }
    }
    closed
}

fn as_closed_enum(definition: &Value) -> Option<Value> {
    let variants = definition.get("oneOf")?.as_array()?;
    let values: Vec<&str> = variants
        .iter()
        .map(|variant| variant.get("const")?.as_str())
        .collect::<Option<_>>()?;
    let descriptions: Vec<&str> = variants
        .iter()
        .map(|variant| {
            variant
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
        })
        .collect();
    let mut plain = Map::new();
    if let Some(description) = definition.get("description") {
        plain.insert("description".to_owned(), description.clone());
    }
    plain.insert("type".to_owned(), "string".into());
    plain.insert("enum".to_owned(), values.into());
    plain.insert("enumDescriptions".to_owned(), descriptions.clone().into());
    plain.insert("markdownEnumDescriptions".to_owned(), descriptions.into());
    Some(Value::Object(plain))
}

/// Replaces references to closed enums by the enums, and `T or null` by `T`, everywhere.
fn inline(value: &mut Value, closed: &Map<String, Value>) {
    match value {
        Value::Object(object) => {
            drop_null_alternative(object);
            if let Some(target) = object.get("$ref").and_then(Value::as_str)
                && let Some(plain) = closed.get(target).and_then(Value::as_object)
            {
                object.remove("$ref");
                for (key, value) in plain {
                    // The property's own description says more than the type's.
                    if !object.contains_key(key) {
                        object.insert(key.clone(), value.clone());
                    }
                }
            }
            for child in object.values_mut() {
                inline(child, closed);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| inline(item, closed)),
        _ => {}
    }
}

/// `"type": ["string", "null"]` and `"anyOf": [T, {"type": "null"}]`, as schemars writes an
/// `Option`, become `T`: in TOML there is no null, and in JSON leaving the key out says it.
fn drop_null_alternative(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let single = types.remove(0);
            object.insert("type".to_owned(), single);
        }
    }
    let Some(Value::Array(alternatives)) = object.get("anyOf") else {
        return;
    };
    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    let kept: Vec<&Value> = alternatives.iter().filter(|v| !is_null(v)).collect();
    if kept.len() == 1
        && kept.len() < alternatives.len()
        && let Some(kept) = kept[0].as_object().cloned()
    {
        object.remove("anyOf");
        for (key, value) in kept {
            if !object.contains_key(&key) {
                object.insert(key, value);
            }
        }
    }
}

/// VS Code shows `markdownDescription` rendered, taplo reads `description`: give both.
fn add_markdown_descriptions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(description) = object.get("description").cloned()
                && !object.contains_key("markdownDescription")
            {
                let at = object
                    .keys()
                    .position(|key| key == "description")
                    .map_or(object.len(), |i| i + 1);
                object.shift_insert(at, "markdownDescription".to_owned(), description);
            }
            for (key, child) in object.iter_mut() {
                // An enum's values are data, not schemas.
                if key != "enum" && key != "examples" && key != "default" {
                    add_markdown_descriptions(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(add_markdown_descriptions),
        _ => {}
    }
}
