//! The page's way of handing a view to JS (src/wasm/): each view writes itself as JSON text here
//! ([`ToJson`], by hand, field by field) and the browser's `JSON.parse` turns it into plain
//! objects. serde-wasm-bindgen (the worker's way) builds the same objects call by call through the
//! boundary; in the page's wasm its code and the glue for each call cost more than this writer, and
//! serde's generic serializer for this writer cost the page's wasm ~1 kB gzipped more than the
//! hand-written views. A wasm test checks both give the same objects for every view the page asks
//! for (key order included).

/// JSON text being written. Object keys are written as they are (the views' keys are plain ASCII
/// names that need no escaping); string values are escaped.
pub(crate) struct Json(pub(crate) String);

/// A value that writes itself as JSON.
pub(crate) trait ToJson {
    fn json(&self, w: &mut Json);
}

/// `value` as JSON text.
pub(crate) fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Json(String::new());
    value.json(&mut w);
    w.0
}

impl Json {
    /// A comma before every element but the first of an array or object.
    pub(crate) fn comma(&mut self) {
        // The last byte, not the last char: finding a char from the end is 250 B of wasm.
        if !matches!(self.0.as_bytes().last(), Some(b'[' | b'{')) {
            self.0.push(',');
        }
    }

    /// `{`: start an object (its fields follow through [`Json::key`]).
    pub(crate) fn open(&mut self) -> &mut Json {
        self.0.push('{');
        self
    }

    /// `}`: end an object.
    pub(crate) fn close(&mut self) {
        self.0.push('}');
    }

    /// The next field's key (its value is written next).
    pub(crate) fn key(&mut self, key: &str) -> &mut Json {
        self.comma();
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        self
    }

    /// A string value.
    pub(crate) fn str(&mut self, s: &str) {
        self.0.reserve(s.len() + 2);
        self.0.push('"');
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.0.push_str(crate::span::Span::new(from, i).slice(s)); // i is an ASCII byte, so a char boundary
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.push_str("\\u00");
                self.0.push(char::from(HEX[usize::from(b >> 4)]));
                self.0.push(char::from(HEX[usize::from(b & 15)]));
            } else {
                self.0.push_str(escape);
            }
            from = i + 1;
        }
        self.0.push_str(crate::span::after(s, from));
        self.0.push('"');
    }

    /// A string value or `null`.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null"),
        }
    }

    /// A number value.
    pub(crate) fn num(&mut self, v: usize) {
        let mut digits = [0u8; 20];
        let mut n = v;
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.0.push(char::from(d));
        }
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self, v: bool) {
        self.0.push_str(if v { "true" } else { "false" });
    }

    /// An array of `items`, each written by `each`.
    pub(crate) fn array<T>(&mut self, items: &[T], each: impl Fn(&mut Json, &T)) {
        self.0.push('[');
        for item in items {
            self.comma();
            each(self, item);
        }
        self.0.push(']');
    }
}

impl<T: ToJson> ToJson for [T] {
    fn json(&self, w: &mut Json) {
        w.array(self, |w, v| v.json(w));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn json(&self, w: &mut Json) {
        self.as_slice().json(w);
    }
}

#[cfg(test)]
mod tests {
    use super::{to_string, Json, ToJson};

    struct View<'a> {
        text: &'a str,
        n: usize,
        ok: bool,
        none: Option<&'a str>,
        some: Option<&'a str>,
        range: [usize; 2],
        empty: Vec<Inner>,
        list: Vec<Inner>,
    }

    struct Inner(usize);

    impl ToJson for Inner {
        fn json(&self, w: &mut Json) {
            w.open().key("n").num(self.0);
            w.close();
        }
    }

    impl ToJson for View<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("text").str(self.text);
            w.key("n").num(self.n);
            w.key("ok").bool(self.ok);
            w.key("none").opt_str(self.none);
            w.key("some").opt_str(self.some);
            w.key("range").array(&self.range, |w, &v| w.num(v));
            w.key("empty").array(&self.empty, |w, v| v.json(w));
            self.list.json(w.key("list"));
            w.close();
        }
    }

    #[test]
    fn writes_json_with_escapes_and_empty_containers() {
        let v = View {
            text: "say \"hi\"\\ ’é😀\n\t\u{1}\u{1f}\r",
            n: 4_294_967_295,
            ok: true,
            none: None,
            some: Some("a"),
            range: [0, 3],
            empty: vec![],
            list: vec![Inner(1), Inner(22)],
        };
        assert_eq!(
            to_string(&v),
            r#"{"text":"say \"hi\"\\ ’é😀\n\t\u0001\u001f\r","n":4294967295,"ok":true,"none":null,"some":"a","range":[0,3],"empty":[],"list":[{"n":1},{"n":22}]}"#
        );
        assert_eq!(to_string(&[Inner(0)][..]), r#"[{"n":0}]"#);
        let mut w = Json(String::new());
        w.num(usize::MAX);
        assert_eq!(w.0, usize::MAX.to_string());
        let mut w = Json(String::new());
        w.bool(false);
        assert_eq!(w.0, "false");
    }
}
