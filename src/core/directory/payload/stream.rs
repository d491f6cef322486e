//! Payload version 2 ([`STREAM_FORMAT`], what signed bundles carry): gzip of one JSON
//! header line, then one compact HSDS service per line.
//!
//! Decoding runs on scoped threads: one inflates and cuts lines into chunks
//! ([`split_lines`]), two to four parse them ([`parse_chunks`], one fewer than the cores,
//! at least two; chunks dealt in turn) and prepare each resource for the index, and the
//! caller's thread takes the batches back in file order and hands each resource on
//! ([`decode`]). If a thread cannot be started, the same work runs on the caller's thread
//! ([`decode_here`]). The expanded size, the line length and the service count are capped.

use std::sync::mpsc::{Receiver, Sender, SyncSender};

use serde::{Deserialize, Serialize};

use super::{
    Payload, PayloadError, PayloadMeta, HSDS_VERSION, MAX_EXPANDED_BYTES, MAX_LINE_BYTES,
    MAX_SERVICES, STREAM_FORMAT,
};
use crate::core::directory::hsds::{lenient_string, Service, SkipReason};
use crate::core::resource::{iso_date, Resource};

/// The first line of a streamed payload.
#[derive(Deserialize)]
struct StreamHeader {
    #[serde(default)]
    haven_directory: Option<u32>,
    #[serde(default, deserialize_with = "lenient_string")]
    publisher: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    generated: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    review_by: Option<String>,
}

/// Reads at most `left` bytes from `inner`; one more is an error.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(l) => {
                self.left = l;
                Ok(n)
            }
            None => {
                self.over = true;
                Err(std::io::Error::other("expanded payload over its cap"))
            }
        }
    }
}

/// Next line into `line` (without the newline); `Ok(false)` at the end.
fn next_line(
    r: &mut impl std::io::BufRead,
    line: &mut Vec<u8>,
) -> Result<bool, Option<std::io::Error>> {
    line.clear();
    append_line(r, line)
}

/// Append the next line (without the newline) to `out`; `Ok(false)` at the end. A line
/// over [`MAX_LINE_BYTES`] is `Err(None)`.
fn append_line(
    r: &mut impl std::io::BufRead,
    out: &mut Vec<u8>,
) -> Result<bool, Option<std::io::Error>> {
    let start = out.len();
    loop {
        let buf = r.fill_buf().map_err(Some)?;
        if buf.is_empty() {
            return Ok(out.len() > start);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        if out.len() - start + take > MAX_LINE_BYTES {
            return Err(None);
        }
        out.extend_from_slice(buf.get(..take).unwrap_or(&[]));
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(true);
        }
    }
}

/// Lines handed to a parse worker at a time. Every batch of parsed resources in flight
/// holds this many (with their prepared tokens), so it sets part of the import's peak
/// heap: 64 instead of 128 took 2.7 MB off it, at the same speed (`benches/README.md`).
const CHUNK_LINES: usize = 64;

/// Some lines of a streamed payload, one after another.
struct Chunk {
    text: Vec<u8>,
    ends: Vec<usize>,
}

/// What a parse worker counted.
#[derive(Default)]
struct Counts {
    skipped: usize,
    inactive: usize,
}

type StreamReader<'a> = std::io::BufReader<Capped<flate2::read::GzDecoder<&'a [u8]>>>;

fn fail(input: &StreamReader<'_>, e: Option<std::io::Error>) -> PayloadError {
    if e.is_none() || input.get_ref().over {
        PayloadError::TooLarge
    } else {
        PayloadError::Malformed
    }
}

/// Open a streamed payload and read its header line.
fn open_stream(bytes: &[u8]) -> Result<(StreamReader<'_>, PayloadMeta), PayloadError> {
    let mut input = std::io::BufReader::with_capacity(
        64 * 1024,
        Capped {
            inner: flate2::read::GzDecoder::new(bytes),
            left: MAX_EXPANDED_BYTES,
            over: false,
        },
    );
    let mut line = Vec::with_capacity(4096);
    if !next_line(&mut input, &mut line).map_err(|e| fail(&input, e))? {
        return Err(PayloadError::Malformed);
    }
    let head: StreamHeader = serde_json::from_slice(&line).map_err(|_| PayloadError::Malformed)?;
    if head.haven_directory != Some(STREAM_FORMAT) {
        return Err(PayloadError::UnsupportedVersion);
    }
    let meta = PayloadMeta {
        format: STREAM_FORMAT,
        publisher: head.publisher,
        generated: head.generated.as_deref().and_then(iso_date::parse),
        review_by: head.review_by.as_deref().and_then(iso_date::parse),
        ..PayloadMeta::default()
    };
    Ok((input, meta))
}

