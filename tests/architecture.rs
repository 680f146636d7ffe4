//! The architecture, checked (issue 16): no crate of the workspace has a cycle among its
//! modules, and the core pulls in no front end.
//!
//! **Module cycles.** For each crate, every `crate::…`, `$crate::…`, `super::…` and `self::…`
//! path in its sources (code and doc comments alike: a doc link is a dependency a reader
//! follows; test modules and test-only modules are left out) is resolved to the module it
//! names. A reference from module `a::b` to `a::c::d` is an edge between the siblings `a::b`
//! and `a::c`; a module naming its own ancestor or descendant is no edge (a parent declares its
//! children, a child uses its parent's items). Within each parent, the siblings must form an
//! acyclic graph: a cycle fails the test, naming its modules and the references that make it.
//!
//! **The core's dependencies.** `cargo tree -p tadqiq-core -e normal` must name none of the
//! front ends' crates (command line, file walking, terminal rendering, LSP).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The source directory of each library or binary crate of the workspace.
const CRATES: [&str; 6] = [
    "crates/tadqiq-core/src",
    "crates/tadqiq-workspace/src",
    "crates/tadqiq-lsp/src",
    "crates/tadqiq-eval/src",
    "src",
    "dictionaries/dictgen/src",
];

/// What the core must not depend on (issue 16).
const FORBIDDEN_IN_CORE: [&str; 8] = [
    "clap",
    "ignore",
    "globset",
    "lsp-server",
    "lsp-types",
    "crossbeam-channel",
    "annotate-snippets",
    "flate2",
];

type Module = Vec<String>;

/// One reference from a module to another: where it is written, and the module it names.
#[derive(Clone, Debug)]
struct Reference {
    file: PathBuf,
    line: usize,
    target: Module,
}

/// A crate's modules (by path from its root) and the file of each.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let has_lib = src.join("lib.rs").is_file();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(src).unwrap();
            if p.is_dir() {
                // `src/bin/*.rs` are crates of their own.
                if rel != Path::new("bin") {
                    stack.push(p);
                }
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let mut path: Module = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match path.last().map(String::as_str) {
                Some("lib") if path.len() == 1 => path.clear(),
                // A `main.rs` beside a `lib.rs` is a crate of its own, using the library.
                Some("main") if path.len() == 1 && has_lib => continue,
                Some("main") if path.len() == 1 => path.clear(),
                Some("mod") => {
                    path.pop();
                }
                _ => {}
            }
            out.insert(path, p);
        }
    }
    // Modules declared `#[cfg(test)]` (test helpers) are not part of the crate's architecture.
    let test_only: Vec<Module> = out
        .iter()
        .flat_map(|(m, file)| {
            let text = std::fs::read_to_string(file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let mut found = Vec::new();
            for w in lines.windows(2) {
                if w[0].trim() == "#[cfg(test)]" {
                    let decl = w[1].trim();
                    let decl = decl
                        .strip_prefix("pub(crate) ")
                        .or_else(|| decl.strip_prefix("pub "))
                        .unwrap_or(decl);
                    if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';'))
                    {
                        let mut child = m.clone();
                        child.push(name.to_string());
                        found.push(child);
                    }
                }
            }
            found
        })
        .collect();
    out.retain(|m, _| !test_only.iter().any(|t| m.starts_with(t)));
    out
}

/// The text of a source file without its inline test modules (`#[cfg(test)] mod x { … }`, which
/// rustfmt closes with a `}` at the start of a line).
fn without_tests(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, l)) = lines.next() {
        if l.trim() == "#[cfg(test)]" {
            if let Some((_, next)) = lines.peek() {
                let next = next.trim_start();
                if next.starts_with("mod ") && next.trim_end().ends_with('{') {
                    for (_, l) in lines.by_ref() {
                        if l == "}" {
                            break;
                        }
                    }
                    continue;
                }
            }
        }
        out.push((i + 1, l));
    }
    out
}

