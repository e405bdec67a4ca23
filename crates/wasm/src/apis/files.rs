//! Images and files: the glue of core's `apis::files`. `Files` holds one (appid, user)'s
//! local files; the shim persists what [`Files::take_changes`] names.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wxrt_core::apis::files::encoding::Encoding;
use wxrt_core::apis::files::image::PickError;
use wxrt_core::apis::files::{
    album, archive, digest, download, fd, image, tree, Descriptors, FsError, Node,
};
use wxrt_core::apis::files::{fs_schema, FileSystem, Stats};
use wxrt_core::errmsg::Failure;

use crate::error::js_failure;
use crate::options::{field_of, set};

/// The failure of the FileSystemManager method `api`, with its `errno`.
fn fail(api: &str) -> impl Fn(FsError) -> JsValue + '_ {
    move |reason| {
        let errno = reason.errno();
        let name = fs_schema(api)
            .or_else(|| wxrt_core::apis::schema(api))
            .map_or("readFile", |(name, _)| name);
        let error = js_failure(Failure::new(name, reason));
        let _ = Reflect::set(&error, &"errno".into(), &errno.into());
        error
    }
}

fn bytes_of(data: &JsValue, encoding: Option<&str>) -> Result<Vec<u8>, FsError> {
    if let Some(text) = data.as_string() {
        return Encoding::named(encoding.unwrap_or("utf8"))?.to_bytes(&text);
    }
    if data.is_instance_of::<ArrayBuffer>() {
        return Ok(Uint8Array::new(data).to_vec());
    }
    if ArrayBuffer::is_view(data) {
        let buffer = field_of(data, "buffer");
        let offset = field_of(data, "byteOffset").as_f64().unwrap_or(0.0);
        let length = field_of(data, "byteLength").as_f64().unwrap_or(0.0);
        return Ok(Uint8Array::new_with_byte_offset_and_length(
            &buffer,
            offset as u32,
            length as u32,
        )
        .to_vec());
    }
    Ok(Vec::new())
}

fn buffer(bytes: &[u8]) -> ArrayBuffer {
    Uint8Array::from(bytes).buffer()
}

fn stats_object(stats: Stats) -> Object {
    let out = Object::new();
    set(&out, "mode", &stats.mode().into());
    set(&out, "size", &(stats.size as f64).into());
    set(&out, "lastAccessedTime", &(stats.modified as f64).into());
    set(&out, "lastModifiedTime", &(stats.modified as f64).into());
    set(&out, "directory", &stats.is_dir.into());
    out
}

/// One (appid, user)'s local files: user files, saved files, this run's temporary files.
#[wasm_bindgen]
pub struct Files {
    fs: FileSystem,
    fds: Descriptors,
}

