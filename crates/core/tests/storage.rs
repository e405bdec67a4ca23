//! Storage behaviour as mini-program code observes it, on the in-memory backend.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

use wxrt_core::errmsg::Failure;
use wxrt_core::random::SeededRandom;
use wxrt_core::storage::limits::{
    ENCRYPTED_KEY_MAX_BYTES, ENCRYPTED_TOTAL_MAX_BYTES, KEY_MAX_BYTES, TOTAL_MAX_BYTES,
};
use wxrt_core::storage::{
    Corruption, EncodedValue, MemoryBackend, Namespace, ParameterError, Sealer, Storage,
    StorageBackend, StorageCipher, StorageError, ValueKind, WriteOptions, NONCE_LEN,
};

const PLAIN: WriteOptions = WriteOptions { encrypt: false };
const ENCRYPTED: WriteOptions = WriteOptions { encrypt: true };

fn open_on(backend: MemoryBackend, appid: &str, user: &str) -> Storage<MemoryBackend> {
    let namespace = Namespace::new(appid, user).unwrap();
    Storage::open(backend, namespace, Box::new(SeededRandom::new(11)))
}

fn open() -> Storage<MemoryBackend> {
    open_on(MemoryBackend::default(), "wxapp", "alice")
}

/// Simulates a page reload: a new runtime over the same backend contents.
fn reload(storage: Storage<MemoryBackend>) -> Storage<MemoryBackend> {
    let backend = storage.backend().clone();
    open_on(backend, "wxapp", "alice")
}

fn text(len: usize) -> EncodedValue {
    EncodedValue::string("x".repeat(len))
}

fn value(kind: ValueKind, payload: &str) -> EncodedValue {
    EncodedValue {
        kind,
        payload: payload.to_owned(),
    }
}

fn err_msg(api: &'static str, error: StorageError) -> String {
    Failure::new(api, error).to_string()
}

#[test]
fn every_kind_round_trips_across_a_reload() {
    let mut storage = open();
    let values = [
        ("s", EncodedValue::string("héllo 世界")),
        ("n", value(ValueKind::Number, "-1.5e+300")),
        ("nan", value(ValueKind::Number, "NaN")),
        ("b", EncodedValue::boolean(false)),
        ("d", value(ValueKind::Date, "1700000000000")),
        ("u", EncodedValue::empty(ValueKind::Undefined)),
        ("l", EncodedValue::empty(ValueKind::Null)),
        ("a", value(ValueKind::Array, "[1,\"two\",{\"three\":3}]")),
        ("o", value(ValueKind::Object, "{\"nested\":{\"ok\":true}}")),
    ];
    for (key, v) in &values {
        storage.set(key, v, PLAIN).unwrap();
    }
    let mut storage = reload(storage);
    for (key, v) in &values {
        assert_eq!(storage.get(key, false).unwrap().as_ref(), Some(v), "{key}");
    }
}

#[test]
fn missing_keys_read_as_none_and_fail_getstorage_with_wechats_text() {
    let mut storage = open();
    assert_eq!(storage.get("nothing", false).unwrap(), None);
    assert_eq!(
        err_msg("getStorage", StorageError::NotFound),
        "getStorage:fail data not found"
    );
    storage.remove("nothing").unwrap();
}

#[test]
fn bad_keys_get_parameter_errors_and_store_nothing() {
    let mut storage = open();
    let error = storage.set("", &text(1), PLAIN).unwrap_err();
    assert_eq!(
        err_msg("setStorage", error),
        "setStorage:fail parameter error: parameter.key should be non-empty String instead of empty String;"
    );
    assert!(storage.info().keys.is_empty());
    let wrong_type = ParameterError::wrong_type("key", "String", "Number");
    assert_eq!(
        err_msg("setStorageSync", wrong_type.into()),
        "setStorageSync:fail parameter error: parameter.key should be String instead of Number;"
    );
    let batch = storage
        .batch_set(&[("ok".into(), text(1)), (String::new(), text(1))])
        .unwrap_err();
    assert_eq!(
        batch.to_string(),
        "parameter error: parameter.kvList[1].key should be non-empty String instead of empty String;"
    );
    assert!(storage.info().keys.is_empty(), "a bad batch stores nothing");
    let get = storage.batch_get(&["a".into(), String::new()]).unwrap_err();
    assert!(get.to_string().contains("parameter.keyList[1] should be"));
}

#[test]
fn one_key_may_hold_exactly_one_megabyte() {
    let mut storage = open();
    let key = "k";
    let fits = text(KEY_MAX_BYTES as usize - key.len());
    storage.set(key, &fits, PLAIN).unwrap();
    assert_eq!(storage.current_bytes(), KEY_MAX_BYTES);
    let too_big = text(KEY_MAX_BYTES as usize - key.len() + 1);
    let error = storage.set(key, &too_big, PLAIN).unwrap_err();
    assert_eq!(
        err_msg("setStorage", error),
        "setStorage:fail exceed storage max size"
    );
    assert_eq!(storage.get(key, false).unwrap(), Some(fits), "unchanged");
}

