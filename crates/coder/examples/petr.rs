//! Development driver for `petrel eval petr` that builds without the whole CLI:
//! `cargo run -p petrel-coder --example petr -- FILE.xml [--verbs V] [--show-failures] [--json]`.

#[path = "../../cli/src/cmd/eval_petr.rs"]
mod eval_petr;

#[derive(clap::Parser)]
struct Cli {
    #[command(flatten)]
    args: eval_petr::Args,
}

fn main() -> anyhow::Result<()> {
    let cli = <Cli as clap::Parser>::parse();
    std::process::exit(eval_petr::run(cli.args)?);
}