#[wasm_bindgen]
impl Files {
    /// No files: the user root alone.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Files {
        Files {
            fs: FileSystem::new(),
            fds: Descriptors::default(),
        }
    }

    /// Checks the options (or Sync arguments as options) of the FileSystemManager method
    /// `api`; throws `<api>:fail parameter error: …`.
    #[wasm_bindgen(js_name = checkOptions)]
    pub fn check_options(api: &str, options: &JsValue) -> Result<(), JsValue> {
        let Some((api, fields)) = fs_schema(api) else {
            return Err(JsError::new(&format!("{api} is not a FileSystemManager method")).into());
        };
        super::check_fields(api, fields, options)
    }

    /// Restores a persisted file (`bytes`) or directory (`bytes` undefined).
    pub fn restore(&mut self, key: &str, bytes: Option<Vec<u8>>, modified: f64, created: f64) {
        let node = match bytes {
            Some(bytes) => Node::File {
                bytes,
                modified: modified as u64,
                created: created as u64,
            },
            None => Node::Dir {
                modified: modified as u64,
            },
        };
        self.fs.restore(key, node);
    }

    /// The paths written or removed since the last call.
    #[wasm_bindgen(js_name = takeChanges)]
    pub fn take_changes(&mut self) -> Vec<String> {
        self.fs.take_changes()
    }

    /// What to persist for `key`: `{bytes?, modified, created}` (no `bytes`: a
    /// directory), or undefined when it was removed.
    pub fn entry(&self, key: &str) -> JsValue {
        let Some(node) = self.fs.node(key) else {
            return JsValue::UNDEFINED;
        };
        let out = Object::new();
        match node {
            Node::Dir { modified } => {
                set(&out, "modified", &(*modified as f64).into());
                set(&out, "created", &(*modified as f64).into());
            }
            Node::File {
                bytes,
                modified,
                created,
            } => {
                set(&out, "bytes", &Uint8Array::from(bytes.as_slice()).into());
                set(&out, "modified", &(*modified as f64).into());
                set(&out, "created", &(*created as f64).into());
            }
        }
        out.into()
    }

    /// A temporary file's content (a download, a chosen or compressed image).
    #[wasm_bindgen(js_name = addTemp)]
    pub fn add_temp(&mut self, key: &str, bytes: Vec<u8>) {
        self.fs.add_temp(key, bytes);
    }

    /// Whether the temporary file `key` still exists (saving moves it).
    #[wasm_bindgen(js_name = hasTemp)]
    pub fn has_temp(&self, key: &str) -> bool {
        self.fs.has_temp(key)
    }

    /// Bytes held by user and saved files.
    pub fn used(&self) -> f64 {
        self.fs.used() as f64
    }

    /// `access`.
    pub fn access(&self, api: &str, path: &str) -> Result<(), JsValue> {
        self.fs.access(path).map_err(fail(api))
    }

    /// `readFile`: text in `encoding`, or an ArrayBuffer without one.
    #[wasm_bindgen(js_name = readFile)]
    pub fn read_file(
        &self,
        api: &str,
        path: &str,
        encoding: Option<String>,
        position: Option<f64>,
        length: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let bytes = self.fs.read(path).map_err(fail(api))?;
        let bytes = tree::window(bytes, position, length).map_err(fail(api))?;
        Ok(match encoding {
            Some(name) => Encoding::named(&name)
                .map_err(fail(api))?
                .to_text(bytes)
                .into(),
            None => buffer(bytes).into(),
        })
    }

    /// The raw bytes at `path` (for the shim's own uses: `<image>`, uploads, the album).
    pub fn bytes(&self, path: &str) -> Option<Vec<u8>> {
        self.fs.read(path).ok().map(<[u8]>::to_vec)
    }

    /// `writeFile`, or `appendFile` with `append`.
    #[wasm_bindgen(js_name = writeFile)]
    pub fn write_file(
        &mut self,
        api: &str,
        path: &str,
        data: &JsValue,
        encoding: Option<String>,
        append: bool,
        now: f64,
    ) -> Result<(), JsValue> {
        let bytes = bytes_of(data, encoding.as_deref()).map_err(fail(api))?;
        self.fs
            .write(path, &bytes, append, now as u64)
            .map_err(fail(api))
    }

    /// `copyFile`.
    #[wasm_bindgen(js_name = copyFile)]
    pub fn copy_file(&mut self, api: &str, from: &str, to: &str, now: f64) -> Result<(), JsValue> {
        self.fs.copy(from, to, now as u64).map_err(fail(api))
    }

    /// `rename`.
    pub fn rename(&mut self, api: &str, from: &str, to: &str, now: f64) -> Result<(), JsValue> {
        self.fs.rename(from, to, now as u64).map_err(fail(api))
    }

    /// `unlink`.
    pub fn unlink(&mut self, api: &str, path: &str) -> Result<(), JsValue> {
        self.fs.unlink(path).map_err(fail(api))
    }

    /// `mkdir`.
    pub fn mkdir(
        &mut self,
        api: &str,
        path: &str,
        recursive: bool,
        now: f64,
    ) -> Result<(), JsValue> {
        self.fs
            .mkdir(path, recursive, now as u64)
            .map_err(fail(api))
    }

    /// `rmdir`.
    pub fn rmdir(&mut self, api: &str, path: &str, recursive: bool) -> Result<(), JsValue> {
        self.fs.rmdir(path, recursive).map_err(fail(api))
    }

    /// `readdir`: the names in the directory.
    pub fn readdir(&self, api: &str, path: &str) -> Result<Vec<String>, JsValue> {
        self.fs.readdir(path).map_err(fail(api))
    }

    /// `stat`: `{mode, size, lastAccessedTime, lastModifiedTime, directory}`, or with
    /// `recursive` on a directory `[{path, stats}]`.
    pub fn stat(&self, api: &str, path: &str, recursive: bool) -> Result<JsValue, JsValue> {
        let all = self.fs.stat(path, recursive).map_err(fail(api))?;
        if !(recursive && all.first().is_some_and(|(_, s)| s.is_dir)) {
            return Ok(all
                .first()
                .map_or(JsValue::UNDEFINED, |(_, s)| stats_object(*s).into()));
        }
        let out = Array::new();
        for (relative, stats) in all {
            let entry = Object::new();
            set(&entry, "path", &relative.into());
            set(&entry, "stats", &stats_object(stats).into());
            out.push(&entry);
        }
        Ok(out.into())
    }

    /// `truncate`.
    pub fn truncate(
        &mut self,
        api: &str,
        path: &str,
        length: f64,
        now: f64,
    ) -> Result<(), JsValue> {
        self.fs
            .truncate(path, length, now as u64)
            .map_err(fail(api))
    }

    /// `saveFile` (`legacy`: `wx.saveFile`'s 10 MB rule too): the saved path.
    #[wasm_bindgen(js_name = saveFile)]
    pub fn save_file(
        &mut self,
        api: &str,
        temp: &str,
        target: Option<String>,
        token: &str,
        legacy: bool,
        now: f64,
    ) -> Result<String, JsValue> {
        self.fs
            .save_file(temp, target.as_deref(), token, legacy, now as u64)
            .map_err(fail(api))
    }

    /// `getSavedFileList`'s `fileList`: `[{filePath, size, createTime}]`.
    #[wasm_bindgen(js_name = savedFiles)]
    pub fn saved_files(&self) -> Array {
        self.fs
            .saved_files()
            .into_iter()
            .map(|file| {
                let entry = Object::new();
                set(&entry, "filePath", &file.path.into());
                set(&entry, "size", &(file.size as f64).into());
                set(&entry, "createTime", &(file.created as f64).into());
                JsValue::from(entry)
            })
            .collect()
    }

    /// `getSavedFileInfo`: `{size, createTime}`.
    #[wasm_bindgen(js_name = savedFile)]
    pub fn saved_file(&self, api: &str, path: &str) -> Result<Object, JsValue> {
        let file = self.fs.saved_file(path).map_err(fail(api))?;
        let out = Object::new();
        set(&out, "size", &(file.size as f64).into());
        set(&out, "createTime", &(file.created as f64).into());
        Ok(out)
    }

    /// `removeSavedFile`.
    #[wasm_bindgen(js_name = removeSaved)]
    pub fn remove_saved(&mut self, api: &str, path: &str) -> Result<(), JsValue> {
        self.fs.remove_saved(path).map_err(fail(api))
    }

    /// `getFileInfo`: `{size, digest}` (`digestAlgorithm` md5 by default, sha1, sha256).
    #[wasm_bindgen(js_name = fileInfo)]
    pub fn file_info(
        &self,
        api: &str,
        path: &str,
        algorithm: Option<String>,
    ) -> Result<Object, JsValue> {
        let bytes = self.fs.file_info(path).map_err(fail(api))?;
        let algorithm = algorithm.unwrap_or_else(|| "md5".to_owned());
        let digest = digest::hex_digest(&algorithm, bytes)
            .ok_or_else(|| fail(api)(FsError::Encoding(algorithm.clone())))?;
        let out = Object::new();
        set(&out, "size", &(bytes.len() as f64).into());
        set(&out, "digest", &digest.into());
        Ok(out)
    }
}

