//! The FileSystemManager's rules, with WeChat's error texts.

use super::*;

fn fs() -> FileSystem {
    FileSystem::new()
}

fn text(error: FsError) -> String {
    error.to_string()
}

#[test]
fn writes_reads_and_appends_user_files() {
    let mut fs = fs();
    fs.write("wxfile://usr/a.txt", b"ab", false, 1000).unwrap();
    fs.write("wxfile://usr/a.txt", b"cd", true, 2000).unwrap();
    assert_eq!(fs.read("wxfile://usr//a.txt").unwrap(), b"abcd");
    fs.write("wxfile://usr/a.txt", b"x", false, 3000).unwrap();
    assert_eq!(fs.read("wxfile://usr/a.txt").unwrap(), b"x");
    assert_eq!(fs.used(), 1);
    assert_eq!(fs.take_changes(), vec!["wxfile://usr/a.txt".to_owned()]);
    assert!(fs.take_changes().is_empty());
}

#[test]
fn errors_read_as_wechat_words_them() {
    let mut fs = fs();
    assert_eq!(
        text(fs.read("wxfile://usr/a.txt").unwrap_err()),
        "no such file or directory, open wxfile://usr/a.txt"
    );
    assert_eq!(
        text(fs.write("wxfile://usr/d/a.txt", b"", false, 0).unwrap_err()),
        "no such file or directory, open wxfile://usr/d/a.txt"
    );
    assert_eq!(
        text(fs.write("wxfile://tmp_1.txt", b"", false, 0).unwrap_err()),
        "permission denied, open wxfile://tmp_1.txt"
    );
    assert_eq!(
        text(fs.write("/pages/a.js", b"", false, 0).unwrap_err()),
        "permission denied, open /pages/a.js"
    );
    assert_eq!(
        text(fs.write("wxfile://usr/a", b"", true, 0).unwrap_err()),
        "no such file or directory, open wxfile://usr/a"
    );
    assert_eq!(
        text(fs.access("wxfile://usr/none").unwrap_err()),
        "no such file or directory wxfile://usr/none"
    );
    fs.mkdir("wxfile://usr/d", false, 0).unwrap();
    assert_eq!(
        text(fs.read("wxfile://usr/d").unwrap_err()),
        "illegal operation on a directory, open wxfile://usr/d"
    );
    assert_eq!(
        text(fs.unlink("wxfile://usr/d").unwrap_err()),
        "operation not permitted, unlink wxfile://usr/d"
    );
    assert_eq!(
        text(fs.mkdir("wxfile://usr/d", false, 0).unwrap_err()),
        "file already exists wxfile://usr/d"
    );
    assert_eq!(
        text(fs.copy("wxfile://usr/x", "wxfile://usr/y", 0).unwrap_err()),
        "no such file or directory, copyFile wxfile://usr/x -> wxfile://usr/y"
    );
    fs.write("wxfile://usr/d/f", b"1", false, 0).unwrap();
    assert_eq!(
        text(fs.rmdir("wxfile://usr/d", false).unwrap_err()),
        "directory not empty"
    );
    assert_eq!(
        text(fs.readdir("wxfile://usr/d/f").unwrap_err()),
        "not a directory wxfile://usr/d/f"
    );
    assert_eq!(
        text(fs.readdir("wxfile://").unwrap_err()),
        "permission denied, open wxfile://"
    );
    assert_eq!(
        text(
            fs.rename("wxfile://usr/d/f", "wxfile://tmp_9", 0)
                .unwrap_err()
        ),
        "permission denied, rename wxfile://usr/d/f -> wxfile://tmp_9"
    );
    assert_eq!(fs.read("wxfile://usr/x").unwrap_err().errno(), 1_300_002);
}

