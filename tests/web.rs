//! The exported wasm API, called as the page calls it, in headless Chromium
//! (`./build.sh test` runs this with wasm-bindgen-test-runner and Debian's chromedriver).

#![cfg(target_arch = "wasm32")]

use quotelens::wasm::Lens;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The lens as the page builds it (with feature "page": empty, then the bundled pack that the page
/// fetches, here the one build.rs copied from QUOTELENS_PACK, indexed quotes first as boot.js asks;
/// else parsed here).
fn lens() -> Lens {
    #[allow(unused_mut)]
    let mut lens = Lens::new().map_err(JsValue::from).expect("the lens builds");
    #[cfg(feature = "page")]
    {
        let pack = include_bytes!(concat!(env!("OUT_DIR"), "/seeds.pack"));
        assert!(!pack.is_empty(), "QUOTELENS_PACK names the pack for the page build's tests");
        lens.load_pack(pack, Some(true)).map_err(JsValue::from).expect("the bundled pack loads");
    }
    lens
}

/// A view the lens hands over as JSON text, parsed as the page parses it.
fn json(text: JsValue) -> JsValue {
    js_sys::JSON::parse(&text.as_string().expect("a view is JSON text")).expect("a view is valid JSON")
}

/// `Lens::details` of these quotes and facet values (as the page asks: the number of quotes
/// first), parsed.
fn details(lens: &Lens, quotes: &[u32], values: &[u32]) -> Result<js_sys::Array, JsValue> {
    let asked: Vec<u32> = [quotes.len() as u32].iter().chain(quotes).chain(values).copied().collect();
    Ok(json(lens.details(&asked)?).into())
}

/// Quote `number`'s card, asked for alone.
fn card(lens: &Lens, number: u32) -> JsValue {
    let cards = details(lens, &[number], &[]).unwrap();
    assert_eq!(cards.length(), 1, "one card for one number");
    cards.get(0)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn lists_the_four_bundled_articles() {
    let lens = lens();
    let list: js_sys::Array = json(lens.articles()).into();
    assert_eq!(list.length(), 4);
    let first = list.get(0);
    let id = get(&first, "id").as_string().unwrap();
    assert_eq!(id.len(), 10, "article ids are 10 hex digits");
    assert!(get(&first, "quotes").as_f64().unwrap() >= 5.0);
    assert!(get(&list.get(2), "title").as_string().unwrap().starts_with("China’s Top Diplomat"));
}

#[wasm_bindgen_test]
fn article_segments_rebuild_the_text_and_mark_quotes() {
    let mut lens = lens();
    let list: js_sys::Array = json(lens.articles()).into();
    let id = get(&list.get(1), "id").as_string().unwrap();
    let a = json(lens.article(&id, None).map_err(JsValue::from).unwrap());
    let blocks: js_sys::Array = get(&a, "blocks").into();
    let mut quoted = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for b in blocks.iter() {
        kinds.insert(get(&b, "kind").as_string().unwrap());
        let segs: js_sys::Array = get(&b, "segments").into();
        for s in segs.iter() {
            if !get(&s, "quote").is_undefined() {
                quoted += 1;
            }
        }
    }
    assert!(quoted >= 20, "001 has many quotes, got {quoted}");
    assert!(kinds.contains("boilerplate"), "001's site furniture is classified: {kinds:?}");
}

#[wasm_bindgen_test]
fn unknown_article_is_an_error_with_a_message_not_a_panic() {
    let mut lens = lens();
    let Err(err) = lens.article("<img src=x onerror=alert(1)>", None) else { panic!("an unknown id must be an error") };
    let msg = js_sys::Error::from(JsValue::from(err)).message().as_string().unwrap();
    assert!(msg.contains("no article"), "{msg}");
}

/// One search answer read as `www/hits.js` reads it: (quote number, text ranges, speaker
/// ranges) per hit after the four header numbers, then the facets.
struct Frame {
    generation: u32,
    total: u32,
    hints: u32,
    hits: Vec<FrameHit>,
    /// Per facet: (values in all, listed values).
    facets: Vec<(u32, Vec<FacetSlot>)>,
}

/// UTF-16 (start, end) ranges.
type Ranges = Vec<(u32, u32)>;
/// Quote number, ranges in its text, ranges in its speaker's name.
type FrameHit = (u32, Ranges, Ranges);
/// Slot, count, selected.
type FacetSlot = (u32, u32, bool);

fn read(f: &[u32]) -> Frame {
    let mut at = 4;
    let ranges = |at: &mut usize| {
        let n = f[*at] as usize;
        let r = (0..n).map(|k| (f[*at + 1 + 2 * k], f[*at + 2 + 2 * k])).collect();
        *at += 1 + 2 * n;
        r
    };
    let mut hits = Vec::new();
    for _ in 0..f[3] {
        let number = f[at];
        at += 1;
        let text = ranges(&mut at);
        let speaker = ranges(&mut at);
        hits.push((number, text, speaker));
    }
    let mut facets = Vec::new();
    for _ in 0..4 {
        let (all, n) = (f[at], f[at + 1] as usize);
        at += 2;
        facets.push((all, (0..n).map(|k| (f[at + 3 * k], f[at + 3 * k + 1], f[at + 3 * k + 2] == 1)).collect()));
        at += 3 * n;
    }
    assert_eq!(at, f.len(), "the frame has nothing left over");
    Frame { generation: f[0], total: f[1], hints: f[2], hits, facets }
}

/// The JS string slice `text[start..end]` in UTF-16 code units, as the page cuts it.
fn slice(text: &JsValue, (start, end): (u32, u32)) -> String {
    js_sys::JsString::from(text.clone()).slice(start, end).into()
}

#[wasm_bindgen_test]
fn quotes_come_from_search_and_matching_paragraphs_from_passages() {
    let mut lens = lens();
    let none = String::new;
    let f = read(&lens.search("brutal".into(), none(), none(), none(), none(), 20, None));
    assert!(f.total >= 1 && f.hits.len() as u32 == f.total.min(20), "{} hits of {}", f.hits.len(), f.total);
    assert_eq!(f.hints, 0);
    for (number, text, _) in &f.hits {
        let card = card(&lens, *number);
        let t = get(&card, "text");
        assert!(!text.is_empty(), "the card's match is marked");
        for r in text {
            assert!(slice(&t, *r).eq_ignore_ascii_case("brutal"), "{:?} in {:?}", slice(&t, *r), t);
        }
    }
    let (speakers_all, speakers) = &f.facets[0];
    assert_eq!(*speakers_all as usize, speakers.len(), "the seeds have fewer speakers than the cut");
    for (slot, count, _) in speakers {
        let v = details(&lens, &[], &[*slot]).unwrap();
        let pair: js_sys::Array = v.get(0).into();
        let (value, label) = (pair.get(0).as_string().unwrap(), pair.get(1).as_string().unwrap());
        assert!(v.length() == 1 && pair.length() == 2 && !value.is_empty() && !label.is_empty(), "slot {slot}");
        assert!(*count >= 1);
    }
    assert!(details(&lens, &[u32::MAX], &[]).is_err(), "an unknown quote number is an error, not a panic");
    assert!(lens.details(&[]).is_ok_and(|v| v.as_string().as_deref() == Some("[]")), "nothing asked");
    let short: js_sys::Array = json(lens.details(&[9, 0]).map_err(JsValue::from).unwrap()).into();
    assert_eq!(short.length(), 1, "more quotes announced than sent: the ones sent");
    assert!(lens.details(&[u32::MAX]).is_ok_and(|v| v.as_string().as_deref() == Some("[]")), "a count past the end");
    // Many at once, cards then values, in the order asked; a slot the lens does not have gives
    // an empty pair; the facet is in the top two bits.
    let numbers: Vec<u32> = f.hits.iter().map(|h| h.0).rev().collect();
    let slots: Vec<u32> = speakers.iter().map(|s| s.0).chain([(1 << 30) - 1]).collect();
    let kinds: Vec<u32> = f.facets[3].1.iter().map(|k| 3 << 30 | k.0).collect();
    let values: Vec<u32> = slots.iter().chain(&kinds).copied().collect();
    let all = details(&lens, &numbers, &values).unwrap();
    assert_eq!(all.length() as usize, numbers.len() + values.len());
    for (i, &n) in numbers.iter().enumerate() {
        assert_eq!(get(&all.get(i as u32), "id"), get(&card(&lens, n), "id"), "card {i}");
    }
    let pair = |i: usize| {
        let p: js_sys::Array = all.get((numbers.len() + i) as u32).into();
        (p.get(0).as_string().unwrap(), p.get(1).as_string().unwrap())
    };
    assert_eq!(pair(slots.len() - 1), (String::new(), String::new()), "no such speaker slot");
    for k in 0..kinds.len() {
        let (value, label) = pair(slots.len() + k);
        assert!(["direct", "partial", "term"].contains(&value.as_str()) && value == label, "kind {value:?}");
    }
    // A facet lists its top `facets` values and every selected one; 0 lists them all.
    let search = |lens: &mut Lens, speaker: String, facets| {
        read(&lens.search("".into(), speaker, none(), none(), none(), 5, facets))
    };
    let (top2, all) = (search(&mut lens, none(), Some(2)), search(&mut lens, none(), Some(0)));
    assert!(all.facets[0].0 >= 3 && all.facets[0].1.len() as u32 == all.facets[0].0, "every speaker listed");
    assert_eq!((top2.facets[0].0, top2.facets[0].1.len()), (all.facets[0].0, 2), "all counted, two listed");
    assert_eq!(&top2.facets[0].1[..], &all.facets[0].1[..2], "the top two");
    let (last, count, _) = *all.facets[0].1.last().unwrap();
    let pair: js_sys::Array = details(&lens, &[], &[last]).unwrap().get(0).into();
    let with_last = search(&mut lens, pair.get(0).as_string().unwrap(), Some(2));
    assert_eq!(with_last.facets[0].1.len(), 3, "the top two and the selected one");
    assert!(with_last.facets[0].1.contains(&(last, count, true)));
    // A selected value the corpus does not have comes back flagged, pointing at the request's.
    let f2 = read(&lens.search("".into(), "nobody-here".into(), none(), none(), none(), 5, None));
    assert_eq!(f2.generation, f.generation, "same corpus, same generation");
    assert!(f2.facets[0].1.iter().any(|&(slot, count, sel)| slot == 1 << 31 && count == 0 && sel));
    // Hints only when asked for, with UTF-16 offsets.
    let f3 = read(&lens.search("“wang\" OR".into(), none(), none(), none(), none(), 5, None));
    assert!(f3.hints >= 1);
    let hints: js_sys::Array = json(lens.hints("“wang\" OR")).into();
    assert_eq!(hints.length(), f3.hints);
    let p = json(lens.passages("brutal".into(), none(), none(), none(), none(), 5));
    let list: js_sys::Array = get(&p, "passages").into();
    assert!(list.length() >= 1 && get(&p, "passage_total").as_f64().unwrap() >= list.length() as f64);
    let segs: js_sys::Array = get(&list.get(0), "segments").into();
    let marked: Vec<String> = segs
        .iter()
        .filter(|s| get(s, "hit").as_bool() == Some(true))
        .map(|s| get(&s, "text").as_string().unwrap())
        .collect();
    assert!(!marked.is_empty() && marked.iter().all(|m| m.eq_ignore_ascii_case("brutal")), "{marked:?}");
    // No free-text words, no passages; a query that breaks every rule is still an answer.
    let p = json(lens.passages("speaker:wang-yi".into(), none(), none(), none(), none(), 5));
    assert_eq!(get(&p, "passage_total").as_f64(), Some(0.0));
    json(lens.passages("\"(( OR -".into(), none(), none(), none(), none(), 5));
}

/// Highlight ranges are UTF-16 code units into the card's text and the speaker's name, whatever
/// precedes the match: curly quotes, apostrophes, accents, emoji (two code units each).
#[cfg(not(feature = "page"))]
#[wasm_bindgen_test]
fn highlight_ranges_count_utf16_code_units() {
    let text = "“The café’s 😀 prices 👍🏽 are fair, say the café’s owners,” said Zoë Ağaoğlu.\n";
    let mut lens = Lens::from_texts(vec!["emoji.txt".into()], vec![text.into()], false);
    let none = String::new;
    for (q, want, speaker_want) in
        [("prices", "prices", None), ("cafe", "café’s", None), ("zoe fair", "fair", Some("Zoë"))]
    {
        let f = read(&lens.search(q.into(), none(), none(), none(), none(), 5, None));
        assert_eq!(f.hits.len(), 1, "{q}");
        let (number, ranges, speaker_ranges) = &f.hits[0];
        let card = card(&lens, *number);
        let t = get(&card, "text");
        assert!(!ranges.is_empty(), "{q}");
        for r in ranges {
            assert_eq!(slice(&t, *r), want, "{q}");
        }
        let name = get(&get(&card, "speaker"), "name");
        match speaker_want {
            Some(w) => assert_eq!(slice(&name, speaker_ranges[0]), w, "{q}"),
            None => assert!(speaker_ranges.is_empty(), "{q}"),
        }
    }
}

/// The worker's round trip: parse a person's article in the full build, pack the corpus, load the
/// pack into a lens; refusals name the file.
#[cfg(not(feature = "page"))]
#[wasm_bindgen_test]
fn workbench_pack_loads_into_a_lens() {
    use quotelens::wasm::Workbench;
    let mut bench = Workbench::new();
    let noop = js_sys::Function::new_no_args("");
    let text = "“The trains will run on time from Monday,” transport minister Ada Lim said.";
    let added = bench.add("mine.txt", text.as_bytes(), &noop).map_err(JsValue::from).unwrap();
    let id = get(&added, "id").as_string().unwrap();
    assert!(id.starts_with('u'));
    let Err(e) = bench.add("again.txt", text.as_bytes(), &noop) else { panic!("a duplicate is refused") };
    let msg = js_sys::Error::from(JsValue::from(e)).message().as_string().unwrap();
    assert!(msg.contains("again.txt") && msg.contains("already here"), "{msg}");
    let Err(e) = bench.add("latin1.txt", b"Caf\xe9", &noop) else { panic!("non-UTF-8 is refused") };
    let msg = js_sys::Error::from(JsValue::from(e)).message().as_string().unwrap();
    assert!(msg.contains("not UTF-8") && msg.contains("offset 3"), "{msg}");
    let mut l = lens();
    l.load_pack(&bench.pack(), None).map_err(JsValue::from).unwrap();
    let list: js_sys::Array = json(l.articles()).into();
    assert_eq!(list.length(), 5, "the four seeds and the person's article");
    assert!(l.load_pack(b"not a pack", None).is_err(), "a damaged pack is refused");
    let list: js_sys::Array = json(l.articles()).into();
    assert_eq!(list.length(), 5, "and changes nothing");
}

/// A lens over texts packs into a lens that answers the same (the benchmark's way to run the
/// page's wasm over corpora the page's build cannot parse): the same articles, and a search gives
/// the same frame, highlights included.
#[cfg(not(feature = "page"))]
#[wasm_bindgen_test]
fn a_lens_packs_into_a_lens_that_answers_the_same() {
    let texts = vec![
        "“Talks resume on Friday,” foreign minister Wang Yi said.\n\nHe called it “a crucial step”.".to_string(),
        "Café owners said the rules were “unclear and costly”. 😀 Lim said: “We will adapt.”".to_string(),
    ];
    let mut source = Lens::from_texts(vec!["a.txt".into(), "b.txt".into()], texts, false);
    let mut copy = Lens::from_pack(&source.pack()).map_err(JsValue::from).unwrap();
    let ids = |l: &Lens| {
        let list: js_sys::Array = json(l.articles()).into();
        list.iter().map(|a| get(&a, "id").as_string().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&copy), ids(&source));
    assert_eq!(copy.quote_count(), source.quote_count());
    assert!(source.quote_count() >= 3, "{} quotes", source.quote_count());
    let none = String::new;
    for q in ["said", "talks", "unclear cost", "we w", ""] {
        let a = source.search(q.into(), none(), none(), none(), none(), 20, None);
        let b = copy.search(q.into(), none(), none(), none(), none(), 20, None);
        // The first number is the lens's generation, which differs by design.
        assert_eq!(a[1..], b[1..], "{q:?}");
    }
}

/// A card's `same_as` counts the other articles reporting the same remark, in both builds (the
/// page's from the counts its pack carries, the full build's from its alignment): "calmness and
/// rationality" is quoted by both translations of Wang Yi's press conference, so each card of it
/// names one other article; a quote only one article reports names none.
#[wasm_bindgen_test]
fn cards_count_the_other_articles_reporting_a_remark() {
    let mut lens = lens();
    let none = String::new;
    let same_as = |lens: &Lens, number: u32| {
        let card = card(lens, number);
        get(&card, "same_as").as_f64().unwrap()
    };
    let f = read(&lens.search("\"calmness and rationality\"".into(), none(), none(), none(), none(), 20, None));
    assert!(f.hits.len() >= 2, "both translations quote it: {} hits", f.hits.len());
    for (number, _, _) in &f.hits {
        assert_eq!(same_as(&lens, *number), 1.0, "card {number}");
    }
    let all = read(&lens.search("".into(), none(), none(), none(), none(), 1000, None));
    assert!(all.hits.iter().any(|(number, _, _)| same_as(&lens, *number) == 0.0), "most remarks are reported once");
}
