//! The `quotelens` command line: the `extract` JSON contract and a clear message plus a non-zero
//! exit for every bad input.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotelens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn seed(name: &str) -> String {
    format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn extract_prints_one_object_per_file_in_input_order() {
    let files = [seed("002_58a277481ee7be65.txt"), seed("000_06260985032954de.txt")];
    let out = bin().args(["extract", "--format", "json"]).args(&files).output().unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().expect("a JSON array");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["file"], files[0].as_str(), "file is the path as given, in input order");
    assert_eq!(arr[1]["file"], files[1].as_str());
    assert_eq!(arr[0]["title"], "China’s Top Diplomat: Beijing Seeks ‘Active’ Role in Ukraine War");
    assert!(arr[1]["title"].is_null(), "000 has no headline line");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let quotes = arr[0]["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 20, "002 has many quotes");
    for q in quotes {
        let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], q["text"].as_str().unwrap(), "text is exactly the bytes start..end");
        assert!(["direct", "partial", "term"].contains(&q["kind"].as_str().unwrap()));
        assert!(q["id"].as_str().unwrap().len() > 10);
        assert!(q["speaker"].is_null() || q["speaker"].is_string());
        assert!(q["cue"].is_null() || q["cue"].is_string());
    }
}

#[test]
fn the_same_file_twice_is_reported_twice() {
    let f = seed("003_5425e011c519e91f.txt");
    let out = bin().args(["extract", "--format", "json", &f, &f]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

/// Bad inputs: (case, args builder, words the message must contain).
#[test]
fn bad_inputs_give_a_clear_message_and_a_non_zero_exit() {
    let empty = tmp("empty.txt", b"");
    let latin1 = tmp("latin1.txt", b"Caf\xe9 au lait \xff");
    let dir = std::env::temp_dir();
    let missing = dir.join("quotelens-no-such-file.txt");
    let rows: Vec<(&str, Vec<String>, Vec<String>)> = vec![
        ("missing file", vec![missing.display().to_string()], vec!["no such file".into()]),
        ("directory", vec![dir.display().to_string()], vec!["is a directory".into()]),
        ("empty file", vec![empty.display().to_string()], vec!["empty".into(), "empty.txt".into()]),
        (
            "non-UTF-8",
            vec![latin1.display().to_string()],
            vec!["latin1.txt".into(), "not UTF-8".into(), "byte offset 3".into()],
        ),
        ("no files", vec![], vec!["at least one FILE".into()]),
    ];
    for (case, files, words) in rows {
        let out = bin().args(["extract", "--format", "json"]).args(&files).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{case}: must exit non-zero");
        assert!(out.stdout.is_empty(), "{case}: nothing on stdout, got {}", String::from_utf8_lossy(&out.stdout));
        for w in words {
            assert!(err.contains(&w), "{case}: message {err:?} should contain {w:?}");
        }
        assert!(!err.contains("panicked"), "{case}: must not panic: {err}");
    }
    let out = bin().args(["extract", "--format", "xml", &seed("003_5425e011c519e91f.txt")]).output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("only json"));
    let out = bin().arg("frobnicate").output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("unknown command"));
}