#[test]
fn sizes_count_utf8_bytes_of_key_and_value() {
    let mut storage = open();
    storage
        .set("键", &EncodedValue::string("值值"), PLAIN)
        .unwrap();
    assert_eq!(storage.current_bytes(), 3 + 6);
    storage
        .set("n", &value(ValueKind::Number, "42"), PLAIN)
        .unwrap();
    storage
        .set("u", &EncodedValue::empty(ValueKind::Undefined), PLAIN)
        .unwrap();
    assert_eq!(storage.current_bytes(), 9 + 3 + 1);
}

#[test]
fn the_app_may_hold_exactly_ten_megabytes_and_not_one_byte_more() {
    let mut storage = open();
    let per_key = KEY_MAX_BYTES as usize;
    for i in 0..9 {
        let key = format!("k{i}");
        storage
            .set(&key, &text(per_key - key.len()), PLAIN)
            .unwrap();
    }
    let used = storage.current_bytes();
    let last_key = "last";
    let room = (TOTAL_MAX_BYTES - used) as usize - last_key.len();
    assert!(storage.set(last_key, &text(room + 1), PLAIN).is_err());
    storage.set(last_key, &text(room), PLAIN).unwrap();
    assert_eq!(storage.current_bytes(), TOTAL_MAX_BYTES);
    assert_eq!(storage.info().current_size_kb, 10240);
    assert_eq!(
        storage.set("one-more", &EncodedValue::empty(ValueKind::Null), PLAIN),
        Err(StorageError::ExceedMaxSize)
    );
    // Overwriting with something no larger is still allowed when full.
    storage.set(last_key, &text(room - 10), PLAIN).unwrap();
    assert_eq!(storage.current_bytes(), TOTAL_MAX_BYTES - 10);
}

#[test]
fn encrypted_writes_have_wechats_smaller_limits() {
    let mut storage = open();
    storage.set_cipher(Box::new(StorageCipher::new(&[3; 16])));
    let key = "e";
    let fits = text(ENCRYPTED_KEY_MAX_BYTES as usize - key.len());
    storage.set(key, &fits, ENCRYPTED).unwrap();
    let over = text(ENCRYPTED_KEY_MAX_BYTES as usize - key.len() + 1);
    assert_eq!(
        storage.set(key, &over, ENCRYPTED),
        Err(StorageError::ExceedMaxSize)
    );
    assert_eq!(storage.get(key, true).unwrap(), Some(fits));

    let mut storage = open();
    storage.set_cipher(Box::new(StorageCipher::new(&[3; 16])));
    for i in 0..7 {
        let key = format!("p{i}");
        storage
            .set(&key, &text(KEY_MAX_BYTES as usize - key.len()), PLAIN)
            .unwrap();
    }
    let room = (ENCRYPTED_TOTAL_MAX_BYTES - storage.current_bytes()) as usize - 1;
    assert_eq!(
        storage.set("e", &text(room + 1), ENCRYPTED),
        Err(StorageError::ExceedMaxSize)
    );
    storage.set("e", &text(room), ENCRYPTED).unwrap();
    assert_eq!(storage.current_bytes(), ENCRYPTED_TOTAL_MAX_BYTES);
    // Plain writes still have the full 10 MB.
    storage.set("plain", &text(1000), PLAIN).unwrap();
}

/// A cipher lent from elsewhere that has stopped working (its module failed).
struct BrokenSealer;

impl Sealer for BrokenSealer {
    fn seal(&self, _: &[u8; NONCE_LEN], _: &[u8], _: &[u8]) -> Option<Vec<u8>> {
        None
    }

    fn open(&self, _: &[u8; NONCE_LEN], _: &[u8], _: &[u8]) -> Option<Vec<u8>> {
        None
    }
}

#[test]
fn a_failing_cipher_refuses_the_write_and_keeps_what_was_stored() {
    let mut storage = open();
    storage.set_cipher(Box::new(StorageCipher::new(&[3; 16])));
    let kept = EncodedValue::string("kept");
    storage.set("s", &kept, ENCRYPTED).unwrap();
    let before = storage.info();
    storage.set_cipher(Box::new(BrokenSealer));
    let refused = storage.set("s", &EncodedValue::string("lost?"), ENCRYPTED);
    assert_eq!(
        refused,
        Err(StorageError::NoCipher("the cipher failed".to_owned()))
    );
    assert_eq!(
        err_msg("setStorage", refused.unwrap_err()),
        "setStorage:fail encrypt is unavailable: the cipher failed"
    );
    assert_eq!(storage.info(), before);
    storage.set_cipher(Box::new(StorageCipher::new(&[3; 16])));
    assert_eq!(storage.get("s", true).unwrap(), Some(kept));
}

