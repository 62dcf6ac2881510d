//! Unit tests of the store: columns, round trips, versions.

use super::*;
use crate::schema::Relation;

fn mention(article: &str, sentence: usize) -> TripleMention {
    TripleMention {
        article: article.into(),
        sentence,
        start: 3,
        end: 40,
        char_start: 2,
        char_end: 20,
        subject: "turkey".into(),
        relation: Relation::Support,
        object: "azerbaijan".into(),
        modality: Modality::Reported,
        cue: "دعم".into(),
        evidence: "قال، \"دعمَ\" تركيا\nلأذربيجان".into(),
        complete: true,
        subject_label: "تركيا".into(),
        subject_type: "state".into(),
        object_label: "أذربيجان".into(),
        object_type: "state".into(),
        date: "2020-10-01".into(),
        rule: "cues:1 frame.verb.vso".into(),
        confidence: 0.75,
        subject_span: None,
        cue_span: "3-6".parse().ok(),
        object_span: None,
        source: "src".into(),
        url: String::new(),
    }
}

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        title: Some("عنوان المقال".into()),
        text: text.into(),
        date: Some("2020-10-01".into()),
        ..Article::default()
    }
}

fn settings() -> Settings {
    Settings {
        modalities: vec![Modality::Asserted, Modality::Reported],
        excel: true,
        filter: Filter {
            min_weight: 2,
            families: vec![crate::schema::Family::Conflict],
            since: Some("2020-10".into()),
            depth: 1,
            ..Filter::default()
        },
    }
}

/// A store made by `create`, staged and renamed into `dir`.
fn made(dir: &Path, articles: &[(Article, Vec<TripleMention>)]) {
    let st = Store::create(dir, &settings()).unwrap();
    for (a, ms) in articles {
        st.add_article(a, &ms.iter().collect::<Vec<_>>()).unwrap();
    }
    let mut staged = Staged::default();
    st.stage(&mut staged).unwrap();
    staged.persist().unwrap();
}

#[test]
fn mentions_settings_and_hashes_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let a = article("a1", "نص");
    let ms = vec![mention("a1", 0), mention("a1", 3)];
    made(dir.path(), &[(a.clone(), ms.clone())]);
    let st = Store::open(dir.path(), Duration::from_secs(1)).unwrap();
    assert_eq!(st.settings().unwrap(), settings());
    let mut back = Vec::new();
    st.for_each_mention(|m| {
        back.push(m);
        Ok(())
    })
    .unwrap();
    assert_eq!(back, ms);
    assert_eq!(st.stored_hash("a1").unwrap(), Some(content_hash(&a)));
    let mut b = a.clone();
    b.date = Some("2020-10-02".into());
    assert_ne!(content_hash(&a), content_hash(&b), "metadata counts");
    let fts = |st: &Store| -> i64 {
        // The index agrees with its content table, and finds the title.
        st.conn
            .execute_batch(
                "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)",
            )
            .unwrap();
        st.conn
            .query_row(
                "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'عنوان'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(fts(&st), 1);
    assert!(st.remove_article("a1").unwrap());
    assert!(!st.remove_article("a1").unwrap());
    assert_eq!(st.counts().unwrap(), (0, 0));
    assert_eq!(fts(&st), 0);
}

#[test]
fn fts_drops_marks_and_tatweel_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = mention("a1", 0);
    m.evidence = "وَقَالَ الرَّئِيسُ الـروسي إنّ تركيا دعمت أذربيجان".into();
    made(dir.path(), &[(article("a1", "x"), vec![m])]);
    let c = Connection::open(dir.path().join(FILE)).unwrap();
    let hits = |q: &str| -> Vec<String> {
        let mut s = c
            .prepare("SELECT p.kind FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid WHERE passages_fts MATCH ?1")
            .unwrap();
        s.query_map([q], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(hits("الرئيس"), vec!["evidence"]);
    assert_eq!(hits("الروسي"), vec!["evidence"], "tatweel dropped");
    assert_eq!(hits("وقال"), vec!["evidence"]);
    assert!(hits("قال").is_empty(), "clitics are not split");
    assert!(hits("اذربيجان").is_empty(), "hamza forms are not folded");
    assert_eq!(hits("المقال"), vec!["title"]);
    assert!(hits("الرئيسة").is_empty());
}

#[test]
fn other_versions_and_other_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    made(dir.path(), &[]);
    let p = dir.path().join(FILE);
    Connection::open(&p)
        .unwrap()
        .execute_batch("PRAGMA user_version = 7")
        .unwrap();
    let e = Store::open(dir.path(), Duration::ZERO)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("schema version 7") && e.contains("reads version 1"),
        "{e}"
    );
    std::fs::remove_file(&p).unwrap();
    Connection::open(&p)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = Store::open(dir.path(), Duration::ZERO)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a newsgraph store"), "{e}");
    std::fs::remove_file(&p).unwrap();
    let e = Store::open(dir.path(), Duration::ZERO)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no store here"), "{e}");
}

#[test]
fn a_second_writer_waits_then_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let held = lock_dir(dir.path(), Duration::ZERO).unwrap();
    let t = Instant::now();
    let e = lock_dir(dir.path(), Duration::from_millis(300))
        .unwrap_err()
        .to_string();
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert!(e.contains("another newsgraph build or update"), "{e}");
    drop(held);
    lock_dir(dir.path(), Duration::ZERO).unwrap();
}

#[test]
fn bound_rows_are_the_values_of_the_plain_conversion() {
    // `row::bind_mention` binds what `mention_values` says, field for field:
    // a row bound one way reads back as the row bound the other way.
    let c = Connection::open_in_memory().unwrap();
    let (tables, late) = schema();
    c.execute_batch(&(tables + &late)).unwrap();
    let mut spans = mention("a1", 2);
    spans.subject_span = "0-4".parse().ok();
    spans.object_span = "7-12".parse().ok();
    spans.confidence = f64::NAN;
    let mut empty = mention("a2", 0);
    empty.rule = String::new();
    empty.evidence = String::new();
    for m in [mention("a1", 0), spans, empty] {
        let mut ins = c.prepare(insert_mention_sql()).unwrap();
        row::bind_mention(&mut ins, &m).unwrap();
        let bound = ins.raw_execute().unwrap();
        assert_eq!(bound, 1);
        let bound = c.last_insert_rowid();
        ins.execute(rusqlite::params_from_iter(mention_values(&m).unwrap()))
            .unwrap();
        let plain = c.last_insert_rowid();
        let row = |id: i64| -> Vec<rusqlite::types::Value> {
            c.query_row("SELECT * FROM mentions WHERE id = ?1", [id], |r| {
                (1..=MENTION_COLUMNS.len()).map(|i| r.get(i)).collect()
            })
            .unwrap()
        };
        assert_eq!(row(bound), row(plain), "{m:?}");
    }
}
