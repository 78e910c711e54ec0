//! The library's error type: what can be wrong with the input a user gave.
//!
//! Every message names the file and says what to do next; the binary prints
//! it on one line and exits with code 2.

use std::path::PathBuf;

/// Bad input: a report that cannot be read, or a rules file that is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path does not exist.
    #[error("{}: no such file; check the path", path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{}: is a directory; pass the report files inside it (for example {}/*)", path.display(), path.display())]
    IsDirectory {
        /// The path as given.
        path: PathBuf,
    },
    /// Reading failed for another reason.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The path as given.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{}: is empty; a report needs some text", path.display())]
    Empty {
        /// The path as given.
        path: PathBuf,
    },
    /// The file looks like binary data.
    #[error("{}: looks like binary data (control byte 0x{byte:02x} at byte {offset}), not a text or JSON report", path.display())]
    Binary {
        /// The path as given.
        path: PathBuf,
        /// Offset of the first offending byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// The file is not UTF-8.
    #[error("{}: not valid UTF-8 at byte {offset}; convert it to UTF-8 and retry", path.display())]
    NotUtf8 {
        /// The path as given.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A JSON report is malformed or misses a field.
    #[error("{}: {message}", path.display())]
    BadDocument {
        /// The path as given.
        path: PathBuf,
        /// What is wrong, with line and column where known.
        message: String,
    },
    /// A rules file is wrong.
    #[error("{}: {message}", path.display())]
    BadRules {
        /// The rules file (`<built-in>/name.toml` for the defaults).
        path: PathBuf,
        /// What is wrong, with line and key where known.
        message: String,
    },
    /// A command-line value is wrong.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The path the error is about, when it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::NotFound { path }
            | Error::IsDirectory { path }
            | Error::Read { path, .. }
            | Error::Empty { path }
            | Error::Binary { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::BadDocument { path, .. }
            | Error::BadRules { path, .. } => Some(path),
            Error::Usage(_) => None,
        }
    }
}