#[test]
fn encrypted_values_need_the_flag_and_the_key() {
    let mut storage = open();
    assert!(matches!(
        storage.set("s", &text(3), ENCRYPTED),
        Err(StorageError::NoCipher(_))
    ));
    storage.set_cipher(Box::new(StorageCipher::new(&[3; 16])));
    storage
        .set("s", &EncodedValue::string("secret"), ENCRYPTED)
        .unwrap();
    storage
        .set("p", &EncodedValue::string("public"), PLAIN)
        .unwrap();
    let raw = storage.backend().get("wxrt:wxapp:alice:s").unwrap();
    assert!(raw.starts_with("es") && !raw.contains("secret"));
    assert_eq!(storage.get("s", false), Err(StorageError::Encrypted));
    assert_eq!(storage.get("p", true), Err(StorageError::NotEncrypted));
    assert_eq!(
        err_msg("getStorage", StorageError::Encrypted),
        "getStorage:fail data is encrypted: read it with getStorage and encrypt: true"
    );
    // A ciphertext moved to another key does not decrypt there.
    storage
        .backend_mut()
        .set("wxrt:wxapp:alice:moved", &raw)
        .unwrap();
    assert_eq!(
        storage.get("moved", true),
        Err(StorageError::Corrupt(Corruption::Decrypt))
    );
    // Another key cannot read it either.
    let mut other = reload(storage);
    other.set_cipher(Box::new(StorageCipher::new(&[4; 16])));
    assert_eq!(
        other.get("s", true),
        Err(StorageError::Corrupt(Corruption::Decrypt))
    );
}

#[test]
fn info_rounds_kilobytes_up() {
    let mut storage = open();
    assert_eq!(storage.info().current_size_kb, 0);
    storage.set("k", &text(0), PLAIN).unwrap();
    assert_eq!(storage.info().current_size_kb, 1);
    storage.set("k", &text(1023), PLAIN).unwrap();
    assert_eq!(storage.info().current_size_kb, 1);
    storage.set("k", &text(1024), PLAIN).unwrap();
    assert_eq!(storage.info().current_size_kb, 2);
}

#[test]
fn keys_keep_first_write_order_across_overwrites_and_reloads() {
    let mut storage = open();
    for key in ["zeta", "alpha", "mid"] {
        storage.set(key, &text(1), PLAIN).unwrap();
    }
    storage.set("zeta", &text(5), PLAIN).unwrap();
    storage.remove("alpha").unwrap();
    storage.set("alpha", &text(1), PLAIN).unwrap();
    storage
        .batch_set(&[("new".into(), text(1)), ("mid".into(), text(2))])
        .unwrap();
    let expected = ["zeta", "mid", "alpha", "new"];
    assert_eq!(storage.info().keys, expected);
    let mut storage = reload(storage);
    assert_eq!(storage.info().keys, expected);
}

#[test]
fn namespaces_are_isolated_and_clear_touches_only_its_own() {
    let mut backend = MemoryBackend::default();
    backend.set("page-owned", "keep me").unwrap();
    let mut alice = open_on(backend, "wxapp", "alice");
    alice.set("shared-name", &text(1), PLAIN).unwrap();
    let mut bob = open_on(alice.backend().clone(), "wxapp", "bob");
    assert_eq!(bob.get("shared-name", false).unwrap(), None);
    bob.set("shared-name", &text(2), PLAIN).unwrap();
    let mut other_app = open_on(bob.backend().clone(), "wxother", "alice");
    other_app.set("shared-name", &text(3), PLAIN).unwrap();
    other_app.clear();
    let backend = other_app.backend();
    assert_eq!(backend.get("page-owned").as_deref(), Some("keep me"));
    assert!(backend.get("wxrt:wxapp:alice:shared-name").is_some());
    assert!(backend.get("wxrt:wxapp:bob:shared-name").is_some());
    assert!(backend.get("wxrt:wxother:alice:shared-name").is_none());
    assert!(other_app.info().keys.is_empty());
}

#[test]
fn a_browser_quota_refusal_changes_nothing() {
    let mut storage = open_on(MemoryBackend::with_quota(300), "wxapp", "alice");
    storage.set("a", &text(100), PLAIN).unwrap();
    let before = storage.backend().clone();
    let error = storage.set("a", &text(300), PLAIN).unwrap_err();
    assert_eq!(
        err_msg("setStorageSync", error),
        "setStorageSync:fail localStorage quota exceeded"
    );
    assert_eq!(storage.get("a", false).unwrap(), Some(text(100)));
    assert_eq!(storage.backend().keys(), before.keys());
    assert_eq!(storage.current_bytes(), 101);
}

#[test]
fn a_batch_is_all_or_nothing_when_the_browser_refuses() {
    let mut storage = open_on(MemoryBackend::with_quota(500), "wxapp", "alice");
    storage.set("a", &text(100), PLAIN).unwrap();
    storage.set("b", &text(100), PLAIN).unwrap();
    let before = storage.backend().clone();
    let batch = [
        ("a".to_owned(), text(10)),
        ("c".to_owned(), text(50)),
        ("d".to_owned(), text(400)),
    ];
    assert_eq!(storage.batch_set(&batch), Err(StorageError::BrowserQuota));
    for key in before.keys() {
        assert_eq!(storage.backend().get(&key), before.get(&key), "{key}");
    }
    assert_eq!(storage.backend().keys(), before.keys());
    assert_eq!(storage.info().keys, ["a", "b"]);
    assert_eq!(storage.current_bytes(), 202);
}

