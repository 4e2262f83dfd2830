//! Writes the Unicode tables (build/unicode_tables.rs) and the brand statics
//! (build/brand_tables.rs) into OUT_DIR, from the Unicode crates and src/data/brands.json.

#[path = "build/brand_tables.rs"]
mod brand_tables;
#[path = "build/unicode_tables.rs"]
mod unicode_tables;

use std::path::PathBuf;

const EXTRA_CONFUSABLES: &str = "src/data/extra-confusables.txt";
const BRANDS: &str = "src/data/brands.json";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/unicode_tables.rs");
    println!("cargo:rerun-if-changed={EXTRA_CONFUSABLES}");
    println!("cargo:rerun-if-changed=build/brand_tables.rs");
    println!("cargo:rerun-if-changed={BRANDS}");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let extra = std::fs::read_to_string(EXTRA_CONFUSABLES)
        .map_err(|e| e.to_string())
        .and_then(|text| unicode_tables::extra_confusables(&text))
        .and_then(|pairs| unicode_tables::source(&pairs))
        .unwrap_or_else(|e| panic!("{EXTRA_CONFUSABLES}: {e}"));
    std::fs::write(dir.join("unicode_tables.rs"), extra).expect("OUT_DIR is writable");
    let brands = std::fs::read_to_string(BRANDS)
        .map_err(|e| e.to_string())
        .and_then(|json| brand_tables::source(&json))
        .unwrap_or_else(|e| panic!("{BRANDS}: {e}"));
    std::fs::write(dir.join("embedded_brands.rs"), brands).expect("OUT_DIR is writable");
}
