//! Sorting more records than memory holds: sorted runs spilled to temporary
//! files, merged back in one pass.
//!
//! In: `(key, value)` byte records in any order. Out: the same records in
//! order of `(key, value)` bytes, through [`Merged::next_record`].
//!
//! What must hold:
//! - the output depends only on the multiset of records pushed: records are
//!   ordered by key and then by value, a total order, so neither the order of
//!   pushes nor where runs were cut changes a byte of the output (this is
//!   what makes exports identical whatever the thread count or sharding);
//! - memory is bounded by the buffer size given to [`Sorter::new`] plus one
//!   read buffer per run while merging; runs are unnamed temporary files, so
//!   the operating system removes them however the process ends.
//!
//! [`Key`] writes tuples of strings and integers as bytes whose byte order
//! is the tuple's order, so a composite sort key is one `memcmp`.

use std::{
    cmp::{Ordering, Reverse},
    collections::BinaryHeap,
    fs::File,
    io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
};

/// How many runs are merged at once; more are first merged in groups, which
/// bounds open files and read buffers.
const FAN_IN: usize = 64;

/// Read and write buffer per run file.
const IO_BUF: usize = 64 << 10;

/// Collects records, spilling sorted runs when the buffer is full.
#[derive(Debug)]
pub struct Sorter {
    dir: PathBuf,
    limit: usize,
    data: Vec<u8>,
    /// `(offset, key length, value length)` into `data`.
    recs: Vec<(usize, u32, u32)>,
    runs: Vec<File>,
    records: u64,
}

impl Sorter {
    /// A sorter that keeps about `limit` bytes in memory and spills runs into
    /// `dir`.
    pub fn new(dir: &Path, limit: usize) -> Sorter {
        Sorter {
            dir: dir.to_path_buf(),
            limit: limit.max(1 << 10),
            data: Vec::new(),
            recs: Vec::new(),
            runs: Vec::new(),
            records: 0,
        }
    }

    /// Adds one record.
    ///
    /// # Errors
    ///
    /// Writing a run to the temporary folder failed.
    pub fn push(&mut self, key: &[u8], value: &[u8]) -> io::Result<()> {
        let (kl, vl) = (
            u32::try_from(key.len()).map_err(too_long)?,
            u32::try_from(value.len()).map_err(too_long)?,
        );
        self.recs.push((self.data.len(), kl, vl));
        self.data.extend_from_slice(key);
        self.data.extend_from_slice(value);
        self.records += 1;
        if self.data.len() + self.recs.len() * size_of::<(usize, u32, u32)>() >= self.limit {
            self.spill()?;
        }
        Ok(())
    }

    /// Records pushed so far.
    pub fn len(&self) -> u64 {
        self.records
    }

    /// Whether no record was pushed.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Runs written to disk so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn sort_buffer(&mut self) {
        let data = &self.data;
        let rec = |&(o, k, v): &(usize, u32, u32)| {
            (
                &data[o..o + k as usize],
                &data[o + k as usize..o + k as usize + v as usize],
            )
        };
        // Equal records are equal bytes, so an unstable sort is deterministic.
        self.recs.sort_unstable_by(|a, b| rec(a).cmp(&rec(b)));
    }

    fn spill(&mut self) -> io::Result<()> {
        if self.recs.is_empty() {
            return Ok(());
        }
        self.sort_buffer();
        let mut w = BufWriter::with_capacity(IO_BUF, tempfile::tempfile_in(&self.dir)?);
        for &(o, k, v) in &self.recs {
            write_record(
                &mut w,
                &self.data[o..o + k as usize],
                &self.data[o + k as usize..o + k as usize + v as usize],
            )?;
        }
        let f = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        self.runs.push(f);
        self.data.clear();
        self.recs.clear();
        Ok(())
    }

    /// Sorts what is left and returns the records in order.
    ///
    /// # Errors
    ///
    /// Reading or writing a run failed.
    pub fn finish(mut self) -> io::Result<Merged> {
        if self.runs.is_empty() {
            // Everything fit in memory: no file at all.
            self.sort_buffer();
            return Ok(Merged {
                source: Source::Memory {
                    data: self.data,
                    recs: self.recs,
                    next: 0,
                },
                key: Vec::new(),
                value: Vec::new(),
            });
        }
        self.spill()?;
        let mut runs = self.runs;
        while runs.len() > FAN_IN {
            let rest = runs.split_off(FAN_IN);
            let mut m = Heap::new(runs)?;
            let mut w = BufWriter::with_capacity(IO_BUF, tempfile::tempfile_in(&self.dir)?);
            let (mut k, mut v) = (Vec::new(), Vec::new());
            while m.next(&mut k, &mut v)? {
                write_record(&mut w, &k, &v)?;
            }
            runs = rest;
            runs.push(w.into_inner().map_err(io::IntoInnerError::into_error)?);
        }
        Ok(Merged {
            source: Source::Runs(Heap::new(runs)?),
            key: Vec::new(),
            value: Vec::new(),
        })
    }
}