#[test]
fn a_batch_counts_repeated_keys_once_with_the_last_value() {
    let mut storage = open();
    let key_room = KEY_MAX_BYTES as usize - 1;
    let batch: Vec<(String, EncodedValue)> = (0..11)
        .map(|i| {
            (
                format!("{}", i % 10),
                text(if i == 10 { 5 } else { key_room }),
            )
        })
        .collect();
    storage.batch_set(&batch).unwrap();
    assert_eq!(storage.get("0", false).unwrap(), Some(text(5)));
    assert_eq!(storage.info().keys.len(), 10);
    let too_much: Vec<(String, EncodedValue)> =
        vec![("0".into(), text(key_room)), ("x".into(), text(10))];
    assert_eq!(
        storage.batch_set(&too_much),
        Err(StorageError::ExceedMaxSize)
    );
    assert_eq!(storage.get("0", false).unwrap(), Some(text(5)));
}

#[test]
fn corrupt_entries_fail_alone_and_stay_accounted() {
    let mut backend = MemoryBackend::default();
    backend
        .set("wxrt:wxapp:alice:broken", "hand edited")
        .unwrap();
    let mut storage = open_on(backend, "wxapp", "alice");
    storage.set("fine", &text(4), PLAIN).unwrap();
    assert_eq!(storage.info().keys, ["broken", "fine"]);
    assert_eq!(storage.current_bytes(), (6 + 11) + (4 + 4));
    let error = storage.get("broken", false).unwrap_err();
    assert_eq!(
        err_msg("getStorageSync", error),
        "getStorageSync:fail data corrupted: entry header is missing or malformed"
    );
    assert_eq!(storage.get("fine", false).unwrap(), Some(text(4)));
    assert!(storage
        .batch_get(&["fine".into(), "broken".into()])
        .is_err());
    storage.remove("broken").unwrap();
    assert_eq!(storage.info().keys, ["fine"]);
    assert_eq!(storage.current_bytes(), 8);
}

#[test]
fn entries_edited_behind_the_runtimes_back_are_noticed_on_read() {
    let mut storage = open();
    storage.set("k", &text(3), PLAIN).unwrap();
    storage
        .backend_mut()
        .set("wxrt:wxapp:alice:k", "ps0,3|xxxxxx")
        .unwrap();
    assert_eq!(
        storage.get("k", false),
        Err(StorageError::Corrupt(Corruption::Length))
    );
    storage
        .backend_mut()
        .set("wxrt:wxapp:alice:sneaky", "garbage")
        .unwrap();
    assert!(storage.get("sneaky", false).is_err());
    assert!(storage.info().keys.contains(&"sneaky".to_owned()));
    storage.backend_mut().remove("wxrt:wxapp:alice:k");
    assert_eq!(storage.get("k", false).unwrap(), None);
    assert_eq!(storage.info().keys, ["sneaky"]);
}

#[test]
fn changes_from_another_tab_are_applied_on_refresh() {
    let mut storage = open();
    storage.set("mine", &text(1), PLAIN).unwrap();
    let mut other_tab = reload(open());
    other_tab.set("theirs", &text(10), PLAIN).unwrap();
    let raw = other_tab.backend().get("wxrt:wxapp:alice:theirs").unwrap();
    storage
        .backend_mut()
        .set("wxrt:wxapp:alice:theirs", &raw)
        .unwrap();
    storage.refresh(Some("wxrt:wxapp:alice:theirs"));
    assert_eq!(storage.info().keys, ["mine", "theirs"]);
    assert_eq!(storage.current_bytes(), (4 + 1) + (6 + 10));
    storage.refresh(Some("unrelated"));
    storage.backend_mut().remove("wxrt:wxapp:alice:mine");
    storage.refresh(Some("wxrt:wxapp:alice:mine"));
    assert_eq!(storage.info().keys, ["theirs"]);
    storage.backend_mut().remove("wxrt:wxapp:alice:theirs");
    storage.refresh(None);
    assert!(storage.info().keys.is_empty());
    assert_eq!(storage.current_bytes(), 0);
}

/// Deterministic "realistic" JSON: user records with names, emails and sentences.
fn records_json(seed: u64, approx_bytes: usize) -> String {
    use wxrt_core::random::RandomSource;
    const WORDS: &[&str] = &[
        "order", "delivery", "coupon", "member", "points", "store", "Shanghai", "Beijing",
        "coffee", "tea", "noodles", "ticket", "seat", "cinema", "review", "great", "slow", "fresh",
        "price", "discount", "weekend", "morning", "queue", "friend", "share",
    ];
    let mut random = SeededRandom::new(seed);
    let mut out = String::from("[");
    let mut id = 0u64;
    while out.len() < approx_bytes {
        let mut bytes = [0u8; 16];
        random.fill(&mut bytes);
        let sentence: Vec<&str> = bytes
            .iter()
            .map(|b| WORDS[*b as usize % WORDS.len()])
            .collect();
        if id > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":{id},\"name\":\"user{}\",\"email\":\"user{}@example.com\",\"score\":{},\"note\":\"{}\"}}",
            bytes[0] as u32 * 7 + id as u32,
            id,
            u32::from(bytes[1]) * 13,
            sentence.join(" ")
        ));
        id += 1;
    }
    out.push(']');
    out
}

