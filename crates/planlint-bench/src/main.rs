//! `parse-only FILES|FOLDERS...`: the benchmark's baseline. Reads every `*.md` file under the
//! paths (sorted, recursively), parses it with comrak using the options planlint's parser uses,
//! and does nothing else, on one thread. Prints the number of files and of top-level nodes so
//! that the work cannot be optimised away.

use std::path::{Path, PathBuf};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for c in children {
            collect(&c, out);
        }
    } else if path.extension().is_some_and(|e| e == "md") {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let mut nodes = 0usize;
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, &text, &options);
        nodes += root.children().count();
    }
    println!("{} files, {nodes} top-level nodes", files.len());
}
