//! The FileSystemManager's descriptor methods (`open`, `read`, `write`, `fstat`,
//! `ftruncate`, `close`): open files by `fd`, each with its flag's rights and a position,
//! over the same files and rules as the path methods.

use std::collections::BTreeMap;

use super::error::{FsError, Subject};
use super::path::{resolve, Area};
use super::tree::{FileSystem, Stats};

/// How many files may be open at once (WeChat's figure is UNCONFIRMED; Node's default
/// soft limit on phones is far higher, WeChat's own error says there is one).
pub const MAX_OPEN: usize = 64;

/// What an `open` flag allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    truncate: bool,
    exclusive: bool,
}

impl Flag {
    /// The flag WeChat calls `name` (`r` when absent).
    ///
    /// # Errors
    ///
    /// [`FsError::Flag`] for a flag WeChat does not list.
    pub fn named(name: &str) -> Result<Self, FsError> {
        let base = Self {
            read: false,
            write: false,
            append: false,
            create: false,
            truncate: false,
            exclusive: false,
        };
        Ok(match name {
            "r" => Self { read: true, ..base },
            "r+" => Self {
                read: true,
                write: true,
                ..base
            },
            "w" | "wx" | "w+" | "wx+" => Self {
                read: name.ends_with('+'),
                write: true,
                create: true,
                truncate: true,
                exclusive: name.contains('x'),
                ..base
            },
            "a" | "ax" | "a+" | "ax+" | "as" | "as+" => Self {
                read: name.ends_with('+'),
                write: true,
                append: true,
                create: true,
                exclusive: name.contains('x'),
                ..base
            },
            _ => return Err(FsError::Flag),
        })
    }
}

#[derive(Debug, Clone)]
struct Open {
    key: String,
    given: String,
    flag: Flag,
    position: u64,
}

/// The open files of one FileSystemManager.
#[derive(Debug, Clone, Default)]
pub struct Descriptors {
    open: BTreeMap<u32, Open>,
    next: u32,
}

impl Descriptors {
    fn get(&self, fd: &str) -> Result<&Open, FsError> {
        fd.parse::<u32>()
            .ok()
            .and_then(|n| self.open.get(&n))
            .ok_or(FsError::BadDescriptor)
    }

    /// `open`: the new descriptor.
    ///
    /// # Errors
    ///
    /// [`FsError::Flag`], [`FsError::FlagDenied`] for a writing flag outside
    /// `wxfile://usr`, [`FsError::NoEntry`], [`FsError::Exists`] (an `x` flag),
    /// [`FsError::IsDirectory`], [`FsError::TooManyOpen`].
    pub fn open(
        &mut self,
        fs: &mut FileSystem,
        given: &str,
        flag: Option<&str>,
        now: u64,
    ) -> Result<String, FsError> {
        let flag = Flag::named(flag.unwrap_or("r"))?;
        let at = resolve(given);
        if flag.write && at.area != Area::User {
            return Err(FsError::FlagDenied);
        }
        if self.open.len() >= MAX_OPEN {
            return Err(FsError::TooManyOpen);
        }
        let exists = match fs.read(given) {
            Ok(_) => true,
            Err(FsError::NoEntry(_)) => false,
            Err(other) => return Err(other),
        };
        if exists && flag.exclusive {
            return Err(FsError::Exists(Subject::Bare(given.to_owned())));
        }
        if !exists && !flag.create {
            return Err(FsError::NoEntry(Subject::Open(given.to_owned())));
        }
        if !exists || flag.truncate {
            fs.write(given, &[], false, now)?;
        }
        self.next += 1;
        self.open.insert(
            self.next,
            Open {
                key: at.key,
                given: given.to_owned(),
                flag,
                position: 0,
            },
        );
        Ok(self.next.to_string())
    }

    /// `close`.
    ///
    /// # Errors
    ///
    /// [`FsError::BadDescriptor`].
    pub fn close(&mut self, fd: &str) -> Result<(), FsError> {
        self.get(fd)?;
        let n = fd.parse::<u32>().map_err(|_| FsError::BadDescriptor)?;
        self.open.remove(&n);
        Ok(())
    }