#[test]
fn a_full_ten_megabytes_of_realistic_json_fits_chromiums_localstorage() {
    // Chromium holds about 5.2 million UTF-16 code units per origin.
    let mut storage = open_on(MemoryBackend::with_quota(5_200_000), "wxapp", "alice");
    let mut i = 0;
    loop {
        let key = format!("records-{i}");
        let json = records_json(i, 100 * 1024);
        let room = TOTAL_MAX_BYTES - storage.current_bytes();
        let needed = (key.len() + json.len()) as u64;
        let value = if needed <= room {
            value(ValueKind::Array, &json)
        } else {
            // Top up to exactly the quota with the tail of a string.
            EncodedValue::string(json[..(room as usize - key.len())].to_owned())
        };
        storage.set(&key, &value, PLAIN).unwrap();
        i += 1;
        if storage.current_bytes() == TOTAL_MAX_BYTES {
            break;
        }
    }
    assert_eq!(storage.info().current_size_kb, 10240);
    let used = storage.backend().used_units();
    println!("10 MB of records occupy {used} UTF-16 code units");
    assert!(used < 5_200_000);
    assert_eq!(
        storage.set("more", &text(1), PLAIN),
        Err(StorageError::ExceedMaxSize)
    );
    let mut storage = reload(storage);
    let first = storage.get("records-0", false).unwrap().unwrap();
    assert_eq!(first.payload, records_json(0, 100 * 1024));
}

mod model {
    //! The index must always agree with a plain model of what was stored.

    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Clone)]
    enum Op {
        Set(u8, usize),
        Remove(u8),
        Clear,
        Reload,
        Batch(Vec<(u8, usize)>),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0u8..6, 0usize..3000).prop_map(|(k, n)| Op::Set(k, n)),
            2 => (0u8..6).prop_map(Op::Remove),
            1 => Just(Op::Clear),
            1 => Just(Op::Reload),
            2 => proptest::collection::vec((0u8..6, 0usize..200), 0..4).prop_map(Op::Batch),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn index_matches_model(ops in proptest::collection::vec(op(), 1..40)) {
            let mut storage = open_on(MemoryBackend::with_quota(8_000), "wxapp", "alice");
            let mut model: BTreeMap<String, usize> = BTreeMap::new();
            let mut order: Vec<String> = Vec::new();
            for op in ops {
                match op {
                    Op::Set(k, n) => {
                        let key = format!("k{k}");
                        if storage.set(&key, &text(n), PLAIN).is_ok()
                            && model.insert(key.clone(), n).is_none()
                        {
                            order.push(key);
                        }
                    }
                    Op::Remove(k) => {
                        let key = format!("k{k}");
                        storage.remove(&key).unwrap();
                        model.remove(&key);
                        order.retain(|o| o != &key);
                    }
                    Op::Clear => { storage.clear(); model.clear(); order.clear(); }
                    Op::Reload => { storage = open_on(storage.backend().clone(), "wxapp", "alice"); }
                    Op::Batch(items) => {
                        let batch: Vec<(String, EncodedValue)> =
                            items.iter().map(|(k, n)| (format!("k{k}"), text(*n))).collect();
                        if storage.batch_set(&batch).is_ok() {
                            for (key, v) in &batch {
                                if model.insert(key.clone(), v.payload.len()).is_none() {
                                    order.push(key.clone());
                                }
                            }
                        }
                    }
                }
                let expected: u64 = model.iter().map(|(k, n)| (k.len() + n) as u64).sum();
                prop_assert_eq!(storage.current_bytes(), expected);
                prop_assert_eq!(&storage.info().keys, &order);
                for (key, n) in &model {
                    prop_assert_eq!(storage.get(key, false).unwrap(), Some(text(*n)));
                }
            }
        }
    }
}

mod packing {
    //! Where large values go plain and where they are compacted.

    use super::*;
    use wxrt_core::storage::limits::PLAIN_BUDGET_UNITS;
    use wxrt_core::storage::Stored;

    fn json_of_len(len: usize) -> EncodedValue {
        let body = "1,".repeat((len - 2) / 2);
        let mut payload = format!("[{}", body.trim_end_matches(','));
        while payload.len() < len - 1 {
            payload.push(' ');
        }
        payload.push(']');
        value(ValueKind::Array, &payload)
    }

    #[test]
    fn large_values_stay_plain_and_pass_through_while_the_namespace_is_small() {
        let mut storage = open();
        let big = json_of_len(100 * 1024);
        storage.set("big", &big, PLAIN).unwrap();
        let raw = storage.backend().get("wxrt:wxapp:alice:big").unwrap();
        assert!(raw.starts_with("pa"), "readable in the storage viewer");
        match storage.get_stored("big", false).unwrap().unwrap() {
            Stored::Plain {
                payload_start,
                text,
                ..
            } => assert_eq!(&text[payload_start..], big.payload),
            other => panic!("expected a pass-through read, got {other:?}"),
        }
    }