#[test]
fn directories_nest_list_and_go_recursively() {
    let mut fs = fs();
    assert!(fs.mkdir("wxfile://usr/a/b", false, 0).is_err());
    fs.mkdir("wxfile://usr/a/b", true, 5000).unwrap();
    fs.write("wxfile://usr/a/b/c.txt", b"123", false, 7000)
        .unwrap();
    fs.write("wxfile://usr/a/z.txt", b"", false, 0).unwrap();
    assert_eq!(fs.readdir("wxfile://usr/a").unwrap(), ["b", "z.txt"]);
    assert_eq!(fs.readdir("wxfile://usr").unwrap(), ["a"]);
    let stats = fs.stat("wxfile://usr/a", true).unwrap();
    let paths: Vec<&str> = stats.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/", "/b", "/b/c.txt", "/z.txt"]);
    assert_eq!(stats[2].1.size, 3);
    assert_eq!(stats[2].1.modified, 7);
    assert_eq!(stats[0].1.mode(), 16877);
    assert_eq!(stats[2].1.mode(), 33188);
    fs.rename("wxfile://usr/a", "wxfile://usr/m", 0).unwrap();
    assert_eq!(fs.read("wxfile://usr/m/b/c.txt").unwrap(), b"123");
    assert!(fs.access("wxfile://usr/a").is_err());
    fs.rmdir("wxfile://usr/m", true).unwrap();
    assert!(fs.readdir("wxfile://usr").unwrap().is_empty());
    assert!(fs.rmdir("wxfile://usr", true).is_err());
}

#[test]
fn temp_files_are_read_only_and_move_when_saved() {
    let mut fs = fs();
    fs.add_temp("wxfile://tmp_1.png", b"png".to_vec());
    assert_eq!(fs.read("wxfile://tmp_1.png").unwrap(), b"png");
    fs.copy("wxfile://tmp_1.png", "wxfile://usr/p.png", 0)
        .unwrap();
    let saved = fs
        .save_file("wxfile://tmp_1.png", None, "abc", true, 3000)
        .unwrap();
    assert_eq!(saved, "wxfile://store_abc.png");
    assert!(!fs.has_temp("wxfile://tmp_1.png"));
    assert_eq!(
        fs.save_file("wxfile://tmp_1.png", None, "x", true, 0),
        Err(FsError::TempMissing)
    );
    let list = fs.saved_files();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].size, list[0].created), (3, 3));
    fs.add_temp("wxfile://tmp_2.txt", b"t".to_vec());
    assert_eq!(
        text(
            fs.save_file(
                "wxfile://tmp_2.txt",
                Some("wxfile://usr/no/t.txt"),
                "",
                false,
                0
            )
            .unwrap_err()
        ),
        "no such file or directory \"wxfile://usr/no\""
    );
    assert_eq!(
        fs.save_file(
            "wxfile://tmp_2.txt",
            Some("wxfile://usr/t.txt"),
            "",
            false,
            0
        ),
        Ok("wxfile://usr/t.txt".to_owned())
    );
    fs.remove_saved(&saved).unwrap();
    assert_eq!(fs.remove_saved(&saved), Err(FsError::FileNotExist));
    fs.add_temp("wxfile://tmp_3", b"q".to_vec());
    fs.rename("wxfile://tmp_3", "wxfile://usr/q", 0).unwrap();
    assert!(!fs.has_temp("wxfile://tmp_3"));
    assert_eq!(fs.read("wxfile://usr/q").unwrap(), b"q");
}

#[test]
fn the_storage_limit_holds_at_its_boundary() {
    let mut fs = fs();
    let big = vec![0u8; (tree::STORAGE_LIMIT - 10) as usize];
    fs.write("wxfile://usr/big", &big, false, 0).unwrap();
    fs.write("wxfile://usr/ten", &[1; 10], false, 0).unwrap();
    assert_eq!(
        text(fs.write("wxfile://usr/one", &[1], false, 0).unwrap_err()),
        "the maximum size of the file storage limit is exceeded"
    );
    assert!(fs.access("wxfile://usr/one").is_err());
    // Rewriting a file counts its new size only.
    fs.write("wxfile://usr/ten", &[2; 10], false, 0).unwrap();
    fs.truncate("wxfile://usr/ten", 4.0, 0).unwrap();
    fs.write("wxfile://usr/six", &[1; 6], false, 0).unwrap();
    assert_eq!(
        fs.copy("wxfile://usr/ten", "wxfile://usr/c", 0),
        Err(FsError::Quota)
    );
}