#[wasm_bindgen]
impl Files {
    /// `open`: the descriptor (`flag` `r` by default).
    pub fn open(
        &mut self,
        api: &str,
        path: &str,
        flag: Option<String>,
        now: f64,
    ) -> Result<String, JsValue> {
        self.fds
            .open(&mut self.fs, path, flag.as_deref(), now as u64)
            .map_err(fail(api))
    }

    /// `close`.
    pub fn close(&mut self, api: &str, fd: &str) -> Result<(), JsValue> {
        self.fds.close(fd).map_err(fail(api))
    }

    /// `read` into `buffer` (an ArrayBuffer) from `offset` for `length` bytes; the bytes
    /// read.
    pub fn read(
        &mut self,
        api: &str,
        fd: &str,
        buffer: &JsValue,
        offset: Option<f64>,
        length: Option<f64>,
        position: Option<f64>,
    ) -> Result<f64, JsValue> {
        let view = Uint8Array::new(buffer);
        let (start, count) =
            fd::buffer_window(u64::from(view.length()), offset, length).map_err(fail(api))?;
        let bytes = self
            .fds
            .read(&self.fs, fd, count, position)
            .map_err(fail(api))?;
        view.subarray(start as u32, start as u32 + bytes.len() as u32)
            .copy_from(&bytes);
        Ok(bytes.len() as f64)
    }