    #[test]
    fn non_ascii_text_passes_through_and_scalars_are_decoded() {
        let mut storage = open();
        storage
            .set("cn", &EncodedValue::string("上海"), PLAIN)
            .unwrap();
        storage
            .set("n", &value(ValueKind::Number, "3"), PLAIN)
            .unwrap();
        let json = value(ValueKind::Array, r#"[{"city":"上海"},{"city":"北京"}]"#);
        storage.set("json", &json, PLAIN).unwrap();
        assert!(matches!(
            storage.get_stored("cn", false).unwrap(),
            Some(Stored::Plain {
                payload_start: 8,
                ..
            })
        ));
        assert!(matches!(
            storage.get_stored("json", false).unwrap(),
            Some(Stored::Plain { .. })
        ));
        assert!(matches!(
            storage.get_stored("n", false).unwrap(),
            Some(Stored::Decoded(_))
        ));
        assert_eq!(
            storage.get("cn", false).unwrap(),
            Some(EncodedValue::string("上海"))
        );
        assert_eq!(storage.get("json", false).unwrap(), Some(json));
        // Edited to another length: caught without decoding.
        storage
            .backend_mut()
            .set("wxrt:wxapp:alice:cn", "ps0,6,2|上海市")
            .unwrap();
        assert!(storage.get("cn", false).is_err());
    }

    #[test]
    fn past_the_plain_budget_large_values_are_compacted() {
        let mut storage = open();
        let per_value = 200 * 1024;
        let mut i = 0;
        while storage.stored_units() + per_value as u64 <= PLAIN_BUDGET_UNITS {
            storage
                .set(&format!("plain{i}"), &json_of_len(per_value), PLAIN)
                .unwrap();
            i += 1;
        }
        storage
            .set("compact", &json_of_len(per_value), PLAIN)
            .unwrap();
        let raw = storage.backend().get("wxrt:wxapp:alice:compact").unwrap();
        assert!(raw.starts_with("za"));
        assert!(storage.stored_units() <= PLAIN_BUDGET_UNITS + 10_000);
        assert_eq!(
            storage.get("compact", false).unwrap(),
            Some(json_of_len(per_value))
        );
        // Small values stay plain whatever the footprint.
        storage.set("small", &text(10), PLAIN).unwrap();
        assert!(storage
            .backend()
            .get("wxrt:wxapp:alice:small")
            .unwrap()
            .starts_with("ps"));
    }

    #[test]
    fn a_plain_write_the_browser_refuses_is_retried_compacted() {
        let mut storage = open_on(MemoryBackend::with_quota(50_000), "wxapp", "alice");
        let big = json_of_len(80_000);
        storage.set("big", &big, PLAIN).unwrap();
        let raw = storage.backend().get("wxrt:wxapp:alice:big").unwrap();
        assert!(raw.starts_with("za"));
        assert_eq!(storage.get("big", false).unwrap(), Some(big.clone()));
        let batch = vec![("b2".to_owned(), big.clone())];
        storage.batch_set(&batch).unwrap();
        assert_eq!(storage.get("b2", false).unwrap(), Some(big));
    }

    #[test]
    fn the_keys_version_moves_only_when_keys_change() {
        let mut storage = open();
        storage.set("a", &text(1), PLAIN).unwrap();
        let version = storage.keys_version();
        storage.set("a", &text(5), PLAIN).unwrap();
        let _ = storage.get("a", false);
        assert_eq!(storage.keys_version(), version);
        storage.set("b", &text(1), PLAIN).unwrap();
        assert_ne!(storage.keys_version(), version);
        let version = storage.keys_version();
        storage.remove("a").unwrap();
        assert_ne!(storage.keys_version(), version);
    }
}

mod joined_writes {
    //! Plain writes hand the backend the caller's own payload text to join.

    use super::*;
    use wxrt_core::storage::BackendError;

    #[derive(Default)]
    struct Recording {
        inner: MemoryBackend,
        joined: Vec<String>,
    }

    impl StorageBackend for Recording {
        type Text = String;
        fn get(&self, key: &str) -> Option<String> {
            self.inner.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
            self.inner.set(key, value)
        }
        fn set_joined(&mut self, key: &str, head: &str, tail: &String) -> Result<(), BackendError> {
            self.joined.push(head.to_owned());
            self.inner.set(key, &format!("{head}{tail}"))
        }
        fn remove(&mut self, key: &str) {
            self.inner.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.inner.keys()
        }
    }