#[test]
fn legacy_save_file_keeps_to_ten_megabytes() {
    let mut fs = fs();
    fs.add_temp("wxfile://tmp_a", vec![0; 6 * 1024 * 1024]);
    fs.add_temp("wxfile://tmp_b", vec![0; 5 * 1024 * 1024]);
    fs.save_file("wxfile://tmp_a", None, "a", true, 0).unwrap();
    assert_eq!(
        fs.save_file("wxfile://tmp_b", None, "b", true, 0),
        Err(FsError::Quota)
    );
    assert!(fs.has_temp("wxfile://tmp_b"));
    fs.save_file("wxfile://tmp_b", None, "b", false, 0).unwrap();
}

#[test]
fn restores_persisted_nodes_only_where_they_belong() {
    let mut fs = fs();
    let file = Node::File {
        bytes: b"1".to_vec(),
        modified: 0,
        created: 0,
    };
    fs.restore("wxfile://usr/r", file.clone());
    fs.restore("wxfile://tmp_1", file.clone());
    fs.restore("wxfile://usr//odd", file);
    assert_eq!(fs.readdir("wxfile://usr").unwrap(), ["r"]);
    assert!(fs.take_changes().is_empty());
}

#[test]
fn fs_methods_have_both_names() {
    assert_eq!(fs_schema("readFileSync").unwrap().0, "readFileSync");
    assert_eq!(fs_schema("readFile").unwrap().0, "readFile");
    assert!(fs_schema("getSavedFileListSync").is_none());
    assert!(fs_schema("nope").is_none());
}

#[test]
fn read_windows_stay_inside_the_file() {
    assert_eq!(
        tree::window(b"abcdef", Some(2.0), Some(3.0)).unwrap(),
        b"cde"
    );
    assert_eq!(tree::window(b"abcdef", Some(6.0), None).unwrap(), b"");
    assert_eq!(
        tree::window(b"abc", Some(4.0), None),
        Err(FsError::Position)
    );
    assert_eq!(
        tree::window(b"abc", Some(1.0), Some(3.0)),
        Err(FsError::Length)
    );
}

