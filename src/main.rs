// The people index is decoded into millions of small allocations on two
// threads, where glibc's allocator grows and locks its arenas page by page
// (BENCHMARKS.md has the figures).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    backstop::cli::main()
}