/// The same decode on the caller's thread alone (when helper threads cannot be started).
pub(super) fn decode_here(
    bytes: &[u8],
    each: &mut impl FnMut(&Resource) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    let (mut input, mut meta) = open_stream(bytes)?;
    let mut line = Vec::with_capacity(4096);
    while next_line(&mut input, &mut line).map_err(|e| fail(&input, e))? {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = match std::str::from_utf8(&line) {
            Ok(text) => Service::from_line(text),
            Err(_) => serde_json::from_slice::<Service>(&line).ok(),
        };
        match parsed {
            Some(s) => meta.record(s, each)?,
            None => meta.skipped += 1,
        }
        if meta.count + meta.skipped + meta.inactive > MAX_SERVICES {
            return Err(PayloadError::TooLarge);
        }
    }
    Ok(meta)
}

/// A parsed batch: each resource with what `prep` made of it.
type Batch<P> = Vec<(Resource, P)>;

/// Parse workers: one fewer than the cores (the caller's thread indexes), two to four.
fn parse_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().saturating_sub(1).clamp(2, 4))
}

/// Decode a [`STREAM_FORMAT`] payload on helper threads (see the module docs); `prep` runs
/// on the parse workers.
pub(super) fn decode<P: Default + Send>(
    bytes: &[u8],
    prep: &(impl Fn(&Resource, &mut P) + Sync),
    each: &mut impl FnMut(&Resource, &P) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    decode_on(bytes, parse_workers(), prep, each)
}

/// [`decode`] with `workers` parse workers (at least one).
fn decode_on<P: Default + Send>(
    bytes: &[u8],
    workers_n: usize,
    prep: &(impl Fn(&Resource, &mut P) + Sync),
    each: &mut impl FnMut(&Resource, &P) -> bool,
) -> Result<PayloadMeta, PayloadError> {
    use std::sync::mpsc::{channel, sync_channel};

    let workers_n = workers_n.max(1);
    let (mut input, mut meta) = open_stream(bytes)?;

    // One thread inflates and cuts lines into chunks, dealt in turn to the parse
    // workers; this thread takes their batches back in the same alternation (so in file
    // order) and hands each resource to `each`. Batches go back to the worker that made
    // them to be freed there (the allocator frees without locks on its own thread).
    let outcome = std::thread::scope(|scope| {
        let mut chunk_txs: Vec<SyncSender<Chunk>> = Vec::new();
        let mut batch_rxs: Vec<Option<Receiver<Batch<P>>>> = Vec::new();
        let mut back_txs: Vec<Sender<Batch<P>>> = Vec::new();
        let mut workers = Vec::new();
        for _ in 0..workers_n {
            let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(2);
            let (batch_tx, batch_rx) = sync_channel::<Batch<P>>(2);
            let (back_tx, back_rx) = channel::<Batch<P>>();
            chunk_txs.push(chunk_tx);
            batch_rxs.push(Some(batch_rx));
            back_txs.push(back_tx);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                parse_chunks(chunk_rx, batch_tx, back_rx, prep)
            });
            // No thread (out of resources): hang up on the ones started, decode here.
            workers.push(spawned.ok()?);
        }
        let splitter = std::thread::Builder::new()
            .spawn_scoped(scope, move || split_lines(&mut input, &chunk_txs));
        let splitter = splitter.ok()?;
        let mut stopped = false;
        'batches: for k in 0usize.. {
            let Some(Some(rx)) = batch_rxs.get(k % workers_n) else {
                break;
            };
            let Ok(batch) = rx.recv() else {
                break;
            };
            for (r, p) in &batch {
                if meta.count >= MAX_SERVICES || !each(r, p) {
                    stopped = true;
                    break 'batches;
                }
                meta.count += 1;
            }
            if let Some(back) = back_txs.get(k % workers_n) {
                let _ = back.send(batch);
            }
        }
        // Hang up: workers and the splitter stop at their next send.
        batch_rxs.clear();
        back_txs.clear();
        let split = splitter.join().unwrap_or(Err(PayloadError::Malformed));
        let mut counts = Counts::default();
        for w in workers {
            let c = w.join().unwrap_or_default();
            counts.skipped += c.skipped;
            counts.inactive += c.inactive;
        }
        Some((stopped, split, counts))
    });
    let Some((stopped, split, counts)) = outcome else {
        let mut p = P::default();
        return decode_here(bytes, &mut |r: &Resource| {
            prep(r, &mut p);
            each(r, &p)
        });
    };
    if stopped {
        return Err(PayloadError::TooLarge);
    }
    split?;
    meta.skipped = counts.skipped;
    meta.inactive = counts.inactive;
    Ok(meta)
}