/// A zip written with the `zip` crate's own writer: `a.txt` stored, the folder `d/`,
/// `extra` stored, and `d/b.txt` deflated.
fn zip_bytes(extra: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod::{Deflated, Stored};
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(Stored);
    out.start_file("a.txt", stored).unwrap();
    out.write_all(b"stored").unwrap();
    out.add_directory("d/", stored).unwrap();
    for (name, bytes) in extra {
        out.start_file(*name, stored).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.start_file("d/b.txt", stored.compression_method(Deflated))
        .unwrap();
    out.write_all(b"deflated deflated deflated").unwrap();
    out.finish().unwrap().into_inner()
}

#[test]
fn unzips_stored_and_deflated_entries_into_user_folders() {
    let mut fs = fs();
    fs.write("wxfile://usr/p.zip", &zip_bytes(&[]), false, 0)
        .unwrap();
    fs.unzip("wxfile://usr/p.zip", "wxfile://usr/out", 5000)
        .unwrap();
    assert_eq!(fs.read("wxfile://usr/out/a.txt").unwrap(), b"stored");
    assert_eq!(
        fs.read("wxfile://usr/out/d/b.txt").unwrap(),
        b"deflated deflated deflated"
    );
    assert_eq!(fs.readdir("wxfile://usr/out").unwrap(), vec!["a.txt", "d"]);
}

#[test]
fn unzip_errors_name_both_paths() {
    let mut fs = fs();
    fs.write("wxfile://usr/p.zip", &zip_bytes(&[]), false, 0)
        .unwrap();
    assert_eq!(
        text(
            fs.unzip("wxfile://usr/no.zip", "wxfile://usr/o", 0)
                .unwrap_err()
        ),
        "no such file or directory, unzip wxfile://usr/no.zip -> wxfile://usr/o"
    );
    assert_eq!(
        text(
            fs.unzip("wxfile://usr/p.zip", "wxfile://tmp_x", 0)
                .unwrap_err()
        ),
        "permission denied, unzip wxfile://usr/p.zip -> wxfile://tmp_x"
    );
    assert_eq!(
        text(
            fs.unzip("wxfile://usr/p.zip", "wxfile://usr/x/y", 0)
                .unwrap_err()
        ),
        "no such file or directory, unzip wxfile://usr/p.zip -> wxfile://usr/x/y"
    );
    fs.write("wxfile://usr/bad.zip", b"PK not a zip", false, 0)
        .unwrap();
    let error = fs
        .unzip("wxfile://usr/bad.zip", "wxfile://usr/o", 0)
        .unwrap_err();
    assert_eq!(
        (text(error.clone()), error.errno()),
        ("unzip open file fail".to_owned(), 1_301_102)
    );
    assert!(fs.node("wxfile://usr/o").is_none());
}

#[test]
fn unzip_refuses_entries_outside_the_target_and_a_zip_past_the_limit() {
    let mut fs = fs();
    let dotted = zip_bytes(&[("./e/./c.txt", b"c")]);
    fs.write("wxfile://usr/dot.zip", &dotted, false, 0).unwrap();
    fs.unzip("wxfile://usr/dot.zip", "wxfile://usr/dot", 0)
        .unwrap();
    assert_eq!(fs.read("wxfile://usr/dot/e/c.txt").unwrap(), b"c");
    let evil = zip_bytes(&[("a/../../evil.txt", b"x")]);
    fs.write("wxfile://usr/e.zip", &evil, false, 0).unwrap();
    assert_eq!(
        fs.unzip("wxfile://usr/e.zip", "wxfile://usr/o", 0),
        Err(FsError::UnzipEntry)
    );
    assert!(fs.node("wxfile://usr/evil.txt").is_none());
    assert!(fs.node("wxfile://usr/o").is_none());
    let big = vec![0u8; 4096];
    let zip = zip_bytes(&[("big.bin", &big)]);
    fs.write("wxfile://usr/b.zip", &zip, false, 0).unwrap();
    let room = tree::STORAGE_LIMIT - fs.used();
    fs.write(
        "wxfile://usr/fill",
        &vec![0; (room - 4000) as usize],
        false,
        0,
    )
    .unwrap();
    assert_eq!(
        fs.unzip("wxfile://usr/b.zip", "wxfile://usr/o", 0),
        Err(FsError::Quota)
    );
}

#[test]
fn reads_zip_entries_all_and_by_name() {
    let zip = zip_bytes(&[]);
    let all = archive::read_entries(&zip, None).unwrap();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, vec!["a.txt", "d/b.txt"]);
    let asked = ["d/b.txt".to_owned(), "nope".to_owned()];
    let some = archive::read_entries(&zip, Some(&asked)).unwrap();
    assert_eq!(some[0].1.as_deref().unwrap(), b"deflated deflated deflated");
    assert_eq!(
        text(some[1].1.clone().unwrap_err()),
        "no such file or directory nope"
    );
}

#[test]
fn decompresses_brotli_only() {
    let br = [
        27, 24, 0, 248, 29, 169, 83, 159, 187, 112, 45, 86, 134, 38, 39, 65, 216, 232, 146, 45,
        237, 45, 130, 138, 6, 150, 25, 191, 0,
    ];
    assert_eq!(
        archive::decompress(&br, "br").unwrap(),
        b"hello brotli hello brotli"
    );
    assert_eq!(archive::decompress(b"plain", "br"), Err(FsError::Brotli));
    assert_eq!(
        archive::decompress(&br, "gzip"),
        Err(FsError::InvalidArgument)
    );
}