    #[test]
    fn only_plain_entries_are_joined() {
        let namespace = Namespace::new("wxapp", "alice").unwrap();
        let mut storage = Storage::open(
            Recording::default(),
            namespace,
            Box::new(SeededRandom::new(1)),
        );
        storage.set_cipher(Box::new(StorageCipher::new(&[9; 16])));
        let hello = EncodedValue::string("hello");
        storage
            .set_with_text("a", &hello, Some(&"hello".to_owned()), PLAIN)
            .unwrap();
        storage
            .set_with_text("e", &hello, Some(&"hello".to_owned()), ENCRYPTED)
            .unwrap();
        storage.set("b", &hello, PLAIN).unwrap();
        assert_eq!(storage.backend().joined, ["ps0,5|"]);
        assert_eq!(storage.get("a", false).unwrap(), Some(hello.clone()));
        assert_eq!(storage.get("e", true).unwrap(), Some(hello));
    }
}

#[test]
fn entries_list_each_key_with_its_type_format_and_size_in_info_order() {
    let mut backend = MemoryBackend::default();
    backend
        .set("wxrt:wxapp:alice:broken", "hand edited")
        .unwrap();
    let mut storage = open_on(backend, "wxapp", "alice");
    storage.set_cipher(Box::new(StorageCipher::new(&[5; 16])));
    storage
        .set("when", &value(ValueKind::Date, "1700000000000"), PLAIN)
        .unwrap();
    storage.set("secret", &text(6), ENCRYPTED).unwrap();
    storage.set("big", &text(50_000), PLAIN).unwrap();
    let listed: Vec<_> = storage
        .entries()
        .into_iter()
        .map(|e| {
            (
                e.key,
                e.kind.map(ValueKind::name),
                e.format.map(|f| f.name()),
                e.bytes,
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("broken".to_owned(), None, None, 6 + 11),
            ("when".to_owned(), Some("date"), Some("plain"), 4 + 13),
            (
                "secret".to_owned(),
                Some("string"),
                Some("encrypted"),
                6 + 6
            ),
            ("big".to_owned(), Some("string"), Some("plain"), 3 + 50_000),
        ]
    );
    assert_eq!(
        storage.entries().iter().map(|e| e.bytes).sum::<u64>(),
        storage.current_bytes()
    );
}

/// What one write leaves: the backend's entries, the info, or the failure.
fn after_write(
    backend: MemoryBackend,
    key: &str,
    value: &EncodedValue,
    options: WriteOptions,
    held: bool,
) -> (Vec<(String, String)>, String) {
    let mut storage = open_on(backend, "wxapp", "alice");
    storage.set_cipher(Box::new(StorageCipher::new(&[7; 16])));
    let outcome = if held {
        let text = value.payload.clone();
        let held = wxrt_core::storage::HeldValue {
            kind: value.kind,
            bytes: Some(text.len()),
            text: &text,
        };
        storage.set_held(key, held, options)
    } else {
        storage.set(key, value, options)
    };
    let mut entries: Vec<(String, String)> = storage
        .backend()
        .keys()
        .into_iter()
        .map(|k| {
            let v = storage.backend().get(&k).unwrap();
            (k, v)
        })
        .collect();
    entries.sort();
    let info = storage.info();
    (
        entries,
        format!("{outcome:?} {:?} {}", info.keys, info.current_size_kb),
    )
}

#[test]
fn a_held_payload_writes_exactly_what_a_copied_one_does() {
    let big = "y".repeat(300_000);
    let wide = "中文".repeat(2_000);
    let cases: Vec<(MemoryBackend, &str, EncodedValue, WriteOptions)> = vec![
        (
            MemoryBackend::default(),
            "k",
            value(ValueKind::Object, r#"{"a":1}"#),
            PLAIN,
        ),
        (
            MemoryBackend::default(),
            "k",
            EncodedValue::string(wide.clone()),
            PLAIN,
        ),
        (
            MemoryBackend::default(),
            "k",
            EncodedValue::string(String::new()),
            PLAIN,
        ),
        (
            MemoryBackend::default(),
            "",
            value(ValueKind::Array, "[1]"),
            PLAIN,
        ),
        (
            MemoryBackend::default(),
            "k",
            text(KEY_MAX_BYTES as usize),
            PLAIN,
        ),
        (
            MemoryBackend::default(),
            "k",
            value(ValueKind::Object, r#"{"s":"secret"}"#),
            ENCRYPTED,
        ),
        (MemoryBackend::with_quota(300), "k", text(400), PLAIN),
        (
            MemoryBackend::with_quota(200_000),
            "k",
            EncodedValue::string(big.clone()),
            PLAIN,
        ),
    ];
    for (backend, key, value, options) in cases {
        let copied = after_write(backend.clone(), key, &value, options, false);
        let held = after_write(backend, key, &value, options, true);
        assert_eq!(
            held,
            copied,
            "key {key:?}, {} bytes, {options:?}",
            value.payload.len()
        );
    }
    // Past the plain budget a large value is compacted, held or not. The filler is
    // noise, which stays plain.
    let mut state = 7u64;
    let noise: String = (0..700_000)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            char::from(b'0' + ((state >> 33) % 64) as u8)
        })
        .collect();
    let mut storage = open();
    for i in 0..3 {
        storage
            .set(
                &format!("fill{i}"),
                &EncodedValue::string(noise.clone()),
                PLAIN,
            )
            .unwrap();
    }
    let backend = storage.backend().clone();
    let copied = after_write(
        backend.clone(),
        "late",
        &EncodedValue::string(big.clone()),
        PLAIN,
        false,
    );
    let held = after_write(backend, "late", &EncodedValue::string(big), PLAIN, true);
    assert_eq!(held, copied);
    let (_, late) = held.0.iter().find(|(k, _)| k.ends_with(":late")).unwrap();
    assert!(late.starts_with('z'), "compacted: {}", &late[..8]);
}

/// `set_held` of `payload` as the glue writes a long string: its bytes not counted.
fn set_uncounted(
    storage: &mut Storage<MemoryBackend>,
    key: &str,
    kind: ValueKind,
    payload: &str,
) -> Result<(), StorageError> {
    let text = payload.to_owned();
    let held = wxrt_core::storage::HeldValue {
        kind,
        bytes: None,
        text: &text,
    };
    storage.set_held(key, held, PLAIN)
}

#[test]
fn a_long_value_stored_uncounted_reads_and_counts_as_a_counted_one() {
    let json = format!("[\"{}\",\"{}\"]", "中".repeat(3_000), "a".repeat(5_000));
    let mut counted = open();
    counted
        .set("k", &value(ValueKind::Array, &json), PLAIN)
        .unwrap();
    let mut uncounted = open();
    set_uncounted(&mut uncounted, "k", ValueKind::Array, &json).unwrap();
    let stored = uncounted.backend().get("wxrt:wxapp:alice:k").unwrap();
    let units = json.encode_utf16().count();
    assert!(
        stored.starts_with(&format!("pa0,*{units}|[")),
        "{}",
        &stored[..20]
    );
    assert_eq!(
        uncounted.get("k", false).unwrap(),
        counted.get("k", false).unwrap()
    );
    // The exact size, once asked for: 9,000 + 5,000 + 7 bytes and the key.
    assert_eq!(uncounted.current_bytes(), (json.len() + 1) as u64);
    assert_eq!(uncounted.info(), counted.info());
    // After a reload, and after another tab wrote it, still counted exactly when asked.
    let mut reloaded = reload(uncounted);
    assert_eq!(reloaded.info(), counted.info());
    let mut other_tab = open();
    other_tab
        .backend_mut()
        .set("wxrt:wxapp:alice:k", &stored)
        .unwrap();
    other_tab.refresh(Some("wxrt:wxapp:alice:k"));
    assert_eq!(other_tab.info(), counted.info());
    assert!(entries_summary(&mut other_tab).contains(&format!("k array plain {}", json.len() + 1)));
}

fn entries_summary(storage: &mut Storage<MemoryBackend>) -> String {
    let entries = storage.entries();
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let kind = e.kind.map_or("corrupt", |k| k.name());
            let format = e.format.map_or("corrupt", |f| f.name());
            format!("{} {kind} {format} {}", e.key, e.bytes)
        })
        .collect();
    lines.join("\n")
}