fn too_long(_: std::num::TryFromIntError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "record longer than 4 GiB")
}

fn write_record(w: &mut impl Write, key: &[u8], value: &[u8]) -> io::Result<()> {
    w.write_all(&(key.len() as u32).to_le_bytes())?;
    w.write_all(&(value.len() as u32).to_le_bytes())?;
    w.write_all(key)?;
    w.write_all(value)
}

/// Reads one record; `false` at the end of the run.
fn read_record(r: &mut impl Read, key: &mut Vec<u8>, value: &mut Vec<u8>) -> io::Result<bool> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len[..1]) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(e),
    }
    r.read_exact(&mut len[1..])?;
    let kl = u32::from_le_bytes(len[..4].try_into().expect("4 bytes")) as usize;
    let vl = u32::from_le_bytes(len[4..].try_into().expect("4 bytes")) as usize;
    key.resize(kl, 0);
    r.read_exact(key)?;
    value.resize(vl, 0);
    r.read_exact(value)?;
    Ok(true)
}

/// The records of a finished [`Sorter`], in order.
#[derive(Debug)]
pub struct Merged {
    source: Source,
    key: Vec<u8>,
    value: Vec<u8>,
}

#[derive(Debug)]
enum Source {
    Memory {
        data: Vec<u8>,
        recs: Vec<(usize, u32, u32)>,
        next: usize,
    },
    Runs(Heap),
}

impl Merged {
    /// Starts again at the first record, for another reader.
    ///
    /// # Errors
    ///
    /// Reading a run failed.
    pub fn rewind(&mut self) -> io::Result<()> {
        match &mut self.source {
            Source::Memory { next, .. } => *next = 0,
            Source::Runs(h) => {
                let runs = std::mem::take(&mut h.readers)
                    .into_iter()
                    .map(BufReader::into_inner)
                    .collect();
                *h = Heap::new(runs)?;
            }
        }
        Ok(())
    }

    /// The next record as `(key, value)`, or `None` after the last.
    ///
    /// # Errors
    ///
    /// Reading a run failed.
    pub fn next_record(&mut self) -> io::Result<Option<(&[u8], &[u8])>> {
        match &mut self.source {
            Source::Memory { data, recs, next } => {
                let Some(&(o, k, v)) = recs.get(*next) else {
                    return Ok(None);
                };
                *next += 1;
                let (k, v) = (k as usize, v as usize);
                Ok(Some((&data[o..o + k], &data[o + k..o + k + v])))
            }
            Source::Runs(h) => {
                if h.next(&mut self.key, &mut self.value)? {
                    Ok(Some((&self.key, &self.value)))
                } else {
                    Ok(None)
                }
            }
        }
    }
}

/// One run's current record, ordered for a min-heap.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    key: Vec<u8>,
    value: Vec<u8>,
    run: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.key, &self.value, self.run).cmp(&(&other.key, &other.value, other.run))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A k-way merge of sorted runs.
#[derive(Debug)]
struct Heap {
    readers: Vec<BufReader<File>>,
    heap: BinaryHeap<Reverse<Head>>,
}

impl Heap {
    fn new(runs: Vec<File>) -> io::Result<Heap> {
        let mut readers = Vec::with_capacity(runs.len());
        let mut heap = BinaryHeap::with_capacity(runs.len());
        for (run, mut f) in runs.into_iter().enumerate() {
            f.seek(SeekFrom::Start(0))?;
            let mut r = BufReader::with_capacity(IO_BUF, f);
            let (mut key, mut value) = (Vec::new(), Vec::new());
            if read_record(&mut r, &mut key, &mut value)? {
                heap.push(Reverse(Head { key, value, run }));
            }
            readers.push(r);
        }
        Ok(Heap { readers, heap })
    }

    /// Moves the smallest record into `key` and `value`; `false` when done.
    fn next(&mut self, key: &mut Vec<u8>, value: &mut Vec<u8>) -> io::Result<bool> {
        let Some(mut top) = self.heap.peek_mut() else {
            return Ok(false);
        };
        std::mem::swap(key, &mut top.0.key);
        std::mem::swap(value, &mut top.0.value);
        let head = &mut top.0;
        if read_record(&mut self.readers[head.run], &mut head.key, &mut head.value)? {
            // Dropping the PeekMut restores the heap order.
            drop(top);
        } else {
            std::collections::binary_heap::PeekMut::pop(top);
        }
        Ok(true)
    }
}

/// Writes a tuple of fields as bytes whose byte order is the tuple order.
///
/// Strings are written with `0x00` escaped as `0x00 0xFF` and end with
/// `0x00 0x00`, so a string sorts before every longer string it prefixes;
/// integers are big-endian.
#[derive(Clone, Debug, Default)]
pub struct Key {
    /// The encoded bytes.
    pub bytes: Vec<u8>,
}

