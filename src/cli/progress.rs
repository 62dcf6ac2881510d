//! The progress bar on stderr: articles, MB/s, triples, and an ETA when the
//! total size of the input is known.
//!
//! Drawn only when stderr is a terminal and `--quiet` is not given, so pipes
//! and logs get nothing but the closing summary.

use std::{
    fs::File,
    io::{IsTerminal, Read, Seek, SeekFrom},
    path::{Path, PathBuf},
    time::Duration,
};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::pipeline::Summary;

/// A progress bar, or nothing.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Running sum of the input's estimated text bytes, file by file
    /// (`prefix[i]` = before file `i`), when every input has a size.
    prefix: Option<Vec<u64>>,
}

impl Progress {
    /// A bar over reading `files`, drawn if `show` and stderr is a terminal.
    pub(crate) fn new(files: &[PathBuf], show: bool) -> Progress {
        if !show || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                prefix: None,
            };
        }
        let sizes: Option<Vec<u64>> = files.iter().map(|f| text_size(f)).collect();
        let prefix = sizes.map(|s| {
            std::iter::once(0)
                .chain(s.iter().scan(0u64, |acc, x| {
                    *acc += x;
                    Some(*acc)
                }))
                .collect::<Vec<u64>>()
        });
        let bar = match &prefix {
            Some(p) => {
                let bar = ProgressBar::with_draw_target(
                    Some(*p.last().unwrap_or(&0)),
                    ProgressDrawTarget::stderr_with_hz(4),
                );
                bar.set_style(
                    ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {percent:>3}% {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}")
                        .expect("valid template")
                        .progress_chars("=> "),
                );
                bar
            }
            None => {
                let bar =
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}",
                    )
                    .expect("valid template"),
                );
                bar
            }
        };
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar: Some(bar),
            prefix,
        }
    }

    /// Shows the running summary.
    pub(crate) fn update(&self, s: &Summary) {
        let Some(bar) = &self.bar else { return };
        let pos = match &self.prefix {
            // Text bytes lag file bytes by the JSON around them; clamp to
            // the current file so the bar never runs ahead or back.
            Some(p) => {
                let lo = p[s.files_done.min(p.len() - 1)];
                let hi = p[(s.files_done + 1).min(p.len() - 1)];
                s.bytes.clamp(lo, hi.max(lo))
            }
            None => s.bytes,
        };
        bar.set_position(pos);
        bar.set_message(format!("{} articles, {} triples", s.articles, s.mentions));
    }

    /// Removes the bar before the closing summary is printed.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The text a file will yield, in bytes, estimated: its size, or for gzip
/// the uncompressed size its trailer records (modulo 4 GiB, so a larger
/// one falls back to four times the compressed size). `None` for stdin.
fn text_size(p: &Path) -> Option<u64> {
    if p.as_os_str() == "-" {
        return None;
    }
    let len = std::fs::metadata(p).ok()?.len();
    if !p.to_string_lossy().ends_with(".gz") || len < 18 {
        return Some(len);
    }
    let mut f = File::open(p).ok()?;
    f.seek(SeekFrom::End(-4)).ok()?;
    let mut isize = [0u8; 4];
    f.read_exact(&mut isize).ok()?;
    let isize = u32::from_le_bytes(isize) as u64;
    Some(if isize >= len { isize } else { len * 4 })
}