/// A tiny reader of `use` trees: `a::b::{c, d::{e, self}, f as g, *}`.
struct PathReader<'a> {
    s: &'a [u8],
    i: usize,
}

impl PathReader<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.s[self.i..].starts_with(token.as_bytes()) {
            self.i += token.len();
            true
        } else {
            false
        }
    }

    /// Every full path of the tree that starts here, each below `prefix`.
    fn tree(&mut self, prefix: &Module, out: &mut Vec<Module>) {
        if self.eat("{") {
            loop {
                if self.eat("}") {
                    break;
                }
                let before = self.i;
                self.tree(prefix, out);
                if self.i == before {
                    // Not a use tree after all (a format string, say): stop here.
                    break;
                }
                if !self.eat(",") {
                    self.eat("}");
                    break;
                }
            }
            return;
        }
        if self.eat("*") {
            out.push(prefix.clone());
            return;
        }
        let Some(id) = self.ident() else {
            out.push(prefix.clone());
            return;
        };
        let mut path = prefix.clone();
        if id != "self" {
            path.push(id);
        }
        if self.eat("::") {
            self.tree(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The modules named by `crate::`, `$crate::`, `super::` and `self::` paths in `line`, written
/// in module `here`.
fn references_in(
    line: &str,
    here: &Module,
    root_reexports: &BTreeMap<String, Module>,
) -> Vec<Module> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &bytes[i..];
        let (base, skip) = if at_word_start && rest.starts_with(b"crate::") {
            (Vec::new(), "crate::".len())
        } else if at_word_start && rest.starts_with(b"super::") {
            let mut base = here.clone();
            let mut skip = 0;
            while bytes[i + skip..].starts_with(b"super::") {
                base.pop();
                skip += "super::".len();
            }
            (base, skip)
        } else if at_word_start && rest.starts_with(b"self::") {
            (here.clone(), "self::".len())
        } else {
            i += 1;
            continue;
        };
        let mut reader = PathReader {
            s: &bytes[i + skip..],
            i: 0,
        };
        let mut paths = Vec::new();
        reader.tree(&base, &mut paths);
        for mut p in paths {
            // `crate::Linter`: a name the crate root re-exports from one of its modules.
            if p.len() == 1 {
                if let Some(m) = root_reexports.get(&p[0]) {
                    p = m.clone();
                }
            }
            out.push(p);
        }
        i += skip + reader.i.max(1);
    }
    out
}

/// Names the crate root re-exports from its own modules (`pub use linter::{Linter, …};`).
fn root_reexports(root: &str) -> BTreeMap<String, Module> {
    let mut out = BTreeMap::new();
    for l in root.lines() {
        let Some(rest) = l.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let rest = rest.strip_prefix("crate::").unwrap_or(rest);
        let mut reader = PathReader {
            s: rest.as_bytes(),
            i: 0,
        };
        let mut paths = Vec::new();
        reader.tree(&Vec::new(), &mut paths);
        for p in paths {
            if p.len() >= 2 {
                out.insert(p.last().unwrap().clone(), vec![p[0].clone()]);
            }
        }
    }
    out
}

/// The module `path` names: its longest prefix that is a module of the crate.
fn resolve(path: &Module, modules: &BTreeMap<Module, PathBuf>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains_key(p))
        .unwrap_or_default()
}

fn show(m: &Module) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