    /// `read`: up to `length` bytes from `position` (else the descriptor's position,
    /// which then advances).
    ///
    /// # Errors
    ///
    /// [`FsError::BadDescriptor`] (also for a descriptor opened without read rights),
    /// [`FsError::NoEntry`] when the file went away, [`FsError::Position`].
    pub fn read(
        &mut self,
        fs: &FileSystem,
        fd: &str,
        length: u64,
        position: Option<f64>,
    ) -> Result<Vec<u8>, FsError> {
        let open = self.get(fd)?.clone();
        if !open.flag.read {
            return Err(FsError::BadDescriptor);
        }
        let bytes = fs.read(&open.key)?;
        let start = match position {
            Some(p) if !(p >= 0.0 && p.fract() == 0.0) => return Err(FsError::Position),
            Some(p) => p as u64,
            None => open.position,
        };
        let start = start.min(bytes.len() as u64) as usize;
        let end = (start + length as usize).min(bytes.len());
        let out = bytes[start..end].to_vec();
        if position.is_none() {
            self.advance(fd, out.len() as u64);
        }
        Ok(out)
    }

    fn advance(&mut self, fd: &str, by: u64) {
        if let Some(open) = fd.parse::<u32>().ok().and_then(|n| self.open.get_mut(&n)) {
            open.position += by;
        }
    }

    /// `write`: `data` at `position` (else the descriptor's position, or the end for an
    /// append flag); returns the bytes written.
    ///
    /// # Errors
    ///
    /// [`FsError::BadDescriptor`] (also without write rights), [`FsError::Position`],
    /// [`FsError::Quota`].
    pub fn write(
        &mut self,
        fs: &mut FileSystem,
        fd: &str,
        data: &[u8],
        position: Option<f64>,
        now: u64,
    ) -> Result<u64, FsError> {
        let open = self.get(fd)?.clone();
        if !open.flag.write {
            return Err(FsError::BadDescriptor);
        }
        let mut content = fs.read(&open.key)?.to_vec();
        let start = if open.flag.append {
            content.len()
        } else {
            match position {
                Some(p) if !(p >= 0.0 && p.fract() == 0.0) => return Err(FsError::Position),
                Some(p) => p as usize,
                None => open.position as usize,
            }
        };
        if content.len() < start + data.len() {
            content.resize(start + data.len(), 0);
        }
        content[start..start + data.len()].copy_from_slice(data);
        fs.write(&open.key, &content, false, now)?;
        if position.is_none() || open.flag.append {
            if let Some(o) = fd.parse::<u32>().ok().and_then(|n| self.open.get_mut(&n)) {
                o.position = (start + data.len()) as u64;
            }
        }
        Ok(data.len() as u64)
    }

    /// `fstat`.
    ///
    /// # Errors
    ///
    /// [`FsError::BadDescriptor`], [`FsError::NoEntry`] when the file went away.
    pub fn fstat(&self, fs: &FileSystem, fd: &str) -> Result<Stats, FsError> {
        let open = self.get(fd)?;
        let all = fs.stat(&open.key, false)?;
        all.first()
            .map(|(_, s)| *s)
            .ok_or_else(|| FsError::NoEntry(Subject::Bare(open.given.clone())))
    }

    /// `ftruncate`.
    ///
    /// # Errors
    ///
    /// [`FsError::BadDescriptor`] (also without write rights), as
    /// [`FileSystem::truncate`].
    pub fn ftruncate(
        &self,
        fs: &mut FileSystem,
        fd: &str,
        length: f64,
        now: u64,
    ) -> Result<(), FsError> {
        let open = self.get(fd)?;
        if !open.flag.write {
            return Err(FsError::BadDescriptor);
        }
        fs.truncate(&open.key, length, now)
    }
}