    /// `write` of `data` (text in `encoding`, or an ArrayBuffer's window); the bytes
    /// written.
    #[allow(clippy::too_many_arguments)]
    pub fn write(
        &mut self,
        api: &str,
        fd: &str,
        data: &JsValue,
        offset: Option<f64>,
        length: Option<f64>,
        encoding: Option<String>,
        position: Option<f64>,
        now: f64,
    ) -> Result<f64, JsValue> {
        let mut bytes = bytes_of(data, encoding.as_deref()).map_err(fail(api))?;
        if data.as_string().is_none() {
            let (start, count) =
                fd::buffer_window(bytes.len() as u64, offset, length).map_err(fail(api))?;
            bytes = bytes[start as usize..(start + count) as usize].to_vec();
        }
        let written = self
            .fds
            .write(&mut self.fs, fd, &bytes, position, now as u64)
            .map_err(fail(api))?;
        Ok(written as f64)
    }

    /// `fstat`: as [`Files::stat`] without `recursive`.
    pub fn fstat(&self, api: &str, fd: &str) -> Result<Object, JsValue> {
        self.fds
            .fstat(&self.fs, fd)
            .map(stats_object)
            .map_err(fail(api))
    }

    /// `ftruncate`.
    pub fn ftruncate(&mut self, api: &str, fd: &str, length: f64, now: f64) -> Result<(), JsValue> {
        self.fds
            .ftruncate(&mut self.fs, fd, length, now as u64)
            .map_err(fail(api))
    }
}

/// The compressed files: `unzip`, `readZipEntry`, `readCompressedFile`.
#[wasm_bindgen]
impl Files {
    /// `unzip`: extracts `zip` into the user folder `target`.
    pub fn unzip(&mut self, api: &str, zip: &str, target: &str, now: f64) -> Result<(), JsValue> {
        self.fs.unzip(zip, target, now as u64).map_err(fail(api))
    }

    /// `readZipEntry`: `{[path]: {data, errMsg}}` for `'all'` or each `{path, encoding?,
    /// position?, length?}` of `entries`; an entry's own `encoding` before `encoding`.
    #[wasm_bindgen(js_name = readZipEntry)]
    pub fn read_zip_entry(
        &self,
        api: &str,
        path: &str,
        entries: &JsValue,
        encoding: Option<String>,
    ) -> Result<Object, JsValue> {
        let bytes = self.fs.read(path).map_err(fail(api))?;
        let asked: Vec<JsValue> = if entries.as_string().as_deref() == Some("all") {
            Vec::new()
        } else if Array::is_array(entries) {
            Array::from(entries).iter().collect()
        } else {
            return Err(fail(api)(FsError::InvalidArgument));
        };
        let names: Option<Vec<String>> = Array::is_array(entries).then(|| {
            asked
                .iter()
                .map(|e| field_of(e, "path").as_string().unwrap_or_default())
                .collect()
        });
        let found = archive::read_entries(bytes, names.as_deref()).map_err(fail(api))?;
        let out = Object::new();
        for (i, (name, content)) in found.into_iter().enumerate() {
            let options = asked.get(i).cloned().unwrap_or(JsValue::UNDEFINED);
            let number = |key: &str| field_of(&options, key).as_f64();
            let wanted = field_of(&options, "encoding")
                .as_string()
                .or(encoding.clone());
            let data = content.and_then(|content| {
                let slice = tree::window(&content, number("position"), number("length"))?;
                Ok(match &wanted {
                    Some(name) => JsValue::from(Encoding::named(name)?.to_text(slice)),
                    None => buffer(slice).into(),
                })
            });
            let entry = Object::new();
            match data {
                Ok(data) => {
                    set(&entry, "data", &data);
                    set(&entry, "errMsg", &format!("{api}:ok").into());
                }
                Err(reason) => set(&entry, "errMsg", &format!("{api}:fail {reason}").into()),
            }
            set(&out, &name, &entry.into());
        }
        Ok(out)
    }

