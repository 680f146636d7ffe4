//! Compiles the dictionaries in the repository's top-level `dictionaries/` into FSTs in OUT_DIR,
//! which `src/dict` embeds.
//! The work is in `tadqiq_dictgen::build` (see dictionaries/README.md); this only wires it to
//! cargo. It runs again only when a source file changes.

use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // crates/tadqiq-core → the repository's top level.
    let top = root
        .parent()
        .and_then(std::path::Path::parent)
        .expect("the core sits in crates/ at the top of the repository");
    let src = top.join("dictionaries");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for p in tadqiq_dictgen::build::inputs(&src) {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    match tadqiq_dictgen::build::build_all(&src, &out) {
        Ok(report) => {
            // Shown with `cargo build -vv`; kept in OUT_DIR for inspection.
            let log = report.lines.join("\n");
            std::fs::write(
                out.join("dictionaries.log"),
                format!("{log}\ntotal {:.1}s\n", report.seconds),
            )
            .expect("write build log");
            for l in &report.lines {
                println!("dictionaries: {l}");
            }
        }
        Err(e) => {
            eprintln!(
                "error: building the dictionaries from {} failed: {e}",
                src.display()
            );
            std::process::exit(1);
        }
    }
}
