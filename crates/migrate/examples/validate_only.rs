fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let mut loaded = plumb_psl::load(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
    std::hint::black_box(&loaded);
}
