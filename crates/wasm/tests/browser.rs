//! The glue against the browser's real localStorage. Tests share one origin, so each

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]
//! uses its own appid.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wxrt_wasm::{Runtime, StorageArea};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect_throw("localStorage")
}

fn runtime(appid: &str) -> Runtime {
    let area: StorageArea = local_storage().unchecked_into();
    let mut runtime = Runtime::new(appid, "tester", area).expect_throw("runtime");
    runtime.clear_storage_sync();
    runtime
}

fn err_msg(error: JsValue) -> String {
    Reflect::get(&error, &"errMsg".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn values_keep_their_type_in_real_localstorage() {
    let mut rt = runtime("wxbrowsertypes");
    let object = js_sys::JSON::parse(r#"{"a":[1,2,{"b":null}]}"#).unwrap_throw();
    rt.set_storage_sync(&"o".into(), &object).unwrap_throw();
    rt.set_storage_sync(&"d".into(), &Date::new(&12345.0.into()).into())
        .unwrap_throw();
    rt.set_storage_sync(&"n".into(), &f64::INFINITY.into())
        .unwrap_throw();
    rt.set_storage_sync(&"u".into(), &JsValue::UNDEFINED)
        .unwrap_throw();

    let back = rt.get_storage_sync(&"o".into()).unwrap_throw();
    assert_eq!(
        js_sys::JSON::stringify(&back).unwrap_throw(),
        r#"{"a":[1,2,{"b":null}]}"#
    );
    assert!(back != object, "reads return a fresh copy");
    let date = rt.get_storage_sync(&"d".into()).unwrap_throw();
    assert_eq!(date.dyn_into::<Date>().unwrap_throw().get_time(), 12345.0);
    assert_eq!(
        rt.get_storage_sync(&"n".into()).unwrap_throw(),
        f64::INFINITY
    );
    assert!(rt
        .get_storage_sync(&"u".into())
        .unwrap_throw()
        .is_undefined());
    assert_eq!(rt.get_storage_sync(&"missing".into()).unwrap_throw(), "");

    let raw = local_storage()
        .get_item("wxrt:wxbrowsertypes:tester:o")
        .unwrap_throw();
    assert_eq!(raw.as_deref(), Some(r#"po0,22|{"a":[1,2,{"b":null}]}"#));
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_wechats_errmsg() {
    let mut rt = runtime("wxbrowsererrors");
    let error = rt.set_storage_sync(&7.into(), &1.into()).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(
        err_msg(error),
        "setStorageSync:fail parameter error: parameter.key should be String instead of Number;"
    );
    let options = Object::new();
    Reflect::set(&options, &"key".into(), &"absent".into()).unwrap_throw();
    let error = rt.get_storage(&options).unwrap_err();
    assert_eq!(err_msg(error), "getStorage:fail data not found");
    let error = rt.set_storage(&JsValue::UNDEFINED).unwrap_err();
    assert_eq!(
        err_msg(error),
        "setStorage:fail parameter error: parameter should be Object instead of Undefined;"
    );
    let symbol = js_sys::Symbol::for_("s");
    let error = rt
        .set_storage_sync(&"k".into(), &symbol.into())
        .unwrap_err();
    assert!(err_msg(error).starts_with("setStorageSync:fail parameter error: parameter.data "));
    let error = rt.batch_set_storage_sync(&"nope".into()).unwrap_err();
    assert_eq!(
        err_msg(error),
        "batchSetStorageSync:fail parameter error: parameter.kvList should be Array instead of String;"
    );
}

#[wasm_bindgen_test]
fn batch_calls_and_info() {
    let mut rt = runtime("wxbrowserbatch");
    let kv_list = Array::new();
    for (key, value) in [("a", JsValue::from(1)), ("b", JsValue::from("two"))] {
        let item = Object::new();
        Reflect::set(&item, &"key".into(), &key.into()).unwrap_throw();
        Reflect::set(&item, &"value".into(), &value).unwrap_throw();
        kv_list.push(&item);
    }
    rt.batch_set_storage_sync(&kv_list).unwrap_throw();
    let keys: Array = ["b", "missing", "a"]
        .iter()
        .map(|k| JsValue::from(*k))
        .collect();
    let values = rt.batch_get_storage_sync(&keys).unwrap_throw();
    assert_eq!(values.get(0), "two");
    assert_eq!(values.get(1), "");
    assert_eq!(values.get(2), 1);
    let info = rt.get_storage_info_sync();
    let listed: Array = get(&info, "keys").unchecked_into();
    assert_eq!(listed.length(), 2);
    assert_eq!(get(&info, "currentSize"), 1);
    assert_eq!(get(&info, "limitSize"), 10240);
}

/// A same-origin iframe shares this window's localStorage; its writes fire a real
/// `storage` event here, as another tab's do.
#[wasm_bindgen_test]
async fn a_real_storage_event_from_another_context_updates_the_index() {
    let window = web_sys::window().unwrap_throw();
    let document = window.document().unwrap_throw();
    let frame: web_sys::HtmlIFrameElement = document
        .create_element("iframe")
        .unwrap_throw()
        .unchecked_into();
    document
        .body()
        .unwrap_throw()
        .append_child(&frame)
        .unwrap_throw();
    let other = frame.content_window().unwrap_throw();
    let other_storage = other.local_storage().unwrap_throw().unwrap_throw();

    let runtime = std::rc::Rc::new(std::cell::RefCell::new(runtime("wxbrowserevent")));
    let event_key = "wxrt:wxbrowserevent:tester:fromframe";
    // The same wiring as the package's shim: forward the event's key to the runtime.
    let (seen_tx, seen) = std::sync::mpsc::channel::<()>();
    let listener_runtime = runtime.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            listener_runtime.borrow_mut().storage_changed(event.key());
            let _ = seen_tx.send(());
        });
    window
        .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
        .unwrap_throw();

    other_storage.set_item(event_key, "ps0,2|hi").unwrap_throw();
    for _ in 0..100 {
        if seen.try_recv().is_ok() {
            break;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap_throw()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
        });
        wasm_bindgen_futures::JsFuture::from(tick)
            .await
            .unwrap_throw();
    }
    window
        .remove_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
        .unwrap_throw();
    frame.remove();

    let info = runtime.borrow_mut().get_storage_info_sync();
    let listed: Array = get(&info, "keys").unchecked_into();
    assert_eq!(listed.length(), 1, "the other context's write is indexed");
    assert_eq!(listed.get(0), "fromframe");
    assert_eq!(get(&info, "currentSize"), 1);
    runtime.borrow_mut().clear_storage_sync();
}

#[wasm_bindgen_test]
fn writes_by_another_tab_reach_the_index() {
    let mut rt = runtime("wxbrowsertabs");
    rt.set_storage_sync(&"mine".into(), &"1".into())
        .unwrap_throw();
    local_storage()
        .set_item("wxrt:wxbrowsertabs:tester:theirs", "ps9,3|abc")
        .unwrap_throw();
    rt.storage_changed(Some("wxrt:wxbrowsertabs:tester:theirs".into()));
    let info = rt.get_storage_info_sync();
    let listed: Array = get(&info, "keys").unchecked_into();
    assert_eq!(listed.length(), 2);
    assert_eq!(rt.get_storage_sync(&"theirs".into()).unwrap_throw(), "abc");
    rt.clear_storage_sync();
}

#[wasm_bindgen]
extern "C" {
    /// Test double: a Web Storage whose setItem throws the browser's QuotaExceededError
    /// once `room` UTF-16 units are used. Filling the real origin would also starve the
    /// test runner, which keeps its state there; the e2e suite fills real localStorage.
    #[wasm_bindgen(js_name = eval)]
    fn eval_storage(source: &str) -> JsValue;
}

fn storage_with_room(room: u32) -> StorageArea {
    eval_storage(&format!(
        "(() => {{ const m = new Map(); const used = () => [...m].reduce((n, [k, v]) => n + k.length + v.length, 0);
          return {{ get length() {{ return m.size }}, key: (i) => [...m.keys()][i] ?? null,
            getItem: (k) => m.has(k) ? m.get(k) : null, removeItem: (k) => m.delete(k),
            setItem(k, v) {{ const old = m.has(k) ? k.length + m.get(k).length : 0;
              if (used() - old + k.length + v.length > {room}) throw new DOMException('full', 'QuotaExceededError');
              m.set(k, String(v)); }} }}; }})()"
    ))
    .unchecked_into()
}