/// The part of an ArrayBuffer of `size` bytes that `read` fills or `write` sends:
/// `offset` (default 0) and `length` (default: to the end) as `(start, count)`.
///
/// # Errors
///
/// [`FsError::Offset`], [`FsError::Length`] when they reach outside it.
pub fn buffer_window(
    size: u64,
    offset: Option<f64>,
    length: Option<f64>,
) -> Result<(u64, u64), FsError> {
    let size = size as f64;
    let start = offset.unwrap_or(0.0);
    if !(0.0..=size).contains(&start) || start.fract() != 0.0 {
        return Err(FsError::Offset);
    }
    let count = length.unwrap_or(size - start);
    if !(0.0..=size - start).contains(&count) || count.fract() != 0.0 {
        return Err(FsError::Length);
    }
    Ok((start as u64, count as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_write_read_close() {
        let mut fs = FileSystem::new();
        let mut fds = Descriptors::default();
        let fd = fds.open(&mut fs, "wxfile://usr/f", Some("w+"), 0).unwrap();
        assert_eq!(fds.write(&mut fs, &fd, b"hello", None, 0), Ok(5));
        assert_eq!(fds.write(&mut fs, &fd, b"!", None, 0), Ok(1));
        assert_eq!(fds.read(&fs, &fd, 3, Some(1.0)).unwrap(), b"ell");
        assert_eq!(fds.fstat(&fs, &fd).unwrap().size, 6);
        fds.ftruncate(&mut fs, &fd, 2.0, 0).unwrap();
        fds.close(&fd).unwrap();
        assert_eq!(fds.close(&fd), Err(FsError::BadDescriptor));
        assert_eq!(fs.read("wxfile://usr/f").unwrap(), b"he");
        let r = fds.open(&mut fs, "wxfile://usr/f", None, 0).unwrap();
        assert_eq!(fds.read(&fs, &r, 10, None).unwrap(), b"he");
        assert_eq!(
            fds.write(&mut fs, &r, b"x", None, 0),
            Err(FsError::BadDescriptor)
        );
        let a = fds.open(&mut fs, "wxfile://usr/f", Some("a"), 0).unwrap();
        fds.write(&mut fs, &a, b"y", Some(0.0), 0).unwrap();
        assert_eq!(fs.read("wxfile://usr/f").unwrap(), b"hey");
    }

    #[test]
    fn open_refuses_as_wechat() {
        let mut fs = FileSystem::new();
        let mut fds = Descriptors::default();
        assert_eq!(
            fds.open(&mut fs, "wxfile://usr/f", Some("z"), 0),
            Err(FsError::Flag)
        );
        assert_eq!(
            fds.open(&mut fs, "wxfile://tmp_1", Some("w"), 0),
            Err(FsError::FlagDenied)
        );
        assert_eq!(
            fds.open(&mut fs, "wxfile://usr/none", None, 0)
                .unwrap_err()
                .to_string(),
            "no such file or directory, open wxfile://usr/none"
        );
        fds.open(&mut fs, "wxfile://usr/f", Some("w"), 0).unwrap();
        assert!(matches!(
            fds.open(&mut fs, "wxfile://usr/f", Some("wx"), 0),
            Err(FsError::Exists(_))
        ));
        while fds.open.len() < MAX_OPEN {
            fds.open(&mut fs, "wxfile://usr/f", None, 0).unwrap();
        }
        assert_eq!(
            fds.open(&mut fs, "wxfile://usr/f", None, 0),
            Err(FsError::TooManyOpen)
        );
        assert_eq!(fds.read(&fs, "nope", 1, None), Err(FsError::BadDescriptor));
    }

    #[test]
    fn buffer_windows() {
        assert_eq!(buffer_window(8, None, None), Ok((0, 8)));
        assert_eq!(buffer_window(8, Some(2.0), Some(3.0)), Ok((2, 3)));
        assert_eq!(buffer_window(8, Some(9.0), None), Err(FsError::Offset));
        assert_eq!(buffer_window(8, Some(4.0), Some(5.0)), Err(FsError::Length));
    }
}
