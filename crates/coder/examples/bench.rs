//! Development driver for `petrel bench code` that builds without the whole CLI:
//! `cargo run --release -p petrel-coder --example bench`.

#[path = "../../cli/src/cmd/bench_code.rs"]
mod bench_code;
mod cmd {
    pub mod util {
        /// Same as the CLI's `cmd::util::peak_rss_mib` (Linux `VmHWM`).
        pub fn peak_rss_mib() -> Option<f64> {
            let status = std::fs::read_to_string("/proc/self/status").ok()?;
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        }
    }
}

#[derive(clap::Parser)]
struct Cli {
    #[command(flatten)]
    args: bench_code::Args,
}

fn main() -> anyhow::Result<()> {
    let cli = <Cli as clap::Parser>::parse();
    std::process::exit(bench_code::run(cli.args)?);
}