/// The module cycles of the crate whose sources are in `src`, described for a person.
fn cycles(src: &Path) -> Vec<String> {
    let modules = modules(src);
    let root = modules
        .get(&Vec::new())
        .map(|f| std::fs::read_to_string(f).unwrap())
        .unwrap_or_default();
    let reexports = root_reexports(&root);
    // Edges between siblings, each with the references that make it.
    let mut edges: BTreeMap<(Module, Module), Vec<Reference>> = BTreeMap::new();
    for (here, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in without_tests(&text) {
            for path in references_in(line, here, &reexports) {
                let target = resolve(&path, &modules);
                if target.starts_with(here) || here.starts_with(&target) {
                    continue;
                }
                let common = here.iter().zip(&target).take_while(|(a, b)| a == b).count();
                let from = here[..=common].to_vec();
                let to = target[..=common].to_vec();
                edges.entry((from, to)).or_default().push(Reference {
                    file: file.clone(),
                    line: line_no,
                    target: target.clone(),
                });
            }
        }
    }
    let mut graph: BTreeMap<&Module, BTreeSet<&Module>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().insert(to);
        graph.entry(to).or_default();
    }
    strongly_connected(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|component| {
            let names: Vec<String> = component.iter().map(|m| show(m)).collect();
            let mut why = Vec::new();
            for ((from, to), refs) in &edges {
                if component.contains(&from) && component.contains(&to) {
                    let r = &refs[0];
                    why.push(format!(
                        "    {} -> {} ({}:{}: names {}{})",
                        show(from),
                        show(to),
                        r.file.display(),
                        r.line,
                        show(&r.target),
                        if refs.len() > 1 {
                            format!(", and {} more", refs.len() - 1)
                        } else {
                            String::new()
                        }
                    ));
                }
            }
            format!(
                "{}: cycle among {}\n{}",
                src.display(),
                names.join(", "),
                why.join("\n")
            )
        })
        .collect()
}

/// Tarjan's strongly connected components.
fn strongly_connected<'m>(
    graph: &BTreeMap<&'m Module, BTreeSet<&'m Module>>,
) -> Vec<Vec<&'m Module>> {
    struct State<'m> {
        index: BTreeMap<&'m Module, usize>,
        low: BTreeMap<&'m Module, usize>,
        stack: Vec<&'m Module>,
        on_stack: BTreeSet<&'m Module>,
        out: Vec<Vec<&'m Module>>,
    }
    fn visit<'m>(
        v: &'m Module,
        graph: &BTreeMap<&'m Module, BTreeSet<&'m Module>>,
        s: &mut State<'m>,
    ) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in &graph[v] {
            if !s.index.contains_key(w) {
                visit(w, graph, s);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut s = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for &v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(v, graph, &mut s);
        }
    }
    s.out
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_crate_has_a_module_cycle() {
    let root = workspace_root();
    let mut found = Vec::new();
    for src in CRATES {
        let dir = root.join(src);
        assert!(dir.is_dir(), "{} is missing", dir.display());
        found.extend(cycles(&dir));
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

/// The checker itself: a cycle written on purpose is found, with the references that make it.
#[test]
fn a_cycle_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("b")).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "pub mod a;\npub mod b;\npub use a::Thing;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("a.rs"),
        "//! Uses [`crate::b::c`].\nuse crate::b::{self, c::Other};\n\n#[cfg(test)]\nmod tests {\n    use crate::b::x;\n}\n",
    )
    .unwrap();
    std::fs::write(src.join("b/mod.rs"), "pub mod c;\n").unwrap();
    std::fs::write(
        src.join("b/c.rs"),
        "/// A [`crate::Thing`].\npub struct Other;\nuse super::super::a;\n",
    )
    .unwrap();
    let found = cycles(src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("cycle among a, b"), "{}", found[0]);
    assert!(found[0].contains("b/c.rs:1: names a"), "{}", found[0]);
    assert!(found[0].contains("and 1 more"), "{}", found[0]);

    // Test modules are no edge: without the links above, no cycle.
    std::fs::write(
        src.join("b/c.rs"),
        "pub struct Other;\n#[cfg(test)]\nmod tests {\n    use crate::a;\n}\n",
    )
    .unwrap();
    assert_eq!(cycles(src), Vec::<String>::new());
}

#[test]
fn the_core_depends_on_no_front_end() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            "tadqiq-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .expect("run cargo tree");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: BTreeSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains("tadqiq-core"), "{stdout}");
    assert!(names.contains("fst"), "{stdout}");
    let bad: Vec<&str> = FORBIDDEN_IN_CORE
        .iter()
        .copied()
        .filter(|n| names.contains(n))
        .collect();
    assert!(bad.is_empty(), "the core depends on {bad:?}:\n{stdout}");
}
