// The people index is decoded into millions of small allocations on two
// threads; jemalloc takes about 0.1 s off a 100,000-article re-check that
// glibc's allocator spends growing and locking its arenas (BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    backstop::cli::main()
}
