//! Rebuilds when a file is added to or removed from the embedded sample collection
//! (include_dir alone notices only changes to files it already embedded).

fn main() {
    println!("cargo:rerun-if-changed=assets/sample");
}
