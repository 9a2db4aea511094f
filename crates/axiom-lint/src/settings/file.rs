//! Files read for settings (the configuration, a baseline): regular files under the size cap,
//! checked on the open handle and read with a cap, so a setting that names `/dev/zero` or a
//! FIFO can neither exhaust memory nor hang the run.

use std::fs::OpenOptions;
use std::io::{self, Read};
use std::path::Path;

/// The largest settings file read, as large as the largest linted file.
pub const MAX_SETTINGS_BYTES: u64 = 10 * 1024 * 1024;

/// The bytes of a settings file; an error when it is not a regular file or is over
/// [`MAX_SETTINGS_BYTES`].
pub fn read_settings_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut options = OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer; without blocking, the open returns and
    // the handle says what it is. Reads from a regular file do not heed the flag.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let too_large = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB, too large for a settings file",
                MAX_SETTINGS_BYTES / 1024 / 1024
            ),
        )
    };
    if metadata.len() > MAX_SETTINGS_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or_default());
    // The file may grow after the check.
    file.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_under_the_cap_are_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let small = dir.path().join("small.toml");
        std::fs::write(&small, "select = []\n").expect("write");
        assert_eq!(read_settings_file(&small).expect("read"), b"select = []\n");
        let large = dir.path().join("large.json");
        let file = std::fs::File::create(&large).expect("create");
        file.set_len(MAX_SETTINGS_BYTES + 1).expect("grow");
        let error = read_settings_file(&large).expect_err("too large");
        assert!(error.to_string().contains("larger than 10 MiB"), "{error}");
        assert!(read_settings_file(dir.path()).is_err());
        #[cfg(unix)]
        {
            let error = read_settings_file(Path::new("/dev/zero")).expect_err("a device");
            assert_eq!(error.to_string(), "not a regular file");
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|status| status.success());
            if made {
                // Without a writer, a blocking open would never return.
                let error = read_settings_file(&fifo).expect_err("a FIFO");
                assert_eq!(error.to_string(), "not a regular file");
            }
        }
    }
}
