//! Checking a backup file before it replaces a database: the SQLite header must be whole and the file as long as
//! the header says (a truncated copy is refused before anything is touched).

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("not a heart backup (no SQLite header)")]
    NotSqlite,
    #[error("the backup header is damaged ({0})")]
    BadHeader(&'static str),
    #[error("the backup is truncated: {actual} bytes of {expected}")]
    Truncated { expected: u64, actual: u64 },
}

/// Checks the first 100 bytes of a backup against the file's length.
pub fn check_header(header: &[u8], file_len: u64) -> Result<(), BackupError> {
    if header.len() < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(BackupError::NotSqlite);
    }
    let raw = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw == 1 { 65_536 } else { u64::from(raw) };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(BackupError::BadHeader("page size"));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let change_counter = be32(24);
    let pages = u64::from(be32(28));
    let valid_for = be32(92);
    if pages == 0 || change_counter != valid_for {
        // Without a trustworthy page count, the length cannot be checked: refuse rather than guess.
        return Err(BackupError::BadHeader("page count"));
    }
    let expected = pages * page_size;
    if file_len < expected {
        return Err(BackupError::Truncated {
            expected,
            actual: file_len,
        });
    }
    if !file_len.is_multiple_of(page_size) {
        return Err(BackupError::BadHeader("length is not whole pages"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(page: u16, pages: u32) -> Vec<u8> {
        let mut h = vec![0u8; 100];
        h[..16].copy_from_slice(b"SQLite format 3\0");
        h[16..18].copy_from_slice(&page.to_be_bytes());
        h[24..28].copy_from_slice(&7u32.to_be_bytes());
        h[28..32].copy_from_slice(&pages.to_be_bytes());
        h[92..96].copy_from_slice(&7u32.to_be_bytes());
        h
    }

    #[test]
    fn whole_files_pass_and_damage_is_named() {
        assert_eq!(check_header(&header(4096, 3), 3 * 4096), Ok(()));
        assert_eq!(
            check_header(&header(4096, 3), 2 * 4096),
            Err(BackupError::Truncated {
                expected: 3 * 4096,
                actual: 2 * 4096
            })
        );
        assert_eq!(check_header(b"hello", 5), Err(BackupError::NotSqlite));
        assert_eq!(
            check_header(&header(1000, 3), 3000),
            Err(BackupError::BadHeader("page size"))
        );
        assert_eq!(check_header(&header(1, 1), 65_536), Ok(()));
    }
}
