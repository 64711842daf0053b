fn hwm(what: &str) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or_default();
    eprintln!("{what:10} {line}");
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut irs = Vec::new();
    for path in &args[1..] {
        let mut loaded = plumb_psl::load(std::path::Path::new(path)).unwrap_or_default();
        hwm("load");
        plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
        hwm("validate");
        let ir = plumb_lower::lower(&loaded.asts);
        hwm("lower");
        drop(loaded);
        irs.push(ir);
    }
    let m = plumb_diff::diff(&irs[0], &irs[1]);
    hwm("diff");
    let s = plumb_render::script(&m);
    hwm("render");
    std::hint::black_box(s);
}