#[wasm_bindgen_test]
fn a_full_browser_quota_fails_cleanly_and_keeps_data() {
    let mut rt = Runtime::new("wxbrowserquota", "tester", storage_with_room(200)).unwrap_throw();
    rt.set_storage_sync(&"keep".into(), &"kept".into())
        .unwrap_throw();
    let outcome = rt.set_storage_sync(&"big".into(), &"y".repeat(500).into());
    assert_eq!(
        err_msg(outcome.unwrap_err()),
        "setStorageSync:fail localStorage quota exceeded"
    );
    assert_eq!(rt.get_storage_sync(&"keep".into()).unwrap_throw(), "kept");
    assert_eq!(rt.get_storage_sync(&"big".into()).unwrap_throw(), "");
    let info = rt.get_storage_info_sync();
    let listed: Array = get(&info, "keys").unchecked_into();
    assert_eq!(listed.length(), 1);
}

#[wasm_bindgen_test]
fn clear_leaves_foreign_keys_alone() {
    let storage = local_storage();
    storage.set_item("page-owned-key", "mine").unwrap_throw();
    let mut rt = runtime("wxbrowserclear");
    rt.set_storage_sync(&"x".into(), &1.into()).unwrap_throw();
    rt.clear_storage_sync();
    assert_eq!(
        storage.get_item("page-owned-key").unwrap_throw().as_deref(),
        Some("mine")
    );
    storage.remove_item("page-owned-key").unwrap_throw();
}