#[test]
fn uncounted_values_keep_the_limits_at_the_exact_byte() {
    // One key: 1 MB exactly fits, one byte more does not, though the bound (three bytes
    // a unit) exceeds the limit both times.
    let mut storage = open();
    let fits = "x".repeat(KEY_MAX_BYTES as usize - 1);
    set_uncounted(&mut storage, "k", ValueKind::String, &fits).unwrap();
    assert_eq!(storage.current_bytes(), KEY_MAX_BYTES);
    let over = "x".repeat(KEY_MAX_BYTES as usize);
    assert_eq!(
        set_uncounted(&mut storage, "k", ValueKind::String, &over),
        Err(StorageError::ExceedMaxSize)
    );
    assert_eq!(
        storage.current_bytes(),
        KEY_MAX_BYTES,
        "nothing stored is lost"
    );
    // A bound over the limit (three bytes a unit) for a value well under it: counted, kept.
    let mut storage = open();
    set_uncounted(&mut storage, "k", ValueKind::String, &"x".repeat(400_000)).unwrap();
    assert_eq!(storage.current_bytes(), 400_001);

    // All keys: filled to the byte with values stored uncounted, wide and narrow.
    let mut storage = open();
    for i in 0..9 {
        let key = format!("k{i}");
        let bytes = KEY_MAX_BYTES as usize - key.len();
        // Each key holds exactly 1 MB: wide characters and a narrow remainder, or narrow.
        let payload = if i % 2 == 0 {
            "中".repeat(bytes / 3) + &"a".repeat(bytes % 3)
        } else {
            "y".repeat(bytes)
        };
        set_uncounted(&mut storage, &key, ValueKind::String, &payload).unwrap();
    }
    let used = storage.current_bytes();
    let room = (TOTAL_MAX_BYTES - used) as usize - "last".len();
    assert_eq!(
        set_uncounted(
            &mut storage,
            "last",
            ValueKind::String,
            &"z".repeat(room + 1)
        ),
        Err(StorageError::ExceedMaxSize)
    );
    set_uncounted(&mut storage, "last", ValueKind::String, &"z".repeat(room)).unwrap();
    assert_eq!(storage.current_bytes(), TOTAL_MAX_BYTES);
    assert_eq!(
        storage.set("one-more", &EncodedValue::empty(ValueKind::Null), PLAIN),
        Err(StorageError::ExceedMaxSize)
    );
}

#[test]
fn an_uncounted_entry_edited_to_another_length_is_corrupt() {
    let mut storage = open();
    let payload = "\"".to_owned() + &"a".repeat(5_000) + "\"";
    set_uncounted(&mut storage, "k", ValueKind::Array, &payload).unwrap();
    let stored = storage.backend().get("wxrt:wxapp:alice:k").unwrap();
    storage
        .backend_mut()
        .set("wxrt:wxapp:alice:k", &format!("{stored}b"))
        .unwrap();
    assert_eq!(
        storage.get("k", false),
        Err(StorageError::Corrupt(Corruption::Length))
    );
    assert!(
        storage.info().keys.contains(&"k".to_owned()),
        "still listed"
    );
}
