//! `this.setData(changes)` applied to a page's JavaScript data object with core's path
//! rules ([`wxrt_core::data_path`]): the walk happens here, on the JS objects themselves,
//! so page data never has to be copied into Rust.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wxrt_core::data_path::{apply_all, DataTree, NodeKind};

/// Page data as JavaScript holds it, and every object the walk passes through or writes
/// into: the renderer re-renders what depends on those and reuses the rest.
struct JsData {
    touched: Array,
}

impl JsData {
    fn passing(&self, node: JsValue) -> JsValue {
        if node.is_object() {
            self.touched.push(&node);
        }
        node
    }
}

impl DataTree for JsData {
    type Node = JsValue;

    fn kind(&self, node: &JsValue) -> NodeKind {
        if node.is_undefined() {
            NodeKind::Missing
        } else if node.is_null() {
            NodeKind::Null
        } else if Array::is_array(node) {
            NodeKind::Array
        } else if node.is_object() {
            NodeKind::Object
        } else {
            NodeKind::Other
        }
    }

    fn field(&self, object: &JsValue, name: &str) -> JsValue {
        self.passing(Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED))
    }

    fn element(&self, array: &JsValue, index: usize) -> JsValue {
        self.passing(Reflect::get_u32(array, index_u32(index)).unwrap_or(JsValue::UNDEFINED))
    }

    fn set_field(&mut self, object: &JsValue, name: &str, value: JsValue) {
        // Only a frozen object refuses, and page data is never frozen.
        let _ = Reflect::set(object, &JsValue::from_str(name), &value);
        self.touched.push(object);
    }

    fn set_element(&mut self, array: &JsValue, index: usize, value: JsValue) {
        let _ = Reflect::set_u32(array, index_u32(index), &value);
        self.touched.push(array);
    }

    fn new_object(&mut self) -> JsValue {
        Object::new().into()
    }

    fn new_array(&mut self) -> JsValue {
        Array::new().into()
    }
}

/// JS arrays index with u32; a bigger index (only from a hostile key) is clamped to the
/// largest, which JS then treats as a plain property.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Applies every key of `changes` to `data` in order (`'a.b[2].c'` paths create what is
/// missing), adding to `touched` every object on the way (`data` itself, then each
/// container read or written). Returns the messages of keys that were not legal paths;
/// the others are applied regardless.
#[wasm_bindgen(js_name = applySetData)]
pub fn apply_set_data(data: &Object, changes: &Object, touched: &Array) -> Array {
    let entries = Object::entries(changes).into_iter().filter_map(|entry| {
        let entry = Array::from(&entry);
        Some((entry.get(0).as_string()?, entry.get(1)))
    });
    let root: JsValue = data.clone().into();
    // Filled by `push`: js-sys's generic `Extend` would add a copy of its own.
    let messages = Array::new();
    touched.push(&root);
    let mut tree = JsData {
        touched: touched.clone(),
    };
    for error in apply_all(&mut tree, &root, entries) {
        messages.push(&JsValue::from_str(&error.to_string()));
    }
    messages
}