/// A parse worker: parses each chunk it is dealt into a batch of resources, runs `prep`
/// on each, and sends the batch back; reuses batches the reader returns (the `P` values
/// keep their buffers), and frees them here at the end.
fn parse_chunks<P: Default>(
    chunk_rx: Receiver<Chunk>,
    batch_tx: SyncSender<Batch<P>>,
    back_rx: Receiver<Batch<P>>,
    prep: &impl Fn(&Resource, &mut P),
) -> Counts {
    let mut counts = Counts::default();
    for chunk in chunk_rx.iter() {
        let mut batch = back_rx.try_recv().unwrap_or_default();
        let mut n = 0;
        // UTF-8 is checked once for the chunk rather than string by string;
        // a chunk that fails is read line by line, as bytes.
        let valid = std::str::from_utf8(&chunk.text).ok();
        let mut start = 0;
        for &end in &chunk.ends {
            let parsed = match valid.and_then(|t| t.get(start..end)) {
                Some(line) => Service::from_line(line),
                None => {
                    serde_json::from_slice::<Service>(chunk.text.get(start..end).unwrap_or(&[]))
                        .ok()
                }
            };
            start = end;
            match parsed {
                Some(s) => {
                    // A returned batch's resources are filled again in place (their
                    // buffers kept); a slot left half-filled by a skipped service is
                    // filled again by the next one, or cut off below.
                    // (`n` never passes the batch's length, so a push lands at `n`.)
                    let made = match batch.get_mut(n) {
                        Some(slot) => s.into_resource_in(&mut slot.0),
                        None => s.into_resource().map(|r| batch.push((r, P::default()))),
                    };
                    match made {
                        Ok(()) => {
                            if let Some(slot) = batch.get_mut(n) {
                                prep(&slot.0, &mut slot.1);
                                n += 1;
                            }
                        }
                        Err(SkipReason::Inactive) => counts.inactive += 1,
                        Err(_) => counts.skipped += 1,
                    }
                }
                None => counts.skipped += 1,
            }
        }
        batch.truncate(n);
        if batch_tx.send(batch).is_err() {
            break;
        }
    }
    drop(batch_tx);
    while back_rx.recv().is_ok() {}
    counts
}

/// The splitter: inflates, cuts lines into chunks of [`CHUNK_LINES`] (blank lines dropped)
/// and deals them alternately to the parse workers.
fn split_lines(
    input: &mut StreamReader<'_>,
    chunk_txs: &[SyncSender<Chunk>],
) -> Result<(), PayloadError> {
    let mut lines = 0usize;
    for k in 0usize.. {
        let mut chunk = Chunk {
            text: Vec::with_capacity(CHUNK_LINES * 1536),
            ends: Vec::with_capacity(CHUNK_LINES),
        };
        let mut more = true;
        while chunk.ends.len() < CHUNK_LINES {
            let start = chunk.text.len();
            let got = append_line(input, &mut chunk.text);
            if !got.map_err(|e| fail(input, e))? {
                more = false;
                break;
            }
            let blank = chunk
                .text
                .get(start..)
                .is_none_or(|l| l.iter().all(u8::is_ascii_whitespace));
            if blank {
                chunk.text.truncate(start);
                continue;
            }
            chunk.ends.push(chunk.text.len());
        }
        lines += chunk.ends.len();
        if lines > MAX_SERVICES {
            return Err(PayloadError::TooLarge);
        }
        if !chunk.ends.is_empty() {
            let tx = chunk_txs
                .get(k % chunk_txs.len().max(1))
                .ok_or(PayloadError::Malformed)?;
            if tx.send(chunk).is_err() {
                // The reader stopped; it reports why.
                return Ok(());
            }
        }
        if !more {
            break;
        }
    }
    Ok(())
}