#[wasm_bindgen_test]
fn values_are_counted_in_utf8_bytes_short_ones_at_the_write_long_ones_when_asked() {
    use js_sys::{Array, JsString, Reflect};
    let mut rt = runtime("wxbrowserutf8");
    let storage = local_storage();
    let lone_surrogate = JsString::from_char_code1(0xD800);
    let mostly_ascii = JsString::from(format!("{}上海😀é", "b".repeat(5000)).as_str())
        .concat(&lone_surrogate)
        .concat(&"tail".into());
    let cases: [(&str, JsString, bool); 4] = [
        ("ascii", "a".repeat(5000).as_str().into(), true),
        ("mostly-ascii", mostly_ascii, true),
        ("cjk", "上海".repeat(3000).as_str().into(), true),
        ("short", "上海😀".into(), false),
    ];
    for (key, text, long) in cases {
        rt.set_storage_sync(&key.into(), &text.clone().into())
            .unwrap_throw();
        let entry = storage
            .get_item(&format!("wxrt:wxbrowserutf8:tester:{key}"))
            .unwrap_throw()
            .unwrap_throw();
        // `<format><kind><seq>,<bytes>[,<units>]|` or, not counted, `…,*<units>|`.
        let header = entry.split('|').next().unwrap_throw();
        assert_eq!(header.contains(",*"), long, "{key}: {header}");
        // What the entry counts towards the 10 MB: copied into Rust, a lone surrogate
        // becomes U+FFFD, three bytes.
        let entries: Array = rt.storage_entries();
        let bytes = entries
            .iter()
            .find(|e| {
                Reflect::get(e, &"key".into())
                    .ok()
                    .and_then(|k| k.as_string())
                    .as_deref()
                    == Some(key)
            })
            .and_then(|e| Reflect::get(&e, &"bytes".into()).ok())
            .and_then(|b| b.as_f64())
            .unwrap_throw();
        assert_eq!(
            bytes as usize,
            key.len() + String::from(text).len(),
            "{key}"
        );
    }
}