impl Key {
    /// Empties the key for reuse.
    pub fn clear(&mut self) -> &mut Key {
        self.bytes.clear();
        self
    }

    /// Appends a string.
    pub fn str(&mut self, s: &str) -> &mut Key {
        for &b in s.as_bytes() {
            self.bytes.push(b);
            if b == 0 {
                self.bytes.push(0xFF);
            }
        }
        self.bytes.extend_from_slice(&[0, 0]);
        self
    }

    /// Appends an integer.
    pub fn u64(&mut self, n: u64) -> &mut Key {
        self.bytes.extend_from_slice(&n.to_be_bytes());
        self
    }

    /// Appends a byte.
    pub fn u8(&mut self, n: u8) -> &mut Key {
        self.bytes.push(n);
        self
    }
}

/// Reads back what [`Key`] wrote, field by field in the same order.
#[derive(Clone, Debug)]
pub struct KeyReader<'a> {
    rest: &'a [u8],
}

impl<'a> KeyReader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> KeyReader<'a> {
        KeyReader { rest: bytes }
    }

    fn bad() -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, "corrupt sort record")
    }

    /// The next string.
    ///
    /// # Errors
    ///
    /// The bytes are not a string as [`Key::str`] writes it.
    pub fn str(&mut self) -> io::Result<String> {
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            match (self.rest.get(i), self.rest.get(i + 1)) {
                (Some(0), Some(0)) => break,
                (Some(0), Some(0xFF)) => {
                    out.push(0);
                    i += 2;
                }
                (Some(&b), _) if b != 0 => {
                    out.push(b);
                    i += 1;
                }
                _ => return Err(Self::bad()),
            }
        }
        self.rest = &self.rest[i + 2..];
        String::from_utf8(out).map_err(|_| Self::bad())
    }

    /// The next integer.
    ///
    /// # Errors
    ///
    /// Fewer than 8 bytes are left.
    pub fn u64(&mut self) -> io::Result<u64> {
        let (b, rest) = self.rest.split_first_chunk::<8>().ok_or_else(Self::bad)?;
        self.rest = rest;
        Ok(u64::from_be_bytes(*b))
    }

    /// The next byte.
    ///
    /// # Errors
    ///
    /// No byte is left.
    pub fn u8(&mut self) -> io::Result<u8> {
        let (&b, rest) = self.rest.split_first().ok_or_else(Self::bad)?;
        self.rest = rest;
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(mut m: Merged) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        while let Some((k, v)) = m.next_record().unwrap() {
            out.push((k.to_vec(), v.to_vec()));
        }
        out
    }

    fn records(n: u64) -> Vec<(Vec<u8>, Vec<u8>)> {
        // A fixed pseudo-random order with duplicates.
        (0..n)
            .map(|i| {
                (
                    ((i * 7919) % 613).to_be_bytes().to_vec(),
                    format!("v{}", (i * 31) % 5).into_bytes(),
                )
            })
            .collect()
    }

    #[test]
    fn spilled_and_in_memory_sorts_agree() {
        let dir = tempfile::tempdir().unwrap();
        let recs = records(5000);
        let mut want = recs.clone();
        want.sort();
        for limit in [1 << 10, 4 << 10, 1 << 30] {
            let mut s = Sorter::new(dir.path(), limit);
            for (k, v) in &recs {
                s.push(k, v).unwrap();
            }
            let spilled = s.runs() > 0;
            assert_eq!(spilled, limit < 1 << 30);
            assert_eq!(drain(s.finish().unwrap()), want, "limit {limit}");
        }
        // Runs are unnamed: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn many_runs_merge_in_groups() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Sorter::new(dir.path(), 1 << 10);
        let recs = records(20_000);
        for (k, v) in &recs {
            s.push(k, v).unwrap();
        }
        assert!(s.runs() > FAN_IN, "{} runs", s.runs());
        let mut want = recs;
        want.sort();
        assert_eq!(drain(s.finish().unwrap()), want);
    }

    #[test]
    fn key_order_is_tuple_order() {
        let tuples = [
            ("", 0u64),
            ("a", 5),
            ("a", 300),
            ("a\0", 0),
            ("ab", 1),
            ("b", 0),
            ("تركيا", 2),
        ];
        let keys: Vec<Vec<u8>> = tuples
            .iter()
            .map(|(s, n)| Key::default().str(s).u64(*n).bytes.clone())
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(
                    a.cmp(b),
                    tuples[i].cmp(&tuples[j]),
                    "{:?} vs {:?}",
                    tuples[i],
                    tuples[j]
                );
            }
        }
        let mut r = KeyReader::new(&keys[3]);
        assert_eq!((r.str().unwrap(), r.u64().unwrap()), ("a\0".to_string(), 0));
    }
}