/// Encode as [`STREAM_FORMAT`]: gzip of one JSON header line, then one compact HSDS
/// service per line.
pub(super) fn encode(p: &Payload) -> Result<Vec<u8>, PayloadError> {
    use std::io::Write as _;
    #[derive(Serialize)]
    struct HeadOut<'a> {
        haven_directory: u32,
        hsds_version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        review_by: Option<String>,
    }
    let head = HeadOut {
        haven_directory: STREAM_FORMAT,
        hsds_version: HSDS_VERSION,
        publisher: p.publisher.as_deref(),
        generated: p.generated.map(iso_date::format),
        review_by: p.review_by.map(iso_date::format),
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let mut line = serde_json::to_vec(&head).map_err(|_| PayloadError::Encode)?;
    line.push(b'\n');
    gz.write_all(&line).map_err(|_| PayloadError::Encode)?;
    for r in &p.resources {
        let mut r = r.clone();
        r.normalize();
        r.validate().map_err(|_| PayloadError::Encode)?;
        line.clear();
        serde_json::to_writer(&mut line, &Service::from_resource(&r))
            .map_err(|_| PayloadError::Encode)?;
        line.push(b'\n');
        gz.write_all(&line).map_err(|_| PayloadError::Encode)?;
    }
    gz.finish().map_err(|_| PayloadError::Encode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::resource::ResourceKind;

    #[test]
    fn one_thread_fallback_decodes_the_same() {
        let mut resources = Vec::new();
        for i in 0..700 {
            let mut r = Resource::new(
                format!("id-{i}"),
                format!("Name {i}"),
                ResourceKind::Hotline,
            );
            r.description = "x".repeat(i % 50);
            resources.push(r);
        }
        let bytes = encode(&Payload {
            resources: resources.clone(),
            ..Payload::default()
        })
        .unwrap();
        let (_, a) = both_paths(&bytes);
        assert_eq!(a, resources, "threads keep file order");
    }

    /// Decode a streamed payload on helper threads and on this thread alone; both must
    /// agree, in file order.
    fn both_paths(bytes: &[u8]) -> (PayloadMeta, Vec<Resource>) {
        let mut b = Vec::new();
        let mb = decode_here(bytes, &mut |r: &Resource| {
            b.push(r.clone());
            true
        })
        .unwrap();
        // Each resource arrives with what `prep` made of it (on a worker), not another's;
        // with any number of workers, in file order.
        let prep = |r: &Resource, p: &mut String| {
            p.clear();
            p.push_str(&r.id);
        };
        for workers in 1..=4 {
            let mut a = Vec::new();
            let ma = decode_on(bytes, workers, &prep, &mut |r: &Resource, p: &String| {
                assert_eq!(*p, r.id, "prepared value of another resource");
                a.push(r.clone());
                true
            })
            .unwrap();
            assert_eq!(ma, mb, "{workers} workers");
            assert_eq!(a, b, "{workers} workers");
        }
        (mb, b)
    }

    /// Gzip of a header line and `lines`, each followed by a newline.
    fn stream_of(lines: &[Vec<u8>]) -> Vec<u8> {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"haven_directory\":2}\n").unwrap();
        for l in lines {
            gz.write_all(l).unwrap();
            gz.write_all(b"\n").unwrap();
        }
        gz.finish().unwrap()
    }

    #[test]
    fn escaped_text_and_bad_utf8_read_the_same_on_every_path() {
        // Chunks of CHUNK_LINES lines: the first holds lines 13 and 14 with invalid UTF-8,
        // so it is read line by line; the others are checked once. Escaped strings are
        // decoded (owned), plain ones borrowed; both must come out the same.
        const { assert!(CHUNK_LINES > 14 && 400 > 2 * CHUNK_LINES) };
        let mut lines = Vec::new();
        for i in 0..400 {
            let line = match i % 100 {
                7 => format!(
                    r#"{{"id":"e{i}","name":"Caf\u00e9 \"Luz\" {i}","description":"tab\there"}}"#
                )
                .into_bytes(),
                13 if i < 100 => {
                    // Invalid UTF-8 in a field nobody reads: the record stays.
                    let mut l = format!(r#"{{"id":"u{i}","name":"Kept {i}","x":""#).into_bytes();
                    l.extend_from_slice(b"\xff\xfe\"}");
                    l
                }
                14 if i < 100 => {
                    // Invalid UTF-8 in the name: the record is skipped.
                    let mut l = format!(r#"{{"id":"v{i}","name":""#).into_bytes();
                    l.extend_from_slice(b"\xc3\"}");
                    l
                }
                15 => "{\"id\":\"w\",\"name\":\"\u{e9}t\u{e9} \u{1f3e0}\"}"
                    .replace('w', &format!("w{i}"))
                    .into_bytes(),
                _ => {
                    format!(r#"{{"id":"n{i}","name":"  Name {i}  ","haven_services":[" a ","b"]}}"#)
                        .into_bytes()
                }
            };
            lines.push(line);
        }
        let bytes = stream_of(&lines);
        let (ma, a) = both_paths(&bytes);
        assert_eq!(ma.count, 399);
        assert_eq!(ma.skipped, 1);
        for i in [7, 107, 207, 307] {
            let esc = a.iter().find(|r| r.id == format!("e{i}")).unwrap();
            assert_eq!(esc.name, format!("Café \"Luz\" {i}"));
            assert_eq!(esc.description, "tab\there");
        }
        assert_eq!(a.iter().find(|r| r.id == "u13").unwrap().name, "Kept 13");
        assert_eq!(a.iter().find(|r| r.id == "w315").unwrap().name, "été 🏠");
        let plain = a.iter().find(|r| r.id == "n1").unwrap();
        assert_eq!(plain.name, "Name 1");
        assert_eq!(plain.services, vec!["a".to_owned(), "b".to_owned()]);
    }
}