    /// `readCompressedFile`'s first half: the bytes of the file at `path`, once `algorithm`
    /// is one WeChat knows; the brotli build (`decompress`) does the rest.
    #[wasm_bindgen(js_name = compressedBytes)]
    pub fn compressed_bytes(
        &self,
        api: &str,
        path: &str,
        algorithm: &str,
    ) -> Result<Uint8Array, JsValue> {
        let bytes = self.fs.read(path).map_err(fail(api))?;
        archive::compression(algorithm).map_err(fail(api))?;
        Ok(Uint8Array::from(bytes))
    }
}

impl Default for Files {
    fn default() -> Self {
        Self::new()
    }
}

/// `wx.arrayBufferToBase64(buffer)`.
#[wasm_bindgen(js_name = arrayBufferToBase64)]
pub fn array_buffer_to_base64(data: &JsValue) -> String {
    let bytes = bytes_of(data, None).unwrap_or_default();
    Encoding::Base64.to_text(&bytes)
}

/// `wx.base64ToArrayBuffer(text)` (text that is not base64 gives an empty buffer).
#[wasm_bindgen(js_name = base64ToArrayBuffer)]
pub fn base64_to_array_buffer(text: &str) -> ArrayBuffer {
    buffer(&Encoding::Base64.to_bytes(text).unwrap_or_default())
}

/// The failure of `api` for what the shim saw happen (`kind`: `download`, `notFound`,
/// `invalid`, `noDocument`, `cancel`); core words it.
#[wasm_bindgen(js_name = pickFailure)]
pub fn pick_failure(api: &str, kind: &str) -> JsValue {
    let reason = PickError::named(kind).unwrap_or(PickError::Invalid);
    let name = wxrt_core::apis::schema(api).map_or("getImageInfo", |(name, _)| name);
    js_failure(Failure::new(name, reason))
}

/// `getImageInfo`'s `{type, orientation}` from the image's bytes.
#[wasm_bindgen(js_name = imageFacts)]
pub fn image_facts(bytes: &[u8]) -> Object {
    let out = Object::new();
    set(&out, "type", &image::image_type(bytes).into());
    set(&out, "orientation", &image::orientation(bytes).into());
    out
}

/// `compressImage`'s quality for the canvas encoder (0–1).
#[wasm_bindgen(js_name = compressQuality)]
pub fn compress_quality(quality: Option<f64>) -> f64 {
    image::compress_quality(quality)
}

/// `downloadFile`'s timeout in ms (the call's, app.json's, 60 s).
#[wasm_bindgen(js_name = downloadTimeout)]
pub fn download_timeout(given: Option<f64>, app: Option<f64>) -> f64 {
    download::timeout_ms(given, app)
}

/// `onProgressUpdate`'s `progress`.
#[wasm_bindgen(js_name = downloadProgress)]
pub fn download_progress(written: f64, total: f64) -> u32 {
    download::progress(written, total)
}

/// The extension of a download's temporary file.
#[wasm_bindgen(js_name = downloadExtension)]
pub fn download_extension(url: &str, content_type: &str) -> String {
    download::extension(url, content_type)
}

fn media_fail(api: &str) -> impl Fn(album::MediaFileError) -> JsValue + '_ {
    move |reason| {
        let name = wxrt_core::apis::schema(api).map_or("openDocument", |(name, _)| name);
        js_failure(Failure::new(name, reason))
    }
}

/// Throws `<api>:fail …` unless `path` (content type `mime`, undefined when no such
/// local file) may go to the album (`video`: saveVideoToPhotosAlbum).
#[wasm_bindgen(js_name = albumAccepts)]
pub fn album_accepts(
    api: &str,
    path: &str,
    mime: Option<String>,
    video: bool,
) -> Result<(), JsValue> {
    album::album_accepts(path, mime.as_deref(), video).map_err(media_fail(api))
}

/// `openDocument`'s `[fileType, mime]`, or throws `openDocument:fail filetype not supported`.
#[wasm_bindgen(js_name = documentType)]
pub fn document_type(path: &str, file_type: Option<String>) -> Result<Array, JsValue> {
    let (kind, mime) =
        album::document_type(path, file_type.as_deref()).map_err(media_fail("openDocument"))?;
    Ok([JsValue::from(kind), JsValue::from(mime)]
        .into_iter()
        .collect())
}
