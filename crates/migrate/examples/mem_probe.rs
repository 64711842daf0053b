#![allow(clippy::print_stdout, clippy::unwrap_used)]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static HIST: [AtomicUsize; 64] = [const { AtomicUsize::new(0) }; 64];
static HISTB: [AtomicUsize; 64] = [const { AtomicUsize::new(0) }; 64];
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        let b = (l.size().min(1023)) / 16;
        HIST[b.min(63)].fetch_add(1, Relaxed);
        HISTB[b.min(63)].fetch_add(l.size(), Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        let b = (l.size().min(1023)) / 16;
        HIST[b.min(63)].fetch_sub(1, Relaxed);
        HISTB[b.min(63)].fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}
#[global_allocator]
static A: Counting = Counting;
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().nth(1).unwrap().to_string() + " ")
        .collect()
}
fn mark(what: &str) {
    println!(
        "{what:10} rss/hwm {} KiB live {:>7.1} MB  peak {:>7.1} MB",
        rss(),
        LIVE.load(Relaxed) as f64 / 1e6,
        PEAK.load(Relaxed) as f64 / 1e6
    );
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}
fn main() {
    sizes();
    let args: Vec<String> = std::env::args().collect();
    let mut irs = Vec::new();
    for path in &args[1..] {
        let mut loaded = plumb_psl::load(std::path::Path::new(path)).unwrap();
        mark("load");
        for (i, (c, b)) in HIST.iter().zip(HISTB.iter()).enumerate() {
            let c = c.load(Relaxed);
            if c > 1000 {
                println!(
                    "  size {:>4}..{:>4}: {:>8} allocs {:>7.1} MB",
                    i * 16,
                    i * 16 + 15,
                    c,
                    b.load(Relaxed) as f64 / 1e6
                );
            }
        }
        plumb_psl::validate(&loaded.asts, &mut loaded.diagnostics);
        mark("validate");
        let ir = plumb_lower::lower(&loaded.asts);
        mark("lower");
        drop(loaded);
        mark("drop ast");
        irs.push(ir);
    }
    let m = plumb_diff::diff(&irs[0], &irs[1]);
    mark("diff");
    let s = plumb_render::script(&m);
    mark("render");
    println!("{}", s.len());
}
#[allow(dead_code)]
fn sizes() {
    use std::mem::size_of;
    println!(
        "Field {} Attribute {} Argument {} Expression {} Identifier {} FieldType {} Model {} Top {}",
        size_of::<plumb_psl::ast::Field>(),
        size_of::<plumb_psl::ast::Attribute>(),
        size_of::<plumb_psl::ast::Argument>(),
        size_of::<plumb_psl::ast::Expression>(),
        size_of::<plumb_psl::ast::Identifier>(),
        size_of::<plumb_psl::ast::FieldType>(),
        size_of::<plumb_psl::ast::Model>(),
        size_of::<plumb_psl::ast::Top>()
    );
    println!(
        "Column {} ColumnType {} Default {} Table {} Index {} IndexColumn {} FK {} QName {} PK {}",
        size_of::<plumb_ir::Column>(),
        size_of::<plumb_ir::ColumnType>(),
        size_of::<Option<plumb_ir::Default>>(),
        size_of::<plumb_ir::Table>(),
        size_of::<plumb_ir::Index>(),
        size_of::<plumb_ir::IndexColumn>(),
        size_of::<plumb_ir::ForeignKey>(),
        size_of::<plumb_ir::QualifiedName>(),
        size_of::<plumb_ir::PrimaryKey>()
    );
}
